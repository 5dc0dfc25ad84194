// Undoing a bulk job: the worklogs it created are deleted, a few issues at a time.
import { AppError } from '../../domain/errors';
import type { Result } from '../../shared/contract';
import type { Session } from '../context';
import { keys } from '../keys';
import { acquireLease, releaseLease } from '../leases';
import { removeSyncedWorklog } from '../recordActions';
import { loadSettingsFor, projectKeyOf } from '../settings';
import { forEachIssueGroup } from '../sync';
import { type StoredJob, loadBatches, loadJob, summarize, updateJob } from './jobStore';

const UNDO_BUDGET_MS = 14_000;

/** How long an undo waits for another undo of the same job, and how long its lock lives if it dies. */
const UNDO_LOCK_WAIT_MS = 8_000;

const UNDO_LEASE_SECONDS = 60;

/** Issues whose worklogs an undo deletes at once (the pacer holds them to what Jira allows); one issue's are deleted one at a time. */
const UNDO_ISSUE_CONCURRENCY = 8;

/**
 * Deletes the worklogs the job created and forgets their records' sync state. Issues are undone
 * in parallel (a few at a time), one issue's worklogs one at a time; a call stops at its time
 * budget and says how many are `remaining` (call again to continue).
 */
export async function undoBulkJob(session: Session, jobId: string): Promise<Result<'undoBulkJob'>> {
  const { deps } = session;
  const started = deps.clock.now().getTime();
  checkUndoable(await loadJob(deps, jobId, session.actor.accountId));
  // One undo of a job at a time: a second (another tab, a double click) waits, then sees what the first did.
  const holder = deps.newId();
  const lock = keys.jobUndoLock(jobId);
  if (!(await acquireLease(deps, lock, holder, started + UNDO_LOCK_WAIT_MS, UNDO_LEASE_SECONDS))) {
    throw new AppError('sync-in-progress', 'This sync is being undone right now (perhaps in another tab). Try again in a moment.');
  }
  try {
    const job = await loadJob(deps, jobId, session.actor.accountId);
    checkUndoable(job);
    return await undoUnderLock(session, job, started + UNDO_BUDGET_MS);
  } finally {
    await releaseLease(deps.store, lock, holder);
  }
}

function checkUndoable(job: StoredJob): void {
  if (job.dryRun) throw new AppError('invalid-payload', 'A preview wrote nothing, so there is nothing to undo.');
  if (job.state !== 'done' && job.state !== 'undone') {
    const why = job.waiting
      ? ` It is waiting: ${job.waiting.message} Cancel it to undo what it has done so far.`
      : ' Undo it when it has finished, or cancel it first.';
    throw new AppError('sync-in-progress', `This sync is still running.${why}`);
  }
}

async function undoUnderLock(session: Session, job: StoredJob, deadline: number): Promise<Result<'undoBulkJob'>> {
  const { jobId } = job;
  const batches = await loadBatches(session.deps, jobId);
  const results = summarize(job, batches).results;
  const undone = new Set(job.undoneWorklogs ?? []);
  // Across the slices of one undo: what still could not be deleted.
  const failures = new Map((job.undoFailures ?? []).map((f) => [f.recordId, f.message]));
  const kept = results
    .filter((result) => result.outcome === 'updated')
    .map((result) => ({ recordId: result.recordId, message: 'Its worklog existed before this sync and was only updated, so it was left in place.' }));
  const todo = results.filter((r) => r.outcome === 'created' && r.worklogId && !undone.has(r.worklogId));
  const settings = await loadSettingsFor(session.deps.store, [...new Set(todo.map((r) => projectKeyOf(r.issueKey ?? '')))]);
  let deleted = 0;
  let attempted = 0;
  await forEachIssueGroup(
    todo,
    (r) => r.issueKey,
    UNDO_ISSUE_CONCURRENCY,
    async (group) => {
      for (const result of group) {
        if (session.deps.clock.now().getTime() > deadline) return;
        attempted++;
        try {
          const outcome = await removeSyncedWorklog(session, job.scope, result.recordId, result.worklogId!, settings);
          undone.add(result.worklogId!);
          failures.delete(result.recordId);
          if (outcome === 'deleted') deleted++;
        } catch (error) {
          failures.set(result.recordId, error instanceof AppError ? error.message : 'Could not delete its worklog.');
        }
      }
    },
  );
  const remaining = todo.length - attempted;
  const stillFailing = [...failures].map(([recordId, message]) => ({ recordId, message }));
  await updateJob(session.deps, jobId, (current) => ({
    ...current,
    state: remaining > 0 ? current.state : 'undone',
    undoneWorklogs: [...undone],
    undoFailures: stillFailing,
  }));
  return { deleted, failed: stillFailing.length, failures: stillFailing, kept, ...(remaining > 0 ? { remaining } : {}) };
}
