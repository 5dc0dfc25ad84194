// Time tracked in the timecard vs time logged to Jira, as a plain SVG bar chart: per day, or per
// week or month on long ranges (so the bars stay readable). Lazy-loaded.
import { useMemo } from 'react';
import type { RecordView } from '../../../../src/shared/contract';
import { recordsByDay, timeTotals } from '../../../../src/shared/ui/records';
import { useEnv } from '../env';
import { addDays, daysBetween, formatDayHeading, formatDayShort, formatRange, type DayKey } from '../format';
import { ENGLISH, useMessages, type Messages } from '../messages';

export interface DayTotal {
  day: DayKey;
  trackedSeconds: number;
  loggedSeconds: number;
}

export function dailyTotals(records: readonly RecordView[], from: DayKey, to: DayKey, timeZone: string): DayTotal[] {
  const byDay = new Map<DayKey, DayTotal>(daysBetween(from, to).map((day) => [day, { day, trackedSeconds: 0, loggedSeconds: 0 }]));
  for (const [day, list] of recordsByDay(records, timeZone)) {
    const t = byDay.get(day);
    if (t) Object.assign(t, timeTotals(list));
  }
  return [...byDay.values()];
}

type Grain = 'day' | 'week' | 'month';

/** Days up to a month, weeks up to half a year, months beyond. */
export function grainFor(from: DayKey, to: DayKey): Grain {
  const days = daysBetween(from, to).length;
  return days <= 31 ? 'day' : days <= 183 ? 'week' : 'month';
}

interface Bucket extends DayTotal {
  /** Axis label: a weekday over a date, or a date, or a month. */
  label: { top: string; bottom: string };
  /** What the bar covers, for its tooltip and the table. */
  heading: string;
}

/** The day totals summed per `grain`: weeks start on `weekStart` (1 = Monday), a bucket's `day` is its first day in the range. */
export function bucketTotals(days: readonly DayTotal[], grain: Grain, weekStart: number, locale: string, m: Messages = ENGLISH): Bucket[] {
  const month = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short' });
  const monthYear = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' });
  const buckets = new Map<string, Bucket>();
  for (const d of days) {
    const at = new Date(`${d.day}T12:00:00Z`);
    const isoDow = ((at.getUTCDay() + 6) % 7) + 1;
    const key = grain === 'day' ? d.day : grain === 'week' ? addDays(d.day, -((isoDow - weekStart + 7) % 7)) : d.day.slice(0, 7);
    let bucket = buckets.get(key);
    if (!bucket) {
      const short = formatDayShort(d.day, locale);
      bucket =
        grain === 'day'
          ? {
              day: d.day,
              trackedSeconds: 0,
              loggedSeconds: 0,
              label: { top: short.weekday, bottom: short.date },
              heading: formatDayHeading(d.day, locale),
            }
          : grain === 'week'
            ? {
                day: d.day,
                trackedSeconds: 0,
                loggedSeconds: 0,
                label: { top: '', bottom: formatDayShort(key, locale).date },
                heading: m.t('chart.weekOf', { day: formatDayHeading(key, locale) }),
              }
            : {
                day: d.day,
                trackedSeconds: 0,
                loggedSeconds: 0,
                label: { top: month.format(at), bottom: d.day.slice(0, 4) },
                heading: monthYear.format(at),
              };
      buckets.set(key, bucket);
    }
    bucket.trackedSeconds += d.trackedSeconds;
    bucket.loggedSeconds += d.loggedSeconds;
  }
  return [...buckets.values()];
}

/** Axis maximum in hours: a "nice" number of whole hours at or above the largest bar. */
function niceMaxHours(maxSeconds: number): { max: number; step: number } {
  const hours = Math.max(1, Math.ceil(maxSeconds / 3600));
  const step = hours <= 4 ? 1 : hours <= 8 ? 2 : hours <= 16 ? 4 : hours <= 40 ? 10 : Math.ceil(hours / 40) * 10;
  return { max: Math.ceil(hours / step) * step, step };
}

const LOGGED_HATCH = 'tc-logged-hatch';
const W = 800;
const H = 260;
const M = { top: 12, right: 8, bottom: 40, left: 44 };

