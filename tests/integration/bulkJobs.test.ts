// Bulk jobs against the emulators with the real consumer run from the in-process queue: a worker
// killed mid-job or out of time resumes without duplicates, undo removes exactly the job's
// worklogs, jobs are private, a preview writes nothing, and a job Forge will not run as the
// person is driven by the page instead.
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { NeedsAuthenticationError } from '@forge/api';
import { buildForgeConsumer } from '../../src/adapters/forgeConsumer';
import { createForgeJira } from '../../src/adapters/jira';
import { createMemoryStore } from '../../runtime/memoryStore';
import { createBulkConsumer } from '../../src/resolvers/bulkConsumer';
import type { Deps, Store, StoreChanges } from '../../src/services/ports';
import { DEMO } from '../../runtime/demoData';
import type { JiraRequestInfo } from '../../runtime/forgeRuntime';
import { interceptedJira } from '../support/interceptedJira';
import { startWorld, type World, type WorldOptions } from '../support/world';

const DAY = 86_400_000;
const MINUTE = 60_000;
const WORK = ['BROWSE_PROJECTS', 'WORK_ON_ISSUES', 'EDIT_OWN_WORKLOGS', 'DELETE_OWN_WORKLOGS'];

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Seeded {
  ids: number[];
  issueKeys: string[];
  /** record id → issue key */
  issueOf: Map<number, string>;
  from: string;
  to: string;
}

/** `issues` issues in project BULK with `perIssue` finished records each (`perDay` of them a day), indexed by one listRecords. */
async function seedBulk(world: World, issues: number, perIssue: number, perDay = 1): Promise<Seeded> {
  const issueKeys = Array.from({ length: issues }, (_, i) => `BULK-${i + 1}`);
  world.jira.seed({
    projects: [
      { id: '20000', key: 'BULK', name: 'Bulk', permissions: { [DEMO.accountId]: WORK, [DEMO.adminAccountId]: [...WORK, 'DELETE_ALL_WORKLOGS'] } },
    ],
    issues: issueKeys.map((key) => ({ key, summary: `Bulk issue ${key}`, status: 'To Do' as const, projectKey: 'BULK' })),
  });
  const today = Math.floor(Date.now() / DAY) * DAY;
  const ids: number[] = [];
  const issueOf = new Map<number, string>();
  const days = Math.ceil(perIssue / perDay);
  // A day's records start between 06:00 and 24:00 UTC of a past day (they may overlap; nothing minds).
  const spacing = Math.min(12 * MINUTE, Math.floor((18 * 60 * MINUTE) / (issues * perDay)));
  for (let j = 0; j < perIssue; j++) {
    const d = 1 + Math.floor(j / perDay);
    issueKeys.forEach((key, i) => {
      const start = today - d * DAY + 6 * 60 * MINUTE + (i * perDay + (j % perDay)) * spacing;
      const { id } = world.timecard.addRecord(world.demo.timecardUserId, {
        timein: iso(start),
        timeout: iso(start + 10 * MINUTE),
        notes: `Bulk work ${j}/${i}`,
        jira_issue_key: key,
      });
      ids.push(id);
      issueOf.set(id, key);
    });
  }
  const from = dayOf(today - (days + 2) * DAY);
  const to = dayOf(today);
  const listed = await world.invoke('listRecords', { from, to });
  expect(listed.records).toHaveLength(ids.length);
  return { ids, issueKeys, issueOf, from, to };
}

const allWorklogs = (world: World, seeded: Seeded) => seeded.issueKeys.flatMap((key) => world.jira.worklogs(key));
const recordIdOf = (w: { properties: Record<string, unknown> }) => (w.properties['timecard-sync'] as { recordId: number } | undefined)?.recordId;

/** Exactly one worklog per record, on the record's issue, by the person. */
function expectOneWorklogPerRecord(world: World, seeded: Seeded, ids = seeded.ids) {
  const worklogs = allWorklogs(world, seeded).filter((w) => ids.includes(recordIdOf(w)!));
  expect(worklogs.map(recordIdOf).sort()).toEqual([...ids].sort());
  for (const w of worklogs) {
    expect(w.authorAccountId).toBe(DEMO.accountId);
    expect(w.issueKey).toBe(seeded.issueOf.get(recordIdOf(w)!));
  }
  return worklogs;
}

