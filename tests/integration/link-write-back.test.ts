// Links made in Jira written back to the timecard's `jira_issue_key` (opt-in per person), through the
// real resolvers against both emulators over HTTP (docs/decisions/0024-write-links-back-to-the-timecard.md).
import type { World } from '../support/world';
import { addRecord, ok, openDemoWorld, utcAt } from './syncHelpers';

let world: World;
let ids: Record<string, number>;

beforeEach(async () => ({ world, ids } = await openDemoWorld()));
afterEach(() => world.close());

const puts = () => world.timecard.counts().byRoute['PUT /api/timerecords/<int:record_id>'] ?? 0;
const stored = (id: number) => world.timecard.records(world.demo.timecardUserId).find((r) => r.id === id)!;
const link = (recordId: number, issueKey: string | null) => world.invoke('linkRecord', { recordId, issueKey });
const turnOn = async () => expect(ok(await world.invoke('setLinkWriteBack', { enabled: true }))).toEqual({ enabled: true });

/** GET over HTTP with a range that starts at `start` (the fraction the answers do not show still filters). */
async function listedFrom(start: string, end: string): Promise<number[]> {
  const { access_token } = world.timecard.tokensFor(world.demo.timecardUserId);
  const res = await fetch(`${world.timecard.url}/api/timerecords?start_date=${start}&end_date=${end}`, {
    headers: { authorization: `Bearer ${access_token}` },
  });
  return ((await res.json()) as { id: number }[]).map((r) => r.id);
}

test('is off by default: a link stays in Jira and nothing is written to the timecard', async () => {
  expect(ok(await world.invoke('getLinkWriteBack'))).toEqual({ enabled: false });
  const before = stored(ids['notes day 1']);
  const result = ok(await link(ids['notes day 1'], 'DEMO-3'));
  expect(result.record).toMatchObject({ issueKey: 'DEMO-3', linkSource: 'jira' });
  expect(result.writeBack).toBeUndefined();
  expect(stored(ids['notes day 1'])).toEqual(before);
  expect(puts()).toBe(0);
});

test('is per person, and can be turned off again', async () => {
  await turnOn();
  expect(ok(await world.invoke('getLinkWriteBack'))).toEqual({ enabled: true });
  expect(ok(await world.invoke('getLinkWriteBack', {}, { accountId: world.demo.adminAccountId }))).toEqual({ enabled: false });
  expect(ok(await world.invoke('setLinkWriteBack', { enabled: false }))).toEqual({ enabled: false });
  expect(ok(await world.invoke('getLinkWriteBack'))).toEqual({ enabled: false });
});

test('on: a link made in Jira is written to the record in the timecard, with every other field as it was', async () => {
  await turnOn();
  // Every kind of field: attributes, notes, a link, the old Jira sync's fields, a start with a fraction of a second.
  const id = addRecord(world, {
    timein: utcAt(4, 9, 0).replace('Z', '.250Z'),
    timeout: utcAt(4, 10, 0),
    notes: 'Reviewed the export',
    external_link: 'https://wiki.example/export',
  });
  world.timecard.updateRecord(id, { jira_synced: false, jira_worklog_id: '555', jira_sync_error: 'Token revoked', last_synced_at: utcAt(5, 1) });
  const before = stored(id);

  const result = ok(await link(id, 'DEMO-2'));
  expect(result.writeBack).toEqual({ outcome: 'written', message: 'Your timecard now shows this record on DEMO-2 too.' });
  expect(stored(id)).toEqual({ ...before, jira_issue_key: 'DEMO-2' });
  expect(puts()).toBe(1);
  // The start's fraction was kept (a start sent back from the answers would have lost it).
  const start = utcAt(4, 9, 0).replace('Z', '');
  expect(await listedFrom(`${start}.200Z`, utcAt(0, 23).replace('Z', '.000Z'))).toContain(id);
  expect(await listedFrom(`${start}.300Z`, utcAt(0, 23).replace('Z', '.000Z'))).not.toContain(id);
  // The app reads it as a link from the timecard now too; linking again writes nothing.
  expect(ok(await link(id, 'DEMO-2')).writeBack.outcome).toBe('unchanged');
  expect(puts()).toBe(1);
});

