// Stalled bulk jobs: when the timecard server goes down or the person disconnects mid-job, the job
// says why it waits, resumes on its own once the cause goes (no page polling it), can be
// cancelled, and after MAX_WAIT_MS ends with its remaining records failed with the reason, never
// "running" forever, also when the queue allows only Forge's documented 4 retries per event.
import { createInProcessQueue, DOCUMENTED_MAX_RETRIES } from '../../runtime/inProcessQueue';
import { CANCELLED_CODE, MAX_WAIT_MS, endedMessage, waitingMessage } from '../../src/domain/jobWaiting';
import type { Deps } from '../../src/services/ports';
import { addRecord, duplicates, ok, plusMinutes, recentRange, recordIdOf, utcAt } from '../integration/syncHelpers';
import { startWorld, type World, type WorldOptions } from '../support/world';
import { count } from './tally';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ISSUES = ['DEMO-1', 'DEMO-2', 'DEMO-3', 'DEMO-4', 'DEMO-5', 'DEMO-6'];

let world: World;
/** Added to the app's clock: lets a test jump past MAX_WAIT_MS. */
let shiftMs = 0;

async function open(options: WorldOptions = {}): Promise<World> {
  shiftMs = 0;
  const shifted = (deps: Deps): Deps => ({ ...deps, clock: { now: () => new Date(Date.now() + shiftMs) } });
  world = await startWorld({ demoRecords: false, ...options, app: { wrapDeps: shifted, ...options.app } });
  return world;
}
afterEach(() => world?.close());

/** `perIssue` finished records on each demo issue (batches of whole issues), indexed by one listRecords. */
async function seed(perIssue: number): Promise<number[]> {
  const ids: number[] = [];
  for (let d = 0; d < perIssue; d++) {
    ISSUES.forEach((issueKey, i) => {
      const timein = utcAt(1 + (d % 15), 1 + i * 3, Math.floor(d / 15) * 20);
      ids.push(addRecord(world, { timein, timeout: plusMinutes(timein, 15), notes: `work ${d} on ${issueKey}`, jira_issue_key: issueKey }));
    });
  }
  expect(ok(await world.invoke('listRecords', recentRange())).records).toHaveLength(ids.length);
  return ids;
}

const worklogs = () => ISSUES.flatMap((key) => world.jira.worklogs(key));
const job = async (jobId: string) => ok(await world.invoke('getBulkJob', { jobId }));

async function until(jobId: string, what: string, test: (job: any) => boolean, timeoutMs = 20_000): Promise<any> {
  const started = Date.now();
  for (;;) {
    const current = await job(jobId);
    if (test(current)) return current;
    if (Date.now() - started > timeoutMs)
      throw new Error(`${what}: not after ${timeoutMs} ms: ${JSON.stringify({ ...current, results: current.results.length })}`);
    await pause(40);
  }
}

/** Every record has one worklog, and every worklog in Jira is a `created` result of the job (none untracked). */
function expectNothingLostOrDoubled(finished: any, ids: number[]) {
  const inJira = worklogs();
  expect(duplicates(inJira)).toEqual([]);
  const created = finished.results.filter((r: any) => r.outcome === 'created').map((r: any) => r.recordId);
  expect(inJira.map(recordIdOf).sort()).toEqual([...created].sort());
  expect(finished.results.map((r: any) => r.recordId).sort()).toEqual([...ids].sort());
  count({ duplicates: duplicates(inJira).length, lost: ids.length - finished.results.length });
}

