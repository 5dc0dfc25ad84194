// The sync protocol (docs/architecture.md): skip with a reason, lock the record, write `pending`,
// create the worklog carrying a property that identifies the record, write `synced`. A
// `pending` left by a crash is resolved by adopting the worklog Jira already has.
import { AppError, isAppError } from '../domain/errors';
import { commentHash } from '../domain/hash';
import { deriveStatus, type SyncState } from '../domain/status';
import { formatDuration } from '../domain/duration';
import { parseInstant } from '../domain/time';
import type { SyncOutcome, SyncResult } from '../shared/contract';
import type { Session } from './context';
import { appendHistory, historyEntry, type NewHistoryItem } from './history';
import { issueLocks, type IssueLocks } from './issueLocks';
import { acquireLease, heldLease, releaseLease } from './leases';
import { keys, type RecordScope } from './keys';
import { worklogOwnerItem } from './worklogIndex';
import { WORKLOG_PROPERTY_KEY, type PlannedWorklog, type PreparedRecord } from './prepare';
import type { JiraPort, StoreItem, Worklog, WriteOptions } from './ports';
import { observedFor, toRecordView } from './recordViews';
import { timecardSyncAction } from './timecardSync';

export interface SyncOptions {
  dryRun: boolean;
  jobId?: string;
  /** A record whose worklog was edited in Jira is overwritten (single sync) or left alone (bulk). */
  overwriteJiraEdits: boolean;
  /** A record whose worklog was deleted in Jira is logged again (single sync) or left alone (bulk). */
  relogDeleted: boolean;
  /** Issues written in parallel; writes to one issue always go one at a time. */
  issueConcurrency?: number;
  /** Epoch ms after which no new record is started (a resolver has 25 s in all). */
  deadline?: number;
  /** What `scanJiraForExisting` found, when the caller syncs one record at a time (bulk batches). */
  existing?: ExistingInJira;
  /** The issue locks held across calls of one run (a bulk batch); else each call holds and releases its own. */
  issueLocks?: IssueLocks;
}

/** Per issue: worklogs Jira already holds for records the app has no state for, or why Jira could not be asked. */
export type ExistingInJira = Map<string, Map<number, Worklog> | Failure>;

function notAttempted(p: PreparedRecord): SyncResult {
  return {
    recordId: p.record.id,
    ...(p.issueKey ? { issueKey: p.issueKey } : {}),
    outcome: 'failed',
    code: 'rate-limited',
    message: 'Not synced yet: Jira answered slowly, so this call stopped before this record. Nothing was lost; sync it again.',
  };
}

const LOCK_WAIT_MS = 8000;
const ISSUE_LOCK_WAIT_MS = 20_000;
const DAY_MS = 86_400_000;

type Action =
  | { kind: 'skip'; message: string }
  | { kind: 'unchanged' }
  | { kind: 'create' }
  | { kind: 'adopt-or-create' }
  /** Jira already holds this record's worklog although the app has no state for it (storage lost, app reinstalled). */
  | { kind: 'adopt'; worklog: Worklog }
  | { kind: 'update'; worklogId: string }
  | { kind: 'move'; fromIssueKey: string; worklogId: string };

