/** /rest/api/3/worklog/list, /worklog/updated, /worklog/deleted */
import { jiraError, json, route, type Ctx, type Reply, type Route } from '../router';
import { renderProperties, renderWorklog, wantsProperties } from '../render';
import { intParam, requireTimeTracking } from './common';

export const CHANGED_PAGE_SIZE = 1000;
/** Jira does not return changes from the minute preceding the request. */
export const CHANGED_LAG_MS = 60_000;

function list(ctx: Ctx): Reply {
  const tt = requireTimeTracking(ctx);
  if (tt) return tt;
  const body = ctx.body as { ids?: unknown } | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(body.ids)) {
    return jiraError(400, ['The request body must contain ids: an array of worklog IDs.']);
  }
  const ids: string[] = [];
  for (const raw of body.ids) {
    const s = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : typeof raw === 'string' && /^\d+$/.test(raw) ? raw : null;
    if (s === null) return jiraError(400, [`Invalid worklog ID: ${JSON.stringify(raw)}.`]);
    if (!ids.includes(s)) ids.push(s);
  }
  if (ids.length > 1000) return jiraError(400, ['The number of worklog IDs must not exceed 1000.']);
  const withProps = wantsProperties(ctx.query.get('expand'));
  const out = [];
  for (const id of ids) {
    const w = ctx.state.worklogs.get(id);
    const issue = w && ctx.state.issues.get(w.issueId);
    if (w && issue && ctx.state.canSee(ctx.caller, issue)) out.push(renderWorklog(ctx.state, ctx.baseUrl, ctx.caller, w, withProps));
  }
  return json(200, out);
}

interface Change {
  worklogId: string;
  at: number;
  properties: { key: string; value: unknown }[];
}

/** One page of changes after `since`, oldest first; never splits a group sharing one timestamp. */
function changedPage(ctx: Ctx, path: string, changes: Change[]): Reply {
  const sinceP = intParam(ctx, 'since');
  if (!sinceP.ok) return sinceP.reply;
  const since = sinceP.value ?? 0;
  const cutoff = ctx.state.now() - CHANGED_LAG_MS;
  const eligible = changes.filter((c) => c.at > since && c.at <= cutoff).sort((a, b) => a.at - b.at);
  let end = Math.min(CHANGED_PAGE_SIZE, eligible.length);
  while (end < eligible.length && eligible[end].at === eligible[end - 1].at) end++;
  const page = eligible.slice(0, end);
  const lastPage = end >= eligible.length;
  const until = page.length ? page[page.length - 1].at : since;
  const url = `${ctx.baseUrl}${path}`;
  const expand = ctx.query.get('expand');
  const suffix = expand ? `&expand=${encodeURIComponent(expand)}` : '';
  const body: Record<string, unknown> = {
    values: page.map((c) => ({ worklogId: Number(c.worklogId), updatedTime: c.at, properties: c.properties })),
    since,
    until,
    self: `${url}?since=${since}${suffix}`,
    lastPage,
  };
  if (!lastPage) body.nextPage = `${url}?since=${until}${suffix}`;
  return json(200, body);
}

function updated(ctx: Ctx): Reply {
  const tt = requireTimeTracking(ctx);
  if (tt) return tt;
  const withProps = wantsProperties(ctx.query.get('expand'));
  const changes: Change[] = [];
  for (const w of ctx.state.worklogs.values()) {
    const issue = ctx.state.issues.get(w.issueId);
    if (!issue || !ctx.state.canSee(ctx.caller, issue)) continue;
    changes.push({ worklogId: w.id, at: w.updated, properties: withProps ? renderProperties(w) : [] });
  }
  return changedPage(ctx, '/rest/api/3/worklog/updated', changes);
}

function deleted(ctx: Ctx): Reply {
  const tt = requireTimeTracking(ctx);
  if (tt) return tt;
  return changedPage(
    ctx,
    '/rest/api/3/worklog/deleted',
    ctx.state.deleted.map((d) => ({ worklogId: d.worklogId, at: d.at, properties: [] })),
  );
}

export const bulkRoutes: Route[] = [
  route('POST', '/rest/api/3/worklog/list', list, { write: false }),
  route('GET', '/rest/api/3/worklog/updated', updated),
  route('GET', '/rest/api/3/worklog/deleted', deleted),
];
