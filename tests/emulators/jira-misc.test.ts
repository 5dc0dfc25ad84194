import { startJiraEmulator, type JiraEmulator } from '../../emulators/jira';
import { call, testSeed } from '../../emulators/jira/testkit';

let emu: JiraEmulator;

beforeAll(async () => {
  emu = await startJiraEmulator({ port: 0, seed: testSeed() });
});
afterAll(() => emu.close());

describe('myself', () => {
  it('returns the caller with time zone and locale', async () => {
    const r = await call(emu.url, 'alice', 'GET', '/rest/api/3/myself');
    expect(r.body).toMatchObject({
      accountId: 'alice',
      displayName: 'Alice',
      timeZone: 'America/Los_Angeles',
      locale: 'en_US',
      emailAddress: 'alice@example.com',
      active: true,
    });
    expect(r.body.self).toContain('accountId=alice');
    expect((await call(emu.url, 'carol', 'GET', '/rest/api/3/myself')).body.timeZone).toBe('Asia/Kolkata');
    expect((await call(emu.url, 'app', 'GET', '/rest/api/3/myself')).body).toMatchObject({ accountId: 'app', accountType: 'app' });
  });

  it('401 plain text without a known identity', async () => {
    const r = await call(emu.url, null, 'GET', '/rest/api/3/myself');
    expect(r.status).toBe(401);
    expect(r.text).toBe('Client must be authenticated to access this resource.');
    expect((await call(emu.url, 'nobody', 'GET', '/rest/api/3/myself')).status).toBe(401);
  });
});

describe('mypermissions', () => {
  const perms = async (as: string, q: string) => call(emu.url, as, 'GET', `/rest/api/3/mypermissions?${q}`);
  const have = async (as: string, q: string) => {
    const r = await perms(as, q);
    return Object.fromEntries(
      Object.entries(r.body.permissions as Record<string, { havePermission: boolean }>).map(([k, v]) => [k, v.havePermission]),
    );
  };

  it('answers per issue and per project', async () => {
    expect(await have('alice', 'permissions=WORK_ON_ISSUES,ADMINISTER_PROJECTS,EDIT_ALL_WORKLOGS&issueKey=PROJ-1')).toEqual({
      WORK_ON_ISSUES: true,
      ADMINISTER_PROJECTS: false,
      EDIT_ALL_WORKLOGS: false,
    });
    expect(await have('bob', 'permissions=WORK_ON_ISSUES,BROWSE_PROJECTS&projectKey=PROJ')).toEqual({ WORK_ON_ISSUES: false, BROWSE_PROJECTS: true });
    expect(await have('bob', 'permissions=WORK_ON_ISSUES&projectKey=OPEN')).toEqual({ WORK_ON_ISSUES: true });
    expect(await have('carol', 'permissions=ADMINISTER_PROJECTS&projectId=10100')).toEqual({ ADMINISTER_PROJECTS: true });
    const issueId = (await call(emu.url, 'carol', 'GET', '/rest/api/3/issue/PROJ-1?fields=summary')).body.id;
    expect(await have('carol', `permissions=DELETE_ALL_WORKLOGS&issueId=${issueId}`)).toEqual({ DELETE_ALL_WORKLOGS: true });
  });

  it('answers "any project" without a context, and ADMINISTER from siteAdmin', async () => {
    expect(await have('bob', 'permissions=WORK_ON_ISSUES')).toEqual({ WORK_ON_ISSUES: true }); // via OPEN
    expect(await have('dave', 'permissions=BROWSE_PROJECTS,ADMINISTER')).toEqual({ BROWSE_PROJECTS: true, ADMINISTER: false }); // OPEN is "*"
    expect(await have('admin', 'permissions=ADMINISTER')).toEqual({ ADMINISTER: true });
    const full = await perms('alice', 'permissions=WORK_ON_ISSUES&issueKey=PROJ-1');
    expect(full.body.permissions.WORK_ON_ISSUES).toMatchObject({
      id: '20',
      key: 'WORK_ON_ISSUES',
      name: 'Work On Issues',
      type: 'PROJECT',
      description: expect.any(String),
    });
  });

  it('400 without permissions or with unknown keys; 404 for hidden issues/projects', async () => {
    expect((await perms('alice', 'issueKey=PROJ-1')).status).toBe(400);
    expect((await perms('alice', 'permissions=FLY')).status).toBe(400);
    expect((await perms('alice', 'permissions=BROWSE_PROJECTS&issueKey=SEC-1')).status).toBe(404);
    expect((await perms('alice', 'permissions=BROWSE_PROJECTS&projectKey=SEC')).status).toBe(404);
  });
});

