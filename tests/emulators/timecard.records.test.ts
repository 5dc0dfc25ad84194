import { startTimecardEmulator, type TimecardEmulator } from '../../emulators/timecard';

let em: TimecardEmulator;
let alice: number;
let bob: number;
let aliceToken: string;
let bobToken: string;
let domain: number;
let category: number;
let title: number;

async function call(path: string, init: RequestInit & { token?: string; json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(em.url + path, { ...init, headers, body });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, type: res.headers.get('content-type'), headers: res.headers };
}

const list = (query = '', token = aliceToken) => call(`/api/timerecords${query}`, { token });

async function tokenFor(username: string, password: string) {
  return (await call('/api/login', { method: 'POST', json: { username, password } })).json.access_token as string;
}

beforeAll(async () => {
  em = await startTimecardEmulator();
  alice = em.addUser('alice', 'a');
  bob = em.addUser('bob', 'b');
  domain = em.addAttribute(alice, { name: 'Work', level_num: 1, color: '#ff0000' });
  category = em.addAttribute(alice, { name: 'Payments', level_num: 2, parent_id: domain });
  title = em.addAttribute(alice, { name: 'Dev', level_num: 3, parent_id: category });
  const ids = { domain_id: domain, category_id: category, title_id: title };
  em.addRecord(alice, { ...ids, timein: '2026-11-01T00:00:00Z', timeout: '2026-11-01T01:00:00Z' });
  em.addRecord(alice, { ...ids, timein: '2026-11-15T09:30:00Z', timeout: '2026-11-15T10:00:00Z', notes: 'Café PAY-1', jira_issue_key: 'PAY-1' });
  em.addRecord(alice, { ...ids, timein: '2026-11-30T23:59:59Z', timeout: null });
  em.addRecord(alice, { ...ids, timein: '2026-12-01T00:00:00Z', timeout: '2026-12-01T02:00:00Z' });
  em.addRecord(bob, { timein: '2026-11-10T08:00:00Z', timeout: '2026-11-10T09:00:00Z', notes: 'bob' });
  aliceToken = await tokenFor('alice', 'a');
  bobToken = await tokenFor('bob', 'b');
});
afterAll(() => em.close());

