// Why a bulk job waits, and ending it early (cancelled, or waited too long).
import { isAppError } from '../../domain/errors';
import { endedText, isWaitCause, waitedTooLong, waitingText, type WaitCause } from '../../domain/jobWaiting';
import { stored, textOf } from '../../domain/localizedText';
import type { SyncResult } from '../../shared/contract';
import { keys } from '../keys';
import { releaseLease, tryAcquireLease } from '../leases';
import type { Deps } from '../ports';
import {
  BATCH_LEASE_SECONDS,
  type JobStop,
  type StoredJob,
  finishIfAllDone,
  isFinished,
  loadBatches,
  markBatchDone,
  savePages,
  updateJob,
} from './jobStore';

/** The wait cause an error stands for (anything unexpected is `internal`). */
export function waitCauseOf(error: unknown): WaitCause {
  if (isAppError(error, 'token-expired')) return 'reconnect-timecard';
  return isAppError(error) && isWaitCause(error.code) ? error.code : 'internal';
}

/** Records why the job waits (keeping when it began waiting, whatever the cause since: only progress resets it); the job as it is now. */
export async function noteWaiting(deps: Deps, jobId: string, cause: WaitCause): Promise<StoredJob | undefined> {
  const now = deps.clock.now().toISOString();
  await updateJob(deps, jobId, (job) =>
    isFinished(job) || job.stop ? job : { ...job, waiting: { code: cause, ...stored(waitingText(cause)), since: job.waiting?.since ?? now } },
  );
  return deps.store.get<StoredJob>(keys.job(jobId));
}

/** Whether a waiting job has waited too long; if so it is ended with the reason (true). */
export async function endIfWaitedTooLong(deps: Deps, job: StoredJob | undefined): Promise<boolean> {
  if (!job?.waiting || isFinished(job) || !waitedTooLong(job.waiting.since, deps.clock.now().getTime())) return false;
  await stopJob(deps, job.jobId, { code: job.waiting.code, ...stored(endedText(job.waiting.code)) });
  return true;
}

/** Ends a job early: workers stop before their next record, and every record without a result fails with `stop`. */
export async function stopJob(deps: Deps, jobId: string, stop: JobStop): Promise<void> {
  await updateJob(deps, jobId, (job) => (isFinished(job) || job.stop ? job : { ...job, stop: { ...stop, at: deps.clock.now().toISOString() } }));
  const job = await deps.store.get<StoredJob>(keys.job(jobId));
  if (job && !isFinished(job)) await endStoppedBatches(deps, job);
}

/** Ends every unfinished batch no worker holds now (a held one is ended by its worker, before its next record). */
export async function endStoppedBatches(deps: Deps, job: StoredJob): Promise<void> {
  const loaded = await loadBatches(deps, job.jobId);
  for (let batch = 0; batch < job.batches.length; batch++) {
    if (loaded.get(batch)?.complete) continue;
    const holder = deps.newId();
    const key = keys.batchLease(job.jobId, batch);
    if (!(await tryAcquireLease(deps.store, deps.clock, key, holder, BATCH_LEASE_SECONDS))) continue;
    try {
      // Re-read under the lease: a worker may have saved more before it let go.
      const saved = (await loadBatches(deps, job.jobId, batch)).get(batch) ?? { results: [], complete: false, updatedAtMs: 0 };
      if (!saved.complete) await endBatch(deps, job, batch, saved.results, job.stop!);
      await markBatchDone(deps, job.jobId, batch);
    } finally {
      await releaseLease(deps.store, key, holder);
    }
  }
  await finishIfAllDone(deps, job.jobId);
}

/** Completes a batch (its lease held): the records without a result fail with the stop's reason. */
export async function endBatch(deps: Deps, job: StoredJob, batch: number, results: SyncResult[], stop: JobStop): Promise<void> {
  const have = new Set(results.map((r) => r.recordId));
  const ended = job.batches[batch].recordIds
    .filter((id) => !have.has(id))
    .map((recordId): SyncResult => ({ recordId, outcome: 'failed', code: stop.code, message: stop.message, ...textOf(stop) }));
  await savePages(deps, job.jobId, batch, [...results, ...ended], results.length, true);
}
