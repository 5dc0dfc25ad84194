/** Request-body rules Jira enforces on worklogs and entity properties. */
import { jiraError, type Reply } from './router';
import { parseDuration, parseJiraDateTime } from './time';

export const STARTED_FORMAT_MSG = 'Invalid date format. Please enter the date in the format "yyyy-MM-dd\'T\'HH:mm:ss.SSSZ".';
export const TIME_LOGGED_MSG = 'You must indicate the time spent working.';
export const ADF_MSG = 'Comment: Operation value must be an Atlassian Document (see the Atlassian Document Format)';
export const PROPERTY_KEY_MAX = 255;
export const PROPERTY_VALUE_MAX = 32768;

export interface WorklogInput {
  started?: number;
  timeSpentSeconds?: number;
  /** undefined = not given; null = clear. */
  comment?: unknown;
  visibility?: { type: string; value?: string; identifier?: string };
  properties?: Map<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; reply: Reply };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isAdfNode(n: unknown, depth: number): boolean {
  if (!isObject(n) || depth > 50) return false;
  if (typeof n.type !== 'string' || n.type === '' || n.type === 'doc') return false;
  if (n.type === 'text' && (typeof n.text !== 'string' || n.text === '')) return false;
  if ('text' in n && typeof n.text !== 'string') return false;
  if ('attrs' in n && !isObject(n.attrs)) return false;
  if ('marks' in n && !(Array.isArray(n.marks) && n.marks.every((m) => isObject(m) && typeof m.type === 'string'))) return false;
  if ('content' in n && !(Array.isArray(n.content) && n.content.every((c) => isAdfNode(c, depth + 1)))) return false;
  return true;
}

/** An ADF document: `{ type: 'doc', version: 1, content: [nodes] }`. */
export function isAdfDoc(v: unknown): boolean {
  return isObject(v) && v.type === 'doc' && v.version === 1 && Array.isArray(v.content) && v.content.every((c) => isAdfNode(c, 1));
}

export function checkPropertyKey(key: unknown): string | null {
  if (typeof key !== 'string' || key.length === 0) return 'The property key cannot be null or empty.';
  if (key.length > PROPERTY_KEY_MAX) return `The property key cannot be longer than ${PROPERTY_KEY_MAX} characters.`;
  return null;
}

export function checkPropertyValue(value: unknown): string | null {
  if (value === undefined) return 'The property value cannot be null.';
  if (JSON.stringify(value).length > PROPERTY_VALUE_MAX) return `The property value cannot be longer than ${PROPERTY_VALUE_MAX} characters.`;
  return null;
}

/** Validates a worklog create (all rules) or update (fields optional) body. */
export function validateWorklogBody(body: unknown, mode: 'create' | 'update'): Result<WorklogInput> {
  if (!isObject(body)) return { ok: false, reply: jiraError(400, ['The request body must be a JSON object.']) };
  const errors: Record<string, string> = {};
  const messages: string[] = [];
  const out: WorklogInput = {};

  if (body.started !== undefined || mode === 'create') {
    const t = parseJiraDateTime(body.started);
    if (t === null) errors.started = STARTED_FORMAT_MSG;
    else out.started = t;
  }

  const hasSeconds = body.timeSpentSeconds !== undefined && body.timeSpentSeconds !== null;
  const hasText = body.timeSpent !== undefined && body.timeSpent !== null;
  if (hasSeconds && hasText) {
    messages.push('Specify either timeSpent or timeSpentSeconds, not both.');
  } else if (hasSeconds) {
    const s = body.timeSpentSeconds;
    if (typeof s !== 'number' || !Number.isInteger(s)) messages.push('timeSpentSeconds must be a whole number of seconds.');
    else if (s < 60) errors.timeLogged = TIME_LOGGED_MSG;
    else out.timeSpentSeconds = s;
  } else if (hasText) {
    const s = parseDuration(body.timeSpent);
    if (s === null) errors.timeLogged = 'Invalid time duration entered.';
    else if (s < 60) errors.timeLogged = TIME_LOGGED_MSG;
    else out.timeSpentSeconds = s;
  } else if (mode === 'create') {
    errors.timeLogged = TIME_LOGGED_MSG;
  }

  if (body.comment !== undefined) {
    if (body.comment === null) out.comment = null;
    else if (!isAdfDoc(body.comment)) errors.comment = ADF_MSG;
    else if (adfTextLength(body.comment) > TEXT_FIELD_LIMIT) errors.comment = TOO_LONG_MSG;
    else out.comment = structuredClone(body.comment);
  }

  if (body.visibility !== undefined && body.visibility !== null) {
    const v = body.visibility;
    if (!isObject(v) || (v.type !== 'group' && v.type !== 'role') || (typeof v.value !== 'string' && typeof v.identifier !== 'string')) {
      errors.visibility = "Visibility must have type 'group' or 'role' and a value or identifier.";
    } else {
      out.visibility = {
        type: v.type,
        ...(typeof v.value === 'string' ? { value: v.value } : {}),
        ...(typeof v.identifier === 'string' ? { identifier: v.identifier } : {}),
      };
    }
  }

  if (body.properties !== undefined && body.properties !== null) {
    if (!Array.isArray(body.properties)) {
      messages.push('properties must be an array of { key, value }.');
    } else {
      const props = new Map<string, unknown>();
      for (const p of body.properties) {
        const problem = !isObject(p) ? 'properties must be an array of { key, value }.' : (checkPropertyKey(p.key) ?? checkPropertyValue(p.value));
        if (problem) messages.push(problem);
        else props.set((p as { key: string }).key, structuredClone((p as { value: unknown }).value));
      }
      out.properties = props;
    }
  }

  if (messages.length || Object.keys(errors).length) return { ok: false, reply: jiraError(400, messages, errors) };
  return { ok: true, value: out };
}

/** Parses an estimate parameter (newEstimate, reduceBy, increaseBy). */
export function parseEstimate(name: string, v: string | null): Result<number> {
  const s = v === null ? null : parseDuration(v);
  if (s === null) {
    const what = name === 'newEstimate' ? 'a valid new estimate' : `a valid duration for ${name}`;
    return { ok: false, reply: jiraError(400, [], { [name]: `You must supply ${what}.` }) };
  }
  return { ok: true, value: s };
}

/** Jira's default limit for text fields (`jira.text.field.character.limit`). */
export const TEXT_FIELD_LIMIT = 32_767;
const TOO_LONG_MSG = `The entered text is too long. It exceeds the allowed limit of ${TEXT_FIELD_LIMIT.toLocaleString('en-US')} characters.`;

function adfTextLength(node: unknown): number {
  if (typeof node !== 'object' || node === null) return 0;
  const { text, content } = node as { text?: unknown; content?: unknown };
  return (typeof text === 'string' ? text.length : 0) + (Array.isArray(content) ? content.reduce((n: number, c) => n + adfTextLength(c), 0) : 0);
}
