// What a person does with records besides syncing: the issue panel, linking, unlogging,
// issue search and the sync history, through the real resolver handler and both emulators.
import type { World } from '../support/world';
import { addRecord, allWorklogs, brief, listRecords, ok, openDemoWorld, recordIdOf, recordView, snapshot, sync, utcAt } from './syncHelpers';

let world: World;
let ids: Record<string, number>;

beforeEach(async () => ({ world, ids } = await openDemoWorld()));
afterEach(() => world.close());

const panel = async (issueKey: string, accountId?: string) => world.invoke('getIssuePanel', {}, world.issueContext(issueKey, accountId));
const history = async (query: Record<string, unknown> = {}) => ok(await world.invoke('getSyncHistory', query)).items as any[];

describe('getIssuePanel', () => {
  test('shows linked, running and too-short rows for the issue, newest first, with totals', async () => {
    const view = ok(await panel('DEMO-1'));

    expect(view).toMatchObject({ connected: true, issueKey: 'DEMO-1', canLogWork: true, timeZone: world.demo.timeZone });
    expect(view.records.map((r: any) => [r.id, r.status, r.linkSource])).toEqual([
      [ids['running'], 'running', 'timecard'],
      [ids['DEMO-1 today'], 'not-synced', 'timecard'],
      [ids['too short'], 'too-short', 'timecard'],
    ]);
    expect(view.records.find((r: any) => r.status === 'too-short').message).toMatch(/minimum of 1m/);
    expect(view.totals).toMatchObject({ count: 3, loggedSeconds: 0, notSyncedCount: 1 });
    // The malformed demo row is meant for DEMO-1: told in words apart from the warnings, and only here.
    expect(view.warnings).toEqual([]);
    expect(view.unreadable).toEqual([
      'One record from your timecard could not be read (its start time is not a valid date and time); fix it in your timecard.',
    ]);
    expect(ok(await panel('DEMO-2')).unreadable).toEqual([]);
  });

  test('shows records that mention the issue as suggested, and logging one links it here', async () => {
    const view = ok(await panel('DEMO-3'));
    const notes = [1, 2, 3, 4, 7, 8, 9, 10, 11].map((d) => ids[`notes day ${d}`]);
    expect(view.records.map((r: any) => r.id).sort()).toEqual([...notes].sort());
    expect(view.records.every((r: any) => r.linkSource === 'suggested' && r.status === 'not-synced')).toBe(true);

    const [logged] = await sync(world, [notes[0]], { issueKey: 'DEMO-3' }, world.issueContext('DEMO-3'));
    expect(logged).toMatchObject({ outcome: 'created', issueKey: 'DEMO-3' });
    expect(world.jira.worklogs('DEMO-3').map(recordIdOf)).toEqual([notes[0]]);
    const row = ok(await panel('DEMO-3')).records.find((r: any) => r.id === notes[0]);
    expect(row).toMatchObject({ status: 'synced', linkSource: 'jira', worklogId: logged.worklogId, loggedSeconds: 3000 });
    expect(ok(await panel('DEMO-3')).totals.loggedSeconds).toBe(3000);
  });

  test("suggests unlinked records of a domain the project maps to the issue's project", async () => {
    expect(ok(await panel('DEMO-6')).records).toEqual([]);
    const admin = world.projectContext(world.demo.adminAccountId);
    const { settings } = ok(await world.invoke('getProjectSettings', {}, admin));
    ok(await world.invoke('saveProjectSettings', { settings: { ...settings, domains: ['internal'] } }, admin));

    const rows = ok(await panel('DEMO-6')).records;
    expect(rows.map((r: any) => [r.id, r.linkSource, r.issueKey, r.domain])).toEqual([[ids['mapped domain'], 'suggested', 'DEMO-6', 'Internal']]);
  });

  test('a record that mentions two issues is suggested on both; logged from the second it goes there, with the worklog planned for it', async () => {
    const both = addRecord(world, { timein: utcAt(3, 12), timeout: utcAt(3, 13), notes: 'Pairing on DEMO-4, then DEMO-6' });
    // Logged already (accepted for its first mention, and logged there): its work is in Jira, not suggested elsewhere.
    const loggedElsewhere = addRecord(world, { timein: utcAt(3, 13), timeout: utcAt(3, 14), notes: 'DEMO-4 and DEMO-6 again' });
    // A timecard key is a firm link: mentioning DEMO-6 does not make it a suggestion there.
    const keyed = addRecord(world, { timein: utcAt(3, 14), timeout: utcAt(3, 15), notes: 'See DEMO-6', jira_issue_key: 'DEMO-2' });
    await listRecords(world);
    expect((await sync(world, [loggedElsewhere], { issueKey: 'DEMO-4' }))[0]).toMatchObject({ outcome: 'created', issueKey: 'DEMO-4' });

    const get = jest.spyOn(world.app.store, 'get');
    const getMany = jest.spyOn(world.app.store, 'getMany');
    const view = ok(await panel('DEMO-6'));
    const connectionReads = get.mock.calls.filter(([key]) => String(key).startsWith('conn:')).length;
    const stateReads = getMany.mock.calls.filter(([keys]) => (keys as string[]).some((key) => key.startsWith('state:'))).length;
    get.mockRestore();
    getMany.mockRestore();
    expect(view.records.map((r: any) => [r.id, r.linkSource, r.issueKey, r.status, r.roundedSeconds])).toEqual([
      [both, 'suggested', 'DEMO-6', 'not-synced', 3600],
    ]);
    expect(view.records.map((r: any) => r.id)).not.toContain(keyed);
    // One read of the connection, and the records prepared once.
    expect(connectionReads).toBe(1);
    expect(stateReads).toBe(1);
    expect(ok(await panel('DEMO-4')).records.find((r: any) => r.id === both)).toMatchObject({ linkSource: 'suggested', issueKey: 'DEMO-4' });

    const [logged] = await sync(world, [both], { issueKey: 'DEMO-6' }, world.issueContext('DEMO-6'));
    expect(logged).toMatchObject({ outcome: 'created', issueKey: 'DEMO-6', timeSpentSeconds: 3600 });
    expect(world.jira.worklogs('DEMO-6').map(recordIdOf)).toEqual([both]);
    // What the panel planned is what was sent: the row is synced here, not "changed".
    expect(ok(await panel('DEMO-6')).records.find((r: any) => r.id === both)).toMatchObject({
      status: 'synced',
      linkSource: 'jira',
      worklogId: logged.worklogId,
    });
    expect(ok(await panel('DEMO-4')).records.map((r: any) => r.id)).not.toContain(both);
  });

  test('a person without the right to log work sees the panel with a warning; someone not connected sees no records', async () => {
    const viewer = ok(await panel('DEMO-1', world.demo.viewerAccountId));
    expect(viewer).toMatchObject({ connected: false, canLogWork: false, records: [] });
    expect(viewer.warnings).toEqual([expect.stringMatching(/permission to log work on DEMO-1/)]);
    expect(ok(await panel('DEMO-1', world.demo.adminAccountId))).toMatchObject({ connected: false, canLogWork: true, records: [] });
  });

  test('without an issue in the context the panel says so', async () => {
    expect(await world.invoke('getIssuePanel', {})).toEqual({ error: { code: 'no-issue', message: expect.any(String) } });
  });
});

