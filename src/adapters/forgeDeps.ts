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

export function createForgeDeps(): Deps {
  const timecardUrl = timecardUrlFromEnv();
  return {
    store: createKvsStore(),
    jira: createForgeJira(),
    timecard: timecardUrl ? createTimecardClient(timecardUrl) : null,
    queue: createForgeQueue(BULK_SYNC_QUEUE),
    clock: systemClock,
    newId,
    sleep,
  };
}
