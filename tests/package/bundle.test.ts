// The package `npm run package` built (build/forge-package/functions), not the source: the bundled
// functions are loaded through the runtime entry Forge loads (`__forge__.cjs`, handler `main`) and
// invoked with Forge-shaped invocations (`{ _meta, handler, body, variables }`, the body of a
// resolver call being `{ call: { functionKey, payload }, context }` as @forge/resolver's
// getDefinitions reads it, that of a queue consumer an AsyncEvent), against the Jira and timecard
// emulators over HTTP. KVS and the queue are answered locally in their wire formats.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startJiraEmulator } from '../../emulators/jira';
import type { JiraEmulator } from '../../emulators/jira/types';
import { startTimecardEmulator, type TimecardEmulator } from '../../emulators/timecard';
import { DEMO, demoJiraSeed, seedDemoTimecard } from '../../runtime/demoData';
import { installForgeRuntime, runAsUser } from '../../runtime/forgeRuntime';
import { serveKvs, serveQueuePublish, type PublishedEvents } from '../../runtime/forgePlatformWire';
import { createFakeKvsClient } from '../support/fakeKvsClient';

const FUNCTIONS = path.resolve(__dirname, '../../build/forge-package/functions');

interface InvocationResult {
  success: boolean;
  body?: any;
  error?: { errorMessage?: string; errorType?: string; stack?: string[] };
}

interface PackagedManifest {
  modules: { function: { key: string; handler: string }[]; consumer: { key: string; queue: string; function: string }[] };
  permissions: { scopes: string[] };
}

let jira: JiraEmulator;
let timecard: TimecardEmulator;
let records: Record<string, number>;
let uninstall: () => void;
let forge: { main(event: unknown, lambdaContext: unknown): Promise<InvocationResult> };
let manifest: PackagedManifest;
const published: PublishedEvents[] = [];
const logged: string[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(FUNCTIONS, '__forge__.cjs'))) throw new Error('No package to test: run `npm run package` first.');
  manifest = JSON.parse(readFileSync(path.join(FUNCTIONS, 'manifest.yml'), 'utf8'));
  jira = await startJiraEmulator({ seed: demoJiraSeed(), latencyMs: 0, randomSeed: 7 });
  timecard = await startTimecardEmulator({ latencyMs: 0 });
  records = seedDemoTimecard(timecard as never).ids;
  const runtime = installForgeRuntime({ jiraUrl: jira.url, kvs: serveKvs(createFakeKvsClient()), queue: serveQueuePublish((push) => published.push(push)) });
  uninstall = runtime.uninstall;
  forge = require(path.join(FUNCTIONS, '__forge__.cjs'));
});

afterAll(async () => {
  uninstall?.();
  await Promise.all([jira?.close(), timecard?.close()]);
});

beforeEach(() => {
  logged.length = 0;
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
});
afterEach(() => jest.restoreAllMocks());

function handlerOf(functionKey: string): string {
  const fn = manifest.modules.function.find((f) => f.key === functionKey);
  if (!fn) throw new Error(`The packaged manifest has no function ${functionKey}`);
  return fn.handler;
}

/** What Forge's runtime hands the wrapper for one invocation of `functionKey`. */
function invocation(functionKey: string, body: unknown, accountId?: string) {
  return {
    handler: handlerOf(functionKey),
    body,
    variables: [{ key: 'TIMECARD_URL', value: timecard.url, secure: false }],
    _meta: {
      aaid: accountId,
      contextAri: 'ari:cloud:jira::site/00000000-0000-4000-8000-000000000001',
      appContext: {
        appId: '00000000-0000-4000-8000-000000000000',
        appVersion: '1.0.0',
        environmentId: randomUUID(),
        environmentType: 'DEVELOPMENT',
        invocationId: randomUUID(),
        installationId: randomUUID(),
        functionKey,
        moduleType: 'core:function',
        moduleKey: functionKey,
        permissions: { scopes: manifest.permissions.scopes, external: {} },
      },
      tracing: { traceId: randomUUID().replace(/-/g, ''), spanId: randomUUID().replace(/-/g, '').slice(0, 16) },
    },
  };
}

async function run(functionKey: string, body: unknown, accountId: string): Promise<InvocationResult> {
  const deadline = Date.now() + 25_000;
  const lambdaContext = { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => deadline - Date.now() };
  return runAsUser(accountId, () => forge.main(invocation(functionKey, body, accountId), lambdaContext));
}

