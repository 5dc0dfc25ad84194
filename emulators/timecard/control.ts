/**
 * /__emulator/ control routes (JSON in, JSON out) for scripts and browser tests that
 * cannot call the emulator's methods directly. Errors: 400/404 {"error": "..."}.
 */
import type { ApiResponse } from './routes';
import type { DownMode, TimecardEmulator } from './server';

const ok = (value: unknown, status = 200): ApiResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

const bad = (message: string, status = 400): ApiResponse => ok({ error: message }, status);

type Json = Record<string, unknown>;

function num(v: unknown, name: string): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`${name} must be an integer`);
  return n;
}

export function handleControl(em: TimecardEmulator, method: string, path: string, query: URLSearchParams, body: Buffer): ApiResponse {
  try {
    let data: Json = {};
    if (body.length > 0) {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('Body must be an object');
      data = parsed as Json;
    }
    const route = `${method} ${path.replace(/\/+$/, '')}`;
    const recordId = /^\/__emulator\/records\/(\d+)$/.exec(path)?.[1];

    switch (route) {
      case 'POST /__emulator/users': {
        if (typeof data.username !== 'string' || typeof data.password !== 'string') {
          return bad('username and password (strings) are required');
        }
        return ok({ id: em.addUser(data.username, data.password) }, 201);
      }
      case 'POST /__emulator/attributes': {
        const { userId, ...attr } = data;
        return ok({ id: em.addAttribute(num(userId, 'userId'), attr as never) }, 201);
      }
      case 'GET /__emulator/attributes':
        return ok(em.attributes(num(query.get('userId'), 'userId')));
      case 'POST /__emulator/records': {
        const { userId, ...record } = data;
        if (typeof record.timein !== 'string') return bad('timein (string) is required');
        return ok(em.addRecord(num(userId, 'userId'), record as never), 201);
      }
      case 'POST /__emulator/raw-records': {
        const at = typeof data.at === 'string' ? data.at : undefined;
        return ok({ id: em.addRawRecord(num(data.userId, 'userId'), data.record, { at }) }, 201);
      }
      case 'GET /__emulator/records':
        return ok(em.records(num(query.get('userId'), 'userId')));
      case 'POST /__emulator/tokens':
        return ok(em.tokensFor(num(data.userId, 'userId')));
      case 'POST /__emulator/expire-access-tokens':
        em.expireAccessTokens();
        return ok({ ok: true });
      case 'POST /__emulator/expire-refresh-tokens':
        em.expireRefreshTokens();
        return ok({ ok: true });
      case 'POST /__emulator/down': {
        const mode = data.mode ?? false;
        if (![false, 'refuse', 'html', 'hang'].includes(mode as never)) {
          return bad('mode must be false, "refuse", "html" or "hang"');
        }
        em.setDown(mode as DownMode);
        return ok({ ok: true, mode });
      }
      case 'POST /__emulator/latency':
        em.setLatency(num(data.ms, 'ms'));
        return ok({ ok: true });
      case 'POST /__emulator/fail-next': {
        const { n, ...spec } = data;
        em.failNext(num(n ?? 1, 'n'), { ...spec, status: num(spec.status, 'status') } as never);
        return ok({ ok: true });
      }
      case 'GET /__emulator/counts':
        return ok(em.counts());
      case 'POST /__emulator/reset-counts':
        em.resetCounts();
        return ok({ ok: true });
    }
    if (recordId && method === 'PUT') {
      em.updateRecord(Number(recordId), data as never);
      return ok({ ok: true });
    }
    if (recordId && method === 'DELETE') {
      em.deleteRecord(Number(recordId));
      return ok({ ok: true });
    }
    return bad(`Unknown control route: ${method} ${path}`, 404);
  } catch (e) {
    return bad(e instanceof Error ? e.message : String(e));
  }
}