describe('suggestions are logged only once accepted', () => {
  const notes = () => [1, 2, 3].map((d) => ids[`notes day ${d}`]);

  test('a sync without accepting (a row, or "All" in a bulk job) skips them and writes nothing', async () => {
    const [one, ...rest] = notes();
    const [single] = await sync(world, [one]);
    expect(single).toMatchObject({
      outcome: 'skipped',
      issueKey: 'DEMO-3',
      message: expect.stringMatching(/^Only suggested for DEMO-3.*accept the suggestion first/),
    });

    const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: [...rest, ids['DEMO-2 day 1']] }));
    let job: any;
    for (let i = 0; i < 200 && job?.state !== 'done'; i++) {
      job = ok(await world.invoke('getBulkJob', { jobId }));
      if (job.state !== 'done') await new Promise((r) => setTimeout(r, 25));
    }
    expect(job.results.map((r: any) => [r.recordId, r.outcome]).sort()).toEqual(
      [...rest.map((id) => [id, 'skipped']), [ids['DEMO-2 day 1'], 'created']].sort(),
    );
    expect(world.jira.worklogs('DEMO-3')).toEqual([]);
    // A preview says the same before anything is written.
    const preview = ok(await world.invoke('syncRecords', { recordIds: [one], dryRun: true }));
    expect(preview.results[0]).toMatchObject({ outcome: 'skipped' });
  });

  test('accepted (linked here, or Accept and log) they are logged, and are links from then on', async () => {
    const [linked, acceptedAndLogged] = notes();
    ok(await world.invoke('linkRecord', { recordId: linked, issueKey: 'DEMO-3' }));
    const results = await sync(world, [linked]);
    expect(results[0]).toMatchObject({ outcome: 'created', record: { linkSource: 'jira' } });
    const [logged] = await sync(world, [acceptedAndLogged], { issueKey: 'DEMO-3' }, world.issueContext('DEMO-3'));
    expect(logged).toMatchObject({ outcome: 'created', record: { linkSource: 'jira', status: 'synced' } });
    const rows = ok(await panel('DEMO-3')).records.filter((r: any) => [linked, acceptedAndLogged].includes(r.id));
    expect(rows.map((r: any) => [r.linkSource, r.status])).toEqual([
      ['jira', 'synced'],
      ['jira', 'synced'],
    ]);
  });

  test('a suggestion logged before this rule (a worklog but no stored link) reads as a link to its worklog’s issue', async () => {
    const [record] = notes();
    await sync(world, [record], { issueKey: 'DEMO-3' });
    // What an older version left: the worklog and its state, no link.
    const links = await world.app.store.query<unknown>('link:');
    for (const { key } of links.items) if (key.endsWith(`:${record}`)) await world.app.store.delete(key);
    const view = await recordView(world, record);
    expect(view).toMatchObject({ linkSource: 'jira', issueKey: 'DEMO-3', status: 'synced' });
    // And it is synced as a link: unchanged, not skipped.
    expect((await sync(world, [record]))[0]).toMatchObject({ outcome: 'unchanged' });
  });
});

