// The queue consumer for bulk jobs: runs one batch as the person who started the job.
import { z } from 'zod';
import { isAppError } from '../domain/errors';
import { runBatch } from '../services/bulkJobs';
import { logFailure } from '../services/failureLog';
import type { Deps } from '../services/ports';

/** Forge stops a consumer at 900 s; stop well before and let the queue deliver the rest again. */
const CONSUMER_BUDGET_MS = 780_000;
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
      logFailure(event.error, 'invalid-payload', { task: 'ignoring a malformed bulk-sync event' });
      return {};
    }
    const { jobId, batch } = event.data;
    const deps = makeDeps();
    try {
      const run = await runBatch(deps, jobId, batch, { deadline: deps.clock.now().getTime() + budgetMs });
      if (run.reason === 'deadline') {
        // Out of time, not failing: a fresh event carries on (queue retries are few and meant for failures).
        try {
          await deps.queue.push([{ body: { jobId, batch } }]);
          return {};
        } catch {
          return { retryAfterSeconds: run.retryAfterSeconds ?? 1 };
        }
      }
      return run.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: run.retryAfterSeconds };
    } catch (error) {
      // Jira kept answering 429 outside a record's sync (e.g. the first read as the person): come back when it says.
      if (isAppError(error, 'rate-limited')) return { retryAfterSeconds: Math.max(1, Math.ceil((error.details.retryAfterMs ?? 30_000) / 1000)) };
      // Everything done so far is saved; the next delivery resumes from there.
      logFailure(error, isAppError(error) ? error.code : 'internal', { jobId, batch, task: 'bulk-sync batch, delivered again later' });
      return { retryAfterSeconds: FAILURE_RETRY_SECONDS };
    }
  };
}
