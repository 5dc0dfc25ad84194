import { AppError, localizedError } from './errors';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// Jira renders `2026-11-24T00:30:00.000-0800`; ISO-8601 also allows `Z` and `+05:30`.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;

function utcDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0–99 literal
  date.setUTCHours(hour, minute, second, ms);
  return date;
}

function isRealDay(date: Date, year: number, month: number, day: number): boolean {
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function offsetMinutes(text: string): number | null {
  if (text === 'Z' || text === 'z') return 0;
  const digits = text.slice(1).replace(':', ''); // `+05`, `+0530` or `+05:30`
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 18 || minutes > 59) return null;
  return (text[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** An ISO-8601 instant with an offset (Jira's or the timecard's forms), or null. */
export function parseInstant(text: string | null | undefined): Date | null {
  if (typeof text !== 'string') return null;
  const match = INSTANT.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zone] = match;
  const year = Number(y),
    month = Number(mo),
    day = Number(d);
  const hour = Number(h),
    minute = Number(mi),
    second = Number(s);
  const offset = offsetMinutes(zone);
  if (offset === null || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const wall = utcDate(year, month, day, hour, minute, second, ms);
  if (!isRealDay(wall, year, month, day)) return null;
  return new Date(wall.getTime() - offset * 60_000);
}

/** Like parseInstant, but a date Jira sent that cannot be read is a bug worth surfacing. */
export function parseJiraInstant(text: string): Date {
  const date = parseInstant(text);
  if (!date) throw new AppError('internal', `Jira sent a date the app cannot read: "${String(text).slice(0, 60)}".`);
  return date;
}

function toDate(instant: Date | string): Date {
  const date = typeof instant === 'string' ? parseJiraInstant(instant) : instant;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new AppError('internal', 'Not a valid date.');
  return date;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Exactly `yyyy-MM-dd'T'HH:mm:ss.SSS+0000`, the only `started` format Jira accepts. */
export function formatJiraStarted(instant: Date | string): string {
  const d = toDate(instant);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

/** `2026-11-01T00:00:00.000Z`: the only format the timecard server's date filters accept. */
export function toTimecardDate(d: Date): string {
  return toDate(d).toISOString();
}

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    if (!isValidTimeZone(timeZone)) throw new AppError('internal', `Unknown time zone "${timeZone}".`);
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: string;
}

function wallClock(date: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: parts.weekday,
  };
}

const dayString = (w: { year: number; month: number; day: number }): string => `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;

/** The calendar day, clock time and weekday ("Mon") an instant has in a time zone. */
export function zonedParts(instant: Date | string, timeZone: string): { date: string; time: string; weekday: string } {
  const w = wallClock(toDate(instant), timeZone);
  return { date: dayString(w), time: `${pad(w.hour)}:${pad(w.minute)}`, weekday: w.weekday };
}

/** Milliseconds the zone's clock is ahead of UTC at this instant. */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const w = wallClock(new Date(whole), timeZone);
  return utcDate(w.year, w.month, w.day, w.hour, w.minute, w.second).getTime() - whole;
}

function parseDay(day: string): Date | null {
  const match = DATE_ONLY.exec(day);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  const date = utcDate(y, m, d);
  return isRealDay(date, y, m, d) ? date : null;
}

export function isDateOnly(text: string): boolean {
  return parseDay(text.trim()) !== null;
}

/** `2026-03-31` plus 1 → `2026-04-01` (pure calendar arithmetic, no zone). */
export function addCalendarDays(day: string, days: number): string {
  const date = parseDay(day);
  if (!date) throw localizedError('invalid-payload', { key: 'errors.dates.notADay', params: { day } });
  date.setUTCDate(date.getUTCDate() + days);
  return dayString({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

/** The first instant of a calendar day in a zone (01:00 where the clocks skip midnight). */
export function startOfZonedDay(day: string, timeZone: string): Date {
  const midnightUtc = parseDay(day);
  if (!midnightUtc) throw localizedError('invalid-payload', { key: 'errors.dates.notADay', params: { day } });
  const naive = midnightUtc.getTime();
  const isOnOrAfterDay = (ms: number): boolean => dayString(wallClock(new Date(ms), timeZone)) >= day;

  const guess = naive - zoneOffsetMs(naive - zoneOffsetMs(naive, timeZone), timeZone);
  if (isOnOrAfterDay(guess) && !isOnOrAfterDay(guess - 1000)) return new Date(guess);

  // Midnight falls in a DST gap or near a transition: search for the first second of the day.
  let before = Math.floor((naive - 15 * 3_600_000) / 1000);
  let after = Math.ceil((naive + 15 * 3_600_000) / 1000);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (isOnOrAfterDay(middle * 1000)) after = middle;
    else before = middle;
  }
  return new Date(after * 1000);
}

function rangeBound(text: string, timeZone: string, isEnd: boolean): Date {
  const trimmed = text.trim();
  if (isDateOnly(trimmed)) return startOfZonedDay(isEnd ? addCalendarDays(trimmed, 1) : trimmed, timeZone);
  const instant = parseInstant(trimmed);
  if (!instant) {
    throw localizedError('invalid-payload', { key: 'errors.dates.notAnInstant', params: { value: trimmed.slice(0, 40) } });
  }
  return instant;
}

// A range of N whole days can be an hour or two longer than N × 24 h across a DST change.
const DST_TOLERANCE_MS = 3 * 3_600_000;

/**
 * [start, end) for a listing. A date-only `from` starts that day in the zone; a date-only
 * `to` includes that whole day. Date-times with an offset are taken as instants.
 */
export function resolveDateRange(from: string, to: string, timeZone: string, maxDays = 366): { start: Date; end: Date } {
  const start = rangeBound(from, timeZone, false);
  const end = rangeBound(to, timeZone, true);
  if (start.getTime() >= end.getTime()) {
    throw localizedError('invalid-payload', { key: 'errors.dates.rangeOrder' });
  }
  if (end.getTime() - start.getTime() > maxDays * DAY_MS + DST_TOLERANCE_MS) {
    throw localizedError('invalid-payload', { key: 'errors.dates.rangeTooLong', params: { count: maxDays } });
  }
  return { start, end };
}

/** Today and the `days - 1` days before it, as whole days in the zone. */
export function lastDaysRange(days: number, now: Date, timeZone: string): { start: Date; end: Date } {
  if (!Number.isInteger(days) || days < 1) throw localizedError('invalid-payload', { key: 'errors.dates.dayCount' });
  const today = zonedParts(now, timeZone).date;
  return {
    start: startOfZonedDay(addCalendarDays(today, 1 - days), timeZone),
    end: startOfZonedDay(addCalendarDays(today, 1), timeZone),
  };
}
