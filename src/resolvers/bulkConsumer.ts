// The queue consumer for bulk jobs: runs one batch as the person who started the job.
//
// A batch that cannot go on now (the timecard server down, the person disconnected, Jira
// rate-limiting, another worker on it, a crash) records on the job why it waits and comes back
// later: through Forge's own retries (InvocationError retryAfter) for the first
// FORGE_RETRIES_USED, then as a fresh event pushed with a delay (at most Forge's 900 s), whose
// retries start again from zero, until the cause goes or the job has waited MAX_WAIT_MS; then
// its remaining records fail with the reason (ADR 0007: Forge's documented retry limits).
import { z } from 'zod';
import { isAppError } from '../domain/errors';
import { retryDelaySeconds, type WaitCause } from '../domain/jobWaiting';
import { endIfWaitedTooLong, noteWaiting, runBatch, waitCauseOf, type BulkEventBody } from '../services/bulkJobs';
import { logFailure } from '../services/failureLog';
import type { Deps } from '../services/ports';

/** Forge stops a consumer at 900 s; stop well before and let the queue deliver the rest again. */
const CONSUMER_BUDGET_MS = 780_000;
/** When even recording the wait fails (storage refusing), Forge delivers the event again this much later. */
const FAILURE_RETRY_SECONDS = 10;
/** Forge's longest `delayInSeconds` (and `retryAfter`). */
const MAX_DELAY_SECONDS = 900;
/** Fresh events one batch may push while another worker holds it (30 s apart: an hour; its lease lasts 2 minutes). */
const MAX_LEASED_RETRIES = 120;
/** Forge retries an event asks for, in a row, before it hands on to a fresh event (Forge documented 4 at most). */
export const FORGE_RETRIES_USED = 3;

const BulkEventSchema = z.object({ jobId: z.string().min(1), batch: z.number().int().min(0), leased: z.number().int().min(0).optional() });

/** The answer to the queue: nothing (done, or handed on), or deliver this event again after `retryAfterSeconds`. */
export interface ConsumerAnswer {
  retryAfterSeconds?: number;
}

export function createBulkConsumer(makeDeps: () => Deps, budgetMs = CONSUMER_BUDGET_MS) {
  return async (body: unknown, meta: { retryCount?: number } = {}): Promise<ConsumerAnswer> => {
    const retryCount = meta.retryCount ?? 0;
    const event = BulkEventSchema.safeParse(body);
    if (!event.success) {
      logFailure(event.error, 'invalid-payload', { task: 'ignoring a malformed bulk-sync event' });
      return {};
    }
    const { jobId, batch } = event.data;
    const deps = makeDeps();
    try {
      const run = await runBatch(deps, jobId, batch, { deadline: deps.clock.now().getTime() + budgetMs });
      // Out of time, not failing: a fresh event carries on at once.
      if (run.reason === 'deadline') return await pushAgain(deps, { jobId, batch }, 0, run.retryAfterSeconds ?? 1);
      // Jira's hourly budget is out: the batch sleeps in the queue until it resets (longer waits take several hops).
      if (run.reason === 'quota') return await pushAgain(deps, { jobId, batch }, run.retryAfterSeconds ?? MAX_DELAY_SECONDS);
      if (run.reason === 'rate-limited') return await waitAndRetry(deps, { jobId, batch }, 'rate-limited', retryCount, run.retryAfterSeconds);
      if (run.reason === 'leased') {
        const leased = (event.data.leased ?? 0) + 1;
        if (leased > MAX_LEASED_RETRIES) {
          console.error('Bulk-sync batch stayed held by another worker; this event gives up (the page or that worker carries on)');
          return {};
        }
        return await comeBack(deps, { jobId, batch, leased }, run.retryAfterSeconds ?? 30, retryCount);
      }
      return {};
    } catch (error) {
      // Everything done so far is saved; the job says why it waits, and a later event resumes.
      const cause = waitCauseOf(error);
      logFailure(error, isAppError(error) ? error.code : 'internal', { jobId, batch, task: 'bulk-sync batch, delivered again later' });
      // Jira kept answering 429 outside a record's sync (e.g. the first read as the person): come back when it says;
      // a used-up hourly budget is waited out in the queue, not in Forge's few retries.
      if (isAppError(error, 'rate-limited') && error.details.quota) {
        return pushAgain(deps, { jobId, batch }, Math.max(1, Math.ceil((error.details.retryAfterMs ?? 30_000) / 1000)));
      }
      const retryAfterMs = isAppError(error, 'rate-limited') ? (error.details.retryAfterMs ?? 30_000) : undefined;
      const atLeast = retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(retryAfterMs / 1000));
      return waitAndRetry(deps, { jobId, batch }, cause, retryCount, atLeast).catch(() => ({ retryAfterSeconds: atLeast ?? FAILURE_RETRY_SECONDS }));
    }
  };
}

/** Records why the job waits, ends it if it has waited too long, else looks again later. */
async function waitAndRetry(deps: Deps, body: BulkEventBody, cause: WaitCause, retryCount: number, atLeastSeconds = 0): Promise<ConsumerAnswer> {
  const job = await noteWaiting(deps, body.jobId, cause);
  if (!job?.waiting || (await endIfWaitedTooLong(deps, job))) return {};
  const waited = deps.clock.now().getTime() - Date.parse(job.waiting.since);
  return comeBack(deps, body, Math.max(atLeastSeconds, retryDelaySeconds(waited)), retryCount);
}

/** Delivers the batch again after `delaySeconds`: a Forge retry while few were used, else a fresh event. */
async function comeBack(deps: Deps, body: BulkEventBody, delaySeconds: number, retryCount: number): Promise<ConsumerAnswer> {
  if (retryCount < FORGE_RETRIES_USED) return { retryAfterSeconds: Math.max(1, Math.min(MAX_DELAY_SECONDS, Math.ceil(delaySeconds))) };
  return pushAgain(deps, body, delaySeconds);
}

/** A fresh event for the batch after `delaySeconds`; if the queue refuses it, Forge's own retry after `fallbackSeconds`. */
async function pushAgain(deps: Deps, body: BulkEventBody, delaySeconds: number, fallbackSeconds = delaySeconds): Promise<ConsumerAnswer> {
  const delay = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delaySeconds)));
  try {
    await deps.queue.push([{ body, ...(delay > 0 ? { delayInSeconds: delay } : {}) }]);
    return {};
  } catch {
    return { retryAfterSeconds: Math.max(1, Math.min(MAX_DELAY_SECONDS, Math.ceil(fallbackSeconds))) };
  }
}