/** Syncs prepared records: one issue's records strictly in order, several issues at once. */
export async function syncPrepared(
  session: Session,
  scope: RecordScope,
  prepared: PreparedRecord[],
  worklogs: Map<string, Worklog>,
  options: SyncOptions,
): Promise<SyncResult[]> {
  const results = new Map<number, SyncResult>();
  const groups = [...groupByIssue(prepared).values()];
  const since = options.existing ? NaN : await storageSince(session, scope);
  const outOfTime = () => options.deadline !== undefined && session.deps.clock.now().getTime() > options.deadline;
  const locks = options.issueLocks ?? issueLocks(session.deps, session.deps.newId());
  const lockedOptions = { ...options, issueLocks: locks };
  const workers = Array.from({ length: Math.min(options.issueConcurrency ?? 4, groups.length) }, async () => {
    for (let group = groups.shift(); group; group = groups.shift()) {
      if (outOfTime()) {
        for (const p of group) results.set(p.record.id, notAttempted(p));
        continue;
      }
      const inJira =
        options.existing?.get(group[0].issueKey ?? '') ??
        (await worklogsAlreadyInJira(session.jira, scope, group, worklogs, since, options).catch((error: unknown) => describeFailure(error)));
      for (const p of group) {
        results.set(p.record.id, outOfTime() ? notAttempted(p) : await syncOne(session, scope, p, worklogs, inJira, lockedOptions));
      }
    }
  });
  try {
    await Promise.all(workers);
  } finally {
    if (!options.issueLocks) await locks.releaseAll();
  }
  return prepared.map((p) => results.get(p.record.id)!);
}

async function storageSince(session: Session, scope: RecordScope): Promise<number> {
  return Date.parse((await session.deps.store.get<string>(keys.scopeSince(scope))) ?? '');
}

/** Records by the issue they go to ('' for none), in their order. */
function groupByIssue(prepared: PreparedRecord[]): Map<string, PreparedRecord[]> {
  const byIssue = new Map<string, PreparedRecord[]>();
  for (const p of prepared) byIssue.set(p.issueKey ?? '', [...(byIssue.get(p.issueKey ?? '') ?? []), p]);
  return byIssue;
}

/** `worklogsAlreadyInJira` for every issue of `prepared` at once (for callers that then sync record by record). */
export async function scanJiraForExisting(
  session: Session,
  scope: RecordScope,
  prepared: PreparedRecord[],
  worklogs: Map<string, Worklog>,
  options: SyncOptions,
): Promise<ExistingInJira> {
  const since = await storageSince(session, scope);
  const existing: ExistingInJira = new Map();
  for (const [issueKey, group] of groupByIssue(prepared)) {
    existing.set(issueKey, await worklogsAlreadyInJira(session.jira, scope, group, worklogs, since, options).catch((error: unknown) => describeFailure(error)));
  }
  return existing;
}

/**
 * The worklogs of one issue's records that Jira holds although the app has no state for them
 * (its storage was lost, or the app was reinstalled): one ranged read per issue, before any create.
 * Only records that started before this storage began keeping the person's state (`since`) can
 * have such a worklog, so the everyday sync of new work costs no read.
 */
async function worklogsAlreadyInJira(
  jira: JiraPort,
  scope: RecordScope,
  group: PreparedRecord[],
  worklogs: Map<string, Worklog>,
  since: number,
  options: SyncOptions,
): Promise<Map<number, Worklog>> {
  const creating = group.filter(
    (p) => !(Date.parse(p.record.timein) >= since) && decide(p, worklogs, new Map(), options).kind === 'create',
  );
  if (creating.length === 0) return new Map();
  const found = await findMarked(jira, scope, creating[0].issueKey!, creating.map((p) => Date.parse(p.record.timein)));
  return new Map(creating.flatMap((p) => (found.has(p.record.id) ? [[p.record.id, found.get(p.record.id)!] as const] : [])));
}

