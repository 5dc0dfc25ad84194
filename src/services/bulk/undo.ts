// Undoing a bulk job: the worklogs it created are deleted, a few issues at a time.
import { localizedError } from '../../domain/errors';
import type { Result } from '../../shared/contract';
import type { Session } from '../context';
import { keys } from '../keys';
import { acquireLease, releaseLease } from '../leases';
import { removeSyncedWorklog } from '../recordActions';
import { loadSettingsFor, projectKeyOf } from '../settings';
import { keptUpdated, undoFailure, type RecordSentence } from '../undoSentences';
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
    throw localizedError('sync-in-progress', { key: 'errors.undo.busy' });
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
  if (job.dryRun) throw localizedError('invalid-payload', { key: 'errors.undo.preview' });
  if (job.state !== 'done' && job.state !== 'undone') {
    const { waiting } = job;
    // A job stored before keys were kept has only the English of why it waits.
    const why = waiting
      ? { key: 'errors.undo.waiting', params: { waiting: waiting.messageText ?? waiting.message } }
      : { key: 'errors.undo.stillRunning' };
    throw localizedError('sync-in-progress', why);
  }
}

async function undoUnderLock(session: Session, job: StoredJob, deadline: number): Promise<Result<'undoBulkJob'>> {
  const { jobId } = job;
  const batches = await loadBatches(session.deps, jobId);
  const results = summarize(job, batches).results;
  const undone = new Set(job.undoneWorklogs ?? []);
  // Across the slices of one undo: what still could not be deleted.
  const failures = new Map<number, RecordSentence>((job.undoFailures ?? []).map((f) => [f.recordId, f]));
  const kept = results.filter((result) => result.outcome === 'updated').map((result) => keptUpdated(result.recordId));
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
          failures.set(result.recordId, undoFailure(result.recordId, error));
        }
      }
    },
  );
  const remaining = todo.length - attempted;
  const stillFailing = [...failures.values()];
  await updateJob(session.deps, jobId, (current) => ({
    ...current,
    state: remaining > 0 ? current.state : 'undone',
    undoneWorklogs: [...undone],
    undoFailures: stillFailing,
  }));
  return { deleted, failed: stillFailing.length, failures: stillFailing, kept, ...(remaining > 0 ? { remaining } : {}) };
}
