// The app running locally: the real resolver and consumer code and the real Jira and timecard
// adapters (Jira through the local Forge runtime), with an in-memory store and an in-process queue.
import { createForgeJira } from '../src/adapters/jira';
import { createJiraPacer, type JiraPacer } from '../src/adapters/jira/pacer';
import { buildForgeResolver } from '../src/adapters/forgeResolver';
import { CONSUMER_JIRA_RETRY_MS, RESOLVER_JIRA_RETRY_MS } from '../src/adapters/forgeDeps';
import { newId, sleep as realSleep, systemClock } from '../src/adapters/clock';
import { createMemoryStore, type MemoryStore } from './memoryStore';
import { createTimecardClient } from '../src/adapters/timecard';
import { createQueueConsumer } from '../src/resolvers/queueConsumer';
import { createAutoSyncTrigger } from '../src/resolvers/autoSyncConsumer';
import { createResolverFunctions } from '../src/resolvers/definitions';
import { buildForgeEventTrigger, buildForgeScheduledTrigger } from '../src/adapters/forgeTrigger';
import { createReconcileTrigger, createWorklogEventTrigger } from '../src/resolvers/worklogTriggers';
import { createProductEventDelivery, type ProductEventDelivery } from './productEvents';
import type { Deps, JiraFactory } from '../src/services/ports';
import { installForgeRuntime, runAsUser, type JiraRequestInfo } from './forgeRuntime';
import { createInProcessQueue, type InProcessQueue, type InProcessQueueOptions } from './inProcessQueue';

/** The context Forge gives a resolver (what the sandbox's POST /api/invoke takes). */
export interface InvokeContext {
  accountId: string;
  extension?: { type?: string; issue?: { key: string; id?: string; type?: string }; project?: { id?: string; key: string; type?: string } };
  timezone?: string;
  locale?: string;
  [more: string]: unknown;
}

export interface LocalAppOptions {
  jiraUrl: string;
  /** null: no timecard server configured (the app says so). */
  timecardUrl: string | null;
  store?: MemoryStore;
  queue?: InProcessQueueOptions;
  /** How long the Jira client may spend retrying 429/503 in one call. */
  jiraRetryBudgetMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onJiraRequest?(info: JiraRequestInfo): void;
  /** Lets a test wrap the adapters (e.g. to kill a worker mid-job). */
  wrapDeps?(deps: Deps): Deps;
  /** Time budget of one consumer run (Forge: up to 900 s). */
  consumerBudgetMs?: number;
  /** false sends Jira calls unpaced (as before the app paced itself; the bench's baseline). */
  jiraPacing?: boolean;
}

export interface LocalApp {
  invoke(functionKey: string, payload: unknown, context: InvokeContext): Promise<unknown>;
  store: MemoryStore;
  queue: InProcessQueue;
  deps(): Deps;
  /** Fires the automatic-sync scheduled trigger (manifest `auto-sync-trigger`) once, as Forge would: no user. */
  fireScheduledTrigger(): Promise<{ queued: number }>;
  /** The one pacer of the app's Jira calls (as one Forge process has), null when unpaced. */
  pacer: JiraPacer | null;
  /** Jira's product events, delivered to the manifest's trigger functions (wire the Jira emulator's `onProductEvent` here). */
  productEvents: ProductEventDelivery;
  /** Runs the scheduled reconciliation once, as its hourly trigger would. */
  runReconcile(): Promise<{ statusCode: number }>;
  close(): void;
}

export function createLocalApp(options: LocalAppOptions): LocalApp {
  const runtime = installForgeRuntime({ jiraUrl: options.jiraUrl, onJiraRequest: options.onJiraRequest });
  const store = options.store ?? createMemoryStore();
  const queue = createInProcessQueue(options.queue);
  const sleep = options.sleep ?? realSleep;
  // As in Forge: a short wait for rate limits inside a 25 s resolver, a longer one in the consumer.
  const pacer = options.jiraPacing === false ? null : createJiraPacer({ sleep });
  const resolverJira = createForgeJira({ sleep, pacer, maxRetryMs: options.jiraRetryBudgetMs ?? RESOLVER_JIRA_RETRY_MS });
  const consumerJira = createForgeJira({ sleep, pacer, maxRetryMs: options.jiraRetryBudgetMs ?? CONSUMER_JIRA_RETRY_MS });
  const timecard = options.timecardUrl ? createTimecardClient(options.timecardUrl.replace(/\/+$/, '')) : null;
  const depsWith = (jira: JiraFactory) => (): Deps => {
    const deps: Deps = { store, jira, timecard, queue, clock: systemClock, newId, sleep };
    return options.wrapDeps ? options.wrapDeps(deps) : deps;
  };
  const makeDeps = depsWith(resolverJira);
  // Exactly the handler shape Forge calls: ({ call, context }, { principal }).
  const handler = buildForgeResolver(createResolverFunctions(makeDeps));
  queue.setConsumer(createQueueConsumer(depsWith(consumerJira), options.consumerBudgetMs));
  // Forge fires the scheduled trigger every hour; locally the sandbox and tests fire it.
  const trigger = createAutoSyncTrigger(depsWith(consumerJira));
  // Functions Jira invokes with no person (they read as the app), by their manifest function keys.
  const productEvents = createProductEventDelivery({ 'worklog-events': buildForgeEventTrigger(createWorklogEventTrigger(depsWith(consumerJira))) });
  const reconcile = buildForgeScheduledTrigger(createReconcileTrigger(depsWith(consumerJira)));

  return {
    invoke(functionKey, payload, context) {
      const { accountId, ...rest } = context;
      const call = { call: { functionKey, payload: payload as Record<string, unknown> }, context: rest };
      return runAsUser(accountId, () => handler(call as never, { principal: { accountId } }));
    },
    fireScheduledTrigger: () => trigger(),
    store,
    queue,
    deps: makeDeps,
    pacer,
    productEvents,
    runReconcile: () => reconcile({}, {}),
    close: () => {
      queue.stop();
      runtime.uninstall();
    },
  };
}
