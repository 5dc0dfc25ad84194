// createForgeJira over the real @forge/api and the local Forge runtime, against the Jira emulator.
import { startJiraEmulator, type JiraEmulator } from '../../emulators/jira';
import { adf, testSeed } from '../../emulators/jira/testkit';
import { createForgeJira } from '../../src/adapters/jira';
import { backoffMs, retryAfterMs } from '../../src/adapters/jira/http';
import type { JiraPort, WorklogInput } from '../../src/services/ports';
import { installForgeRuntime, type JiraRequestInfo } from '../../runtime/forgeRuntime';
import { caught } from '../support/caught';

let jira: JiraEmulator;
let runtime: { uninstall(): void };
const seen: JiraRequestInfo[] = [];
let sleeps: number[] = [];
/** Lets a test reshape what goes to / comes from Jira (e.g. smaller pages). */
let rewriteUrl: (url: string) => string = (url) => url;
let rewriteResponse: (res: Response) => Response = (res) => res;

const factory = (maxRetryMs = 20_000) => createForgeJira({ sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, maxRetryMs });

// A fresh emulator per test: seeding is additive, so state would leak between tests.
beforeEach(async () => {
  jira = await startJiraEmulator({ seed: testSeed() });
  runtime = installForgeRuntime({
    jiraUrl: jira.url,
    onJiraRequest: (info) => seen.push(info),
    fetch: async (url, init) => rewriteResponse(await fetch(rewriteUrl(String(url)), init)),
  });
  seen.length = 0;
  sleeps = [];
  rewriteUrl = (url) => url;
  rewriteResponse = (res) => res;
});

afterEach(async () => {
  runtime.uninstall();
  await jira.close();
});

const input = (started: string, seconds = 3600, properties?: WorklogInput['properties']): WorklogInput => ({
  started,
  timeSpentSeconds: seconds,
  comment: adf('from timecard'),
  properties,
});
const quiet = { notifyUsers: false, adjustEstimate: 'leave' } as const;

