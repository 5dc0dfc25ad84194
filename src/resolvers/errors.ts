// Every failure leaves a resolver as `{ error: { code, message } }`: never a stack trace. Failures
// of the app or the servers it talks to also leave one redacted log line, whose error id the
// person is shown.
import { z } from 'zod';
import { AppError, shownCode } from '../domain/errors';
import { logFailure, quoteErrorId } from '../services/failureLog';
import type { ErrorCode, ErrorResult } from '../shared/contract';
import { invalidPayload } from './payloadErrors';

/** Codes that say something failed on the app's side or a server's, not that the request was refused. */
const LOGGED_CODES: ReadonlySet<ErrorCode> = new Set(['internal', 'jira-error', 'server-unreachable', 'not-configured', 'rate-limited']);

/** `functionKey`: the resolver that failed (named in the log line); `input`: what was parsed when zod refused it (its fields are named from it). */
export function toErrorResult(error: unknown, functionKey?: string, input?: unknown): ErrorResult {
  if (error instanceof z.ZodError) return invalidPayload(error, input);
  if (error instanceof AppError) {
    const code = shownCode(error.code) as ErrorCode;
    const message = LOGGED_CODES.has(code) ? `${error.message} ${quoteErrorId(logFailure(error, code, { functionKey }))}` : error.message;
    return { error: { code, message, ...(error.details.fields ? { fields: error.details.fields } : {}) } };
  }
  const errorId = logFailure(error, 'internal', { functionKey });
  return { error: { code: 'internal', message: `Something went wrong on our side; nothing was changed. Try again. ${quoteErrorId(errorId)}` } };
}
