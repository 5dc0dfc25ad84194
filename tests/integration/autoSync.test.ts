// Automatic sync against both emulators over HTTP, with a clock the test moves: the scheduled
// trigger finds who has it on, each person's run logs what ended more than the grace period ago
// through the bulk-job machinery (once, as the person, marked automatic in the history), a
// project can forbid it, Jira refusing to act for the person stops it, and a timecard server or
// Jira that is down for an hour loses nothing.
import { MAX_WAIT_MS } from '../../src/domain/jobWaiting';
import { addRecord, allWorklogs, duplicates, ok, plusMinutes, recordIdOf, shiftedApp } from './syncHelpers';
import type { World } from '../support/world';

let world: World;
/** The app's clock (`control.shiftMs` ahead of now) and queue pushes (`control.onPush`). */
const control = shiftedApp();

const HOUR = 3_600_000;
const nowIso = (minutesAgo: number) => new Date(Date.now() + control.shiftMs - minutesAgo * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

beforeEach(async () => {
  world = await control.start();
});
afterEach(() => world.close());

/** A finished record on `issueKey` that ended `endedMinutesAgo` minutes ago and lasted 30 minutes. */
function finished(issueKey: string, endedMinutesAgo: number, notes = `work on ${issueKey}`): number {
  const timeout = nowIso(endedMinutesAgo);
  return addRecord(world, { timein: plusMinutes(timeout, -30), timeout, notes, jira_issue_key: issueKey });
}

async function fire(): Promise<number> {
  const { queued } = await world.app.fireScheduledTrigger();
  await world.app.queue.drain();
  return queued;
}

/** Fires the trigger; once the run has read the records and started its job, the server goes away (before the job's batch runs). */
async function breakTimecardAsTheJobStarts(): Promise<void> {
  control.onPush = (events) => {
    if (events.some((e) => 'jobId' in e.body)) world.timecard.setDown('refuse');
  };
  expect((await world.app.fireScheduledTrigger()).queued).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 300));
  control.onPush = null;
}

const autoSync = async () => ok(await world.invoke('getAutoSync', {}));
const worklogsOf = () => allWorklogs(world);

test('off by default: the trigger queues nothing and asks neither Jira nor the timecard anything', async () => {
  finished('DEMO-1', 120);
  expect(await autoSync()).toMatchObject({ enabled: false, paused: false, graceMinutes: 60, retries: [] });
  world.jira.resetCounts();
  world.timecard.resetCounts();
  expect(await fire()).toBe(0);
  expect(world.jira.counts().total).toBe(0);
  expect(world.timecard.counts().total).toBe(0);
  expect(worklogsOf()).toEqual([]);
});

test('on: records that ended more than the grace period ago are logged once, as the person, marked automatic', async () => {
  const due = [finished('DEMO-1', 120), finished('DEMO-2', 90), finished('DEMO-2', 45)];
  const tooFresh = finished('DEMO-3', 5);
  const unlinked = addRecord(world, { timein: nowIso(200), timeout: nowIso(170), notes: 'no issue' });
  expect(await world.invoke('saveAutoSync', { enabled: true, graceMinutes: 15 })).toMatchObject({ enabled: true, graceMinutes: 15 });

  expect(await fire()).toBe(1);
  const logged = worklogsOf();
  expect(logged.map(recordIdOf).sort()).toEqual([...due].sort());
  expect(logged.every((w) => w.authorAccountId === world.demo.accountId)).toBe(true);
  expect(logged.map(recordIdOf)).not.toContain(tooFresh);
  expect(logged.map(recordIdOf)).not.toContain(unlinked);
  const view = await autoSync();
  expect(view.lastRun).toMatchObject({ logged: 3, failed: 0, total: 3, jobId: expect.any(String) });
  expect(view.lastRun.items.map((i: any) => i.recordId).sort()).toEqual([...due].sort());
  expect(view.lastRun.items.every((i: any) => i.seconds === 1800 && /^DEMO-[12]$/.test(i.issueKey))).toBe(true);
  expect(view.running).toBeUndefined();
  expect(Date.parse(view.nextRunAt) - Date.parse(view.lastCheckedAt)).toBe(HOUR);

  const history = ok(await world.invoke('getSyncHistory', {})).items;
  expect(history.filter((h: any) => h.outcome === 'created')).toHaveLength(3);
  expect(history.every((h: any) => h.trigger === 'automatic' && h.runId === view.lastRun.jobId)).toBe(true);

  // The grace period passes for the fresh one: the next run logs it, and only it.
  control.shiftMs = 20 * 60_000;
  world.jira.resetCounts();
  expect(await fire()).toBe(1);
  expect(worklogsOf().map(recordIdOf).sort()).toEqual([...due, tooFresh].sort());
  expect(duplicates(worklogsOf())).toEqual([]);
  expect(world.jira.counts().writes).toBe(1);

  // Nothing new: no Jira call at all, and still no duplicate.
  world.jira.resetCounts();
  await fire();
  expect(world.jira.counts().total).toBe(0);
  expect(worklogsOf()).toHaveLength(4);
});