describe('worklogs', () => {
  test('create sends the write options and expand=properties, and reads back a UTC instant and properties', async () => {
    const alice = factory().asUser('alice');
    const prop = { key: 'timecard-sync', value: { server: 'tc', user: '7', recordId: 42, hash: 'h1' } };
    const w = await alice.createWorklog('PROJ-2', input('2026-11-24T08:30:00.000+0000', 5700, [prop]), quiet);
    expect(w).toMatchObject({
      started: '2026-11-24T08:30:00.000Z', // Jira rendered it in alice's zone (-0800)
      timeSpentSeconds: 5700,
      properties: { 'timecard-sync': prop.value },
    });
    expect(seen[0].method).toBe('POST');
    expect(seen[0].path).toBe('/rest/api/3/issue/PROJ-2/worklog?notifyUsers=false&adjustEstimate=leave&expand=properties');
    expect(jira.worklogs('PROJ-2')).toHaveLength(1);
  });

  test('update changes the same worklog; delete removes it', async () => {
    const alice = factory().asUser('alice');
    const w = await alice.createWorklog('PROJ-2', input('2026-11-24T08:30:00.000+0000'), quiet);
    const updated = await alice.updateWorklog('PROJ-2', w.id, input('2026-11-24T09:00:00.000+0000', 1800), {
      notifyUsers: true,
      adjustEstimate: 'auto',
    });
    expect(updated).toMatchObject({ id: w.id, started: '2026-11-24T09:00:00.000Z', timeSpentSeconds: 1800 });
    expect(seen[1].path).toBe(`/rest/api/3/issue/PROJ-2/worklog/${w.id}?notifyUsers=true&adjustEstimate=auto&expand=properties`);
    await alice.deleteWorklog('PROJ-2', w.id, quiet);
    expect(seen[2]).toMatchObject({
      method: 'DELETE',
      path: `/rest/api/3/issue/PROJ-2/worklog/${w.id}?notifyUsers=false&adjustEstimate=leave`,
      status: 204,
    });
    expect(jira.worklogs('PROJ-2')).toHaveLength(0);
  });

  test('listWorklogs follows startAt paging and passes the started range in epoch ms', async () => {
    const alice = factory().asUser('alice');
    for (let day = 1; day <= 5; day++)
      await alice.createWorklog('PROJ-1', input(`2026-11-0${day}T10:00:00.000+0000`, 600, [{ key: 'k', value: day }]), quiet);
    rewriteUrl = (url) => url.replace('maxResults=5000', 'maxResults=2');
    seen.length = 0;
    const all = await alice.listWorklogs('PROJ-1');
    expect(all.map((w) => w.properties.k)).toEqual([1, 2, 3, 4, 5]);
    expect(seen.map((s) => new URL(`http://x${s.path}`).searchParams.get('startAt'))).toEqual(['0', '2', '4']);

    seen.length = 0;
    const after = Date.parse('2026-11-02T00:00:00Z');
    const before = Date.parse('2026-11-04T00:00:00Z');
    const some = await alice.listWorklogs('PROJ-1', { startedAfterMs: after, startedBeforeMs: before });
    expect(some.map((w) => w.started)).toEqual(['2026-11-02T10:00:00.000Z', '2026-11-03T10:00:00.000Z']);
    expect(seen[0].path).toContain(`startedAfter=${after}&startedBefore=${before}`);
    expect(seen[0].path).toContain('expand=properties');
  });

  test('getWorklogs reads by id in chunks of 1000 with properties; unknown ids are absent', async () => {
    const alice = factory().asUser('alice');
    const a = await alice.createWorklog('PROJ-1', input('2026-11-01T10:00:00.000+0000', 600, [{ key: 'k', value: 'a' }]), quiet);
    const b = await alice.createWorklog('PROJ-2', input('2026-11-02T10:00:00.000+0000', 600), quiet);
    seen.length = 0;
    const filler = Array.from({ length: 1000 }, (_, i) => String(900000 + i));
    const got = await alice.getWorklogs([a.id, ...filler, b.id, 'not-a-number', a.id]);
    expect(got.map((w) => w.id).sort()).toEqual([a.id, b.id].sort());
    expect(got.find((w) => w.id === a.id)!.properties).toEqual({ k: 'a' });
    expect(seen.map((s) => s.path)).toEqual(['/rest/api/3/worklog/list?expand=properties', '/rest/api/3/worklog/list?expand=properties']);
    expect(await alice.getWorklogs([])).toEqual([]);
  });
});

