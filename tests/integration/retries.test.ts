// Retries without the person, whatever started the sync (ADR 0028), against both emulators over HTTP
// with a clock the test moves: a person who never turned on automatic sync logs from the page or the
// panel while Jira (or the timecard server) is down for an hour; the hourly trigger, fired as Forge
// fires it at later times, logs each record exactly once when it is back. Lasting failures are never
// retried, a record the person synced meanwhile is left alone, the person can cancel one or all, and
// the retries automatic sync kept before move over without one lost.
import { MAX_WAIT_MS } from '../../src/domain/jobWaiting';
import { RETRY_DELAYS_MS } from '../../src/domain/retries';
import { DEMO } from '../../runtime/demoData';
import { keys } from '../../src/services/keys';
import { addRecord, allWorklogs, duplicates, ok, plusMinutes, recordIdOf, shiftedApp } from './syncHelpers';
import type { World } from '../support/world';

let world: World;
/** The app's clock (`control.shiftMs` ahead of now) and queue pushes (`control.onPush`). */
const control = shiftedApp();

const HOUR = 3_600_000;
const MINUTE = 60_000;
const appNow = () => Date.now() + control.shiftMs;
const nowIso = (minutesAgo: number) => new Date(appNow() - minutesAgo * MINUTE).toISOString().replace(/\.\d{3}Z$/, 'Z');

beforeEach(async () => {
  world = await control.start();
});
afterEach(() => world.close());

/** A finished record on `issueKey` that ended `endedMinutesAgo` minutes ago and lasted 30 minutes. */
function finished(issueKey: string, endedMinutesAgo = 120): number {
  const timeout = nowIso(endedMinutesAgo);
  return addRecord(world, { timein: plusMinutes(timeout, -30), timeout, notes: `work on ${issueKey}`, jira_issue_key: issueKey });
}

/** Fires the hourly trigger as Forge does and lets the queue finish; how many events it queued. */
async function fire(): Promise<number> {
  const { queued } = await world.app.fireScheduledTrigger();
  await world.app.queue.drain();
  return queued;
}

const retries = async (): Promise<any[]> => ok(await world.invoke('getAutoSync', {})).retries;
const loggedIds = () => allWorklogs(world).map(recordIdOf).sort();
const sorted = (ids: number[]) => [...ids].sort();

/** Starts a sync of `ids` from the page; `breakIt` runs once the job is queued, before its batch runs. */
async function startPageSync(ids: number[], breakIt: () => void): Promise<void> {
  control.onPush = (events) => {
    if (events.some((e) => 'jobId' in e.body)) breakIt();
  };
  ok(await world.invoke('startBulkSync', { recordIds: ids }));
  control.onPush = null;
  await new Promise((resolve) => setTimeout(resolve, 300));
}

test('the timecard server refuses a page sync as it starts: the person is told, and nothing is stored (as before)', async () => {
  const ids = [finished('DEMO-1'), finished('DEMO-2')];
  world.timecard.setDown('refuse');
  const before = JSON.stringify(world.app.store.dump());
  expect((await world.invoke('startBulkSync', { recordIds: ids })).error).toMatchObject({ code: 'server-unreachable' });
  expect(JSON.stringify(world.app.store.dump())).toBe(before);
  expect(await retries()).toEqual([]);
});

test('Jira is down for an hour when the person logs from the panel: retried as the person, logged exactly once', async () => {
  const id = finished('DEMO-3');
  world.jira.setFaults('503:1');
  const answer = await world.invoke('syncRecords', { recordIds: [id] }, world.issueContext('DEMO-3'));
  const failed = answer.error ?? answer.results[0];
  expect(failed.code).toMatch(/^(jira-error|rate-limited)$/);
  const [waiting] = await retries();
  expect(waiting).toMatchObject({ recordId: id, attempts: 1 });
  // Where the person reads about the record: the panel, the page's records and the history say when it is tried again.
  world.jira.setFaults('');
  const panel = ok(await world.invoke('getIssuePanel', { days: 7 }, world.issueContext('DEMO-3')));
  expect(panel.records.find((r: any) => r.id === id).retry).toEqual({ nextAt: waiting.nextAt, attempts: 1 });
  const listed = ok(await world.invoke('listRecords', { from: nowIso(24 * 60).slice(0, 10), to: nowIso(-24 * 60).slice(0, 10) })).records;
  expect(listed.find((r: any) => r.id === id).retry).toEqual({ nextAt: waiting.nextAt, attempts: 1 });
  world.jira.setFaults('503:1');

  control.shiftMs = 6 * MINUTE;
  await fire();
  expect(allWorklogs(world)).toEqual([]);
  expect((await retries())[0].attempts).toBe(2);

  world.jira.setFaults('');
  control.shiftMs = HOUR;
  await fire();
  const logged = allWorklogs(world);
  expect(logged.map(recordIdOf)).toEqual([id]);
  expect(logged[0].authorAccountId).toBe(DEMO.accountId);
  expect(await retries()).toEqual([]);
  const after = ok(await world.invoke('getIssuePanel', { days: 7 }, world.issueContext('DEMO-3')));
  expect(after.records.find((r: any) => r.id === id)).toMatchObject({ status: 'synced' });
  expect(after.records.find((r: any) => r.id === id).retry).toBeUndefined();
  control.shiftMs = 5 * HOUR;
  await fire();
  expect(allWorklogs(world).map(recordIdOf)).toEqual([id]);
});

