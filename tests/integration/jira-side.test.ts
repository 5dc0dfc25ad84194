// Jira's side of the story, against both emulators over HTTP: a worklog the app wrote that is edited
// or deleted in Jira reaches the record's state through the product-event trigger (no panel load);
// the scheduled reconciliation catches what the events missed, and worklogs gone with their issue;
// a conflict shows both versions and the person keeps one; a record deleted in the timecard shows
// `deleted-in-timecard` and its worklog goes only when the person says so.
import { adf } from '../../emulators/jira/testkit';
import type { SyncState } from '../../src/domain/status';
import { keys } from '../../src/services/keys';
import { results as resultSchemas } from '../../src/shared/schemas';
import type { World } from '../support/world';
import { listRecords, ok, openDemoWorld, plusMinutes, recentRange, recordView, sync } from './syncHelpers';

let world: World;
let ids: Record<string, number>;

beforeEach(async () => {
  ({ world, ids } = await openDemoWorld());
});
afterEach(async () => {
  world.app.queue.stop();
  await world.close();
});

/** The record's SyncState as the app keeps it (found by its id among the stored states). */
async function stateOf(recordId: number): Promise<SyncState> {
  const page = await world.app.store.query<SyncState>('state:', { limit: 100 });
  const found = page.items.find((i) => i.key.endsWith(`:${recordId}`));
  if (!found) throw new Error(`no state for ${recordId}`);
  return found.value;
}

async function logged(name: string): Promise<{ recordId: number; worklogId: string; issueKey: string }> {
  const recordId = ids[name];
  const [result] = await sync(world, [recordId]);
  expect(result.outcome).toBe('created');
  return { recordId, worklogId: result.worklogId, issueKey: result.issueKey };
}

test("an edit in Jira by someone else reaches the record through the trigger; the app's own writes leave it unmarked", async () => {
  const { recordId, worklogId, issueKey } = await logged('DEMO-2 day 2');
  await world.app.productEvents.idle();
  expect((await stateOf(recordId)).jira).toBeUndefined();

  world.jira.editWorklog(issueKey, worklogId, { timeSpentSeconds: 600, comment: adf('Changed in Jira') }, 'demo-admin');
  await world.app.productEvents.idle();
  const state = await stateOf(recordId);
  expect(state.jira).toMatchObject({ change: 'edited', by: 'demo-admin', worklog: { timeSpentSeconds: 600, commentText: 'Changed in Jira' } });
  expect(await recordView(world, recordId)).toMatchObject({ status: 'edited-in-jira' });

  // Re-syncing writes the timecard's version again: the event of that write clears nothing twice, the state is clean.
  expect((await sync(world, [recordId]))[0]).toMatchObject({ outcome: 'updated', worklogId });
  await world.app.productEvents.idle();
  expect((await stateOf(recordId)).jira).toBeUndefined();
  expect(await recordView(world, recordId)).toMatchObject({ status: 'synced' });
});

test('a deletion in Jira marks the record deleted in Jira; a worklog the app did not write changes nothing', async () => {
  const { recordId, worklogId, issueKey } = await logged('DEMO-5 day 1');
  world.jira.seed({ worklogs: [{ issueKey, authorAccountId: 'demo-admin', started: '2026-11-20T10:00:00.000Z', timeSpentSeconds: 60 }] });
  const foreign = world.jira.worklogs(issueKey).at(-1)!.id;
  world.jira.deleteWorklogAsOther(issueKey, foreign);
  world.jira.deleteWorklogAsOther(issueKey, worklogId, 'demo-admin');
  await world.app.productEvents.idle();
  expect((await stateOf(recordId)).jira).toMatchObject({ change: 'deleted', by: 'demo-admin' });
  expect(await recordView(world, recordId)).toMatchObject({ status: 'deleted-in-jira' });
});

