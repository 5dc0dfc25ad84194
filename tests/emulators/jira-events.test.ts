// The emulator's worklog product events (avi:jira:*:worklog, as Forge delivers them to a trigger)
// and a deleted issue, which raises none and leaves the change feeds alone.
import { startJiraEmulator, type JiraEmulator, type WorklogProductEvent } from '../../emulators/jira';
import { adf, call, testSeed } from '../../emulators/jira/testkit';

let emu: JiraEmulator;
let seen: WorklogProductEvent[];
let stop: () => void;
const body = { started: '2026-11-24T08:30:00.000+0000', timeSpentSeconds: 3600, comment: adf('work') };

beforeEach(async () => {
  emu = await startJiraEmulator({ port: 0, seed: testSeed() });
  seen = [];
  stop = emu.onProductEvent((e) => seen.push(e));
});
afterEach(async () => {
  stop();
  await emu.close();
});

test('creating, updating and deleting a worklog over REST raises one event each, with the worklog as Jira renders it', async () => {
  const created = await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-1/worklog', body);
  const id = created.body.id as string;
  await call(emu.url, 'alice', 'PUT', `/rest/api/3/issue/PROJ-1/worklog/${id}`, { timeSpentSeconds: 1800 });
  await call(emu.url, 'alice', 'DELETE', `/rest/api/3/issue/PROJ-1/worklog/${id}`);

  expect(seen.map((e) => e.eventType)).toEqual(['avi:jira:created:worklog', 'avi:jira:updated:worklog', 'avi:jira:deleted:worklog']);
  expect(seen.every((e) => e.atlassianId === 'alice')).toBe(true);
  expect(seen[1].worklog).toMatchObject({
    id,
    issueId: created.body.issueId,
    timeSpentSeconds: 1800,
    started: '2026-11-24T08:30:00.000+0000',
    author: { accountId: 'alice' },
    updateAuthor: { accountId: 'alice' },
  });
  expect(seen[2].worklog).toMatchObject({ id, issueId: created.body.issueId });
  // The control surface lists the same events.
  expect((await call(emu.url, null, 'GET', '/__emulator/events')).body.map((e: WorklogProductEvent) => e.eventType)).toHaveLength(3);
});

test('an edit or a deletion by someone else through the control surface raises the event as that person', async () => {
  const id = (await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-1/worklog', body)).body.id as string;
  await call(emu.url, null, 'POST', '/__emulator/edit-worklog', {
    issueKey: 'PROJ-1',
    worklogId: id,
    patch: { comment: adf('edited') },
    byAccountId: 'carol',
  });
  await call(emu.url, null, 'POST', '/__emulator/delete-worklog', { issueKey: 'PROJ-1', worklogId: id, byAccountId: 'carol' });
  expect(seen.slice(1).map((e) => [e.eventType, e.atlassianId])).toEqual([
    ['avi:jira:updated:worklog', 'carol'],
    ['avi:jira:deleted:worklog', 'carol'],
  ]);
  expect(seen[1].worklog).toMatchObject({ comment: adf('edited'), updateAuthor: { accountId: 'carol' } });
});

test('a failed write raises nothing', async () => {
  await call(emu.url, 'bob', 'POST', '/rest/api/3/issue/PROJ-1/worklog', body);
  expect(seen).toEqual([]);
});

test('deleting an issue removes its worklogs without a worklog event or a worklog/deleted entry', async () => {
  const id = (await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-1/worklog', body)).body.id as string;
  seen.length = 0;
  expect((await call(emu.url, null, 'POST', '/__emulator/delete-issue', { issueKey: 'PROJ-1' })).status).toBe(204);
  emu.advanceClock(120_000);
  expect(seen).toEqual([]);
  expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/worklog/deleted?since=0')).body.values).toEqual([]);
  expect((await call(emu.url, 'alice', 'POST', '/rest/api/3/worklog/list', { ids: [Number(id)] })).body).toEqual([]);
  expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/PROJ-1')).status).toBe(404);
});

test('the change feeds list a worklog edited and one deleted, after the one-minute lag, since in ms', async () => {
  const a = (await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-1/worklog', body)).body.id as string;
  const b = (await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-1/worklog', body)).body.id as string;
  const since = emu.now();
  emu.advanceClock(5);
  await call(emu.url, 'alice', 'PUT', `/rest/api/3/issue/PROJ-1/worklog/${a}`, { timeSpentSeconds: 60 });
  await call(emu.url, 'alice', 'DELETE', `/rest/api/3/issue/PROJ-1/worklog/${b}`);
  expect((await call(emu.url, 'alice', 'GET', `/rest/api/3/worklog/updated?since=${since}`)).body.values).toEqual([]);
  emu.advanceClock(61_000);
  const updated = (await call(emu.url, 'alice', 'GET', `/rest/api/3/worklog/updated?since=${since}`)).body;
  expect(updated).toMatchObject({ since, lastPage: true, values: [{ worklogId: Number(a), updatedTime: expect.any(Number) }] });
  expect(updated.until).toBe(updated.values[0].updatedTime);
  const deleted = (await call(emu.url, 'alice', 'GET', `/rest/api/3/worklog/deleted?since=${since}`)).body;
  expect(deleted.values.map((v: { worklogId: number }) => v.worklogId)).toEqual([Number(b)]);
});
