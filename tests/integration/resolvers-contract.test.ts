// The resolver contract at the handler boundary: every key refuses malformed payloads with
// `{ error: { code: 'invalid-payload', message } }` and changes nothing; good answers match the
// contract's schemas.
import { z } from 'zod';
import { DEFAULT_PROJECT_SETTINGS, type ResolverKey } from '../../src/shared/contract';
import { HistoryItemSchema, IssueSummarySchema, payloads, RecordViewSchema, results, SyncResultSchema, TotalsSchema } from '../../src/shared/schemas';
import { startWorld, type World } from '../support/world';
import { listRecords, ok, recentRange, snapshot, sync } from './syncHelpers';

let world: World;

beforeAll(async () => {
  world = await startWorld();
  await listRecords(world);
  await sync(world, [world.demo.records['DEMO-2 day 1']]);
});

afterAll(async () => {
  await world.close();
});

const settings = DEFAULT_PROJECT_SETTINGS;
const range = recentRange();
const many = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const notObjects: unknown[] = [[], 'payload', 42, true, [{ recordIds: [1] }]];

/** Malformed payloads per key: wrong types, missing fields, extra keys, bad issue keys, huge arrays. */
const malformed: Record<ResolverKey, unknown[]> = {
  getConnection: [{ accountId: 'demo-admin' }, { serverUrl: 'http://evil.example' }],
  connectTimecard: [
    {},
    { username: 'alice' },
    { password: 'timecard-demo' },
    { username: 1, password: 'timecard-demo' },
    { username: '   ', password: 'timecard-demo' },
    { username: 'alice', password: '' },
    { username: 'a'.repeat(201), password: 'x' },
    { username: 'alice', password: 'timecard-demo', accountId: 'demo-admin' },
    { username: 'alice', password: 'timecard-demo', serverUrl: 'http://evil.example' },
  ],
  disconnectTimecard: [{ accountId: 'demo-admin' }],
  getIssuePanel: [
    { days: 0 },
    { days: 367 },
    { days: 7.5 },
    { days: '30' },
    { days: null },
    { issueKey: 'DEMO-1' },
    { days: 30, accountId: 'demo-admin' },
  ],
  listRecords: [
    {},
    { from: range.from },
    { to: range.to },
    { from: 'yesterday', to: range.to },
    { from: 20261101, to: 20261130 },
    { from: '2026-13-01', to: '2026-12-01' },
    { from: '2026-02-30', to: '2026-03-01' },
    { from: '2026-11-01T00:00:00', to: '2026-11-02T00:00:00' }, // no offset
    { from: range.from, to: range.to, userId: 2 },
    { from: range.to, to: range.from }, // reversed
    { from: '2020-01-01', to: '2026-11-30' }, // more than a year
  ],
  getLinkWriteBack: [{ accountId: 'demo-admin' }, { enabled: true }],
  setLinkWriteBack: [{}, { enabled: 'yes' }, { enabled: 1 }, { enabled: null }, { enabled: true, accountId: 'demo-admin' }],
  linkRecord: [
    {},
    { recordId: 1 },
    { issueKey: 'DEMO-1' },
    { recordId: 'abc', issueKey: 'DEMO-1' },
    { recordId: 1.5, issueKey: 'DEMO-1' },
    { recordId: -3, issueKey: 'DEMO-1' },
    { recordId: 0, issueKey: 'DEMO-1' },
    { recordId: '99999999999999999999', issueKey: 'DEMO-1' },
    { recordId: [1], issueKey: 'DEMO-1' },
    { recordId: 1, issueKey: 42 },
    { recordId: 1, issueKey: 'demo 1' },
    { recordId: 1, issueKey: 'DEMO-0' },
    { recordId: 1, issueKey: 'DEMO-01' },
    { recordId: 1, issueKey: 'D-1' },
    { recordId: 1, issueKey: 'DEMO-1x' },
    { recordId: 1, issueKey: '../DEMO-1' },
    { recordId: 1, issueKey: 'DEMO-1/worklog' },
    { recordId: 1, issueKey: 'DEMO-1 OR project = SEC' },
    { recordId: 1, issueKey: 'TOOLONGPROJECT-1' },
    { recordId: 1, issueKey: '' },
    { recordId: 1, issueKey: 'DEMO-1', accountId: 'demo-admin' },
  ],
  searchIssues: [{}, { query: 5 }, { query: null }, { query: 'x'.repeat(201) }, { query: 'login', jql: 'project = SEC' }],
  syncRecords: [
    {},
    { recordIds: [] },
    { recordIds: 'all' },
    { recordIds: 1 },
    { recordIds: [1, 'x'] },
    { recordIds: [null] },
    { recordIds: [{ id: 1 }] },
    { recordIds: [1.25] },
    { recordIds: many(51) },
    { recordIds: many(100_000) },
    { recordIds: [1], dryRun: 'yes' },
    { recordIds: [1], dryRun: 1 },
    { recordIds: [1], issueKey: 'nope' },
    { recordIds: [1], issueKey: 'DEMO-1; DROP' },
    { recordIds: [1], issueKey: null },
    { recordIds: [1], accountId: 'demo-admin' },
    { recordIds: [1], overwriteJiraEdits: false },
  ],
  startBulkSync: [
    {},
    { recordIds: [] },
    { recordIds: ['x'] },
    { recordIds: many(5001) },
    { recordIds: [1], issueKey: 'DEMO-1' },
    { recordIds: [1], dryRun: 'no' },
  ],
  // (A string the app never issued as a job id is not malformed: it is answered with job-not-found.)
  getBulkJob: [{}, { jobId: '' }, { jobId: '   ' }, { jobId: 12345678 }, { jobId: 'a'.repeat(201) }, { jobId: 'abcdefgh', extra: 1 }],
  undoBulkJob: [{}, { jobId: '' }, { jobId: ['abcdefgh'] }, { jobId: null }, { jobId: 'abcdefgh', accountId: 'demo-admin' }],
  undoSyncRun: [{}, { runId: '' }, { runId: ['abcdefgh'] }, { runId: 'abcdefgh', dryRun: 'yes' }, { runId: 'abcdefgh', jobId: 'abcdefgh' }],
  cancelBulkJob: [{}, { jobId: '' }, { jobId: 7 }, { jobId: 'abcdefgh', force: true }],
  unsyncRecord: [{}, { recordId: 'one' }, { recordId: [1] }, { recordId: null }, { recordId: 1, worklogId: '100000' }],
  getSyncHistory: [
    { status: 'exploded' },
    { status: 'done' },
    { limit: 0 },
    { limit: 101 },
    { limit: 'ten' },
    { from: 'last week' },
    { to: 5 },
    { cursor: 'x'.repeat(501) },
    { recordId: 'x' },
    { accountId: 'demo-admin' },
  ],
  getProjectSettings: [{ projectKey: 'DEMO' }],
  saveProjectSettings: [
    {},
    { settings: {} },
    { settings: null },
    { settings: { ...settings, roundingIncrementMinutes: 7 } },
    { settings: { ...settings, roundingMode: 'sideways' } },
    { settings: { ...settings, minimumSeconds: -1 } },
    { settings: { ...settings, minimumSeconds: 99_999 } },
    { settings: { ...settings, minimumSeconds: 60.5 } },
    { settings: { ...settings, enabled: 'yes' } },
    { settings: { ...settings, estimatePolicy: 'new' } },
    { settings: { ...settings, commentTemplate: 'x'.repeat(2001) } },
    { settings: { ...settings, domains: many(51).map(String) } },
    { settings: { ...settings, domains: [''] } },
    { settings: { ...settings, domains: 'Internal' } },
    { settings, projectKey: 'SEC' },
  ],
  previewSettingsImpact: [{}, { settings: {} }, { settings: { ...settings, roundingMode: 'sideways' } }, { settings, projectKey: 'SEC' }],
  updateLoggedWorklogs: [{ projectKey: 'SEC' }, { all: true }],
  getSiteSettings: [{ x: 1 }],
  saveSiteSettings: [{}, { settings }, { settings: { defaults: {} } }, { settings: { defaults: { ...settings, roundingMode: 'up-ish' } } }],
  checkTimecardServer: [{ url: 'http://evil.example' }],
  getAutoSync: [{ accountId: 'demo-admin' }],
  saveAutoSync: [
    {},
    { enabled: 'yes' },
    { enabled: true, graceMinutes: 5 },
    { enabled: true, graceMinutes: '60' },
    { enabled: true, paused: 1 },
    { enabled: true, accountId: 'demo-admin' },
  ],
  cancelAutoRetries: [{ recordIds: [] }, { recordIds: ['abc'] }, { recordIds: 1 }, { all: true }],
  saveProjectAutoSync: [{}, { allowed: 'no' }, { allowed: false, projectKey: 'SEC' }],
  resolveConflict: [{}, { recordId: 1 }, { recordId: 1, keep: 'both' }, { recordId: 'x', keep: 'jira' }, { recordId: 1, keep: 'jira', extra: 1 }],
  resolveDeletedInTimecard: [{}, { recordId: 1 }, { recordId: 1, choice: 'delete' }, { recordId: -1, choice: 'keep' }],
};

