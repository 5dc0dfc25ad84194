// Turns a payload's zod issues into sentences a person can act on, in their Jira language: each
// names the field in words (with its name in the request, for whoever builds one) and says what is
// allowed, from the resource files' `errors.payload` (docs/decisions/0026). No validator prose
// ("expected string, received undefined") ever reaches a frontend.
import type { z } from 'zod';
import type { LocalizedText } from '../domain/localizedText';
import { say } from '../domain/sayInLanguage';
import { valueAt } from '../shared/i18n/formatter';
import {
  AUTO_SYNC_GRACE_MINUTES,
  ESTIMATE_POLICIES,
  FIRST_YEAR,
  HISTORY_STATUS_FILTERS,
  LAST_YEAR,
  MAX_MINIMUM_SECONDS,
  MAX_TEMPLATE_LENGTH,
  ROUNDING_INCREMENTS,
  ROUNDING_MODES,
  type ErrorResult,
} from '../shared/contract';
import enUS from '../../locales/en-US.json';

type Params = NonNullable<LocalizedText['params']>;

const payloadText = (key: string, params?: Params): LocalizedText => ({ key: `errors.payload.${key}`, ...(params ? { params } : {}) });

/** "1, 5 or 30" in the reader's words (request values stay as the request spells them). */
function orList(values: readonly (string | number)[], locale: string | null): string {
  const words = values.map(String);
  if (words.length < 2) return words.join('');
  const comma = say(payloadText('listComma'), locale);
  return say(payloadText('orList', { items: words.slice(0, -1).join(comma), last: words[words.length - 1]! }), locale);
}

/** What a field's allowed sentence needs, by the field's name (the last named step of its path). */
function allowedParams(name: string, locale: string | null): Params {
  const values: Record<string, readonly (string | number)[]> = {
    status: HISTORY_STATUS_FILTERS,
    roundingMode: ROUNDING_MODES,
    roundingIncrementMinutes: ROUNDING_INCREMENTS,
    estimatePolicy: ESTIMATE_POLICIES,
    graceMinutes: AUTO_SYNC_GRACE_MINUTES,
  };
  if (values[name]) return { values: orList(values[name], locale) };
  if (name === 'minimumSeconds') return { max: String(MAX_MINIMUM_SECONDS), hours: String(MAX_MINIMUM_SECONDS / 3600) };
  if (name === 'commentTemplate') return { max: String(MAX_TEMPLATE_LENGTH) };
  if (name === 'recordIds') return { recordId: payloadText('recordId') };
  return {};
}

const SAME_ALLOWED: Record<string, string> = {
  from: 'dateRange',
  to: 'dateRange',
  recordId: 'recordId',
  dryRun: 'trueOrFalse',
  withResults: 'trueOrFalse',
  enabled: 'trueOrFalse',
  notifyWatchers: 'trueOrFalse',
  paused: 'trueOrFalse',
  allowed: 'trueOrFalse',
};

interface FieldText {
  /** The field in words, as the object of a sentence ("the issue key"). */
  label: LocalizedText;
  /** What is allowed ("an issue key like ABC-123"). */
  allowed: LocalizedText;
}

/** Whether the resource files describe the field (every field a payload takes). */
const described = (name: string) => valueAt(enUS, `errors.payload.fields.${name}.label`) !== null;

function fieldText(name: string | null, locale: string | null): FieldText {
  if (name === null) return { label: payloadText('request'), allowed: payloadText('requestAllowed') };
  if (!described(name)) return { label: payloadText('unknownField', { name }), allowed: payloadText('unknownFieldAllowed') };
  const shared = SAME_ALLOWED[name];
  const allowed = shared
    ? payloadText(shared, shared === 'dateRange' ? { first: String(FIRST_YEAR), last: String(LAST_YEAR) } : undefined)
    : payloadText(`fields.${name}.allowed`, allowedParams(name, locale));
  return { label: payloadText(`fields.${name}.label`), allowed };
}

function fieldOf(path: PropertyKey[], locale: string | null): { text: FieldText; name: string | null; item: boolean } {
  const named = path.filter((step): step is string => typeof step === 'string');
  const name = named[named.length - 1] ?? null;
  return { text: fieldText(name, locale), name, item: typeof path[path.length - 1] === 'number' };
}

function inputAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One issue as its sentence (before the first letter is made a capital). */
function textFor(issue: z.core.$ZodIssue, input: unknown, withName: boolean, locale: string | null): LocalizedText {
  const { text, name, item } = fieldOf(issue.path, locale);
  const subject = name && withName ? payloadText('withName', { label: text.label, name }) : text.label;
  if (issue.code === 'unrecognized_keys') {
    const comma = say(payloadText('listComma'), locale);
    const keys = issue.keys.map((k) => say(payloadText('quoted', { name: k.slice(0, 40) }), locale)).join(comma);
    const count = issue.keys.length > 1 ? 'Several' : 'One';
    return issue.path.length === 0
      ? payloadText(`unrecognizedRequest${count}`, { keys })
      : payloadText(`unrecognizedField${count}`, { subject, keys });
  }
  if (issue.code === 'invalid_type' && inputAt(input, issue.path) === undefined && issue.path.length > 0) {
    return payloadText('give', { subject, allowed: text.allowed });
  }
  if (issue.code === 'too_big' && issue.origin === 'array') return payloadText('tooMany', { subject, count: Number(issue.maximum) });
  if (issue.code === 'too_small' && issue.origin === 'array') return payloadText('tooFew', { subject, count: Number(issue.minimum) });
  if (!item) return payloadText('mustBe', { subject, allowed: text.allowed });
  const each = name === 'recordIds' ? payloadText('recordId') : name === 'domains' ? payloadText('domainItem') : text.allowed;
  return payloadText('eachMustBe', { subject, allowed: each });
}

/**
 * One issue as one sentence in `locale`. `withName`: the field's name in the request follows its
 * words (for the message, which whoever builds a request reads); a form shows the sentence beside the field itself.
 */
export function sentenceFor(issue: z.core.$ZodIssue, input: unknown, withName = true, locale: string | null = null): string {
  return capitalize(say(textFor(issue, input, withName, locale), locale));
}

/** The `invalid-payload` answer for a payload zod refused: the first problem as the message, every one by field. */
export function invalidPayload(error: z.ZodError, input: unknown, locale: string | null = null): ErrorResult {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '(payload)';
    fields[key] ??= sentenceFor(issue, input, false, locale);
  }
  const first = error.issues[0];
  const message = first
    ? sentenceFor(first, input, true, locale)
    : capitalize(say(payloadText('notValid', { allowed: payloadText('requestAllowed') }), locale));
  return { error: { code: 'invalid-payload', message, fields } };
}
