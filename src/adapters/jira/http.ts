// One Jira REST call with the app's retry policy and error mapping.
import { HttpError, NeedsAuthenticationError, type APIResponse, type RequestInit } from '@forge/api';
import { AppError, localizedError } from '../../domain/errors';
import { describeJiraError, isRetriedStatus, type JiraErrorContext } from '../../domain/jiraErrors';
import { quotaOut, type JiraPacer, type PacedCall } from './pacer';

export interface RetryOptions {
  sleep: (ms: number) => Promise<void>;
  /** Total time the caller may spend waiting between attempts. */
  maxRetryMs: number;
  random: () => number;
}

export interface CallContext extends JiraErrorContext {
  /**
   * false for a create: a lost answer, or a 503 (a gateway may answer it after Jira wrote the
   * worklog), may mean the worklog exists, so it is not re-sent. A 429 is refused before any write.
   */
  idempotent: boolean;
  /** Statuses that are an answer, not an error (e.g. 404 for "no such issue"). */
  acceptStatuses?: number[];
}

const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8000;
// Guards against a server that keeps answering `Retry-After: 0`.
const MAX_ATTEMPTS = 20;

/** Retry-After in ms (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Full jitter: uniformly random in [0, min(cap, base * 2^attempt)]. */
export function backoffMs(attempt: number, random: () => number): number {
  return Math.round(random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt));
}

function platformError(error: unknown): AppError | null {
  if (error instanceof NeedsAuthenticationError) {
    return localizedError('forbidden', { key: 'errors.jira.needsConsent' }, { status: 401 });
  }
  // Egress/allow-list refusals and other Forge proxy errors: a platform answer, not a lost connection.
  if (error instanceof HttpError) {
    const status = error.status;
    const code = status === 401 || status === 403 ? 'forbidden' : 'jira-error';
    // The platform's own words name what it refused (an egress rule, a scope): quoted as they are.
    return localizedError(code, { key: 'errors.jira.platformRefused', params: { reason: error.message } }, { status });
  }
  return null;
}

// One whole sentence per way of giving up, each with its plural forms (`count` seconds).
const GAVE_UP = {
  429: { key: 'errors.jira.gaveUp.rateLimited' },
  503: { key: 'errors.jira.gaveUp.unavailable' },
  none: { key: 'errors.jira.gaveUp.noAnswer' },
};

function gaveUp(status: number | null, waitMs: number): AppError {
  const params = { count: Math.max(1, Math.ceil(waitMs / 1000)) };
  const text = { ...(status === 429 || status === 503 ? GAVE_UP[status] : GAVE_UP.none), params };
  return status === null
    ? localizedError('retryable', text, { retryAfterMs: waitMs })
    : localizedError('rate-limited', text, { status, retryAfterMs: waitMs });
}

function fieldErrors(body: unknown): { fields?: Record<string, string> } {
  const errors = typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : undefined;
  if (typeof errors !== 'object' || errors === null) return {};
  const fields = Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return Object.keys(fields).length ? { fields } : {};
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface Exchange {
  status: number;
  ok: boolean;
  retryAfter: string | null;
  reason: string | null;
  limit: string | null;
  text: string;
}

/** The request and its whole body: a connection lost while reading counts as no answer. */
async function exchange(send: () => Promise<APIResponse>): Promise<Exchange> {
  const response = await send();
  const text = await response.text();
  const header = (name: string) => response.headers.get(name);
  return {
    status: response.status,
    ok: response.ok,
    retryAfter: header('Retry-After'),
    reason: header('RateLimit-Reason'),
    limit: header('X-RateLimit-Limit'),
    text,
  };
}

/** The pacer and what it needs to know of this call. */
export interface Pacing {
  pacer: JiraPacer;
  call: PacedCall;
}

const ambiguous = () => localizedError('retryable', { key: 'errors.jira.ambiguous' });

/**
 * Sends `send()` until Jira gives a final answer. 429 and 503 are retried, honouring
 * Retry-After, else with exponential backoff and full jitter, while the waiting fits in
 * maxRetryMs; a call that is not idempotent gets no second try after a 503 or a lost answer.
 * With `pacing`, every attempt waits for its turn and tells the pacer what Jira answered; a 429
 * for the hourly points budget is not retried (it lasts until the top of the hour). Returns the
 * parsed JSON body (null for an empty one) and the status.
 */
export async function callJira(
  send: () => Promise<APIResponse>,
  context: CallContext,
  retry: RetryOptions,
  pacing?: Pacing,
): Promise<{ status: number; body: unknown }> {
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    let answer: Exchange;
    let wait: number;
    const turn = pacing ? await pacing.pacer.before(pacing.call) : { waitedMs: 0, paced: false, issuePaced: false };
    // Waiting for a turn after the first attempt is waiting between attempts too.
    if (attempt > 0) waited += turn.waitedMs;
    try {
      answer = await exchange(send);
    } catch (error) {
      const platform = platformError(error);
      if (platform) throw platform;
      if (error instanceof AppError) throw error;
      if (!context.idempotent) throw ambiguous();
      wait = backoffMs(attempt, retry.random);
      if (waited + wait > retry.maxRetryMs || attempt + 1 >= MAX_ATTEMPTS) throw gaveUp(null, wait);
      waited += wait;
      await retry.sleep(wait);
      continue;
    }

    const retryAfter = retryAfterMs(answer.retryAfter);
    const limit = pacing?.pacer.after(
      pacing.call,
      { status: answer.status, reason: answer.reason, retryAfterMs: retryAfter, limit: Number(answer.limit) || null },
      turn,
    );
    if (limit === 'quota') throw quotaOut(retryAfter ?? 60_000);
    if (answer.ok || context.acceptStatuses?.includes(answer.status)) {
      return { status: answer.status, body: parseBody(answer.text) };
    }
    if (!isRetriedStatus(answer.status)) {
      const body = parseBody(answer.text);
      const described = describeJiraError(answer.status, body, context);
      throw new AppError(described.code, described.message, { status: answer.status, ...fieldErrors(body), text: described.text });
    }
    if (answer.status === 503 && !context.idempotent) throw ambiguous();
    wait = retryAfter ?? backoffMs(attempt, retry.random);
    if (waited + wait > retry.maxRetryMs || attempt + 1 >= MAX_ATTEMPTS) throw gaveUp(answer.status, wait);
    waited += wait;
    await retry.sleep(wait);
  }
}

export function jsonInit(method: string, body?: unknown): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body === undefined) return { method, headers };
  return { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}
