// The page's poll of a bulk job: its progress, and driving it when the queue cannot (no
// impersonation) or has left it stalled; cancelling it.
import { isAppError } from '../../domain/errors';
import { CANCELLED_CODE, CANCELLED_TEXT, endedText, waitedTooLong } from '../../domain/jobWaiting';
import { stored } from '../../domain/localizedText';
import type { Result } from '../../shared/contract';
import type { Session } from '../context';
import { logFailure } from '../failureLog';
import { runBatch } from './batch';
import { type BatchResults, type StoredJob, finishIfAllDone, isFinished, loadBatches, loadJob, summarize } from './jobStore';
import { endStoppedBatches, noteWaiting, stopJob, waitCauseOf } from './stop';

/** A job without any progress for this long is taken over by the page (the queue is stuck or slow). */
const STALL_MS = 30_000;

/** Time one getBulkJob call may spend driving batches (well under the 25 s resolver limit). */
const PAGE_DRIVE_BUDGET_MS = 10_000;

export async function getBulkJob(session: Session, jobId: string, withResults = true): Promise<Result<'getBulkJob'>> {
  const { deps } = session;
  const { accountId } = session.actor;
  let job = await loadJob(deps, jobId, accountId);
  // The results are read once per poll; again only when this poll moved the job on.
  let batches = await loadBatches(deps, jobId);
  let moved: Moved;
  if (job.waiting && waitedTooLong(job.waiting.since, deps.clock.now().getTime()) && !isFinished(job)) {
    // Nobody is going to move it any more: end it, its remaining records failed with the reason.
    await stopJob(deps, jobId, { code: job.waiting.code, ...stored(endedText(job.waiting.code)) });
    moved = 'drove';
  } else {
    try {
      moved = await driveStalledJob(session, job, batches);
    } catch (error) {
      // The page still gets the job's progress, and the job now says why it waits.
      logFailure(error, isAppError(error) ? error.code : 'internal', { jobId, task: 'driving a stalled bulk-sync job from the page' });
      await noteWaiting(deps, jobId, waitCauseOf(error));
      moved = 'finished';
    }
  }
  if (moved !== 'nothing') job = await loadJob(deps, jobId, accountId);
  if (moved === 'drove') batches = await loadBatches(deps, jobId);
  const summary = summarize(job, batches);
  return withResults ? summary : { ...summary, results: [] };
}

/** What a poll did to the job: nothing, marked it done (its batches had all finished), or ran batches. */
type Moved = 'nothing' | 'finished' | 'drove';

/** The page's poll advances a job the queue cannot (no impersonation) or has left stalled. */
async function driveStalledJob(session: Session, job: StoredJob, batches: Map<number, BatchResults>): Promise<Moved> {
  if (job.state === 'done' || job.state === 'undone') return 'nothing';
  const { deps } = session;
  if (job.stop) {
    // Stopped while a worker held a batch that then died: end what is left.
    await endStoppedBatches(deps, job);
    return 'drove';
  }
  const incomplete = job.batches.map((_, i) => i).filter((i) => !batches.get(i)?.complete);
  if (incomplete.length === 0) {
    // Every batch finished but the worker died before marking the job done.
    return (await finishIfAllDone(deps, job.jobId, batches)) ? 'finished' : 'nothing';
  }
  const now = deps.clock.now().getTime();
  const lastProgress = Math.max(Date.parse(job.startedAt), ...[...batches.values()].map((b) => b.updatedAtMs));
  if (!job.pageDriven && now - lastProgress <= STALL_MS) return 'nothing';
  const deadline = now + PAGE_DRIVE_BUDGET_MS;
  let drove = false;
  for (const batch of incomplete) {
    if (deps.clock.now().getTime() > deadline) break;
    const run = await runBatch(deps, job.jobId, batch, { deadline, asPage: session });
    if (run.reason !== 'leased') drove = true;
    if (run.reason === 'rate-limited' || run.reason === 'quota' || run.reason === 'deadline') break;
  }
  return drove ? 'drove' : 'nothing';
}

/** `cancelBulkJob`: stops the job; what it did so far stays (and can be undone), the rest is marked cancelled. */
export async function cancelBulkJob(session: Session, jobId: string): Promise<Result<'cancelBulkJob'>> {
  const { deps } = session;
  const job = await loadJob(deps, jobId, session.actor.accountId);
  if (!isFinished(job)) await stopJob(deps, jobId, { code: CANCELLED_CODE, ...stored(CANCELLED_TEXT) });
  return getBulkJob(session, jobId);
}