describe('configuration and project', () => {
  it('reports time tracking', async () => {
    const r = await call(emu.url, 'dave', 'GET', '/rest/api/3/configuration');
    expect(r.body).toMatchObject({
      timeTrackingEnabled: true,
      votingEnabled: true,
      watchingEnabled: true,
      unassignedIssuesAllowed: true,
      subTasksEnabled: true,
      issueLinkingEnabled: true,
      attachmentsEnabled: true,
    });
    expect(r.body.timeTrackingConfiguration).toEqual({ workingHoursPerDay: 8, workingDaysPerWeek: 5, timeFormat: 'pretty', defaultUnit: 'minute' });
    emu.setTimeTracking(false);
    expect((await call(emu.url, 'dave', 'GET', '/rest/api/3/configuration')).body.timeTrackingEnabled).toBe(false);
    emu.setTimeTracking(true);
  });

  it('GET project by key or id; 404 when not visible', async () => {
    expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/project/PROJ')).body).toMatchObject({ id: '10100', key: 'PROJ', name: 'Project' });
    expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/project/10100')).body.key).toBe('PROJ');
    expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/project/SEC')).status).toBe(404);
  });
});

describe('routing and HTTP rules', () => {
  it('unknown routes answer 404 JSON; wrong methods 405', async () => {
    const r = await call(emu.url, 'alice', 'GET', '/rest/api/3/nothing/here');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.body.errorMessages).toHaveLength(1);
    expect((await call(emu.url, 'alice', 'DELETE', '/rest/api/3/myself')).status).toBe(405);
  });

  it('URL-decodes route params', async () => {
    expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/%50ROJ-1?fields=summary')).body.key).toBe('PROJ-1');
  });

  it('POST/PUT need a JSON content type (415), Accept is optional', async () => {
    const r = await call(emu.url, 'alice', 'POST', '/rest/api/3/search/jql', undefined, { raw: '{"jql":"project = PROJ"}', contentType: null });
    expect(r.status).toBe(415);
    const charset = await call(emu.url, 'alice', 'POST', '/rest/api/3/search/jql', undefined, {
      raw: '{"jql":"project = PROJ"}',
      contentType: 'application/json; charset=utf-8',
    });
    expect(charset.status).toBe(200);
    const res = await fetch(`${emu.url}/rest/api/3/myself`, { headers: { Authorization: 'Bearer alice' } });
    expect(res.status).toBe(200);
  });
});

describe('counts and control surface', () => {
  it('counts requests by route template and account, and writes', async () => {
    emu.resetCounts();
    await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-1/worklog', { started: '2026-01-01T10:00:00.000+0000', timeSpentSeconds: 600 });
    await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/PROJ-1/worklog');
    await call(emu.url, 'bob', 'GET', '/rest/api/3/myself');
    await call(emu.url, 'bob', 'POST', '/rest/api/3/search/jql', { jql: 'project = PROJ' });
    const c = emu.counts();
    expect(c.total).toBe(4);
    expect(c.writes).toBe(1);
    expect(c.byRoute).toEqual({
      'POST /rest/api/3/issue/{issueIdOrKey}/worklog': 1,
      'GET /rest/api/3/issue/{issueIdOrKey}/worklog': 1,
      'GET /rest/api/3/myself': 1,
      'POST /rest/api/3/search/jql': 1,
    });
    expect(c.byAccount).toEqual({ alice: 2, bob: 2 });
    expect((await call(emu.url, null, 'GET', '/__emulator/counts')).body).toEqual(c);
    expect((await call(emu.url, null, 'POST', '/__emulator/counts/reset', {})).status).toBe(200);
    expect(emu.counts().total).toBe(0);
  });

  it('seeds and reads state over HTTP', async () => {
    const seed = { users: [{ accountId: 'zed', displayName: 'Zed', timeZone: 'Australia/Sydney', locale: 'en_AU' }] };
    expect((await call(emu.url, null, 'POST', '/__emulator/seed', seed)).status).toBe(200);
    expect((await call(emu.url, 'zed', 'GET', '/rest/api/3/myself')).body.timeZone).toBe('Australia/Sydney');
    const state = await call(emu.url, null, 'GET', '/__emulator/state');
    expect(state.body.users.map((u: { accountId: string }) => u.accountId)).toContain('zed');
    expect(state.body.issues.length).toBeGreaterThan(5);
    expect(Array.isArray(state.body.worklogs)).toBe(true);
    expect(state.body.projects.map((p: { key: string }) => p.key)).toEqual(['PROJ', 'SEC', 'OPEN']);
    expect(emu.counts().total).toBe(1); // control calls are not counted
  });

  it('sets faults and latency over HTTP', async () => {
    const r = await call(emu.url, null, 'POST', '/__emulator/faults', { spec: '503:1', latencyMs: 5, retryAfterSeconds: 0 });
    expect(r.body).toEqual({ spec: '503:1', latencyMs: 5, retryAfterSeconds: 0 });
    expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/myself')).status).toBe(503);
    expect((await call(emu.url, null, 'GET', '/__emulator/state')).status).toBe(200);
    await call(emu.url, null, 'POST', '/__emulator/faults', { spec: '', latencyMs: 0 });
    expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/myself')).status).toBe(200);
    expect((await call(emu.url, null, 'POST', '/__emulator/faults', { spec: 'teapot:0.5' })).status).toBe(400);
  });
});
