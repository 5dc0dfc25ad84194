/** Renders state as Jira REST v3 JSON, times in the reader's zone. */
import type { StatusName } from './types';
import { APP_ACCOUNT_ID, type Caller, type IssueRec, type JiraState, type WorklogRec } from './state';
import { formatDuration, formatJiraDateTime } from './time';

export const APP_DISPLAY_NAME = 'Timecard for Jira';

function avatarUrls(base: string, id: string): Record<string, string> {
  const u = `${base}/secure/useravatar?ownerId=${encodeURIComponent(id)}`;
  return { '48x48': `${u}&size=48`, '24x24': `${u}&size=24`, '16x16': `${u}&size=16`, '32x32': `${u}&size=32` };
}

/** UserDetails (author/updateAuthor). Unknown accounts render as inactive users. */
export function renderUserDetails(state: JiraState, base: string, accountId: string): Record<string, unknown> {
  const self = `${base}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`;
  if (accountId === APP_ACCOUNT_ID) {
    return {
      self,
      accountId,
      avatarUrls: avatarUrls(base, accountId),
      displayName: APP_DISPLAY_NAME,
      active: true,
      timeZone: state.defaultTimeZone,
      accountType: 'app',
    };
  }
  const u = state.users.get(accountId);
  if (!u) return { self, accountId, avatarUrls: avatarUrls(base, accountId), displayName: 'Former user', active: false, accountType: 'atlassian' };
  const out: Record<string, unknown> = {
    self,
    accountId,
    avatarUrls: avatarUrls(base, accountId),
    displayName: u.displayName,
    active: u.active ?? true,
    timeZone: u.timeZone,
    accountType: 'atlassian',
  };
  if (u.emailAddress) out.emailAddress = u.emailAddress;
  return out;
}

export function wantsProperties(expand: string | null): boolean {
  return (expand ?? '')
    .split(',')
    .map((s) => s.trim())
    .includes('properties');
}

export function renderProperties(w: WorklogRec): { key: string; value: unknown }[] {
  return [...w.properties].map(([key, value]) => ({ key, value: structuredClone(value) }));
}

export function renderWorklog(state: JiraState, base: string, reader: Caller, w: WorklogRec, withProps: boolean): Record<string, unknown> {
  const tz = reader.timeZone;
  const out: Record<string, unknown> = {
    self: `${base}/rest/api/3/issue/${w.issueId}/worklog/${w.id}`,
    author: renderUserDetails(state, base, w.authorAccountId),
    updateAuthor: renderUserDetails(state, base, w.updateAuthorAccountId),
  };
  if (w.comment !== undefined) out.comment = structuredClone(w.comment);
  Object.assign(out, {
    created: formatJiraDateTime(w.created, tz),
    updated: formatJiraDateTime(w.updated, tz),
    started: formatJiraDateTime(w.started, tz),
    timeSpent: formatDuration(w.timeSpentSeconds),
    timeSpentSeconds: w.timeSpentSeconds,
    id: w.id,
    issueId: w.issueId,
  });
  if (w.visibility) out.visibility = { ...w.visibility };
  if (withProps) out.properties = renderProperties(w);
  return out;
}