/** Polls getBulkJob as the page does until the job is done; `done` must never go back. */
async function pollUntilDone(world: World, jobId: string, timeoutMs = 60_000): Promise<{ job: any; seen: number[] }> {
  const started = Date.now();
  const seen: number[] = [];
  for (;;) {
    const job = await world.invoke('getBulkJob', { jobId });
    expect(job.error).toBeUndefined();
    if (seen.length > 0) expect(job.done).toBeGreaterThanOrEqual(seen[seen.length - 1]);
    seen.push(job.done);
    if (job.state === 'done') return { job, seen };
    if (Date.now() - started > timeoutMs)
      throw new Error(`job not done after ${timeoutMs} ms: ${JSON.stringify({ ...job, results: job.results.length })}`);
    await pause(50);
  }
}

/** Undoes a job to the end, however many calls it takes. */
async function undoAll(world: World, jobId: string, accountId?: string) {
  let deleted = 0;
  let calls = 0;
  let last: any;
  do {
    last = await world.invoke('undoBulkJob', { jobId }, accountId ? { accountId } : {});
    expect(last.error).toBeUndefined();
    deleted += last.deleted;
    calls++;
  } while (last.remaining);
  return { deleted, calls, last };
}

let world: World | undefined;

async function open(options: WorldOptions = {}): Promise<World> {
  world = await startWorld({ demoRecords: false, ...options });
  return world;
}

afterEach(async () => {
  world?.app.queue.stop();
  await world?.close();
  world = undefined;
});

class WorkerKilled extends Error {
  constructor() {
    super('The worker was killed');
    this.name = 'WorkerKilled';
  }
}

type KillPoint = 'jira-create-answer-lost' | 'store-synced-state' | 'store-batch-results';

/**
 * Deps whose worker dies at the `n`-th matching write (once in the whole run): from then on every
 * store and Jira call of that worker throws, as if its process had gone. The clocks (the store's and
 * the app's) jump 10 minutes at the death, so the dead worker's batch lease and record lock expire as
 * they would.
 */
function killOnce(point: KillPoint, n: number, skew: { ms: number }) {
  let seen = 0;
  let killed = false;
  const wrap = (deps: Deps): Deps => {
    let dead = false;
    const die = () => {
      dead = true;
      killed = true;
      skew.ms += 10 * MINUTE;
      return new WorkerKilled();
    };
    const alive = () => {
      if (dead) throw new WorkerKilled();
    };
    const matches = (key: string, value: unknown) =>
      (point === 'store-synced-state' && key.startsWith('state:') && (value as { state?: string }).state === 'synced') ||
      (point === 'store-batch-results' &&
        key.startsWith('jobres:') &&
        (value as { results?: { outcome: string }[] }).results?.some((r) => r.outcome === 'created'));
    const store: Store = new Proxy(deps.store, {
      get(target, name: keyof Store) {
        const real = target[name] as (...args: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          alive();
          // A commit writes several keys in one request: it dies if any of them matches.
          const writes =
            name === 'set' ? [{ key: args[0] as string, value: args[1] }] : name === 'commit' ? ((args[0] as StoreChanges).set ?? []) : [];
          if (!killed && writes.some((w) => matches(w.key, w.value)) && ++seen === n) throw die();
          return real.apply(target, args);
        };
      },
    });
    const jira = interceptedJira(deps.jira, async (name, call) => {
      alive();
      if (name === 'createWorklog' && point === 'jira-create-answer-lost' && !killed && ++seen === n) {
        await call(); // Jira has it...
        throw die(); // ...but the worker never hears back
      }
      return call();
    });
    const clock = { now: () => new Date(deps.clock.now().getTime() + skew.ms) };
    return { ...deps, store, jira, clock };
  };
  return { wrap, killed: () => killed };
}

