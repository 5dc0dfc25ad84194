import { parseFaultSpec, startJiraEmulator, type JiraEmulator } from '../../emulators/jira';
import { call, testSeed } from '../../emulators/jira/testkit';

const wlBody = { started: '2026-01-01T10:00:00.000+0000', timeSpentSeconds: 600 };

async function outcome(url: string, path = '/rest/api/3/myself'): Promise<string> {
  try {
    const r = await call(url, 'alice', 'GET', path);
    return String(r.status);
  } catch {
    return 'drop';
  }
}

describe('random faults (seeded PRNG)', () => {
  it('roughly matches the configured rates, counts every request, and is reproducible', async () => {
    const spec = '429:0.2,503:0.05,500:0.02,drop:0.01';
    const run = async () => {
      const emu = await startJiraEmulator({ seed: testSeed(), faults: spec, randomSeed: 7 });
      const seq: string[] = [];
      for (let i = 0; i < 1000; i++) seq.push(await outcome(emu.url));
      const total = emu.counts().total;
      await emu.close();
      return { seq, total };
    };
    const a = await run();
    const tally = (k: string) => a.seq.filter((s) => s === k).length;
    expect(tally('429')).toBeGreaterThan(150);
    expect(tally('429')).toBeLessThan(250);
    expect(tally('503')).toBeGreaterThan(25);
    expect(tally('503')).toBeLessThan(80);
    expect(tally('500')).toBeGreaterThan(5);
    expect(tally('500')).toBeLessThan(40);
    expect(tally('drop')).toBeGreaterThan(0);
    expect(tally('drop')).toBeLessThan(30);
    expect(a.total).toBe(1000);
    const b = await run();
    expect(b.seq).toEqual(a.seq);
  });

  it('parses and validates fault specs', () => {
    expect(parseFaultSpec('429:0.2, drop:0.01')).toEqual([
      ['429', 0.2],
      ['drop', 0.01],
    ]);
    expect(parseFaultSpec({ 503: 0.5 })).toEqual([['503', 0.5]]);
    expect(() => parseFaultSpec('429:2')).toThrow();
    expect(() => parseFaultSpec('boom:0.1')).toThrow();
    expect(() => parseFaultSpec('429:0.6,503:0.6')).toThrow();
  });
});

describe('fault behaviour', () => {
  let emu: JiraEmulator;
  beforeAll(async () => {
    emu = await startJiraEmulator({ seed: testSeed() });
  });
  afterAll(() => emu.close());
  afterEach(() => {
    emu.setFaults('');
    emu.setLatency(0);
  });

  it('429 carries Retry-After and RateLimit-Reason, but one in four lacks Retry-After', async () => {
    emu.setFaults('429:1', 3);
    const headers = [];
    for (let i = 0; i < 8; i++) {
      const r = await call(emu.url, 'alice', 'GET', '/rest/api/3/myself');
      expect(r.status).toBe(429);
      headers.push([r.headers.get('retry-after'), r.headers.get('ratelimit-reason')]);
    }
    expect(headers.map((h) => h[0])).toEqual(['3', null, '3', '3', '3', null, '3', '3']);
    expect(headers.every((h) => h[1] === 'jira-burst-based')).toBe(true);
    emu.setFaults('429:1', 0);
    const zero = await call(emu.url, 'alice', 'GET', '/rest/api/3/myself');
    expect(zero.headers.get('retry-after')).toBe('0');
  });

  it('drop destroys the connection without an answer', async () => {
    emu.setFaults('drop:1');
    await expect(call(emu.url, 'alice', 'GET', '/rest/api/3/myself')).rejects.toThrow();
  });

  it('faults never touch the control surface', async () => {
    emu.setFaults('500:1');
    expect((await call(emu.url, null, 'GET', '/__emulator/counts')).status).toBe(200);
  });

  it('failNext fails the next n matching requests only', async () => {
    emu.failNext(2, { method: 'POST', pathIncludes: '/worklog', status: 500 });
    const before = emu.worklogs('OPEN-1').length;
    expect((await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/OPEN-1/worklog')).status).toBe(200);
    expect((await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/OPEN-1/worklog', wlBody)).status).toBe(500);
    expect((await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/OPEN-1/worklog', wlBody)).status).toBe(500);
    expect(emu.worklogs('OPEN-1')).toHaveLength(before);
    expect((await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/OPEN-1/worklog', wlBody)).status).toBe(201);
    expect(emu.worklogs('OPEN-1')).toHaveLength(before + 1);
  });

  it('failNext afterApplying commits the write, then drops or answers an error', async () => {
    const before = emu.worklogs('OPEN-1').length;
    emu.failNext(1, { method: 'POST', pathIncludes: '/worklog', dropConnection: true, afterApplying: true });
    await expect(call(emu.url, 'alice', 'POST', '/rest/api/3/issue/OPEN-1/worklog', wlBody)).rejects.toThrow();
    expect(emu.worklogs('OPEN-1')).toHaveLength(before + 1);
    emu.failNext(1, { method: 'POST', pathIncludes: '/worklog', status: 500, afterApplying: true });
    expect((await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/OPEN-1/worklog', wlBody)).status).toBe(500);
    expect(emu.worklogs('OPEN-1')).toHaveLength(before + 2);
  });

  it('failNext with a custom body and 429', async () => {
    emu.failNext(1, {
      pathIncludes: '/myself',
      status: 429,
      body: { errorMessages: ['slow down'], errors: {} },
      headers: { 'RateLimit-Reason': 'jira-per-issue-on-write' },
    });
    const r = await call(emu.url, 'alice', 'GET', '/rest/api/3/myself');
    expect(r.status).toBe(429);
    expect(r.body.errorMessages).toEqual(['slow down']);
    expect(r.headers.get('ratelimit-reason')).toBe('jira-per-issue-on-write');
  });

  it('latency delays /rest/ requests but not control calls; faulted calls are counted', async () => {
    emu.setLatency(150);
    let t = Date.now();
    await call(emu.url, 'alice', 'GET', '/rest/api/3/myself');
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    t = Date.now();
    await call(emu.url, null, 'GET', '/__emulator/counts');
    expect(Date.now() - t).toBeLessThan(100);
    emu.setLatency(0);
    emu.resetCounts();
    emu.setFaults('503:1');
    await call(emu.url, 'alice', 'GET', '/rest/api/3/myself');
    expect(emu.counts()).toMatchObject({ total: 1, byRoute: { 'GET /rest/api/3/myself': 1 } });
  });
});
