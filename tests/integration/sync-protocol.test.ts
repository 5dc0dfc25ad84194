// The sync protocol of docs/architecture.md, end to end: the real resolver handler (called as Forge
// calls it) against the Jira and timecard emulators over HTTP, asserting what Jira holds.
import type { World } from '../support/world';
import {
  acceptSuggestions,
  addRecord,
  allWorklogs,
  brief,
  duplicates,
  listRecords,
  ok,
  openDemoWorld,
  plusMinutes,
  recordIdOf,
  recordView,
  snapshot,
  sync,
  watchWorklogWrites,
} from './syncHelpers';

let world: World;
let ids: Record<string, number>;

beforeEach(async () => ({ world, ids } = await openDemoWorld({ resetCounts: true })));
afterEach(() => world.close());

const panel = async (issueKey: string) => ok(await world.invoke('getIssuePanel', {}, world.issueContext(issueKey)));
const panelRow = async (issueKey: string, recordId: number) => (await panel(issueKey)).records.find((r: any) => r.id === recordId);
const worklogsOf = (issueKey: string, recordId: number) => world.jira.worklogs(issueKey).filter((w) => recordIdOf(w) === recordId);

test('a fresh record becomes one worklog with one Jira write (after one read that checks Jira has none), carrying the record property', async () => {
  const id = ids['DEMO-2 day 1'];
  const timecardRecord = world.timecard.records(world.demo.timecardUserId).find((r) => r.id === id)!;

  const [result] = await sync(world, [id]);

  expect(brief(result)).toMatchObject({ recordId: id, outcome: 'created', issueKey: 'DEMO-2', timeSpentSeconds: 8100 });
  // One ranged read of the issue's worklogs (never log twice, even with the app's storage lost), one write.
  expect(world.jira.counts()).toMatchObject({ total: 2, writes: 1 });
  const [worklog, ...others] = world.jira.worklogs('DEMO-2');
  expect(others).toEqual([]);
  expect(worklog).toMatchObject({ id: result.worklogId, authorAccountId: 'demo-alice', timeSpentSeconds: 8100 });
  expect(Date.parse(worklog.started)).toBe(Date.parse(timecardRecord.timein));
  expect(worklog.properties['timecard-sync']).toMatchObject({ recordId: id, user: String(world.demo.timecardUserId) });
  expect(JSON.stringify(worklog.comment)).toContain('Reports: time zone handling');

  const view = await recordView(world, id);
  expect(view).toMatchObject({ status: 'synced', worklogId: result.worklogId, loggedSeconds: 8100, issueKey: 'DEMO-2' });
});

test('double click: two concurrent syncs of one record make exactly one worklog', async () => {
  world.jira.setLatency(40);
  const id = ids['DEMO-2 day 2'];

  const [first, second] = await Promise.all([sync(world, [id]), sync(world, [id])]);

  const worklogs = worklogsOf('DEMO-2', id);
  expect(worklogs).toHaveLength(1);
  const outcomes = [first[0].outcome, second[0].outcome].sort();
  expect(outcomes).toEqual(['created', 'unchanged']);
  for (const r of [first[0], second[0]]) if (r.worklogId) expect(r.worklogId).toBe(worklogs[0].id);
  expect((await recordView(world, id)).status).toBe('synced');
});

test('double click on a batch: overlapping concurrent syncs never duplicate', async () => {
  world.jira.setLatency(25);
  const batchA = [ids['DEMO-2 day 1'], ids['DEMO-2 day 2'], ids['DEMO-5 day 1'], ids['DEMO-5 day 2']];
  const batchB = [ids['DEMO-5 day 2'], ids['DEMO-2 day 1'], ids['DEMO-2 day 3'], ids['DEMO-5 day 1']];

  const results = (await Promise.all([sync(world, batchA), sync(world, batchB), sync(world, batchA)])).flat();

  const all = allWorklogs(world);
  expect(duplicates(all)).toEqual([]);
  expect(all.map(recordIdOf).sort()).toEqual([...new Set([...batchA, ...batchB])].sort());
  expect(results.filter((r) => r.outcome === 'created')).toHaveLength(5);
  expect(results.every((r) => r.outcome === 'created' || r.outcome === 'unchanged')).toBe(true);
});

