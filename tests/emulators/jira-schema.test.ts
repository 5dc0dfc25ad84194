/**
 * Every emulator response is validated against Atlassian's published OpenAPI schemas
 * (emulators/jira/openapi-subset.json), $refs resolved against its components.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import subset from '../../emulators/jira/openapi-subset.json';
import { startJiraEmulator, type JiraEmulator } from '../../emulators/jira';
import { adf, call, testSeed, type CallResult } from '../../emulators/jira/testkit';

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
};

const doc = structuredClone(subset) as unknown as Doc;
// The published SuggestedIssue schema omits `summary` (additionalProperties: false), yet Jira's own
// response example for GET /issue/picker carries "summary" (HTML with <b>). Allow exactly that field.
doc.components.schemas.SuggestedIssue.properties.summary = { type: 'string' };

const ajv = new Ajv({ strict: false, allErrors: true });
// Jira renders date-times as yyyy-MM-dd'T'HH:mm:ss.SSS±hhmm (no colon in the offset), not RFC 3339.
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/);
ajv.addFormat('uri', /^https?:\/\/\S+$/);
for (const f of ['int32', 'int64', 'double', 'uuid']) ajv.addFormat(f, true);
ajv.addSchema({ ...doc, $id: 'subset' });

const ptr = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const cache = new Map<string, ValidateFunction>();

function validatorFor(method: string, path: string, status: number): ValidateFunction {
  const id = `${method} ${path} ${status}`;
  let v = cache.get(id);
  if (!v) {
    const resp = doc.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
    const hasSchema = !!resp?.content?.['application/json']?.schema;
    const ref = hasSchema
      ? `subset#/paths/${ptr(path)}/${method.toLowerCase()}/responses/${status}/content/${ptr('application/json')}/schema`
      : 'subset#/components/schemas/ErrorCollection';
    if (!resp && status < 400) throw new Error(`no response ${status} documented for ${id}`);
    v = ajv.compile({ $ref: ref });
    cache.set(id, v);
  }
  return v;
}

/** Asserts the response matches the documented schema (error bodies: ErrorCollection). */
function expectValid(method: string, path: string, r: CallResult, status: number): void {
  expect(r.status).toBe(status);
  if (status === 204 || r.body === undefined) return;
  const v = validatorFor(method, path, status);
  const ok = v(r.body);
  if (!ok) throw new Error(`${method} ${path} ${status} does not match schema: ${ajv.errorsText(v.errors)}\n${JSON.stringify(r.body).slice(0, 500)}`);
}

let emu: JiraEmulator;
let wlId: string;
const WL = '/rest/api/3/issue/{issueIdOrKey}/worklog';
const WL1 = `${WL}/{id}`;
const PROPS = '/rest/api/3/issue/{issueIdOrKey}/worklog/{worklogId}/properties';
const body = {
  started: '2026-11-24T08:30:00.000+0000',
  timeSpentSeconds: 5700,
  comment: adf('schema'),
  visibility: { type: 'group', value: 'jira-users' },
  properties: [{ key: 'tc', value: { a: 1 } }],
};

beforeAll(async () => {
  emu = await startJiraEmulator({ seed: testSeed() });
  const r = await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-2/worklog', body);
  wlId = r.body.id;
  emu.seed({ worklogs: [{ issueKey: 'PROJ-2', authorAccountId: 'former-user', started: '2026-01-01T00:00:00Z', timeSpentSeconds: 60 }] });
});
afterAll(() => emu.close());

