/** /rest/api/3/search/jql (GET, POST) and the removed /search endpoints (410). */
import { jiraError, json, route, type Ctx, type Reply, type Route } from '../router';
import { renderIssueBean } from '../render';
import { compileJql, JqlError, parseJql, sortIssues } from '../jql';
import { intParam, listParam } from './common';

export const SEARCH_REMOVED =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';
export const UNBOUNDED_JQL = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';

interface SearchRequest {
  jql: unknown;
  nextPageToken: unknown;
  maxResults: number | null;
  fields: string[];
}

const encodeToken = (offset: number, jql: string) => Buffer.from(JSON.stringify({ o: offset, j: jql })).toString('base64url');

function decodeToken(token: string, jql: string): number | null {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; j?: unknown };
    return typeof t.o === 'number' && Number.isInteger(t.o) && t.o >= 0 && t.j === jql ? t.o : null;
  } catch {
    return null;
  }
}

function search(ctx: Ctx, req: SearchRequest): Reply {
  if (typeof req.jql !== 'string' || req.jql.trim() === '') return jiraError(400, [UNBOUNDED_JQL]);
  const jql = req.jql;
  let matching;
  try {
    const parsed = parseJql(jql);
    if (!parsed.where) return jiraError(400, [UNBOUNDED_JQL]);
    const pred = compileJql(ctx.state, ctx.caller, parsed.where);
    const visible = [...ctx.state.issues.values()].filter((i) => ctx.state.canSee(ctx.caller, i) && pred(i));
    matching = sortIssues(visible, parsed.orderBy);
  } catch (e) {
    if (e instanceof JqlError) return jiraError(400, e.messages);
    throw e;
  }
  let offset = 0;
  if (req.nextPageToken !== undefined && req.nextPageToken !== null && req.nextPageToken !== '') {
    const o = typeof req.nextPageToken === 'string' ? decodeToken(req.nextPageToken, jql) : null;
    if (o === null) return jiraError(400, ['The provided next page token is invalid or expired.']);
    offset = o;
  }
  const fields = req.fields.length ? req.fields : ['id'];
  const idsOnly = fields.every((f) => f === 'id' || f === 'key');
  const max = Math.max(1, Math.min(idsOnly ? 5000 : 100, req.maxResults ?? 50));
  const page = matching.slice(offset, offset + max);
  const isLast = offset + page.length >= matching.length;
  const onlyId = fields.every((f) => f === 'id');
  const issues = page.map((i) => (onlyId ? { id: i.id } : renderIssueBean(ctx.state, ctx.baseUrl, ctx.caller, i, fields)));
  const body: Record<string, unknown> = { issues, isLast };
  if (!isLast) body.nextPageToken = encodeToken(offset + page.length, jql);
  return json(200, body);
}

function searchGet(ctx: Ctx): Reply {
  const max = intParam(ctx, 'maxResults');
  if (!max.ok) return max.reply;
  return search(ctx, {
    jql: ctx.query.get('jql') ?? undefined,
    nextPageToken: ctx.query.get('nextPageToken') ?? undefined,
    maxResults: max.value,
    fields: listParam(ctx, 'fields'),
  });
}

const POST_KEYS = new Set(['expand', 'fields', 'fieldsByKeys', 'jql', 'maxResults', 'nextPageToken', 'properties', 'reconcileIssues']);

function searchPost(ctx: Ctx): Reply {
  const b = ctx.body;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) return jiraError(400, ['The request body must be a JSON object.']);
  const body = b as Record<string, unknown>;
  for (const k of Object.keys(body)) if (!POST_KEYS.has(k)) return jiraError(400, [`Unrecognized field "${k}".`]);
  if (body.maxResults !== undefined && !(typeof body.maxResults === 'number' && Number.isInteger(body.maxResults))) {
    return jiraError(400, ['maxResults must be an integer.']);
  }
  if (body.fields !== undefined && !(Array.isArray(body.fields) && body.fields.every((f) => typeof f === 'string'))) {
    return jiraError(400, ['fields must be an array of strings.']);
  }
  const fields = ((body.fields as string[] | undefined) ?? [])
    .flatMap((f) => f.split(','))
    .map((f) => f.trim())
    .filter(Boolean);
  return search(ctx, { jql: body.jql, nextPageToken: body.nextPageToken, maxResults: (body.maxResults as number | undefined) ?? null, fields });
}

const gone = (): Reply => jiraError(410, [SEARCH_REMOVED]);

export const searchRoutes: Route[] = [
  route('GET', '/rest/api/3/search/jql', searchGet),
  route('POST', '/rest/api/3/search/jql', searchPost, { write: false }),
  ...['3', '2', 'latest'].flatMap((v) => [
    route('GET', `/rest/api/${v}/search`, gone),
    route('POST', `/rest/api/${v}/search`, gone, { write: false }),
  ]),
];