test('crash after Jira answered, before the state was saved: the retry adopts the worklog', async () => {
  const id = ids['DEMO-2 day 3'];
  world.app.store.failWrites((w) => w.op === 'set' && w.key.startsWith('state:') && (w.value as { state?: string }).state === 'synced');

  const [crashed] = await sync(world, [id]);
  expect(crashed.outcome).toBe('failed');
  const created = worklogsOf('DEMO-2', id);
  expect(created).toHaveLength(1);

  world.jira.resetCounts();
  const [retried] = await sync(world, [id]);

  expect(brief(retried)).toMatchObject({ outcome: 'created', worklogId: created[0].id });
  expect(worklogsOf('DEMO-2', id)).toHaveLength(1);
  expect(world.jira.counts().writes).toBe(0);
  expect((await recordView(world, id)).status).toBe('synced');
  const history = ok(await world.invoke('getSyncHistory', { recordId: id })).items;
  expect(history.map((h: any) => h.outcome)).toEqual(['adopted', 'failed']);
});

test('process died after the create (state left pending): shown as unfinished, the retry adopts', async () => {
  const id = ids['DEMO-5 day 3'];
  // Both the `synced` write and the `failed` fallback are lost, as if the function was killed.
  world.app.store.failWrites((w) => w.op === 'set' && w.key.startsWith('state:') && (w.value as { state?: string }).state !== 'pending', {
    times: 2,
  });

  await sync(world, [id]);
  expect(worklogsOf('DEMO-5', id)).toHaveLength(1);
  const stateKey = Object.keys(world.app.store.dump()).find((k) => k.startsWith('state:') && k.endsWith(`:${id}`))!;
  expect(world.app.store.dump()[stateKey]).toMatchObject({ state: 'pending' });
  const view = await recordView(world, id);
  expect(view.status).toBe('not-synced');
  expect(view.message).toMatch(/did not finish/);

  const [retried] = await sync(world, [id]);
  expect(brief(retried)).toMatchObject({ outcome: 'created', worklogId: worklogsOf('DEMO-5', id)[0].id });
  expect(worklogsOf('DEMO-5', id)).toHaveLength(1);
});

test("Jira's answer to the create is lost (applied, then the connection drops): adopted in the same call", async () => {
  const id = ids['DEMO-2 day 4'];
  world.jira.failNext(1, { method: 'POST', pathIncludes: '/worklog', afterApplying: true, dropConnection: true });

  const [result] = await sync(world, [id]);

  const worklogs = worklogsOf('DEMO-2', id);
  expect(worklogs).toHaveLength(1);
  expect(brief(result)).toMatchObject({ outcome: 'created', worklogId: worklogs[0].id });
  expect(world.jira.counts().writes).toBe(1);
  expect((await recordView(world, id)).status).toBe('synced');
});

test('Jira wrote the worklog but the gateway answered 503: adopted in the same call, not created twice', async () => {
  const id = ids['DEMO-5 day 8'];
  world.jira.failNext(1, { status: 503, method: 'POST', pathIncludes: '/worklog', afterApplying: true });

  const [result] = await sync(world, [id]);

  const worklogs = worklogsOf('DEMO-5', id);
  expect(worklogs).toHaveLength(1);
  expect(brief(result)).toMatchObject({ outcome: 'created', worklogId: worklogs[0].id });
  expect(world.jira.counts().writes).toBe(1);
});

test('answer lost and the look-up fails too: failed now, the retry adopts, still one worklog', async () => {
  const id = ids['DEMO-2 day 7'];
  world.jira.failNext(1, { method: 'POST', pathIncludes: '/worklog', afterApplying: true, dropConnection: true });
  // The first GET is the check before creating; the second is the look-up after the lost answer.
  world.jira.failNext(1, { method: 'GET', pathIncludes: '/worklog', status: 500, skip: 1 });

  const [first] = await sync(world, [id]);
  expect(first.outcome).toBe('failed');
  expect(first.message).toEqual(expect.any(String));
  expect(worklogsOf('DEMO-2', id)).toHaveLength(1);

  const [retried] = await sync(world, [id]);
  expect(brief(retried)).toMatchObject({ outcome: 'created', worklogId: worklogsOf('DEMO-2', id)[0].id });
  expect(worklogsOf('DEMO-2', id)).toHaveLength(1);
});

