// The package `npm run package` built (build/forge-package), run as Forge runs it: the bundled
// functions are loaded through the runtime entry Forge loads (`__forge__.cjs`, handler `main`) and
// invoked with Forge-shaped invocations (`{ _meta, handler, body, variables }`; the body of a
// resolver call is `{ call: { functionKey, payload }, context }` as @forge/resolver's
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

export const PACKAGE_DIR = path.resolve(__dirname, '../../build/forge-package');
const FUNCTIONS = path.join(PACKAGE_DIR, 'functions');

export interface InvocationResult {
  success: boolean;
  body?: any;
  error?: { errorMessage?: string; errorType?: string; stack?: string[] };
}

interface PackagedManifest {
  modules: { function: { key: string; handler: string }[]; consumer: { key: string; queue: string; function: string }[] };
  permissions: { scopes: string[] };
}

export interface PackagedApp {
  jira: JiraEmulator;
  timecard: TimecardEmulator;
  /** Demo record ids by name (runtime/demoData.ts). */
  records: Record<string, number>;
  /** Pushes to the queue not delivered yet. */
  published: PublishedEvents[];
  /** Runs one invocation of the function `functionKey` as `accountId`. */
  run(functionKey: string, body: unknown, accountId: string): Promise<InvocationResult>;
  /** A resolver call from a UI module, as Forge delivers it to the `resolver` function; throws if the bundle threw. */
  resolve(functionKey: string, payload: unknown, extension?: Record<string, unknown>): Promise<any>;
  /** Delivers every pushed event to the bundled consumer, as Forge's queue does, until none is left. */
  drainQueue(): Promise<InvocationResult[]>;
  close(): Promise<void>;
}

export async function openPackagedApp(): Promise<PackagedApp> {
  if (!existsSync(path.join(FUNCTIONS, '__forge__.cjs'))) throw new Error('No package to test: run `npm run package` first.');
  const manifest = JSON.parse(readFileSync(path.join(FUNCTIONS, 'manifest.yml'), 'utf8')) as PackagedManifest;
  const jira = await startJiraEmulator({ seed: demoJiraSeed(), latencyMs: 0, randomSeed: 7 });
  const timecard = await startTimecardEmulator({ latencyMs: 0 });
  const records = seedDemoTimecard(timecard as never).ids;
  const published: PublishedEvents[] = [];
  const runtime = installForgeRuntime({
    jiraUrl: jira.url,
    kvs: serveKvs(createFakeKvsClient()),
    queue: serveQueuePublish((push) => published.push(push)),
  });
  const forge = require(path.join(FUNCTIONS, '__forge__.cjs')) as { main(event: unknown, lambdaContext: unknown): Promise<InvocationResult> };

  const handlerOf = (functionKey: string) => {
    const fn = manifest.modules.function.find((f) => f.key === functionKey);
    if (!fn) throw new Error(`The packaged manifest has no function ${functionKey}`);
    return fn.handler;
  };

  /** What Forge's runtime hands the wrapper for one invocation of `functionKey`. */
  const invocation = (functionKey: string, body: unknown, accountId?: string) => ({
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
  });

  const run: PackagedApp['run'] = (functionKey, body, accountId) => {
    const deadline = Date.now() + 25_000;
    const lambdaContext = { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => deadline - Date.now() };
    return runAsUser(accountId, () => forge.main(invocation(functionKey, body, accountId), lambdaContext));
  };

  return {
    jira,
    timecard,
    records,
    published,
    run,
    async resolve(functionKey, payload, extension = { type: 'jira:globalPage' }) {
      const context = { extension, timezone: DEMO.timeZone, locale: 'en-US', cloudId: '00000000-0000-4000-8000-000000000001', moduleKey: 'timecard' };
      const result = await run('resolver', { call: { functionKey, payload }, context }, DEMO.accountId);
      if (!result.success) throw new Error(`The bundled resolver threw: ${result.error?.errorType} ${result.error?.errorMessage}`);
      return result.body;
    },
    async drainQueue() {
      const results: InvocationResult[] = [];
      while (published.length > 0) {
        const push = published.shift()!;
        const consumer = manifest.modules.consumer.find((c) => c.queue === push.queueName);
        if (!consumer) throw new Error(`The packaged manifest has no consumer of queue ${push.queueName}`);
        for (const event of push.payload) {
          const asyncEvent = { queueName: push.queueName, jobId: push.jobId, eventId: randomUUID(), body: event.body };
          results.push(await run(consumer.function, asyncEvent, DEMO.accountId));
        }
      }
      return results;
    },
    async close() {
      runtime.uninstall();
      await Promise.all([jira.close(), timecard.close()]);
    },
  };
}

export const panelOf = (issueKey: string) => ({
  type: 'jira:issuePanel',
  issue: { key: issueKey, type: 'Task' },
  project: { key: 'DEMO', id: DEMO.projectId, type: 'software' },
});
