// JiraPort over Forge's `api.asUser(accountId?).requestJira(route...)`.
import api, { route, type APIResponse, type RequestInit, type Route } from '@forge/api';
import type { JiraFactory, JiraIssue, JiraPort, PermissionScope, Worklog, WorklogInput, WriteOptions } from '../../services/ports';
import { ISSUE_KEY_PATTERN } from '../../shared/contract';
import { AppError, localizedError } from '../../domain/errors';
import { withWords } from '../../domain/jiraErrors';
import { callJira, jsonInit, type CallContext, type RetryOptions } from './http';
import { processPacer, type JiraPacer } from './pacer';
import { fromPicker, toIssue, toUser, toWorklog, toWorklogChanges } from './map';

type RequestJira = (path: Route, init?: RequestInit) => Promise<APIResponse>;

export interface ForgeJiraOptions {
  sleep?: (ms: number) => Promise<void>;
  maxRetryMs?: number;
  random?: () => number;
  /** How a request is sent as a person; defaults to `api.asUser(accountId).requestJira`. */
  requester?: (accountId?: string) => RequestJira;
  /** How a request is sent as the app (reads only: triggers have no person); defaults to `api.asApp().requestJira`. */
  appRequester?: () => RequestJira;
  /** Paces calls to Jira's rate limits: the process's pacer by default; null sends unpaced. */
  pacer?: JiraPacer | null;
}

const ISSUE_FIELDS = ['summary', 'status'];
const WORKLOG_PAGE = 5000;
const WORKLOG_LIST_CHUNK = 1000;
const SEARCH_PAGE = 100;

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;

function worklogBody(input: WorklogInput) {
  const body: Record<string, unknown> = { started: input.started, timeSpentSeconds: input.timeSpentSeconds, comment: input.comment };
  if (input.properties?.length) body.properties = input.properties;
  return body;
}

function writeQuery(options: Partial<WriteOptions>): URLSearchParams {
  const query = new URLSearchParams();
  if (options.notifyUsers !== undefined) query.set('notifyUsers', String(options.notifyUsers));
  if (options.adjustEstimate !== undefined) query.set('adjustEstimate', options.adjustEstimate);
  return query;
}

/** Keys a JQL error says do not exist or are invalid, e.g. "An issue with key 'ABC-9' does not exist for field 'key'." */
function keysNamedInErrors(body: unknown, keys: string[]): string[] {
  const text = [...asArray(field(body, 'errorMessages')), ...Object.values((field(body, 'errors') as object) ?? {})].join(' ').toUpperCase();
  return keys.filter((key) => new RegExp(`'${key}'`).test(text));
}