test('record edited in the timecard: shown as changed, re-sync updates the same worklog', async () => {
  const id = ids['DEMO-2 day 8'];
  const [created] = await sync(world, [id]);
  const record = world.timecard.records(world.demo.timecardUserId).find((r) => r.id === id)!;

  world.timecard.updateRecord(id, { timeout: plusMinutes(record.timeout!, 30), notes: 'Reports: time zone handling, plus tests' });

  expect((await recordView(world, id)).status).toBe('changed');
  expect((await panelRow('DEMO-2', id)).status).toBe('changed');

  const [updated] = await sync(world, [id]);
  expect(brief(updated)).toMatchObject({ outcome: 'updated', worklogId: created.worklogId, timeSpentSeconds: 8100 + 1800 });
  const worklogs = worklogsOf('DEMO-2', id);
  expect(worklogs).toHaveLength(1);
  expect(worklogs[0]).toMatchObject({ id: created.worklogId, timeSpentSeconds: 9900 });
  expect(JSON.stringify(worklogs[0].comment)).toContain('plus tests');
  expect((await recordView(world, id)).status).toBe('synced');

  const [again] = await sync(world, [id]);
  expect(again.outcome).toBe('unchanged');
});

test('worklog deleted in Jira: shown as deleted-in-jira, syncing logs it again (one worklog in total)', async () => {
  const id = ids['DEMO-5 day 4'];
  const [created] = await sync(world, [id]);
  world.jira.deleteWorklogAsOther('DEMO-5', created.worklogId);

  const view = await recordView(world, id);
  expect(view).toMatchObject({ status: 'deleted-in-jira', loggedSeconds: 0 });
  expect(view.message).toMatch(/deleted in Jira/);
  expect((await panelRow('DEMO-5', id)).status).toBe('deleted-in-jira');

  const [relogged] = await sync(world, [id]);
  expect(relogged.outcome).toBe('created');
  expect(relogged.worklogId).not.toBe(created.worklogId);
  const worklogs = worklogsOf('DEMO-5', id);
  expect(worklogs.map((w) => w.id)).toEqual([relogged.worklogId]);
  expect((await recordView(world, id)).status).toBe('synced');
});

test('worklog edited in Jira: shown as edited-in-jira; a single re-sync overwrites the same worklog', async () => {
  const id = ids['DEMO-5 day 7'];
  const [created] = await sync(world, [id]);
  world.jira.editWorklog('DEMO-5', created.worklogId, { timeSpentSeconds: 3600 }, 'demo-admin');

  const view = await recordView(world, id);
  expect(view).toMatchObject({ status: 'edited-in-jira', loggedSeconds: 3600, worklogId: created.worklogId });
  expect(view.message).toMatch(/edited/);
  expect((await panelRow('DEMO-5', id)).status).toBe('edited-in-jira');

  const [overwritten] = await sync(world, [id]);
  expect(brief(overwritten)).toMatchObject({ outcome: 'updated', worklogId: created.worklogId });
  expect(worklogsOf('DEMO-5', id)).toEqual([expect.objectContaining({ id: created.worklogId, timeSpentSeconds: 6000 })]);
  expect((await recordView(world, id)).status).toBe('synced');
});

test("only the worklog's comment edited in Jira: also edited-in-jira; re-sync puts the timecard's text back", async () => {
  const id = ids['DEMO-5 day 8'];
  const [created] = await sync(world, [id]);
  expect((await recordView(world, id)).status).toBe('synced');
  const comment = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Reviewed with the customer' }] }] };
  world.jira.editWorklog('DEMO-5', created.worklogId, { comment }, 'demo-admin');

  const view = await recordView(world, id);
  expect(view).toMatchObject({ status: 'edited-in-jira', worklogId: created.worklogId });
  expect(view.message).toMatch(/comment was changed/);

  const [overwritten] = await sync(world, [id]);
  expect(brief(overwritten)).toMatchObject({ outcome: 'updated', worklogId: created.worklogId });
  expect(JSON.stringify(worklogsOf('DEMO-5', id)[0].comment)).toContain('Session refactor');
  expect((await recordView(world, id)).status).toBe('synced');
});

