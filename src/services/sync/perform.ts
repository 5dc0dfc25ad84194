// Carrying out an action that writes: `pending` first, then Jira, and the attempt's end staged for
// the commit that releases the record lock (engine.ts); or, when that commit failed, what is left.
import { commentHash } from '../../domain/hash';
import { textOf } from '../../domain/localizedText';
import type { SyncState } from '../../domain/status';
import type { SyncResult } from '../../shared/contract';
import type { Session } from '../context';
import { keys, type RecordScope } from '../keys';
import type { StoreItem, WriteOptions } from '../ports';
import type { PreparedRecord } from '../prepare';
import { worklogOwnerItem } from '../worklogIndex';
import { recordAttempt } from './attempt';
import type { RecordSynced, SyncRun } from './engine';
import { describeFailure, isAmbiguous, resultCode, type Failure } from './failures';
import { writeToJira, type WritingAction, type Written } from './jiraWrites';

export const jobOf = (run: Pick<SyncRun, 'jobId'>) => (run.jobId ? { jobId: run.jobId } : {});
/** What a history entry keeps of the run: its job, and whether automatic sync started it. */
export const runOf = (run: Pick<SyncRun, 'jobId' | 'trigger'>) => ({
  ...jobOf(run),
  ...(run.trigger === 'automatic' ? { trigger: 'automatic' as const } : {}),
});

interface Performed {
  result: Pick<SyncResult, 'outcome' | 'worklogId' | 'message' | 'messageText' | 'code' | 'timeSpentSeconds'>;
  state?: SyncState;
  written?: Written;
  /** The attempt's end, for the caller's commit. */
  staged: StoreItem<unknown>[];
}

/** The `pending` an attempt writes before its Jira call. */
export function pendingState(session: Session, p: PreparedRecord, attemptId: string, run: SyncRun): SyncState {
  return {
    ...(p.state ?? {}),
    recordId: p.record.id,
    state: 'pending',
    attemptId,
    // Keep the issue an earlier attempt wrote to until this one has written: a crash in between must still find it.
    issueKey: p.state?.issueKey ?? p.issueKey!,
    updatedAt: session.deps.clock.now().toISOString(),
    ...jobOf(run),
  };
}

/**
 * A `pending` staged ahead (engine.ts): written in the commit of the run's previous record, which
 * landed (`saved`) or failed; then it is written here, with the items that were to go with it.
 */
export interface PendingAhead {
  saved: boolean;
  alongside: StoreItem<unknown>[];
}

/** Writes `pending` (unless it was saved ahead), then Jira; what the attempt ends with is returned for the caller to commit. */
export async function perform(
  session: Session,
  scope: RecordScope,
  p: PreparedRecord,
  action: WritingAction,
  attemptId: string,
  run: SyncRun,
  ahead?: PendingAhead,
): Promise<Performed> {
  const planned = p.planned!;
  const writeOptions: WriteOptions = { notifyUsers: p.settings!.notifyWatchers, adjustEstimate: p.settings!.estimatePolicy };
  const stateKey = keys.syncState(scope, p.record.id);
  const now = () => session.deps.clock.now().toISOString();
  const pending = pendingState(session, p, attemptId, run);
  if (!ahead?.saved) {
    const alongside = ahead ? ahead.alongside : (run.withFirstPending?.() ?? []);
    if (alongside.length > 0) await session.deps.store.commit({ set: [{ key: stateKey, value: pending }, ...alongside] });
    else await session.deps.store.set(stateKey, pending);
  }
  try {
    const written = await writeToJira(session.jira, scope, p, action, planned, writeOptions);
    const { worklog } = written;
    const synced: SyncState = {
      recordId: p.record.id,
      state: 'synced',
      attemptId,
      issueKey: p.issueKey!,
      worklogId: worklog.id,
      hash: planned.hash,
      recordHash: planned.recordHash,
      source: planned.source,
      sentSeconds: planned.seconds,
      sentStarted: worklog.started,
      // Only when Jira answered with the comment (a response without one proves nothing later).
      ...(worklog.comment != null ? { sentCommentHash: commentHash(worklog.comment) } : {}),
      updatedAt: now(),
      ...jobOf(run),
    };
    const result = {
      outcome: written.outcome,
      worklogId: worklog.id,
      timeSpentSeconds: planned.seconds,
      ...(written.message ? { message: written.message, ...textOf(written) } : {}),
    };
    // The worklog's owner goes with the state, so Jira's worklog events and feeds find the record.
    const owner = worklogOwnerItem({ server: scope.server, user: scope.user, recordId: p.record.id, accountId: session.actor.accountId }, worklog.id);
    return { result, state: synced, written, staged: [{ key: stateKey, value: synced }, owner] };
  } catch (error) {
    const failure: Failure = describeFailure(error);
    // An ambiguous write stays `pending` so the next attempt looks in Jira before creating.
    const failed: SyncState = isAmbiguous(failure)
      ? pending
      : { ...pending, state: 'failed', code: failure.code, message: failure.message, ...textOf(failure), updatedAt: now() };
    return {
      result: { outcome: 'failed', code: resultCode(failure.code), message: failure.message, ...textOf(failure) },
      state: failed,
      staged: [{ key: stateKey, value: failed }],
    };
  }
}

/**
 * The attempt's end could not be saved (as if the process had stopped after Jira answered): the
 * record is marked failed where that can still be written, else it stays `pending`; either way the
 * next sync looks in Jira before writing, so nothing is logged twice.
 */
export async function notSaved(
  session: Session,
  scope: RecordScope,
  p: PreparedRecord,
  base: Pick<SyncResult, 'recordId' | 'issueKey'>,
  run: SyncRun,
  error: unknown,
): Promise<RecordSynced> {
  const failure = describeFailure(error);
  const { code, message } = failure;
  const stateKey = keys.syncState(scope, p.record.id);
  const pending = await session.deps.store.get<SyncState>(stateKey).catch(() => undefined);
  const failed: SyncState | undefined = pending
    ? { ...pending, state: 'failed', code, message, ...textOf(failure), updatedAt: session.deps.clock.now().toISOString() }
    : undefined;
  if (failed) await session.deps.store.set(stateKey, failed).catch(() => undefined);
  const result: SyncResult = { ...base, outcome: 'failed', code: resultCode(code), message, ...textOf(failure) };
  const after = failed ? { ...p, state: failed } : p;
  await recordAttempt(session, { p: after, result, ...runOf(run) });
  return { result, attempted: true, after };
}
