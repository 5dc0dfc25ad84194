// The whole-record PUT of the timecard server (docs/timecard-api.md, "Writes"), built from the
// record exactly as the server sent it, so that writing one field loses none of the others.
import type { TimecardRecord } from './record';
import { parseInstant } from './time';

type SentRecord = Record<string, unknown>;

/** The fields the person edits in the timecard: if one of them moved, the record changed. */
const EDITABLE_FIELDS = ['domain_id', 'category_id', 'title_id', 'timein', 'timeout', 'external_link', 'notes', 'jira_issue_key'] as const;

/** Whether the record as sent now still is the record the app read before (null and absent are the same). */
export function sameEditableFields(sent: SentRecord, known: TimecardRecord): boolean {
  return EDITABLE_FIELDS.every((field) => (sent[field] ?? null) === (known[field] ?? null));
}

/** Every field of both records is the same (the server's answer has no nested values). */
export function sameRecord(a: SentRecord, b: SentRecord): boolean {
  const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...fields].every((field) => (a[field] ?? null) === (b[field] ?? null));
}

/** `%Y-%m-%dT%H:%M:%S.%fZ`, the only form the server's PUT reads (its answers have no fraction). */
function putTime(value: string): string | null {
  const instant = parseInstant(value);
  return instant ? instant.toISOString() : null;
}

const isId = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value > 0;

/** Why the record cannot be written back (its English; the write-back says it by its own key). */
export type BodyProblem =
  'its domain, category or title is missing in the timecard' | 'it is still running' | 'its end time is not a date the app can send back';

export type WholeRecordBody = { body: SentRecord } | { problem: BodyProblem };

/**
 * The PUT body that sets `jira_issue_key` and keeps everything else:
 * - every field as sent, the timecard's own Jira sync fields included (the server ignores them);
 * - `timein` left out: the server then keeps it to the microsecond, where sending it back
 *   (its answers show whole seconds) would cut a fraction the timecard's own form stored;
 * - `timeout` in the PUT's form, as a missing one would clear it (a running record is never written);
 * - the attribute ids as numbers: a name would create an attribute.
 */
export function wholeRecordBody(sent: SentRecord, issueKey: string | null): WholeRecordBody {
  if (![sent.domain_id, sent.category_id, sent.title_id].every(isId)) {
    return { problem: 'its domain, category or title is missing in the timecard' };
  }
  if (typeof sent.timeout !== 'string') return { problem: 'it is still running' };
  const timeout = putTime(sent.timeout);
  if (!timeout) return { problem: 'its end time is not a date the app can send back' };
  const { timein: _kept, ...rest } = sent;
  return { body: { ...rest, timeout, jira_issue_key: issueKey } };
}

/** The record as the server should hold it after the PUT. */
export function expectedAfterWrite(sent: SentRecord, issueKey: string | null): SentRecord {
  return { ...sent, jira_issue_key: issueKey };
}

/** The key the timecard shows, as the app reads it (trimmed, upper case); '' and null are no key. */
export function keyShown(sent: SentRecord): string | null {
  const key = typeof sent.jira_issue_key === 'string' ? sent.jira_issue_key.trim().toUpperCase() : '';
  return key === '' ? null : key;
}
