// The issue-4 proof at full size: 1,000 records over 50 issues in one bulk job, against the
// Jira emulator with 100 ms latency and 10 % 429s, run by the real consumer from the in-process queue.
import { DEMO } from '../../runtime/demoData';
import { BULK_PER_ISSUE, seedBulk } from '../support/bulkData';
import { startWorld, type World } from '../support/world';

let world: World;

afterEach(async () => {
  world?.app.queue.stop();
  await world?.close();
});

test('1,000 records over 50 issues, 100 ms latency, 10 % 429s: exactly one worklog per record, progress moves', async () => {
  const statuses: (number | null)[] = [];
  world = await startWorld({
    demoRecords: false,
    jiraLatencyMs: 100,
    jiraFaults: '429:0.1',
    retryAfterSeconds: 1,
    app: { onJiraRequest: (info) => statuses.push(info.status) },
  });
  const { ids, issueKeys, listedCount } = await seedBulk(world);
  expect(listedCount).toBe(ids.length);
  world.jira.resetCounts();
  statuses.length = 0;
  const started = Date.now();

  const { jobId } = await world.invoke('startBulkSync', { recordIds: ids });
  expect(jobId).toEqual(expect.any(String));

  const seen: number[] = [];
  let job: any;
  for (;;) {
    job = await world.invoke('getBulkJob', { jobId });
    expect(job.error).toBeUndefined();
    seen.push(job.done);
    if (job.state === 'done') break;
    expect(Date.now() - started).toBeLessThan(240_000);
    await new Promise((r) => setTimeout(r, 250));
  }
  await world.app.queue.drain();
  const seconds = (Date.now() - started) / 1000;

  // Progress only ever moves forward, and was seen in between.
  for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
  expect(seen.filter((d) => d > 0 && d < ids.length).length).toBeGreaterThanOrEqual(3);

  expect(job).toMatchObject({
    state: 'done',
    total: 1000,
    done: 1000,
    created: 1000,
    succeeded: 1000,
    failed: 0,
    skipped: 0,
    updated: 0,
    unchanged: 0,
  });
  expect(new Set(job.results.map((r: any) => r.recordId))).toEqual(new Set(ids));

  // Exactly one worklog per record, written as the person, carrying the record's property.
  const worklogs = issueKeys.flatMap((key) => world.jira.worklogs(key));
  expect(worklogs).toHaveLength(1000);
  expect(new Set(worklogs.map((w) => w.authorAccountId))).toEqual(new Set([DEMO.accountId]));
  const recordIds = worklogs.map((w) => (w.properties['timecard-sync'] as { recordId: number }).recordId);
  expect(new Set(recordIds).size).toBe(1000);
  expect(new Set(recordIds)).toEqual(new Set(ids));
  for (const key of issueKeys) expect(world.jira.worklogs(key)).toHaveLength(BULK_PER_ISSUE);
  // Every created result points at the worklog that is in Jira.
  expect(new Set(job.results.map((r: any) => r.worklogId))).toEqual(new Set(worklogs.map((w) => w.id)));

  const counts = world.jira.counts();
  expect(counts.byAccount.app).toBeUndefined();
  const rateLimited = statuses.filter((s) => s === 429).length;
  expect(rateLimited).toBeGreaterThanOrEqual(50); // the 10 % 429s really happened
  console.log(
    `bulk 1000: ${seconds.toFixed(1)} s, ${counts.total} Jira calls (${(counts.total / 1000).toFixed(2)}/record, ${rateLimited} answered 429), ${seen.length} polls`,
  );

  // Undo: every worklog of the job goes, in calls that each fit a resolver invocation (25 s).
  const undoStarted = Date.now();
  let deleted = 0;
  const calls: number[] = [];
  for (let more = true; more;) {
    const t = Date.now();
    const undo = await world.invoke('undoBulkJob', { jobId });
    calls.push(Date.now() - t);
    expect(undo.error).toBeUndefined();
    expect(undo.failed).toBe(0);
    deleted += undo.deleted;
    more = (undo.remaining ?? 0) > 0;
    expect(calls.length).toBeLessThan(10);
  }
  expect(deleted).toBe(1000);
  for (const ms of calls) expect(ms).toBeLessThan(25_000);
  expect(issueKeys.flatMap((key) => world.jira.worklogs(key))).toHaveLength(0);
  const after = await world.invoke('getBulkJob', { jobId });
  expect(after.state).toBe('undone');
  console.log(
    `undo 1000: ${((Date.now() - undoStarted) / 1000).toFixed(1)} s in ${calls.length} call(s): ${calls.map((ms) => (ms / 1000).toFixed(1)).join(' s, ')} s`,
  );
}, 300_000);
