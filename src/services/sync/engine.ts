// The sync protocol (docs/architecture.md): plan the record (src/domain/syncPlan.ts), lock the
// record then its issue, write `pending`, create the worklog carrying a property that identifies
// the record, and end the attempt (state, history, the lock's release) in one commit. A `pending`
// left by a crash is resolved by adopting the worklog Jira already has.
import { stored, textOf, type LocalizedText } from '../../domain/localizedText';
import type { SyncState } from '../../domain/status';
import { planSync, type JiraScan, type PlanPolicy, type SyncAction } from '../../domain/syncPlan';
import { NOT_ATTEMPTED_CODE, type SyncResult } from '../../shared/contract';
import type { Session } from '../context';
import { issueLocks as newIssueLocks } from '../issueLocks';
import { keys, type RecordScope } from '../keys';
import type { StoreItem, Worklog } from '../ports';
import type { PreparedRecord } from '../prepare';
import { attemptEntryItems, recordAttempt } from './attempt';
import { resultCode } from './failures';
import type { WritingAction } from './jiraWrites';
import {
  issueBusy,
  RECORD_BUSY,
  takeRecordLock,
  underRecordLock,
  withRecordLock,
  type HeldRecord,
  type LockWaits,
  type RecordLockHandle,
} from './locks';
import { planInputOf } from './planInput';
import { jobOf, notSaved, pendingState, perform, runOf, type PendingAhead } from './perform';
import { forEachIssueGroup } from './runner';
import { scanIssue, storageSince } from './scan';

const LOCK_WAIT_MS = 8000;
const ISSUE_LOCK_WAIT_MS = 20_000;
const DEFAULT_ISSUE_CONCURRENCY = 4;

/**
 * Who started the run: a person on one record or a few (`manual`: the panel, the page), a bulk job
 * (`bulk`), or the app on its own (`automatic`). Only a person's own sync overwrites an edit made in
 * Jira or logs again a worklog deleted there.
 */
type SyncTrigger = 'manual' | 'bulk' | 'automatic';

function policyFor(trigger: SyncTrigger): PlanPolicy {
  const manual = trigger === 'manual';
  return { overwriteJiraEdits: manual, relogDeleted: manual };
}

export interface SyncRun {
  trigger: SyncTrigger;
  /** Decide and report, write nothing (no state, no history, no lock). */
  dryRun?: boolean;
  jobId?: string;
  /** Issues written in parallel; one issue's records always go one at a time. */
  issueConcurrency?: number;
  /** Epoch ms after which no new record is started (a resolver has 25 s in all). */
  deadline?: number;
  /** Asked before each record (told how many this run attempted so far); true ends the run there. */
  shouldStop?: (attempted: number) => Promise<boolean>;
  /** Items written in one request with the run's first `pending` (a bulk batch's priors: they must land before any write). */
  withFirstPending?: () => StoreItem<unknown>[];
  /** Told each record's end as it happens; true ends the run after it. */
  onRecord?: (synced: RecordSynced) => Promise<boolean | void>;
}

/** One record's end: the result (no view: a surface makes its own), and what a view of it needs. */
export interface RecordSynced {
  result: SyncResult;
  /** Not attempted: the run ended before it (deadline or stop); nothing was written for it. */
  attempted: boolean;
  /** The record as it is after the attempt (its new state). */
  after: PreparedRecord;
  /** The worklog the attempt wrote, if any. */
  written?: Worklog;
}

function baseOf(p: PreparedRecord): Pick<SyncResult, 'recordId' | 'issueKey'> {
  return { recordId: p.record.id, ...(p.issueKey ? { issueKey: p.issueKey } : {}) };
}

function notAttempted(p: PreparedRecord): RecordSynced {
  const sentence = stored({ key: 'sync.result.notAttempted' });
  return { result: { ...baseOf(p), outcome: 'failed', code: NOT_ATTEMPTED_CODE, ...sentence }, attempted: false, after: p };
}

/**
 * The engine's entry point: syncs prepared records, one issue's strictly in order, several issues
 * at once. `worklogs`: what Jira holds for the records' states (recordViews.ts: observeWorklogs);
 * the worklogs a run writes are added to it. The results come in the order of `prepared`.
 */
