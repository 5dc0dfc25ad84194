// Automatic sync, the pure parts: which records a run logs, when a failed record is tried again
// (and when the app gives up), and when the next run is due. See docs/decisions/0022.
import { MAX_RECORD_SECONDS, type TimecardRecord } from './record';
import { parseInstant } from './time';
import type { LocalizedText } from './localizedText';

/** How often the scheduled trigger fires (manifest `interval: hour`). */
export const AUTO_SYNC_INTERVAL_MS = 3_600_000;
/** The first run after turning it on looks back this far for finished records not logged yet. */
export const FIRST_RUN_LOOKBACK_MS = 7 * 24 * 3_600_000;
/** A record that keeps failing for a passing reason is tried again for this long after its first failure, then left failed. */
export const RETRY_WINDOW_MS = 24 * 3_600_000;
/** Waits between tries of one record: the n-th retry waits the n-th value (the last repeats). */
export const RETRY_DELAYS_MS = [5 * 60_000, 15 * 60_000, 60 * 60_000, 2 * 3_600_000, 4 * 3_600_000] as const;

/**
 * Failure codes that say nothing about the record itself (Jira or the timecard server busy or down,
 * a lost answer): worth trying again without the person. Anything else (no permission, issue gone,
 * time tracking off, not linked, too short ...) is lasting and never retried.
 */
const PASSING_CODES: ReadonlySet<string> = new Set(['rate-limited', 'server-unreachable', 'jira-error', 'internal', 'retryable']);

export function isPassingFailure(code: string | undefined): boolean {
  return code !== undefined && PASSING_CODES.has(code);
}

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

export interface PendingRetry {
  recordId: number;
  code: string;
  /** The last failure, as the person should read it (its English), and by its resource key. */
  message: string;
  messageText?: LocalizedText;
  /** Tries that failed so far (the first sync included). */
  attempts: number;
  firstFailedAt: string;
  nextAt: string;
}

/** The record's next try after this failure, or null when it has been failing for RETRY_WINDOW_MS (it stays failed). */
export function scheduleRetry(
  previous: PendingRetry | undefined,
  failure: { recordId: number; code: string; message: string; messageText?: LocalizedText },
  nowMs: number,
): PendingRetry | null {
  const attempts = (previous?.attempts ?? 0) + 1;
  const firstFailedAt = previous?.firstFailedAt ?? new Date(nowMs).toISOString();
  const nextMs = nowMs + RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1];
  if (nextMs - Date.parse(firstFailedAt) > RETRY_WINDOW_MS) return null;
  return { ...failure, attempts, firstFailedAt, nextAt: new Date(nextMs).toISOString() };
}

/** When the scheduled trigger should fire next, from when it last did (null: not seen yet). */
export function nextRunAt(lastTickMs: number | null, nowMs: number): number | null {
  if (lastTickMs === null) return null;
  let next = lastTickMs + AUTO_SYNC_INTERVAL_MS;
  // Forge runs a trigger about once an interval; a late one is expected within the next interval.
  while (next < nowMs) next += AUTO_SYNC_INTERVAL_MS;
  return next;
}

/** A retry is attempted by the first run at or after its time. */
export function retriesDue(retries: PendingRetry[], nowMs: number): PendingRetry[] {
  return retries.filter((r) => Date.parse(r.nextAt) <= nowMs);
}
