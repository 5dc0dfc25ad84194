/** /rest/api/3/issue/{issueIdOrKey}/worklog/{worklogId}/properties[/{propertyKey}] */
import { jiraError, json, route, type Ctx, type Reply, type Route } from '../router';
import { checkPropertyKey, checkPropertyValue } from '../validation';
import { canEditWorklog, findIssueWorklog } from './common';

const BASE = '/rest/api/3/issue/{issueIdOrKey}/worklog/{worklogId}/properties';

function selfUrl(ctx: Ctx, issueId: string, worklogId: string, key: string): string {
  return `${ctx.baseUrl}/rest/api/3/issue/${issueId}/worklog/${worklogId}/properties/${encodeURIComponent(key)}`;
}

const missing = (key: string) => jiraError(404, [`The property with key '${key}' does not exist.`]);

function keys(ctx: Ctx): Reply {
  const f = findIssueWorklog(ctx, 'worklogId');
  if (!f.ok) return f.reply;
  const { issue, worklog } = f.value;
  return json(200, { keys: [...worklog.properties.keys()].map((key) => ({ key, self: selfUrl(ctx, issue.id, worklog.id, key) })) });
}

function get(ctx: Ctx): Reply {
  const f = findIssueWorklog(ctx, 'worklogId');
  if (!f.ok) return f.reply;
  const key = ctx.params.propertyKey;
  const bad = checkPropertyKey(key);
  if (bad) return jiraError(400, [bad]);
  if (!f.value.worklog.properties.has(key)) return missing(key);
  return json(200, { key, value: structuredClone(f.value.worklog.properties.get(key)) });
}

function put(ctx: Ctx): Reply {
  const f = findIssueWorklog(ctx, 'worklogId');
  if (!f.ok) return f.reply;
  const { issue, worklog } = f.value;
  const key = ctx.params.propertyKey;
  const bad = checkPropertyKey(key) ?? checkPropertyValue(ctx.body);
  if (bad) return jiraError(400, [bad]);
  if (!canEditWorklog(ctx, issue, worklog)) return jiraError(403, ['You do not have permission to edit this worklog.']);
  const existed = worklog.properties.has(key);
  worklog.properties.set(key, structuredClone(ctx.body));
  return json(existed ? 200 : 201);
}

function del(ctx: Ctx): Reply {
  const f = findIssueWorklog(ctx, 'worklogId');
  if (!f.ok) return f.reply;
  const { issue, worklog } = f.value;
  const key = ctx.params.propertyKey;
  if (!canEditWorklog(ctx, issue, worklog)) return jiraError(403, ['You do not have permission to edit this worklog.']);
  if (!worklog.properties.has(key)) return missing(key);
  worklog.properties.delete(key);
  return { status: 204 };
}

export const propertyRoutes: Route[] = [
  route('GET', BASE, keys),
  route('GET', `${BASE}/{propertyKey}`, get),
  route('PUT', `${BASE}/{propertyKey}`, put),
  route('DELETE', `${BASE}/{propertyKey}`, del),
];
