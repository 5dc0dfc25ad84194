// One mapping from an error to what a result, a state and the history say.
import { AppError, sentenceOf, shownCode } from '../../domain/errors';
import { stored, type LocalizedText } from '../../domain/localizedText';

export interface Failure {
  code: string;
  message: string;
  messageText?: LocalizedText;
}

export function describeFailure(error: unknown): Failure {
  if (error instanceof AppError) return { code: error.code, ...sentenceOf(error) };
  return { code: 'internal', ...stored({ key: 'sync.failure.internal' }) };
}

/** The code a person's result shows (`retryable`, the engine's own, reads as `jira-error`). */
export const resultCode = shownCode;

/** Whether a failure left it unknown if Jira wrote (the record then stays `pending`). */
export function isAmbiguous(failure: Failure): boolean {
  return failure.code === 'retryable';
}