test('the scheduled reconciliation reads the change feeds since its checkpoint and finds worklogs gone with their issue', async () => {
  const edited = await logged('DEMO-2 day 2');
  const withIssue = await logged('DEMO-5 day 1');
  // An event that never arrived: the edit is in Jira, the state does not know of it.
  world.jira.editWorklog(edited.issueKey, edited.worklogId, { timeSpentSeconds: 900 }, 'demo-admin');
  await world.app.productEvents.idle();
  const stateKey = (await world.app.store.query<SyncState>('state:', { limit: 100 })).items.find((i) => i.key.endsWith(`:${edited.recordId}`))!.key;
  const { jira: _marked, ...unmarked } = await stateOf(edited.recordId);
  await world.app.store.set(stateKey, unmarked);
  // Deleting an issue sends no worklog event and no feed entry.
  world.jira.deleteIssue(withIssue.issueKey);
  await world.app.productEvents.idle();
  expect((await stateOf(withIssue.recordId)).jira).toBeUndefined();

  world.jira.advanceClock(61_000); // the feeds leave out the last minute
  world.jira.resetCounts();
  expect(await world.app.runReconcile()).toEqual({ statusCode: 204 });
  expect((await stateOf(edited.recordId)).jira).toMatchObject({ change: 'edited', worklog: { timeSpentSeconds: 900 } });
  expect((await stateOf(withIssue.recordId)).jira).toMatchObject({ change: 'deleted' });
  const counts = world.jira.counts();
  // Read as the app; the one worklog the app could not read (its issue is gone) once more as the person who wrote it.
  expect(counts.byAccount[world.demo.accountId]).toBe(1);
  expect(counts.byAccount.app).toBe(counts.total - 1);
  expect(counts.writes).toBe(0);
  const checkpoint = await world.app.store.get<{ updatedSince: number }>(keys.reconcileCheckpoint());
  expect(checkpoint!.updatedSince).toBeGreaterThan(0);

  // The next run starts at the checkpoint: the same changes are not read again.
  world.jira.resetCounts();
  await world.app.runReconcile();
  expect(world.jira.counts().byRoute['GET /rest/api/3/worklog/updated']).toBe(1);
});

test("a conflict shows both versions; keeping Jira's writes nothing to Jira and makes it the baseline", async () => {
  const { recordId, worklogId, issueKey } = await logged('DEMO-2 day 2');
  const record = world.timecard.records(world.demo.timecardUserId).find((r) => r.id === recordId)!;
  world.timecard.updateRecord(recordId, { timeout: plusMinutes(record.timein, 200), notes: 'Reports: time zone handling, part two' });
  world.jira.editWorklog(issueKey, worklogId, { timeSpentSeconds: 1800, comment: adf('Pairing, done in Jira') }, 'demo-admin');
  await world.app.productEvents.idle();

  const view = await recordView(world, recordId);
  expect(view.status).toBe('conflict');
  expect(view.conflict).toEqual({
    jira: { started: new Date(record.timein).toISOString(), seconds: 1800, comment: 'Pairing, done in Jira' },
    timecard: { started: new Date(record.timein).toISOString(), seconds: 200 * 60, comment: 'Reports: time zone handling, part two' },
  });
  const before = world.jira.worklogs(issueKey).find((w) => w.id === worklogId)!;

  world.jira.resetCounts();
  const kept = ok(await world.invoke('resolveConflict', { recordId, keep: 'jira' }));
  expect(resultSchemas.resolveConflict.strict().safeParse(kept).success).toBe(true);
  expect(kept.record).toMatchObject({ status: 'synced', worklogId, loggedSeconds: 1800 });
  expect(world.jira.counts().writes).toBe(0);
  expect(world.jira.worklogs(issueKey).find((w) => w.id === worklogId)).toEqual(before);
  // Nothing to choose any more.
  expect((await world.invoke('resolveConflict', { recordId, keep: 'jira' })).error.code).toBe('invalid-payload');
  // A later change in the timecard is measured against the new baseline.
  world.timecard.updateRecord(recordId, { notes: 'Reports: time zone handling, part three' });
  expect(await recordView(world, recordId)).toMatchObject({ status: 'changed' });
});

test("keeping the timecard's version updates that same worklog", async () => {
  const { recordId, worklogId, issueKey } = await logged('DEMO-5 day 2');
  const record = world.timecard.records(world.demo.timecardUserId).find((r) => r.id === recordId)!;
  world.timecard.updateRecord(recordId, { timeout: plusMinutes(record.timein, 75) });
  world.jira.editWorklog(issueKey, worklogId, { timeSpentSeconds: 60 }, 'demo-admin');
  expect((await recordView(world, recordId)).status).toBe('conflict');

  const resolved = ok(await world.invoke('resolveConflict', { recordId, keep: 'timecard' }));
  expect(resultSchemas.resolveConflict.strict().safeParse(resolved).success).toBe(true);
  expect(resolved.result).toMatchObject({ outcome: 'updated', worklogId });
  expect(resolved.record).toMatchObject({ status: 'synced', worklogId });
  const mine = world.jira
    .worklogs(issueKey)
    .filter((w) => (w.properties['timecard-sync'] as { recordId?: number } | undefined)?.recordId === recordId);
  expect(mine.map((w) => [w.id, w.timeSpentSeconds])).toEqual([[worklogId, 75 * 60]]);
});

