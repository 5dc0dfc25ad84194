// Dates, times and durations as the person reads them, in their Jira time zone and locale: one
// module for both frontends (the UI Kit surfaces and the global page). Pure: no bridge, no React.
import { formatDuration } from '../../domain/duration';
import { isValidTimeZone } from '../../domain/time';

export { formatDuration };

/** A calendar day in the person's zone, `YYYY-MM-DD`. */
export type DayKey = string;

export interface Zone {
  timeZone: string;
  locale: string;
}

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

export function makeZone(timeZone: string | null | undefined, locale: string | null | undefined): Zone {
  return { timeZone: safeTimeZone(timeZone), locale: toIntlLocale(locale) };
}

// Building an Intl.DateTimeFormat costs far more than using one; a table of 1,000 rows reuses a handful.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached Intl.DateTimeFormat (`options` carries the time zone). */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

/** The calendar day an instant falls on in `timeZone`. */
export function dayKey(instant: string | Date, timeZone: string): DayKey {
  const found: Record<string, string> = {};
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  for (const part of dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date)) {
    found[part.type] = part.value;
  }
  return `${found.year}-${found.month}-${found.day}`;
}

/** Shown for a time that is not a date the app can read (language-neutral). */
export const NOT_AVAILABLE = '—';

/** "09:05" (or "9:05 AM", as the locale writes it) in the person's zone. */
export function formatTime(instant: string, zone: Zone): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return NOT_AVAILABLE;
  return dateTimeFormat(zone.locale, { timeZone: zone.timeZone, hour: '2-digit', minute: '2-digit' }).format(date);
}

/** 1 = Monday ... 7 = Sunday (ISO), the locale's first day of the week. */
export function firstDayOfWeek(locale: string): number {
  try {
    const loc = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const info = typeof loc.getWeekInfo === 'function' ? loc.getWeekInfo() : loc.weekInfo;
    if (info && info.firstDay >= 1 && info.firstDay <= 7) return info.firstDay;
    return weekStartByRegion(loc.maximize().region);
  } catch {
    return 1;
  }
}

// CLDR's weekData "firstDay" for the regions whose week does not start on Monday, for engines
// without Intl.Locale week info (Firefox, older Node): Sunday (7), Saturday (6) or Friday (5).
const SUNDAY_REGIONS = new Set(
  'AG AS BD BR BS BT BW BZ CA CN CO DM DO ET GT GU HK HN ID IL IN JM JP KE KH KR LA MH MM MO MT MX MZ NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW'.split(
    ' ',
  ),
);
const SATURDAY_REGIONS = new Set('AE AF BH DJ DZ EG IQ IR JO KW LY OM QA SD SY'.split(' '));

function weekStartByRegion(region: string | undefined): number {
  if (!region) return 1;
  if (region === 'MV') return 5;
  if (SATURDAY_REGIONS.has(region)) return 6;
  return SUNDAY_REGIONS.has(region) ? 7 : 1;
}
