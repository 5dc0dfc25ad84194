// Records the timecard server's own, older Jira sync logged (`jira_synced`, `jira_worklog_id`),
// against both emulators over HTTP: shown as synced, taken over instead of logged twice, later
// edits update that same worklog, a gone worklog shows deleted-in-jira, another person's worklog
// is left alone, and a bulk job over such records writes no new worklog.
import { adf } from '../../emulators/jira/testkit';
import { DEMO } from '../../runtime/demoData';
import type { World } from '../support/world';
import { listRecords, ok, openDemoWorld, plusMinutes, recordIdOf, recordView, sync, utcAt } from './syncHelpers';

let world: World | undefined;

afterEach(async () => {
  world?.app.queue.stop();
  await world?.close();
  world = undefined;
});

async function open(): Promise<World> {
  world = (await openDemoWorld({ resetCounts: true })).world;
  return world;
}

/** A worklog on DEMO-3 by `author`, as the timecard's own sync wrote it (no `timecard-sync` property). */
function seedTimecardWorklog(w: World, author: string, started: string): string {
  w.jira.seed({ worklogs: [{ issueKey: 'DEMO-3', authorAccountId: author, started, timeSpentSeconds: 3600, comment: adf('Docs by the old sync') }] });
  return w.jira.worklogs('DEMO-3').at(-1)!.id;
}

/** A record the timecard's own sync logged to DEMO-3 as `worklogId`. */
function addSyncedRecord(w: World, worklogId: string, timein: string, extra: Record<string, unknown> = {}): number {
  return w.timecard.addRecord(w.demo.timecardUserId, {
    timein,
    timeout: plusMinutes(timein, 60),
    notes: 'Docs pass',
    jira_issue_key: 'DEMO-3',
    jira_synced: true,
    jira_worklog_id: worklogId,
    last_synced_at: plusMinutes(timein, 65),
    ...extra,
  }).id;
}

const demo3 = (w: World) => w.jira.worklogs('DEMO-3');
const WORKLOG_LIST = 'POST /rest/api/3/worklog/list';
const CREATE_WORKLOG = 'POST /rest/api/3/issue/{issueIdOrKey}/worklog';
const UPDATE_WORKLOG = 'PUT /rest/api/3/issue/{issueIdOrKey}/worklog/{id}';