describe('issues and people', () => {
  test('getIssue reads summary and status; missing or invisible issues are null', async () => {
    const alice = factory().asUser('alice');
    expect(await alice.getIssue('PROJ-2')).toEqual({
      id: expect.any(String),
      key: 'PROJ-2',
      summary: 'Fix login timeout',
      status: 'In Progress',
      statusCategory: 'indeterminate',
    });
    expect(seen[0].path).toBe('/rest/api/3/issue/PROJ-2?fields=summary%2Cstatus');
    expect(await alice.getIssue('NOPE-1')).toBeNull();
    expect(await alice.getIssue('SEC-1')).toBeNull();
  });

  test('getIssues searches /search/jql by key, drops keys Jira says do not exist, and follows nextPageToken', async () => {
    const alice = factory().asUser('alice');
    const issues = await alice.getIssues(['PROJ-1', 'proj-3', 'NOPE-9', 'SEC-1', 'not a key', 'PROJ-1']);
    expect(issues.map((i) => i.key).sort()).toEqual(['PROJ-1', 'PROJ-3']);
    expect(seen.every((s) => s.path === '/rest/api/3/search/jql')).toBe(true);

    seen.length = 0;
    const many = await factory().asUser('carol').getIssues(['PROJ-1', 'PROJ-2', 'PROJ-3', 'PROJ-5', 'SEC-1']);
    expect(many).toHaveLength(5);
    expect(seen).toHaveLength(1);
    expect(await alice.getIssues([])).toEqual([]);
  });

  test('getIssues pages through nextPageToken', async () => {
    const pages: unknown[] = [];
    const smallPages = createForgeJira({
      sleep: async () => {},
      requester: (accountId) => async (path, init) => {
        const body = JSON.parse(String(init?.body));
        body.maxResults = 2;
        pages.push(body.nextPageToken ?? null);
        const { default: api } = await import('@forge/api');
        return api.asUser(accountId).requestJira(path, { ...init, body: JSON.stringify(body) });
      },
    });
    const issues = await smallPages.asUser('alice').getIssues(['PROJ-1', 'PROJ-2', 'PROJ-3', 'PROJ-5', 'OPEN-1']);
    expect(issues.map((i) => i.key).sort()).toEqual(['OPEN-1', 'PROJ-1', 'PROJ-2', 'PROJ-3', 'PROJ-5']);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toBeNull();
    expect(typeof pages[1]).toBe('string');
  });

  test('pickIssues puts recent issues first, de-duplicates, unescapes summaries and fills status', async () => {
    const alice = factory().asUser('alice');
    await alice.getIssue('PROJ-1'); // viewing an issue puts it in alice's history
    const picked = await alice.pickIssues('login');
    expect(picked).toEqual([
      { key: 'PROJ-1', summary: 'Login page redesign', status: 'To Do', statusCategory: 'new', recent: true },
      { key: 'PROJ-2', summary: 'Fix login timeout', status: 'In Progress', statusCategory: 'indeterminate', recent: false },
    ]);
    const draft = await alice.pickIssues('quarterly');
    expect(draft[0]).toMatchObject({ key: 'PROJ-3', summary: 'Quarterly report <draft> & notes', status: 'Done' });
    expect(await alice.pickIssues('zzzz-nothing')).toEqual([]);
  });

  test('myself and myPermissions (always scoped unless global)', async () => {
    const jiraFor = factory();
    expect(await jiraFor.asUser('bob').myself()).toEqual({ accountId: 'bob', displayName: 'Bob', timeZone: 'Europe/Berlin', locale: 'de_DE' });
    const perms = ['WORK_ON_ISSUES', 'ADMINISTER_PROJECTS'];
    expect(await jiraFor.asUser('alice').myPermissions(perms, { issueKey: 'PROJ-1' })).toEqual({ WORK_ON_ISSUES: true, ADMINISTER_PROJECTS: false });
    expect(await jiraFor.asUser('carol').myPermissions(perms, { projectKey: 'PROJ' })).toEqual({ WORK_ON_ISSUES: true, ADMINISTER_PROJECTS: true });
    expect(await jiraFor.asUser('admin').myPermissions(['ADMINISTER'], { global: true })).toEqual({ ADMINISTER: true });
    expect(seen.slice(1).map((s) => s.path)).toEqual([
      '/rest/api/3/mypermissions?permissions=WORK_ON_ISSUES%2CADMINISTER_PROJECTS&issueKey=PROJ-1',
      '/rest/api/3/mypermissions?permissions=WORK_ON_ISSUES%2CADMINISTER_PROJECTS&projectKey=PROJ',
      '/rest/api/3/mypermissions?permissions=ADMINISTER',
    ]);
  });
});

