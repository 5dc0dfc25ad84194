// Records the timecard server's own, older Jira integration logged (`jira_synced` with a
// `jira_worklog_id`): their time is already a worklog in Jira, which the app takes over instead
// of writing a second one (docs/decisions/0017-adopt-the-timecards-own-jira-worklogs.md).
import { inEnglish, stored, type LocalizedText } from './localizedText';
import type { DerivedStatus } from './status';
import type { TimecardRecord } from './record';

/** What the timecard's own sync says it logged for a record. */
export interface TimecardJiraSync {
  worklogId: string;
  /** The issue it logged to, as the timecard wrote it. */
  issueKey: string;
  syncedAt: string | null;
}

/**
 * What Jira holds for that worklog: the acting person's worklog ('adoptable'), none ('gone'),
 * another person's ('someone-else'), or not asked ('unchecked').
 */
export type TimecardWorklogVerdict = 'adoptable' | 'gone' | 'someone-else' | 'unchecked';

export function timecardJiraSyncOf(record: TimecardRecord): TimecardJiraSync | null {
  const worklogId = record.jira_worklog_id?.trim();
  const issueKey = record.jira_issue_key?.trim().toUpperCase();
  if (record.jira_synced !== true || !worklogId || !issueKey) return null;
  return { worklogId, issueKey, syncedAt: record.last_synced_at ?? null };
}

/** `observed`: the worklog Jira answered for the id (undefined when absent), or 'unchecked' when Jira was not asked. */
export function timecardWorklogVerdict(
  observed: { authorAccountId?: string } | undefined | 'unchecked',
  actingAccountId: string,
): TimecardWorklogVerdict {
  if (observed === 'unchecked') return 'unchecked';
  if (observed === undefined) return 'gone';
  return observed.authorAccountId === actingAccountId ? 'adoptable' : 'someone-else';
}

export function timecardSyncStatus(verdict: TimecardWorklogVerdict): DerivedStatus {
  switch (verdict) {
    case 'gone':
      return { status: 'deleted-in-jira', ...stored({ key: 'sync.timecardSync.gone' }) };
    case 'someone-else':
      return { status: 'logged-by-someone-else', ...stored({ key: 'sync.timecardSync.someoneElse' }) };
    default:
      return { status: 'synced', ...stored({ key: 'sync.timecardSync.logged' }) };
  }
}

/** The timecard's own sync's last error, as a sentence (null when it reported none). */
export function timecardLastErrorText(record: TimecardRecord): LocalizedText | null {
  const error = record.jira_sync_error?.trim();
  return error ? { key: 'sync.timecardSync.lastError', params: { error } } : null;
}

/** The same in English. */
export function timecardLastError(record: TimecardRecord): string | null {
  const text = timecardLastErrorText(record);
  return text ? inEnglish(text) : null;
}