export async function syncPrepared(
  session: Session,
  scope: RecordScope,
  prepared: PreparedRecord[],
  worklogs: Map<string, Worklog>,
  run: SyncRun,
): Promise<RecordSynced[]> {
  const done = new Map<number, RecordSynced>();
  const sinceMs = await storageSince(session, scope);
  const policy = policyFor(run.trigger);
  const locks = newIssueLocks(session.deps, session.deps.newId());
  const outOfTime = () => run.deadline !== undefined && session.deps.clock.now().getTime() > run.deadline;
  let attempted = 0;
  let stopped = false;
  const stop = async () => stopped || (stopped = outOfTime() || Boolean(await run.shouldStop?.(attempted)));
  try {
    await forEachIssueGroup(
      prepared,
      (p) => p.issueKey,
      run.issueConcurrency ?? DEFAULT_ISSUE_CONCURRENCY,
      async (group) => {
        let scans: Awaited<ReturnType<typeof scanIssue>> | undefined;
        const pipe: { next?: Ahead } = {};
        try {
          for (const [i, p] of group.entries()) {
            const ahead = pipe.next;
            pipe.next = undefined;
            // A record locked ahead was counted, and the stop asked, before the previous record's commit.
            if (!ahead) {
              if (await stop()) return;
              attempted++;
            }
            scans ??= await scanIssue(session, scope, group, worklogs, sinceMs);
            const action = ahead?.action ?? planSync(planInputOf(p, worklogs, scans.get(p.record.id)), policy);
            const lastOfIssue = i === group.length - 1;
            const ctx: AttemptContext = { worklogs, scan: scans.get(p.record.id), policy, run, locks, lastOfIssue, ahead, pipe };
            const next = group[i + 1];
            if (next && !lastOfIssue) {
              ctx.lockAhead = async () => {
                const nextAction = planSync(planInputOf(next, worklogs, scans!.get(next.record.id)), policy);
                if (!isWriting(nextAction) || (await stop())) return undefined;
                const found = await lockAhead(session, scope, next, nextAction, { ...ctx, scan: scans!.get(next.record.id) });
                if (found) attempted++;
                return found;
              };
            }
            const synced = await attempt(session, scope, p, action, ctx);
            if (synced.written) worklogs.set(synced.written.id, synced.written);
            done.set(p.record.id, synced);
            if (await run.onRecord?.(synced)) stopped = true;
            const dropped = stopped ? pipe.next : undefined;
            if (dropped) {
              pipe.next = undefined;
              await abandon(scope, dropped);
            }
          }
        } finally {
          // Only when the run failed: the next record's lock is released and its `pending` stays (the next sync looks in Jira first).
          await pipe.next?.held.end();
        }
      },
    );
  } finally {
    await locks.releaseAll();
  }
  return prepared.map((p) => done.get(p.record.id) ?? notAttempted(p));
}

interface AttemptContext {
  worklogs: Map<string, Worklog>;
  scan: JiraScan<Worklog> | undefined;
  policy: PlanPolicy;
  run: SyncRun;
  locks: ReturnType<typeof newIssueLocks>;
  /** The run's last record of its issue: its commit releases the issue's lock too. */
  lastOfIssue: boolean;
  /** This record, locked ahead by the previous record's attempt. */
  ahead?: Ahead;
  /** Locks the run's next record of the issue before this record's commit (undefined: none, or it writes nothing). */
  lockAhead?: () => Promise<Ahead | undefined>;
  /** Where this attempt hands on the next record it locked ahead. */
  pipe: { next?: Ahead };
}

/**
 * The run's next record of an issue, locked while the current record's attempt still holds its own
 * lock, so that its `pending` goes in the current record's commit instead of a request of its own
 * (docs/decisions/0030): `pending` still lands before its Jira call, under its record lock.
 */
interface Ahead {
  recordId: number;
  held: RecordLockHandle;
  attemptId: string;
  /** What the record was planned with before its lock (its attempt plans again on the state read under it). */
  action: SyncAction<Worklog>;
  /** Its `pending`, when it writes: for the current record's commit. */
  pendingItem?: StoreItem<SyncState>;
  pending: PendingAhead;
}

/** Takes the next record's lock without waiting (a busy one is waited for by its own attempt) and stages its `pending`. */
async function lockAhead(
  session: Session,
  scope: RecordScope,
  p: PreparedRecord,
  action: WritingAction,
  ctx: AttemptContext,
): Promise<Ahead | undefined> {
  const attemptId = session.deps.newId();
  const now = session.deps.clock.now().getTime();
  const waits: LockWaits = {
    holder: attemptId,
    recordUntilMs: now,
    issueUntilMs: waitUntil(session, ISSUE_LOCK_WAIT_MS, ctx.run),
    issueLocks: ctx.locks,
  };
  const held = await takeRecordLock(session.deps, scope, p.record.id, waits);
  if (held === 'busy') return undefined;
  const ahead: Ahead = { recordId: p.record.id, held, attemptId, action, pending: { saved: false, alongside: [] } };
  const current: PreparedRecord = { ...p, state: held.state };
  if (!isWriting(await actionUnderLock(session, p, current, action, held, ctx)) || !(await held.holdIssue(current.issueKey ?? ''))) return ahead;
  ahead.pendingItem = { key: keys.syncState(scope, p.record.id), value: pendingState(session, current, attemptId, ctx.run) };
  ahead.pending.alongside = ctx.run.withFirstPending?.() ?? [];
  return ahead;
}

