// Turns a payload's zod issues into sentences a person can act on: each names the field in words
// (with its name in the request, for whoever builds one) and says what is allowed. No validator
// prose ("expected string, received undefined") ever reaches a frontend.
import type { z } from 'zod';
import {
  AUTO_SYNC_GRACE_MINUTES,
  DATE_RANGE_TEXT,
  ESTIMATE_POLICIES,
  HISTORY_STATUS_FILTERS,
  MAX_MINIMUM_SECONDS,
  MAX_TEMPLATE_LENGTH,
  ROUNDING_INCREMENTS,
  ROUNDING_MODES,
  type ErrorResult,
} from '../shared/contract';

interface FieldText {
  /** The field in words, as the object of a sentence ("the issue key"). */
  label: string;
  /** What is allowed, to follow "must be" ("an issue key like ABC-123"). */
  allowed: string;
}

const orList = (values: readonly (string | number)[]) =>
  values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;

const TRUE_OR_FALSE = 'true or false';
const RECORD_ID = 'a timecard record id (a whole number above 0)';

/** By the field's name (the last named step of its path). */
const FIELDS: Record<string, FieldText> = {
  username: { label: 'your timecard username', allowed: 'text of 1 to 200 characters' },
  password: { label: 'your timecard password', allowed: 'text of 1 to 500 characters' },
  days: { label: 'the number of days', allowed: 'a whole number from 1 to 366' },
  from: { label: 'the first day', allowed: DATE_RANGE_TEXT },
  to: { label: 'the last day', allowed: DATE_RANGE_TEXT },
  recordId: { label: 'the record', allowed: RECORD_ID },
  recordIds: { label: 'the records', allowed: `a list of record ids, each ${RECORD_ID}` },
  issueKey: { label: 'the issue key', allowed: 'an issue key like ABC-123' },
  query: { label: 'the search text', allowed: 'text of at most 200 characters' },
  dryRun: { label: 'the preview switch', allowed: TRUE_OR_FALSE },
  jobId: { label: 'the sync job', allowed: 'the job id that starting the sync answered with' },
  withResults: { label: 'the results switch', allowed: TRUE_OR_FALSE },
  status: { label: 'the outcome filter', allowed: `one of ${orList(HISTORY_STATUS_FILTERS)}` },
  cursor: { label: 'the page cursor', allowed: 'the nextCursor of the page before (at most 500 characters)' },
  limit: { label: 'the page size', allowed: 'a whole number from 1 to 100' },
  settings: { label: 'the settings', allowed: 'an object with every setting' },
  defaults: { label: 'the default settings', allowed: 'an object with every project setting' },
  enabled: { label: 'the on/off switch', allowed: TRUE_OR_FALSE },
  roundingMode: { label: 'the rounding', allowed: orList(ROUNDING_MODES) },
  roundingIncrementMinutes: { label: 'the rounding increment', allowed: `${orList(ROUNDING_INCREMENTS)} minutes` },
  minimumSeconds: {
    label: 'the minimum duration',
    allowed: `a whole number of seconds from 0 to ${MAX_MINIMUM_SECONDS} (${MAX_MINIMUM_SECONDS / 3600} hours)`,
  },
  commentTemplate: { label: 'the comment template', allowed: `text of at most ${MAX_TEMPLATE_LENGTH} characters` },
  estimatePolicy: { label: 'the estimate policy', allowed: orList(ESTIMATE_POLICIES) },
  notifyWatchers: { label: 'the notify-watchers switch', allowed: TRUE_OR_FALSE },
  domains: { label: 'the timecard domains', allowed: 'a list of at most 50 names, each of 1 to 100 characters' },
  paused: { label: 'the pause switch', allowed: TRUE_OR_FALSE },
  graceMinutes: { label: 'the wait after a record ends', allowed: `${orList(AUTO_SYNC_GRACE_MINUTES)} minutes` },
  allowed: { label: 'the automatic-logging switch', allowed: TRUE_OR_FALSE },
};

const PAYLOAD: FieldText = { label: 'the request', allowed: 'an object (JSON) with the fields this request takes' };

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function fieldOf(path: PropertyKey[]): { text: FieldText; name: string | null; item: boolean } {
  const named = path.filter((step): step is string => typeof step === 'string');
  const name = named[named.length - 1] ?? null;
  const text = name ? (FIELDS[name] ?? { label: `the field ${name}`, allowed: 'a value of the documented kind' }) : PAYLOAD;
  return { text, name, item: typeof path[path.length - 1] === 'number' };
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

/**
 * One issue as one sentence. `withName`: the field's name in the request follows its words (for the
 * message, which whoever builds a request reads); a form shows the sentence beside the field itself.
 */
export function sentenceFor(issue: z.core.$ZodIssue, input: unknown, withName = true): string {
  const { text, name, item } = fieldOf(issue.path);
  const subject = `${text.label}${name && withName ? ` (${name})` : ''}`;
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length === 0 ? 'This request does' : `${capitalize(subject)} does`;
    const keys = issue.keys.map((k) => `“${k.slice(0, 40)}”`).join(', ');
    return `${where} not take ${keys}; remove ${issue.keys.length > 1 ? 'them' : 'it'}.`;
  }
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined && issue.path.length > 0) {
    return `Give ${subject}: ${text.allowed}.`;
  }
  if (issue.code === 'too_big' && issue.origin === 'array') return `${capitalize(subject)} may hold at most ${issue.maximum} entries.`;
  if (issue.code === 'too_small' && issue.origin === 'array')
    return `${capitalize(subject)} must hold at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}.`;
  const what = item ? `Each of ${subject}` : capitalize(subject);
  return `${what} must be ${item && name === 'recordIds' ? RECORD_ID : item && name === 'domains' ? 'a name of 1 to 100 characters' : text.allowed}.`;
}

/** The `invalid-payload` answer for a payload zod refused: the first problem as the message, every one by field. */
export function invalidPayload(error: z.ZodError, input: unknown): ErrorResult {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '(payload)';
    fields[key] ??= sentenceFor(issue, input, false);
  }
  const first = error.issues[0];
  const message = first ? sentenceFor(first, input) : `The request was not valid: ${PAYLOAD.allowed}.`;
  return { error: { code: 'invalid-payload', message, fields } };
}