describe('linkRecord', () => {
  test('to a missing issue: issue-not-found and nothing stored', async () => {
    const before = snapshot(world);
    for (const issueKey of ['DEMO-99', 'NOPE-1']) {
      const result = await world.invoke('linkRecord', { recordId: ids['mapped domain'], issueKey });
      expect(result).toEqual({ error: { code: 'issue-not-found', message: expect.stringContaining(issueKey) } });
    }
    expect(snapshot(world)).toEqual(before);
  });

  test('links a record in Jira (over the timecard key), then syncs it to that issue', async () => {
    const linked = ok(await world.invoke('linkRecord', { recordId: ids['mapped domain'], issueKey: 'demo-6' })).record;
    expect(linked).toMatchObject({ id: ids['mapped domain'], issueKey: 'DEMO-6', linkSource: 'jira', status: 'not-synced' });
    const overridden = ok(await world.invoke('linkRecord', { recordId: ids['DEMO-2 day 1'], issueKey: 'DEMO-4' })).record;
    expect(overridden).toMatchObject({ issueKey: 'DEMO-4', linkSource: 'jira' });

    const results = await sync(world, [ids['mapped domain'], ids['DEMO-2 day 1']]);
    expect(results.map((r) => [r.outcome, r.issueKey])).toEqual([
      ['created', 'DEMO-6'],
      ['created', 'DEMO-4'],
    ]);
    expect(world.jira.worklogs('DEMO-6').map(recordIdOf)).toEqual([ids['mapped domain']]);
    expect(world.jira.worklogs('DEMO-2')).toEqual([]);
  });

  test('unlinking (null) keeps a record out of sync; a synced record must be unlogged first', async () => {
    const unlinked = ok(await world.invoke('linkRecord', { recordId: ids['DEMO-5 day 1'], issueKey: null })).record;
    expect(unlinked).toMatchObject({ issueKey: null, linkSource: null });
    expect((await sync(world, [ids['DEMO-5 day 1']]))[0]).toMatchObject({ outcome: 'skipped', message: expect.stringMatching(/not linked/i) });

    await sync(world, [ids['DEMO-5 day 2']]);
    const refused = await world.invoke('linkRecord', { recordId: ids['DEMO-5 day 2'], issueKey: null });
    expect(refused.error).toMatchObject({ code: 'invalid-payload', message: expect.stringMatching(/Unlog it first/) });
    expect((await recordView(world, ids['DEMO-5 day 2'])).status).toBe('synced');
  });

  test('linking a synced record to another issue moves its worklog there on the next sync', async () => {
    const id = ids['DEMO-2 day 2'];
    const [created] = await sync(world, [id]);
    ok(await world.invoke('linkRecord', { recordId: id, issueKey: 'DEMO-1' }));

    const [moved] = await sync(world, [id]);
    expect(brief(moved)).toMatchObject({ outcome: 'updated', issueKey: 'DEMO-1' });
    expect(world.jira.worklogs('DEMO-2')).toEqual([]);
    const [worklog, ...others] = world.jira.worklogs('DEMO-1');
    expect(others).toEqual([]);
    expect(worklog).toMatchObject({ id: moved.worklogId, timeSpentSeconds: created.timeSpentSeconds });
    expect(recordIdOf(worklog)).toBe(id);
    expect((await recordView(world, id)).status).toBe('synced');
  });
});

