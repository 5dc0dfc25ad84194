// Sync runs in the history (ADR 0013): every entry names its run and the work it was about, and
// any run can be undone from the history, through the real resolver handler and both emulators.
import type { World } from '../support/world';
import { HISTORY_NOTES_LENGTH } from '../../src/shared/contract';
import { addRecord, allWorklogs, ok, openDemoWorld, recordIdOf, sync, utcAt } from './syncHelpers';

let world: World;
let ids: Record<string, number>;

beforeEach(async () => ({ world, ids } = await openDemoWorld()));
afterEach(() => world.close());

const history = async (query: Record<string, unknown> = {}) => ok(await world.invoke('getSyncHistory', query));
const undo = async (runId: string, dryRun?: boolean) => world.invoke('undoSyncRun', { runId, ...(dryRun ? { dryRun } : {}) });

test('one panel call is one run; its entries say which work it was, with the issue summary', async () => {
  const a = ids['DEMO-2 day 1'];
  const b = ids['DEMO-2 day 2'];
  await sync(world, [a, b], {}, world.issueContext('DEMO-2'));
  await sync(world, [ids['DEMO-5 day 1']]);

  const { items } = await history();
  expect(items).toHaveLength(3);
  const [later, ...first] = items;
  expect(new Set(first.map((i: any) => i.runId)).size).toBe(1);
  expect(later.runId).toEqual(expect.any(String));
  expect(later.runId).not.toBe(first[0].runId);
  const records = ok(await world.invoke('listRecords', { from: utcAt(20, 0).slice(0, 10), to: utcAt(-2, 0).slice(0, 10) })).records;
  for (const item of first) {
    const record = records.find((r: any) => r.id === item.recordId);
    expect(item).toMatchObject({
      outcome: 'created',
      issueKey: 'DEMO-2',
      issueSummary: 'Fix time zone bug in reports',
      workStart: new Date(record.start).toISOString(),
      workSeconds: record.durationSeconds,
      notes: record.notes || expect.any(String),
    });
  }
});

test('a note longer than the cap is kept as its start with an ellipsis', async () => {
  const id = addRecord(world, { timein: utcAt(2, 17), timeout: utcAt(2, 18), notes: 'Long investigation. '.repeat(40), jira_issue_key: 'DEMO-3' });
  await sync(world, [id]);
  const [entry] = (await history()).items;
  expect(entry.notes).toHaveLength(HISTORY_NOTES_LENGTH);
  expect(entry.notes).toMatch(/^Long investigation\. Long.*…$/);
});

test('a panel run is undone from the history after the fact: a dry run counts first, then its worklogs go, once', async () => {
  const a = ids['DEMO-2 day 1'];
  const b = ids['DEMO-2 day 2'];
  await sync(world, [a, b], {}, world.issueContext('DEMO-2'));
  const kept = ids['DEMO-5 day 1'];
  await sync(world, [kept]);
  const runId = (await history()).items.find((i: any) => i.recordId === a).runId;

  expect(ok(await undo(runId, true))).toMatchObject({ wouldDelete: 2, deleted: 0 });
  expect(allWorklogs(world).map(recordIdOf).sort()).toEqual([a, b, kept].sort());

  const done = ok(await undo(runId));
  expect(done).toMatchObject({ deleted: 2, failed: 0, undoneAt: expect.any(String) });
  expect(allWorklogs(world).map(recordIdOf)).toEqual([kept]);
  const after = await history();
  expect(after.undoneRuns).toEqual({ [runId]: done.undoneAt });
  const removed = after.items.filter((i: any) => i.outcome === 'deleted');
  expect(removed.map((i: any) => i.recordId).sort()).toEqual([a, b].sort());
  // The undo is a run of its own, not part of the run it undid.
  expect(removed.every((i: any) => i.runId && i.runId !== runId)).toBe(true);
  expect(removed[0]).toMatchObject({ issueKey: 'DEMO-2', workStart: expect.any(String), message: 'Undone' });

  expect(ok(await undo(runId, true))).toMatchObject({ wouldDelete: 0, undoneAt: done.undoneAt });
  expect(ok(await undo(runId))).toMatchObject({ deleted: 0, undoneAt: done.undoneAt });
});

test('a worklog synced again by a later run is left alone by the undo of the earlier one', async () => {
  const a = ids['DEMO-2 day 1'];
  await sync(world, [a]);
  const first = (await history()).items[0].runId;
  ok(await world.invoke('unsyncRecord', { recordId: a }));
  await sync(world, [a]);

  const dry = ok(await undo(first, true));
  expect(dry).toMatchObject({ wouldDelete: 0, kept: [{ recordId: a, message: expect.stringMatching(/synced again since/) }] });
  expect(ok(await undo(first))).toMatchObject({ deleted: 0 });
  expect(allWorklogs(world).map(recordIdOf)).toEqual([a]);
});

test('a bulk job is a run: its entries carry the job id and it is undone from the history', async () => {
  const recordIds = [ids['DEMO-2 day 1'], ids['DEMO-5 day 1']];
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds }));
  await world.app.queue.drain();
  const items = (await history()).items;
  expect(items.map((i: any) => [i.runId, i.jobId])).toEqual([
    [jobId, jobId],
    [jobId, jobId],
  ]);
  expect(ok(await undo(jobId, true))).toMatchObject({ wouldDelete: 2 });
  expect(ok(await undo(jobId))).toMatchObject({ deleted: 2, failed: 0, undoneAt: expect.any(String) });
  expect(allWorklogs(world)).toEqual([]);
  expect(ok(await world.invoke('getBulkJob', { jobId }))).toMatchObject({ state: 'undone' });
  expect((await history()).undoneRuns).toEqual({ [jobId]: expect.any(String) });
});

test("a run id that is not in the person's history is refused and changes nothing", async () => {
  await sync(world, [ids['DEMO-2 day 1']]);
  const runId = (await history()).items[0].runId;
  for (const [id, accountId] of [
    ['no-such-run-0000', world.demo.accountId],
    [runId, world.demo.adminAccountId],
  ]) {
    expect(await world.invoke('undoSyncRun', { runId: id }, { accountId })).toEqual({
      error: { code: 'job-not-found', message: expect.stringMatching(/sync history/) },
    });
  }
  expect(allWorklogs(world)).toHaveLength(1);
});

test("the bulk panel's undo of its job marks the run undone in the history too", async () => {
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: [ids['DEMO-2 day 1']] }));
  await world.app.queue.drain();
  expect((await history()).undoneRuns).toBeUndefined();
  expect(ok(await world.invoke('undoBulkJob', { jobId }))).toEqual({ deleted: 1, failed: 0, failures: [], kept: [] });
  expect((await history()).undoneRuns).toEqual({ [jobId]: expect.any(String) });
  expect(ok(await undo(jobId, true))).toMatchObject({ wouldDelete: 0 });
});

test("a run's copy of an entry keeps only what its undo reads, and the run is still undone from it", async () => {
  const a = ids['DEMO-2 day 1'];
  await sync(world, [a], {}, world.issueContext('DEMO-2'));
  const [entry] = (await history()).items;
  const copies = (await world.app.store.query<Record<string, unknown>>('histrun:')).items.map((i) => i.value);
  expect(copies).toEqual([
    { id: entry.id, at: entry.at, recordId: a, issueKey: 'DEMO-2', worklogId: entry.worklogId, outcome: 'created', runId: entry.runId },
  ]);
  expect(ok(await undo(entry.runId))).toMatchObject({ deleted: 1, failed: 0 });
  expect(allWorklogs(world)).toEqual([]);
});
