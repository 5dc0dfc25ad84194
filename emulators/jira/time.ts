/** Jira date-time and duration formats. */

const STARTED_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})([+-])(\d{2})(\d{2})$/;

/** Parses `yyyy-MM-dd'T'HH:mm:ss.SSSZ` (Z = ±hhmm) strictly; returns epoch ms or null. */
export function parseJiraDateTime(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = STARTED_RE.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se, ms, sign, oh, om] = m.slice(1);
  const year = Number(y),
    month = Number(mo),
    day = Number(d);
  const hour = Number(h),
    minute = Number(mi),
    second = Number(se);
  const offH = Number(oh),
    offM = Number(om);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (offH > 18 || offM > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, Number(ms));
  const offset = (offH * 60 + offM) * 60000 * (sign === '+' ? 1 : -1);
  return local - offset;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at `epochMs`, in minutes. */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(whole))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return Math.round((asUtc - whole) / 60000);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Renders an instant as Jira does for a reader: `2026-11-24T00:30:00.000-0800`. */
export function formatJiraDateTime(epochMs: number, timeZone: string): string {
  const off = offsetMinutes(epochMs, timeZone);
  const d = new Date(epochMs + off * 60000);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

/** Site time-tracking configuration (Jira defaults). */
export const TIME_TRACKING = {
  workingHoursPerDay: 8,
  workingDaysPerWeek: 5,
  timeFormat: 'pretty' as const,
  defaultUnit: 'minute' as const,
};

const UNIT_SECONDS: Record<string, number> = {
  w: TIME_TRACKING.workingDaysPerWeek * TIME_TRACKING.workingHoursPerDay * 3600,
  d: TIME_TRACKING.workingHoursPerDay * 3600,
  h: 3600,
  m: 60,
};

/** Parses Jira duration syntax ("3h 20m", "1w 2d", "1.5h", "90" = minutes); null when invalid. */
export function parseDuration(input: unknown): number | null {
  if (typeof input !== 'string') return null;
  const s = input.trim().toLowerCase();
  if (!s) return null;
  if (/^\d+$/.test(s)) return Number(s) * UNIT_SECONDS.m;
  const tokens = s
    .split(/\s+/)
    .join('')
    .match(/\d+(?:\.\d+)?[wdhm]/g);
  if (!tokens || tokens.join('') !== s.replace(/\s+/g, '')) return null;
  let total = 0;
  for (const t of tokens) total += Number(t.slice(0, -1)) * UNIT_SECONDS[t.slice(-1)];
  return Math.round(total);
}

/** Jira "pretty" duration: 5700 -> "1h 35m", 28800 -> "1d". Seconds under a minute are dropped. */
export function formatDuration(seconds: number): string {
  let rest = Math.floor(seconds / 60) * 60;
  const out: string[] = [];
  for (const u of ['w', 'd', 'h', 'm']) {
    const n = Math.floor(rest / UNIT_SECONDS[u]);
    if (n > 0) {
      out.push(`${n}${u}`);
      rest -= n * UNIT_SECONDS[u];
    }
  }
  return out.length ? out.join(' ') : '0m';
}