describe('unsyncRecord', () => {
  test('deletes the worklog in Jira and the record is not synced any more', async () => {
    const id = ids['DEMO-2 day 3'];
    const [created] = await sync(world, [id]);
    expect(world.jira.worklogs('DEMO-2')).toHaveLength(1);

    const { record } = ok(await world.invoke('unsyncRecord', { recordId: id }));

    expect(record).toMatchObject({ id, status: 'not-synced', loggedSeconds: 0 });
    expect(record.worklogId).toBeUndefined();
    expect(world.jira.worklogs('DEMO-2')).toEqual([]);
    expect((await history({ status: 'deleted' }))[0]).toMatchObject({ recordId: id, worklogId: created.worklogId, outcome: 'deleted' });
    const again = await world.invoke('unsyncRecord', { recordId: id });
    expect(again.error).toMatchObject({ code: 'invalid-payload', message: expect.stringMatching(/no worklog/) });
  });

  test('a worklog already deleted in Jira counts as removed', async () => {
    const id = ids['DEMO-2 day 4'];
    const [created] = await sync(world, [id]);
    world.jira.deleteWorklogAsOther('DEMO-2', created.worklogId);
    expect(ok(await world.invoke('unsyncRecord', { recordId: id })).record.status).toBe('not-synced');
  });
});