async function syncOne(
  session: Session,
  scope: RecordScope,
  p: PreparedRecord,
  worklogs: Map<string, Worklog>,
  lookup: Map<number, Worklog> | Failure,
  options: SyncOptions,
): Promise<SyncResult> {
  const recordId = p.record.id;
  const base = { recordId, ...(p.issueKey ? { issueKey: p.issueKey } : {}) };
  const inJira = lookup instanceof Map ? lookup : new Map<number, Worklog>();
  const first = decide(p, worklogs, inJira, options);
  if (first.kind === 'create' && !(lookup instanceof Map)) {
    // Jira could not be checked for an existing worklog: creating blind could log it twice.
    const code = lookup.code === 'retryable' ? 'jira-error' : lookup.code;
    const result: SyncResult = { ...base, outcome: 'failed', code, message: lookup.message };
    if (options.dryRun) return finish(session, p, worklogs, result, options, false);
    const failed: SyncState = {
      recordId,
      state: 'failed',
      attemptId: session.deps.newId(),
      issueKey: p.issueKey!,
      code,
      message: lookup.message,
      updatedAt: session.deps.clock.now().toISOString(),
      ...(options.jobId ? { jobId: options.jobId } : {}),
    };
    // Only where no attempt has left state yet (one running now keeps its own).
    const kept = await session.deps.store.setIfAbsent(keys.syncState(scope, recordId), failed);
    return finish(session, kept ? { ...p, state: failed } : p, worklogs, result, options, true);
  }
  if (options.dryRun || first.kind === 'skip' || first.kind === 'unchanged') {
    // Every real attempt is in the history (skipped and unchanged ones too); a dry run writes nothing.
    return finish(session, p, worklogs, { ...base, ...outcomeOf(first, p) }, options, !options.dryRun);
  }

  const lockKey = keys.recordLock(scope, recordId);
  const attemptId = session.deps.newId();
  if (!(await acquireLease(session.deps, lockKey, attemptId, waitUntil(session, LOCK_WAIT_MS, options)))) {
    const message = 'This record is being synced right now (another tab or job). Try again in a moment.';
    return finish(session, p, worklogs, { ...base, outcome: 'failed', code: 'sync-in-progress', message }, options, true);
  }
  // What the attempt ends with (the record's state, its history entry) is written in one request
  // together with the lock's release: with the `pending` write and the lock, three writes a record.
  const staged: StoreItem<unknown>[] = [];
  let released = false;
  try {
    // Re-read under the lock: a sync that just finished (a double click) must be seen.
    const fresh = await session.deps.store.get<SyncState>(keys.syncState(scope, recordId));
    const current: PreparedRecord = { ...p, state: fresh };
    // `pending` and `synced` of one attempt share its id: compare the state too.
    const sameState = fresh?.attemptId === p.state?.attemptId && fresh?.state === p.state?.state;
    if (!sameState && fresh?.state === 'synced' && fresh.worklogId && !worklogs.has(fresh.worklogId)) {
      // Synced since this call looked at Jira: see that worklog before deciding (else it looks deleted).
      for (const w of await session.jira.getWorklogs([fresh.worklogId])) worklogs.set(w.id, w);
    }
    const action = sameState ? first : decide(current, worklogs, inJira, options);
    // One write at a time per issue, also across calls (a panel click during a bulk job); the lock
    // stays with this run for the issue's next records.
    const locks = options.issueLocks ?? issueLocks(session.deps, attemptId);
    if (!(await locks.hold(current.issueKey ?? '', waitUntil(session, ISSUE_LOCK_WAIT_MS, options)))) {
      const message = `Another sync is writing to ${current.issueKey} right now. Try again in a moment.`;
      return finish(session, current, worklogs, { ...base, outcome: 'failed', code: 'sync-in-progress', message }, options, true);
    }
    const result = await perform(session, scope, current, action, attemptId, options, staged).finally(() => (options.issueLocks ? undefined : locks.releaseAll()));
    const history = result.adopted ? 'adopted' : undefined;
    const done = await finish(session, { ...current, state: result.state }, worklogs, { ...base, ...result.result }, options, true, result.worklog, history, staged);
    try {
      const ours = await heldLease(session.deps.store, lockKey, attemptId);
      await session.deps.store.commit({ set: staged, delete: ours ? [lockKey] : [] });
      released = true;
      return done;
    } catch (error) {
      return await notSaved(session, scope, current, worklogs, base, options, error);
    }
  } finally {
    if (!released) await releaseLease(session.deps.store, lockKey, attemptId);
  }
}

/**
 * The attempt's end could not be saved (as if the process had stopped after Jira answered): the
 * record is marked failed where that can still be written, else it stays `pending`; either way the
 * next sync looks in Jira before writing, so nothing is logged twice.
 */
