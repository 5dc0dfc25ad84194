// A whole local world for integration and UI tests: both emulators over HTTP, the demo data,
// and the app (real resolvers, consumer and adapters) with an in-memory store.
import { startJiraEmulator } from '../../emulators/jira';
import type { JiraEmulator } from '../../emulators/jira/types';
import { startTimecardEmulator, type TimecardEmulator } from '../../emulators/timecard';
import { DEMO, demoJiraSeed, seedDemoTimecard, type DemoRecords } from '../../runtime/demoData';
import { createLocalApp, type InvokeContext, type LocalApp, type LocalAppOptions } from '../../runtime/localApp';

export interface WorldOptions {
  jiraLatencyMs?: number;
  jiraFaults?: string;
  retryAfterSeconds?: number;
  timecardLatencyMs?: number;
  /** Seed the demo records (default true). */
  demoRecords?: boolean;
  /** Connect the demo person's timecard account (default true). */
  connected?: boolean;
  app?: Partial<LocalAppOptions>;
}

export interface World {
  jira: JiraEmulator;
  timecard: TimecardEmulator;
  app: LocalApp;
  demo: typeof DEMO & { timecardUserId: number; records: DemoRecords['ids'] };
  /** Invokes a resolver as Forge would; context defaults to the demo person on the global page. */
  invoke(functionKey: string, payload?: unknown, context?: Partial<InvokeContext>): Promise<any>;
  /** Context of the issue panel on `issueKey` for `accountId`. */
  issueContext(issueKey: string, accountId?: string): InvokeContext;
  projectContext(accountId?: string): InvokeContext;
  close(): Promise<void>;
}

const fastSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20)));

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const jira = await startJiraEmulator({
    latencyMs: options.jiraLatencyMs ?? 0,
    faults: options.jiraFaults,
    retryAfterSeconds: options.retryAfterSeconds ?? 0,
    randomSeed: 7,
    seed: demoJiraSeed(),
  });
  const timecard = await startTimecardEmulator({ latencyMs: options.timecardLatencyMs ?? 0 });
  const seeded =
    options.demoRecords === false
      ? { userId: timecard.addUser(DEMO.timecardUser, DEMO.timecardPassword), ids: {} }
      : seedDemoTimecard(timecard as never);
  const app = createLocalApp({
    jiraUrl: jira.url,
    timecardUrl: timecard.url,
    sleep: fastSleep,
    queue: { delayScale: 0.01 },
    ...options.app,
  });
  // Jira's worklog product events reach the app's trigger as Forge delivers them.
  const stopEvents = jira.onProductEvent((event) => app.productEvents.deliver(event));
  const demo = { ...DEMO, timecardUserId: seeded.userId, records: seeded.ids };
  const globalContext = (accountId = DEMO.accountId): InvokeContext => ({
    accountId,
    timezone: DEMO.timeZone,
    locale: 'en-US',
    extension: { type: 'jira:globalPage' },
  });
  const world: World = {
    jira,
    timecard,
    app,
    demo,
    invoke: (functionKey, payload = {}, context = {}) => app.invoke(functionKey, payload, { ...globalContext(context.accountId), ...context }),
    issueContext: (issueKey, accountId = DEMO.accountId) => ({
      ...globalContext(accountId),
      extension: { type: 'jira:issuePanel', issue: { key: issueKey, type: 'Task' }, project: { key: issueKey.split('-')[0], id: DEMO.projectId } },
    }),
    projectContext: (accountId = DEMO.accountId) => ({
      ...globalContext(accountId),
      extension: { type: 'jira:projectSettingsPage', project: { key: DEMO.projectKey, id: DEMO.projectId } },
    }),
    async close() {
      stopEvents();
      await app.productEvents.idle();
      app.close();
      await Promise.all([jira.close(), timecard.close()]);
    },
  };
  if (options.connected !== false) {
    const result = await world.invoke('connectTimecard', { username: DEMO.timecardUser, password: DEMO.timecardPassword });
    if (!result?.connected) throw new Error(`Demo connect failed: ${JSON.stringify(result)}`);
  }
  return world;
}