test('a duplicated trigger (Forge warns of them) logs nothing twice', async () => {
  const due = [finished('DEMO-1', 120), finished('DEMO-2', 90), finished('DEMO-3', 60)];
  ok(await world.invoke('saveAutoSync', { enabled: true, graceMinutes: 15 }));
  await Promise.all([world.app.fireScheduledTrigger(), world.app.fireScheduledTrigger(), world.app.fireScheduledTrigger()]);
  await world.app.queue.drain();
  expect(worklogsOf().map(recordIdOf).sort()).toEqual([...due].sort());
  expect(duplicates(worklogsOf())).toEqual([]);
});

test('a project admin forbids it for a project: its records wait for the person', async () => {
  const admin = world.projectContext(world.demo.adminAccountId);
  expect(ok(await world.invoke('getProjectSettings', {}, admin)).autoSyncAllowed).toBe(true);
  expect(ok(await world.invoke('saveProjectAutoSync', { allowed: false }, admin))).toEqual({ projectKey: 'DEMO', allowed: false });
  const notAdmin = await world.invoke('saveProjectAutoSync', { allowed: true }, world.projectContext());
  expect(notAdmin.error).toMatchObject({ code: 'no-permission' });
  expect(ok(await world.invoke('getProjectSettings', {}, world.projectContext())).autoSyncAllowed).toBe(false);

  finished('DEMO-1', 120);
  ok(await world.invoke('saveAutoSync', { enabled: true, graceMinutes: 15 }));
  await fire();
  expect(worklogsOf()).toEqual([]);
});

test('paused and off: no run; the person resumes and it goes on from where it stopped', async () => {
  const id = finished('DEMO-1', 120);
  ok(await world.invoke('saveAutoSync', { enabled: true, graceMinutes: 15, paused: true }));
  expect(await autoSync()).toMatchObject({ enabled: true, paused: true });
  expect(await fire()).toBe(0);
  expect(worklogsOf()).toEqual([]);
  ok(await world.invoke('saveAutoSync', { enabled: true, paused: false }));
  await fire();
  expect(worklogsOf().map(recordIdOf)).toEqual([id]);
  ok(await world.invoke('saveAutoSync', { enabled: false }));
  finished('DEMO-2', 120);
  expect(await fire()).toBe(0);
  expect(worklogsOf()).toHaveLength(1);
});

test('Jira refuses to act as the person: the page says so and runs stop until they turn it on again', async () => {
  finished('DEMO-1', 120);
  ok(await world.invoke('saveAutoSync', { enabled: true, graceMinutes: 15 }));
  // What Jira answers a request made for a person who has not allowed the app to act for them.
  world.jira.failNext(1, { method: 'GET', pathIncludes: '/myself', status: 401 });
  await fire();
  expect(worklogsOf()).toEqual([]);
  const view = await autoSync();
  expect(view.blocked.message).toMatch(/Jira refused to let Timecard for Jira log work for you.*Turn it on again/);
  // Stored by key: the same stop reads in German (docs/decisions/0026).
  const inGerman = ok(await world.invoke('getAutoSync', {}, { locale: 'de-DE' }));
  expect(inGerman.blocked.message).toMatch(/^Jira hat Timecard for Jira nicht erlaubt, in Ihrer Abwesenheit Arbeit für Sie zu buchen.*wieder ein/);
  expect(view.nextRunAt).toBeUndefined();
  world.timecard.resetCounts();
  expect(await fire()).toBe(0);
  expect(world.timecard.counts().total).toBe(0);

  const back = ok(await world.invoke('saveAutoSync', { enabled: true }));
  expect(back.blocked).toBeUndefined();
  await fire();
  expect(worklogsOf()).toHaveLength(1);
});

test("Jira answers 403 to the person's own /myself (account gone or barred): automatic sync stops too, not retried", async () => {
  finished('DEMO-1', 120);
  ok(await world.invoke('saveAutoSync', { enabled: true, graceMinutes: 15 }));
  world.jira.failNext(1, { method: 'GET', pathIncludes: '/myself', status: 403 });
  await fire();
  expect(worklogsOf()).toEqual([]);
  const view = await autoSync();
  expect(view.blocked.message).toMatch(/Jira refused to let Timecard for Jira log work for you.*Turn it on again/);
  expect(view.retries).toEqual([]);
  expect(await fire()).toBe(0);
});

test('the timecard server is down for an hour: the runs say so, and the first run after logs everything', async () => {
  const ids = [finished('DEMO-1', 120), finished('DEMO-2', 100)];
  ok(await world.invoke('saveAutoSync', { enabled: true, graceMinutes: 15 }));
  world.timecard.setDown('refuse');
  await fire();
  expect((await autoSync()).problem.message).toMatch(/timecard server did not answer.*next run tries again/);
  expect(ok(await world.invoke('getAutoSync', {}, { locale: 'ja-JP' })).problem.message).toBe(
    'timecard サーバーが応答しなかったため、今回の実行では何も記録されませんでした。次回の実行で再試行します。飛ばされるものはありません。',
  );
  control.shiftMs = 30 * 60_000;
  await fire();
  control.shiftMs = HOUR;
  world.timecard.setDown(false);
  await fire();
  expect(worklogsOf().map(recordIdOf).sort()).toEqual([...ids].sort());
  expect(duplicates(worklogsOf())).toEqual([]);
  const after = await autoSync();
  expect(after.lastRun).toMatchObject({ logged: 2, failed: 0 });
  expect(after.problem).toBeUndefined();
});