const STATUS: Record<StatusName, { id: string; cat: { id: number; key: string; colorName: string; name: string } }> = {
  'To Do': { id: '10000', cat: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' } },
  'In Progress': { id: '3', cat: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' } },
  Done: { id: '10001', cat: { id: 3, key: 'done', colorName: 'green', name: 'Done' } },
};

export function statusCategoryKey(s: StatusName): string {
  return STATUS[s].cat.key;
}

export function renderStatus(base: string, s: StatusName): Record<string, unknown> {
  const st = STATUS[s];
  return {
    self: `${base}/rest/api/3/status/${st.id}`,
    description: '',
    iconUrl: `${base}/images/icons/statuses/generic.png`,
    name: s,
    id: st.id,
    statusCategory: { self: `${base}/rest/api/3/statuscategory/${st.cat.id}`, ...st.cat },
  };
}

export function issueTypeIcon(base: string, issue: IssueRec): string {
  const avatar = issue.issueType === 'Sub-task' ? 10316 : 10318;
  return `${base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${avatar}?size=medium`;
}

export function renderProjectRef(state: JiraState, base: string, projectKey: string): Record<string, unknown> {
  const p = state.projects.get(projectKey)!;
  return {
    self: `${base}/rest/api/3/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: 'software',
    simplified: false,
    avatarUrls: { '48x48': `${base}/rest/api/3/universal_avatar/view/type/project/avatar/10400` },
  };
}

const secondsOrNull = (n: number | undefined) => (n === undefined || n === 0 ? null : n);

/** All fields the emulator knows, rendered for a reader. */
export function renderIssueFields(state: JiraState, base: string, reader: Caller, issue: IssueRec): Record<string, unknown> {
  const spent = state.totalSpent(issue.id);
  const worklogs = state.worklogsOf(issue.id);
  const tt: Record<string, unknown> = {};
  if (issue.originalEstimateSeconds !== undefined) {
    tt.originalEstimate = formatDuration(issue.originalEstimateSeconds);
    tt.originalEstimateSeconds = issue.originalEstimateSeconds;
  }
  if (issue.remainingEstimateSeconds !== undefined) {
    tt.remainingEstimate = formatDuration(issue.remainingEstimateSeconds);
    tt.remainingEstimateSeconds = issue.remainingEstimateSeconds;
  }
  if (spent > 0) {
    tt.timeSpent = formatDuration(spent);
    tt.timeSpentSeconds = spent;
  }
  const subtask = issue.issueType === 'Sub-task';
  return {
    summary: issue.summary,
    status: renderStatus(base, issue.status),
    project: renderProjectRef(state, base, issue.projectKey),
    issuetype: {
      self: `${base}/rest/api/3/issuetype/${subtask ? 10003 : 10001}`,
      id: subtask ? '10003' : '10001',
      name: issue.issueType,
      subtask,
      iconUrl: issueTypeIcon(base, issue),
      hierarchyLevel: subtask ? -1 : 0,
    },
    created: formatJiraDateTime(issue.created, reader.timeZone),
    updated: formatJiraDateTime(issue.updated, reader.timeZone),
    timespent: secondsOrNull(spent),
    timeoriginalestimate: issue.originalEstimateSeconds ?? null,
    timeestimate: issue.remainingEstimateSeconds ?? null,
    timetracking: tt,
    worklog: {
      startAt: 0,
      maxResults: 20,
      total: worklogs.length,
      worklogs: worklogs.slice(0, 20).map((w) => renderWorklog(state, base, reader, w, false)),
    },
  };
}

const NAVIGABLE_EXCLUDED = new Set(['worklog']);

/** Parses a `fields` parameter (comma list or repeated) into a field filter. */
export function selectFields(all: Record<string, unknown>, requested: string[]): Record<string, unknown> {
  const wanted = requested
    .flatMap((f) => f.split(','))
    .map((f) => f.trim())
    .filter(Boolean);
  const out: Record<string, unknown> = {};
  const include = new Set<string>();
  const exclude = new Set<string>();
  for (const f of wanted) {
    if (f === '*all') Object.keys(all).forEach((k) => include.add(k));
    else if (f === '*navigable')
      Object.keys(all)
        .filter((k) => !NAVIGABLE_EXCLUDED.has(k))
        .forEach((k) => include.add(k));
    else if (f.startsWith('-')) exclude.add(f.slice(1));
    else include.add(f);
  }
  for (const k of include) if (!exclude.has(k) && k in all) out[k] = all[k];
  return out;
}

export function renderIssueBean(state: JiraState, base: string, reader: Caller, issue: IssueRec, fields: string[]): Record<string, unknown> {
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${base}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: selectFields(renderIssueFields(state, base, reader, issue), fields),
  };
}
