/** /rest/api/3/issue/{issueIdOrKey}/worklog[/{id}] */
import { jiraError, json, route, type Ctx, type Reply, type Route } from '../router';
import { MAX_WORKLOGS_PER_ISSUE, type IssueRec } from '../state';
import { renderWorklog, wantsProperties } from '../render';
import { parseEstimate, validateWorklogBody, type Result } from '../validation';
import { canDeleteWorklog, canEditWorklog, findIssue, findIssueWorklog, intParam, requireTimeTracking } from './common';

type Adjust = { mode: string; amount?: number };

/** Reads adjustEstimate (+ newEstimate / reduceBy / increaseBy) for one operation. */
function parseAdjust(ctx: Ctx, manualParam: 'reduceBy' | 'increaseBy' | null): Result<Adjust> {
  const mode = (ctx.query.get('adjustEstimate') ?? 'auto').toLowerCase();
  if (!['new', 'leave', 'manual', 'auto'].includes(mode)) {
    return {
      ok: false,
      reply: jiraError(400, [`Invalid value '${ctx.query.get('adjustEstimate')}' for adjustEstimate. Use one of: new, leave, manual, auto.`]),
    };
  }
  if (mode === 'new') {
    const r = parseEstimate('newEstimate', ctx.query.get('newEstimate'));
    return r.ok ? { ok: true, value: { mode, amount: r.value } } : r;
  }
  if (mode === 'manual' && manualParam) {
    const r = parseEstimate(manualParam, ctx.query.get(manualParam));
    return r.ok ? { ok: true, value: { mode, amount: r.value } } : r;
  }
  return { ok: true, value: { mode: mode === 'manual' ? 'leave' : mode } };
}

/** Applies an estimate adjustment; `spentDelta` is the change in time spent (negative on delete). */
function applyAdjust(issue: IssueRec, adj: Adjust, spentDelta: number): void {
  const rem = issue.remainingEstimateSeconds;
  if (adj.mode === 'new') issue.remainingEstimateSeconds = adj.amount;
  else if (adj.mode === 'manual') {
    const sign = spentDelta < 0 ? 1 : -1; // delete increases, create reduces
    issue.remainingEstimateSeconds = Math.max(0, (rem ?? 0) + sign * (adj.amount ?? 0));
  } else if (adj.mode === 'auto' && rem !== undefined) issue.remainingEstimateSeconds = Math.max(0, rem - spentDelta);
}

function create(ctx: Ctx): Reply {
  const found = findIssue(ctx, ctx.params.issueIdOrKey);
  if (!found.ok) return found.reply;
  const issue = found.value;
  const tt = requireTimeTracking(ctx);
  if (tt) return tt;
  if (!ctx.state.hasPermission(ctx.caller, issue.projectKey, 'WORK_ON_ISSUES')) {
    return jiraError(400, ['You do not have the permission to associate a worklog to this issue.']);
  }
  const adj = parseAdjust(ctx, 'reduceBy');
  if (!adj.ok) return adj.reply;
  const input = validateWorklogBody(ctx.body, 'create');
  if (!input.ok) return input.reply;
  if ((ctx.state.worklogsByIssue.get(issue.id)?.length ?? 0) >= MAX_WORKLOGS_PER_ISSUE) {
    return jiraError(413, [`This issue has reached the limit of ${MAX_WORKLOGS_PER_ISSUE} worklogs. No more worklogs can be added to it.`]);
  }
  const v = input.value;
  const w = ctx.state.addWorklog(issue, {
    authorAccountId: ctx.caller.accountId,
    started: v.started!,
    timeSpentSeconds: v.timeSpentSeconds!,
    comment: v.comment ?? undefined,
    visibility: v.visibility,
    properties: v.properties ?? new Map(),
  });
  applyAdjust(issue, adj.value, w.timeSpentSeconds);
  if (!ctx.caller.isApp) ctx.state.touchHistory(ctx.caller.accountId, issue.id);
  ctx.state.onWorklogChange?.('created', w, ctx.caller.accountId);
  return json(201, renderWorklog(ctx.state, ctx.baseUrl, ctx.caller, w, wantsProperties(ctx.query.get('expand'))));
}