describe('a worker killed mid-job', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  test.each<[KillPoint]>([['jira-create-answer-lost'], ['store-synced-state'], ['store-batch-results']])(
    'at %s: the queue delivers the batch again and it finishes with no duplicate; undo removes them all',
    async (point) => {
      const skew = { ms: 0 };
      const kill = killOnce(point, 7, skew);
      const w = await open({
        jiraLatencyMs: 5,
        app: { store: createMemoryStore({ now: () => Date.now() + skew.ms }), wrapDeps: kill.wrap },
      });
      const seeded = await seedBulk(w, 4, 15); // 4 batches of one issue each, run 4 at a time
      const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
      await w.app.queue.drain();
      expect(kill.killed()).toBe(true);
      expect(w.app.queue.delivered).toBe(5); // the killed batch was delivered once more
      // The consumer logged the death by name only (no message: it could name a person's data) and asked for a retry.
      expect(logged).toHaveBeenCalledWith(
        expect.stringMatching(new RegExp(`errorId=[0-9A-F]{8} code=internal job=${jobId} batch=\\d+ .*delivered again.* error=WorkerKilled`)),
      );

      const job = await w.invoke('getBulkJob', { jobId });
      expect(job).toMatchObject({ state: 'done', total: 60, done: 60, created: 60, failed: 0, skipped: 0, unchanged: 0, updated: 0 });
      const worklogs = expectOneWorklogPerRecord(w, seeded);
      expect(new Set(job.results.map((r: any) => r.worklogId))).toEqual(new Set(worklogs.map((wl) => wl.id)));

      const undo = await undoAll(w, jobId);
      expect(undo.deleted).toBe(60);
      expect(allWorklogs(w, seeded)).toEqual([]);
    },
  );
});

test('a worker that runs out of time resumes where it stopped, one record at a time if need be', async () => {
  const w = await open({ jiraLatencyMs: 5, app: { consumerBudgetMs: 1 } });
  const seeded = await seedBulk(w, 3, 8);
  const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
  await w.app.queue.drain();
  // 3 batches, each stopping after every record and handing on to a fresh event.
  expect(w.app.queue.delivered).toBeGreaterThanOrEqual(24);
  expect(w.app.queue.failures).toBe(0);
  const job = await w.invoke('getBulkJob', { jobId });
  expect(job).toMatchObject({ state: 'done', total: 24, done: 24, created: 24, failed: 0 });
  expectOneWorklogPerRecord(w, seeded);
});

test('Jira rate limits beyond the client retry budget: the Forge consumer answers InvocationError({ retryAfter }) and the job still finishes once', async () => {
  const statuses: (number | null)[] = [];
  const w = await open({
    jiraLatencyMs: 2,
    retryAfterSeconds: 1,
    app: { jiraRetryBudgetMs: 0, onJiraRequest: (info) => statuses.push(info.status) },
  });
  const seeded = await seedBulk(w, 4, 5);
  // From here on about one Jira call in ten answers 429, and the client does not retry: the batch has to.
  w.jira.setFaults('429:0.1', 1);
  // And two worklog creates certainly do.
  w.jira.failNext(2, { method: 'POST', pathIncludes: '/worklog', status: 429 });
  // The in-process queue delivers through the exact handler Forge calls (AsyncEvent in, InvocationError out).
  const handler = buildForgeConsumer(createBulkConsumer(w.app.deps));
  const retries: number[] = [];
  w.app.queue.setConsumer(async (body) => {
    const answer = await handler({ body, queueName: 'bulk-sync', jobId: 'forge-job', eventId: 'e' }, {});
    if (answer === undefined) return {};
    // `new InvocationError(...)` is the wire object Forge reads: { _retry: true, retryOptions }.
    expect(answer).toEqual(
      new InvocationError({ retryAfter: answer.retryOptions.retryAfter, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST }),
    );
    expect(answer).toMatchObject({ _retry: true });
    retries.push(answer.retryOptions.retryAfter);
    return { retryAfterSeconds: answer.retryOptions.retryAfter };
  });
  const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
  const { job } = await pollUntilDone(w, jobId);
  await w.app.queue.drain();
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
  // A record refused with 429 stops its batch, which asks to be delivered again in 30 s.
  expect(retries).toContain(30);
  for (const seconds of retries) expect(seconds).toBeGreaterThanOrEqual(1);
  expect(job).toMatchObject({ total: 20, done: 20, created: 20, failed: 0 });
  expectOneWorklogPerRecord(w, seeded);
});

