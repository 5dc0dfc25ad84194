import { startJiraEmulator, type JiraEmulator } from '../../emulators/jira';
import { adf, call, testSeed } from '../../emulators/jira/testkit';

let emu: JiraEmulator;
const body = { started: '2026-11-24T08:30:00.000+0000', timeSpentSeconds: 3600, comment: adf('work') };

beforeAll(async () => {
  emu = await startJiraEmulator({ port: 0, seed: testSeed() });
});
afterAll(() => emu.close());

describe('worklog properties', () => {
  let id: string;
  const P = () => `/rest/api/3/issue/PROJ-1/worklog/${id}/properties`;
  beforeAll(async () => {
    id = (await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-1/worklog', body)).body.id;
  });

  it('PUT creates (201) then updates (200); GET returns key and value', async () => {
    expect((await call(emu.url, 'alice', 'PUT', `${P()}/timecard`, { recordId: 'r1' })).status).toBe(201);
    expect((await call(emu.url, 'alice', 'PUT', `${P()}/timecard`, { recordId: 'r2' })).status).toBe(200);
    const got = await call(emu.url, 'alice', 'GET', `${P()}/timecard`);
    expect(got.body).toEqual({ key: 'timecard', value: { recordId: 'r2' } });
    expect(emu.worklogs('PROJ-1').find((w) => w.id === id)!.properties).toEqual({ timecard: { recordId: 'r2' } });
  });

  it('lists keys with self links and decodes URL-encoded keys', async () => {
    expect((await call(emu.url, 'alice', 'PUT', `${P()}/${encodeURIComponent('a key/with slash')}`, 42)).status).toBe(201);
    const keys = await call(emu.url, 'alice', 'GET', P());
    expect(keys.body.keys.map((k: { key: string }) => k.key)).toEqual(['timecard', 'a key/with slash']);
    expect(keys.body.keys[1].self).toContain('a%20key%2Fwith%20slash');
    expect((await call(emu.url, 'alice', 'GET', `${P()}/a%20key%2Fwith%20slash`)).body.value).toBe(42);
  });

  it('enforces key length and 32 KB value size', async () => {
    expect((await call(emu.url, 'alice', 'PUT', `${P()}/${'k'.repeat(256)}`, 1)).status).toBe(400);
    expect((await call(emu.url, 'alice', 'PUT', `${P()}/big`, { v: 'x'.repeat(40000) })).status).toBe(400);
  });

  it('needs edit rights to write (403) and 404s for unknown keys/worklogs', async () => {
    expect((await call(emu.url, 'bob', 'PUT', `${P()}/timecard`, 1)).status).toBe(403);
    expect((await call(emu.url, 'bob', 'GET', `${P()}/timecard`)).status).toBe(200);
    expect((await call(emu.url, 'alice', 'GET', `${P()}/missing`)).status).toBe(404);
    expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/PROJ-1/worklog/1/properties')).status).toBe(404);
    expect((await call(emu.url, 'dave', 'GET', P())).status).toBe(404);
  });

  it('DELETE removes (204) and is then 404', async () => {
    expect((await call(emu.url, 'bob', 'DELETE', `${P()}/timecard`)).status).toBe(403);
    expect((await call(emu.url, 'alice', 'DELETE', `${P()}/timecard`)).status).toBe(204);
    expect((await call(emu.url, 'alice', 'DELETE', `${P()}/timecard`)).status).toBe(404);
  });
});

describe('POST /worklog/list', () => {
  it('returns only visible worklogs, with properties on request', async () => {
    const a = (await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-2/worklog', { ...body, properties: [{ key: 'tc', value: 1 }] })).body.id;
    const s = (await call(emu.url, 'app', 'POST', '/rest/api/3/issue/SEC-1/worklog', body)).body.id;
    const r = await call(emu.url, 'alice', 'POST', '/rest/api/3/worklog/list?expand=properties', { ids: [Number(a), Number(s), 424242] });
    expect(r.status).toBe(200);
    expect(r.body.map((w: { id: string }) => w.id)).toEqual([a]);
    expect(r.body[0].properties).toEqual([{ key: 'tc', value: 1 }]);
    const carol = await call(emu.url, 'carol', 'POST', '/rest/api/3/worklog/list', { ids: [a, s] });
    expect(carol.body).toHaveLength(2);
    expect(carol.body[0].properties).toBeUndefined();
  });

  it('caps ids at 1000 and needs an ids array', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => i + 1);
    expect((await call(emu.url, 'alice', 'POST', '/rest/api/3/worklog/list', { ids })).status).toBe(400);
    expect((await call(emu.url, 'alice', 'POST', '/rest/api/3/worklog/list', { ids: ids.slice(0, 1000) })).status).toBe(200);
    expect((await call(emu.url, 'alice', 'POST', '/rest/api/3/worklog/list', {})).status).toBe(400);
  });
});

