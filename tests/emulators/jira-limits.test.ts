import { DOCUMENTED_LIMITS, limitsFromEnv, startJiraEmulator, type JiraEmulator } from '../../emulators/jira';
import { call, setLimits, testSeed } from '../../emulators/jira/testkit';

const wl = { started: '2026-01-01T10:00:00.000+0000', timeSpentSeconds: 600 };
const WORKLOG = (key: string) => `/rest/api/3/issue/${key}/worklog`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Jira rate limits in the emulator', () => {
  let emu: JiraEmulator;
  beforeAll(async () => {
    emu = await startJiraEmulator({ seed: testSeed() });
  });
  afterAll(() => emu.close());
  afterEach(() => {
    emu.setLimits({});
    emu.resetCounts();
  });

  it('burst: a token bucket per endpoint and method answers 429 jira-burst-based with the documented headers, and changes nothing', async () => {
    emu.setLimits({ burst: { POST: 4 } });
    const before = emu.worklogs('PROJ-1').length;
    const answers = await Promise.all(Array.from({ length: 7 }, () => call(emu.url, 'alice', 'POST', WORKLOG('PROJ-1'), wl)));
    const ok = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 429);
    expect(ok).toHaveLength(4);
    expect(refused).toHaveLength(3);
    expect(emu.worklogs('PROJ-1').length).toBe(before + 4);
    const r = refused[0];
    expect(r.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(r.headers.get('x-ratelimit-limit')).toBe('4');
    expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Date.parse(r.headers.get('x-ratelimit-reset')!)).toBeGreaterThan(emu.now() - 1000);
    expect(ok[0].headers.get('x-ratelimit-limit')).toBe('4');
    // The same endpoint on another issue shares the bucket; another method or endpoint does not.
    expect((await call(emu.url, 'alice', 'POST', WORKLOG('PROJ-2'), wl)).status).toBe(429);
    expect((await call(emu.url, 'alice', 'GET', WORKLOG('PROJ-1'))).status).toBe(200);
    expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/myself')).status).toBe(200);
    expect(emu.counts().refused).toEqual({ 'jira-burst-based': 4 });
    // It refills at its rate: a quarter of a second later one more write goes through.
    await pause(300);
    expect((await call(emu.url, 'alice', 'POST', WORKLOG('PROJ-1'), wl)).status).toBe(201);
  });

  it('burst buffer: the bucket holds several seconds of its rate', async () => {
    emu.setLimits({ burst: { GET: 3 }, burstBufferSeconds: 2 });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await call(emu.url, 'alice', 'GET', '/rest/api/3/myself')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses[6]).toBe(429);
  });

  it('per issue: writes to one issue beyond a window answer 429 jira-per-issue-on-write; other issues and reads go on', async () => {
    emu.setLimits({ perIssueWrites: [{ writes: 3, seconds: 1 }] });
    for (let i = 0; i < 3; i++) expect((await call(emu.url, 'alice', 'POST', WORKLOG('PROJ-1'), wl)).status).toBe(201);
    const issueId = (await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/PROJ-1')).body.id;
    // The issue by its id is the same issue.
    const refused = await call(emu.url, 'alice', 'POST', WORKLOG(issueId), wl);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-reason')).toBe('jira-per-issue-on-write');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('x-ratelimit-limit')).toBe('3');
    expect(refused.body.errorMessages).toEqual(['Rate limit exceeded.']);
    expect((await call(emu.url, 'alice', 'GET', WORKLOG('PROJ-1'))).status).toBe(200);
    expect((await call(emu.url, 'alice', 'POST', WORKLOG('PROJ-2'), wl)).status).toBe(201);
    await pause(1050);
    expect((await call(emu.url, 'alice', 'POST', WORKLOG('PROJ-1'), wl)).status).toBe(201);
  });

  it('hourly points: reads cost 1 plus 1 an object (2 a user), writes 1; an empty budget answers 429 until the window resets', async () => {
    emu.setLimits({ quota: { points: 20, windowSeconds: 3600 } });
    // Top of an hour plus one minute, so the reset is 59 minutes away.
    emu.advanceClock(3_600_000 - (emu.now() % 3_600_000) + 60_000);
    await call(emu.url, 'alice', 'GET', '/rest/api/3/myself'); // 1 + 2
    await call(emu.url, 'alice', 'POST', WORKLOG('PROJ-1'), wl); // 1
    await call(emu.url, 'alice', 'POST', WORKLOG('PROJ-1'), wl); // 1
    const list = await call(emu.url, 'alice', 'GET', WORKLOG('PROJ-1'));
    expect(emu.limits().quotaSpent).toBe(3 + 1 + 1 + 1 + list.body.worklogs.length);
    expect(emu.counts().points).toBe(emu.limits().quotaSpent);
    expect(list.headers.get('ratelimit-policy')).toBe('"global-app-quota";q=20;w=3600');
    let last = list;
    while (last.status !== 429) last = await call(emu.url, 'alice', 'POST', WORKLOG('PROJ-2'), wl);
    expect(last.headers.get('ratelimit-reason')).toBe('jira-quota-global-based');
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(58 * 60);
    expect(Number(last.headers.get('retry-after'))).toBeLessThanOrEqual(59 * 60);
    expect(last.headers.get('x-ratelimit-reset')).toMatch(/T\d\d:00:00/);
    // Everything is refused, not just one endpoint; near the end the answers said so.
    expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/myself')).status).toBe(429);
    emu.advanceClock(59 * 60_000);
    const fresh = await call(emu.url, 'alice', 'GET', '/rest/api/3/myself');
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-ratelimit-nearlimit')).toBeNull();
  });

  it('hourly points: the answers say when less than 20 % is left, and a tenant pool names itself', async () => {
    emu.setLimits({ quota: { points: 10, windowSeconds: 3600, pool: 'tenant' } });
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push(await call(emu.url, 'alice', 'POST', WORKLOG('PROJ-3'), wl));
    expect(answers[0].headers.get('x-ratelimit-nearlimit')).toBeNull();
    expect(answers[8].headers.get('x-ratelimit-nearlimit')).toBe('true');
    expect(answers[8].headers.get('ratelimit')).toMatch(/^"tenant-app-quota";r=1;t=\d+$/);
    expect(answers[10].status).toBe(429);
    expect(answers[10].headers.get('ratelimit-reason')).toBe('jira-quota-tenant-based');
  });

  it('is set over the control surface as from the test kit', async () => {
    const answer = await setLimits(emu.url, { burst: { DELETE: 50 }, perIssueWrites: DOCUMENTED_LIMITS.perIssueWrites });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      burst: { DELETE: 50 },
      perIssueWrites: [
        { writes: 20, seconds: 2 },
        { writes: 100, seconds: 30 },
      ],
    });
    expect((await call(emu.url, null, 'GET', '/__emulator/limits')).body.burst).toEqual({ DELETE: 50 });
    expect((await setLimits(emu.url, { quota: { points: -1 } })).status).toBe(400);
  });
});