test('a record the timecard synced shows synced, and a sync takes its worklog over instead of writing a second one', async () => {
  const w = await open();
  const timein = utcAt(3, 17);
  const worklogId = seedTimecardWorklog(w, DEMO.accountId, timein);
  const recordId = addSyncedRecord(w, worklogId, timein);

  w.jira.resetCounts();
  const shown = await recordView(w, recordId);
  expect(shown).toMatchObject({ status: 'synced', worklogId, loggedSeconds: 3600, lastSyncedAt: expect.any(String) });
  expect(shown.message).toMatch(/Logged by the timecard's own Jira sync/);
  // One worklog read in all (the batch the panel makes anyway), no write.
  expect(w.jira.counts().byRoute[WORKLOG_LIST]).toBe(1);
  expect(w.jira.counts().writes).toBe(0);

  // Unlog before the app took it over deletes nothing and says what to do.
  const refused = await w.invoke('unsyncRecord', { recordId });
  expect(refused.error.message).toMatch(/^This worklog was written by the timecard's own Jira sync\. Sync the record once/);
  expect(demo3(w).map((x) => x.id)).toEqual([worklogId]);

  const [result] = await sync(w, [recordId]);
  expect(result).toMatchObject({ outcome: 'updated', worklogId });
  expect(demo3(w)).toHaveLength(1);
  const [taken] = demo3(w);
  expect(taken.id).toBe(worklogId);
  expect(recordIdOf(taken)).toBe(recordId);
  expect(await recordView(w, recordId)).toMatchObject({ status: 'synced', worklogId });

  // Syncing again changes nothing; an edit in the timecard updates that same worklog.
  expect((await sync(w, [recordId]))[0]).toMatchObject({ outcome: 'unchanged', worklogId });
  w.timecard.updateRecord(recordId, { timeout: plusMinutes(timein, 90) });
  expect(await recordView(w, recordId)).toMatchObject({ status: 'changed', worklogId });
  expect((await sync(w, [recordId]))[0]).toMatchObject({ outcome: 'updated', worklogId });
  expect(demo3(w)).toHaveLength(1);
  expect(demo3(w)[0]).toMatchObject({ id: worklogId, timeSpentSeconds: 5400 });
  // Taken over and updated with PUT: never a POST for this record.
  expect(w.jira.counts().byRoute[CREATE_WORKLOG]).toBeUndefined();
  expect(w.jira.counts().byRoute[UPDATE_WORKLOG]).toBe(2);
  const history = ok(await w.invoke('getSyncHistory', {}));
  expect(history.items.map((i: any) => i.outcome)).toContain('adopted');
});

test('a record whose timecard-written worklog is gone shows deleted-in-jira; logged anew only when asked on its own', async () => {
  const w = await open();
  const recordId = addSyncedRecord(w, '424242', utcAt(3, 19), { jira_sync_error: 'Worklog not found (404)' });
  const shown = await recordView(w, recordId);
  expect(shown.status).toBe('deleted-in-jira');
  expect(shown.worklogId).toBeUndefined();
  expect(shown.timecardSyncError).toBe("The timecard's own Jira sync last failed with: Worklog not found (404)");
  expect(shown.message).toContain('Worklog not found (404)');

  // Syncing it on its own logs it anew (as for any worklog deleted in Jira): one worklog, the app's.
  const [result] = await sync(w, [recordId]);
  expect(result.outcome).toBe('created');
  expect(demo3(w).map(recordIdOf)).toEqual([recordId]);
  expect(await recordView(w, recordId)).toMatchObject({ status: 'synced', worklogId: result.worklogId });
});

test("another person's worklog is neither taken over nor written a second time", async () => {
  const w = await open();
  const timein = utcAt(4, 17);
  const worklogId = seedTimecardWorklog(w, DEMO.adminAccountId, timein);
  const recordId = addSyncedRecord(w, worklogId, timein);
  const before = JSON.stringify(demo3(w));

  const shown = await recordView(w, recordId);
  expect(shown.status).toBe('logged-by-someone-else');
  expect(shown.message).toMatch(/another person's worklog/);
  const [result] = await sync(w, [recordId]);
  expect(result.outcome).toBe('skipped');
  expect(result.message).toMatch(/another person's worklog/);
  expect(JSON.stringify(demo3(w))).toBe(before);
});

test('a bulk job over records the timecard synced writes no new worklog', async () => {
  const w = await open();
  const mine = [0, 1, 2].map((i) => {
    const timein = utcAt(5 + i, 17);
    return addSyncedRecord(w, seedTimecardWorklog(w, DEMO.accountId, timein), timein);
  });
  const gone = addSyncedRecord(w, '525252', utcAt(9, 17));
  const othersId = seedTimecardWorklog(w, DEMO.adminAccountId, utcAt(10, 17));
  const others = addSyncedRecord(w, othersId, utcAt(10, 17));
  await listRecords(w);
  const ids = [...demo3(w)].map((x) => x.id).sort();

  const { jobId } = ok(await w.invoke('startBulkSync', { recordIds: [...mine, gone, others] }));
  await w.app.queue.drain();
  const job = ok(await w.invoke('getBulkJob', { jobId }));
  expect(job.state).toBe('done');
  expect(
    demo3(w)
      .map((x) => x.id)
      .sort(),
  ).toEqual(ids);
  expect(demo3(w).filter((x) => mine.includes(recordIdOf(x)!))).toHaveLength(3);
  const outcome = new Map(job.results.map((r: any) => [r.recordId, r.outcome]));
  expect(mine.map((id) => outcome.get(id))).toEqual(['updated', 'updated', 'updated']);
  expect(outcome.get(gone)).toBe('skipped');
  expect(outcome.get(others)).toBe('skipped');
  expect(w.jira.counts().byRoute[CREATE_WORKLOG]).toBeUndefined();
});

test('the demo data carries a record the timecard synced and one whose worklog is gone', async () => {
  const w = await open();
  const records = await listRecords(w);
  const logged = records.find((r) => r.id === w.demo.records['logged by the timecard']);
  const gone = records.find((r) => r.id === w.demo.records['timecard worklog gone']);
  expect(logged).toMatchObject({ status: 'synced', worklogId: DEMO.timecardSyncWorklogId, issueKey: DEMO.timecardSyncIssueKey });
  expect(gone).toMatchObject({ status: 'deleted-in-jira' });
  expect(gone.timecardSyncError).toMatch(/Worklog not found/);
});