test('the record the timecard’s own Jira sync logged keeps its sync fields when linked back to its issue', async () => {
  await turnOn();
  const id = ids['logged by the timecard'];
  world.timecard.updateRecord(id, { jira_issue_key: null });
  const before = stored(id);
  const result = ok(await link(id, 'DEMO-7'));
  expect(result.writeBack.outcome).toBe('written');
  expect(stored(id)).toEqual({ ...before, jira_issue_key: 'DEMO-7' });
  expect(stored(id)).toMatchObject({ jira_synced: true, jira_worklog_id: expect.any(String), last_synced_at: expect.any(String) });
});

test('unlinking clears the key in the timecard (the server allows it)', async () => {
  await turnOn();
  const id = ids['DEMO-2 day 1'];
  const before = stored(id);
  const result = ok(await link(id, null));
  expect(result.writeBack).toEqual({ outcome: 'written', message: 'The issue was removed from this record in your timecard too.' });
  expect(stored(id)).toEqual({ ...before, jira_issue_key: null });
});

test('unlinking a record whose notes mention another issue clears the key and writes no other', async () => {
  await turnOn();
  const id = addRecord(world, { timein: utcAt(4, 11), timeout: utcAt(4, 12), notes: 'Follow-up for DEMO-3', jira_issue_key: 'DEMO-2' });
  const before = stored(id);
  const result = ok(await link(id, null));
  expect(result.record).toMatchObject({ linkSource: null, issueKey: null });
  expect(result.writeBack.outcome).toBe('written');
  expect(stored(id)).toEqual({ ...before, jira_issue_key: null });
});

test('a running record is not written (a PUT could undo the clock-out): the person is told, the link is kept', async () => {
  await turnOn();
  const id = ids['running'];
  const before = stored(id);
  const result = ok(await link(id, 'DEMO-4'));
  expect(result.record.issueKey).toBe('DEMO-4');
  expect(result.writeBack.outcome).toBe('not-written');
  expect(result.writeBack.message).toMatch(
    /^The link is kept in Jira, but nothing was written to your timecard: it is still running\. Link it again once it has ended/,
  );
  expect(stored(id)).toEqual(before);
  expect(puts()).toBe(0);
});

test('a record that changes in the timecard while it is linked is not written, and the person is told', async () => {
  await turnOn();
  const id = ids['notes day 2'];
  world.jira.setLatency(300);
  const gets = () => world.timecard.counts().byRoute['GET /api/timerecords'] ?? 0;
  const start = gets();
  const linking = link(id, 'DEMO-3');
  while (gets() === start) await new Promise((r) => setTimeout(r, 5));
  world.timecard.updateRecord(id, { notes: 'Docs pass, see DEMO-3 (edited)' });
  const result = ok(await linking);
  expect(result.writeBack.outcome).toBe('not-written');
  expect(result.writeBack.message).toContain('the record changed in your timecard while you linked it. Link it again to write the link there.');
  expect(stored(id)).toMatchObject({ notes: 'Docs pass, see DEMO-3 (edited)', jira_issue_key: null });
  expect(puts()).toBe(0);
});

test('a record changed in the timecard right after the PUT is reported for the person to check, and not written again', async () => {
  await turnOn();
  const id = ids['notes day 9'];
  const gets = () => world.timecard.counts().byRoute['GET /api/timerecords'] ?? 0;
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((r) => setTimeout(r, 2));
  };
  world.timecard.setLatency(150);
  const linking = link(id, 'DEMO-3');
  await until(() => puts() === 1);
  const getsAtPut = gets();
  await until(() => gets() > getsAtPut); // the read after the PUT is on its way: the person edits now
  world.timecard.updateRecord(id, { notes: 'Docs pass, see DEMO-3 (edited meanwhile)' });
  const result = ok(await linking);
  expect(result.writeBack).toEqual({
    outcome: 'check',
    message: 'The link was written to your timecard, but the record changed there at the same moment. Check it in your timecard.',
  });
  expect(stored(id)).toMatchObject({ notes: 'Docs pass, see DEMO-3 (edited meanwhile)', jira_issue_key: 'DEMO-3' });
  expect(puts()).toBe(1);
});