test('the timecard server goes down while a manual job runs: after its 30 minutes of waiting, its records are retried and logged once', async () => {
  const ids = [finished('DEMO-4'), finished('DEMO-5')];
  await startPageSync(ids, () => world.timecard.setDown('refuse'));
  control.shiftMs = MAX_WAIT_MS + MINUTE;
  await world.app.queue.drain();
  expect(allWorklogs(world)).toEqual([]);
  const waiting = await retries();
  expect(waiting.map((r) => r.recordId).sort()).toEqual(sorted(ids));
  for (const retry of waiting) expect(Date.parse(retry.nextAt) - appNow()).toBeGreaterThan(RETRY_DELAYS_MS[0] - MINUTE);
  // Still down at the first retry: no job, the next wait is longer.
  control.shiftMs += 6 * MINUTE;
  await fire();
  const again = await retries();
  expect(again.map((r) => r.attempts)).toEqual([2, 2]);
  for (const retry of again) expect(Date.parse(retry.nextAt) - appNow()).toBeGreaterThan(RETRY_DELAYS_MS[1] - MINUTE);

  // Back after an hour: the next trigger logs both, once; later triggers queue nothing for the person.
  world.timecard.setDown(false);
  control.shiftMs = 2 * HOUR;
  await fire();
  expect(loggedIds()).toEqual(sorted(ids));
  expect(await retries()).toEqual([]);
  control.shiftMs = 4 * HOUR;
  expect(await fire()).toBe(0);
  expect(loggedIds()).toEqual(sorted(ids));
  expect(duplicates(allWorklogs(world))).toEqual([]);
  const created = ok(await world.invoke('getSyncHistory', { status: 'success' })).items.filter((e: any) => e.outcome === 'created');
  expect(created.map((e: any) => e.recordId).sort()).toEqual(sorted(ids));
});

test('a lasting failure (time tracking turned off) from the panel is not retried', async () => {
  const id = finished('DEMO-2');
  world.jira.setTimeTracking(false);
  const [result] = ok(await world.invoke('syncRecords', { recordIds: [id] }, world.issueContext('DEMO-2'))).results;
  expect(result).toMatchObject({ outcome: 'failed', code: 'time-tracking-disabled' });
  expect(await retries()).toEqual([]);
  world.jira.setTimeTracking(true);
  control.shiftMs = 6 * HOUR;
  expect(await fire()).toBe(0);
  expect(allWorklogs(world)).toEqual([]);
});

test('a record the person synced meanwhile is not retried; cancelling one record keeps the others', async () => {
  const [a, b, c] = [finished('DEMO-1'), finished('DEMO-2'), finished('DEMO-6')];
  await startPageSync([a, b, c], () => world.timecard.setDown('refuse'));
  control.shiftMs = MAX_WAIT_MS + MINUTE;
  await world.app.queue.drain();
  expect((await retries()).map((r) => r.recordId).sort()).toEqual(sorted([a, b, c]));
  world.timecard.setDown(false);
  // The person logs one themselves, and cancels the retry of another.
  expect(ok(await world.invoke('syncRecords', { recordIds: [a] }, world.issueContext('DEMO-1'))).results[0].outcome).toBe('created');
  expect((ok(await world.invoke('cancelAutoRetries', { recordIds: [c] })).retries as any[]).map((r) => r.recordId)).toEqual([b]);

  control.shiftMs += HOUR;
  await fire();
  expect(loggedIds()).toEqual(sorted([a, b]));
  expect(duplicates(allWorklogs(world))).toEqual([]);
  expect(await retries()).toEqual([]);
});

test('the retries automatic sync kept in its own value before move into the one store, none lost, and run', async () => {
  const [a, b] = [finished('DEMO-1'), finished('DEMO-5')];
  ok(await world.invoke('saveAutoSync', { enabled: true, graceMinutes: 15 }));
  // As automatic sync stored them before: in the person's value, one due now, one later.
  const key = keys.autoSync(DEMO.accountId);
  const value: any = await world.app.store.get(key);
  const entry = (recordId: number, nextInMinutes: number) => ({
    recordId,
    code: 'server-unreachable',
    message: 'Your timecard server did not answer.',
    attempts: 1,
    firstFailedAt: nowIso(10),
    nextAt: nowIso(-nextInMinutes),
  });
  // The run would log them anyway as new records: the watermark says they were handled.
  await world.app.store.set(key, { ...value, watermark: nowIso(0), retries: [entry(a, -1), entry(b, 120)] });

  expect((await retries()).map((r) => r.recordId).sort()).toEqual(sorted([a, b]));
  expect(((await world.app.store.get(key)) as any).retries).toBeUndefined();
  await fire();
  expect(loggedIds()).toEqual([a]);
  control.shiftMs = 3 * HOUR;
  await fire();
  expect(loggedIds()).toEqual(sorted([a, b]));
  expect(await retries()).toEqual([]);
});

test("Jira fails a worklog write from the panel: the row and the history's failed entry say when it is tried again; the retry writes it once", async () => {
  const id = finished('DEMO-4');
  world.jira.failNext(1, { method: 'POST', pathIncludes: '/worklog', status: 500 });
  const [result] = ok(await world.invoke('syncRecords', { recordIds: [id] }, world.issueContext('DEMO-4'))).results;
  expect(result).toMatchObject({ outcome: 'failed', code: 'jira-error' });
  const [waiting] = await retries();
  expect(result.record.retry).toEqual({ nextAt: waiting.nextAt, attempts: 1 });
  const history = ok(await world.invoke('getSyncHistory', { recordId: id })).items;
  expect(history.map((e: any) => [e.outcome, e.retryAt])).toEqual([['failed', waiting.nextAt]]);

  control.shiftMs = 6 * MINUTE;
  await fire();
  expect(allWorklogs(world).map(recordIdOf)).toEqual([id]);
  expect(await retries()).toEqual([]);
  const after = ok(await world.invoke('getSyncHistory', { recordId: id })).items;
  expect(after.every((e: any) => e.retryAt === undefined)).toBe(true);
});
