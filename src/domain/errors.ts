import type { ErrorCode } from '../shared/contract';
import { inEnglish, type LocalizedText } from './localizedText';

/** Codes that never reach a frontend: adapters raise them, services handle them. */
export type InternalErrorCode = 'token-expired' | 'retryable';

const SHOWN_AS: Record<InternalErrorCode, ErrorCode> = {
  'token-expired': 'reconnect-timecard',
  // Jira gave no clear answer (the write may or may not have landed): the sync keeps the record `pending`.
  retryable: 'jira-error',
};

/** The code a frontend is given for an error's code (the one mapping of the internal codes). */
export function shownCode(code: string): string {
  return SHOWN_AS[code as InternalErrorCode] ?? code;
}

/** An error with a code a frontend can act on and a sentence a person understands. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode | InternalErrorCode,
    message: string,
    readonly details: {
      status?: number;
      retryAfterMs?: number;
      fields?: Record<string, string>;
      /** What a Jira admin needs to fix it (the admin page shows it; people see only the message). */
      adminDetail?: string;
      /** `adminDetail` by its resource key, for the admin page to say in the admin's language. */
      adminText?: LocalizedText;
      /** Set on a 429 for Jira's hourly points budget: nothing more can be sent until it resets. */
      quota?: boolean;
      /** The sentence by its resource key: the resolver says it in the person's language (`message` is its English). */
      text?: LocalizedText;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown, code?: AppError['code']): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/** What a result, a state or the history says for an error: its English and, when it has one, its key. */
export function sentenceOf(error: AppError): { message: string; messageText?: LocalizedText } {
  return { message: error.message, ...(error.details.text ? { messageText: error.details.text } : {}) };
}

/** An AppError whose sentence is a resource key (its message the English). */
export function localizedError(code: AppError['code'], text: LocalizedText, details: Omit<AppError['details'], 'text'> = {}): AppError {
  return new AppError(code, inEnglish(text), { ...details, text });
}