/** The most permissive context for each key, so a refusal can only come from the payload. */
function contextFor(key: ResolverKey) {
  if (
    key.includes('SiteSettings') ||
    key.includes('ProjectSettings') ||
    key.includes('ProjectAutoSync') ||
    key === 'previewSettingsImpact' ||
    key === 'updateLoggedWorklogs'
  ) {
    return world.projectContext(world.demo.adminAccountId);
  }
  return world.issueContext('DEMO-2');
}

test('the table covers every resolver key of the contract', () => {
  expect(Object.keys(malformed).sort()).toEqual(Object.keys(payloads).sort());
});

describe.each(Object.keys(malformed) as ResolverKey[])('%s', (key) => {
  const cases = [...malformed[key], ...notObjects];

  test(`refuses ${cases.length} malformed payloads with invalid-payload and changes nothing`, async () => {
    const before = { ...snapshot(world), jiraCalls: world.jira.counts().total, timecardCalls: world.timecard.counts().total };
    for (const payload of cases) {
      const result = await world.invoke(key, payload, contextFor(key));
      const label = `${key} ${JSON.stringify(payload)?.slice(0, 80)}`;
      expect({ label, result }).toEqual({
        label,
        result: { error: { code: 'invalid-payload', message: expect.any(String), ...(result?.error?.fields ? { fields: expect.any(Object) } : {}) } },
      });
      expect(result.error.message.length).toBeGreaterThan(10);
      expect(result.error.message.length).toBeLessThan(400);
      expect(JSON.stringify(result)).not.toMatch(/ZodError|\n\s+at |node_modules|\.ts:\d+/);
    }
    const after = { ...snapshot(world), jiraCalls: world.jira.counts().total, timecardCalls: world.timecard.counts().total };
    expect(after).toEqual(before);
  });
});