test('dryRun writes nothing: no Jira write, no store change, and says what would happen', async () => {
  const changedId = ids['DEMO-2 day 9'];
  await sync(world, [changedId]);
  const record = world.timecard.records(world.demo.timecardUserId).find((r) => r.id === changedId)!;
  world.timecard.updateRecord(changedId, { timeout: plusMinutes(record.timeout!, 15) });
  await listRecords(world);
  world.jira.resetCounts();
  const before = snapshot(world);

  const results = await sync(world, [ids['DEMO-2 day 10'], changedId, ids['running'], ids['mapped domain']], { dryRun: true });
  const linkedElsewhere = await sync(world, [ids['mapped domain']], { dryRun: true, issueKey: 'DEMO-6' });

  expect(results.map(brief)).toEqual([
    expect.objectContaining({ outcome: 'created', timeSpentSeconds: 8100 }),
    expect.objectContaining({ outcome: 'updated', timeSpentSeconds: 8100 + 900 }),
    expect.objectContaining({ outcome: 'skipped' }),
    expect.objectContaining({ outcome: 'skipped' }),
  ]);
  expect(results.every((r) => r.worklogId === undefined || r.recordId === changedId)).toBe(true);
  expect(brief(linkedElsewhere[0])).toMatchObject({ outcome: 'created', issueKey: 'DEMO-6', timeSpentSeconds: 2700 });
  expect(world.jira.counts().writes).toBe(0);
  expect(snapshot(world)).toEqual(before);
});

test('skip reasons: running, too short, not linked, project disabled, each with a message and no write', async () => {
  const skipped = await sync(world, [ids['running'], ids['too short'], ids['mapped domain']]);
  expect(skipped.map((r) => [r.outcome, r.message])).toEqual([
    ['skipped', expect.stringMatching(/running/i)],
    ['skipped', expect.stringMatching(/shorter than/i)],
    ['skipped', expect.stringMatching(/not linked/i)],
  ]);

  const admin = world.projectContext(world.demo.adminAccountId);
  const current = ok(await world.invoke('getProjectSettings', {}, admin)).settings;
  ok(await world.invoke('saveProjectSettings', { settings: { ...current, enabled: false } }, admin));
  const [disabled] = await sync(world, [ids['DEMO-2 day 11']]);
  expect(disabled).toMatchObject({ outcome: 'skipped', message: expect.stringMatching(/turned off for project DEMO/) });

  expect(world.jira.counts().writes).toBe(0);
  expect(allWorklogs(world)).toEqual([]);
  const history = ok(await world.invoke('getSyncHistory', { status: 'skipped' })).items;
  expect(history).toHaveLength(4);
});

test('a record whose later update failed, or was left pending, still shows the worklog its earlier sync left in Jira and the time logged', async () => {
  const id = ids['DEMO-2 day 1'];
  const [created] = await sync(world, [id]);
  expect(created).toMatchObject({ outcome: 'created', timeSpentSeconds: 8100 });
  world.timecard.updateRecord(id, { notes: 'Reports: time zone handling, part 2' });

  // Refused (403): state `failed`, still pointing at the worklog.
  world.jira.failNext(1, { method: 'PUT', pathIncludes: '/worklog', status: 403, body: { errorMessages: ['No.'], errors: {} } });
  expect((await sync(world, [id]))[0]).toMatchObject({ outcome: 'failed' });
  const failed = { status: 'failed', worklogId: created.worklogId, loggedSeconds: 8100 };
  expect(await recordView(world, id)).toMatchObject(failed);
  expect(await panelRow('DEMO-2', id)).toMatchObject(failed);
  expect((await panel('DEMO-2')).totals.loggedSeconds).toBe(8100);

  // An update whose worker died after writing `pending`: the same worklog is still there.
  const [stateKey, state] = Object.entries(world.app.store.dump()).find(([key]) => key.startsWith('state:') && key.endsWith(`:${id}`))!;
  await world.app.store.set(stateKey, { ...(state as object), state: 'pending', attemptId: 'died' });
  expect(await recordView(world, id)).toMatchObject({ status: 'not-synced', worklogId: created.worklogId, loggedSeconds: 8100 });

  // What Jira holds is what counts: a person's edit there shows in the failed row's seconds too.
  world.jira.failNext(1, { method: 'PUT', pathIncludes: '/worklog', status: 403, body: { errorMessages: ['No.'], errors: {} } });
  expect((await sync(world, [id]))[0]).toMatchObject({ outcome: 'failed' });
  world.jira.editWorklog('DEMO-2', created.worklogId, { timeSpentSeconds: 3600 });
  expect(await recordView(world, id)).toMatchObject({ status: 'failed', worklogId: created.worklogId, loggedSeconds: 3600 });
  expect(worklogsOf('DEMO-2', id)).toHaveLength(1);
});

