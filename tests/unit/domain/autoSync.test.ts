import { AUTO_SYNC_INTERVAL_MS, dueRecords, lookupStart, nextRunAt } from '../../../src/domain/autoSync';
import { RETRY_DELAYS_MS, RETRY_WINDOW_MS, isPassingFailure, retriesDue, scheduleRetry } from '../../../src/domain/retries';
import type { TimecardRecord } from '../../../src/domain/record';

const T0 = Date.parse('2026-11-25T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const record = (id: number, startMs: number, endMs: number | null): TimecardRecord => ({
  id,
  domain_id: null,
  category_id: null,
  title_id: null,
  timein: iso(startMs),
  timeout: endMs === null ? null : iso(endMs),
  external_link: null,
  notes: null,
  jira_issue_key: 'DEMO-1',
});

test('due: finished, ended after the watermark and no later than the grace period allows', () => {
  const records = [
    record(1, T0 - 90 * 60_000, T0 - 60 * 60_000), // ended before the watermark: handled already
    record(2, T0 - 50 * 60_000, T0 - 40 * 60_000), // due
    record(3, T0 - 20 * 60_000, T0 - 10 * 60_000), // inside the grace period
    record(4, T0 - 20 * 60_000, null), // still running
    record(5, T0 - 20 * 60_000, T0 - 30 * 60_000), // ends before it starts
    record(6, T0 - 45 * 60_000, T0 - 15 * 60_000), // exactly at the grace period's end: due
  ];
  expect(dueRecords(records, { afterMs: T0 - 60 * 60_000, upToMs: T0 - 15 * 60_000 }).map((r) => r.id)).toEqual([2, 6]);
  expect(lookupStart(T0)).toBe(T0 - 24 * 3_600_000);
});

test('passing failures are retried, lasting ones never', () => {
  for (const code of ['rate-limited', 'server-unreachable', 'jira-error', 'internal']) expect(isPassingFailure(code)).toBe(true);
  for (const code of ['no-permission', 'issue-not-found', 'time-tracking-disabled', 'forbidden', 'no-issue', 'worklog-cap', undefined]) {
    expect(isPassingFailure(code)).toBe(false);
  }
});

test('retries back off (5 min, 15 min, 1 h, 2 h, then every 4 h) and stop 24 hours after the first failure', () => {
  const failure = { recordId: 7, code: 'server-unreachable', message: 'The server did not answer.' };
  let now = T0;
  let retry = scheduleRetry(undefined, failure, now)!;
  const waits: number[] = [];
  while (retry) {
    waits.push(Date.parse(retry.nextAt) - now);
    now = Date.parse(retry.nextAt);
    const next = scheduleRetry(retry, failure, now);
    if (!next) break;
    retry = next;
  }
  expect(waits.slice(0, 6)).toEqual([...RETRY_DELAYS_MS, RETRY_DELAYS_MS[4]]);
  expect(Date.parse(retry.nextAt) - T0).toBeLessThanOrEqual(RETRY_WINDOW_MS);
  expect(retry.firstFailedAt).toBe(iso(T0));
  expect(scheduleRetry(retry, failure, Date.parse(retry.nextAt))).toBeNull();
  expect(retriesDue([retry], Date.parse(retry.nextAt) - 1)).toEqual([]);
  expect(retriesDue([retry], Date.parse(retry.nextAt))).toEqual([retry]);
});

test('the next run: an interval after the last, or the one after that when it is late', () => {
  expect(nextRunAt(null, T0)).toBeNull();
  expect(nextRunAt(T0, T0 + 1000)).toBe(T0 + AUTO_SYNC_INTERVAL_MS);
  expect(nextRunAt(T0, T0 + AUTO_SYNC_INTERVAL_MS + 1000)).toBe(T0 + 2 * AUTO_SYNC_INTERVAL_MS);
});
