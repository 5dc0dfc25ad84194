import { startJiraEmulator, type JiraEmulator } from '../../emulators/jira';
import { adf, call, testSeed } from '../../emulators/jira/testkit';

let emu: JiraEmulator;
const WL = (key: string) => `/rest/api/3/issue/${key}/worklog`;
const body = (over: Record<string, unknown> = {}) => ({
  started: '2026-11-24T08:30:00.000+0000',
  timeSpentSeconds: 3600,
  comment: adf('work'),
  ...over,
});
const post = (as: string | null, key: string, b: unknown, q = '') => call(emu.url, as, 'POST', WL(key) + q, b);

beforeAll(async () => {
  emu = await startJiraEmulator({ port: 0, seed: testSeed() });
});
afterAll(() => emu.close());

describe('POST worklog: started format', () => {
  it.each(['2021-01-17T12:34:00.000+0000', '2021-01-17T12:34:00.000+0530', '2021-01-17T12:34:00.000-0800'])('accepts %s', async (started) => {
    const r = await post('alice', 'PROJ-1', body({ started }));
    expect(r.status).toBe(201);
  });

  it.each([
    '2021-01-17T12:34:00.000Z',
    '2021-01-17T12:34:00+0000',
    '2021-01-17T12:34:00.000000000+0000',
    '2021-01-17T12:34:00.000+00:00',
    '2021-01-17 12:34:00.000+0000',
    '2021-02-30T12:34:00.000+0000',
    '2021-01-17T25:34:00.000+0000',
    1610886840000,
  ])('rejects %s with the Jira message', async (started) => {
    const r = await post('alice', 'PROJ-1', body({ started }));
    expect(r.status).toBe(400);
    expect(r.body.errors.started).toBe('Invalid date format. Please enter the date in the format "yyyy-MM-dd\'T\'HH:mm:ss.SSSZ".');
  });

  it('stores the UTC instant of an offset start', async () => {
    const r = await post('alice', 'PROJ-1', body({ started: '2026-03-01T09:00:00.000+0530' }));
    const stored = emu.worklogs('PROJ-1').find((w) => w.id === r.body.id)!;
    expect(stored.started).toBe('2026-03-01T03:30:00.000Z');
  });
});

describe('POST worklog: comment, duration, properties', () => {
  it('rejects a plain-string comment', async () => {
    const r = await post('alice', 'PROJ-1', body({ comment: 'plain text' }));
    expect(r.status).toBe(400);
    expect(r.body.errors.comment).toMatch(/Atlassian Document/);
  });

  it.each([
    { type: 'doc', version: 2, content: [] },
    { type: 'doc', version: 1 },
    { type: 'doc', version: 1, content: [{ type: 'text' }] },
    { type: 'paragraph', content: [] },
  ])('rejects malformed ADF %#', async (comment) => {
    expect((await post('alice', 'PROJ-1', body({ comment }))).status).toBe(400);
  });

  it("refuses a comment longer than Jira's text field limit, and takes one at the limit", async () => {
    const tooLong = await post('alice', 'PROJ-1', body({ comment: adf('x'.repeat(32_768)) }));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors.comment).toMatch(/exceeds the allowed limit of 32,767 characters/);
    expect((await post('alice', 'PROJ-1', body({ comment: adf('x'.repeat(32_767)) }))).status).toBe(201);
  });

  it('accepts a worklog without comment and returns no comment', async () => {
    const r = await post('alice', 'PROJ-1', { started: '2026-11-24T08:30:00.000+0000', timeSpentSeconds: 600 });
    expect(r.status).toBe(201);
    expect(r.body.comment).toBeUndefined();
  });

  it.each([59, 0, 1])('rejects %i seconds (under a minute)', async (s) => {
    const r = await post('alice', 'PROJ-1', body({ timeSpentSeconds: s }));
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ errorMessages: [], errors: { timeLogged: 'You must indicate the time spent working.' } });
  });

  it('rejects a missing duration, and both forms at once', async () => {
    const none = await post('alice', 'PROJ-1', { started: '2026-11-24T08:30:00.000+0000' });
    expect(none.status).toBe(400);
    expect(none.body.errors.timeLogged).toBe('You must indicate the time spent working.');
    const both = await post('alice', 'PROJ-1', body({ timeSpent: '1h' }));
    expect(both.status).toBe(400);
  });

  it('accepts 60 s and the timeSpent syntax', async () => {
    expect((await post('alice', 'PROJ-1', body({ timeSpentSeconds: 60 }))).body.timeSpent).toBe('1m');
    const r = await post('alice', 'PROJ-1', { started: '2026-11-24T08:30:00.000+0000', timeSpent: '3h 20m' });
    expect(r.status).toBe(201);
    expect(r.body.timeSpentSeconds).toBe(12000);
    expect(r.body.timeSpent).toBe('3h 20m');
    const wd = await post('alice', 'PROJ-1', { started: '2026-11-24T08:30:00.000+0000', timeSpent: '1w 1d' });
    expect(wd.body.timeSpentSeconds).toBe(6 * 8 * 3600);
    expect((await post('alice', 'PROJ-1', { started: '2026-11-24T08:30:00.000+0000', timeSpent: '3 hours' })).status).toBe(400);
  });

  it('validates properties and returns them only with expand=properties', async () => {
    const props = [{ key: 'timecard', value: { recordId: 'r1', hash: 'abc' } }];
    const plain = await post('alice', 'PROJ-1', body({ properties: props }));
    expect(plain.status).toBe(201);
    expect(plain.body.properties).toBeUndefined();
    const expanded = await post('alice', 'PROJ-1', body({ properties: props }), '?expand=properties');
    expect(expanded.body.properties).toEqual(props);
    expect((await post('alice', 'PROJ-1', body({ properties: [{ key: 'k'.repeat(256), value: 1 }] }))).status).toBe(400);
    expect((await post('alice', 'PROJ-1', body({ properties: [{ key: 'big', value: 'x'.repeat(33000) }] }))).status).toBe(400);
    expect((await post('alice', 'PROJ-1', body({ properties: [{ key: 'k'.repeat(255), value: 'x'.repeat(32000) }] }))).status).toBe(201);
  });
});