async function notSaved(
  session: Session,
  scope: RecordScope,
  p: PreparedRecord,
  worklogs: Map<string, Worklog>,
  base: Pick<SyncResult, 'recordId' | 'issueKey'>,
  options: SyncOptions,
  error: unknown,
): Promise<SyncResult> {
  const { code, message } = describeFailure(error);
  const stateKey = keys.syncState(scope, p.record.id);
  const pending = await session.deps.store.get<SyncState>(stateKey).catch(() => undefined);
  const failed: SyncState | undefined = pending ? { ...pending, state: 'failed', code, message, updatedAt: session.deps.clock.now().toISOString() } : undefined;
  if (failed) await session.deps.store.set(stateKey, failed).catch(() => undefined);
  const result: SyncResult = { ...base, outcome: 'failed', code: code === 'retryable' ? 'jira-error' : code, message };
  return finish(session, failed ? { ...p, state: failed } : p, worklogs, result, options, true);
}

/** How long to wait for a lock: at most `maxWaitMs`, and never past the call's deadline. */
function waitUntil(session: Session, maxWaitMs: number, options: SyncOptions): number {
  const until = session.deps.clock.now().getTime() + maxWaitMs;
  return options.deadline === undefined ? until : Math.min(until, options.deadline);
}

function decide(p: PreparedRecord, worklogs: Map<string, Worklog>, inJira: Map<number, Worklog>, options: SyncOptions): Action {
  if (p.check.kind === 'running') return { kind: 'skip', message: 'Still running in the timecard: stop it first.' };
  if (p.check.kind === 'invalid') return { kind: 'skip', message: p.check.reason };
  if (!p.issueKey || !p.planned || !p.settings) return { kind: 'skip', message: 'Not linked to a Jira issue: link it first.' };
  if (!p.settings.enabled) return { kind: 'skip', message: `Timecard sync is turned off for project ${p.issueKey.split('-')[0]}.` };
  const state = p.state;
  // Logged by the timecard's own Jira sync: take that worklog over, never write a second one.
  const byTimecard = timecardSyncAction(p, worklogs, options.relogDeleted);
  if (byTimecard) return byTimecard;
  if (!state?.worklogId) {
    if (p.tooShort) return { kind: 'skip', message: `Shorter than this project's minimum of ${formatDuration(p.settings.minimumSeconds)}.` };
    // (A suggestion with a worklog was logged before this rule and counts as a link: see prepare.)
    if (p.linkSource === 'suggested') return { kind: 'skip', message: suggestionNotAccepted(p.issueKey) };
    // Any earlier attempt may have reached Jira even if it failed afterwards: look before creating.
    if (state) return { kind: 'adopt-or-create' };
    const known = inJira.get(p.record.id);
    return known ? { kind: 'adopt', worklog: known } : { kind: 'create' };
  }
  if (state.issueKey !== p.issueKey) return { kind: 'move', fromIssueKey: state.issueKey, worklogId: state.worklogId };
  if (state.state === 'pending') return { kind: 'adopt-or-create' };
  const { status } = deriveStatus({ check: p.check, tooShort: p.tooShort, state: { ...state, state: 'synced' }, currentHash: p.planned.hash, currentRecordHash: p.planned.recordHash, observed: observedFor({ ...p, state: { ...state, state: 'synced' } }, worklogs) });
  if (status === 'deleted-in-jira') {
    return options.relogDeleted ? { kind: 'create' } : { kind: 'skip', message: 'Its worklog was deleted in Jira; log it again from its row if you want it back.' };
  }
  if ((status === 'edited-in-jira' || status === 'conflict') && !options.overwriteJiraEdits) {
    return { kind: 'skip', message: 'Its worklog was edited in Jira; re-sync it on its own to overwrite that edit.' };
  }
  // A routine (bulk) sync never rewrites worklogs only because the settings changed.
  if (status === 'settings-changed' && !options.overwriteJiraEdits) {
    return { kind: 'skip', message: "Logged with the project's earlier settings; re-sync it on its own to write it with the current ones." };
  }
  if (status === 'synced' && state.state === 'synced') return { kind: 'unchanged' };
  return { kind: 'update', worklogId: state.worklogId };
}