describe('undo', () => {
  test('removes exactly the worklogs the job created, restores their records to not synced, leaves an earlier single sync alone', async () => {
    const w = await open({ jiraLatencyMs: 5 });
    const seeded = await seedBulk(w, 3, 4);
    // Two records logged on their own before the job, and a worklog someone else wrote.
    const early = [seeded.ids[0], seeded.ids[4]];
    const single = await w.invoke('syncRecords', { recordIds: early });
    expect(single.results.map((r: any) => r.outcome)).toEqual(['created', 'created']);
    const earlyWorklogs = single.results.map((r: any) => r.worklogId);
    w.jira.seed({ worklogs: [{ issueKey: 'BULK-1', authorAccountId: DEMO.adminAccountId, started: iso(Date.now() - DAY), timeSpentSeconds: 3600 }] });

    const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
    // Not before it has finished.
    expect((await w.invoke('undoBulkJob', { jobId })).error.code).toBe('sync-in-progress');
    await w.app.queue.drain();
    const job = await w.invoke('getBulkJob', { jobId });
    expect(job).toMatchObject({ state: 'done', total: 12, done: 12, created: 10, unchanged: 2, failed: 0 });
    expectOneWorklogPerRecord(w, seeded);
    expect(allWorklogs(w, seeded)).toHaveLength(13);

    const undo = await w.invoke('undoBulkJob', { jobId });
    expect(undo).toMatchObject({ deleted: 10, failed: 0, failures: [] });
    expect(undo.remaining).toBeUndefined();
    const left = allWorklogs(w, seeded);
    expect(left.map((wl) => wl.id).sort()).toEqual([...earlyWorklogs, left.find((wl) => wl.authorAccountId === DEMO.adminAccountId)!.id].sort());
    expect(left.filter((wl) => wl.authorAccountId === DEMO.adminAccountId)).toHaveLength(1);

    const records = (await w.invoke('listRecords', { from: seeded.from, to: seeded.to })).records as any[];
    for (const record of records) expect(record.status).toBe(early.includes(record.id) ? 'synced' : 'not-synced');
    expect((await w.invoke('getBulkJob', { jobId })).state).toBe('undone');

    // Again: nothing more to do, nothing else touched.
    expect(await w.invoke('undoBulkJob', { jobId })).toMatchObject({ deleted: 0, failed: 0 });
    expect(allWorklogs(w, seeded)).toHaveLength(3);
  });

  test('a worklog the undo could not delete is reported until a later undo call deletes it', async () => {
    const w = await open({ jiraLatencyMs: 2 });
    const seeded = await seedBulk(w, 2, 3);
    const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
    await w.app.queue.drain();
    expect(await w.invoke('getBulkJob', { jobId })).toMatchObject({ state: 'done', created: 6 });

    w.jira.failNext(1, { status: 500, method: 'DELETE', pathIncludes: '/worklog/' });
    const first = await w.invoke('undoBulkJob', { jobId });
    expect(first).toMatchObject({ deleted: 5, failed: 1, kept: [] });
    expect(first.failures).toEqual([{ recordId: expect.any(Number), message: expect.any(String) }]);
    expect(allWorklogs(w, seeded)).toHaveLength(1);

    const second = await w.invoke('undoBulkJob', { jobId });
    expect(second).toMatchObject({ deleted: 1, failed: 0, failures: [] });
    expect(allWorklogs(w, seeded)).toHaveLength(0);
  });

  test("another person's job: getBulkJob and undoBulkJob answer job-not-found and change nothing", async () => {
    const w = await open();
    const seeded = await seedBulk(w, 2, 3);
    const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
    await w.app.queue.drain();
    expect((await w.invoke('getBulkJob', { jobId })).state).toBe('done');

    for (const accountId of [DEMO.adminAccountId, DEMO.viewerAccountId]) {
      expect((await w.invoke('getBulkJob', { jobId }, { accountId })).error.code).toBe('job-not-found');
      expect((await w.invoke('undoBulkJob', { jobId }, { accountId })).error.code).toBe('job-not-found');
    }
    expect((await w.invoke('getBulkJob', { jobId: 'f0f0f0f0-0000-4000-8000-000000000000' })).error.code).toBe('job-not-found');
    expect(allWorklogs(w, seeded)).toHaveLength(6);
    expect((await w.invoke('getBulkJob', { jobId })).state).toBe('done');
  });
});

