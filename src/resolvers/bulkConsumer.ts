// The queue consumer for bulk jobs: runs one batch as the person who started the job.
import { z } from 'zod';
import { isAppError } from '../domain/errors';
import { runBatch } from '../services/bulkJobs';
import type { Deps } from '../services/ports';

/** Forge stops a consumer at 900 s; stop well before and let the queue deliver the rest again. */
const CONSUMER_BUDGET_MS = 780_000;
/** The longest delay Forge's queue takes (`delayInSeconds`). */
const MAX_DELAY_SECONDS = 900;
/** After an unexpected failure (a crash, storage refusing), the event is delivered again this much later. */
const FAILURE_RETRY_SECONDS = 10;

const BulkEventSchema = z.object({ jobId: z.string().min(1), batch: z.number().int().min(0) });

/** The answer to the queue: nothing (done, or handed on), or deliver this event again after `retryAfterSeconds`. */
export interface ConsumerAnswer {
  retryAfterSeconds?: number;
}

export function createBulkConsumer(makeDeps: () => Deps, budgetMs = CONSUMER_BUDGET_MS) {
  return async (body: unknown): Promise<ConsumerAnswer> => {
    const event = BulkEventSchema.safeParse(body);
    if (!event.success) {
      console.error('Ignoring a malformed bulk-sync event');
      return {};
    }
    const { jobId, batch } = event.data;
    const deps = makeDeps();
    // Not failing, only not yet: a fresh event carries on (queue retries are few and meant for failures).
    const carryOn = async (delaySeconds: number): Promise<ConsumerAnswer> => {
      const delayInSeconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delaySeconds)));
      try {
        await deps.queue.push([{ body: { jobId, batch }, ...(delayInSeconds > 0 ? { delayInSeconds } : {}) }]);
        return {};
      } catch {
        return { retryAfterSeconds: Math.max(1, delayInSeconds) };
      }
    };
    try {
      const run = await runBatch(deps, jobId, batch, { deadline: deps.clock.now().getTime() + budgetMs });
      if (run.reason === 'deadline') return carryOn(0);
      // Jira's hourly budget is out: the batch sleeps in the queue until it resets (longer waits take several hops).
      if (run.reason === 'quota') return carryOn(run.retryAfterSeconds ?? MAX_DELAY_SECONDS);
      return run.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: run.retryAfterSeconds };
    } catch (error) {
      if (isAppError(error, 'rate-limited')) {
        // Jira answered 429 outside a record's sync (e.g. the first read as the person): come back when it says.
        const seconds = Math.max(1, Math.ceil((error.details.retryAfterMs ?? 30_000) / 1000));
        return error.details.quota ? carryOn(seconds) : { retryAfterSeconds: seconds };
      }
      // Everything done so far is saved; the next delivery resumes from there. (No message: it may name a person's data.)
      console.error('Bulk-sync batch failed; it will be delivered again', error instanceof Error ? error.name : typeof error);
      return { retryAfterSeconds: FAILURE_RETRY_SECONDS };
    }
  };
}
