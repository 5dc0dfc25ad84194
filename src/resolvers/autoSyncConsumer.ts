// The queue's automatic-sync events (one per person a run is for), the events that run a person's due
// retries (ADR 0028), and the scheduled trigger that queues them.
import { z } from 'zod';
import { isAppError } from '../domain/errors';
import { autoSyncFor, autoSyncTick } from '../services/autoSyncRun';
import { logFailure } from '../services/failureLog';
import { runDueRetries } from '../services/retries/run';
import type { Deps } from '../services/ports';

const AccountIdSchema = z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/);
const AutoSyncEventSchema = z.union([
  z.object({ autoSync: AccountIdSchema, followUp: z.number().int().min(0).optional(), withRetries: z.boolean().optional() }),
  z.object({ retryFor: AccountIdSchema }),
]);

/** An automatic-sync run's event, or one that runs a person's due retries (ADR 0028). */
export function isAutoSyncEvent(body: unknown): boolean {
  return typeof body === 'object' && body !== null && ('autoSync' in body || 'retryFor' in body);
}

/**
 * Runs one person's automatic sync. A failure is logged and left to the next run (its watermark
 * has not moved, so nothing is skipped); a queue retry would only repeat it sooner.
 */
export function createAutoSyncConsumer(makeDeps: () => Deps) {
  return async (body: unknown): Promise<Record<string, never>> => {
    const event = AutoSyncEventSchema.safeParse(body);
    if (!event.success) {
      logFailure(event.error, 'invalid-payload', { task: 'ignoring a malformed automatic-sync event' });
      return {};
    }
    const deps = makeDeps();
    const { data } = event;
    if ('autoSync' in data) {
      try {
        await autoSyncFor(deps, data.autoSync, data.followUp ?? 0);
      } catch (error) {
        logFailure(error, isAppError(error) ? error.code : 'internal', { task: 'automatic sync for one person, tried again at the next run' });
      }
    }
    const retriesOf = 'retryFor' in data ? data.retryFor : data.withRetries ? data.autoSync : null;
    if (retriesOf === null) return {};
    try {
      await runDueRetries(deps, retriesOf);
    } catch (error) {
      logFailure(error, isAppError(error) ? error.code : 'internal', { task: 'retries for one person, tried again at the next run' });
    }
    return {};
  };
}

/** The scheduled trigger: Forge neither retries it nor reads its answer, so a failure is logged and the next one tries again. */
export function createAutoSyncTrigger(makeDeps: () => Deps) {
  return async (): Promise<{ queued: number }> => {
    try {
      return await autoSyncTick(makeDeps());
    } catch (error) {
      logFailure(error, isAppError(error) ? error.code : 'internal', { task: 'automatic-sync trigger, tried again at the next one' });
      return { queued: 0 };
    }
  };
}
