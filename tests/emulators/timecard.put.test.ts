// PUT /api/timerecords/<id> as backend/routes/time_records.py update_time_record() behaves, over HTTP.
import { startTimecardEmulator, type TimecardEmulator } from '../../emulators/timecard';

let em: TimecardEmulator;
let alice: number;
let token: string;
let ids: { domain_id: number; category_id: number; title_id: number };

async function call(path: string, method = 'GET', json?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(em.url + path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, json: body, text };
}

const put = (id: number, json: unknown) => call(`/api/timerecords/${id}`, 'PUT', json);
const listed = async (id: number, start = '2026-10-01T00:00:00.000Z', end = '2026-10-02T00:00:00.000Z') =>
  (await call(`/api/timerecords?start_date=${start}&end_date=${end}`)).json.find((r: any) => r.id === id);

const full = { timein: '2026-10-01T08:00:00Z', timeout: '2026-10-01T09:30:00Z', notes: 'Fixed PAY-12', external_link: 'https://x.test/a' };
const jiraSync = { jira_synced: true, jira_worklog_id: '10042', jira_sync_error: 'Token revoked', last_synced_at: '2026-10-01T10:00:00Z' };

beforeAll(async () => {
  em = await startTimecardEmulator();
  alice = em.addUser('alice', 'a');
  const domain_id = em.addAttribute(alice, { name: 'Work', level_num: 1 });
  const category_id = em.addAttribute(alice, { name: 'Payments', level_num: 2, parent_id: domain_id });
  const title_id = em.addAttribute(alice, { name: 'Dev', level_num: 3, parent_id: category_id });
  ids = { domain_id, category_id, title_id };
  const login = await fetch(`${em.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'alice', password: 'a' }),
  });
  token = ((await login.json()) as { access_token: string }).access_token;
});
afterAll(() => em.close());

it('answers 200 with the whole record as stored; the Jira sync fields cannot be written and stay as they were', async () => {
  const rec = em.addRecord(alice, { ...ids, ...full, ...jiraSync, jira_issue_key: null });
  const res = await put(rec.id, { ...ids, timeout: '2026-10-01T09:30:00.000Z', jira_issue_key: 'PAY-12', jira_synced: false, jira_worklog_id: null });
  expect(res.status).toBe(200);
  expect(res.json).toEqual({ ...rec, jira_issue_key: 'PAY-12' });
  expect(await listed(rec.id)).toEqual(res.json);
});

it('an absent or empty timeout is cleared; an absent timein is kept to the microsecond', async () => {
  const rec = em.addRecord(alice, { ...ids, ...full, timein: '2026-10-01T08:00:00.500Z' });
  expect((await put(rec.id, { ...ids })).json.timeout).toBeNull();
  await put(rec.id, { ...ids, timeout: '2026-10-01T09:00:00.000Z' });
  expect((await put(rec.id, { ...ids, timeout: '' })).json.timeout).toBeNull();
  // The fraction the answer does not show still counts in the range filter.
  expect(await listed(rec.id, '2026-10-01T08:00:00.400Z')).toBeDefined();
  expect(await listed(rec.id, '2026-10-01T08:00:00.600Z')).toBeUndefined();
  await put(rec.id, { ...ids, timein: '2026-10-01T08:00:00.000Z' });
  expect(await listed(rec.id, '2026-10-01T08:00:00.400Z')).toBeUndefined();
});

it('notes and external_link cannot be cleared; jira_issue_key can (null or empty) and is kept when absent', async () => {
  const rec = em.addRecord(alice, { ...ids, ...full, jira_issue_key: 'PAY-1' });
  const cleared = await put(rec.id, { ...ids, notes: '', external_link: null, jira_issue_key: null });
  expect(cleared.json).toMatchObject({ notes: 'Fixed PAY-12', external_link: 'https://x.test/a', jira_issue_key: null });
  expect((await put(rec.id, { ...ids, jira_issue_key: '' })).json.jira_issue_key).toBe('');
  expect((await put(rec.id, { ...ids, jira_issue_key: 'PAY-2' })).json.jira_issue_key).toBe('PAY-2');
  expect((await put(rec.id, { ...ids, notes: 'New' })).json).toMatchObject({ notes: 'New', jira_issue_key: 'PAY-2' });
});

it('stores text columns as SQLite does: a number or a bool comes back as text', async () => {
  const rec = em.addRecord(alice, { ...ids, ...full });
  expect((await put(rec.id, { ...ids, notes: 42, jira_issue_key: true })).json).toMatchObject({ notes: '42', jira_issue_key: '1' });
});

it('names instead of ids find or create attributes under the record’s new parents', async () => {
  const rec = em.addRecord(alice, { ...ids, ...full });
  const res = await put(rec.id, { domain_id: 'Work', category_id: 'Support', title_id: ids.title_id });
  expect(res.json).toMatchObject({ domain_id: ids.domain_id, title_id: ids.title_id });
  const created = em.attributes(alice).find((a) => a.name === 'Support');
  expect(created).toMatchObject({ id: res.json.category_id, level_num: 2, parent_id: ids.domain_id });
});

it('errors: 404 for another person’s or no record, 400 for a bad time, 500 for a missing id or an unknown attribute id (nothing changed)', async () => {
  const rec = em.addRecord(alice, { ...ids, ...full });
  const before = await listed(rec.id);
  const bob = em.addUser('bob', 'b');
  const bobs = em.addRecord(bob, { timein: '2026-10-01T07:00:00Z' });
  expect(await put(bobs.id, { ...ids })).toMatchObject({ status: 404, json: { msg: 'Record not found or access denied' } });
  expect(await put(999_999, { ...ids })).toMatchObject({ status: 404 });
  expect(await put(rec.id, { ...ids, timein: '2026-10-01T08:00:00Z' })).toMatchObject({ status: 400, json: { msg: 'Invalid timein format.' } });
  expect(await put(rec.id, { ...ids, timeout: 5 })).toMatchObject({ status: 400, json: { msg: 'Invalid timeout format.' } });
  expect((await put(rec.id, { domain_id: ids.domain_id, category_id: ids.category_id })).status).toBe(500);
  expect((await put(rec.id, { ...ids, title_id: 987_654, jira_issue_key: 'X-1' })).status).toBe(500);
  expect((await put(rec.id, { ...ids, notes: ['a'] })).status).toBe(500);
  expect(await listed(rec.id)).toEqual(before);
});