test('a dry run writes nothing and reports what would happen', async () => {
  const w = await open();
  const seeded = await seedBulk(w, 2, 3);
  // One record already logged (unchanged), one too short (skipped), one not linked (skipped), one unknown id.
  const logged = seeded.ids[0];
  await w.invoke('syncRecords', { recordIds: [logged] });
  const start = Date.now() - 3 * DAY;
  const short = w.timecard.addRecord(w.demo.timecardUserId, {
    timein: iso(start),
    timeout: iso(start + 20_000),
    notes: 'tiny',
    jira_issue_key: 'BULK-1',
  }).id;
  const unlinked = w.timecard.addRecord(w.demo.timecardUserId, {
    timein: iso(start + 3_600_000),
    timeout: iso(start + 5_400_000),
    notes: 'no issue here',
    jira_issue_key: null,
  }).id;
  await w.invoke('listRecords', { from: seeded.from, to: seeded.to });
  const before = w.jira.counts().writes;
  const stateKeys = () => Object.keys(w.app.store.dump()).filter((k) => k.startsWith('state:')).length;
  const statesBefore = stateKeys();

  const { jobId } = await w.invoke('startBulkSync', { recordIds: [...seeded.ids, short, unlinked, 999_999], dryRun: true });
  const job = await w.invoke('getBulkJob', { jobId });
  expect(job).toMatchObject({ state: 'done', dryRun: true, total: 9, done: 9, created: 5, unchanged: 1, skipped: 2, failed: 1, updated: 0 });
  const outcome = (id: number) => job.results.find((r: any) => r.recordId === id);
  expect(outcome(logged).outcome).toBe('unchanged');
  expect(outcome(short)).toMatchObject({ outcome: 'skipped', message: expect.stringMatching(/shorter/i) });
  expect(outcome(unlinked)).toMatchObject({ outcome: 'skipped', message: expect.stringMatching(/not linked/i) });
  expect(outcome(999_999)).toMatchObject({ outcome: 'failed', code: 'record-not-found' });
  expect(outcome(seeded.ids[1])).toMatchObject({ outcome: 'created', timeSpentSeconds: 600 });
  expect(outcome(seeded.ids[1]).worklogId).toBeUndefined();

  expect(w.jira.counts().writes).toBe(before);
  expect(stateKeys()).toBe(statesBefore);
  expect(allWorklogs(w, seeded)).toHaveLength(1);
  expect(w.app.queue.delivered).toBe(0);
  expect((await w.invoke('undoBulkJob', { jobId })).error.code).toBe('invalid-payload');
});

test('Forge refuses to let the worker act as the person: the page polling getBulkJob drives the job, as the person', async () => {
  const refused = createForgeJira({
    requester: () => () => Promise.reject(new NeedsAuthenticationError('offline user impersonation is not allowed', 'jira')),
  });
  const calls: JiraRequestInfo[] = [];
  const w = await open({
    jiraLatencyMs: 5,
    app: {
      onJiraRequest: (info) => calls.push(info),
      // asUser(accountId) (the queue worker) is refused; asUser() (a resolver call, as the signed-in person) works.
      wrapDeps: (deps) => ({
        ...deps,
        jira: {
          asApp: () => deps.jira.asApp(),
          asUser: (accountId?: string) => (accountId === undefined ? deps.jira.asUser() : refused.asUser(accountId)),
        },
      }),
    },
  });
  const seeded = await seedBulk(w, 4, 10);
  const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
  await w.app.queue.drain();
  // The worker only probed and handed the job to the page: nothing was written yet.
  expect(allWorklogs(w, seeded)).toHaveLength(0);
  expect(w.app.store.dump()[`job:${jobId}`]).toMatchObject({ state: 'queued', pageDriven: true });

  calls.length = 0;
  const { job } = await pollUntilDone(w, jobId);
  expect(job).toMatchObject({ state: 'done', total: 40, done: 40, created: 40, failed: 0 });
  expectOneWorklogPerRecord(w, seeded);
  // Every Jira call was the person's own (the resolver context), none as the app.
  expect(calls.length).toBeGreaterThanOrEqual(40);
  expect(new Set(calls.map((c) => c.accountId))).toEqual(new Set([DEMO.accountId]));
  expect(w.jira.counts().byAccount.app).toBeUndefined();
  // Undo works the same way.
  expect((await undoAll(w, jobId)).deleted).toBe(40);
  expect(allWorklogs(w, seeded)).toHaveLength(0);
});

