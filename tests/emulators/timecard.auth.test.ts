import { createHmac } from 'node:crypto';
import { startTimecardEmulator, type TimecardEmulator } from '../../emulators/timecard';

const SECRET = 'test-secret';
let clock = Date.UTC(2026, 10, 24, 12, 0, 0);
let em: TimecardEmulator;
let userId: number;

beforeAll(async () => {
  em = await startTimecardEmulator({ secret: SECRET, now: () => clock });
  userId = em.addUser('alice', 'pw-alice');
});
afterAll(() => em.close());

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
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, text, json: parsed as any, type: res.headers.get('content-type') };
}

const login = (username = 'alice', password = 'pw-alice') => call('/api/login', { method: 'POST', json: { username, password } });

const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

function sign(payload: object, secret = SECRET, header: object = { alg: 'HS256', typ: 'JWT' }) {
  const h = Buffer.from(JSON.stringify(header)).toString('base64url');
  const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const s = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
  return `${h}.${p}.${s}`;
}

describe('POST /api/login', () => {
  it('issues HS256 access and refresh tokens with flask-jwt-extended claims', async () => {
    const res = await login();
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['access_token', 'refresh_token']);
    const { access_token, refresh_token } = res.json;
    const [h, p, s] = access_token.split('.');
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(createHmac('sha256', SECRET).update(`${h}.${p}`).digest('base64url')).toBe(s);
    const now = Math.floor(clock / 1000);
    const access = claims(access_token);
    expect(Object.keys(access)).toEqual(['fresh', 'iat', 'jti', 'type', 'sub', 'nbf', 'exp']);
    expect(access).toMatchObject({ fresh: false, iat: now, type: 'access', sub: String(userId), nbf: now, exp: now + 900 });
    expect(claims(refresh_token)).toMatchObject({ type: 'refresh', sub: String(userId), exp: now + 30 * 86400 });
  });

  it('answers 401 Bad username or password', async () => {
    for (const res of [await login('alice', 'nope'), await login('bob', 'pw-alice')]) {
      expect(res.status).toBe(401);
      expect(res.text).toBe('{"message":"Bad username or password"}\n');
    }
  });

  it('answers 401 Invalid request for an empty JSON body ({} or null)', async () => {
    for (const json of [{}, null]) {
      const res = await call('/api/login', { method: 'POST', json });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ message: 'Invalid request' });
    }
  });

  it('answers like Flask 3 when there is no JSON at all', async () => {
    const noType = await call('/api/login', { method: 'POST' });
    expect(noType.status).toBe(415);
    expect(noType.type).toBe('text/html; charset=utf-8');
    expect(noType.text).toContain('<title>415 Unsupported Media Type</title>');
    const empty = await call('/api/login', { method: 'POST', body: '', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('<h1>Bad Request</h1>');
    const missingPassword = await call('/api/login', { method: 'POST', json: { username: 'alice' } });
    expect(missingPassword.status).toBe(500);
  });
});

describe('POST /api/refresh', () => {
  it('trades a refresh token for a working access token', async () => {
    const { refresh_token } = (await login()).json;
    const res = await call('/api/refresh', { method: 'POST', token: refresh_token, json: {} });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['access_token']);
    expect(claims(res.json.access_token)).toMatchObject({ type: 'access', sub: String(userId), fresh: false });
    expect((await call('/api/timerecords', { token: res.json.access_token })).status).toBe(200);
  });

  it('refuses an access token with 422', async () => {
    const { access_token } = (await login()).json;
    const res = await call('/api/refresh', { method: 'POST', token: access_token });
    expect(res.status).toBe(422);
    expect(res.json).toEqual({ msg: 'Only refresh tokens are allowed' });
  });
});

describe('protected routes', () => {
  it('answers the flask-jwt-extended errors', async () => {
    const { access_token, refresh_token } = (await login()).json;
    const cases: Array<[Record<string, string>, number, string]> = [
      [{}, 401, 'Missing Authorization Header'],
      [{ authorization: `Token ${access_token}` }, 401, "Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>'"],
      [{ authorization: 'Bearer' }, 422, "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'"],
      [{ authorization: 'Bearer abc' }, 422, 'Not enough segments'],
      [{ authorization: 'Bearer a.b.c' }, 422, 'Invalid header padding'],
      [{ authorization: `Bearer ${access_token}x` }, 422, 'Signature verification failed'],
      [{ authorization: `Bearer ${sign(claims(access_token), 'other-secret')}` }, 422, 'Signature verification failed'],
      [{ authorization: `Bearer ${sign(claims(access_token), SECRET, { alg: 'none' })}` }, 422, 'The specified alg value is not allowed'],
      [{ authorization: `Bearer ${refresh_token}` }, 422, 'Only non-refresh tokens are allowed'],
    ];
    for (const [headers, status, msg] of cases) {
      const res = await call('/api/timerecords', { headers });
      expect({ status: res.status, body: res.json }).toEqual({ status, body: { msg } });
    }
  });

  it('expires access tokens after 15 minutes and refresh tokens after 30 days', async () => {
    const start = clock;
    const { access_token, refresh_token } = (await login()).json;
    clock = start + 899_000;
    expect((await call('/api/recordattributes', { token: access_token })).status).toBe(200);
    clock = start + 900_000;
    const expired = await call('/api/recordattributes', { token: access_token });
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual({ msg: 'Token has expired' });
    expect((await call('/api/refresh', { method: 'POST', token: refresh_token })).status).toBe(200);
    clock = start + 30 * 86_400_000;
    const refresh = await call('/api/refresh', { method: 'POST', token: refresh_token });
    expect(refresh.status).toBe(401);
    expect(refresh.json).toEqual({ msg: 'Token has expired' });
    // Expiry is checked before the token type.
    expect((await call('/api/timerecords', { token: refresh_token })).json).toEqual({ msg: 'Token has expired' });
    clock = start;
  });

  it('expireAccessTokens / expireRefreshTokens expire every token issued so far', async () => {
    const old = (await login()).json;
    em.expireAccessTokens();
    expect((await call('/api/timerecords', { token: old.access_token })).json).toEqual({ msg: 'Token has expired' });
    const fresh = await call('/api/refresh', { method: 'POST', token: old.refresh_token });
    expect((await call('/api/timerecords', { token: fresh.json.access_token })).status).toBe(200);
    em.expireRefreshTokens();
    const res = await call('/api/refresh', { method: 'POST', token: old.refresh_token });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ msg: 'Token has expired' });
    expect((await login()).status).toBe(200);
  });
});

describe('POST /api/register', () => {
  it('creates users, with 400 / 409 and a 200 for an empty body', async () => {
    const ok = await call('/api/register', { method: 'POST', json: { username: 'carol', password: 'x' } });
    expect([ok.status, ok.json]).toEqual([201, { message: 'User created successfully' }]);
    expect((await login('carol', 'x')).status).toBe(200);
    const dup = await call('/api/register', { method: 'POST', json: { username: 'carol', password: 'y' } });
    expect([dup.status, dup.json]).toEqual([409, { message: 'User already exists' }]);
    const missing = await call('/api/register', { method: 'POST', json: { username: 'dave' } });
    expect([missing.status, missing.json]).toEqual([400, { message: 'Username and password are required' }]);
    const empty = await call('/api/register', { method: 'POST', json: {} });
    expect([empty.status, empty.json]).toEqual([200, { message: 'Invalid request' }]);
  });
});
