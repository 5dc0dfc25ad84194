/** Shared lookups and checks for handlers. */
import { jiraError, type Ctx, type Reply } from '../router';
import type { IssueRec, WorklogRec } from '../state';

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
export const TIME_TRACKING_DISABLED = 'Time tracking is disabled on this site. A Jira admin must enable time tracking before work can be logged.';

export type Found<T> = { ok: true; value: T } | { ok: false; reply: Reply };

/** Issue by id or key (old keys of moved issues included), 404 when missing or not visible. */
export function findIssue(ctx: Ctx, keyOrId: string): Found<IssueRec> {
  const issue = ctx.state.issueByKeyOrId(keyOrId);
  if (!issue || !ctx.state.canSee(ctx.caller, issue)) return { ok: false, reply: jiraError(404, [ISSUE_NOT_FOUND]) };
  return { ok: true, value: issue };
}

export function requireTimeTracking(ctx: Ctx): Reply | null {
  return ctx.state.timeTrackingEnabled ? null : jiraError(404, [TIME_TRACKING_DISABLED]);
}

/** Worklog `id` of `issue`, 404 when unknown or on another issue. */
export function findWorklog(ctx: Ctx, issue: IssueRec, id: string): Found<WorklogRec> {
  const w = ctx.state.worklogs.get(id);
  if (!w || w.issueId !== issue.id) return { ok: false, reply: jiraError(404, [`Cannot find worklog with id: ${id}.`]) };
  return { ok: true, value: w };
}

/** Issue + worklog lookup shared by worklog and worklog-property routes. */
export function findIssueWorklog(ctx: Ctx, idParam: string): Found<{ issue: IssueRec; worklog: WorklogRec }> {
  const issue = findIssue(ctx, ctx.params.issueIdOrKey);
  if (!issue.ok) return issue;
  const w = findWorklog(ctx, issue.value, ctx.params[idParam]);
  if (!w.ok) return w;
  return { ok: true, value: { issue: issue.value, worklog: w.value } };
}

export function canEditWorklog(ctx: Ctx, issue: IssueRec, w: WorklogRec): boolean {
  const own = w.authorAccountId === ctx.caller.accountId;
  return (
    ctx.state.hasPermission(ctx.caller, issue.projectKey, own ? 'EDIT_OWN_WORKLOGS' : 'EDIT_ALL_WORKLOGS') ||
    (own && ctx.state.hasPermission(ctx.caller, issue.projectKey, 'EDIT_ALL_WORKLOGS'))
  );
}

export function canDeleteWorklog(ctx: Ctx, issue: IssueRec, w: WorklogRec): boolean {
  const own = w.authorAccountId === ctx.caller.accountId;
  return (
    ctx.state.hasPermission(ctx.caller, issue.projectKey, own ? 'DELETE_OWN_WORKLOGS' : 'DELETE_ALL_WORKLOGS') ||
    (own && ctx.state.hasPermission(ctx.caller, issue.projectKey, 'DELETE_ALL_WORKLOGS'))
  );
}

/** Non-negative integer query parameter; null when absent; error reply when malformed. */
export function intParam(ctx: Ctx, name: string): { ok: true; value: number | null } | { ok: false; reply: Reply } {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return { ok: true, value: null };
  if (!/^-?\d+$/.test(raw)) return { ok: false, reply: jiraError(400, [`Invalid value '${raw}' for parameter ${name}.`]) };
  return { ok: true, value: Number(raw) };
}

/** Comma-separated or repeated list parameter. */
export function listParam(ctx: Ctx, name: string): string[] {
  return ctx.query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}