/** A resolver call from a UI module, as Forge delivers it to the `resolver` function. */
async function resolve(functionKey: string, payload: unknown, extension: Record<string, unknown> = { type: 'jira:globalPage' }) {
  const context = { extension, timezone: DEMO.timeZone, locale: 'en-US', cloudId: '00000000-0000-4000-8000-000000000001', moduleKey: 'timecard' };
  const result = await run('resolver', { call: { functionKey, payload }, context }, DEMO.accountId);
  if (!result.success) throw new Error(`The bundled resolver threw: ${result.error?.errorType} ${result.error?.errorMessage}`);
  return result.body;
}

const panelOf = (issueKey: string) => ({ type: 'jira:issuePanel', issue: { key: issueKey, type: 'Task' }, project: { key: 'DEMO', id: DEMO.projectId, type: 'software' } });

/** Delivers every pushed event to the bundled consumer, as Forge's queue does, until none is left. */
async function drainQueue(): Promise<number> {
  const consumer = manifest.modules.consumer.find((c) => c.queue === 'bulk-sync')!;
  let delivered = 0;
  while (published.length > 0) {
    const push = published.shift()!;
    expect(push.queueName).toBe(consumer.queue);
    for (const event of push.payload) {
      const asyncEvent = { queueName: push.queueName, jobId: push.jobId, eventId: randomUUID(), body: event.body };
      const result = await run(consumer.function, asyncEvent, DEMO.accountId);
      expect(result).toMatchObject({ success: true });
      delivered += 1;
    }
  }
  return delivered;
}

test('the bundled resolver connects the timecard account and answers the issue panel with its records', async () => {
  expect(await resolve('connectTimecard', { username: DEMO.timecardUser, password: DEMO.timecardPassword })).toEqual({ connected: true, username: DEMO.timecardUser });

  const panel = await resolve('getIssuePanel', {}, panelOf('DEMO-2'));

  const demo2 = Object.keys(records).filter((name) => name.startsWith('DEMO-2 day')).map((name) => String(records[name]));
  expect(panel).toMatchObject({ connected: true, issueKey: 'DEMO-2' });
  expect(panel.records.map((r: { id: string }) => String(r.id)).sort()).toEqual(expect.arrayContaining(demo2.sort()));
  expect(panel.records.filter((r: { linkSource: string }) => r.linkSource === 'timecard')).toHaveLength(demo2.length);
  expect(panel.records.every((r: { status: string }) => r.status === 'not-synced')).toBe(true);
});

test('a sync through the bundle writes exactly one worklog, and syncing again writes none', async () => {
  const recordId = records['DEMO-2 day 2'];
  const before = jira.worklogs('DEMO-2').length;

  const first = await resolve('syncRecords', { recordIds: [recordId] }, panelOf('DEMO-2'));
  expect(first.results).toEqual([expect.objectContaining({ recordId, outcome: 'created', worklogId: expect.any(String) })]);
  const again = await resolve('syncRecords', { recordIds: [recordId] }, panelOf('DEMO-2'));
  expect(again.results).toEqual([expect.objectContaining({ recordId, outcome: 'unchanged' })]);

  const worklogs = jira.worklogs('DEMO-2');
  expect(worklogs).toHaveLength(before + 1);
  const written = worklogs.find((w) => w.id === first.results[0].worklogId)!;
  expect(written.authorAccountId).toBe(DEMO.accountId);
  expect(written.properties['timecard-sync']).toMatchObject({ recordId });
});

test('a bulk job is queued by the bundled resolver and its batch processed by the bundled consumer', async () => {
  const ids = Object.keys(records).filter((name) => name.startsWith('DEMO-5 day')).map((name) => records[name]);
  const before = jira.worklogs('DEMO-5').length;

  const { jobId } = await resolve('startBulkSync', { recordIds: ids });
  expect(published.length).toBeGreaterThan(0);
  expect(await drainQueue()).toBeGreaterThan(0);

  const job = await resolve('getBulkJob', { jobId });
  expect(job).toMatchObject({ jobId, state: 'done', total: ids.length, done: ids.length, succeeded: ids.length, failed: 0 });
  expect(jira.worklogs('DEMO-5')).toHaveLength(before + ids.length);
});

test('a failure in the bundled resolver leaves one redacted log line whose error id the person is shown', async () => {
  timecard.setDown('refuse');
  try {
    const result = await resolve('getIssuePanel', {}, panelOf('DEMO-2'));
    expect(result.error.code).toBe('server-unreachable');
    const errorId = /quote error id ([0-9A-F]{8})/.exec(result.error.message)![1];
    expect(logged).toEqual([expect.stringMatching(new RegExp(`^Timecard failure errorId=${errorId} code=server-unreachable function=getIssuePanel error=AppError`))]);
    const { hostname, port } = new URL(timecard.url);
    expect(logged[0]).not.toMatch(new RegExp(`https?:|${hostname.replace(/\./g, '\\.')}|${port}|${DEMO.timecardPassword}`));
  } finally {
    timecard.setDown(false);
  }
});
