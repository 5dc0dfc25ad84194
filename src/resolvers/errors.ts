// Every failure leaves a resolver as `{ error: { code, message } }`: never a stack trace. Failures
// of the app or the servers it talks to also leave one redacted log line, whose error id the
// person is shown.
import { z } from 'zod';
import { AppError, shownCode } from '../domain/errors';
import { say } from '../domain/sayInLanguage';
import { logFailure } from '../services/failureLog';
import type { ErrorCode, ErrorResult } from '../shared/contract';
import { invalidPayload } from './payloadErrors';

/** Codes that say something failed on the app's side or a server's, not that the request was refused. */
const LOGGED_CODES: ReadonlySet<ErrorCode> = new Set(['internal', 'jira-error', 'server-unreachable', 'not-configured', 'rate-limited']);

/** The sentence and the error id to quote, as one message in the person's language. */
const withErrorId = (sentence: string, errorId: string, locale?: string | null) =>
  say({ key: 'errors.withErrorId', params: { sentence, quote: { key: 'errors.quoteErrorId', params: { errorId } } } }, locale);

/**
 * `functionKey`: the resolver that failed (named in the log line); `input`: what was parsed when zod
 * refused it (its fields are named from it); `locale`: the person's (Forge context `locale`), in
 * which a sentence with a resource key is said (docs/decisions/0021).
 */
export function toErrorResult(error: unknown, functionKey?: string, input?: unknown, locale?: string | null): ErrorResult {
  if (error instanceof z.ZodError) return invalidPayload(error, input, locale ?? null);
  if (error instanceof AppError) {
    const code = shownCode(error.code) as ErrorCode;
    const sentence = error.details.text ? say(error.details.text, locale) : error.message;
    const message = LOGGED_CODES.has(code) ? withErrorId(sentence, logFailure(error, code, { functionKey }), locale) : sentence;
    return { error: { code, message, ...(error.details.fields ? { fields: error.details.fields } : {}) } };
  }
  const errorId = logFailure(error, 'internal', { functionKey });
  return { error: { code: 'internal', message: withErrorId(say({ key: 'errors.internal' }, locale), errorId, locale) } };
}
