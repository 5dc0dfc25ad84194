// What a record's status and a sync's outcomes look like, in both frontends: the UI Kit surfaces
// (src/frontend) and the global page (static/global-page imports this file). Pure: no @forge import,
// no React, so the page's bundle can take it as it is.
import type { RecordStatus, RecordView, SyncOutcome } from '../../shared/contract';

/** Atlaskit's Lozenge appearances (UI Kit's Lozenge takes the same names). */
export type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export const STATUS_LABEL = {
  'not-synced': 'Not synced',
  synced: 'Synced',
  changed: 'Changed',
  failed: 'Failed',
  running: 'Running',
  'too-short': 'Too short',
  'deleted-in-jira': 'Deleted in Jira',
  'edited-in-jira': 'Edited in Jira',
  'settings-changed': 'Settings changed',
  'logged-by-someone-else': 'Logged by someone else',
  conflict: 'Conflict',
  'deleted-in-timecard': 'Deleted in timecard',
} as const satisfies Record<RecordStatus, string>;

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

/** Statuses of a record whose worklog is in Jira now. */
export const WITH_WORKLOG: ReadonlySet<RecordStatus> = new Set<RecordStatus>(['synced', 'changed', 'edited-in-jira', 'settings-changed', 'conflict', 'deleted-in-timecard']);

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
