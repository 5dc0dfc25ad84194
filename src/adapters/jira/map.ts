// Jira REST JSON → the port's types.
import type { IssueSummary } from '../../shared/contract';
import type { JiraIssue, JiraUser, Worklog, WorklogChanges } from '../../services/ports';
import { localizedError, type AppError } from '../../domain/errors';
import { parseJiraInstant } from '../../domain/time';

type Json = Record<string, unknown>;

const obj = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback);

const NOT_UNDERSTOOD = {
  worklog: { key: 'errors.jira.notUnderstood.worklog' },
  issue: { key: 'errors.jira.notUnderstood.issue' },
  user: { key: 'errors.jira.notUnderstood.user' },
  'worklog changes': { key: 'errors.jira.notUnderstood.worklogChanges' },
};

function unexpected(what: keyof typeof NOT_UNDERSTOOD): AppError {
  return localizedError('jira-error', NOT_UNDERSTOOD[what]);
}

export function toWorklog(raw: unknown): Worklog {
  const w = obj(raw);
  if (w.id === undefined || typeof w.started !== 'string') throw unexpected('worklog');
  const properties: Record<string, unknown> = {};
  if (Array.isArray(w.properties)) {
    for (const p of w.properties) {
      const prop = obj(p);
      if (typeof prop.key === 'string') properties[prop.key] = prop.value;
    }
  }
  return {
    id: str(w.id),
    started: parseJiraInstant(w.started).toISOString(),
    timeSpentSeconds: typeof w.timeSpentSeconds === 'number' ? w.timeSpentSeconds : 0,
    comment: w.comment ?? null,
    properties,
    ...(typeof obj(w.author).accountId === 'string' ? { authorAccountId: obj(w.author).accountId as string } : {}),
  };
}

export function toIssue(raw: unknown): JiraIssue {
  const issue = obj(raw);
  const fields = obj(issue.fields);
  const status = obj(fields.status);
  if (typeof issue.key !== 'string') throw unexpected('issue');
  return {
    id: str(issue.id),
    key: issue.key,
    summary: str(fields.summary),
    status: str(status.name),
    statusCategory: str(obj(status.statusCategory).key),
  };
}

export function toUser(raw: unknown): JiraUser {
  const u = obj(raw);
  if (typeof u.accountId !== 'string') throw unexpected('user');
  return {
    accountId: u.accountId,
    displayName: str(u.displayName),
    timeZone: str(u.timeZone, 'UTC') || 'UTC',
    locale: str(u.locale, 'en_US') || 'en_US',
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

export function htmlToText(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e: string) => ENTITIES[e]);
}

/** Picker sections → summaries: "History Search" (recent) first, each key once. */
export function fromPicker(raw: unknown): IssueSummary[] {
  const sections = Array.isArray(obj(raw).sections) ? (obj(raw).sections as unknown[]).map(obj) : [];
  const isHistory = (s: Json) => s.id === 'hs' || s.label === 'History Search';
  const ordered = [...sections.filter(isHistory), ...sections.filter((s) => !isHistory(s))];
  const seen = new Set<string>();
  const out: IssueSummary[] = [];
  for (const section of ordered) {
    for (const item of Array.isArray(section.issues) ? section.issues.map(obj) : []) {
      const key = str(item.key);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const summary = typeof item.summaryText === 'string' ? item.summaryText : htmlToText(str(item.summary));
      out.push({ key, summary, status: '', recent: isHistory(section) });
    }
  }
  return out;
}

/** A page of `worklog/updated` or `worklog/deleted` (ids as strings; `until` never before `since`). */
export function toWorklogChanges(raw: unknown, sinceMs: number): WorklogChanges {
  const page = obj(raw);
  if (!Array.isArray(page.values)) throw unexpected('worklog changes');
  const values = page.values.flatMap((v) => {
    const change = obj(v);
    const id = str(change.worklogId);
    return /^\d+$/.test(id) && typeof change.updatedTime === 'number' ? [{ worklogId: id, at: change.updatedTime }] : [];
  });
  const until = typeof page.until === 'number' ? Math.max(page.until, sinceMs) : sinceMs;
  return { values, until, lastPage: page.lastPage !== false };
}