describe('POST worklog: identity, permissions, limits', () => {
  it('answers 404 for a missing issue and for one the caller cannot browse', async () => {
    const expected = { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} };
    expect((await post('alice', 'NOPE-1', body())).body).toEqual(expected);
    const hidden = await post('alice', 'SEC-1', body());
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(expected);
    expect((await post('dave', 'PROJ-1', body())).status).toBe(404);
  });

  it('answers 400 without WORK_ON_ISSUES', async () => {
    const r = await post('bob', 'PROJ-1', body());
    expect(r.status).toBe(400);
    expect(r.body.errorMessages).toEqual(['You do not have the permission to associate a worklog to this issue.']);
  });

  it('401 with a plain-text body for missing or unknown identity', async () => {
    for (const as of [null, 'mallory']) {
      const r = await post(as, 'PROJ-1', body());
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toMatch(/text\/plain/);
    }
  });

  it('records the caller as author; the app writes as "app"', async () => {
    const r = await post('carol', 'PROJ-1', body());
    expect(r.body.author.accountId).toBe('carol');
    expect(r.body.updateAuthor.accountId).toBe('carol');
    const a = await post('app', 'SEC-1', body());
    expect(a.status).toBe(201);
    expect(a.body.author).toMatchObject({ accountId: 'app', accountType: 'app' });
    expect(emu.worklogs('SEC-1')[0].authorAccountId).toBe('app');
  });

  it('answers 404 while time tracking is disabled', async () => {
    emu.setTimeTracking(false);
    try {
      const r = await post('alice', 'PROJ-1', body());
      expect(r.status).toBe(404);
      expect(r.body.errorMessages[0]).toMatch(/time tracking is disabled/i);
    } finally {
      emu.setTimeTracking(true);
    }
  });

  it('answers 413 at 5000 worklogs on one issue', async () => {
    emu.seed({ issues: [{ key: 'OPEN-9', summary: 'Busy issue', status: 'To Do', projectKey: 'OPEN' }] });
    emu.seed({
      worklogs: Array.from({ length: 4999 }, () => ({
        issueKey: 'OPEN-9',
        authorAccountId: 'alice',
        started: '2026-01-01T00:00:00Z',
        timeSpentSeconds: 60,
      })),
    });
    expect((await post('alice', 'OPEN-9', body())).status).toBe(201);
    const r = await post('alice', 'OPEN-9', body());
    expect(r.status).toBe(413);
    expect(emu.worklogs('OPEN-9')).toHaveLength(5000);
  });

  it('answers 415 for a non-JSON content type and 400 for broken JSON', async () => {
    const ct = await call(emu.url, 'alice', 'POST', WL('PROJ-1'), undefined, { raw: JSON.stringify(body()), contentType: 'text/plain' });
    expect(ct.status).toBe(415);
    const broken = await call(emu.url, 'alice', 'POST', WL('PROJ-1'), undefined, { raw: '{"started":' });
    expect(broken.status).toBe(400);
  });
});