/** A record locked ahead that the run will not attempt (it stopped): its state goes back as it was, and its lock. */
async function abandon(scope: RecordScope, ahead: Ahead): Promise<void> {
  const stateKey = keys.syncState(scope, ahead.recordId);
  try {
    if (ahead.pending.saved) {
      const prior = ahead.held.state;
      await ahead.held.commit(prior ? { set: [{ key: stateKey, value: prior }] } : { delete: [stateKey] });
    }
  } finally {
    await ahead.held.end();
  }
}

/** What a planned action that writes nothing reports. */
function reportOf(
  action: Exclude<SyncAction<Worklog>, WritingAction>,
  p: PreparedRecord,
): Pick<SyncResult, 'outcome' | 'message' | 'messageText' | 'code' | 'timeSpentSeconds' | 'worklogId'> {
  switch (action.kind) {
    case 'skip':
      return { outcome: 'skipped', message: action.message, ...textOf(action) };
    case 'fail':
      return { outcome: 'failed', code: resultCode(action.code), message: action.message, ...textOf(action) };
    default:
      return { outcome: 'unchanged', ...seconds(p), ...(action.worklogId ? { worklogId: action.worklogId } : {}) };
  }
}

/** What a dry run of a writing action reports. */
function previewOf(
  action: WritingAction,
  p: PreparedRecord,
): Pick<SyncResult, 'outcome' | 'message' | 'messageText' | 'timeSpentSeconds' | 'worklogId'> {
  switch (action.kind) {
    case 'update':
      return { outcome: 'updated', ...seconds(p), worklogId: action.worklogId };
    case 'adopt':
      return { outcome: action.current ? 'unchanged' : 'updated', ...seconds(p), worklogId: action.worklog.id };
    case 'move':
      return {
        outcome: 'updated',
        ...stored({ key: 'sync.result.moves', params: { fromIssueKey: action.fromIssueKey, issueKey: p.issueKey ?? '' } }),
        ...seconds(p),
      };
    default:
      return { outcome: 'created', ...seconds(p) };
  }
}

const seconds = (p: PreparedRecord) => (p.planned ? { timeSpentSeconds: p.planned.seconds } : {});

function isWriting(action: SyncAction<Worklog>): action is WritingAction {
  return action.kind !== 'skip' && action.kind !== 'unchanged' && action.kind !== 'fail';
}

async function attempt(
  session: Session,
  scope: RecordScope,
  p: PreparedRecord,
  action: SyncAction<Worklog>,
  ctx: AttemptContext,
): Promise<RecordSynced> {
  const { run } = ctx;
  const base = baseOf(p);
  if (run.dryRun) {
    const report = isWriting(action) ? previewOf(action, p) : reportOf(action, p);
    return { result: { ...base, ...report }, attempted: true, after: p };
  }
  if (action.kind === 'fail') return failBlind(session, scope, p, action, run);
  if (!isWriting(action)) {
    const result: SyncResult = { ...base, ...reportOf(action, p) };
    await recordAttempt(session, { p, result, ...runOf(run) });
    return { result, attempted: true, after: p };
  }
  if (ctx.ahead) {
    const { held, attemptId } = ctx.ahead;
    return underRecordLock(held, () => underLock(session, scope, p, action, attemptId, held, ctx));
  }
  const attemptId = session.deps.newId();
  const waits: LockWaits = {
    holder: attemptId,
    recordUntilMs: waitUntil(session, LOCK_WAIT_MS, run),
    issueUntilMs: waitUntil(session, ISSUE_LOCK_WAIT_MS, run),
    issueLocks: ctx.locks,
  };
  const locked = await withRecordLock(session.deps, scope, p.record.id, waits, (held) => underLock(session, scope, p, action, attemptId, held, ctx));
  if (locked !== 'busy') return locked;
  const result: SyncResult = { ...base, outcome: 'failed', code: 'sync-in-progress', ...stored(RECORD_BUSY) };
  await recordAttempt(session, { p, result, ...runOf(run) });
  return { result, attempted: true, after: p };
}