describe('errors', () => {
  let alice: JiraPort;
  beforeEach(() => {
    alice = factory().asUser('alice');
  });

  test('404 on a missing issue → issue-not-found with the status', async () => {
    const error = await caught(alice.createWorklog('NOPE-1', input('2026-11-24T08:30:00.000+0000'), quiet));
    expect(error.code).toBe('issue-not-found');
    expect(error.details.status).toBe(404);
    expect(error.message).toContain('NOPE-1');
  });

  test('time tracking off → time-tracking-disabled', async () => {
    jira.setTimeTracking(false);
    expect((await caught(alice.createWorklog('PROJ-1', input('2026-11-24T08:30:00.000+0000'), quiet))).code).toBe('time-tracking-disabled');
  });

  test('no permission to log work (400 from Jira) and 403 → no-permission', async () => {
    const bob = factory().asUser('bob');
    const error = await caught(bob.createWorklog('PROJ-1', input('2026-11-24T08:30:00.000+0000'), quiet));
    expect(error).toMatchObject({ code: 'no-permission', details: { status: 400 } });
    jira.failNext(1, { status: 403, method: 'POST', body: { errorMessages: ['Forbidden'], errors: {} } });
    expect((await caught(alice.createWorklog('PROJ-1', input('2026-11-24T08:30:00.000+0000'), quiet))).code).toBe('no-permission');
  });

  test('413 (5000 worklogs) → worklog-cap', async () => {
    jira.failNext(1, { status: 413, method: 'POST', pathIncludes: '/worklog', body: { errorMessages: ['Too many worklogs.'], errors: {} } });
    const error = await caught(alice.createWorklog('PROJ-1', input('2026-11-24T08:30:00.000+0000'), quiet));
    expect(error).toMatchObject({ code: 'worklog-cap', details: { status: 413 } });
  });

  test('asUser() with nobody to act for → forbidden (Forge NeedsAuthenticationError)', async () => {
    const error = await caught(factory().asUser().myself());
    expect(error).toMatchObject({ code: 'forbidden', details: { status: 401 } });
  });

  test('a Forge proxy error is a platform answer: jira-error, not retried', async () => {
    rewriteResponse = (res) => {
      const headers = new Headers(res.headers);
      headers.set('forge-proxy-error', 'PROXY_ERR');
      return new Response(res.body, { status: 502, headers });
    };
    expect((await caught(factory().asUser('alice').myself())).code).toBe('jira-error');
    expect(sleeps).toEqual([]);
  });

  test('a refused field → invalid-payload with the field errors', async () => {
    const error = await caught(alice.createWorklog('PROJ-1', input('2026-11-24T08:30:00Z'), quiet));
    expect(error.code).toBe('invalid-payload');
    expect(error.details.fields).toHaveProperty('started');
  });
});

