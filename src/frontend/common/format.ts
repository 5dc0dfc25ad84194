// Dates and durations as the person reads them: in their Jira time zone, in their locale.
import { dateTimeFormat, dayKey, formatDuration, formatTime, type Zone } from '../../shared/ui/format';
import { messages } from './messages';

export { formatDuration, formatTime, makeZone, safeTimeZone, toIntlLocale, type Zone } from '../../shared/ui/format';

function parts(date: Date, zone: Zone, options: Intl.DateTimeFormatOptions): string {
  return dateTimeFormat(zone.locale, { timeZone: zone.timeZone, ...options }).format(date);
}

/** "Tue, 24 Nov" (with the year when it is not this year), in the person's zone and locale. */
export function formatDay(iso: string, zone: Zone, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return messages.common.notAvailable;
  const sameYear = dayKey(date, zone.timeZone).slice(0, 4) === dayKey(now, zone.timeZone).slice(0, 4);
  return parts(date, zone, { weekday: 'short', day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) });
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
  return startDay === endDay || Number.isNaN(new Date(endIso).getTime()) ? `${start}–${end}` : `${start}–${end} ${words.nextDay}`;
}

export function formatSeconds(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? messages.common.notAvailable : formatDuration(seconds);
}
