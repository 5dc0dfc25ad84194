// Per day: time tracked in the timecard vs time logged to Jira, as a plain SVG bar chart. Lazy-loaded.
import { useMemo } from 'react';
import type { RecordView } from '../../../../src/shared/contract';
import { useEnv } from '../env';
import { dayKeyOf, daysBetween, formatDayHeading, formatDayShort, formatDuration, formatRange, type DayKey } from '../format';

export interface DayTotal {
  day: DayKey;
  trackedSeconds: number;
  loggedSeconds: number;
}

export function dailyTotals(records: readonly RecordView[], from: DayKey, to: DayKey, timeZone: string): DayTotal[] {
  const byDay = new Map<DayKey, DayTotal>(daysBetween(from, to).map((day) => [day, { day, trackedSeconds: 0, loggedSeconds: 0 }]));
  for (const r of records) {
    const t = byDay.get(dayKeyOf(r.start, timeZone));
    if (!t) continue;
    t.trackedSeconds += r.durationSeconds;
    t.loggedSeconds += r.loggedSeconds;
  }
  return [...byDay.values()];
}

/** Axis maximum in hours: a "nice" number of whole hours at or above the largest bar. */
function niceMaxHours(maxSeconds: number): { max: number; step: number } {
  const hours = Math.max(1, Math.ceil(maxSeconds / 3600));
  const step = hours <= 4 ? 1 : hours <= 8 ? 2 : hours <= 16 ? 4 : hours <= 40 ? 10 : Math.ceil(hours / 40) * 10;
  return { max: Math.ceil(hours / step) * step, step };
}

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
  const { timeZone, locale } = useEnv();
  const days = useMemo(() => dailyTotals(records ?? [], from, to, timeZone), [records, from, to, timeZone]);
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
  const rangeText = formatRange({ from, to }, locale);

  return (
    <div className="tc-screen">
      <div className="tc-overview-head">
        <div>
          <h2 className="tc-h2">Tracked vs logged</h2>
          <div className="tc-subtle">{rangeText}</div>
        </div>
        <ul className="tc-counts" aria-label="Totals">
          <li>
            <span className="tc-count-n">{formatDuration(tracked)}</span> tracked
          </li>
          <li>
            <span className="tc-count-n">{formatDuration(logged)}</span> logged to Jira
          </li>
          <li>
            <span className="tc-count-n">{formatDuration(Math.max(0, tracked - logged))}</span> not logged
          </li>
        </ul>
      </div>
      <div className="tc-legend" aria-hidden="true">
        <span>
          <i className="tc-swatch tc-bar-tracked" /> Tracked
        </span>
        <span>
          <i className="tc-swatch tc-bar-logged" /> Logged to Jira
        </span>
      </div>
      <svg
        className={`tc-chart${loading ? ' is-loading' : ''}`}
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={`Time tracked and logged per day, ${rangeText}`}
      >
        {ticks.map((h) => (
          <g key={h}>
            <line className="tc-grid" x1={M.left} x2={W - M.right} y1={y(h * 3600)} y2={y(h * 3600)} />
            <text className="tc-axis" x={M.left - 6} y={y(h * 3600)} dy="0.32em" textAnchor="end">
              {h}h
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const cx = M.left + slot * i + slot / 2;
          const label = formatDayShort(d.day, locale);
          const heading = formatDayHeading(d.day, locale);
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
                <title>{`${heading}: ${formatDuration(d.trackedSeconds)} tracked`}</title>
              </rect>
              <rect
                className="tc-bar-logged"
                x={cx + 1}
                width={barW}
                y={y(d.loggedSeconds)}
                height={Math.max(0, y(0) - y(d.loggedSeconds))}
                rx={2}
              >
                <title>{`${heading}: ${formatDuration(d.loggedSeconds)} logged`}</title>
              </rect>
              {i % labelEvery === 0 ? (
                <text className="tc-axis" x={cx} y={H - M.bottom + 16} textAnchor="middle">
                  {days.length <= 16 ? label.weekday : ''}
                  <tspan x={cx} dy="1.2em">
                    {label.date}
                  </tspan>
                </text>
              ) : null}
            </g>
          );
        })}
        <line className="tc-axis-line" x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} />
      </svg>
      <table className="tc-visually-hidden" aria-label="Tracked and logged per day">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Tracked</th>
            <th scope="col">Logged</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              <td>{formatDuration(d.trackedSeconds)}</td>
              <td>{formatDuration(d.loggedSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