describe('searchIssues', () => {
  test('returns the recent issues first, with summary and status', async () => {
    const { issues } = ok(await world.invoke('searchIssues', { query: 'DEMO' }));
    expect(issues.slice(0, 2)).toEqual([
      expect.objectContaining({ key: 'DEMO-2', summary: 'Fix time zone bug in reports', status: 'In Progress', recent: true }),
      expect.objectContaining({ key: 'DEMO-1', summary: 'Set up the login page', status: 'Done', recent: true }),
    ]);
    expect(issues.slice(2).every((i: any) => i.recent === false)).toBe(true);
    expect(issues.map((i: any) => i.key).sort()).toEqual([...world.demo.issueKeys, world.demo.timecardSyncIssueKey].sort());

    // Logging work on an issue makes it the most recent one.
    await sync(world, [ids['DEMO-5 day 1']]);
    expect(ok(await world.invoke('searchIssues', { query: 'DEMO' })).issues[0].key).toBe('DEMO-5');
  });

  test('finds by words of the summary', async () => {
    const { issues } = ok(await world.invoke('searchIssues', { query: 'session' }));
    expect(issues).toEqual([expect.objectContaining({ key: 'DEMO-5', summary: 'Refactor session handling', status: 'In Progress' })]);
  });
});

describe('getSyncHistory', () => {
  test('one entry per attempt, newest first, filtered by status, record and date, paged', async () => {
    const a = ids['DEMO-2 day 1'];
    const b = ids['DEMO-5 day 1'];
    await sync(world, [a]); // created
    await sync(world, [a]); // unchanged
    await sync(world, [ids['running']]); // skipped
    world.jira.setTimeTracking(false);
    const [failed] = await sync(world, [b]); // failed
    world.jira.setTimeTracking(true);
    expect(failed).toMatchObject({ outcome: 'failed', code: 'time-tracking-disabled' });
    await sync(world, [b], { dryRun: true }); // a dry run is not an attempt: nothing is written

    const items = await history();
    expect(items.map((i) => [i.recordId, i.outcome])).toEqual([
      [b, 'failed'],
      [ids['running'], 'skipped'],
      [a, 'unchanged'],
      [a, 'created'],
    ]);
    expect(items[0]).toMatchObject({
      issueKey: 'DEMO-5',
      worklogId: null,
      code: 'time-tracking-disabled',
      message: expect.stringMatching(/Time tracking/),
    });
    expect(items[3]).toMatchObject({ issueKey: 'DEMO-2', worklogId: allWorklogs(world)[0].id, timeSpentSeconds: 8100 });

    expect((await history({ status: 'created' })).map((i) => i.recordId)).toEqual([a]);
    expect((await history({ status: 'failed' })).map((i) => i.recordId)).toEqual([b]);
    expect(await history({ status: 'updated' })).toEqual([]);
    // `success`: every outcome that put the work in Jira (created, updated, unchanged, adopted).
    expect((await history({ status: 'success' })).map((i) => [i.recordId, i.outcome])).toEqual([
      [a, 'unchanged'],
      [a, 'created'],
    ]);
    expect((await history({ recordId: a })).map((i) => i.outcome)).toEqual(['unchanged', 'created']);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(await history({ from: tomorrow })).toEqual([]);
    expect(await history({ from: yesterday })).toHaveLength(4);
    expect(await history({ to: yesterday.replace(/^\d{4}/, (y) => String(Number(y) - 1)) })).toEqual([]);
    expect(await history({ from: yesterday, to: tomorrow, status: 'skipped' })).toHaveLength(1);

    const first = ok(await world.invoke('getSyncHistory', { limit: 3 }));
    expect(first.items).toHaveLength(3);
    const second = ok(await world.invoke('getSyncHistory', { limit: 3, cursor: first.nextCursor }));
    expect([...first.items, ...second.items].map((i: any) => i.id)).toEqual(items.map((i) => i.id));
    expect(second.nextCursor).toBeUndefined();

    // Each person sees only their own history.
    expect(ok(await world.invoke('getSyncHistory', {}, { accountId: world.demo.adminAccountId })).items).toEqual([]);
  });

  test('a page cursor the store cannot read (made up, or damaged) answers invalid-payload, not internal', async () => {
    await sync(world, [ids['DEMO-2 day 1']]);
    await sync(world, [ids['DEMO-2 day 1']]);
    const first = ok(await world.invoke('getSyncHistory', { limit: 1 }));
    expect(first.nextCursor).toEqual(expect.any(String));
    for (const cursor of ['%%%', 'not a cursor', Buffer.from('ü/../x', 'utf8').toString('base64url')]) {
      expect(await world.invoke('getSyncHistory', { cursor })).toEqual({
        error: { code: 'invalid-payload', message: 'The page cursor is not valid; start from the first page.' },
      });
    }
    expect(ok(await world.invoke('getSyncHistory', { limit: 1, cursor: first.nextCursor })).items).toHaveLength(1);
  });
});