/** A suggestion is logged only when the person accepts it (one rule for the panel, the page and bulk jobs). */
function suggestionNotAccepted(issueKey: string): string {
  return `Only suggested for ${issueKey} (its notes or link mention it): accept the suggestion first, or use "Accept and log" on the issue.`;
}

function outcomeOf(action: Action, p: PreparedRecord): Pick<SyncResult, 'outcome' | 'message' | 'timeSpentSeconds' | 'worklogId'> {
  const seconds = p.planned ? { timeSpentSeconds: p.planned.seconds } : {};
  switch (action.kind) {
    case 'skip':
      return { outcome: 'skipped', message: action.message };
    case 'unchanged':
      return { outcome: 'unchanged', ...seconds, ...(p.state?.worklogId ? { worklogId: p.state.worklogId } : {}) };
    case 'update':
      return { outcome: 'updated', ...seconds, worklogId: action.worklogId };
    case 'adopt':
      return { outcome: markedHash(action.worklog) === p.planned?.hash ? 'unchanged' : 'updated', ...seconds, worklogId: action.worklog.id };
    case 'move':
      return { outcome: 'updated', message: `Moves the worklog from ${action.fromIssueKey} to ${p.issueKey}.`, ...seconds };
    default:
      return { outcome: 'created', ...seconds };
  }
}

interface Performed {
  result: Pick<SyncResult, 'outcome' | 'worklogId' | 'message' | 'code' | 'timeSpentSeconds'>;
  state?: SyncState;
  worklog?: Worklog;
  adopted?: boolean;
}

/** Writes `pending`, then Jira; what the attempt ends with is added to `staged` for the caller to write. */
async function perform(
  session: Session,
  scope: RecordScope,
  p: PreparedRecord,
  action: Action,
  attemptId: string,
  options: SyncOptions,
  staged: StoreItem<unknown>[],
): Promise<Performed> {
  if (action.kind === 'skip' || action.kind === 'unchanged') return { result: outcomeOf(action, p), state: p.state };
  const planned = p.planned!;
  const issueKey = p.issueKey!;
  const writeOptions: WriteOptions = { notifyUsers: p.settings!.notifyWatchers, adjustEstimate: p.settings!.estimatePolicy };
  const stateKey = keys.syncState(scope, p.record.id);
  const now = () => session.deps.clock.now().toISOString();
  const pending: SyncState = {
    ...(p.state ?? {}),
    recordId: p.record.id,
    state: 'pending',
    attemptId,
    // Keep the issue an earlier attempt wrote to until this one has written: a crash in between must still find it.
    issueKey: p.state?.issueKey ?? issueKey,
    updatedAt: now(),
    ...(options.jobId ? { jobId: options.jobId } : {}),
  };
  await session.deps.store.set(stateKey, pending);
  try {
    const { worklog, outcome, message, adopted } = await write(session.jira, scope, p, action, planned, writeOptions);
    const synced: SyncState = {
      recordId: p.record.id,
      state: 'synced',
      attemptId,
      issueKey,
      worklogId: worklog.id,
      hash: planned.hash,
      recordHash: planned.recordHash,
      source: planned.source,
      sentSeconds: planned.seconds,
      sentStarted: worklog.started,
      // Only when Jira answered with the comment (a response without one proves nothing later).
      ...(worklog.comment != null ? { sentCommentHash: commentHash(worklog.comment) } : {}),
      updatedAt: now(),
      ...(options.jobId ? { jobId: options.jobId } : {}),
    };
    const owner = { server: scope.server, user: scope.user, recordId: p.record.id };
    staged.push({ key: stateKey, value: synced }, worklogOwnerItem(owner, worklog.id));
    return { result: { outcome, worklogId: worklog.id, timeSpentSeconds: planned.seconds, ...(message ? { message } : {}) }, state: synced, worklog, adopted };
  } catch (error) {
    const { code, message } = describeFailure(error);
    // An ambiguous write stays `pending` so the next attempt looks in Jira before creating.
    const failed: SyncState =
      code === 'retryable' ? pending : { ...pending, state: 'failed', code, message, updatedAt: now(), issueKey: pending.issueKey };
    staged.push({ key: stateKey, value: failed });
    return { result: { outcome: 'failed', code: code === 'retryable' ? 'jira-error' : code, message }, state: failed };
  }
}

