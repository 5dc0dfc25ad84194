import type { ErrorCode } from '../shared/contract';

export interface JiraErrorContext {
  action: 'create' | 'update' | 'delete' | 'read';
  issueKey?: string;
  /** Set for calls about a project (its permissions): a 404 then means the project. */
  projectKey?: string;
}

export interface JiraErrorDescription {
  code: ErrorCode;
  message: string;
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

const withWords = (sentence: string, words: string): string => (words ? `${sentence} Jira says: ${words}` : sentence);

function issueName(context: JiraErrorContext): string {
  return context.issueKey ?? 'this issue';
}

function noPermissionMessage(context: JiraErrorContext): string {
  const issue = issueName(context);
  switch (context.action) {
    case 'create':
      return `You don't have permission to log work on ${issue}.`;
    case 'update':
      return `You don't have permission to edit this worklog on ${issue}.`;
    case 'delete':
      return `You don't have permission to delete this worklog on ${issue}.`;
    default:
      return `You don't have permission to see ${issue}.`;
  }
}

function notFound(context: JiraErrorContext, words: string): JiraErrorDescription {
  if (/time ?tracking/i.test(words) && /(disabl|turned off|not enabled|switched off|is off)/i.test(words)) {
    return {
      code: 'time-tracking-disabled',
      message: 'Time tracking is turned off in this Jira site. A Jira admin can turn it on under Settings > Issues > Time tracking.',
      retryable: false,
    };
  }
  if (context.projectKey && !context.issueKey) {
    return {
      code: 'project-not-found',
      message: `Project ${context.projectKey} does not exist in Jira, or you cannot see it.`,
      retryable: false,
    };
  }
  if (context.action === 'update' || context.action === 'delete') {
    return {
      code: 'issue-not-found',
      message: context.issueKey
        ? `The worklog or the issue ${context.issueKey} no longer exists in Jira, or you can no longer see it.`
        : 'The worklog or its issue no longer exists in Jira, or you can no longer see it.',
      retryable: false,
    };
  }
  return {
    code: 'issue-not-found',
    message: context.issueKey
      ? `Issue ${context.issueKey} does not exist in Jira, or you cannot see it.`
      : 'The issue does not exist in Jira, or you cannot see it.',
    retryable: false,
  };
}

function badRequest(body: JiraErrorBody, context: JiraErrorContext, words: string): JiraErrorDescription {
  if (/permission to associate a worklog/i.test(words)) {
    return { code: 'no-permission', message: noPermissionMessage({ ...context, action: 'create' }), retryable: false };
  }
  // Jira answers 400 (not 403) when the person may not edit or delete a worklog.
  if (/do not have (the )?permission/i.test(words)) {
    return { code: 'no-permission', message: noPermissionMessage(context), retryable: false };
  }
  if (body.fields.timeLogged !== undefined) {
    return {
      code: 'invalid-payload',
      message: withWords('Jira refused the time spent: a worklog needs at least one minute.', body.fields.timeLogged),
      retryable: false,
    };
  }
  if (body.fields.started !== undefined) {
    return { code: 'invalid-payload', message: withWords('Jira refused the start time of the worklog.', body.fields.started), retryable: false };
  }
  return { code: 'invalid-payload', message: withWords('Jira refused the worklog.', words), retryable: false };
}

/** A Jira error response as a code the app acts on and a sentence a person understands. */
export function describeJiraError(status: number, body: unknown, context: JiraErrorContext): JiraErrorDescription {
  const parsed = readBody(body);
  const words = jiraWords(parsed);
  switch (status) {
    case 400:
      return badRequest(parsed, context, words);
    case 401:
      return { code: 'forbidden', message: 'Jira did not accept your sign-in. Reload the page and try again.', retryable: false };
    case 403:
      return { code: 'no-permission', message: noPermissionMessage(context), retryable: false };
    case 404:
      return notFound(context, words);
    case 413:
      return {
        code: 'worklog-cap',
        message: `${context.issueKey ?? 'This issue'} already has 5000 worklogs, the most Jira allows on one issue.`,
        retryable: false,
      };
    case 429:
      return { code: 'rate-limited', message: 'Jira asked the app to slow down. It will try again shortly.', retryable: isRetriedStatus(status) };
    case 500:
    case 502:
    case 503:
    case 504:
      return {
        code: 'jira-error',
        message: withWords(`Jira had a temporary problem (HTTP ${status}). Try again in a few minutes.`, words),
        retryable: isRetriedStatus(status),
      };
    default:
      return { code: 'jira-error', message: withWords(`Jira answered with an unexpected error (HTTP ${status}).`, words), retryable: false };
  }
}