/** Jira could not be checked for an existing worklog: creating blind could log it twice. */
async function failBlind(
  session: Session,
  scope: RecordScope,
  p: PreparedRecord,
  action: { code: string; message: string; messageText?: LocalizedText },
  run: SyncRun,
): Promise<RecordSynced> {
  const code = resultCode(action.code);
  const result: SyncResult = { ...baseOf(p), outcome: 'failed', code, message: action.message, ...textOf(action) };
  const failed: SyncState = {
    recordId: p.record.id,
    state: 'failed',
    attemptId: session.deps.newId(),
    issueKey: p.issueKey!,
    code,
    message: action.message,
    ...textOf(action),
    updatedAt: session.deps.clock.now().toISOString(),
    ...jobOf(run),
  };
  // Only where no attempt has left state yet (one running now keeps its own).
  const kept = await session.deps.store.setIfAbsent(keys.syncState(scope, p.record.id), failed);
  await recordAttempt(session, { p, result, ...runOf(run) });
  return { result, attempted: true, after: kept ? { ...p, state: failed } : p };
}

async function underLock(
  session: Session,
  scope: RecordScope,
  p: PreparedRecord,
  planned: WritingAction,
  attemptId: string,
  held: HeldRecord,
  ctx: AttemptContext,
): Promise<RecordSynced> {
  const current: PreparedRecord = { ...p, state: held.state };
  const base = baseOf(p);
  const action = await actionUnderLock(session, p, current, planned, held, ctx);
  if (!(await held.holdIssue(current.issueKey ?? ''))) {
    const result: SyncResult = { ...base, outcome: 'failed', code: 'sync-in-progress', ...stored(issueBusy(current.issueKey ?? '')) };
    await recordAttempt(session, { p: current, result, ...runOf(ctx.run) });
    return { result, attempted: true, after: current };
  }
  // What the attempt ends with (the record's state, its history entry) is written in one request
  // together with the lock's release (and the next record's `pending`): with the lock, two writes a record.
  const end = isWriting(action)
    ? await perform(session, scope, current, action, attemptId, ctx.run, ctx.ahead?.pendingItem ? ctx.ahead.pending : undefined)
    : { result: reportOf(action, current), state: current.state, staged: [] };
  const after: PreparedRecord = { ...current, state: end.state };
  const result: SyncResult = { ...base, ...end.result };
  // After a write Jira took, the issue's next record is locked now, so its `pending` joins this commit.
  if (end.written && result.outcome !== 'failed' && ctx.lockAhead) {
    ctx.worklogs.set(end.written.worklog.id, end.written.worklog);
    ctx.pipe.next = await ctx.lockAhead();
  }
  const next = ctx.pipe.next;
  const staged = [
    ...end.staged,
    ...attemptEntryItems(session, { p: after, result, ...runOf(ctx.run), ...(end.written?.adopted ? { adopted: true } : {}) }),
    ...(next?.pendingItem ? [next.pendingItem, ...next.pending.alongside] : []),
  ];
  try {
    await held.commit({ set: staged }, ctx.lastOfIssue ? (current.issueKey ?? '') : undefined);
    if (next) next.pending.saved = true;
  } catch (error) {
    return notSaved(session, scope, current, base, ctx.run, error);
  }
  return { result, attempted: true, after, ...(end.written ? { written: end.written.worklog } : {}) };
}

/** The action on the state read under the record's lock: `planned` unless another sync wrote the record since it was read. */
async function actionUnderLock(
  session: Session,
  p: PreparedRecord,
  current: PreparedRecord,
  planned: SyncAction<Worklog>,
  held: HeldRecord,
  ctx: Pick<AttemptContext, 'worklogs' | 'scan' | 'policy'>,
): Promise<SyncAction<Worklog>> {
  const fresh = held.state;
  // `pending` and `synced` of one attempt share its id: compare the state too.
  if (fresh?.attemptId === p.state?.attemptId && fresh?.state === p.state?.state) return planned;
  // Another sync wrote this record since it was read (a double click, another job): plan again on what it wrote.
  if (fresh?.state === 'synced' && fresh.worklogId && !ctx.worklogs.has(fresh.worklogId)) {
    // Synced since this call looked at Jira: see that worklog before deciding (else it looks deleted).
    for (const w of await session.jira.getWorklogs([fresh.worklogId])) ctx.worklogs.set(w.id, w);
  }
  return planSync(planInputOf(current, ctx.worklogs, ctx.scan), ctx.policy);
}

/** How long to wait for a lock: at most `maxWaitMs`, and never past the run's deadline. */
function waitUntil(session: Session, maxWaitMs: number, run: SyncRun): number {
  const until = session.deps.clock.now().getTime() + maxWaitMs;
  return run.deadline === undefined ? until : Math.min(until, run.deadline);
}