async function write(
  jira: JiraPort,
  scope: RecordScope,
  p: PreparedRecord,
  action: Action,
  planned: PlannedWorklog,
  options: WriteOptions,
): Promise<{ worklog: Worklog; outcome: SyncOutcome; message?: string; adopted?: boolean }> {
  const issueKey = p.issueKey!;
  switch (action.kind) {
    case 'update':
      try {
        return { worklog: await jira.updateWorklog(issueKey, action.worklogId, planned.input, options), outcome: 'updated' };
      } catch (error) {
        if (!isAppError(error, 'issue-not-found')) throw error;
        return { worklog: await jira.createWorklog(issueKey, planned.input, options), outcome: 'created', message: 'Its worklog was gone from Jira, so it was logged again.' };
      }
    case 'move': {
      // The target first: one that does not exist fails here, before anything is deleted; and a
      // move interrupted after its create finds that worklog instead of creating another.
      const already = await findAdoptable(jira, scope, p);
      await deleteIfPresent(jira, action.fromIssueKey, action.worklogId, options);
      const moved = already ?? (await createOrAdopt(jira, scope, p, planned, options));
      return { worklog: moved, outcome: 'updated', message: `Moved from ${action.fromIssueKey}.` };
    }
    case 'adopt': {
      if (markedHash(action.worklog) === planned.hash) {
        return { worklog: action.worklog, outcome: 'unchanged', message: 'Jira already had this worklog; the app took it over.', adopted: true };
      }
      return { worklog: await jira.updateWorklog(issueKey, action.worklog.id, planned.input, options), outcome: 'updated', adopted: true };
    }
    case 'adopt-or-create': {
      const found = await findAdoptable(jira, scope, p);
      if (!found) {
        // The interrupted attempt may have written to the issue the record was linked to then.
        const earlierIssue = p.state?.issueKey;
        const elsewhere = earlierIssue && earlierIssue !== issueKey ? await findAdoptableOn(jira, scope, p, earlierIssue) : undefined;
        if (elsewhere) await deleteIfPresent(jira, earlierIssue!, elsewhere.id, options);
        const created = await createOrAdopt(jira, scope, p, planned, options);
        return elsewhere ? { worklog: created, outcome: 'updated', message: `Moved from ${earlierIssue}.` } : { worklog: created, outcome: 'created' };
      }
      if (markedHash(found) === planned.hash) return { worklog: found, outcome: 'created', message: 'Found the worklog an interrupted sync had created.', adopted: true };
      return { worklog: await jira.updateWorklog(issueKey, found.id, planned.input, options), outcome: 'updated' };
    }
    default:
      return { worklog: await createOrAdopt(jira, scope, p, planned, options), outcome: 'created' };
  }
}

/** Creates the worklog; when Jira's answer is lost, looks for it before trying once more. */
async function createOrAdopt(jira: JiraPort, scope: RecordScope, p: PreparedRecord, planned: PlannedWorklog, options: WriteOptions): Promise<Worklog> {
  try {
    return await jira.createWorklog(p.issueKey!, planned.input, options);
  } catch (error) {
    if (!isAppError(error, 'retryable')) throw error;
    const found = await findAdoptable(jira, scope, p);
    return found ?? (await jira.createWorklog(p.issueKey!, planned.input, options));
  }
}