export default function OverviewChart({
  records,
  from,
  to,
  loading,
}: {
  records: readonly RecordView[] | null;
  from: DayKey;
  to: DayKey;
  loading: boolean;
}) {
  const { timeZone, locale, weekStart } = useEnv();
  const m = useMessages();
  const grain = grainFor(from, to);
  const days = useMemo(
    () => bucketTotals(dailyTotals(records ?? [], from, to, timeZone), grain, weekStart, locale, m),
    [records, from, to, timeZone, grain, weekStart, locale, m],
  );
  const tracked = days.reduce((s, d) => s + d.trackedSeconds, 0);
  const logged = days.reduce((s, d) => s + d.loggedSeconds, 0);
  const { max, step } = niceMaxHours(Math.max(0, ...days.map((d) => Math.max(d.trackedSeconds, d.loggedSeconds))));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(2, Math.min(28, slot * 0.36));
  const y = (seconds: number) => M.top + plotH - (seconds / 3600 / max) * plotH;
  const labelEvery = days.length <= 16 ? 1 : Math.ceil(days.length / 16);
  const ticks = Array.from({ length: max / step + 1 }, (_, i) => i * step);
  const rangeText = formatRange({ from, to }, m);

  return (
    <div className="tc-screen">
      <div className="tc-overview-head">
        <div>
          <h2 className="tc-h2">{m.t('chart.title')}</h2>
          <div className="tc-subtle">{rangeText}</div>
        </div>
        <ul className="tc-counts" aria-label={m.t('chart.totals')}>
          <li>{m.rich('chart.trackedTotal', { duration: <Total key="n" seconds={tracked} /> })}</li>
          <li>{m.rich('chart.loggedTotal', { duration: <Total key="n" seconds={logged} /> })}</li>
          <li>{m.rich('chart.notLoggedTotal', { duration: <Total key="n" seconds={Math.max(0, tracked - logged)} /> })}</li>
        </ul>
      </div>
      <div className="tc-legend" aria-hidden="true">
        <span>
          <i className="tc-swatch tc-bar-tracked" /> {m.t('chart.tracked')}
        </span>
        <span>
          <i className="tc-swatch tc-bar-logged" /> {m.t('chart.loggedToJira')}
        </span>
      </div>
      <svg
        className={`tc-chart${loading ? ' is-loading' : ''}`}
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={m.t(`chart.label.${grain}`, { range: rangeText })}
      >
        {/* Logged bars are hatched as well as green, so the two series differ without colour. */}
        <defs>
          <pattern id={LOGGED_HATCH} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect className="tc-hatch-base" width="6" height="6" />
            <line className="tc-hatch-line" x1="0" y1="0" x2="0" y2="6" />
          </pattern>
        </defs>
        {ticks.map((h) => (
          <g key={h}>
            <line className="tc-grid" x1={M.left} x2={W - M.right} y1={y(h * 3600)} y2={y(h * 3600)} />
            <text className="tc-axis" x={M.left - 6} y={y(h * 3600)} dy="0.32em" textAnchor="end">
              {m.t('chart.hours', { hours: h })}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const cx = M.left + slot * i + slot / 2;
          const { label, heading } = d;
          return (
            <g key={d.day} data-day={d.day}>
              <rect
                className="tc-bar-tracked"
                x={cx - barW - 1}
                width={barW}
                y={y(d.trackedSeconds)}
                height={Math.max(0, y(0) - y(d.trackedSeconds))}
                rx={2}
              >
                <title>{m.t('chart.barTracked', { heading, duration: m.duration(d.trackedSeconds) })}</title>
              </rect>
              <rect
                className="tc-bar-logged"
                fill={`url(#${LOGGED_HATCH})`}
                x={cx + 1}
                width={barW}
                y={y(d.loggedSeconds)}
                height={Math.max(0, y(0) - y(d.loggedSeconds))}
                rx={2}
              >
                <title>{m.t('chart.barLogged', { heading, duration: m.duration(d.loggedSeconds) })}</title>
              </rect>
              {i % labelEvery === 0 ? (
                <text className="tc-axis" x={cx} y={H - M.bottom + 16} textAnchor="middle">
                  {days.length <= 16 ? label.top : ''}
                  <tspan x={cx} dy="1.2em">
                    {label.bottom}
                  </tspan>
                </text>
              ) : null}
            </g>
          );
        })}
        <line className="tc-axis-line" x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} />
      </svg>
      <table className="tc-visually-hidden" aria-label={m.t(`chart.tableLabel.${grain}`)}>
        <thead>
          <tr>
            <th scope="col">{m.t(`chart.grain.${grain}`)}</th>
            <th scope="col">{m.t('chart.tracked')}</th>
            <th scope="col">{m.t('chart.logged')}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{grain === 'day' ? d.day : d.heading}</th>
              <td>{m.duration(d.trackedSeconds)}</td>
              <td>{m.duration(d.loggedSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Total({ seconds }: { seconds: number }) {
  const m = useMessages();
  return <span className="tc-count-n">{m.duration(seconds)}</span>;
}