describe('responses match openapi-subset.json', () => {
  it('worklog create / update / get / list / delete', async () => {
    expectValid('POST', WL, await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-2/worklog?expand=properties', body), 201);
    expectValid('POST', WL, await call(emu.url, 'app', 'POST', '/rest/api/3/issue/PROJ-2/worklog', body), 201);
    expectValid(
      'PUT',
      WL1,
      await call(emu.url, 'alice', 'PUT', `/rest/api/3/issue/PROJ-2/worklog/${wlId}?expand=properties`, { timeSpent: '2h' }),
      200,
    );
    expectValid('GET', WL1, await call(emu.url, 'bob', 'GET', `/rest/api/3/issue/PROJ-2/worklog/${wlId}`), 200);
    expectValid('GET', WL, await call(emu.url, 'carol', 'GET', '/rest/api/3/issue/PROJ-2/worklog?expand=properties'), 200);
    const tmp = (await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-2/worklog', body)).body.id;
    expectValid('DELETE', WL1, await call(emu.url, 'alice', 'DELETE', `/rest/api/3/issue/PROJ-2/worklog/${tmp}`), 204);
  });

  it('worklog errors are ErrorCollections', async () => {
    expectValid('POST', WL, await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-2/worklog', { ...body, started: 'now' }), 400);
    expectValid('POST', WL, await call(emu.url, 'bob', 'POST', '/rest/api/3/issue/PROJ-2/worklog', body), 400);
    expectValid('POST', WL, await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/SEC-1/worklog', body), 404);
    expectValid('PUT', WL1, await call(emu.url, 'alice', 'PUT', '/rest/api/3/issue/PROJ-2/worklog/1', { timeSpentSeconds: 120 }), 404);
    expectValid('DELETE', WL1, await call(emu.url, 'bob', 'DELETE', `/rest/api/3/issue/PROJ-2/worklog/${wlId}`), 400);
  });

  it('worklog properties', async () => {
    const base = `/rest/api/3/issue/PROJ-2/worklog/${wlId}/properties`;
    expectValid('PUT', `${PROPS}/{propertyKey}`, await call(emu.url, 'alice', 'PUT', `${base}/x`, [1, 2]), 201);
    expectValid('GET', PROPS, await call(emu.url, 'alice', 'GET', base), 200);
    expectValid('GET', `${PROPS}/{propertyKey}`, await call(emu.url, 'alice', 'GET', `${base}/x`), 200);
    expectValid('GET', `${PROPS}/{propertyKey}`, await call(emu.url, 'alice', 'GET', `${base}/nope`), 404);
    expectValid('DELETE', `${PROPS}/{propertyKey}`, await call(emu.url, 'bob', 'DELETE', `${base}/x`), 403);
    expectValid('DELETE', `${PROPS}/{propertyKey}`, await call(emu.url, 'alice', 'DELETE', `${base}/x`), 204);
  });

  it('bulk worklog endpoints', async () => {
    expectValid(
      'POST',
      '/rest/api/3/worklog/list',
      await call(emu.url, 'alice', 'POST', '/rest/api/3/worklog/list?expand=properties', { ids: [Number(wlId)] }),
      200,
    );
    emu.advanceClock(61_000);
    const upd = await call(emu.url, 'alice', 'GET', '/rest/api/3/worklog/updated?since=0&expand=properties');
    expect(upd.body.values.length).toBeGreaterThan(0);
    expectValid('GET', '/rest/api/3/worklog/updated', upd, 200);
    const del = await call(emu.url, 'alice', 'GET', '/rest/api/3/worklog/deleted?since=0');
    expect(del.body.values.length).toBeGreaterThan(0);
    expectValid('GET', '/rest/api/3/worklog/deleted', del, 200);
  });

  it('issue, picker, search', async () => {
    const ISSUE = '/rest/api/3/issue/{issueIdOrKey}';
    expectValid('GET', ISSUE, await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/PROJ-2'), 200);
    expectValid('GET', ISSUE, await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/PROJ-2?fields=summary,status,project'), 200);
    expectValid('GET', ISSUE, await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/SEC-1'), 404);
    const picker = await call(emu.url, 'alice', 'GET', '/rest/api/3/issue/picker?query=login');
    expect(picker.body.sections[0].issues.length + picker.body.sections[1].issues.length).toBeGreaterThan(0);
    expectValid('GET', '/rest/api/3/issue/picker', picker, 200);
    const S = '/rest/api/3/search/jql';
    expectValid('GET', S, await call(emu.url, 'alice', 'GET', `${S}?jql=${encodeURIComponent('project = PROJ')}&maxResults=2`), 200);
    expectValid('GET', S, await call(emu.url, 'alice', 'GET', `${S}?jql=${encodeURIComponent('project = PROJ')}&fields=summary,status`), 200);
    expectValid(
      'POST',
      S,
      await call(emu.url, 'alice', 'POST', S, { jql: 'key in (PROJ-1, PROJ-2)', fields: ['summary', 'status', 'project'] }),
      200,
    );
    expectValid('GET', S, await call(emu.url, 'alice', 'GET', `${S}?jql=`), 400);
    expectValid('GET', '/rest/api/3/search', await call(emu.url, 'alice', 'GET', '/rest/api/3/search'), 410);
  });

  it('myself, mypermissions, configuration, project, serverInfo', async () => {
    expectValid('GET', '/rest/api/3/myself', await call(emu.url, 'alice', 'GET', '/rest/api/3/myself'), 200);
    expectValid('GET', '/rest/api/3/myself', await call(emu.url, 'app', 'GET', '/rest/api/3/myself'), 200);
    const MP = '/rest/api/3/mypermissions';
    expectValid('GET', MP, await call(emu.url, 'alice', 'GET', `${MP}?permissions=WORK_ON_ISSUES,ADMINISTER&issueKey=PROJ-1`), 200);
    expectValid('GET', MP, await call(emu.url, 'alice', 'GET', MP), 400);
    expectValid('GET', MP, await call(emu.url, 'alice', 'GET', `${MP}?permissions=BROWSE_PROJECTS&projectKey=SEC`), 404);
    expectValid('GET', '/rest/api/3/configuration', await call(emu.url, 'alice', 'GET', '/rest/api/3/configuration'), 200);
    emu.setTimeTracking(false);
    expectValid('GET', '/rest/api/3/configuration', await call(emu.url, 'alice', 'GET', '/rest/api/3/configuration'), 200);
    expectValid('POST', WL, await call(emu.url, 'alice', 'POST', '/rest/api/3/issue/PROJ-2/worklog', body), 404);
    emu.setTimeTracking(true);
    expectValid('GET', '/rest/api/3/project/{projectIdOrKey}', await call(emu.url, 'alice', 'GET', '/rest/api/3/project/PROJ'), 200);
    expectValid('GET', '/rest/api/3/serverInfo', await call(emu.url, 'alice', 'GET', '/rest/api/3/serverInfo'), 200);
  });

  it('the validator itself rejects wrong shapes', () => {
    const v = validatorFor('GET', '/rest/api/3/myself', 200);
    expect(v({ accountId: 'a', unexpected: true })).toBe(false);
    const w = validatorFor('POST', WL, 201);
    expect(w({ id: 100 })).toBe(false);
    expect(w({ started: '2026-11-24T08:30:00Z' })).toBe(false);
    expect(w({ author: { accountId: 'a', bogus: 1 } })).toBe(false);
    const p = validatorFor('GET', '/rest/api/3/issue/picker', 200);
    expect(p({ sections: [{ issues: [{ id: '1' }] }] })).toBe(false);
    expect(p({ sections: [{ issues: [{ id: 1, summary: '<b>x</b>' }] }] })).toBe(true);
  });
});
