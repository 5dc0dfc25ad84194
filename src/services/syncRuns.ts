// Undo of one sync run from the history (ADR 0013): a bulk job is undone from its job record and
// results, as the bulk panel does; a panel or page sync from the copies of its history entries
// kept by run (history.ts). Either way only worklogs the run created, and that their records
// still hold, are deleted; worklogs it only updated stay.
import { isAppError, localizedError } from '../domain/errors';
import type { SyncState } from '../domain/status';
import type { Payload, Result } from '../shared/contract';
import { getBulkJob, undoBulkJob } from './bulkJobs';
import type { Session } from './context';
import type { RunEntry } from './history';
import { requireScope } from './connection';
import { keys, type RecordScope } from './keys';
import { removeSyncedWorklog } from './recordActions';
import { loadSettingsFor, projectKeyOf } from './settings';
import { forEachIssueGroup } from './sync';
import { keptSyncedAgain, keptUpdated, undoFailure, type RecordSentence } from './undoSentences';

/** Leaves room in the 25 s resolver limit for the last deletion's retries. */
const UNDO_BUDGET_MS = 14_000;

type UndoResult = Result<'undoSyncRun'>;

export async function undoSyncRun(session: Session, payload: Payload<'undoSyncRun'>): Promise<UndoResult> {
  const { runId } = payload;
  const dryRun = payload.dryRun ?? false;
  const undoneAt = (await session.deps.store.get<{ at: string }>(keys.runUndone(session.actor.accountId, runId)))?.at;
  const job = await bulkJobOf(session, runId);
  const result = job ? await undoJobRun(session, job, dryRun) : await undoFromHistory(session, runId, dryRun);
  if (dryRun) return undoneAt ? { ...result, undoneAt } : result;
  const at = await markIfUndone(session, runId, result, undoneAt);
  return at ? { ...result, undoneAt: at } : result;
}

/** The bulk panel's undo of the job it just ran: the history then shows the run as undone too. */
export async function undoBulkJobRun(session: Session, jobId: string): Promise<Result<'undoBulkJob'>> {
  const result = await undoBulkJob(session, jobId);
  await markIfUndone(session, jobId, result);
  return result;
}

/** Marks the run undone once every worklog it created is gone; when it is (or was already), since when. */
async function markIfUndone(session: Session, runId: string, result: Result<'undoBulkJob'>, undoneAt?: string): Promise<string | undefined> {
  // Until then the run stays undoable (a later try picks up what failed or was left).
  if (result.remaining || result.failed) return undoneAt;
  if (undoneAt) return undoneAt;
  const at = session.deps.clock.now().toISOString();
  await session.deps.store.set(keys.runUndone(session.actor.accountId, runId), { at });
  return at;
}

async function bulkJobOf(session: Session, runId: string) {
  try {
    return await getBulkJob(session, runId);
  } catch (error) {
    if (isAppError(error, 'job-not-found')) return null;
    throw error;
  }
}

async function undoJobRun(session: Session, job: Result<'getBulkJob'>, dryRun: boolean): Promise<UndoResult> {
  if (!dryRun || job.state === 'undone') return dryRun ? nothingLeft() : undoBulkJob(session, job.jobId);
  if (job.state !== 'done') throw localizedError('sync-in-progress', { key: 'errors.undo.runStillRunning' });
  const kept = job.results.filter((r) => r.outcome === 'updated').map((r) => keptUpdated(r.recordId));
  return { deleted: 0, failed: 0, failures: [], kept, wouldDelete: job.created };
}

function nothingLeft(): UndoResult {
  return { deleted: 0, failed: 0, failures: [], kept: [], wouldDelete: 0 };
}

async function undoFromHistory(session: Session, runId: string, dryRun: boolean): Promise<UndoResult> {
  const entries = await runEntries(session, runId);
  if (entries.length === 0) throw localizedError('job-not-found', { key: 'errors.undo.runNotFound' });
  const scope = await requireScope(session);
  const latest = latestPerRecord(entries);
  const states = await session.deps.store.getMany<SyncState>(latest.map((e) => keys.syncState(scope, e.recordId)));
  const stateOf = (e: RunEntry) => states.get(keys.syncState(scope, e.recordId));
  const kept: RecordSentence[] = [];
  const todo: RunEntry[] = [];
  for (const entry of latest) {
    const state = stateOf(entry);
    if (entry.outcome !== 'created' || !entry.worklogId) kept.push(keptUpdated(entry.recordId));
    else if (state?.worklogId === entry.worklogId) todo.push(entry);
    // No worklog any more: removed since (unlogged, or this run undone already) — nothing to do.
    else if (state?.worklogId) kept.push(keptSyncedAgain(entry.recordId));
  }
  if (dryRun) return { deleted: 0, failed: 0, failures: [], kept, wouldDelete: todo.length };
  return { ...(await deleteCreated(session, scope, todo)), kept };
}

async function deleteCreated(session: Session, scope: RecordScope, todo: RunEntry[]): Promise<Omit<UndoResult, 'kept'>> {
  const settings = await loadSettingsFor(session.deps.store, [...new Set(todo.map((e) => projectKeyOf(e.issueKey ?? '')))]);
  const deadline = session.deps.clock.now().getTime() + UNDO_BUDGET_MS;
  const failures: RecordSentence[] = [];
  let deleted = 0;
  let attempted = 0;
  // One at a time: a panel or page run is at most one call's records, and mostly one issue's.
  await forEachIssueGroup(
    todo,
    (e) => e.issueKey,
    1,
    async (group) => {
      for (const entry of group) {
        if (attempted > 0 && session.deps.clock.now().getTime() > deadline) return;
        attempted++;
        try {
          await removeSyncedWorklog(session, scope, entry.recordId, entry.worklogId!, settings);
          deleted++;
        } catch (error) {
          failures.push(undoFailure(entry.recordId, error));
        }
      }
    },
  );
  const remaining = todo.length - attempted;
  return { deleted, failed: failures.length, failures, ...(remaining > 0 ? { remaining } : {}) };
}

async function runEntries(session: Session, runId: string): Promise<RunEntry[]> {
  const entries: RunEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await session.deps.store.query<RunEntry>(keys.runEntriesPrefix(session.actor.accountId, runId), { limit: 100, cursor });
    entries.push(...page.items.map((i) => i.value));
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}

/** A run touches a record once, but a retried write may have left two entries: the newest counts. */
function latestPerRecord(entries: RunEntry[]): RunEntry[] {
  const byRecord = new Map<number, RunEntry>();
  for (const e of entries) {
    const seen = byRecord.get(e.recordId);
    if (!seen || seen.at < e.at) byRecord.set(e.recordId, e);
  }
  return [...byRecord.values()];
}