describe('rendering in the reader time zone', () => {
  it('renders started/created/updated with the reader offset', async () => {
    const created = await post('alice', 'PROJ-2', body({ started: '2026-11-24T08:30:00.000+0000', timeSpentSeconds: 5700 }));
    expect(created.body.started).toBe('2026-11-24T00:30:00.000-0800');
    expect(created.body.timeSpent).toBe('1h 35m');
    expect(created.body.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-0[78]00$/);
    const id = created.body.id;
    const asCarol = await call(emu.url, 'carol', 'GET', `${WL('PROJ-2')}/${id}`);
    expect(asCarol.body.started).toBe('2026-11-24T14:00:00.000+0530');
    const asBob = await call(emu.url, 'bob', 'GET', `${WL('PROJ-2')}/${id}`);
    expect(asBob.body.started).toBe('2026-11-24T09:30:00.000+0100');
    const summer = await post('alice', 'PROJ-2', body({ started: '2026-07-01T12:00:00.000+0000' }));
    expect(summer.body.started).toBe('2026-07-01T05:00:00.000-0700');
    const asApp = await call(emu.url, 'app', 'GET', `${WL('PROJ-2')}/${id}`);
    expect(asApp.body.started).toBe('2026-11-24T08:30:00.000+0000');
  });

  it('ids are strings; self points at the worklog', async () => {
    const r = await post('alice', 'PROJ-2', body());
    expect(typeof r.body.id).toBe('string');
    expect(typeof r.body.issueId).toBe('string');
    expect(r.body.self).toBe(`${emu.url}/rest/api/3/issue/${r.body.issueId}/worklog/${r.body.id}`);
  });
});