test('a record deleted in the timecard shows deleted-in-timecard; "Keep it" leaves the worklog, "Remove the worklog" deletes it', async () => {
  const kept = await logged('DEMO-2 day 3');
  const removed = await logged('DEMO-5 day 3');
  world.timecard.deleteRecord(kept.recordId);
  world.timecard.deleteRecord(removed.recordId);

  const listed = ok(await world.invoke('listRecords', recentRange()));
  expect(resultSchemas.listRecords.safeParse(listed).success).toBe(true);
  const shown = listed.records.filter((r: { status: string }) => r.status === 'deleted-in-timecard');
  expect(shown.map((r: { id: number }) => r.id).sort()).toEqual([kept.recordId, removed.recordId].sort());
  expect(shown.find((r: { id: number }) => r.id === kept.recordId)).toMatchObject({
    issueKey: kept.issueKey,
    worklogId: kept.worklogId,
    notes: 'Reports: time zone handling',
  });
  // Nothing was removed by showing it.
  expect(world.jira.worklogs(kept.issueKey).some((w) => w.id === kept.worklogId)).toBe(true);

  expect(ok(await world.invoke('resolveDeletedInTimecard', { recordId: kept.recordId, choice: 'keep' }))).toEqual({
    recordId: kept.recordId,
    outcome: 'kept',
  });
  expect(ok(await world.invoke('resolveDeletedInTimecard', { recordId: removed.recordId, choice: 'remove' }))).toEqual({
    recordId: removed.recordId,
    outcome: 'removed',
  });
  expect(world.jira.worklogs(kept.issueKey).some((w) => w.id === kept.worklogId)).toBe(true);
  expect(world.jira.worklogs(removed.issueKey).some((w) => w.id === removed.worklogId)).toBe(false);
  expect((await listRecords(world)).filter((r) => r.status === 'deleted-in-timecard')).toEqual([]);
  const history = ok(await world.invoke('getSyncHistory', { recordId: removed.recordId })).items;
  expect(history[0]).toMatchObject({ outcome: 'deleted', worklogId: removed.worklogId, message: 'Removed: the record was deleted in the timecard' });
});

test('a record still in the timecard is never treated as deleted there', async () => {
  const { recordId } = await logged('DEMO-2 day 4');
  const refused = await world.invoke('resolveDeletedInTimecard', { recordId, choice: 'remove' });
  expect(refused.error).toMatchObject({ code: 'invalid-payload', message: expect.stringMatching(/in your timecard again/) });
  expect((await recordView(world, recordId)).status).toBe('synced');
});

describe('a worklog the app cannot read is never taken for deleted', () => {
  /** A logged record whose issue only its writer (the demo person) can see: the app cannot (issue security). */
  async function hiddenFromApp(name: string) {
    const logged_ = await logged(name);
    world.jira.setIssueSecurity(logged_.issueKey, [world.demo.accountId]);
    world.jira.advanceClock(61_000);
    return logged_;
  }

  test('the reconciliation asks the person who wrote it, who still sees it: nothing is marked', async () => {
    const { recordId } = await hiddenFromApp('DEMO-5 day 1');
    world.jira.resetCounts();
    await world.app.runReconcile();
    expect((await stateOf(recordId)).jira).toBeUndefined();
    expect(world.jira.counts().byAccount[world.demo.accountId]).toBe(1);
    expect(await recordView(world, recordId)).toMatchObject({ status: 'synced' });
  });

  test('the person sees it edited: the edit is marked as they see it', async () => {
    const { recordId, worklogId, issueKey } = await hiddenFromApp('DEMO-5 day 1');
    world.jira.editWorklog(issueKey, worklogId, { timeSpentSeconds: 1200 }, world.demo.accountId);
    world.jira.advanceClock(61_000);
    // An event that never arrived; the app's feed leaves out what it cannot see: only the person tells.
    await world.app.productEvents.idle();
    const stateKey = (await world.app.store.query<SyncState>('state:', { limit: 100 })).items.find((i) => i.key.endsWith(`:${recordId}`))!.key;
    const { jira: _marked, ...unmarked } = await stateOf(recordId);
    await world.app.store.set(stateKey, unmarked);
    await world.app.runReconcile();
    expect((await stateOf(recordId)).jira).toMatchObject({ change: 'edited', worklog: { timeSpentSeconds: 1200 } });
  });

  test('gone for the person too: it is marked deleted', async () => {
    const { recordId, issueKey } = await hiddenFromApp('DEMO-5 day 1');
    world.jira.deleteIssue(issueKey);
    await world.app.runReconcile();
    expect((await stateOf(recordId)).jira).toMatchObject({ change: 'deleted' });
  });

  test('an index entry written before the writer was kept: not marked, however it looks to the app', async () => {
    const { recordId, worklogId, issueKey } = await hiddenFromApp('DEMO-5 day 1');
    world.jira.deleteIssue(issueKey);
    const entry = (await world.app.store.get<unknown[]>(keys.worklogOwner(worklogId)))!;
    expect(entry).toEqual([expect.any(String), expect.any(String), recordId, world.demo.accountId]);
    await world.app.store.set(keys.worklogOwner(worklogId), entry.slice(0, 3));
    world.jira.resetCounts();
    await world.app.runReconcile();
    expect((await stateOf(recordId)).jira).toBeUndefined();
    expect(world.jira.counts().byAccount[world.demo.accountId]).toBeUndefined();
  });

  test('Jira refusing to act for the writer: not marked until the writer can be asked', async () => {
    const { recordId, issueKey } = await hiddenFromApp('DEMO-5 day 1');
    world.jira.deleteIssue(issueKey);
    // The app's read goes through; the read as the person is refused.
    world.jira.failNext(1, { pathIncludes: 'worklog/list', skip: 1, status: 403 });
    await world.app.runReconcile();
    expect((await stateOf(recordId)).jira).toBeUndefined();
    // The slice comes round again (one slice holds every worklog here): now the writer is asked.
    await world.app.store.delete(keys.reconcileCheckpoint());
    await world.app.runReconcile();
    expect((await stateOf(recordId)).jira).toMatchObject({ change: 'deleted' });
  });
});