test('a job the queue has dropped is taken over by the page once it has made no progress for 30 s', async () => {
  const skew = { ms: 0 };
  const w = await open({ app: { wrapDeps: (deps) => ({ ...deps, clock: { now: () => new Date(Date.now() + skew.ms) } }) } });
  const seeded = await seedBulk(w, 3, 4);
  w.app.queue.stop(); // the queue loses every event of the job
  const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
  await w.app.queue.drain();
  // Not stalled yet: the page only looks.
  expect(await w.invoke('getBulkJob', { jobId })).toMatchObject({ state: 'queued', done: 0 });
  expect(allWorklogs(w, seeded)).toHaveLength(0);

  skew.ms = 31_000;
  const { job } = await pollUntilDone(w, jobId);
  expect(job).toMatchObject({ state: 'done', total: 12, done: 12, created: 12, failed: 0 });
  expectOneWorklogPerRecord(w, seeded);
});

test('one issue with 450 records: one batch, its results saved in pages that each fit a KVS value; a kill mid-way resumes', async () => {
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const skew = { ms: 0 };
  const kill = killOnce('jira-create-answer-lost', 300, skew);
  const w = await open({ app: { store: createMemoryStore({ now: () => Date.now() + skew.ms }), wrapDeps: kill.wrap } });
  const seeded = await seedBulk(w, 1, 450, 40);
  const preview = await w.invoke('startBulkSync', { recordIds: seeded.ids, dryRun: true });
  expect(await w.invoke('getBulkJob', { jobId: preview.jobId })).toMatchObject({ state: 'done', total: 450, done: 450, created: 450 });

  const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
  await w.app.queue.drain();
  expect(kill.killed()).toBe(true);
  const job = await w.invoke('getBulkJob', { jobId });
  expect(job).toMatchObject({ state: 'done', total: 450, done: 450, created: 450, failed: 0 });
  expectOneWorklogPerRecord(w, seeded);
  const pages = Object.entries(w.app.store.dump()).filter(([key]) => key.startsWith(`jobres:${jobId}:`));
  expect(pages.map(([key]) => key.slice(-9))).toEqual(['00000:000', '00000:001', '00000:002']);
  for (const [, value] of pages) expect(Buffer.byteLength(JSON.stringify(value))).toBeLessThan(64 * 1024);
  expect(logged).toHaveBeenCalledWith(
    expect.stringMatching(new RegExp(`errorId=[0-9A-F]{8} code=internal job=${jobId} batch=0 .*delivered again.* error=WorkerKilled`)),
  );
  logged.mockRestore();
});

test('a preview of 5,000 records (the most a job takes; 1,000 on each of 5 issues) is saved in pages within the KVS value limit', async () => {
  const w = await open();
  const seeded = await seedBulk(w, 5, 1000, 50);
  const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids, dryRun: true });
  const job = await w.invoke('getBulkJob', { jobId });
  expect(job).toMatchObject({ state: 'done', dryRun: true, total: 5000, done: 5000, created: 5000 });
  expect(new Set(job.results.map((r: any) => r.recordId)).size).toBe(5000);
  const pages = Object.entries(w.app.store.dump()).filter(([key]) => key.startsWith(`jobres:${jobId}:`));
  for (const [, value] of pages) expect(Buffer.byteLength(JSON.stringify(value))).toBeLessThan(64 * 1024);
  expect(w.jira.counts().writes).toBe(0);
}, 60_000);

