import { formatDuration } from './duration';
import { parseInstant } from './time';

/** A record as the timecard server sends it, checked by the client's zod schema. */
export interface TimecardRecord {
  id: number;
  domain_id: number | null;
  category_id: number | null;
  title_id: number | null;
  timein: string;
  timeout: string | null;
  external_link: string | null;
  notes: string | null;
  jira_issue_key: string | null;
  /** Set by the timecard's own, older Jira sync (see domain/timecardJiraSync.ts). */
  jira_synced?: boolean;
  jira_worklog_id?: string | null;
  jira_sync_error?: string | null;
  last_synced_at?: string | null;
}

export const MAX_RECORD_SECONDS = 24 * 3600;
/** Clocks differ a little between the timecard server and here. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export type RecordCheck = { kind: 'ok'; durationSeconds: number } | { kind: 'running' } | { kind: 'invalid'; reason: string };

/** Whether a timecard record can be logged as it is, and if so for how long. */
export function checkRecord(record: TimecardRecord, now: Date): RecordCheck {
  const start = parseInstant(record.timein);
  if (!start) return { kind: 'invalid', reason: `The start time "${record.timein}" is not a date the app can read.` };
  if (record.timeout === null) return { kind: 'running' };
  const end = parseInstant(record.timeout);
  if (!end) return { kind: 'invalid', reason: `The end time "${record.timeout}" is not a date the app can read.` };

  const durationSeconds = Math.round((end.getTime() - start.getTime()) / 1000);
  if (durationSeconds <= 0) {
    return { kind: 'invalid', reason: 'The record ends before (or when) it starts. Fix its times in your timecard.' };
  }
  if (durationSeconds > MAX_RECORD_SECONDS) {
    return {
      kind: 'invalid',
      reason: `The record lasts ${formatDuration(durationSeconds)}, more than 24 hours; it was probably left running. Fix its end time in your timecard.`,
    };
  }
  const latestAllowed = now.getTime() + FUTURE_TOLERANCE_MS;
  if (start.getTime() > latestAllowed) return { kind: 'invalid', reason: 'The record starts in the future. Check its start time in your timecard.' };
  if (end.getTime() > latestAllowed) return { kind: 'invalid', reason: 'The record ends in the future. Log it once the work is done.' };
  return { kind: 'ok', durationSeconds };
}
