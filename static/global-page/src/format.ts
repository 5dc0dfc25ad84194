// Pure helpers for dates, durations and ranges. Calendar days are `YYYY-MM-DD` strings read in the
// person's Jira time zone; day arithmetic is done on those strings (UTC noon), never on local time.

import { dateTimeFormat as dtf, type DayKey } from '../../../src/shared/ui/format';
import type { Messages } from './messages';

export { dayKey, firstDayOfWeek, formatTime, safeTimeZone, toIntlLocale, type DayKey, type Zone } from '../../../src/shared/ui/format';

const DAY_MS = 86_400_000;

function keyToUtc(key: DayKey): Date {
  return new Date(`${key}T12:00:00Z`);
}

function utcToKey(date: Date): DayKey {
  return date.toISOString().slice(0, 10);
}

export function addDays(key: DayKey, days: number): DayKey {
  return utcToKey(new Date(keyToUtc(key).getTime() + days * DAY_MS));
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: DayKey, to: DayKey): DayKey[] {
  const out: DayKey[] = [];
  if (from > to) return out;
  for (let day = from; day <= to && out.length < 400; day = addDays(day, 1)) out.push(day);
  return out;
}

export type RangePreset = 'this-week' | 'last-week' | 'this-month' | 'custom';
export interface DateRange {
  preset: RangePreset;
  from: DayKey;
  to: DayKey;
}

export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: DayKey, weekStart: number): DateRange {
  if (preset === 'this-month') {
    const [y, m] = today.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const mm = String(m).padStart(2, '0');
    return { preset, from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
  }
  const isoDow = ((keyToUtc(today).getUTCDay() + 6) % 7) + 1; // 1 = Monday
  const back = (isoDow - weekStart + 7) % 7;
  let from = addDays(today, -back);
  if (preset === 'last-week') from = addDays(from, -7);
  return { preset, from, to: addDays(from, 6) };
}

export function formatDateTime(instant: string, timeZone: string, locale: string): string {
  return dtf(locale, { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
}

/** `2026-11-24 09:05:00` in the given zone: sortable and unambiguous for CSV. */
export function formatIsoLocal(instant: string, timeZone: string): string {
  const parts = dtf('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

export function formatDayHeading(key: DayKey, locale: string): string {
  return dtf(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(keyToUtc(key));
}

export function formatDayShort(key: DayKey, locale: string): { weekday: string; date: string } {
  const d = keyToUtc(key);
  return {
    weekday: dtf(locale, { timeZone: 'UTC', weekday: 'short' }).format(d),
    date: dtf(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(d),
  };
}

export function formatRange(range: { from: DayKey; to: DayKey }, m: Messages): string {
  const fmt = dtf(m.locale, { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
  return m.t('dates.range', { from: fmt.format(keyToUtc(range.from)), to: fmt.format(keyToUtc(range.to)) });
}
