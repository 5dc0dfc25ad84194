import { RETRY_DELAYS_MS, applyOutcomes, isRetried, mergeRetries, scheduleRetry, soonestRetry, type PendingRetry } from '../../../src/domain/retries';

const T0 = Date.parse('2026-11-25T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const failed = (recordId: number, code: string) => ({ recordId, outcome: 'failed', code, message: `failed with ${code}` });

test('passing failures (and the codes a 30-minute wait ends with) are retried, lasting ones never; a cancel only when the app cancelled', () => {
  for (const code of [
    'rate-limited',
    'server-unreachable',
    'jira-error',
    'internal',
    'retryable',
    'not-connected',
    'reconnect-timecard',
    'not-configured',
  ]) {
    expect(isRetried(code, { appCancelled: false })).toBe(true);
  }
  for (const code of ['no-permission', 'issue-not-found', 'time-tracking-disabled', 'not-linked', 'too-short', 'forbidden', undefined]) {
    expect(isRetried(code, { appCancelled: true })).toBe(false);
  }
  expect(isRetried('cancelled', { appCancelled: false })).toBe(false);
  expect(isRetried('cancelled', { appCancelled: true })).toBe(true);
});

test("a sync's results: a passing failure gets its next try, anything else ends the wait, untouched records keep theirs", () => {
  const waiting = [scheduleRetry(undefined, failed(1, 'server-unreachable'), T0)!, scheduleRetry(undefined, failed(2, 'rate-limited'), T0)!];
  const later = T0 + RETRY_DELAYS_MS[0];
  const after = applyOutcomes(
    [...waiting, scheduleRetry(undefined, failed(3, 'jira-error'), T0)!],
    [failed(1, 'server-unreachable'), { recordId: 2, outcome: 'created' }, failed(4, 'jira-error'), failed(5, 'time-tracking-disabled')],
    later,
  );
  expect(after.map((r) => [r.recordId, r.attempts])).toEqual([
    [1, 2],
    [3, 1],
    [4, 1],
  ]);
  expect(after[0].nextAt).toBe(iso(later + RETRY_DELAYS_MS[1]));
  expect(after[0].firstFailedAt).toBe(iso(T0));
  expect(after[2]).toMatchObject({ code: 'jira-error', message: 'failed with jira-error', nextAt: iso(later + RETRY_DELAYS_MS[0]) });
  // A lasting failure of a record that waited ends its wait too.
  expect(applyOutcomes(after, [failed(3, 'no-permission')], later).map((r) => r.recordId)).toEqual([1, 4]);
});

test('a record failing past the 24-hour window is given up by the results that find it failing again', () => {
  let entries: PendingRetry[] = [scheduleRetry(undefined, failed(9, 'server-unreachable'), T0)!];
  let now = T0;
  let tries = 1;
  while (entries.length > 0) {
    now = Date.parse(entries[0].nextAt);
    entries = applyOutcomes(entries, [failed(9, 'server-unreachable')], now);
    tries++;
  }
  // Tried at 5 min, 20 min, 1 h 20, 3 h 20, then every 4 h up to 23 h 20: the next would fall past the 24 hours.
  expect(tries).toBe(10);
  expect(now - T0).toBe((23 * 60 + 20) * 60_000);
});

test('the soonest retry, and retries merged from the older store (an entry already here wins)', () => {
  const a = scheduleRetry(undefined, failed(1, 'internal'), T0)!;
  const b = scheduleRetry(undefined, failed(2, 'internal'), T0 - 60_000)!;
  expect(soonestRetry([])).toBeNull();
  expect(soonestRetry([a, b])).toBe(Date.parse(b.nextAt));
  const older = { ...a, attempts: 4, message: 'older' };
  expect(mergeRetries([a], [older, b])).toEqual([a, b]);
});