describe('retries', () => {
  test('429 with Retry-After waits that long, then succeeds', async () => {
    jira.failNext(2, { status: 429, method: 'GET', headers: { 'Retry-After': '3' } });
    expect((await factory().asUser('alice').myself()).accountId).toBe('alice');
    expect(sleeps).toEqual([3000, 3000]);
  });

  test('429 without Retry-After backs off exponentially with full jitter', async () => {
    rewriteResponse = (res) => {
      const headers = new Headers(res.headers);
      headers.delete('Retry-After');
      return new Response(res.body, { status: res.status, headers });
    };
    jira.failNext(3, { status: 429, method: 'GET' });
    expect((await factory().asUser('alice').myself()).accountId).toBe('alice');
    expect(sleeps).toEqual([250, 500, 1000]); // random() = 0.5 of 500, 1000, 2000 ms
  });

  test('backoff is capped at 8 s; Retry-After also reads HTTP dates', () => {
    expect(backoffMs(10, () => 1)).toBe(8000);
    expect(backoffMs(0, () => 0)).toBe(0);
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(Date.parse('2026-01-01T00:00:10Z')).toUTCString(), Date.parse('2026-01-01T00:00:00Z'))).toBe(10_000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });

  test('once the retry budget is spent → rate-limited with retryAfterMs', async () => {
    jira.failNext(3, { status: 429, method: 'POST', headers: { 'Retry-After': '2' } });
    const error = await caught(factory(5000).asUser('alice').createWorklog('PROJ-1', input('2026-11-24T08:30:00.000+0000'), quiet));
    expect(error).toMatchObject({ code: 'rate-limited', details: { status: 429, retryAfterMs: 2000 } });
    expect(error.message).toMatch(/Try again in about 2 seconds/);
    expect(sleeps).toEqual([2000, 2000]);
    expect(jira.worklogs('PROJ-1')).toHaveLength(0);
  });

  test('503 is retried on reads and updates (sending them twice does no harm)', async () => {
    const alice = factory().asUser('alice');
    const w = await alice.createWorklog('PROJ-1', input('2026-11-24T08:30:00.000+0000'), quiet);
    jira.failNext(1, { status: 503, method: 'GET' });
    expect((await alice.listWorklogs('PROJ-1')).map((x) => x.id)).toEqual([w.id]);
    jira.failNext(1, { status: 503, method: 'PUT', afterApplying: true });
    expect((await alice.updateWorklog('PROJ-1', w.id, input('2026-11-24T08:30:00.000+0000', 120), quiet)).timeSpentSeconds).toBe(120);
    expect(sleeps).toHaveLength(2);
    expect(jira.worklogs('PROJ-1')).toHaveLength(1);
  });

  test('other statuses (500) are not retried', async () => {
    jira.failNext(1, { status: 500, method: 'GET' });
    expect((await caught(factory().asUser('alice').myself())).code).toBe('jira-error');
    expect(sleeps).toEqual([]);
  });

  test('a dropped connection on GET is retried', async () => {
    const w = await factory().asUser('alice').createWorklog('PROJ-1', input('2026-11-24T08:30:00.000+0000'), quiet);
    jira.failNext(2, { status: 500, method: 'GET', dropConnection: true });
    const list = await factory().asUser('alice').listWorklogs('PROJ-1');
    expect(list.map((x) => x.id)).toEqual([w.id]);
    expect(sleeps).toHaveLength(2);
  });

  test('a dropped connection on PUT is retried too', async () => {
    const alice = factory().asUser('alice');
    const w = await alice.createWorklog('PROJ-1', input('2026-11-24T08:30:00.000+0000'), quiet);
    jira.failNext(1, { status: 500, method: 'PUT', dropConnection: true, afterApplying: true });
    const updated = await alice.updateWorklog('PROJ-1', w.id, input('2026-11-24T08:30:00.000+0000', 120), quiet);
    expect(updated.timeSpentSeconds).toBe(120);
  });

  // A gateway may answer 503 after Jira wrote the worklog, just as a connection may drop after it.
  test.each([
    ['a dropped connection', { status: 500, dropConnection: true }],
    ['a 503', { status: 503 }],
  ])('%s on create is not re-sent: retryable, and the worklog may exist', async (_what, fault) => {
    jira.failNext(1, { ...fault, method: 'POST', pathIncludes: '/worklog', afterApplying: true });
    const error = await caught(factory().asUser('alice').createWorklog('PROJ-1', input('2026-11-24T08:30:00.000+0000'), quiet));
    expect(error.code).toBe('retryable');
    expect(sleeps).toEqual([]);
    expect(jira.worklogs('PROJ-1')).toHaveLength(1);
    expect(seen.filter((s) => s.method === 'POST')).toHaveLength(1);
  });

  test('a 429 on create is re-sent: Jira refuses it before writing anything', async () => {
    jira.failNext(1, { status: 429, method: 'POST', pathIncludes: '/worklog' });
    const created = await factory().asUser('alice').createWorklog('PROJ-1', input('2026-11-24T08:30:00.000+0000'), quiet);
    expect(jira.worklogs('PROJ-1').map((w) => w.id)).toEqual([created.id]);
    expect(seen.filter((s) => s.method === 'POST')).toHaveLength(2);
  });

  test('network errors on reads give up after the budget with retryable', async () => {
    jira.failNext(50, { status: 500, method: 'GET', dropConnection: true });
    const error = await caught(factory(3000).asUser('alice').myself());
    expect(error.code).toBe('retryable');
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3000);
  });
});
