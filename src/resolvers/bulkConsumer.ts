// The queue consumer for bulk jobs: runs one batch as the person who started the job.
import { z } from 'zod';
import { runBatch, type BatchRun } from '../services/bulkJobs';
import type { Deps } from '../services/ports';

/** Forge stops a consumer at 900 s; stop well before and let the queue deliver the rest again. */
const CONSUMER_BUDGET_MS = 780_000;

const BulkEventSchema = z.object({ jobId: z.string().min(1), batch: z.number().int().min(0) });

export function createBulkConsumer(makeDeps: () => Deps, budgetMs = CONSUMER_BUDGET_MS) {
  return async (body: unknown): Promise<BatchRun> => {
    const event = BulkEventSchema.safeParse(body);
    if (!event.success) {
      console.error('Ignoring a malformed bulk-sync event');
      return {};
    }
    const deps = makeDeps();
    return runBatch(deps, event.data.jobId, event.data.batch, { deadline: deps.clock.now().getTime() + budgetMs });
  };
}
