// The queue's automatic-sync events (one per person a run is for) and the scheduled trigger that queues them.
import { z } from 'zod';
import { isAppError } from '../domain/errors';
import { autoSyncFor, autoSyncTick } from '../services/autoSyncRun';
import { logFailure } from '../services/failureLog';
import type { Deps } from '../services/ports';

const AutoSyncEventSchema = z.object({ autoSync: z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/), followUp: z.number().int().min(0).optional() });

export function isAutoSyncEvent(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'autoSync' in body;
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
    try {
      await autoSyncFor(makeDeps(), event.data.autoSync, event.data.followUp ?? 0);
    } catch (error) {
      logFailure(error, isAppError(error) ? error.code : 'internal', { task: 'automatic sync for one person, tried again at the next run' });
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
