// Why a bulk job waits, what the person reads about it, how often it looks again, and when it
// stops waiting. Pure: the job service and the queue consumer apply it (ADR 0007).

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

const WAITING: Record<WaitCause, string> = {
  'server-unreachable': 'Your timecard server is not answering; this sync resumes on its own when it does.',
  'not-connected': 'Connect your timecard account again to go on (Apps → Timecard sync); this sync resumes on its own once you have.',
  'reconnect-timecard': 'Your timecard session has ended: connect your timecard account again to go on; this sync resumes on its own once you have.',
  'not-configured': 'The timecard server is no longer configured; ask your Jira admin. This sync resumes on its own once it is.',
  'rate-limited': 'Jira asked the app to slow down; this sync goes on in a moment.',
  internal: 'Something went wrong on our side while syncing; this sync tries again on its own.',
};

const minutes = Math.round(MAX_WAIT_MS / 60_000);

const ENDED: Record<WaitCause, string> = {
  'server-unreachable': `Your timecard server did not answer for ${minutes} minutes, so this sync stopped before this record. Sync it again once the server is back.`,
  'not-connected': `Your timecard account was not connected for ${minutes} minutes, so this sync stopped before this record. Connect it, then sync the record again.`,
  'reconnect-timecard': `Your timecard session had ended for ${minutes} minutes, so this sync stopped before this record. Connect again, then sync the record again.`,
  'not-configured': `The timecard server was not configured for ${minutes} minutes, so this sync stopped before this record. Sync it again once your Jira admin has set it up.`,
  'rate-limited': `Jira kept asking the app to slow down for ${minutes} minutes, so this sync stopped before this record. Sync it again later.`,
  internal: `This sync kept failing on our side for ${minutes} minutes and stopped before this record. Sync it again.`,
};

export const CANCELLED_CODE = 'cancelled';
export const CANCELLED_MESSAGE = 'You cancelled this sync before this record was synced. Sync it again whenever you like.';

export function waitingMessage(cause: WaitCause): string {
  return WAITING[cause];
}

export function endedMessage(cause: WaitCause): string {
  return ENDED[cause];
}

/** Seconds until the next look: a quarter of the time waited so far, within FIRST..LONGEST_RETRY_SECONDS. */
export function retryDelaySeconds(waitedMs: number): number {
  return Math.min(LONGEST_RETRY_SECONDS, Math.max(FIRST_RETRY_SECONDS, Math.round(waitedMs / 4000)));
}

export function waitedTooLong(sinceIso: string, nowMs: number): boolean {
  return nowMs - Date.parse(sinceIso) > MAX_WAIT_MS;
}
