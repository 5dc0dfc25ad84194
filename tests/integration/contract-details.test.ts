// Details of the resolver contract a caller relies on: who acted in the history, worklog ids on
// unchanged results, `synced` as a history filter, unknown job ids, and a sync to an issue that
// does not exist leaving the record as it was (apart from its failed attempt).
import type { World } from '../support/world';
import { addRecord, ok, openDemoWorld, recordView, sync, utcAt } from './syncHelpers';

let world: World;
let ids: Record<string, number>;

beforeEach(async () => ({ world, ids } = await openDemoWorld()));
afterEach(() => world.close());

test('every history entry says who acted', async () => {
  await sync(world, [ids['DEMO-2 day 1'], ids['running']]);
  const { items } = ok(await world.invoke('getSyncHistory', {}));
  expect(items).toHaveLength(2);
  for (const item of items) expect(item.accountId).toBe(world.demo.accountId);
});

test('an unchanged record answers with the worklog it already has', async () => {
  const id = ids['DEMO-2 day 2'];
  const [created] = await sync(world, [id]);
  const [again] = await sync(world, [id]);
  expect(again).toMatchObject({ outcome: 'unchanged', worklogId: created.worklogId });
});

test('the history filter `synced` means the same as `success`', async () => {
  await sync(world, [ids['DEMO-2 day 2'], ids['running']]);
  const synced = ok(await world.invoke('getSyncHistory', { status: 'synced' })).items;
  const success = ok(await world.invoke('getSyncHistory', { status: 'success' })).items;
  expect(synced.map((i: { id: string }) => i.id)).toEqual(success.map((i: { id: string }) => i.id));
  expect(synced.map((i: { outcome: string }) => i.outcome)).toEqual(['created']);
});

test('a job id the app never issued is job-not-found, whatever its shape; an empty one is invalid-payload', async () => {
  for (const jobId of ['nope', 'does-not-exist-123', 'ab/../cd', 'x'.repeat(150)]) {
    expect((await world.invoke('getBulkJob', { jobId })).error.code).toBe('job-not-found');
    expect((await world.invoke('undoBulkJob', { jobId })).error.code).toBe('job-not-found');
  }
  expect((await world.invoke('getBulkJob', { jobId: '' })).error.code).toBe('invalid-payload');
});

test('syncing to an issue that does not exist fails, keeps the record linked as before, and marks it failed', async () => {
  const id = ids['DEMO-5 day 3'];
  const before = await recordView(world, id);
  const [result] = await sync(world, [id], { issueKey: 'NOPE-1' });
  expect(result).toMatchObject({ outcome: 'failed', code: 'issue-not-found' });
  const after = await recordView(world, id);
  expect({ issueKey: after.issueKey, linkSource: after.linkSource }).toEqual({ issueKey: before.issueKey, linkSource: before.linkSource });
  expect(after.status).toBe('failed');
  expect(world.jira.worklogs('DEMO-5')).toEqual([]);
  // The next sync to its own issue looks before it writes, and logs it once.
  const [retried] = await sync(world, [id]);
  expect(retried).toMatchObject({ outcome: 'created', issueKey: 'DEMO-5' });
  expect(world.jira.worklogs('DEMO-5')).toHaveLength(1);
});

test('notes longer than Jira takes in a comment still get their time logged (the comment is cut)', async () => {
  const id = addRecord(world, { timein: utcAt(2, 9), timeout: utcAt(2, 10), notes: 'Long notes '.repeat(4000), jira_issue_key: 'DEMO-6' });
  const [result] = await sync(world, [id]);
  expect(result).toMatchObject({ outcome: 'created', timeSpentSeconds: 3600 });
  expect(JSON.stringify(world.jira.worklogs('DEMO-6')[0].comment)).toContain('…');
  expect((await recordView(world, id)).status).toBe('synced');
});

test('a synced record sent to an issue that does not exist keeps its worklog where it is', async () => {
  const id = ids['DEMO-5 day 4'];
  const [created] = await sync(world, [id]);
  const [moved] = await sync(world, [id], { issueKey: 'NOPE-1' });
  expect(moved).toMatchObject({ outcome: 'failed', code: 'issue-not-found' });
  expect(world.jira.worklogs('DEMO-5').map((w) => w.id)).toEqual([created.worklogId]);
  const after = await recordView(world, id);
  expect(after).toMatchObject({ issueKey: 'DEMO-5', worklogId: created.worklogId });
  // The next sync to its own issue finds that worklog: nothing is written twice.
  const [again] = await sync(world, [id]);
  expect(again.outcome === 'unchanged' || again.outcome === 'updated').toBe(true);
  expect(world.jira.worklogs('DEMO-5')).toHaveLength(1);
});
