// Every failure leaves a resolver as `{ error: { code, message } }`: never a stack trace.
import { z } from 'zod';
import { AppError } from '../domain/errors';
import type { ErrorCode, ErrorResult } from '../shared/contract';

const INTERNAL_CODES: Record<string, ErrorCode> = {
  'token-expired': 'reconnect-timecard',
  retryable: 'jira-error',
};

export function toErrorResult(error: unknown): ErrorResult {
  if (error instanceof z.ZodError) {
    const fields = Object.fromEntries(error.issues.map((i) => [i.path.join('.') || '(payload)', i.message]));
    const first = error.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    return { error: { code: 'invalid-payload', message: `The request was not valid. ${where}${first?.message ?? ''}`.trim(), fields } };
  }
  if (error instanceof AppError) {
    const code = (INTERNAL_CODES[error.code] ?? error.code) as ErrorCode;
    return { error: { code, message: error.message, ...(error.details.fields ? { fields: error.details.fields } : {}) } };
  }
  console.error('Unexpected resolver failure', error instanceof Error ? error.name : typeof error);
  return { error: { code: 'internal', message: 'Something went wrong on our side; nothing was changed. Try again.' } };
}
