/** GET /rest/api/3/issue/{issueIdOrKey} and GET /rest/api/3/issue/picker */
import { jiraError, json, route, type Ctx, type Reply, type Route } from '../router';
import { issueTypeIcon, renderIssueBean } from '../render';
import { compileJql, JqlError, parseJql, textMatches } from '../jql';
import type { IssueRec } from '../state';
import { findIssue, listParam } from './common';

function getIssue(ctx: Ctx): Reply {
  const found = findIssue(ctx, ctx.params.issueIdOrKey);
  if (!found.ok) return found.reply;
  const fields = listParam(ctx, 'fields');
  if (!ctx.caller.isApp) ctx.state.touchHistory(ctx.caller.accountId, found.value.id);
  return json(200, renderIssueBean(ctx.state, ctx.baseUrl, ctx.caller, found.value, fields.length ? fields : ['*all']));
}

const PICKER_LIMIT = 20;
const KEYISH = /^[A-Za-z][A-Za-z0-9_]*(-\d*)?$/;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Summary as HTML with the matched prefix of each matching word in <b>. */
export function highlight(summary: string, query: string): string {
  const q = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  let out = '';
  let last = 0;
  for (const m of summary.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = m[0];
    const hit = q.filter((qw) => word.toLowerCase().startsWith(qw)).sort((a, b) => b.length - a.length)[0];
    if (!hit) continue;
    const at = m.index ?? 0;
    out += escapeHtml(summary.slice(last, at)) + `<b>${escapeHtml(word.slice(0, hit.length))}</b>`;
    last = at + hit.length;
  }
  return out + escapeHtml(summary.slice(last));
}

function keyMatches(issue: IssueRec, q: string): boolean {
  return KEYISH.test(q) && issue.key.startsWith(q.toUpperCase());
}

function picker(ctx: Ctx): Reply {
  const { state, caller } = ctx;
  const query = (ctx.query.get('query') ?? '').trim();
  const showSubTasks = ctx.query.get('showSubTasks') !== 'false';
  const currentIssueKey = ctx.query.get('currentIssueKey');
  const currentProjectId = ctx.query.get('currentProjectId');
  const currentJql = ctx.query.get('currentJQL');
  let inJql: (i: IssueRec) => boolean = () => true;
  if (currentJql && currentJql.trim()) {
    try {
      inJql = compileJql(state, caller, parseJql(currentJql).where);
    } catch (e) {
      if (e instanceof JqlError) return jiraError(400, e.messages);
      throw e;
    }
  }
  const eligible = (i: IssueRec) =>
    state.canSee(caller, i) &&
    (showSubTasks || i.issueType !== 'Sub-task') &&
    (!currentIssueKey || state.issueByKeyOrId(currentIssueKey)?.id !== i.id) &&
    (!currentProjectId || state.projects.get(i.projectKey)?.id === currentProjectId);
  const matchesQuery = (i: IssueRec) => !query || keyMatches(i, query) || textMatches(i.summary, query);

  const historyIds = state.history.get(caller.accountId) ?? [];
  const history = historyIds.map((id) => state.issues.get(id)).filter((i): i is IssueRec => !!i && eligible(i) && matchesQuery(i));
  const inHistory = new Set(history.map((i) => i.id));
  const current =
    !query && !(currentJql && currentJql.trim())
      ? []
      : [...state.issues.values()]
          .filter((i) => !inHistory.has(i.id) && eligible(i) && inJql(i) && matchesQuery(i))
          .sort((a, b) => b.updated - a.updated);

  const suggest = (i: IssueRec) => ({
    id: Number(i.id),
    key: i.key,
    keyHtml: query && keyMatches(i, query) ? `<b>${i.key.slice(0, query.length)}</b>${i.key.slice(query.length)}` : i.key,
    img: issueTypeIcon(ctx.baseUrl, i),
    summary: highlight(i.summary, query),
    summaryText: i.summary,
  });
  const section = (id: string, label: string, list: IssueRec[]) => {
    const shown = list.slice(0, PICKER_LIMIT);
    return { label, sub: `Showing ${shown.length} of ${list.length} matching issues`, id, issues: shown.map(suggest) };
  };
  return json(200, { sections: [section('hs', 'History Search', history), section('cs', 'Current Search', current)] });
}

export const issueRoutes: Route[] = [route('GET', '/rest/api/3/issue/picker', picker), route('GET', '/rest/api/3/issue/{issueIdOrKey}', getIssue)];