test('a server that fails the PUT leaves the record as it was and says so in a sentence', async () => {
  await turnOn();
  const id = ids['notes day 3'];
  const before = stored(id);
  world.timecard.failNext(1, { status: 503, pathIncludes: '/api/timerecords/' });
  const result = ok(await link(id, 'DEMO-3'));
  expect(result.record.issueKey).toBe('DEMO-3');
  expect(result.writeBack).toEqual({
    outcome: 'failed',
    message:
      'The link is kept in Jira, but it could not be written to your timecard. The timecard server is not answering right now; try again later or tell your Jira admin.',
  });
  expect(stored(id)).toEqual(before);
});

test('costs the timecard server three reads of one day and one PUT per link, only for people who turned it on', async () => {
  const calls = async (recordId: number) => {
    world.timecard.resetCounts();
    ok(await link(recordId, 'DEMO-3'));
    const { byRoute } = world.timecard.counts();
    return { reads: byRoute['GET /api/timerecords'] ?? 0, puts: byRoute['PUT /api/timerecords/<int:record_id>'] ?? 0 };
  };
  const off = await calls(ids['notes day 7']);
  await turnOn();
  const on = await calls(ids['notes day 8']);
  expect(off.puts).toBe(0);
  expect(on).toEqual({ reads: off.reads + 3, puts: 1 });
});

describe('"Accept and log" (syncRecords with an issue) links the record, so it writes back too', () => {
  const acceptAndLog = (recordId: number, issueKey: string) => world.invoke('syncRecords', { recordIds: [recordId], issueKey });
  /** A suggestion-like record of three days ago, not linked in the timecard. */
  const pairing = () => addRecord(world, { timein: utcAt(3, 9, 0), timeout: utcAt(3, 10, 0), notes: 'Pairing' });

  test('on: the worklog is written, and the timecard shows the issue with every other field as it was', async () => {
    await turnOn();
    const id = addRecord(world, { timein: utcAt(3, 9, 0), timeout: utcAt(3, 10, 0), notes: 'Pairing', external_link: 'https://wiki.example/p' });
    const before = stored(id);
    const [result] = ok(await acceptAndLog(id, 'DEMO-2')).results;
    expect(result).toMatchObject({ recordId: id, outcome: 'created', issueKey: 'DEMO-2' });
    expect(result.writeBack).toEqual({ outcome: 'written', message: 'Your timecard now shows this record on DEMO-2 too.' });
    expect(stored(id)).toEqual({ ...before, jira_issue_key: 'DEMO-2' });
    expect(puts()).toBe(1);
  });

  test('off: the worklog is written and nothing goes to the timecard', async () => {
    const id = pairing();
    const before = stored(id);
    const [result] = ok(await acceptAndLog(id, 'DEMO-2')).results;
    expect(result.outcome).toBe('created');
    expect(result.writeBack).toBeUndefined();
    expect(stored(id)).toEqual(before);
    expect(puts()).toBe(0);
  });

  test('on, with a record changed in the timecard meanwhile: the worklog is written, the key is not, and the person is told', async () => {
    await turnOn();
    const id = pairing();
    world.jira.setLatency(300);
    const gets = () => world.timecard.counts().byRoute['GET /api/timerecords'] ?? 0;
    const start = gets();
    const accepting = acceptAndLog(id, 'DEMO-2');
    while (gets() === start) await new Promise((r) => setTimeout(r, 5));
    world.timecard.updateRecord(id, { notes: 'Pairing (edited)' });
    const [result] = ok(await accepting).results;
    expect(result.outcome).toBe('created');
    expect(result.writeBack?.outcome).toBe('not-written');
    expect(result.writeBack?.message).toContain('the record changed in your timecard while you linked it');
    expect(stored(id)).toMatchObject({ notes: 'Pairing (edited)', jira_issue_key: null });
    expect(puts()).toBe(0);
  });

  test('on, with an issue that does not exist: nothing is linked, so nothing is written to the timecard', async () => {
    await turnOn();
    const id = pairing();
    const before = stored(id);
    const [result] = ok(await acceptAndLog(id, 'NOPE-1')).results;
    expect(result.code).toBe('issue-not-found');
    expect(result.writeBack).toBeUndefined();
    expect(stored(id)).toEqual(before);
  });
});
