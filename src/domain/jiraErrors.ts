import type { ErrorCode } from '../shared/contract';
import { inEnglish, type LocalizedText } from './localizedText';

export interface JiraErrorContext {
  action: 'create' | 'update' | 'delete' | 'read';
  issueKey?: string;
  /** Set for calls about a project (its permissions): a 404 then means the project. */
  projectKey?: string;
}

export interface JiraErrorDescription {
  code: ErrorCode;
  /** The English sentence (logs); `text` says it in the person's language. */
  message: string;
  text: LocalizedText;
  /** Whether the app's Jira client sends the call again after this answer (isRetriedStatus). */
  retryable: boolean;
}

/**
 * The answers the app's Jira client (src/adapters/jira/http.ts) waits out and sends again: a 429,
 * and a 503 (the latter only for a call that may be repeated). Any other error is final.
 */
export function isRetriedStatus(status: number): boolean {
  return status === 429 || status === 503;
}

const MAX_JIRA_TEXT = 300;

interface JiraErrorBody {
  messages: string[];
  fields: Record<string, string>;
}

function asErrorBody(value: unknown): JiraErrorBody {
  const body: JiraErrorBody = { messages: [], fields: {} };
  if (typeof value !== 'object' || value === null) return body;
  const { errorMessages, errors, message } = value as { errorMessages?: unknown; errors?: unknown; message?: unknown };
  if (Array.isArray(errorMessages)) body.messages.push(...errorMessages.filter((m): m is string => typeof m === 'string' && m.trim() !== ''));
  if (typeof message === 'string' && message.trim() !== '') body.messages.push(message);
  if (typeof errors === 'object' && errors !== null) {
    for (const [field, text] of Object.entries(errors)) if (typeof text === 'string') body.fields[field] = text;
  }
  return body;
}

/** Jira's error body in any of its shapes: JSON object, JSON text, plain text (HTML is dropped). */
function readBody(body: unknown): JiraErrorBody {
  if (typeof body !== 'string') return asErrorBody(body);
  const text = body.trim();
  if (text === '') return asErrorBody(null);
  try {
    return asErrorBody(JSON.parse(text));
  } catch {
    return text.startsWith('<') ? asErrorBody(null) : { messages: [text], fields: {} };
  }
}

function jiraWords(body: JiraErrorBody): string {
  const parts = [...body.messages, ...Object.values(body.fields)].map((part) => part.trim()).filter((part) => part !== '');
  const text = [...new Set(parts)].join(' ');
  return text.length > MAX_JIRA_TEXT ? `${text.slice(0, MAX_JIRA_TEXT - 1)}…` : text;
}

/** The sentence, and what Jira said after it when it said anything. */
export const withWords = (sentence: LocalizedText, words: string): LocalizedText =>
  words ? { key: 'errors.jira.withWords', params: { sentence, words } } : sentence;

const described = (code: ErrorCode, text: LocalizedText, retryable: boolean): JiraErrorDescription => ({
  code,
  message: inEnglish(text),
  text,
  retryable,
});

function noPermission(context: JiraErrorContext): LocalizedText {
  return context.issueKey
    ? { key: `errors.jira.noPermission.${context.action}`, params: { issueKey: context.issueKey } }
    : { key: `errors.jira.noPermissionThisIssue.${context.action}` };
}

/** A sentence about the context's issue: by its key, or "this issue" when the call named none. */
const aboutIssue = (key: string, context: JiraErrorContext): LocalizedText =>
  context.issueKey ? { key, params: { issueKey: context.issueKey } } : { key: `${key}ThisIssue` };

function notFound(context: JiraErrorContext, words: string): JiraErrorDescription {
  if (/time ?tracking/i.test(words) && /(disabl|turned off|not enabled|switched off|is off)/i.test(words)) {
    return described('time-tracking-disabled', { key: 'errors.jira.timeTrackingDisabled' }, false);
  }
  if (context.projectKey && !context.issueKey) {
    return described('project-not-found', { key: 'errors.jira.projectNotFound', params: { projectKey: context.projectKey } }, false);
  }
  if (context.action === 'update' || context.action === 'delete')
    return described('issue-not-found', aboutIssue('errors.jira.worklogGone', context), false);
  return described('issue-not-found', aboutIssue('errors.jira.issueNotFound', context), false);
}

function badRequest(body: JiraErrorBody, context: JiraErrorContext, words: string): JiraErrorDescription {
  if (/permission to associate a worklog/i.test(words)) return described('no-permission', noPermission({ ...context, action: 'create' }), false);
  // Jira answers 400 (not 403) when the person may not edit or delete a worklog.
  if (/do not have (the )?permission/i.test(words)) return described('no-permission', noPermission(context), false);
  if (body.fields.timeLogged !== undefined)
    return described('invalid-payload', withWords({ key: 'errors.jira.timeRefused' }, body.fields.timeLogged), false);
  if (body.fields.started !== undefined)
    return described('invalid-payload', withWords({ key: 'errors.jira.startRefused' }, body.fields.started), false);
  return described('invalid-payload', withWords({ key: 'errors.jira.worklogRefused' }, words), false);
}

/** A Jira error response as a code the app acts on and a sentence a person understands. */
export function describeJiraError(status: number, body: unknown, context: JiraErrorContext): JiraErrorDescription {
  const parsed = readBody(body);
  const words = jiraWords(parsed);
  switch (status) {
    case 400:
      return badRequest(parsed, context, words);
    case 401:
      return described('forbidden', { key: 'errors.jira.signInRefused' }, false);
    case 403:
      return described('no-permission', noPermission(context), false);
    case 404:
      return notFound(context, words);
    case 413:
      return described('worklog-cap', aboutIssue('errors.jira.worklogCap', context), false);
    case 429:
      return described('rate-limited', { key: 'errors.jira.rateLimited' }, isRetriedStatus(status));
    case 500:
    case 502:
    case 503:
    case 504:
      return described('jira-error', withWords({ key: 'errors.jira.temporary', params: { status } }, words), isRetriedStatus(status));
    default:
      return described('jira-error', withWords({ key: 'errors.jira.unexpected', params: { status } }, words), false);
  }
}