describe('GET /worklog/updated and /worklog/deleted', () => {
  it('lists changes after since, skipping the last minute, in pages of 1000', async () => {
    const since = emu.now() - 1000;
    const id = (await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-3/worklog', body)).body.id;
    const fresh = await call(emu.url, 'alice', 'GET', `/rest/api/3/worklog/updated?since=${since}`);
    expect(fresh.body.values.map((v: { worklogId: number }) => String(v.worklogId))).not.toContain(id);

    emu.advanceClock(61_000);
    const later = await call(emu.url, 'alice', 'GET', `/rest/api/3/worklog/updated?since=${since}&expand=properties`);
    expect(later.body.values.map((v: { worklogId: number }) => String(v.worklogId))).toContain(id);
    expect(later.body.lastPage).toBe(true);
    expect(later.body.since).toBe(since);
    expect(later.body.until).toBe(later.body.values[later.body.values.length - 1].updatedTime);

    expect((await call(emu.url, 'dave', 'GET', `/rest/api/3/worklog/updated?since=${since}`)).body.values).toEqual([]);
  });

  it('pages 1000 at a time with nextPage', async () => {
    emu.seed({ issues: [{ key: 'OPEN-5', summary: 'Many', status: 'To Do', projectKey: 'OPEN' }] });
    const since = emu.now();
    for (let i = 0; i < 1500; i++) {
      emu.advanceClock(1);
      emu.seed({ worklogs: [{ issueKey: 'OPEN-5', authorAccountId: 'alice', started: '2026-01-01T00:00:00Z', timeSpentSeconds: 60 }] });
    }
    emu.advanceClock(61_000);
    const first = await call(emu.url, 'alice', 'GET', `/rest/api/3/worklog/updated?since=${since}`);
    expect(first.body.values).toHaveLength(1000);
    expect(first.body.lastPage).toBe(false);
    expect(first.body.nextPage).toBe(`${emu.url}/rest/api/3/worklog/updated?since=${first.body.until}`);
    const second = await call(emu.url, 'alice', 'GET', `/rest/api/3/worklog/updated?since=${first.body.until}`);
    expect(second.body.values).toHaveLength(500);
    expect(second.body.lastPage).toBe(true);
    expect(second.body.nextPage).toBeUndefined();
  });

  it('lists deleted worklogs', async () => {
    const since = emu.now();
    const id = (await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-3/worklog', body)).body.id;
    expect((await call(emu.url, 'alice', 'DELETE', `/rest/api/3/issue/PROJ-3/worklog/${id}`)).status).toBe(204);
    emu.advanceClock(61_000);
    const r = await call(emu.url, 'alice', 'GET', `/rest/api/3/worklog/deleted?since=${since}`);
    expect(r.body.values).toEqual([{ worklogId: Number(id), updatedTime: expect.any(Number), properties: [] }]);
    expect(r.body.lastPage).toBe(true);
  });
});
