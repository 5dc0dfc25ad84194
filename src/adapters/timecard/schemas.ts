// What the timecard server sends, as zod schemas (see docs/timecard-api.md).
import { z } from 'zod';
import type { MalformedRecord, TimecardAttribute, TimecardRecord } from '../../services/ports';
import { parseInstant } from '../../domain/time';

const instant = z.string().refine((s) => parseInstant(s) !== null, 'not a date-time with a time zone');
const optionalId = z
  .number()
  .int()
  .nullish()
  .transform((v) => v ?? null);
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

// A `timeout` before `timein` is bad data the schema lets through on purpose (docs/timecard-api.md: "treat as
// invalid"): the record is shown as failed, with the reason from the domain's checkRecord.
export const TimecardRecordSchema = z.object({
  id: z.number().int().positive(),
  domain_id: optionalId,
  category_id: optionalId,
  title_id: optionalId,
  timein: instant,
  timeout: instant.nullish().transform((v) => v ?? null),
  external_link: optionalText,
  notes: optionalText,
  jira_issue_key: optionalText,
  // Written by the timecard's own Jira sync; a bad value there never hides the record.
  jira_synced: z
    .boolean()
    .nullish()
    .catch(false)
    .transform((v) => v === true),
  jira_worklog_id: z
    .union([z.string(), z.number()])
    .nullish()
    .catch(null)
    .transform((v) => (v == null ? null : String(v))),
  jira_sync_error: optionalText.catch(null),
  last_synced_at: optionalText.catch(null),
});

export const TimecardAttributeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  parent_id: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? null),
  level_num: z.number().int(),
});

export const LoginAnswerSchema = z.object({ access_token: z.string().min(1), refresh_token: z.string().min(1) });
export const RefreshAnswerSchema = z.object({ access_token: z.string().min(1) });
export const MsgSchema = z.object({ msg: z.string() });

function reasonOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function problemsOf(error: z.ZodError, fields: Record<string, unknown>): MalformedRecord['problems'] {
  const names = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? '')))];
  return names.map((field) => ({ field, missing: field === '' ? false : fields[field] === undefined || fields[field] === null }));
}

/** Splits the server's answer into records that fit the schema and a reason for each that does not. */
export function checkRecords(raw: unknown[]): { records: TimecardRecord[]; malformed: MalformedRecord[] } {
  const records: TimecardRecord[] = [];
  const malformed: MalformedRecord[] = [];
  for (const item of raw) {
    const parsed = TimecardRecordSchema.safeParse(item);
    if (parsed.success) {
      records.push(parsed.data);
    } else {
      const fields = (item ?? {}) as Record<string, unknown>;
      const text = (value: unknown) => (typeof value === 'string' ? value : null);
      malformed.push({
        id: typeof fields.id === 'number' && Number.isInteger(fields.id) ? fields.id : null,
        reason: reasonOf(parsed.error),
        problems: problemsOf(parsed.error, fields),
        hints: { jiraIssueKey: text(fields.jira_issue_key), notes: text(fields.notes), externalLink: text(fields.external_link) },
      });
    }
  }
  return { records, malformed };
}

export function checkAttributes(raw: unknown[]): TimecardAttribute[] {
  return raw.flatMap((item) => {
    const parsed = TimecardAttributeSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}
