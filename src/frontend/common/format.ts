// Dates and durations as the person reads them: in their Jira time zone, in their locale.
import { formatDuration } from '../../domain/duration';
import { isValidTimeZone } from '../../domain/time';
import { messages } from './messages';

export { formatDuration };

const FALLBACK_LOCALE = 'en-GB';

/** Forge sends locales like `en_US`; Intl wants `en-US`. Unknown or missing → a sane default. */
export function toIntlLocale(locale: string | null | undefined): string {
  const candidate = (locale ?? '').replace(/_/g, '-').trim();
  if (candidate === '') return FALLBACK_LOCALE;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([candidate]).length > 0 ? candidate : FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE;
  }
}

export function safeTimeZone(timeZone: string | null | undefined): string {
  return isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

export interface Zone {
  timeZone: string;
  locale: string;
}

export function makeZone(timeZone: string | null | undefined, locale: string | null | undefined): Zone {
  return { timeZone: safeTimeZone(timeZone), locale: toIntlLocale(locale) };
}

// Building an Intl.DateTimeFormat costs far more than using one; a table formats many cells.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, found);
  }
  return found;
}

function parts(date: Date, zone: Zone, options: Intl.DateTimeFormatOptions): string {
  return formatter(zone.locale, zone.timeZone, options).format(date);
}

/** `2026-11-24` as the zone's calendar day (for comparing days). */
function dayKey(date: Date, timeZone: string): string {
  const found: Record<string, string> = {};
  for (const part of formatter('en-US', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date)) {
    found[part.type] = part.value;
  }
  return `${found.year}-${found.month}-${found.day}`;
}

/** "Tue, 24 Nov" (with the year when it is not this year), in the person's zone and locale. */
export function formatDay(iso: string, zone: Zone, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return messages.common.notAvailable;
  const sameYear = dayKey(date, zone.timeZone).slice(0, 4) === dayKey(now, zone.timeZone).slice(0, 4);
  return parts(date, zone, { weekday: 'short', day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) });
}

export function formatTime(iso: string, zone: Zone): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return messages.common.notAvailable;
  return parts(date, zone, { hour: '2-digit', minute: '2-digit' });
}

/** "09:00–10:30", "22:00–01:15 (+1 day)", "09:00–running" (`words` in the person's language). */
export function formatTimeRange(
  startIso: string,
  endIso: string | null,
  zone: Zone,
  words: { running: string; nextDay: string } = messages.panel,
): string {
  const start = formatTime(startIso, zone);
  if (endIso === null) return `${start}–${words.running}`;
  const end = formatTime(endIso, zone);
  const startDay = dayKey(new Date(startIso), zone.timeZone);
  const endDay = dayKey(new Date(endIso), zone.timeZone);
  return startDay === endDay || Number.isNaN(new Date(endIso).getTime())
    ? `${start}–${end}`
    : `${start}–${end} ${words.nextDay}`;
}

export function formatSeconds(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? messages.common.notAvailable : formatDuration(seconds);
}