describe('limitsFromEnv', () => {
  it('reads the documented defaults and explicit values, and refuses nonsense with a clear message', () => {
    expect(limitsFromEnv({})).toEqual({});
    expect(limitsFromEnv({ JIRA_BURST: 'documented', JIRA_PER_ISSUE_WRITES: 'documented', JIRA_QUOTA: 'documented' })).toEqual({
      burst: { GET: 100, POST: 100, PUT: 50, DELETE: 50 },
      perIssueWrites: [
        { writes: 20, seconds: 2 },
        { writes: 100, seconds: 30 },
      ],
      quota: { points: 65_000, windowSeconds: 3600, pool: 'global' },
    });
    expect(
      limitsFromEnv({
        JIRA_BURST: 'post:40, GET:100',
        JIRA_BURST_BUFFER_SECONDS: '2',
        JIRA_PER_ISSUE_WRITES: '4/2',
        JIRA_QUOTA: '500/20',
        JIRA_QUOTA_POOL: 'tenant',
      }),
    ).toEqual({
      burst: { POST: 40, GET: 100 },
      burstBufferSeconds: 2,
      perIssueWrites: [{ writes: 4, seconds: 2 }],
      quota: { points: 500, windowSeconds: 20, pool: 'tenant' },
    });
    expect(() => limitsFromEnv({ JIRA_BURST: 'PATCH:5' })).toThrow('JIRA_BURST: unknown method "PATCH"');
    expect(() => limitsFromEnv({ JIRA_QUOTA: 'lots' })).toThrow('JIRA_QUOTA: "lots" is not a positive number');
  });
});