test('linking to the old key of a moved issue stores its current key, and the worklog goes there', async () => {
  world.jira.moveIssue('DEMO-4', 'DEMO-40');
  const { record } = ok(await world.invoke('linkRecord', { recordId: ids['notes day 1'], issueKey: 'demo-4' }));
  expect(record).toMatchObject({ issueKey: 'DEMO-40', linkSource: 'jira', issueSummary: 'Customer call: quarterly review' });
  const [result] = await sync(world, [ids['notes day 1']]);
  expect(result).toMatchObject({ outcome: 'created', issueKey: 'DEMO-40' });
  expect(world.jira.worklogs('DEMO-40').map(recordIdOf)).toEqual([ids['notes day 1']]);
});

test("unlogging follows the project's estimate policy, as logging does", async () => {
  const remaining = async () => {
    const state = (await (await fetch(`${world.jira.url}/__emulator/state`)).json()) as {
      issues: { key: string; remainingEstimateSeconds?: number }[];
    };
    return state.issues.find((i) => i.key === 'DEMO-2')!.remainingEstimateSeconds;
  };
  const admin = world.projectContext(world.demo.adminAccountId);
  const { settings } = ok(await world.invoke('getProjectSettings', {}, admin));
  ok(await world.invoke('saveProjectSettings', { settings: { ...settings, estimatePolicy: 'leave' } }, admin));
  const before = await remaining();
  const id = ids['DEMO-2 day 9'];
  expect((await sync(world, [id]))[0].outcome).toBe('created');
  expect(await remaining()).toBe(before);
  expect(ok(await world.invoke('unsyncRecord', { recordId: id })).record.status).toBe('not-synced');
  expect(await remaining()).toBe(before);
});

test('linkRecord answers the row with the issue details the page shows (summary and status), without another call', async () => {
  const { record } = ok(await world.invoke('linkRecord', { recordId: ids['notes day 1'], issueKey: 'DEMO-4' }));
  expect(record).toMatchObject({
    issueKey: 'DEMO-4',
    linkSource: 'jira',
    issueSummary: 'Customer call: quarterly review',
    issueStatus: 'To Do',
    issueStatusCategory: 'new',
  });
});

test('unsync while a sync of the same record holds its lock waits for it, then removes the worklog that sync left', async () => {
  const id = ids['DEMO-2 day 4'];
  const [created] = await sync(world, [id]);
  world.jira.setLatency(60);
  const [, unsynced] = await Promise.all([sync(world, [id]), world.invoke('unsyncRecord', { recordId: id })]);
  expect(ok(unsynced).record.status).toBe('not-synced');
  expect(allWorklogs(world).filter((w) => recordIdOf(w) === id)).toHaveLength(0);
  expect(created.outcome).toBe('created');
});

test('a record whose worklog was deleted in Jira can be unlinked (one with a live worklog cannot)', async () => {
  const [kept, gone] = await sync(world, [ids['DEMO-5 day 1'], ids['DEMO-5 day 2']]);
  world.jira.deleteWorklogAsOther('DEMO-5', gone.worklogId);
  expect((await world.invoke('linkRecord', { recordId: kept.recordId, issueKey: null })).error.code).toBe('invalid-payload');
  const { record } = ok(await world.invoke('linkRecord', { recordId: gone.recordId, issueKey: null }));
  expect(record).toMatchObject({ issueKey: null, status: 'not-synced' });
});