export function createForgeJira(options: ForgeJiraOptions = {}): JiraFactory {
  const retry: RetryOptions = {
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    maxRetryMs: options.maxRetryMs ?? 20_000,
    random: options.random ?? Math.random,
  };
  const requester = options.requester ?? ((accountId?: string) => api.asUser(accountId).requestJira);
  const appRequester = options.appRequester ?? (() => api.asApp().requestJira);
  const pacer = options.pacer === undefined ? processPacer() : options.pacer;

  const factory: JiraFactory & { asUser(accountId?: string, via?: RequestJira): JiraPort } = {
    quotaResetsAt: () => pacer?.quotaResetsAt() ?? null,
    asApp: () => factory.asUser(undefined, appRequester()),
    /** As the person (`via`: the same port over another sender, the app's). */
    asUser(accountId?: string, via?: RequestJira): JiraPort {
      const requestJira = via ?? requester(accountId);
      const call = (path: Route, init: RequestInit, context: Partial<CallContext> = {}) => {
        const method = init.method ?? 'GET';
        const writes = context.action === 'create' || context.action === 'update' || context.action === 'delete';
        const pacing = pacer
          ? { pacer, call: { method, path: path.value, ...(writes && context.issueKey ? { issueKey: context.issueKey } : {}) } }
          : undefined;
        return callJira(() => requestJira(path, init), { action: 'read', idempotent: true, ...context }, retry, pacing);
      };

      async function searchIssues(keys: string[]): Promise<JiraIssue[]> {
        let remaining = keys;
        const found: JiraIssue[] = [];
        let nextPageToken: string | undefined;
        while (remaining.length > 0) {
          const body: Record<string, unknown> = { jql: `key in (${remaining.join(', ')})`, fields: ISSUE_FIELDS, maxResults: SEARCH_PAGE };
          if (nextPageToken) body.nextPageToken = nextPageToken;
          const answer = await call(route`/rest/api/3/search/jql`, jsonInit('POST', body), { acceptStatuses: [400] });
          if (answer.status === 400) {
            // JQL refuses keys that do not exist (or the person cannot see): drop them and ask again.
            const missing = keysNamedInErrors(answer.body, remaining);
            if (missing.length === 0) {
              const words = asArray(field(answer.body, 'errorMessages')).join(' ');
              throw localizedError('jira-error', withWords({ key: 'errors.jira.lookupRefused' }, words), { status: 400 });
            }
            remaining = remaining.filter((key) => !missing.includes(key));
            found.length = 0;
            nextPageToken = undefined;
            continue;
          }
          found.push(...asArray(field(answer.body, 'issues')).map(toIssue));
          const token = field(answer.body, 'nextPageToken');
          if (field(answer.body, 'isLast') === true || typeof token !== 'string' || token === '') break;
          nextPageToken = token;
        }
        return found;
      }

      const port: JiraPort = {
        async createWorklog(issueKey, input, writeOptions) {
          const query = writeQuery(writeOptions);
          query.set('expand', 'properties');
          const { body } = await call(route`/rest/api/3/issue/${issueKey}/worklog?${query}`, jsonInit('POST', worklogBody(input)), {
            action: 'create',
            issueKey,
            idempotent: false,
          });
          return toWorklog(body);
        },

        async updateWorklog(issueKey, worklogId, input, writeOptions) {
          const query = writeQuery(writeOptions);
          query.set('expand', 'properties');
          const { body } = await call(route`/rest/api/3/issue/${issueKey}/worklog/${worklogId}?${query}`, jsonInit('PUT', worklogBody(input)), {
            action: 'update',
            issueKey,
          });
          return toWorklog(body);
        },

        async deleteWorklog(issueKey, worklogId, writeOptions) {
          const query = writeQuery(writeOptions);
          await call(route`/rest/api/3/issue/${issueKey}/worklog/${worklogId}?${query}`, jsonInit('DELETE'), { action: 'delete', issueKey });
        },

        async listWorklogs(issueKey, range = {}) {
          const all: Worklog[] = [];
          for (let startAt = 0; ;) {
            const query = new URLSearchParams({ startAt: String(startAt), maxResults: String(WORKLOG_PAGE), expand: 'properties' });
            if (range.startedAfterMs !== undefined) query.set('startedAfter', String(Math.floor(range.startedAfterMs)));
            if (range.startedBeforeMs !== undefined) query.set('startedBefore', String(Math.floor(range.startedBeforeMs)));
            const { body } = await call(route`/rest/api/3/issue/${issueKey}/worklog?${query}`, jsonInit('GET'), { issueKey });
            const page = asArray(field(body, 'worklogs'));
            all.push(...page.map(toWorklog));
            const total = Number(field(body, 'total') ?? 0);
            if (page.length === 0 || startAt + page.length >= total) return all;
            startAt += page.length;
          }
        },

        async getWorklogs(ids) {
          const numeric = [...new Set(ids.filter((id) => /^\d+$/.test(id)))].map(Number);
          const out: Worklog[] = [];
          for (let i = 0; i < numeric.length; i += WORKLOG_LIST_CHUNK) {
            const chunk = numeric.slice(i, i + WORKLOG_LIST_CHUNK);
            const { body } = await call(route`/rest/api/3/worklog/list?expand=properties`, jsonInit('POST', { ids: chunk }));
            out.push(...asArray(body).map(toWorklog));
          }
          return out;
        },

        async getIssue(issueKey) {
          const fields = ISSUE_FIELDS.join(',');
          const { status, body } = await call(route`/rest/api/3/issue/${issueKey}?fields=${fields}`, jsonInit('GET'), {
            issueKey,
            acceptStatuses: [404],
          });
          return status === 404 ? null : toIssue(body);
        },

        async getIssues(issueKeys) {
          const keys = [...new Set(issueKeys.map((k) => k.trim().toUpperCase()).filter((k) => ISSUE_KEY_PATTERN.test(k)))];
          if (keys.length > SEARCH_PAGE) throw new AppError('invalid-payload', `At most ${SEARCH_PAGE} issues can be looked up at once.`);
          return keys.length ? searchIssues(keys) : [];
        },

        async pickIssues(text) {
          const query = new URLSearchParams({ query: text, showSubTasks: 'true' });
          const { body } = await call(route`/rest/api/3/issue/picker?${query}`, jsonInit('GET'));
          const picked = fromPicker(body);
          if (picked.length === 0) return picked;
          // The picker has no status; one search fills it in (best effort: a failure leaves it blank).
          const issues = await port.getIssues(picked.slice(0, SEARCH_PAGE).map((p) => p.key)).catch(() => [] as JiraIssue[]);
          const byKey = new Map(issues.map((i) => [i.key, i]));
          return picked.map((p) => {
            const issue = byKey.get(p.key);
            return issue ? { ...p, status: issue.status, statusCategory: issue.statusCategory } : p;
          });
        },

        async myself() {
          const { body } = await call(route`/rest/api/3/myself`, jsonInit('GET'));
          return toUser(body);
        },

        async myPermissions(keys, scope: PermissionScope) {
          const query = new URLSearchParams({ permissions: keys.join(',') });
          if ('issueKey' in scope) query.set('issueKey', scope.issueKey);
          else if ('projectKey' in scope) query.set('projectKey', scope.projectKey);
          const { body } = await call(route`/rest/api/3/mypermissions?${query}`, jsonInit('GET'), {
            issueKey: 'issueKey' in scope ? scope.issueKey : undefined,
            projectKey: 'projectKey' in scope ? scope.projectKey : undefined,
          });
          const granted = field(body, 'permissions');
          return Object.fromEntries(keys.map((key) => [key, field(field(granted, key), 'havePermission') === true]));
        },

        async worklogChanges(kind, sinceMs) {
          const since = String(Math.max(0, Math.floor(sinceMs)));
          const { body } =
            kind === 'updated'
              ? await call(route`/rest/api/3/worklog/updated?since=${since}`, jsonInit('GET'))
              : await call(route`/rest/api/3/worklog/deleted?since=${since}`, jsonInit('GET'));
          return toWorklogChanges(body, sinceMs);
        },
      };
      return port;
    },
  };
  return factory;
}
