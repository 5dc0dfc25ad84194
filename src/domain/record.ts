import { durationText, stored, type LocalizedText } from './localizedText';
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

export type RecordCheck =
  { kind: 'ok'; durationSeconds: number } | { kind: 'running' } | { kind: 'invalid'; reason: string; reasonText?: LocalizedText };

function invalid(text: LocalizedText): RecordCheck {
  const { message, messageText } = stored(text);
  return { kind: 'invalid', reason: message, reasonText: messageText };
}

/** Whether a timecard record can be logged as it is, and if so for how long. */
export function checkRecord(record: TimecardRecord, now: Date): RecordCheck {
  const start = parseInstant(record.timein);
  if (!start) return invalid({ key: 'sync.record.badStart', params: { value: record.timein } });
  if (record.timeout === null) return { kind: 'running' };
  const end = parseInstant(record.timeout);
  if (!end) return invalid({ key: 'sync.record.badEnd', params: { value: record.timeout } });

  const durationSeconds = Math.round((end.getTime() - start.getTime()) / 1000);
  if (durationSeconds <= 0) {
    return invalid({ key: 'sync.record.endsBeforeStart' });
  }
  if (durationSeconds > MAX_RECORD_SECONDS) {
    return invalid({ key: 'sync.record.tooLong', params: { duration: durationText(durationSeconds) } });
  }
  const latestAllowed = now.getTime() + FUTURE_TOLERANCE_MS;
  if (start.getTime() > latestAllowed) return invalid({ key: 'sync.record.startsInFuture' });
  if (end.getTime() > latestAllowed) return invalid({ key: 'sync.record.endsInFuture' });
  return { kind: 'ok', durationSeconds };
}
