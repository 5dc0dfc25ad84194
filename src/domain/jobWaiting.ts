// Why a bulk job waits, what the person reads about it, how often it looks again, and when it
// stops waiting. Pure: the job service and the queue consumer apply it (ADR 0007).
import { inEnglish, type LocalizedText } from './localizedText';

/** Causes a job waits out (they go away on their own, or once the person acts) instead of failing records. */
export const WAIT_CAUSES = ['server-unreachable', 'not-connected', 'reconnect-timecard', 'not-configured', 'rate-limited', 'internal'] as const;
export type WaitCause = (typeof WAIT_CAUSES)[number];

export function isWaitCause(code: string): code is WaitCause {
  return (WAIT_CAUSES as readonly string[]).includes(code);
}

/** A job that has waited this long ends: its remaining records fail with the reason. */
export const MAX_WAIT_MS = 30 * 60_000;
/** Looks again after 5 s at first, then less often, never more than a minute apart (so it resumes within a minute of the cause going). */
export const FIRST_RETRY_SECONDS = 5;
export const LONGEST_RETRY_SECONDS = 60;

const minutes = Math.round(MAX_WAIT_MS / 60_000);

/** What the person reads while a job waits on `cause` (resource key `sync.job.waiting.<cause>`). */
export const waitingText = (cause: WaitCause): LocalizedText => ({ key: `sync.job.waiting.${cause}` });

/** Why a record failed when the job stopped waiting on `cause`. */
export const endedText = (cause: WaitCause): LocalizedText => ({ key: `sync.job.ended.${cause}`, params: { minutes } });

export const CANCELLED_CODE = 'cancelled';
export const CANCELLED_TEXT: LocalizedText = { key: 'sync.job.cancelled' };

export const waitingMessage = (cause: WaitCause): string => inEnglish(waitingText(cause));

export const endedMessage = (cause: WaitCause): string => inEnglish(endedText(cause));

/** Seconds until the next look: a quarter of the time waited so far, within FIRST..LONGEST_RETRY_SECONDS. */
export function retryDelaySeconds(waitedMs: number): number {
  return Math.min(LONGEST_RETRY_SECONDS, Math.max(FIRST_RETRY_SECONDS, Math.round(waitedMs / 4000)));
}

export function waitedTooLong(sinceIso: string, nowMs: number): boolean {
  return nowMs - Date.parse(sinceIso) > MAX_WAIT_MS;
}
