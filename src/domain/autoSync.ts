// Automatic sync, the pure parts: which records a run logs, and when the next run is due. See
// docs/decisions/0022; when a failed record is tried again (whatever started it) is in retries.ts (0028).
import { MAX_RECORD_SECONDS, type TimecardRecord } from './record';
import { parseInstant } from './time';

/** How often the scheduled trigger fires (manifest `interval: hour`). */
export const AUTO_SYNC_INTERVAL_MS = 3_600_000;
/** The first run after turning it on looks back this far for finished records not logged yet. */
export const FIRST_RUN_LOOKBACK_MS = 7 * 24 * 3_600_000;

/** Where a run looks for records: starts from this far before the watermark (a record lasts at most MAX_RECORD_SECONDS). */
export function lookupStart(watermarkMs: number): number {
  return watermarkMs - MAX_RECORD_SECONDS * 1000;
}

/** The records a run logs: finished, and ended after the watermark and at least the grace period ago (`upToMs`). */
export function dueRecords(records: TimecardRecord[], window: { afterMs: number; upToMs: number }): TimecardRecord[] {
  return records.filter((record) => {
    const start = parseInstant(record.timein)?.getTime();
    const end = parseInstant(record.timeout)?.getTime();
    if (start === undefined || end === undefined || end < start) return false;
    return end > window.afterMs && end <= window.upToMs;
  });
}

/** When the scheduled trigger should fire next, from when it last did (null: not seen yet). */
export function nextRunAt(lastTickMs: number | null, nowMs: number): number | null {
  if (lastTickMs === null) return null;
  let next = lastTickMs + AUTO_SYNC_INTERVAL_MS;
  // Forge runs a trigger about once an interval; a late one is expected within the next interval.
  while (next < nowMs) next += AUTO_SYNC_INTERVAL_MS;
  return next;
}