test('the server goes down: the job says so, and finishes on its own once the server is back', async () => {
  await open({ jiraLatencyMs: 5 });
  const ids = await seed(10);
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: ids }));
  world.timecard.setDown('refuse');

  const waiting = await until(jobId, 'waiting', (j) => j.waiting !== undefined);
  expect(waiting).toMatchObject({ state: expect.stringMatching(/queued|running/), done: 0 });
  expect(waiting.waiting).toEqual({
    code: 'server-unreachable',
    message: 'Your timecard server is not answering; this sync resumes on its own when it does.',
    since: expect.any(String),
  });
  const undo = await world.invoke('undoBulkJob', { jobId });
  expect(undo.error).toEqual({ code: 'sync-in-progress', message: expect.stringContaining(waitingMessage('server-unreachable')) });
  // The same wait, read by a person whose Jira speaks German (docs/decisions/0026).
  const inGerman = ok(await world.invoke('getBulkJob', { jobId }, { locale: 'de-DE' }));
  expect(inGerman.waiting).toEqual({
    code: 'server-unreachable',
    message: 'Ihr Timecard-Server antwortet nicht; diese Synchronisierung geht von selbst weiter, sobald er wieder antwortet.',
    since: waiting.waiting.since,
  });

  // Back up; nothing polls from here on: the queue alone finishes the job.
  await pause(300);
  world.timecard.setDown(false);
  await world.app.queue.drain();
  expect(worklogs()).toHaveLength(ids.length);
  const finished = await job(jobId);
  expect(finished).toMatchObject({ state: 'done', created: ids.length, failed: 0 });
  expect(finished.waiting).toBeUndefined();
  expectNothingLostOrDoubled(finished, ids);
  count({ tried: 1, handled: 1 });
});

test('the person disconnects mid-job: "connect again to go on", and it goes on once they have', async () => {
  await open({ jiraLatencyMs: 10 });
  const ids = await seed(25); // 150 records: more batches than the queue runs at once
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: ids }));
  ok(await world.invoke('disconnectTimecard', {}));

  const waiting = await until(jobId, 'waiting', (j) => j.waiting !== undefined || j.state === 'done');
  expect(waiting.state).not.toBe('done');
  expect(waiting.waiting).toMatchObject({ code: 'not-connected', message: expect.stringMatching(/^Connect your timecard account again to go on/) });
  ok(await world.invoke('connectTimecard', { username: world.demo.timecardUser, password: world.demo.timecardPassword }));
  await world.app.queue.drain();
  const finished = await job(jobId);
  expect(finished).toMatchObject({ state: 'done', created: ids.length, failed: 0 });
  expectNothingLostOrDoubled(finished, ids);
  count({ tried: 1, handled: 1 });
});

test('a job that waits too long ends: its remaining records fail with the reason; the queue stops', async () => {
  await open();
  const ids = await seed(5);
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: ids }));
  world.timecard.setDown('refuse');
  await until(jobId, 'waiting', (j) => j.waiting !== undefined);
  shiftMs = MAX_WAIT_MS + 60_000;
  await world.app.queue.drain(); // the next look at the job ends it: nothing is left to deliver
  const ended = await job(jobId);
  expect(ended).toMatchObject({ state: 'done', total: ids.length, done: ids.length, failed: ids.length, created: 0 });
  expect(new Set(ended.results.map((r: any) => `${r.code}: ${r.message}`))).toEqual(
    new Set([`server-unreachable: ${endedMessage('server-unreachable')}`]),
  );
  expect(ended.waiting).toBeUndefined();
  expect(worklogs()).toEqual([]);
  count({ tried: 1, handled: 1, lost: ids.length - ended.results.length });
});

test('when the queue itself has given up, the next look at an overdue job ends it', async () => {
  await open();
  const ids = await seed(3);
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: ids }));
  world.timecard.setDown('refuse');
  await until(jobId, 'waiting', (j) => j.waiting !== undefined);
  world.app.queue.stop(); // every event dropped
  shiftMs = MAX_WAIT_MS + 60_000;
  const ended = await job(jobId);
  expect(ended).toMatchObject({ state: 'done', failed: ids.length });
  count({ tried: 1, handled: 1 });
});

