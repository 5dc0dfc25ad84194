// Running a person's due retries without them (docs/decisions/0028): one ordinary bulk job as the
// person (`asUser(accountId)`), so the engine's rules hold (a record synced meanwhile reads
// unchanged, a worklog edited in Jira is not overwritten by this routine run, never a duplicate).
// Its results come back through noteOutcomes when the job finishes (bulk/jobStore.ts).
import { AppError, isAppError, shownCode } from '../../domain/errors';
import { retriesDue, scheduleRetry, type PendingRetry } from '../../domain/retries';
import { MAX_RECORDS_PER_JOB } from '../../shared/contract';
import { cancelBulkJob, getBulkJob, startBulkSync } from '../bulkJobs';
import type { Session } from '../context';
import { describeFailure, type Failure } from '../sync/failures';
import { keys } from '../keys';
import { releaseLease, tryAcquireLease } from '../leases';
import type { Deps } from '../ports';
import { noteOutcomes, wakeForRetries } from './outcomes';
import { loadRetries, updateRetries, type StoredRetries } from './store';

const RUN_LEASE_SECONDS = 600;
/** A retry job still unfinished this long after it started is cancelled (its records are tried again). */
const STUCK_JOB_MS = 2 * 3_600_000;

/** Runs the person's due retries, unless a retry job of theirs is still running. Safe to call twice, or at once. */
export async function runDueRetries(deps: Deps, accountId: string): Promise<void> {
  // A look first (one read, no write): an early wake, or a second event, costs no more.
  const looked = await loadRetries(deps.store, accountId);
  if (!looked || (!looked.job && retriesDue(looked.entries, deps.clock.now().getTime()).length === 0)) return;
  const holder = deps.newId();
  const lease = keys.retriesRun(accountId);
  if (!(await tryAcquireLease(deps.store, deps.clock, lease, holder, RUN_LEASE_SECONDS))) return;
  try {
    const stored = await loadRetries(deps.store, accountId);
    if (!stored) return;
    const session: Session = { deps, actor: stored.actor, jira: deps.jira.asUser(accountId), runId: deps.newId() };
    if (stored.job) return await checkJob(session, stored);
    const due = retriesDue(stored.entries, deps.clock.now().getTime()).slice(0, MAX_RECORDS_PER_JOB);
    if (due.length === 0) return;
    await startRetryJob(session, stored, due);
  } finally {
    await releaseLease(deps.store, lease, holder);
  }
}

/** The retry job's results, if it finished without them being applied (its worker died); a stuck one is cancelled. */
async function checkJob(session: Session, stored: StoredRetries): Promise<void> {
  const { jobId, startedAt } = stored.job!;
  try {
    let job = await getBulkJob(session, jobId);
    if (job.state !== 'done' && job.state !== 'undone') {
      if (session.deps.clock.now().getTime() - Date.parse(startedAt) < STUCK_JOB_MS) return;
      job = await cancelBulkJob(session, jobId);
      if (job.state !== 'done' && job.state !== 'undone') return;
    }
    await noteOutcomes(session.deps, stored.actor, job.results, { jobId, appCancelled: true });
  } catch (error) {
    if (!isAppError(error, 'job-not-found')) throw error;
    // Gone (expired): its records wait for their next try again.
    const next = await updateRetries(session.deps, stored.accountId, (current) => {
      if (current?.job?.jobId !== jobId) return current;
      const { job: _gone, ...rest } = current;
      return rest;
    });
    if (next) await wakeForRetries(session.deps, next);
  }
}

async function startRetryJob(session: Session, stored: StoredRetries, due: PendingRetry[]): Promise<void> {
  const { deps } = session;
  const at = deps.clock.now().toISOString();
  try {
    // One read as the person: the job's batches need Forge to let the queue act for them.
    await session.jira.myself();
    const { jobId } = await startBulkSync(session, { recordIds: due.map((r) => r.recordId) }, { trigger: 'automatic' });
    await updateRetries(deps, stored.accountId, (current) => current && { ...current, job: { jobId, startedAt: at } });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Jira or the timecard server still down (or the person must act): each due record waits for its next try.
    await postpone(deps, stored, due, { ...describeFailure(error), code: shownCode(error.code) });
  }
}

/** The due records failed again without a job: their next tries (or given up once the window is over). */
async function postpone(deps: Deps, stored: StoredRetries, due: PendingRetry[], failure: Failure): Promise<void> {
  const now = deps.clock.now().getTime();
  const dueIds = new Set(due.map((r) => r.recordId));
  const next = await updateRetries(deps, stored.accountId, (current) => {
    if (!current) return current;
    const entries = current.entries.flatMap((r) =>
      dueIds.has(r.recordId) ? (scheduleRetry(r, { ...failure, recordId: r.recordId }, now) ?? []) : [r],
    );
    return { ...current, entries };
  });
  if (next) await wakeForRetries(deps, next);
}
