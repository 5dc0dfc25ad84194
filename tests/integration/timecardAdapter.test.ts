// createTimecardClient against the timecard emulator over HTTP.
import { startTimecardEmulator, type TimecardEmulator } from '../../emulators/timecard';
import { createTimecardClient, jwtSubject, TIMECARD_UNREACHABLE } from '../../src/adapters/timecard';
import { AppError } from '../../src/domain/errors';
import type { TimecardPort } from '../../src/services/ports';
import { caught } from '../support/caught';

let server: TimecardEmulator;
let client: TimecardPort;
let userId: number;
let urls: string[];

const trackingFetch: typeof fetch = async (input, init) => {
  urls.push(String(input));
  return fetch(input, init);
};

beforeEach(async () => {
  server = await startTimecardEmulator();
  userId = server.addUser('ada', 'secret-pw');
  urls = [];
  client = createTimecardClient(`${server.url}/`, { fetch: trackingFetch, timeoutMs: 500 });
});

afterEach(async () => {
  await server.close();
});

describe('auth', () => {
  test('login returns both tokens; userIdOf reads the sub claim', async () => {
    const tokens = await client.login('ada', 'secret-pw');
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.refreshToken).toBeTruthy();
    expect(client.userIdOf(tokens.accessToken)).toBe(String(userId));
    expect(client.baseUrl).toBe(server.url);
  });

  test('a wrong password → bad-credentials', async () => {
    expect((await caught(client.login('ada', 'nope'))).code).toBe('bad-credentials');
    expect((await caught(client.login('nobody', 'x'))).code).toBe('bad-credentials');
  });

  test('refresh gives a working access token; an expired or wrong refresh token → reconnect-timecard', async () => {
    const tokens = await client.login('ada', 'secret-pw');
    const access = await client.refresh(tokens.refreshToken);
    await expect(client.attributes(access)).resolves.toEqual([]);
    const wrongKind = await caught(client.refresh(tokens.accessToken));
    expect(wrongKind).toMatchObject({ code: 'reconnect-timecard', message: 'Your timecard session has ended; connect again.' });
    server.expireRefreshTokens();
    expect((await caught(client.refresh(tokens.refreshToken))).code).toBe('reconnect-timecard');
  });

  test('an expired access token → token-expired; a malformed or refresh token → reconnect-timecard', async () => {
    const tokens = await client.login('ada', 'secret-pw');
    expect((await caught(client.listRecords(tokens.refreshToken, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'))).code).toBe('reconnect-timecard');
    expect((await caught(client.attributes('not.a.jwt'))).code).toBe('reconnect-timecard');
    server.expireAccessTokens();
    expect((await caught(client.listRecords(tokens.accessToken, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'))).code).toBe('token-expired');
    expect((await caught(client.attributes(tokens.accessToken))).code).toBe('token-expired');
  });

  test('userIdOf without a readable payload throws', () => {
    expect(jwtSubject('a.b.c')).toBeNull();
    expect(() => client.userIdOf('garbage')).toThrow(AppError);
  });
});

describe('records', () => {
  test('sends the exact date format, returns records in the range, reports malformed ones', async () => {
    const { accessToken } = await client.login('ada', 'secret-pw');
    const dom = server.addAttribute(userId, { name: 'Acme', level_num: 1 });
    const inside = server.addRecord(userId, {
      timein: '2026-11-24T08:30:00Z',
      timeout: '2026-11-24T10:05:00Z',
      domain_id: dom,
      notes: 'PAY-12',
      jira_issue_key: 'PAY-12',
    });
    server.addRecord(userId, { timein: '2026-11-24T23:30:00Z', timeout: '2026-11-25T00:30:00Z' }); // after `to`
    server.addRecord(userId, { timein: '2026-11-23T23:00:00Z', timeout: null }); // before `from`
    const running = server.addRecord(userId, { timein: '2026-11-24T12:00:00Z', timeout: null });
    server.addRawRecord(userId, { id: 77, timein: 'yesterday', timeout: null }, { at: '2026-11-24T09:00:00Z' });
    server.addRawRecord(
      userId,
      { id: 78, domain_id: 1, category_id: 1, title_id: 1, timein: '2026-11-24T11:00:00Z', timeout: '2026-11-24T10:00:00Z' },
      { at: '2026-11-24T11:00:00Z' },
    );
    server.addRawRecord(userId, { timein: '2026-11-24T11:30:00Z' }, { at: '2026-11-24T11:30:00Z' });

    const { records, malformed } = await client.listRecords(accessToken, '2026-11-24T00:00:00.000Z', '2026-11-24T20:00:00-02:00');
    expect(urls.at(-1)).toBe(`${server.url}/api/timerecords?start_date=2026-11-24T00%3A00%3A00.000Z&end_date=2026-11-25T00%3A00%3A00.000Z`);
    // Record 78 ends before it starts: readable, so it is a record (docs/timecard-api.md: "treat as invalid";
    // the domain's checkRecord marks it failed with its reason), not a row that could not be read.
    expect(records.map((r) => r.id).sort()).toEqual([inside.id, running.id, 78].sort());
    expect(records.find((r) => r.id === inside.id)).toMatchObject({
      timein: '2026-11-24T08:30:00Z',
      timeout: '2026-11-24T10:05:00Z',
      domain_id: dom,
      notes: 'PAY-12',
      jira_issue_key: 'PAY-12',
    });
    expect(records.find((r) => r.id === running.id)!.timeout).toBeNull();
    expect(records.find((r) => r.id === 78)).toMatchObject({ timein: '2026-11-24T11:00:00Z', timeout: '2026-11-24T10:00:00Z' });
    expect(malformed).toEqual(
      expect.arrayContaining([
        {
          id: 77,
          reason: expect.stringContaining('timein'),
          problems: [{ field: 'timein', missing: false }],
          hints: { jiraIssueKey: null, notes: null, externalLink: null },
        },
        {
          id: null,
          reason: expect.stringContaining('id'),
          problems: [{ field: 'id', missing: true }],
          hints: { jiraIssueKey: null, notes: null, externalLink: null },
        },
      ]),
    );
    expect(malformed).toHaveLength(2);
  });

  test('an unreadable range is refused before calling the server', async () => {
    expect((await caught(client.listRecords('t', 'monday', '2026-11-24T00:00:00Z'))).code).toBe('invalid-payload');
    expect(urls).toEqual([]);
  });

  test('attributes are checked; bad rows are skipped', async () => {
    const { accessToken } = await client.login('ada', 'secret-pw');
    const d = server.addAttribute(userId, { name: 'Acme', level_num: 1 });
    server.addAttribute(userId, { name: 'Dev', level_num: 2, parent_id: d });
    expect(await client.attributes(accessToken)).toEqual([
      { id: d, name: 'Acme', parent_id: null, level_num: 1 },
      { id: expect.any(Number), name: 'Dev', parent_id: d, level_num: 2 },
    ]);
  });

  test('works with the default fetch (@forge/api fetch = the global fetch outside Forge)', async () => {
    const plain = createTimecardClient(server.url);
    const { accessToken } = await plain.login('ada', 'secret-pw');
    await expect(plain.listRecords(accessToken, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).resolves.toEqual({ records: [], malformed: [] });
  });
});

describe('unreachable', () => {
  const host = () => new URL(server.url).host;

  // People read the message, which names no host or port; the admin page's detail does (docs/security.md).
  test('connection refused → server-unreachable naming the host to admins only', async () => {
    server.setDown('refuse');
    const error = await caught(client.login('ada', 'secret-pw'));
    expect(error.code).toBe('server-unreachable');
    // A person reads what they can do; the host and the fix are for the admin page.
    expect(error.message).toBe(TIMECARD_UNREACHABLE);
    expect(error.details.adminDetail).toContain(host());
    expect(error.details.adminDetail).toContain('permissions.external.fetch.backend');
  });

  test('an HTML page instead of JSON → server-unreachable', async () => {
    server.setDown('html');
    const error = await caught(client.login('ada', 'secret-pw'));
    expect(error).toMatchObject({ code: 'server-unreachable', message: TIMECARD_UNREACHABLE });
    expect(error.details.adminDetail).toContain(host());
  });

  test('no answer within the timeout → server-unreachable', async () => {
    server.setDown('hang');
    const started = Date.now();
    const error = await caught(client.login('ada', 'secret-pw'));
    expect(error.details.adminDetail).toMatch(/did not answer within/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('5xx (JSON or an nginx page) → server-unreachable', async () => {
    const { accessToken } = await client.login('ada', 'secret-pw');
    server.failNext(1, { status: 500, body: { msg: 'boom' } });
    expect((await caught(client.attributes(accessToken))).code).toBe('server-unreachable');
    server.failNext(1, { status: 502, body: '<html><body>502 Bad Gateway</body></html>' });
    expect((await caught(client.attributes(accessToken))).details.adminDetail).toMatch(/HTTP 502/);
  });

  test('a 404 HTML page (wrong URL) → server-unreachable', async () => {
    const wrong = createTimecardClient(`${server.url}/not-the-api`, { fetch: trackingFetch });
    expect((await caught(wrong.login('ada', 'secret-pw'))).code).toBe('server-unreachable');
  });
});

describe('ping', () => {
  test('the 401 {msg} answer without a token counts as reachable, with latency', async () => {
    const health = await client.ping();
    expect(health).toMatchObject({ reachable: true, latencyMs: expect.any(Number) });
    expect(health.message).toContain(new URL(server.url).host);
  });

  test('an HTML page or a refused connection is unreachable, with a sentence', async () => {
    server.setDown('html');
    expect(await client.ping()).toMatchObject({ reachable: false, message: expect.stringMatching(/HTTP 502/) });
    server.setDown(false);
    const wrong = createTimecardClient(`${server.url}/elsewhere`);
    expect(await wrong.ping()).toMatchObject({ reachable: false, message: expect.stringContaining('not the timecard API') });
    server.setDown('refuse');
    expect(await client.ping()).toMatchObject({ reachable: false, latencyMs: null, message: expect.stringContaining('could not be reached') });
  });
});

describe('the whole-record write (readRecordAsSent, replaceRecord)', () => {
  test('reads one record as the server sends it, on its UTC day, and replaces it', async () => {
    const { accessToken } = await client.login('ada', 'secret-pw');
    const rec = server.addRecord(userId, {
      timein: '2026-11-20T23:59:59.500Z',
      timeout: '2026-11-21T00:30:00Z',
      notes: 'Late fix',
      jira_worklog_id: '9',
    });
    server.addRecord(userId, { timein: '2026-11-20T08:00:00Z', timeout: '2026-11-20T09:00:00Z' });
    urls = [];
    const sent = await client.readRecordAsSent(accessToken, rec.id, new Date('2026-11-20T23:59:59Z'));
    expect(sent).toEqual(rec);
    expect(urls).toEqual([`${server.url}/api/timerecords?start_date=2026-11-20T00%3A00%3A00.000Z&end_date=2026-11-21T00%3A00%3A00.000Z`]);
    expect(await client.readRecordAsSent(accessToken, 424242, new Date('2026-11-20T12:00:00Z'))).toBeNull();

    const { timein: _timein, ...rest } = rec;
    const answer = await client.replaceRecord(accessToken, rec.id, { ...rest, timeout: '2026-11-21T00:30:00.000Z', jira_issue_key: 'PAY-1' });
    expect(answer).toEqual({ ...rec, jira_issue_key: 'PAY-1' });
  });

  test('errors: a record that is gone, a body the server refuses, an expired token', async () => {
    const { accessToken } = await client.login('ada', 'secret-pw');
    const rec = server.addRecord(userId, { timein: '2026-11-20T08:00:00Z', timeout: '2026-11-20T09:00:00Z' });
    const body = { domain_id: rec.domain_id, category_id: rec.category_id, title_id: rec.title_id };
    expect(await caught(client.replaceRecord(accessToken, 424242, body))).toMatchObject({
      code: 'record-not-found',
      message: 'This record is no longer in your timecard.',
    });
    expect(await caught(client.replaceRecord(accessToken, rec.id, { ...body, timeout: '09:00' }))).toMatchObject({
      code: 'invalid-payload',
      details: { adminDetail: 'PUT answered 400: Invalid timeout format.' },
    });
    expect((await caught(client.replaceRecord(accessToken, rec.id, { timeout: '2026-11-20T09:00:00.000Z' }))).code).toBe('server-unreachable');
    expect(server.records(userId)[0]).toEqual(rec);
    server.expireAccessTokens();
    expect((await caught(client.replaceRecord(accessToken, rec.id, body))).code).toBe('token-expired');
    expect((await caught(client.readRecordAsSent(accessToken, rec.id, new Date('2026-11-20T08:00:00Z')))).code).toBe('token-expired');
  });
});