test('error messages point at the field and say what is expected', async () => {
  const badKey = await world.invoke('syncRecords', { recordIds: [1], issueKey: 'demo 1' });
  expect(badKey.error.message).toMatch(/issueKey/);
  expect(badKey.error.message).toMatch(/ABC-123/);
  const tooMany = await world.invoke('syncRecords', { recordIds: many(51) });
  expect(tooMany.error.message).toMatch(/recordIds/);
  const extra = await world.invoke('syncRecords', { recordIds: [1], accountId: 'demo-admin' });
  expect(extra.error.message).toMatch(/accountId/);
});

test('well-formed payloads pass validation (the table does not just refuse everything)', async () => {
  const valid: [ResolverKey, unknown, ReturnType<typeof contextFor>?][] = [
    ['getConnection', {}],
    ['getIssuePanel', { days: 7 }],
    ['listRecords', range],
    ['searchIssues', { query: 'demo' }],
    ['syncRecords', { recordIds: [String(world.demo.records['DEMO-2 day 2'])], issueKey: ' demo-2 ', dryRun: true }],
    ['getSyncHistory', { status: 'created', limit: 5 }],
    ['getBulkJob', { jobId: 'abcdefgh-1234' }],
    ['getProjectSettings', {}, world.projectContext()],
    ['getSiteSettings', {}],
    ['checkTimecardServer', {}],
    ['getAutoSync', {}],
  ];
  for (const [key, payload, context] of valid) {
    const result = await world.invoke(key, payload, context ?? world.issueContext('DEMO-2'));
    expect({ key, code: result?.error?.code }).not.toEqual({ key, code: 'invalid-payload' });
  }
});

