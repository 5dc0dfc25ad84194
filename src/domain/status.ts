import type { RecordStatus } from '../shared/contract';
import type { JiraSideChange } from './conflict';
import { durationText, stored, textOf, type LocalizedText } from './localizedText';
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
  /** `message` by its resource key (absent in states written before keys were kept). */
  messageText?: LocalizedText;
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
  messageText?: LocalizedText;
}

const withSentence = (status: RecordStatus, text: LocalizedText): DerivedStatus => ({ status, ...stored(text) });

function sameInstant(a: string, b: string): boolean {
  const first = parseInstant(a);
  const second = parseInstant(b);
  return first && second ? first.getTime() === second.getTime() : a === b;
}

/** What someone changed in Jira on the worklog since the app wrote it (empty: nothing). */
export function jiraEditsOf(state: SyncState, observed: Exclude<ObservedWorklog, 'missing' | undefined>): LocalizedText[] {
  const changes: LocalizedText[] = [];
  if (state.sentSeconds !== undefined && observed.timeSpentSeconds !== state.sentSeconds) {
    changes.push({ key: 'sync.jiraEdit.seconds', params: { now: durationText(observed.timeSpentSeconds), sent: durationText(state.sentSeconds) } });
  }
  if (state.sentStarted !== undefined && !sameInstant(observed.started, state.sentStarted)) {
    changes.push({ key: 'sync.jiraEdit.started' });
  }
  if (state.sentCommentHash !== undefined && observed.commentHash !== undefined && observed.commentHash !== state.sentCommentHash) {
    changes.push({ key: 'sync.jiraEdit.comment' });
  }
  return changes;
}

/** One, two or three changes as one list in the reader's words. */
function listOf([first, second, third]: LocalizedText[]): LocalizedText {
  if (third) return { key: 'sync.jiraEdit.three', params: { first: first!, second: second!, third } };
  return second ? { key: 'sync.jiraEdit.two', params: { first: first!, second } } : first!;
}

function editedInJiraMessage(state: SyncState, observed: Exclude<ObservedWorklog, 'missing' | undefined>): LocalizedText | null {
  const changes = jiraEditsOf(state, observed);
  return changes.length > 0 ? { key: 'sync.status.editedInJira', params: { changes: listOf(changes) } } : null;
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
    return withSentence('deleted-in-jira', { key: 'sync.status.deletedInJira' });
  }
  if (observed !== undefined) {
    const edited = editedInJiraMessage(state, observed);
    if (edited && recordChanged(state, currentRecordHash)) {
      return withSentence('conflict', { key: 'sync.status.conflict' });
    }
    if (edited) return withSentence('edited-in-jira', edited);
  }
  if (currentHash !== null && currentHash !== state.hash) {
    if (state.recordHash !== undefined && currentRecordHash != null && currentRecordHash === state.recordHash) {
      return withSentence('settings-changed', { key: 'sync.status.settingsChanged' });
    }
    if (state.recordHash === undefined) {
      // Logged before the app kept the record's own fingerprint: either may have changed.
      return withSentence('changed', { key: 'sync.status.changedEither' });
    }
    return withSentence('changed', { key: 'sync.status.changed' });
  }
  return { status: 'synced' };
}

/** The status a person sees for one record. */
export function deriveStatus(input: StatusInput): DerivedStatus {
  const { check, state } = input;
  if (check.kind === 'running') return withSentence('running', { key: 'sync.status.running' });
  if (check.kind === 'invalid') return { status: 'failed', message: check.reason, ...(check.reasonText ? { messageText: check.reasonText } : {}) };

  if (state?.state === 'synced') return syncedStatus(state, input.currentHash, input.currentRecordHash ?? null, input.observed);
  if (state?.state === 'failed') {
    // A state written before keys were kept has only its English message.
    return state.message !== undefined
      ? { status: 'failed', message: state.message, ...textOf(state) }
      : withSentence('failed', { key: 'sync.status.lastSyncFailed' });
  }
  if (state?.state === 'pending') return withSentence('not-synced', { key: 'sync.status.notFinished' });
  if (input.tooShort) {
    const minimum = input.minimumSeconds;
    return withSentence(
      'too-short',
      minimum !== undefined ? { key: 'sync.skip.tooShort', params: { minimum: durationText(minimum) } } : { key: 'sync.skip.tooShortUnknown' },
    );
  }
  return { status: 'not-synced' };
}
