// Production wiring: the adapters as Forge runs them.
import type { Deps } from '../services/ports';
import { newId, sleep, systemClock } from './clock';
import { createForgeJira } from './jira';
import { createForgeQueue } from './queue';
import { createKvsStore } from './store';
import { createTimecardClient } from './timecard';

export const BULK_SYNC_QUEUE = 'bulk-sync';

export function timecardUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.TIMECARD_URL?.trim();
  return url ? url.replace(/\/+$/, '') : null;
}

/** How long one Jira call may wait out rate limits: short in a 25 s resolver, longer in the 900 s consumer. */
export const RESOLVER_JIRA_RETRY_MS = 8_000;
export const CONSUMER_JIRA_RETRY_MS = 60_000;

export function createForgeDeps(options: { jiraRetryBudgetMs?: number } = {}): Deps {
  const timecardUrl = timecardUrlFromEnv();
  return {
    store: createKvsStore(),
    jira: createForgeJira({ maxRetryMs: options.jiraRetryBudgetMs ?? RESOLVER_JIRA_RETRY_MS }),
    timecard: timecardUrl ? createTimecardClient(timecardUrl) : null,
    queue: createForgeQueue(BULK_SYNC_QUEUE),
    clock: systemClock,
    newId,
    sleep,
  };
}
