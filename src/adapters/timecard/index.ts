// TimecardPort over HTTP: the person's own timecard server (JWT auth, see docs/timecard-api.md).
import { fetch as forgeFetch } from '@forge/api';
import type { TimecardPort } from '../../services/ports';
import { AppError, localizedError } from '../../domain/errors';
import { inEnglish, type LocalizedText } from '../../domain/localizedText';
import { parseInstant, toTimecardDate } from '../../domain/time';
import { checkAttributes, checkRecords, LoginAnswerSchema, MsgSchema, RefreshAnswerSchema } from './schemas';

interface HttpResponse {
  status: number;
  text(): Promise<string>;
}

type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<HttpResponse>;

export interface TimecardClientOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

interface Answer {
  status: number;
  json: unknown;
}

const DAY_MS = 86_400_000;
const SESSION_ENDED = { key: 'errors.timecard.sessionEnded' };

/** `sub` of a JWT, unverified (the server verifies its own tokens). */
export function jwtSubject(token: string): string | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const sub = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown }).sub;
    return typeof sub === 'string' || typeof sub === 'number' ? String(sub) : null;
  } catch {
    return null;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a person reads when the timecard server cannot be used (the details are for the admin page). */
export const TIMECARD_UNREACHABLE = inEnglish({ key: 'errors.timecard.unreachable' });

const COULD_NOT_CHECK = { key: 'admin.health.couldNotCheck' };

/** What the admin page reads of a failed ping: its English and its key (said in the admin's language). */
function adminMessage(error: unknown): { message: string; messageText?: LocalizedText } {
  if (!(error instanceof AppError)) return { message: inEnglish(COULD_NOT_CHECK), messageText: COULD_NOT_CHECK };
  const { adminDetail, adminText } = error.details;
  return { message: adminDetail ?? error.message, ...(adminText ? { messageText: adminText } : {}) };
}

export function createTimecardClient(baseUrl: string, options: TimecardClientOptions = {}): TimecardPort {
  const base = baseUrl.replace(/\/+$/, '');
  // @forge/api's fetch is the runtime's global fetch, captured when @forge/api loads.
  const fetchImpl: FetchLike = (options.fetch as FetchLike | undefined) ?? ((url, init) => forgeFetch(url, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  let host: string;
  try {
    host = new URL(base).host;
  } catch {
    host = base;
  }

  // People read what they can do; the admin page (ping) reads what is wrong and where to fix it.
  const unreachable = (detail: LocalizedText) => {
    const adminText = { key: detail.key, params: { host, ...detail.params } };
    return new AppError('server-unreachable', TIMECARD_UNREACHABLE, {
      adminDetail: inEnglish(adminText),
      adminText,
      text: { key: 'errors.timecard.unreachable' },
    });
  };

  /** One HTTP exchange; anything that is not a JSON answer from a working server is `server-unreachable`. */
  async function send(method: string, path: string, init: { token?: string; body?: unknown } = {}): Promise<Answer> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(unreachable({ key: 'admin.health.timeout', params: { count: Math.round(timeoutMs / 1000) } }));
      }, timeoutMs);
    });
    let status: number;
    let text: string;
    try {
      const exchange = (async () => {
        const response = await fetchImpl(`${base}${path}`, {
          method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: controller.signal,
        });
        return { status: response.status, text: await response.text() };
      })();
      ({ status, text } = await Promise.race([exchange, timeout]));
    } catch (error) {
      if (error instanceof AppError) throw error;
      // The runtime's own words for the failure (DNS, refused, an egress rule) are quoted as they are.
      throw unreachable({ key: 'admin.health.notReached', params: { reason: (error as Error)?.message ?? 'network error' } });
    } finally {
      clearTimeout(timer);
    }
    if (status >= 500) throw unreachable({ key: 'admin.health.serverProblem', params: { status } });
    try {
      return { status, json: JSON.parse(text) };
    } catch {
      throw unreachable({ key: 'admin.health.notTheApi', params: { status } });
    }
  }

  const notTheApi = (status: number) => unreachable({ key: 'admin.health.notUnderstood', params: { status } });

  /** Errors of a route behind `@jwt_required()`. */
  function protectedError(answer: Answer): AppError {
    const msg = MsgSchema.safeParse(answer.json).data?.msg ?? '';
    if (answer.status === 401 && /token has expired/i.test(msg)) return localizedError('token-expired', { key: 'errors.timecard.tokenExpired' });
    if (answer.status === 401 || answer.status === 422) return localizedError('reconnect-timecard', SESSION_ENDED);
    return notTheApi(answer.status);
  }

  function toDate(iso: string, name: string): Date {
    const date = parseInstant(iso);
    if (!date) throw new AppError('invalid-payload', `The ${name} date "${iso}" is not a date-time with a time zone.`);
    return date;
  }

  return {
    baseUrl: base,

    async login(username, password) {
      const answer = await send('POST', '/api/login', { body: { username, password } });
      if (answer.status === 401) throw localizedError('bad-credentials', { key: 'errors.timecard.badCredentials' });
      const parsed = LoginAnswerSchema.safeParse(answer.json);
      if (answer.status !== 200 || !parsed.success) throw notTheApi(answer.status);
      return { accessToken: parsed.data.access_token, refreshToken: parsed.data.refresh_token };
    },

    async refresh(refreshToken) {
      const answer = await send('POST', '/api/refresh', { token: refreshToken, body: {} });
      if (answer.status === 401 || answer.status === 422) throw localizedError('reconnect-timecard', SESSION_ENDED);
      const parsed = RefreshAnswerSchema.safeParse(answer.json);
      if (answer.status !== 200 || !parsed.success) throw notTheApi(answer.status);
      return parsed.data.access_token;
    },

    async listRecords(accessToken, fromIso, toIso) {
      const from = toDate(fromIso, 'start');
      const to = toDate(toIso, 'end');
      // The real server compares only the UTC date part of start_date/end_date, so ask for whole
      // UTC days around the range and cut to the exact instants here.
      const start = new Date(Math.floor(from.getTime() / DAY_MS) * DAY_MS);
      const end = new Date(Math.ceil(to.getTime() / DAY_MS) * DAY_MS);
      const query = `start_date=${encodeURIComponent(toTimecardDate(start))}&end_date=${encodeURIComponent(toTimecardDate(end))}`;
      const answer = await send('GET', `/api/timerecords?${query}`, { token: accessToken });
      if (answer.status !== 200) throw protectedError(answer);
      if (!Array.isArray(answer.json)) throw notTheApi(answer.status);
      const inRange = (timein: unknown) => {
        const t = typeof timein === 'string' ? parseInstant(timein)?.getTime() : undefined;
        return t === undefined || (t >= from.getTime() && t < to.getTime());
      };
      const { records, malformed } = checkRecords(answer.json.filter((item) => inRange((item as { timein?: unknown } | null)?.timein)));
      return { records, malformed };
    },

    async listAllRecords(accessToken) {
      const answer = await send('GET', '/api/timerecords', { token: accessToken });
      if (answer.status !== 200) throw protectedError(answer);
      if (!Array.isArray(answer.json)) throw notTheApi(answer.status);
      return checkRecords(answer.json);
    },

    async readRecordAsSent(accessToken, recordId, timein) {
      const day = Math.floor(timein.getTime() / DAY_MS) * DAY_MS;
      const query = `start_date=${encodeURIComponent(toTimecardDate(new Date(day)))}&end_date=${encodeURIComponent(toTimecardDate(new Date(day + DAY_MS)))}`;
      const answer = await send('GET', `/api/timerecords?${query}`, { token: accessToken });
      if (answer.status !== 200) throw protectedError(answer);
      if (!Array.isArray(answer.json)) throw notTheApi(answer.status);
      const found: unknown = answer.json.find((item) => isObject(item) && item.id === recordId);
      return isObject(found) ? found : null;
    },

    async replaceRecord(accessToken, recordId, body) {
      const answer = await send('PUT', `/api/timerecords/${recordId}`, { token: accessToken, body });
      if (answer.status === 200 && isObject(answer.json)) return answer.json;
      if (answer.status === 404) throw localizedError('record-not-found', { key: 'errors.timecard.recordGone' });
      if (answer.status === 400) {
        const msg = MsgSchema.safeParse(answer.json).data?.msg ?? '';
        throw localizedError('invalid-payload', { key: 'errors.timecard.recordRefused' }, { adminDetail: `PUT answered 400: ${msg}` });
      }
      throw protectedError(answer);
    },

    async attributes(accessToken) {
      const answer = await send('GET', '/api/recordattributes', { token: accessToken });
      if (answer.status !== 200) throw protectedError(answer);
      if (!Array.isArray(answer.json)) throw notTheApi(answer.status);
      return checkAttributes(answer.json);
    },

    userIdOf(accessToken) {
      const sub = jwtSubject(accessToken);
      if (sub === null) throw new AppError('internal', 'The timecard server sent a sign-in token the app cannot read.');
      return sub;
    },

    async ping() {
      const started = Date.now();
      try {
        const answer = await send('GET', '/api/timerecords');
        const latencyMs = Date.now() - started;
        if (answer.status === 401 && MsgSchema.safeParse(answer.json).success) {
          const answers = { key: 'admin.health.answers', params: { host, ms: latencyMs } };
          return { reachable: true, latencyMs, message: inEnglish(answers), messageText: answers };
        }
        return { reachable: false, latencyMs, ...adminMessage(notTheApi(answer.status)) };
      } catch (error) {
        return { reachable: false, latencyMs: null, ...adminMessage(error) };
      }
    },
  };
}
