// Every failure leaves a resolver as `{ error: { code, message } }`: never a stack trace.
import { z } from 'zod';
import { AppError } from '../domain/errors';
import type { ErrorCode, ErrorResult } from '../shared/contract';
import { invalidPayload } from './payloadErrors';

const INTERNAL_CODES: Record<string, ErrorCode> = {
  'token-expired': 'reconnect-timecard',
  retryable: 'jira-error',
  conflict: 'sync-in-progress',
};

/** `input`: what was parsed when zod refused it (its fields are named from it). */
export function toErrorResult(error: unknown, input?: unknown): ErrorResult {
  if (error instanceof z.ZodError) return invalidPayload(error, input);
  if (error instanceof AppError) {
    const code = (INTERNAL_CODES[error.code] ?? error.code) as ErrorCode;
    return { error: { code, message: error.message, ...(error.details.fields ? { fields: error.details.fields } : {}) } };
  }
  console.error('Unexpected resolver failure', error instanceof Error ? error.name : typeof error);
  return { error: { code: 'internal', message: 'Something went wrong on our side; nothing was changed. Try again.' } };
}