test('Jira is down for an hour: nothing is written or skipped, and the run after logs everything once', async () => {
  const ids = [finished('DEMO-3', 120), finished('DEMO-4', 100)];
  ok(await world.invoke('saveAutoSync', { enabled: true, graceMinutes: 15 }));
  world.jira.setFaults('503:1');
  await fire();
  expect(worklogsOf()).toEqual([]);
  expect((await autoSync()).problem.message).toMatch(/Jira did not answer.*next run tries again/);
  control.shiftMs = HOUR;
  world.jira.setFaults('');
  await fire();
  expect(worklogsOf().map(recordIdOf).sort()).toEqual([...ids].sort());
  expect(duplicates(worklogsOf())).toEqual([]);
});

test('the timecard server goes down as the job starts: its records are retried on their own, with backoff, and can be cancelled', async () => {
  const ids = [finished('DEMO-1', 120), finished('DEMO-5', 100)];
  ok(await world.invoke('saveAutoSync', { enabled: true, graceMinutes: 15 }));
  await breakTimecardAsTheJobStarts();
  // The job waits (ADR 0007); past its 30 minutes it ends with the records failed for a passing reason.
  control.shiftMs = MAX_WAIT_MS + 60_000;
  await world.app.queue.drain();
  const waiting = await autoSync();
  expect(worklogsOf()).toEqual([]);
  expect(waiting.lastRun).toMatchObject({ logged: 0, failed: 2 });
  expect(waiting.retries.map((r: any) => r.recordId).sort()).toEqual([...ids].sort());
  const retriesInGerman = ok(await world.invoke('getAutoSync', {}, { locale: 'de-DE' })).retries;
  expect(retriesInGerman.map((r: any) => r.message)).toEqual([
    expect.stringMatching(/^Ihr Timecard-Server hat 30 Minuten lang nicht geantwortet/),
    expect.stringMatching(/^Ihr Timecard-Server hat 30 Minuten lang nicht geantwortet/),
  ]);
  for (const retry of waiting.retries) {
    expect(retry.attempts).toBe(1);
    expect(retry.message).toMatch(/timecard server/i);
    // The first retry waits 5 minutes.
    expect(Date.parse(retry.nextAt) - (Date.now() + control.shiftMs)).toBeGreaterThan(4 * 60_000);
  }

  // Down again while the retry's job runs: tried again, and the next wait is longer.
  world.timecard.setDown(false);
  control.shiftMs += 6 * 60_000;
  await breakTimecardAsTheJobStarts();
  control.shiftMs += MAX_WAIT_MS + 60_000;
  await world.app.queue.drain();
  const again = await autoSync();
  expect(again.retries.map((r: any) => r.attempts)).toEqual([2, 2]);
  for (const retry of again.retries) expect(Date.parse(retry.nextAt) - (Date.now() + control.shiftMs)).toBeGreaterThan(14 * 60_000);

  // Back up: the next retry logs both, once.
  world.timecard.setDown(false);
  control.shiftMs += 20 * 60_000;
  await fire();
  await world.app.queue.drain();
  expect(worklogsOf().map(recordIdOf).sort()).toEqual([...ids].sort());
  expect(duplicates(worklogsOf())).toEqual([]);
  expect((await autoSync()).retries).toEqual([]);
});

test('a lasting failure (time tracking turned off) is reported and not retried', async () => {
  finished('DEMO-2', 120);
  ok(await world.invoke('saveAutoSync', { enabled: true, graceMinutes: 15 }));
  world.jira.setTimeTracking(false);
  await fire();
  const view = await autoSync();
  expect(view.lastRun).toMatchObject({ logged: 0, failed: 1 });
  expect(view.retries).toEqual([]);
  world.jira.setTimeTracking(true);
  control.shiftMs = 6 * HOUR;
  await fire();
  expect(worklogsOf()).toEqual([]);
  const failed = ok(await world.invoke('getSyncHistory', { status: 'failed' })).items;
  expect(failed).toEqual([expect.objectContaining({ code: 'time-tracking-disabled', trigger: 'automatic' })]);
});

test('cancelling retries: the records stay failed and are not tried again', async () => {
  const id = finished('DEMO-6', 120);
  ok(await world.invoke('saveAutoSync', { enabled: true, graceMinutes: 15 }));
  await breakTimecardAsTheJobStarts();
  control.shiftMs = MAX_WAIT_MS + 60_000;
  await world.app.queue.drain();
  expect((await autoSync()).retries.map((r: any) => r.recordId)).toEqual([id]);
  expect(ok(await world.invoke('cancelAutoRetries', {})).retries).toEqual([]);
  world.timecard.setDown(false);
  control.shiftMs += HOUR;
  await fire();
  expect(worklogsOf()).toEqual([]);
});