describe('a record moved in the timecard is never taken for deleted there', () => {
  const DAY = 86_400_000;
  const stored = (id: number) => world.timecard.records(world.demo.timecardUserId).find((r) => r.id === id)!;
  const dayRange = (instant: string) => ({ from: instant.slice(0, 10), to: new Date(Date.parse(instant) + DAY).toISOString().slice(0, 10) });
  const gets = () => world.timecard.counts().byRoute['GET /api/timerecords'] ?? 0;
  const shownDeleted = async (range: { from: string; to: string }) =>
    ok(await world.invoke('listRecords', range)).records.filter((r: { status: string }) => r.status === 'deleted-in-timecard');

  test('moved a week back: its old day does not show it deleted, and its worklog cannot be removed', async () => {
    const { recordId } = await logged('DEMO-2 day 2');
    const before = stored(recordId);
    const oldDay = dayRange(before.timein);
    const week = (t: string | null) => plusMinutes(t!, -7 * 24 * 60);
    world.timecard.updateRecord(recordId, { timein: week(before.timein), timeout: week(before.timeout) });

    expect(await shownDeleted(oldDay)).toEqual([]);
    const refused = await world.invoke('resolveDeletedInTimecard', { recordId, choice: 'remove' });
    expect(refused.error).toMatchObject({ code: 'invalid-payload', message: expect.stringMatching(/in your timecard again/) });
    // Its new place is known now: the old day no longer looks for it (one ranged read, nothing more).
    const start = gets();
    expect(await shownDeleted(oldDay)).toEqual([]);
    expect(gets() - start).toBe(1);
    // At its new place it is the record it is: logged, and changed since (its time moved).
    expect(await recordView(world, recordId)).toMatchObject({ status: 'changed', worklogId: expect.any(String) });
  });

  test('deleted: shown deleted, after one look over all the records that is not repeated on the next load', async () => {
    const { recordId } = await logged('DEMO-2 day 2');
    const oldDay = dayRange(stored(recordId).timein);
    world.timecard.deleteRecord(recordId);
    let start = gets();
    expect((await shownDeleted(oldDay)).map((r: { id: number }) => r.id)).toEqual([recordId]);
    expect(gets() - start).toBe(2); // the day, then all the records
    start = gets();
    expect((await shownDeleted(oldDay)).map((r: { id: number }) => r.id)).toEqual([recordId]);
    expect(gets() - start).toBe(1);
  });
});

test('a state written before the worklog index existed is given its entry by the reconciliation, so events reach it', async () => {
  const { recordId, worklogId, issueKey } = await logged('DEMO-2 day 2');
  await world.app.productEvents.idle();
  const entry = await world.app.store.get<unknown[]>(keys.worklogOwner(worklogId));
  await world.app.store.delete(keys.worklogOwner(worklogId)); // the old shape: a state, no index entry

  world.jira.editWorklog(issueKey, worklogId, { timeSpentSeconds: 600 }, 'demo-admin');
  await world.app.productEvents.idle();
  expect((await stateOf(recordId)).jira).toBeUndefined(); // the event found no owner

  await world.app.runReconcile();
  // The writer comes from the worklog itself.
  expect(await world.app.store.get(keys.worklogOwner(worklogId))).toEqual(entry);
  expect((await world.app.store.get<{ backfilled?: true }>(keys.reconcileCheckpoint()))?.backfilled).toBe(true);

  world.jira.editWorklog(issueKey, worklogId, { timeSpentSeconds: 660 }, 'demo-admin');
  await world.app.productEvents.idle();
  expect((await stateOf(recordId)).jira).toMatchObject({ change: 'edited', by: 'demo-admin', worklog: { timeSpentSeconds: 660 } });
});