test('progress polls can leave the per-record results out (withResults: false); the counts are the same', async () => {
  const w = await open();
  const seeded = await seedBulk(w, 3, 4);
  const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
  const { job } = await pollUntilDone(w, jobId);
  const light = await w.invoke('getBulkJob', { jobId, withResults: false });
  expect(light.results).toEqual([]);
  const { results, ...counts } = job;
  expect(light).toEqual({ ...counts, results: [] });
  expect(results).toHaveLength(seeded.ids.length);
  expect((await w.invoke('getBulkJob', { jobId, withResults: 'no' })).error.code).toBe('invalid-payload');
});

/** Deps whose store reports each call (name, first argument) to `watch.on` while it is set. */
function watchedStore() {
  const watch: { on?: (name: string, args: unknown[], answer: unknown) => void } = {};
  const wrap = (deps: Deps): Deps => ({
    ...deps,
    store: new Proxy(deps.store, {
      get(target, name: keyof Store) {
        const real = target[name] as (...args: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          const answer = await real.apply(target, args);
          watch.on?.(name, args, answer);
          return answer;
        };
      },
    }),
  });
  return { watch, wrap };
}

test('starting a job groups records by issue from their stored links alone: no sync state, settings or worklog is read', async () => {
  const { watch, wrap } = watchedStore();
  const w = await open({ app: { wrapDeps: wrap } });
  const seeded = await seedBulk(w, 3, 10);
  // One BULK-1 record linked in Jira to BULK-3: its batch is BULK-3's.
  const moved = seeded.ids.find((id) => seeded.issueOf.get(id) === 'BULK-1')!;
  expect((await w.invoke('linkRecord', { recordId: moved, issueKey: 'BULK-3' })).error).toBeUndefined();
  await w.invoke('syncRecords', { recordIds: [seeded.ids[1]] }); // a sync state exists to be (not) read
  w.app.queue.stop();
  const reads: string[] = [];
  watch.on = (name, args) => {
    if (name === 'get' || name === 'getSecret') reads.push(String(args[0]));
    if (name === 'getMany') reads.push(...(args[0] as string[]));
  };
  const jiraReadsBefore = w.jira.counts().total;
  const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
  watch.on = undefined;

  expect(reads.filter((key) => /^(state|proj|site):/.test(key))).toEqual([]);
  expect(reads.filter((key) => key.startsWith('link:'))).toHaveLength(seeded.ids.length);
  expect(w.jira.counts().total).toBe(jiraReadsBefore);
  const job = w.app.store.dump()[`job:${jobId}`] as { batches: { recordIds: number[] }[] };
  const batchOf = (id: number) => job.batches.findIndex((b) => b.recordIds.includes(id));
  const issue3 = seeded.ids.filter((id) => seeded.issueOf.get(id) === 'BULK-3');
  expect(new Set(issue3.map(batchOf))).toEqual(new Set([batchOf(moved)]));
  expect(job.batches.flatMap((b) => b.recordIds).sort()).toEqual([...seeded.ids].sort());
});

