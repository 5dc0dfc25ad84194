import { spawn } from 'node:child_process';
import path from 'node:path';
import { startTimecardEmulator, type TimecardEmulator } from '../../emulators/timecard';

let em: TimecardEmulator;
let token: string;
let userId: number;

const control = async (route: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
  const res = await fetch(`${em.url}/__emulator/${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
};

const records = (signal?: AbortSignal) =>
  fetch(`${em.url}/api/timerecords?start_date=2026-01-01T00:00:00.000Z`, {
    headers: { authorization: `Bearer ${token}` },
    signal,
  });

beforeAll(async () => {
  em = await startTimecardEmulator();
  userId = em.addUser('alice', 'a');
  token = em.tokensFor(userId).access_token;
});
afterEach(() => {
  em.setDown(false);
  em.setLatency(0);
});
afterAll(() => em.close());

describe('fault injection', () => {
  it('adds latency', async () => {
    em.setLatency(300);
    const t0 = Date.now();
    expect((await records()).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  });

  it("down 'html' answers a proxy's 502 HTML page while control routes keep working", async () => {
    em.setDown('html');
    const res = await records();
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('<center><h1>502 Bad Gateway</h1></center>');
    expect((await control('counts')).status).toBe(200);
  });

  it("down 'refuse' drops the connection", async () => {
    em.setDown('refuse');
    await expect(records()).rejects.toThrow();
    em.setDown(false);
    expect((await records()).status).toBe(200);
  });

  it("down 'hang' never answers", async () => {
    em.setDown('hang');
    await expect(records(AbortSignal.timeout(300))).rejects.toThrow();
  });

  it('failNext fails the next n matching requests only', async () => {
    em.failNext(2, { status: 500, pathIncludes: 'timerecords' });
    em.failNext(1, { status: 503, body: { msg: 'maintenance' }, pathIncludes: 'recordattributes' });
    const first = await records();
    expect(first.status).toBe(500);
    expect(await first.text()).toContain('<title>500 Internal Server Error</title>');
    const attrs = await fetch(`${em.url}/api/recordattributes`, { headers: { authorization: `Bearer ${token}` } });
    expect([attrs.status, await attrs.json()]).toEqual([503, { msg: 'maintenance' }]);
    expect((await records()).status).toBe(500);
    expect((await records()).status).toBe(200);
  });

  it('counts requests per route', async () => {
    em.resetCounts();
    await records();
    await records();
    await fetch(`${em.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await fetch(`${em.url}/api/timerecords/7`, { method: 'PUT', headers: { authorization: `Bearer ${token}` } });
    expect(em.counts()).toEqual({
      total: 4,
      byRoute: {
        'GET /api/timerecords': 2,
        'POST /api/login': 1,
        'PUT /api/timerecords/<int:record_id>': 1,
      },
    });
    em.resetCounts();
    expect(em.counts()).toEqual({ total: 0, byRoute: {} });
  });
});

describe('control routes', () => {
  it('seeds users, attributes and records over HTTP', async () => {
    const user = await control('users', { username: 'zoe', password: 'z' });
    expect(user.status).toBe(201);
    const attr = await control('attributes', { userId: user.json.id, name: 'Home', level_num: 1 });
    expect(attr.json.id).toEqual(expect.any(Number));
    const rec = await control('records', { userId: user.json.id, timein: '2026-11-02T10:00:00+01:00', timeout: null, notes: 'x' });
    expect(rec.json).toMatchObject({ timein: '2026-11-02T09:00:00Z', timeout: null, notes: 'x', domain_id: attr.json.id });
    const listed = await control(`records?userId=${user.json.id}`);
    expect(listed.json).toEqual([rec.json]);
    const login = await fetch(`${em.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zoe', password: 'z' }),
    });
    const zoe = ((await login.json()) as any).access_token;
    expect((await control('expire-access-tokens', {})).json).toEqual({ ok: true });
    const expired = await fetch(`${em.url}/api/recordattributes`, { headers: { authorization: `Bearer ${zoe}` } });
    expect([expired.status, await expired.json()]).toEqual([401, { msg: 'Token has expired' }]);
    expect((await control('down', { mode: 'html' })).status).toBe(200);
    expect((await records()).status).toBe(502);
    await control('down', { mode: false });
    expect((await control('counts')).json.byRoute['GET /api/recordattributes']).toBeGreaterThan(0);
    expect((await control('nope', {})).status).toBe(404);
  });
});

describe('CLI', () => {
  it('prints the URL it listens on', async () => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, '../../emulators/timecard/main.ts')], {
      env: { ...process.env, PORT: '0' },
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out.trim());
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(line).toMatch(/^Timecard emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
      const url = line.split(' ').pop();
      expect((await fetch(`${url}/api/nope`)).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
