// What a record's status means for the person, in both frontends and the totals: which statuses
// need a first log, a re-sync, or count as "not synced", and how a status and outcomes look.
// One name per concept; the UI Kit surfaces and the global page import these, never their own sets.
import type { RecordStatus, RecordView, SyncOutcome } from '../contract';

/** Atlaskit's Lozenge appearances (UI Kit's Lozenge takes the same names). */
export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export const STATUS_APPEARANCE: Readonly<Record<RecordStatus, LozengeAppearance>> = {
  'not-synced': 'default',
  synced: 'success',
  changed: 'moved',
  failed: 'removed',
  running: 'inprogress',
  'too-short': 'default',
  'deleted-in-jira': 'removed',
  'edited-in-jira': 'moved',
  'settings-changed': 'new',
  'logged-by-someone-else': 'moved',
  conflict: 'removed',
  'deleted-in-timecard': 'removed',
};

const is =
  (...statuses: RecordStatus[]) =>
  (status: RecordStatus): boolean =>
    statuses.includes(status);

/** No worklog from this app yet: never logged, or the last attempt failed ("Log all" takes these). */
export const isUnlogged = is('not-synced', 'failed');

/** Logging creates a worklog: unlogged, or its worklog was deleted in Jira (a row's "Log"). */
export const needsFirstLog = is('not-synced', 'failed', 'deleted-in-jira');

/** Logged, but the worklog no longer says what the record and the settings say (a row's "Re-sync"). */
export const needsResync = is('changed', 'edited-in-jira', 'settings-changed');

/** What a bulk sync picks by itself: unlogged, or changed in the timecard since it was logged. */
export const needsBulkSync = is('not-synced', 'failed', 'changed');

/** What the totals count as not synced: Jira lacks the time, or holds it out of date with the timecard. */
export const countsAsNotSynced = is('not-synced', 'failed', 'deleted-in-jira', 'changed');

/** Statuses of a record whose worklog is in Jira now. */
export const WITH_WORKLOG: ReadonlySet<RecordStatus> = new Set<RecordStatus>([
  'synced',
  'changed',
  'edited-in-jira',
  'settings-changed',
  'conflict',
  'deleted-in-timecard',
]);

/**
 * The record has a worklog in Jira, so it stays linked until it is unlogged: the server refuses
 * to unlink it (linkRecord with null), and neither frontend offers Unlink.
 */
export function hasWorklog(record: Pick<RecordView, 'status' | 'worklogId'>): boolean {
  return record.worklogId !== undefined || WITH_WORKLOG.has(record.status);
}

/** Statuses that are never logged as they are: "will log" shows nothing for them. */
export const NOT_LOGGABLE: ReadonlySet<RecordStatus> = new Set<RecordStatus>(['running', 'too-short']);

export type OutcomeCounts = Record<SyncOutcome, number>;

export function emptyCounts(): OutcomeCounts {
  return { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
}

/** Counts per outcome (added to `into` when given), for previews, summaries and progress. */
export function countOutcomes(results: readonly { outcome: SyncOutcome }[], into: OutcomeCounts = emptyCounts()): OutcomeCounts {
  const counted = { ...into };
  for (const result of results) counted[result.outcome] += 1;
  return counted;
}