describe('the page polling getBulkJob', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  test('a stalled job it cannot drive (timecard server down) still answers the progress; the job finishes once the server is back', async () => {
    const skew = { ms: 0 };
    const w = await open({ app: { wrapDeps: (deps) => ({ ...deps, clock: { now: () => new Date(Date.now() + skew.ms) } }) } });
    const seeded = await seedBulk(w, 2, 3);
    w.app.queue.stop();
    const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
    skew.ms = 31_000; // stalled: the page drives it
    w.timecard.setDown('refuse');

    const job = await w.invoke('getBulkJob', { jobId });
    expect(job.error).toBeUndefined();
    expect(job).toMatchObject({ jobId, total: 6, done: 0, failed: 0, results: [] });
    // One line with the code and the job; the server's address redacted (no URL, host or port).
    expect(logged).toHaveBeenCalledWith(
      expect.stringMatching(new RegExp(`errorId=[0-9A-F]{8} code=server-unreachable job=${jobId} .*stalled bulk-sync job.* error=AppError`)),
    );
    const { hostname, port } = new URL(w.timecard.url);
    expect(JSON.stringify(logged.mock.calls)).not.toMatch(new RegExp(`https?:|${hostname.replace(/\./g, '\\.')}|${port}`));

    w.timecard.setDown(false);
    const { job: done } = await pollUntilDone(w, jobId);
    expect(done).toMatchObject({ state: 'done', total: 6, done: 6, created: 6, failed: 0 });
    expectOneWorklogPerRecord(w, seeded);
  });

  test("reads the job's results once per poll; a finishing batch checks the other batches' done markers, not their results", async () => {
    const { watch, wrap } = watchedStore();
    const w = await open({ app: { wrapDeps: wrap } });
    const seeded = await seedBulk(w, 8, 25); // 8 batches of one issue each
    const events: Record<string, unknown>[] = [];
    w.app.queue.setConsumer(async (body) => {
      events.push(body); // held: run one by one below
      return {};
    });
    const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
    await w.app.queue.drain();
    expect(events).toHaveLength(8);
    let resultReads = 0;
    let resultItems = 0;
    watch.on = (name, args, answer) => {
      if (name !== 'query' || !String(args[0]).startsWith(`jobres:${jobId}:`)) return;
      resultReads++;
      resultItems += (answer as { items: unknown[] }).items.length;
    };
    // Not stalled: the poll only reads, once.
    expect(await w.invoke('getBulkJob', { jobId })).toMatchObject({ state: 'queued', done: 0 });
    expect(resultReads).toBe(1);

    resultItems = 0;
    const consume = createBulkConsumer(w.app.deps);
    for (const body of events) expect(await consume(body)).toEqual({});
    // Each batch reads its own results once and, finishing, only done markers (the next batch has
    // no results yet). Reading every batch's results at each finish would be 8 + 36 pages here.
    expect(resultItems).toBeLessThanOrEqual(8);
    expect(await w.invoke('getBulkJob', { jobId, withResults: false })).toMatchObject({ state: 'done', done: 200, created: 200 });
  }, 60_000);
});

test("a batch ends in one request: its last results page, its done marker and its lease's release; no lock is released on its own", async () => {
  const { watch, wrap } = watchedStore();
  const w = await open({ app: { wrapDeps: wrap } });
  const seeded = await seedBulk(w, 2, 3);
  const commits: StoreChanges[] = [];
  const deletes: string[] = [];
  watch.on = (name, args) => {
    if (name === 'commit') commits.push(args[0] as StoreChanges);
    if (name === 'delete') deletes.push(String(args[0]));
  };
  const { jobId } = await w.invoke('startBulkSync', { recordIds: seeded.ids });
  const { job } = await pollUntilDone(w, jobId);
  watch.on = undefined;

  expect(job).toMatchObject({ state: 'done', created: seeded.ids.length });
  const ends = commits.filter((c) => (c.set ?? []).some((item) => item.key.startsWith(`jobdone:${jobId}:`)));
  expect(ends).toHaveLength(1);
  expect(ends[0].set!.map((item) => item.key.split(':')[0]).sort()).toEqual(['jobdone', 'jobres']);
  expect(ends[0].delete).toEqual([`joblease:${jobId}:00000`]);
  expect(deletes.filter((key) => /^(lock|issuelock|joblease):/.test(key))).toEqual([]);
  expect(Object.keys(w.app.store.dump()).filter((key) => /^(lock|issuelock|joblease):/.test(key))).toEqual([]);
  // The batch's priors land in one request with its first `pending`, before any Jira write.
  const withPriors = commits.filter((c) => (c.set ?? []).some((item) => item.key.startsWith(`jobprior:${jobId}:`)));
  expect(withPriors).toHaveLength(1);
  expect(withPriors[0].set!.map((item) => [item.key.split(':')[0], (item.value as { state?: string }).state])).toEqual([
    ['state', 'pending'],
    ['jobprior', undefined],
  ]);
});