function update(ctx: Ctx): Reply {
  const found = findIssueWorklog(ctx, 'id');
  if (!found.ok) return found.reply;
  const { issue, worklog: w } = found.value;
  const tt = requireTimeTracking(ctx);
  if (tt) return tt;
  if (!canEditWorklog(ctx, issue, w)) return jiraError(400, ['You do not have permission to edit this worklog.']);
  const adj = parseAdjust(ctx, null);
  if (!adj.ok) return adj.reply;
  const input = validateWorklogBody(ctx.body, 'update');
  if (!input.ok) return input.reply;
  const v = input.value;
  const before = w.timeSpentSeconds;
  if (v.started !== undefined) w.started = v.started;
  if (v.timeSpentSeconds !== undefined) w.timeSpentSeconds = v.timeSpentSeconds;
  if (v.comment !== undefined) w.comment = v.comment === null ? undefined : v.comment;
  if (v.visibility !== undefined) w.visibility = v.visibility;
  for (const [k, val] of v.properties ?? []) w.properties.set(k, val);
  ctx.state.touchWorklog(w, ctx.caller.accountId);
  applyAdjust(issue, adj.value, w.timeSpentSeconds - before);
  if (!ctx.caller.isApp) ctx.state.touchHistory(ctx.caller.accountId, issue.id);
  return json(200, renderWorklog(ctx.state, ctx.baseUrl, ctx.caller, w, wantsProperties(ctx.query.get('expand'))));
}

function remove(ctx: Ctx): Reply {
  const found = findIssueWorklog(ctx, 'id');
  if (!found.ok) return found.reply;
  const { issue, worklog: w } = found.value;
  const tt = requireTimeTracking(ctx);
  if (tt) return tt;
  if (!canDeleteWorklog(ctx, issue, w)) return jiraError(400, ['You do not have permission to delete this worklog.']);
  const adj = parseAdjust(ctx, 'increaseBy');
  if (!adj.ok) return adj.reply;
  ctx.state.removeWorklog(w, ctx.caller.accountId);
  applyAdjust(issue, adj.value, -w.timeSpentSeconds);
  return { status: 204 };
}

function getOne(ctx: Ctx): Reply {
  const found = findIssueWorklog(ctx, 'id');
  if (!found.ok) return found.reply;
  const tt = requireTimeTracking(ctx);
  if (tt) return tt;
  return json(200, renderWorklog(ctx.state, ctx.baseUrl, ctx.caller, found.value.worklog, wantsProperties(ctx.query.get('expand'))));
}

function list(ctx: Ctx): Reply {
  const found = findIssue(ctx, ctx.params.issueIdOrKey);
  if (!found.ok) return found.reply;
  const tt = requireTimeTracking(ctx);
  if (tt) return tt;
  const params = ['startAt', 'maxResults', 'startedAfter', 'startedBefore'].map((n) => intParam(ctx, n));
  for (const p of params) if (!p.ok) return p.reply;
  const [startAt, maxResults, after, before] = params.map((p) => (p.ok ? p.value : null));
  const start = Math.max(0, startAt ?? 0);
  const max = Math.min(5000, Math.max(0, maxResults ?? 5000));
  const all = ctx.state.worklogsOf(found.value.id).filter((w) => (after === null || w.started >= after) && (before === null || w.started <= before));
  const withProps = wantsProperties(ctx.query.get('expand'));
  return json(200, {
    startAt: start,
    maxResults: max,
    total: all.length,
    worklogs: all.slice(start, start + max).map((w) => renderWorklog(ctx.state, ctx.baseUrl, ctx.caller, w, withProps)),
  });
}

const BASE = '/rest/api/3/issue/{issueIdOrKey}/worklog';

export const worklogRoutes: Route[] = [
  route('POST', BASE, create),
  route('GET', BASE, list),
  route('GET', `${BASE}/{id}`, getOne),
  route('PUT', `${BASE}/{id}`, update),
  route('DELETE', `${BASE}/{id}`, remove),
];