test('a poll that meets the cause while driving a stalled job records it instead of swallowing it', async () => {
  await open();
  const ids = await seed(3);
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: ids }));
  world.app.queue.stop(); // the queue never runs it: the page has to
  world.timecard.setDown('refuse');
  shiftMs = 60_000; // past the stall threshold
  const polled = await job(jobId);
  expect(polled.state).not.toBe('done');
  expect(polled.waiting).toMatchObject({ code: 'server-unreachable', message: waitingMessage('server-unreachable') });
  world.timecard.setDown(false);
  const finished = await until(jobId, 'done', (j) => j.state === 'done');
  expect(finished).toMatchObject({ created: ids.length });
  expect(finished.waiting).toBeUndefined();
  expectNothingLostOrDoubled(finished, ids);
  count({ tried: 1, handled: 1 });
});

test('the person cancels mid-job: what was logged stays (and can be undone), the rest is marked cancelled', async () => {
  await open({ jiraLatencyMs: 15 });
  const ids = await seed(25);
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: ids }));
  await until(jobId, 'some progress', (j) => j.done > 0);
  const answer = ok(await world.invoke('cancelBulkJob', { jobId }));
  expect(answer.jobId).toBe(jobId);
  await world.app.queue.drain();
  const finished = await until(jobId, 'done', (j) => j.state === 'done');
  expect(finished.cancelled).toBe(true);
  const cancelled = finished.results.filter((r: any) => r.code === CANCELLED_CODE);
  expect(cancelled.length).toBeGreaterThan(0);
  expect(finished.created + cancelled.length).toBe(ids.length);
  expectNothingLostOrDoubled(finished, ids);
  // Cancelling again, or a finished job, changes nothing.
  expect(ok(await world.invoke('cancelBulkJob', { jobId }))).toMatchObject({ state: 'done', created: finished.created });
  // Undo removes exactly what the job logged.
  let undone = ok(await world.invoke('undoBulkJob', { jobId }));
  while ((undone.remaining ?? 0) > 0) undone = ok(await world.invoke('undoBulkJob', { jobId }));
  expect(worklogs()).toEqual([]);
  count({ tried: 3, handled: 3 });
});

test("with only Forge's documented 4 retries per event, a long outage is outlived by fresh events", async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  await open({ app: { queue: { delayScale: 0.01, maxRetries: 4 } } });
  const ids = await seed(5);
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: ids }));
  world.timecard.setDown('refuse');
  await until(jobId, 'waiting', (j) => j.waiting !== undefined);
  await pause(1500); // well past 4 retries of 5 s (× 0.01)
  world.timecard.setDown(false);
  await world.app.queue.drain();
  const finished = await job(jobId);
  expect(finished).toMatchObject({ state: 'done', created: ids.length });
  expect(logged).not.toHaveBeenCalledWith(expect.stringMatching(/^Queue gave up/), expect.anything());
  logged.mockRestore();
  expectNothingLostOrDoubled(finished, ids);
  count({ tried: 1, handled: 1 });
});

describe('the in-process queue follows Forge', () => {
  test('retries as asked, at most 900 s apart, up to the cap, then gives up and says so', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const queue = createInProcessQueue({ delayScale: 0.0005, maxRetries: DOCUMENTED_MAX_RETRIES });
    const seen: { retryCount: number; at: number }[] = [];
    queue.setConsumer(async (_body, meta) => {
      seen.push({ retryCount: meta.retryCount, at: Date.now() });
      return { retryAfterSeconds: 100_000 }; // more than Forge's 900 s: lowered to 900 (0.9 s here)
    });
    await queue.push([{ body: { n: 1 } }]);
    await queue.drain();
    queue.stop();
    expect(seen.map((s) => s.retryCount)).toEqual([0, 1, 2, 3, 4]);
    for (let i = 1; i < seen.length; i++) expect(seen[i].at - seen[i - 1].at).toBeLessThan(1000);
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/^Queue gave up on an event after 5 deliveries/), expect.any(String));
    logged.mockRestore();
    await expect(queue.push([{ body: {}, delayInSeconds: 901 }])).rejects.toThrow(/0 to 900/);
    count({ tried: 2, handled: 2 });
  });
});