describe('GET /api/timerecords', () => {
  it('serves records exactly as Flask serializes TimeRecord.to_dict()', async () => {
    const res = await list('?start_date=2026-11-15T00:00:00.000Z&end_date=2026-11-16T00:00:00.000Z');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    expect(res.text).toBe(
      '[{"category_id":2,"domain_id":1,"external_link":null,"id":2,"jira_issue_key":"PAY-1",' +
        '"jira_sync_error":null,"jira_synced":false,"jira_worklog_id":null,"last_synced_at":null,' +
        '"notes":"Caf\\u00e9 PAY-1","timein":"2026-11-15T09:30:00Z","timeout":"2026-11-15T10:00:00Z","title_id":3}]\n',
    );
  });

  it('returns every record of the caller, newest first, with timeout null while running', async () => {
    const res = await list();
    expect(res.json.map((r: any) => r.timein)).toEqual([
      '2026-12-01T00:00:00Z',
      '2026-11-30T23:59:59Z',
      '2026-11-15T09:30:00Z',
      '2026-11-01T00:00:00Z',
    ]);
    expect(res.json[1].timeout).toBeNull();
    expect(em.records(alice)).toEqual(res.json);
  });

  it('filters timein >= start_date and timein < end_date', async () => {
    const res = await list('?start_date=2026-11-01T00:00:00.000Z&end_date=2026-12-01T00:00:00.000Z');
    expect(res.json.map((r: any) => r.id)).toEqual([3, 2, 1]);
    const fraction = await list('?start_date=2026-11-01T00:00:00.5Z&end_date=2026-11-30T23:59:59.000001Z');
    expect(fraction.json.map((r: any) => r.id)).toEqual([3, 2]);
    const onlyEnd = await list('?end_date=2026-11-15T09:30:00.000Z');
    expect(onlyEnd.json.map((r: any) => r.id)).toEqual([1]);
    const emptyValue = await list('?start_date=&end_date=');
    expect(emptyValue.json).toHaveLength(4);
  });

  it.each([
    '2026-11-01T00:00:00.000Z',
    '2026-11-01T00:00:00.0Z',
    '2026-11-01T00:00:00.123456Z',
    '2026-11-01t00:00:00.000z',
    '2026-1-1T0:0:0.0Z',
    '2028-02-29T00:00:00.000Z',
  ])('accepts start_date=%s', async (value) => {
    expect((await list(`?start_date=${value}`)).status).toBe(200);
  });

  it.each([
    '2026-11-01T00:00:00Z',
    '2026-11-01T00:00:00.000+00:00',
    '2026-11-01T00:00:00.000',
    '2026-11-01',
    '2026-11-01T00:00:00.1234567Z',
    '2026-11-01 00:00:00.000Z',
    '2026-02-29T00:00:00.000Z',
    '2026-11-01T00:00:60.000Z',
    '1764547200000',
  ])('rejects start_date=%s with 400', async (value) => {
    const res = await list(`?start_date=${encodeURIComponent(value)}`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ msg: 'Invalid start date format. Use YYYY-MM-DDTHH:MM:SS.sssZ' });
  });

  it('names end_date in its error and checks start_date first', async () => {
    const end = await list('?start_date=2026-11-01T00:00:00.000Z&end_date=2026-12-01');
    expect(end.json).toEqual({ msg: 'Invalid end date format. Use YYYY-MM-DDTHH:MM:SS.sssZ' });
    const both = await list('?start_date=x&end_date=y');
    expect(both.json.msg).toContain('start');
  });

  it('keeps users apart', async () => {
    const res = await list('', bobToken);
    expect(res.json.map((r: any) => r.notes)).toEqual(['bob']);
    const put = await call('/api/timerecords/1', { method: 'PUT', token: bobToken, json: { domain_id: 1, category_id: 2, title_id: 3 } });
    expect([put.status, put.json]).toEqual([404, { msg: 'Record not found or access denied' }]);
    const del = await call('/api/timerecords/1', { method: 'DELETE', token: bobToken });
    expect([del.status, del.json]).toEqual([404, { msg: 'Record not found or access denied' }]);
  });

  it('serves malformed raw rows verbatim', async () => {
    const id = em.addRawRecord(bob, { id: 999, timein: null, timeout: 'garbage' }, { at: '2026-11-20T00:00:00Z' });
    const res = await list('?start_date=2026-11-19T00:00:00.000Z', bobToken);
    expect(res.json).toEqual([{ id: 999, timein: null, timeout: 'garbage' }]);
    em.deleteRecord(id);
    expect((await list('?start_date=2026-11-19T00:00:00.000Z', bobToken)).json).toEqual([]);
  });
});

describe('GET /api/recordattributes', () => {
  it('lists the caller’s attributes', async () => {
    const res = await call('/api/recordattributes', { token: aliceToken });
    expect(res.text.startsWith('[{"color":"#ff0000","id":1,"level_num":1,"name":"Work","parent_id":null,"user_id":1}')).toBe(true);
    expect(res.json.map((a: any) => [a.name, a.level_num, a.parent_id])).toEqual([
      ['Work', 1, null],
      ['Payments', 2, 1],
      ['Dev', 3, 2],
    ]);
    const bobs = await call('/api/recordattributes', { token: bobToken });
    expect(bobs.json.every((a: any) => a.user_id === bob)).toBe(true);
  });
});