describe('estimates', () => {
  const remaining = async () =>
    (await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/PROJ-2?fields=timetracking')).body.fields.timetracking.remainingEstimateSeconds;

  it('auto reduces, leave keeps, new sets, manual reduces by reduceBy', async () => {
    emu.seed({
      issues: [{ key: 'PROJ-2', summary: 'Fix login timeout', status: 'In Progress', projectKey: 'PROJ', remainingEstimateSeconds: 36000 }],
    });
    await post('alice', 'PROJ-2', body({ timeSpentSeconds: 3600 }));
    expect(await remaining()).toBe(32400);
    await post('alice', 'PROJ-2', body(), '?adjustEstimate=leave');
    expect(await remaining()).toBe(32400);
    await post('alice', 'PROJ-2', body(), '?adjustEstimate=new&newEstimate=2h');
    expect(await remaining()).toBe(7200);
    await post('alice', 'PROJ-2', body(), '?adjustEstimate=manual&reduceBy=30m');
    expect(await remaining()).toBe(5400);
  });

  it('rejects new without newEstimate, manual without reduceBy, and unknown modes', async () => {
    expect((await post('alice', 'PROJ-2', body(), '?adjustEstimate=new')).status).toBe(400);
    expect((await post('alice', 'PROJ-2', body(), '?adjustEstimate=manual')).status).toBe(400);
    expect((await post('alice', 'PROJ-2', body(), '?adjustEstimate=sometimes')).status).toBe(400);
  });
});

describe('PUT and DELETE worklog', () => {
  let aliceWl: string;
  beforeAll(async () => {
    aliceWl = (await post('alice', 'PROJ-5', body())).body.id;
  });

  it('lets the author edit with EDIT_OWN_WORKLOGS and validates like POST', async () => {
    const ok = await call(emu.url, 'alice', 'PUT', `${WL('PROJ-5')}/${aliceWl}`, { timeSpentSeconds: 1800 });
    expect(ok.status).toBe(200);
    expect(ok.body.timeSpentSeconds).toBe(1800);
    expect(ok.body.started).toBe('2026-11-24T00:30:00.000-0800');
    expect((await call(emu.url, 'alice', 'PUT', `${WL('PROJ-5')}/${aliceWl}`, { started: '2026-11-24T08:30:00Z' })).status).toBe(400);
    expect((await call(emu.url, 'alice', 'PUT', `${WL('PROJ-5')}/${aliceWl}`, { timeSpentSeconds: 30 })).status).toBe(400);
    expect((await call(emu.url, 'alice', 'PUT', `${WL('PROJ-5')}/${aliceWl}`, { comment: 'text' })).status).toBe(400);
  });

  it('needs EDIT_ALL_WORKLOGS for someone else’s worklog', async () => {
    const carolWl = (await post('carol', 'PROJ-5', body())).body.id;
    const denied = await call(emu.url, 'alice', 'PUT', `${WL('PROJ-5')}/${carolWl}`, { timeSpentSeconds: 120 });
    expect(denied.status).toBe(400);
    const byCarol = await call(emu.url, 'carol', 'PUT', `${WL('PROJ-5')}/${aliceWl}`, { timeSpentSeconds: 120 });
    expect(byCarol.status).toBe(200);
    expect(byCarol.body.author.accountId).toBe('alice');
    expect(byCarol.body.updateAuthor.accountId).toBe('carol');
    expect((await call(emu.url, 'alice', 'DELETE', `${WL('PROJ-5')}/${carolWl}`)).status).toBe(400);
  });

  it('deletes with DELETE_OWN_WORKLOGS (204) and then answers 404', async () => {
    const id = (await post('alice', 'PROJ-5', body())).body.id;
    expect((await call(emu.url, 'bob', 'DELETE', `${WL('PROJ-5')}/${id}`)).status).toBe(400);
    const del = await call(emu.url, 'alice', 'DELETE', `${WL('PROJ-5')}/${id}`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect((await call(emu.url, 'alice', 'DELETE', `${WL('PROJ-5')}/${id}`)).status).toBe(404);
    expect((await call(emu.url, 'alice', 'PUT', `${WL('PROJ-5')}/999999`, { timeSpentSeconds: 120 })).status).toBe(404);
    expect((await call(emu.url, 'alice', 'GET', `${WL('PROJ-1')}/${aliceWl}`)).status).toBe(404);
  });

  it('test helpers simulate edits and deletions made directly in Jira', async () => {
    const id = (await post('alice', 'PROJ-5', body())).body.id;
    const edited = emu.editWorklog('PROJ-5', id, { timeSpentSeconds: 7200 }, 'carol');
    expect(edited.timeSpentSeconds).toBe(7200);
    expect(edited.updateAuthorAccountId).toBe('carol');
    expect((await call(emu.url, 'alice', 'GET', `${WL('PROJ-5')}/${id}`)).body.timeSpent).toBe('2h');
    emu.deleteWorklogAsOther('PROJ-5', id);
    expect((await call(emu.url, 'alice', 'GET', `${WL('PROJ-5')}/${id}`)).status).toBe(404);
  });
});

describe('GET worklogs of an issue', () => {
  beforeAll(async () => {
    emu.seed({ issues: [{ key: 'OPEN-2', summary: 'Paging', status: 'To Do', projectKey: 'OPEN' }] });
    for (let d = 1; d <= 5; d++) await post('alice', 'OPEN-2', body({ started: `2026-05-0${d}T10:00:00.000+0000` }));
  });

  it('pages ordered by created with total', async () => {
    const all = await call(emu.url, 'bob', 'GET', WL('OPEN-2'));
    expect(all.body).toMatchObject({ startAt: 0, maxResults: 5000, total: 5 });
    const page = await call(emu.url, 'bob', 'GET', `${WL('OPEN-2')}?startAt=2&maxResults=2`);
    expect(page.body.worklogs.map((w: { id: string }) => w.id)).toEqual(all.body.worklogs.slice(2, 4).map((w: { id: string }) => w.id));
    expect(page.body.total).toBe(5);
  });

  it('filters by startedAfter/startedBefore in epoch ms', async () => {
    const after = Date.parse('2026-05-02T10:00:00Z');
    const before = Date.parse('2026-05-04T10:00:00Z');
    const r = await call(emu.url, 'bob', 'GET', `${WL('OPEN-2')}?startedAfter=${after}&startedBefore=${before}`);
    expect(r.body.total).toBe(3);
    expect((await call(emu.url, 'bob', 'GET', `${WL('OPEN-2')}?startedAfter=yesterday`)).status).toBe(400);
  });
});