test('a record that ends before it starts (bad timecard data) is listed as failed with the reason, not dropped, and a sync skips it', async () => {
  const timein = new Date(Date.now() - 2 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const timeout = plusMinutes(timein, -30);
  const id = 990_001;
  world.timecard.addRawRecord(
    world.demo.timecardUserId,
    { id, domain_id: null, category_id: null, title_id: null, timein, timeout, external_link: null, notes: 'backwards', jira_issue_key: 'DEMO-2' },
    { at: timein },
  );
  const row = await recordView(world, id);
  expect(row).toMatchObject({
    status: 'failed',
    issueKey: 'DEMO-2',
    durationSeconds: 0,
    loggedSeconds: 0,
    message: expect.stringMatching(/ends before \(or when\) it starts/),
  });
  const view = await panel('DEMO-2');
  expect(view.records.find((r: any) => r.id === id)).toMatchObject({ status: 'failed' });
  expect(view.warnings.join(' ')).not.toContain(String(id));

  const [result] = await sync(world, [id]);
  expect(result).toMatchObject({ outcome: 'skipped', message: expect.stringMatching(/ends before/) });
  expect(world.jira.counts().writes).toBe(0);
});

test('a raised project minimum makes a record too short; rounding applies to what is logged', async () => {
  const admin = world.projectContext(world.demo.adminAccountId);
  const current = ok(await world.invoke('getProjectSettings', {}, admin)).settings;
  ok(
    await world.invoke(
      'saveProjectSettings',
      { settings: { ...current, minimumSeconds: 3600, roundingMode: 'up', roundingIncrementMinutes: 15 } },
      admin,
    ),
  );

  // 'notes day 1' is 50 minutes (suggested to DEMO-3), 'DEMO-5 day 1' is 1 h 40 min.
  expect((await recordView(world, ids['notes day 1'])).status).toBe('too-short');
  const [short, rounded] = await sync(world, [ids['notes day 1'], ids['DEMO-5 day 1']]);
  expect(short).toMatchObject({ outcome: 'skipped', message: expect.stringMatching(/minimum of 1h/) });
  expect(rounded).toMatchObject({ outcome: 'created', timeSpentSeconds: 6300 });
  expect(worklogsOf('DEMO-5', ids['DEMO-5 day 1'])[0].timeSpentSeconds).toBe(6300);
});

test('writes to one issue never overlap; different issues are written in parallel', async () => {
  world.jira.setLatency(30);
  const recordIds = [1, 2, 3, 4, 7, 8, 9, 10, 11].flatMap((d) => [ids[`DEMO-2 day ${d}`], ids[`DEMO-5 day ${d}`], ids[`notes day ${d}`]]);
  await acceptSuggestions(world); // the notes-day records only suggest DEMO-3 until accepted
  const watch = watchWorklogWrites(world.jira.url);
  let results;
  try {
    results = await sync(world, recordIds);
  } finally {
    watch.restore();
  }

  expect(results.every((r) => r.outcome === 'created')).toBe(true);
  expect(watch.stats.writes).toBe(recordIds.length);
  expect(world.jira.counts().writes).toBe(recordIds.length);
  expect(watch.stats.maxPerIssue).toBe(1);
  expect(watch.stats.maxOverall).toBeGreaterThan(1);
  expect(Object.fromEntries(watch.stats.perIssue)).toEqual({ 'DEMO-2': 9, 'DEMO-5': 9, 'DEMO-3': 9 });
  expect(duplicates(allWorklogs(world))).toEqual([]);
});

test('writes to one issue never overlap across separate calls either (a panel click during a bulk sync)', async () => {
  world.jira.setLatency(30);
  const days = [1, 2, 3, 4, 7, 8, 9, 10, 11];
  const first = days.slice(0, 5).map((d) => ids[`DEMO-2 day ${d}`]);
  const second = days.slice(5).map((d) => ids[`DEMO-2 day ${d}`]);
  const watch = watchWorklogWrites(world.jira.url);
  let results;
  try {
    results = (await Promise.all([sync(world, first), sync(world, second)])).flat();
  } finally {
    watch.restore();
  }
  expect(results.every((r) => r.outcome === 'created')).toBe(true);
  expect(watch.stats.writes).toBe(days.length);
  expect(watch.stats.maxPerIssue).toBe(1);
  expect(duplicates(allWorklogs(world))).toEqual([]);
});

test("the app's storage lost (reinstall): syncing again takes over the worklogs Jira has instead of logging twice", async () => {
  const recordIds = [ids['DEMO-2 day 1'], ids['DEMO-2 day 2'], ids['DEMO-5 day 1']];
  await sync(world, recordIds);
  for (const key of Object.keys(world.app.store.dump())) if (key.startsWith('state:')) await world.app.store.delete(key);
  world.timecard.updateRecord(ids['DEMO-2 day 2'], { notes: 'Reports: time zone handling, reviewed' });

  const again = await sync(world, recordIds);
  expect(again.map((r: any) => r.outcome)).toEqual(['unchanged', 'updated', 'unchanged']);
  expect(duplicates(allWorklogs(world))).toEqual([]);
  expect(allWorklogs(world).filter((w) => recordIds.includes(recordIdOf(w)!))).toHaveLength(3);
  expect((await recordView(world, ids['DEMO-2 day 1'])).status).toBe('synced');
});

test('a create that reached Jira but failed to save its state, then a relink: the worklog moves, never doubles', async () => {
  const id = ids['DEMO-2 day 3'];
  world.app.store.failWrites((w) => w.op === 'set' && w.key.startsWith('state:') && (w.value as any)?.state === 'synced', { when: 'before' });
  const [first] = await sync(world, [id]);
  expect(first.outcome).toBe('failed');
  expect(worklogsOf('DEMO-2', id)).toHaveLength(1);

  ok(await world.invoke('linkRecord', { recordId: id, issueKey: 'DEMO-3' }));
  const [moved] = await sync(world, [id]);
  expect(moved).toMatchObject({ outcome: 'updated', issueKey: 'DEMO-3' });
  expect(worklogsOf('DEMO-2', id)).toHaveLength(0);
  expect(worklogsOf('DEMO-3', id)).toHaveLength(1);
  expect(duplicates(allWorklogs(world))).toEqual([]);
});

test('work tracked after the person connected (this storage has always known it) is logged with exactly one Jira call', async () => {
  const start = Date.now() + 2000; // after the world's connect, which marked when this storage began
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const id = addRecord(world, { timein: iso(start), timeout: iso(start + 90_000), notes: 'Fresh work', jira_issue_key: 'DEMO-6' });
  await listRecords(world);
  world.jira.resetCounts();
  const [result] = await sync(world, [id]);
  expect(result).toMatchObject({ outcome: 'created', issueKey: 'DEMO-6' });
  expect(world.jira.counts()).toMatchObject({ total: 1, writes: 1 });
});

test("three records of one issue: no lock is read back, the issue's lock goes with the last record's commit, the next record's pending with each commit", async () => {
  const records = [ids['DEMO-2 day 1'], ids['DEMO-2 day 2'], ids['DEMO-2 day 3']];
  const store = world.app.store;
  const isLock = (key: string) => key.startsWith('lock:') || key.startsWith('issuelock:');
  const gets = jest.spyOn(store, 'get');
  const deletes = jest.spyOn(store, 'delete');
  const commits = jest.spyOn(store, 'commit');
  store.resetUsage();

  const results = await sync(world, records);

  expect(results.map((r) => r.outcome)).toEqual(['created', 'created', 'created']);
  expect(gets.mock.calls.map(([key]) => key).filter(isLock)).toEqual([]);
  expect(deletes.mock.calls.map(([key]) => key).filter(isLock)).toEqual([]);
  expect(commits.mock.calls.map(([changes]) => (changes.delete ?? []).filter((key) => key.startsWith('issuelock:')))).toEqual([
    [],
    [],
    ['issuelock:DEMO-2'],
  ]);
  // Each later record's `pending` goes in the commit of the record before it (docs/decisions/0030).
  const pendingIn = (changes: { set?: { key: string; value: unknown }[] }) =>
    (changes.set ?? []).filter((item) => (item.value as { state?: string }).state === 'pending').map((item) => item.key);
  const stateKey = (n: number) => expect.stringMatching(new RegExp(`^state:.*:${records[n]}$`));
  expect(commits.mock.calls.map(([changes]) => pendingIn(changes))).toEqual([[stateKey(1)], [stateKey(2)], []]);
  // Per record: its lock and the commit; once for the three: the issue's lock and the first `pending`.
  expect(store.usage().writeRequests).toBe(3 * 2 + 2);
  expect(Object.keys(store.dump()).filter(isLock)).toEqual([]);
});
