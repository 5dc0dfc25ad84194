import type { RecordStatus } from '../shared/contract';
import type { JiraSideChange } from './conflict';
import { formatDuration } from './duration';
import type { RecordCheck } from './record';
import { parseInstant } from './time';
import type { WorklogSource } from './worklogPlan';

/** The app's memory of one record's sync, kept in storage. */
export interface SyncState {
  recordId: number;
  state: 'pending' | 'synced' | 'failed';
  attemptId: string;
  issueKey: string;
  worklogId?: string;
  /** worklogHash of what was sent. */
  hash?: string;
  /** sourceHash of the record's own data when it was sent (absent in states written before it was kept). */
  recordHash?: string;
  /** The record's own data when it was sent: what its worklog is rebuilt from under other settings. */
  source?: WorklogSource;
  sentSeconds?: number;
  /** `started` as sent (`...+0000`). */
  sentStarted?: string;
  /** commentHash of the comment as Jira answered the write. */
  sentCommentHash?: string;
  message?: string;
  code?: string;
  updatedAt: string;
  jobId?: string;
  /** What Jira told the app about the worklog since it was written (product event, change feeds); the next write clears it. */
  jira?: JiraSideChange;
  /** When a look over all the person's records found the timecard no longer has it (not only moved). */
  goneFromTimecard?: string;
  /** When the person chose to keep the worklog of a record the timecard no longer has. */
  keptAfterTimecardDelete?: string;
}

/** The worklog as Jira holds it now; 'missing' when gone; undefined when not checked. */
export type ObservedWorklog = { timeSpentSeconds: number; started: string; commentHash?: string } | 'missing' | undefined;

export interface StatusInput {
  check: RecordCheck;
  tooShort: boolean;
  state?: SyncState;
  /** worklogHash of what a sync would send now; null when it cannot be computed (e.g. no issue). */
  currentHash: string | null;
  /** sourceHash of the record's data now; null when it cannot be computed. */
  currentRecordHash?: string | null;
  observed?: ObservedWorklog;
  /** The project's minimum, for the too-short message. */
  minimumSeconds?: number;
}

export interface DerivedStatus {
  status: RecordStatus;
  message?: string;
}

function sameInstant(a: string, b: string): boolean {
  const first = parseInstant(a);
  const second = parseInstant(b);
  return first && second ? first.getTime() === second.getTime() : a === b;
}

/** What someone changed in Jira on the worklog since the app wrote it (empty: nothing). */
export function jiraEditsOf(state: SyncState, observed: Exclude<ObservedWorklog, 'missing' | undefined>): string[] {
  const changes: string[] = [];
  if (state.sentSeconds !== undefined && observed.timeSpentSeconds !== state.sentSeconds) {
    changes.push(`it now has ${formatDuration(observed.timeSpentSeconds)} instead of ${formatDuration(state.sentSeconds)}`);
  }
  if (state.sentStarted !== undefined && !sameInstant(observed.started, state.sentStarted)) {
    changes.push('its start time was changed');
  }
  if (state.sentCommentHash !== undefined && observed.commentHash !== undefined && observed.commentHash !== state.sentCommentHash) {
    changes.push('its comment was changed');
  }
  return changes;
}

function editedInJiraMessage(state: SyncState, observed: Exclude<ObservedWorklog, 'missing' | undefined>): string | null {
  const changes = jiraEditsOf(state, observed);
  return changes.length > 0 ? `Someone edited this worklog in Jira: ${changes.join(' and ')}.` : null;
}

/** What Jira told the app, for when Jira was not asked this time. */
function observedFromJiraSide(change: JiraSideChange | undefined): ObservedWorklog {
  if (!change) return undefined;
  if (change.change === 'deleted') return 'missing';
  const { started, timeSpentSeconds, commentHash } = change.worklog;
  return { started, timeSpentSeconds, ...(commentHash !== undefined ? { commentHash } : {}) };
}

/** The record's own data changed in the timecard since its worklog was written (settings aside). */
function recordChanged(state: SyncState, currentRecordHash: string | null): boolean {
  return state.recordHash !== undefined && currentRecordHash !== null && currentRecordHash !== state.recordHash;
}

function syncedStatus(state: SyncState, currentHash: string | null, currentRecordHash: string | null, observedNow: ObservedWorklog): DerivedStatus {
  const observed = observedNow ?? observedFromJiraSide(state.jira);
  if (observed === 'missing') {
    return { status: 'deleted-in-jira', message: 'This worklog was deleted in Jira. Sync again to log it anew, or leave it.' };
  }
  if (observed !== undefined) {
    const edited = editedInJiraMessage(state, observed);
    if (edited && recordChanged(state, currentRecordHash)) {
      return {
        status: 'conflict',
        message: "This record changed in your timecard and its worklog was edited in Jira. Keep Jira's version or the timecard's.",
      };
    }
    if (edited) return { status: 'edited-in-jira', message: edited };
  }
  if (currentHash !== null && currentHash !== state.hash) {
    if (state.recordHash !== undefined && currentRecordHash != null && currentRecordHash === state.recordHash) {
      return {
        status: 'settings-changed',
        message:
          "The project's settings (rounding or comment) changed since this was logged; the worklog keeps what it says. Re-sync to write it with the current settings.",
      };
    }
    if (state.recordHash === undefined) {
      // Logged before the app kept the record's own fingerprint: either may have changed.
      return { status: 'changed', message: "This record or the project's settings changed since it was logged. Sync again to update the worklog." };
    }
    return { status: 'changed', message: 'This record changed in your timecard since it was logged. Sync again to update the worklog.' };
  }
  return { status: 'synced' };
}

/** The status a person sees for one record. */
export function deriveStatus(input: StatusInput): DerivedStatus {
  const { check, state } = input;
  if (check.kind === 'running') return { status: 'running', message: 'This record is still running.' };
  if (check.kind === 'invalid') return { status: 'failed', message: check.reason };

  if (state?.state === 'synced') return syncedStatus(state, input.currentHash, input.currentRecordHash ?? null, input.observed);
  if (state?.state === 'failed') return { status: 'failed', message: state.message ?? 'The last sync of this record failed.' };
  if (state?.state === 'pending') {
    return {
      status: 'not-synced',
      message: 'A previous sync did not finish. The next sync checks Jira first, so the work is not logged twice.',
    };
  }
  if (input.tooShort) {
    const minimum = input.minimumSeconds;
    return {
      status: 'too-short',
      message:
        minimum !== undefined
          ? `Shorter than this project's minimum of ${formatDuration(minimum)}.`
          : "Shorter than this project's minimum duration.",
    };
  }
  return { status: 'not-synced' };
}
