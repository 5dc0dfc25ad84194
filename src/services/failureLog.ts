// One log line per failure, for `forge logs`: what failed (error code, the resolver function or the
// bulk job), an error id the person is shown too, and a stack, all redacted (see domain/redact.ts).
import { redactMessage, redactStack } from '../domain/redact';

export interface FailureWhere {
  /** The resolver function (`call.functionKey`) that failed. */
  functionKey?: string;
  jobId?: string;
  batch?: number;
  /** What was being done, when not a whole resolver call (e.g. "driving a stalled job"). */
  task?: string;
}

/** A short id a person can quote and an admin can find in the logs. */
export function newErrorId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase();
}

/** Values that must never reach a log even when they appear as plain text (the configured timecard URL). */
function configuredSecrets(): string[] {
  const url = typeof process !== 'undefined' ? process.env.TIMECARD_URL?.trim() : undefined;
  if (!url) return [];
  const host = url.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  return [url, host];
}

/** A string `code` (AppError, ForgeKvsAPIError, Node's ECONNREFUSED ...) or a numeric HTTP status an error carries. */
function tagsOf(error: Error): string {
  const e = error as Error & { code?: unknown; details?: { status?: unknown }; responseDetails?: { status?: unknown } };
  const status = e.details?.status ?? e.responseDetails?.status;
  return [typeof e.code === 'string' ? e.code : null, typeof status === 'number' ? `HTTP ${status}` : null].filter(Boolean).join(' ');
}

function nameOf(error: Error): string {
  const tags = tagsOf(error);
  const cause = error.cause instanceof Error ? ` (cause ${nameOf(error.cause)})` : '';
  return `${error.name}${tags ? ` [${tags}]` : ''}${cause}`;
}

function describe(error: unknown, secrets: string[]): { name: string; detail: string; stack: string[] } {
  if (!(error instanceof Error)) return { name: typeof error, detail: '', stack: [] };
  return { name: nameOf(error), detail: redactMessage(error.message, secrets), stack: redactStack(error.stack, secrets) };
}

/** Logs `error` as one redacted line and returns its error id. */
export function logFailure(error: unknown, code: string, where: FailureWhere, errorId = newErrorId()): string {
  const secrets = configuredSecrets();
  const { name, detail, stack } = describe(error, secrets);
  const place = [
    where.functionKey ? `function=${where.functionKey}` : null,
    where.jobId ? `job=${where.jobId}` : null,
    where.batch !== undefined ? `batch=${where.batch}` : null,
    where.task ? `task="${where.task}"` : null,
  ].filter(Boolean);
  const parts = [`Timecard failure errorId=${errorId} code=${code}`, ...place, `error=${name}${detail ? `: ${detail}` : ''}`];
  if (stack.length > 0) parts.push(`stack=${stack.join(' < ')}`);
  console.error(parts.join(' '));
  return errorId;
}