test('answers match the contract schemas', async () => {
  const records = await listRecords(world);
  expect(() => z.array(RecordViewSchema).parse(records)).not.toThrow();
  const statuses = new Set(records.map((r) => r.status));
  // 'synced' and 'deleted-in-jira' include the demo's records the timecard's own Jira sync logged.
  expect([...statuses].sort()).toEqual(['deleted-in-jira', 'not-synced', 'running', 'synced', 'too-short']);

  const panel = ok(await world.invoke('getIssuePanel', {}, world.issueContext('DEMO-2')));
  expect(() => z.array(RecordViewSchema).parse(panel.records)).not.toThrow();
  expect(() => TotalsSchema.parse(panel.totals)).not.toThrow();

  const results = await sync(world, [world.demo.records['DEMO-5 day 1'], world.demo.records['running'], 987654]);
  expect(() => z.array(SyncResultSchema).parse(results)).not.toThrow();
  expect(results.map((r) => r.outcome)).toEqual(['created', 'skipped', 'failed']);

  const history = ok(await world.invoke('getSyncHistory', {})).items;
  expect(() => z.array(HistoryItemSchema).parse(history)).not.toThrow();
  const issues = ok(await world.invoke('searchIssues', { query: 'DEMO' })).issues;
  expect(() => z.array(IssueSummarySchema).parse(issues)).not.toThrow();
  expect(ok(await world.invoke('getConnection', {}))).toEqual({
    connected: true,
    configured: true,
    username: 'alice',
    serverUrl: world.timecard.url,
  });
});

test("every answer matches its key's result schema exactly (no field the contract does not declare)", async () => {
  const check = async (key: ResolverKey, payload: unknown, context = world.issueContext('DEMO-2')) => {
    const result = await world.invoke(key, payload, context);
    const parsed = results[key].strict().safeParse(result);
    expect({ key, issues: parsed.success ? [] : parsed.error.issues }).toEqual({ key, issues: [] });
    return result;
  };
  await check('getConnection', {});
  await check('getIssuePanel', { days: 7 });
  await check('listRecords', range);
  await check('searchIssues', { query: 'DEMO' });
  await check('syncRecords', { recordIds: [world.demo.records['DEMO-2 day 2']], dryRun: true });
  await check('getSyncHistory', { limit: 5 });
  await check('getProjectSettings', {}, world.projectContext());
  await check('getSiteSettings', {});
  const admin = world.projectContext(world.demo.adminAccountId);
  await check('getSiteSettings', {}, admin);
  await check('checkTimecardServer', {}, admin);
  const { jobId } = await check('startBulkSync', { recordIds: [world.demo.records['DEMO-2 day 2']], dryRun: true });
  await check('getBulkJob', { jobId });
  await check('getAutoSync', {});
  await check('saveAutoSync', { enabled: true, graceMinutes: 15 });
  await check('cancelAutoRetries', {});
  await check('saveAutoSync', { enabled: false });
  await check('saveProjectAutoSync', { allowed: true }, admin);
});