/** Like findAdoptable on an issue an earlier attempt aimed at; an issue that does not exist (any more) holds nothing. */
async function findAdoptableOn(jira: JiraPort, scope: RecordScope, p: PreparedRecord, issueKey: string): Promise<Worklog | undefined> {
  try {
    return await findAdoptable(jira, scope, p, issueKey);
  } catch (error) {
    if (isAppError(error, 'issue-not-found')) return undefined;
    throw error;
  }
}

async function deleteIfPresent(jira: JiraPort, issueKey: string, worklogId: string, options: WriteOptions): Promise<void> {
  try {
    await jira.deleteWorklog(issueKey, worklogId, options);
  } catch (error) {
    if (!isAppError(error, 'issue-not-found')) throw error;
  }
}

/** The worklog on the issue (the record's own by default) that carries this record's property, if an earlier attempt created one. */
async function findAdoptable(jira: JiraPort, scope: RecordScope, p: PreparedRecord, issueKey = p.issueKey!): Promise<Worklog | undefined> {
  const instants = [Date.parse(p.record.timein), ...(p.state?.sentStarted ? [Date.parse(p.state.sentStarted)] : [])];
  return (await findMarked(jira, scope, issueKey, instants)).get(p.record.id);
}

/** This person's app-made worklogs on an issue started within a day of the given instants, by record id. */
async function findMarked(jira: JiraPort, scope: RecordScope, issueKey: string, instants: number[]): Promise<Map<number, Worklog>> {
  const worklogs = await jira.listWorklogs(issueKey, {
    startedAfterMs: Math.min(...instants) - DAY_MS,
    startedBeforeMs: Math.max(...instants) + DAY_MS,
  });
  const marked = new Map<number, Worklog>();
  for (const w of worklogs) {
    const mark = w.properties[WORKLOG_PROPERTY_KEY] as { server?: string; user?: string; recordId?: number } | undefined;
    if (mark?.server === scope.server && mark.user === scope.user && typeof mark.recordId === 'number') marked.set(mark.recordId, w);
  }
  return marked;
}

function markedHash(worklog: Worklog): string | undefined {
  return (worklog.properties[WORKLOG_PROPERTY_KEY] as { hash?: string } | undefined)?.hash;
}

interface Failure {
  code: string;
  message: string;
}

function describeFailure(error: unknown): Failure {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'Something went wrong while syncing. Try again: the next sync checks Jira first, so nothing is logged twice.' };
}

/** What the history keeps of the work itself, so an entry says which work it was. */
function workOf(p: PreparedRecord): Pick<NewHistoryItem, 'workStart' | 'workSeconds' | 'notes'> {
  return {
    workStart: parseInstant(p.record.timein)?.toISOString() ?? p.record.timein,
    workSeconds: p.check.kind === 'ok' ? p.check.durationSeconds : null,
    notes: p.record.notes || [p.names.domain, p.names.category, p.names.title].filter(Boolean).join(' / ') || null,
  };
}

async function finish(
  session: Session,
  p: PreparedRecord,
  worklogs: Map<string, Worklog>,
  result: SyncResult,
  options: SyncOptions,
  record: boolean,
  written?: Worklog,
  historyOutcome?: 'adopted',
  /** Set: the history entry is added here for the caller to write, not written now. */
  staged?: StoreItem<unknown>[],
): Promise<SyncResult> {
  if (record) {
    const item: NewHistoryItem = {
      recordId: result.recordId,
      issueKey: result.issueKey ?? null,
      worklogId: result.worklogId ?? null,
      outcome: historyOutcome ?? result.outcome,
      message: result.message ?? null,
      code: result.code ?? null,
      jobId: options.jobId ?? null,
      timeSpentSeconds: result.timeSpentSeconds ?? null,
      ...(options.jobId ? { runId: options.jobId } : {}),
      ...workOf(p),
    };
    if (staged) staged.push(...historyEntry(session, item));
    else await appendHistory(session, item);
  }
  const observed = written ? new Map([...worklogs, [written.id, written]]) : worklogs;
  return { ...result, record: toRecordView(p, observed) };
}