describe('writes', () => {
  it('POST creates a running record (201)', async () => {
    const res = await call('/api/timerecords', {
      method: 'POST',
      token: bobToken,
      json: { domain_id: 'Home', category_id: 'Garden', title_id: 'Weeding', timein: '2026-11-22T07:00:00.000Z', notes: 'n' },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ timein: '2026-11-22T07:00:00Z', timeout: null, notes: 'n', jira_synced: false });
    const attrs = (await call('/api/recordattributes', { token: bobToken })).json;
    expect(attrs.find((a: any) => a.name === 'Garden')).toMatchObject({ level_num: 2, parent_id: res.json.domain_id });
    const missing = await call('/api/timerecords', { method: 'POST', token: bobToken, json: { domain_id: 1 } });
    expect([missing.status, missing.json]).toEqual([400, { msg: 'Missing required fields' }]);
  });

  it('PUT replaces the record: a missing timeout clears it, empty notes do not', async () => {
    const rec = em.addRecord(alice, {
      timein: '2026-10-01T08:00:00Z',
      timeout: '2026-10-01T09:00:00Z',
      notes: 'keep',
      domain_id: domain,
      category_id: category,
      title_id: title,
    });
    const base = { domain_id: domain, category_id: category, title_id: title };
    const put = await call(`/api/timerecords/${rec.id}`, { method: 'PUT', token: aliceToken, json: { ...base, notes: '', jira_issue_key: 'PAY-9' } });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ timein: '2026-10-01T08:00:00Z', timeout: null, notes: 'keep', jira_issue_key: 'PAY-9' });
    const set = await call(`/api/timerecords/${rec.id}`, {
      method: 'PUT',
      token: aliceToken,
      json: { ...base, timeout: '2026-10-01T10:00:00.000Z' },
    });
    expect(set.json.timeout).toBe('2026-10-01T10:00:00Z');
    const badTime = await call(`/api/timerecords/${rec.id}`, {
      method: 'PUT',
      token: aliceToken,
      json: { ...base, timeout: '2026-10-01T10:00:00Z' },
    });
    expect([badTime.status, badTime.json]).toEqual([400, { msg: 'Invalid timeout format.' }]);
    const noIds = await call(`/api/timerecords/${rec.id}`, { method: 'PUT', token: aliceToken, json: { notes: 'x' } });
    expect(noIds.status).toBe(500);
    expect(noIds.text).toContain('<title>500 Internal Server Error</title>');
    expect(em.records(alice).find((r) => r.id === rec.id)?.timeout).toBe('2026-10-01T10:00:00Z');
  });

  it("the public API cannot set the timecard's own Jira sync fields; the control kit seeds them", async () => {
    const base = { domain_id: domain, category_id: category, title_id: title };
    const jiraFields = { jira_synced: true, jira_worklog_id: '777', jira_sync_error: 'boom', last_synced_at: '2026-10-02T09:00:00' };
    const created = await call('/api/timerecords', {
      method: 'POST',
      token: aliceToken,
      json: { ...base, timein: '2026-10-02T08:00:00.000Z', ...jiraFields },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ jira_synced: false, jira_worklog_id: null, jira_sync_error: null, last_synced_at: null });
    const put = await call(`/api/timerecords/${created.json.id}`, { method: 'PUT', token: aliceToken, json: { ...base, ...jiraFields } });
    expect(put.json).toMatchObject({ jira_synced: false, jira_worklog_id: null, jira_sync_error: null, last_synced_at: null });

    const seeded = em.addRecord(alice, { ...base, timein: '2026-10-03T08:00:00Z', timeout: '2026-10-03T09:00:00Z', ...jiraFields });
    const listed = (await list('?start_date=2026-10-03T00:00:00.000Z&end_date=2026-10-04T00:00:00.000Z')).json;
    expect(listed.find((r: any) => r.id === seeded.id)).toMatchObject({
      jira_synced: true,
      jira_worklog_id: '777',
      jira_sync_error: 'boom',
      last_synced_at: '2026-10-02T09:00:00Z',
    });
  });

  it('DELETE removes the record', async () => {
    const rec = em.addRecord(alice, { timein: '2026-09-01T08:00:00Z' });
    const res = await call(`/api/timerecords/${rec.id}`, { method: 'DELETE', token: aliceToken });
    expect([res.status, res.json]).toEqual([200, { msg: 'Record deleted successfully' }]);
    expect(em.records(alice).some((r) => r.id === rec.id)).toBe(false);
  });
});

describe('routing', () => {
  it('answers unknown URLs with Flask’s HTML 404 and wrong methods with 405', async () => {
    const res = await call('/api/nope');
    expect(res.status).toBe(404);
    expect(res.type).toBe('text/html; charset=utf-8');
    expect(res.text).toBe(
      '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
        '<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
    );
    expect((await call('/api/timerecords/', { token: aliceToken })).status).toBe(404);
    expect((await call('/api/timerecords/abc', { method: 'PUT', token: aliceToken })).status).toBe(404);
    const wrong = await call('/api/timerecords/1', { token: aliceToken });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('DELETE, OPTIONS, PUT');
  });
});
