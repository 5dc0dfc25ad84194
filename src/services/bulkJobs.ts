// Bulk sync jobs. A job is split into batches whose issues never overlap (so one issue is only
// ever written by one worker), each batch runs from the queue as the person who started the
// job, and every record's result is saved as it finishes, so a killed or timed-out worker
// resumes where it stopped. The open page can drive the same batches (see driveStalledJob).
//
// Storage: `job:<id>` the job; `jobres:<id>:<batch>:<page>` the results of a batch, in pages of
// RESULTS_PER_PAGE (one KVS value stays far below 240 KiB whatever the batch size);
// `joblease:<id>:<batch>` who runs a batch now; `jobprior:<id>:<batch>` the worklogs the batch's
// records had before the job touched them (so a resumed run reports created vs updated right);
// `jobdone:<id>:<batch>` a small marker written once a batch's results are complete (so telling
// whether the whole job is done does not read every batch's results).
import { AppError, isAppError } from '../domain/errors';
import { CANCELLED_CODE, CANCELLED_MESSAGE, endedMessage, isWaitCause, waitedTooLong, waitingMessage, type WaitCause } from '../domain/jobWaiting';
import type { SyncState } from '../domain/status';
import { JOB_ID_PATTERN, type BulkJob, type Payload, type Result, type SyncResult } from '../shared/contract';
import type { Actor, Session } from './context';
import { requireScope } from './connection';
import { logFailure } from './failureLog';
import { keys, type RecordScope } from './keys';
import { acquireLease, releaseLease, renewLease, tryAcquireLease } from './leases';
import { issueLocks } from './issueLocks';
import { prepareRecords, resolveIssueKeys, type PreparedRecord } from './prepare';
import type { Deps, Worklog } from './ports';
import { fetchRecordsById, recordNotFound } from './records';
import { removeSyncedWorklog } from './recordActions';
import { loadSettingsFor, projectKeyOf } from './settings';
import { withPermissionChecks } from './preview';
import { scanJiraForExisting, syncPrepared, type ExistingInJira, type SyncOptions } from './sync';
import { observeWorklogs } from './recordViews';

const TARGET_BATCH_SIZE = 25;
const RESULTS_PER_PAGE = 200;
const BATCH_LEASE_SECONDS = 120;
/** A running batch saves its results when this long or this many records have passed (and always when it stops). */
const PROGRESS_SAVE_MS = 2_000;
const PROGRESS_SAVE_RECORDS = 10;
/** A running batch renews its lease this often. */
const LEASE_RENEW_MS = 30_000;
/** A job without any progress for this long is taken over by the page (the queue is stuck or slow). */
const STALL_MS = 30_000;
/** Time one getBulkJob call may spend driving batches (well under the 25 s resolver limit). */
const PAGE_DRIVE_BUDGET_MS = 10_000;
const UNDO_BUDGET_MS = 14_000;
/** How long an undo waits for another undo of the same job, and how long its lock lives if it dies. */
const UNDO_LOCK_WAIT_MS = 8_000;
const UNDO_LEASE_SECONDS = 60;
/** Issues whose worklogs an undo deletes at once; one issue's are deleted one at a time. */
const UNDO_ISSUE_CONCURRENCY = 4;

interface Batch {
  recordIds: number[];
}

interface StoredJob {
  jobId: string;
  accountId: string;
  actor: Actor;
  scope: RecordScope;
  dryRun: boolean;
  total: number;
  startedAt: string;
  batches: Batch[];
  state: BulkJob['state'];
  /** Set when the queue worker could not act as the person: the open page drives the batches. */
  pageDriven?: boolean;
  /** Set once a queue worker has acted as the person (no need to probe again). */
  impersonation?: 'ok';
  undoneWorklogs?: string[];
  /** Worklogs an undo could not delete so far (a later slice that deletes one drops it). */
  undoFailures?: { recordId: number; message: string }[];
  finishedAt?: string;
  /** Why the job is not moving now (set by whoever met the cause, cleared by the next progress). */
  waiting?: JobWaiting;
  /** Set to end the job early (cancelled, or waited too long): workers stop and its remaining records fail with this. */
  stop?: { code: string; message: string; at: string };
  /** Set when automatic sync started the job (its history entries say so). */
  trigger?: 'automatic';
}

export interface JobWaiting {
  code: WaitCause;
  message: string;
  /** When the job began waiting (kept until it moves again, so MAX_WAIT_MS bounds the whole wait). */
  since: string;
}

interface ResultPage {
  results: SyncResult[];
  updatedAt: string;
  /** Set on the pages written when the batch finished. */
  complete?: boolean;
}

interface BatchResults {
  results: SyncResult[];
  complete: boolean;
  /** The latest save (ms since epoch), 0 when never saved. */
  updatedAtMs: number;
}

interface Priors {
  /** recordId → the worklog it had before this job (records without one are absent). */
  worklogs: Record<string, string>;
}

export interface BulkEventBody extends Record<string, unknown> {
  jobId: string;
  batch: number;
  /** How many times this batch's event was pushed again because another worker held the batch. */
  leased?: number;
}

const pad5 = (n: number) => String(n).padStart(5, '0');
const pageKey = (jobId: string, batch: number, page: number) => `${keys.jobResults(jobId, batch)}:${String(page).padStart(3, '0')}`;
const leaseKey = (jobId: string, batch: number) => `joblease:${jobId}:${pad5(batch)}`;
const priorKey = (jobId: string, batch: number) => `jobprior:${jobId}:${pad5(batch)}`;
const doneMarkerPrefix = (jobId: string) => `jobdone:${jobId}:`;
const doneMarkerKey = (jobId: string, batch: number) => `${doneMarkerPrefix(jobId)}${pad5(batch)}`;
const undoLeaseKey = (jobId: string) => `jobundo:${jobId}`;

export async function startBulkSync(
  session: Session,
  payload: Payload<'startBulkSync'>,
  options: { trigger?: 'automatic' } = {},
): Promise<Result<'startBulkSync'>> {
  const scope = await requireScope(session);
  const ids = [...new Set(payload.recordIds)];
  const dryRun = payload.dryRun ?? false;
  const fetched = await fetchRecordsById(session, scope, ids);
  const found = new Set(fetched.records.map((r) => r.id));
  const jobId = session.deps.newId();
  const now = session.deps.clock.now();
  // A preview reports every outcome, so it needs the full preparation; a real job only groups by
  // issue here (its batches prepare their records when they run), from the stored links alone.
  const prepared = dryRun ? await prepareRecords(session, scope, fetched.records, fetched.attributes) : null;
  const issueOf = prepared
    ? new Map(prepared.map((p) => [p.record.id, p.issueKey]))
    : await resolveIssueKeys(session.deps.store, scope, fetched.records);
  const job: StoredJob = {
    jobId,
    accountId: session.actor.accountId,
    actor: session.actor,
    scope,
    dryRun,
    total: ids.length,
    startedAt: now.toISOString(),
    batches: groupIntoBatches(fetched.records.map((r) => ({ id: r.id, issueKey: issueOf.get(r.id) ?? null }))),
    state: 'queued',
    ...(options.trigger ? { trigger: options.trigger } : {}),
  };
  const missing: SyncResult[] = ids.filter((id) => !found.has(id)).map((id) => ({ recordId: id, outcome: 'failed', code: 'record-not-found', message: recordNotFound(id).message }));

  if (prepared) {
    // A preview writes nothing, so it runs here at once.
    const worklogs = await observeWorklogs(session.jira, prepared);
    const results = await withPermissionChecks(
      session,
      await syncPrepared(session, scope, prepared, worklogs, { dryRun: true, overwriteJiraEdits: false, relogDeleted: false }),
    );
    await savePages(session.deps, jobId, 0, [...results.map(stripView), ...missing], 0, true);
    await session.deps.store.set(keys.job(jobId), { ...job, state: 'done', finishedAt: now.toISOString() });
    return { jobId };
  }
  // Results of records that could not be found go after the real batches, already complete.
  if (missing.length > 0) await savePages(session.deps, jobId, job.batches.length, missing, 0, true);
  await session.deps.store.set(keys.job(jobId), job);
  if (job.batches.length === 0) await finishIfAllDone(session.deps, jobId);
  else await session.deps.queue.push(job.batches.map((_, batch) => ({ body: { jobId, batch } satisfies BulkEventBody })));
  return { jobId };
}

/**
 * Whole issues per batch, about TARGET_BATCH_SIZE records each (an issue with more records is one
 * bigger batch: one issue is never split over two batches); records without an issue go anywhere.
 */
export function groupIntoBatches(records: { id: number; issueKey: string | null }[]): Batch[] {
  const byIssue = new Map<string, number[]>();
  records.forEach(({ id, issueKey }, i) => {
    const group = issueKey ?? `(none)${Math.floor(i / TARGET_BATCH_SIZE)}`;
    const ids = byIssue.get(group);
    if (ids) ids.push(id);
    else byIssue.set(group, [id]);
  });
  const batches: Batch[] = [];
  let current: number[] = [];
  for (const ids of byIssue.values()) {
    if (current.length > 0 && current.length + ids.length > TARGET_BATCH_SIZE) {
      batches.push({ recordIds: current });
      current = [];
    }
    current.push(...ids);
  }
  if (current.length > 0) batches.push({ recordIds: current });
  return batches;
}

function stripView(result: SyncResult): SyncResult {
  const { record: _record, ...rest } = result;
  return rest;
}

/** Writes the pages of a batch's results from the one holding result `from` to the last. */
async function savePages(deps: Deps, jobId: string, batch: number, results: SyncResult[], from: number, complete: boolean): Promise<void> {
  const updatedAt = deps.clock.now().toISOString();
  const last = Math.max(0, Math.ceil(results.length / RESULTS_PER_PAGE) - 1);
  for (let page = Math.floor(from / RESULTS_PER_PAGE); page <= last; page++) {
    const value: ResultPage = { results: results.slice(page * RESULTS_PER_PAGE, (page + 1) * RESULTS_PER_PAGE), updatedAt, ...(complete ? { complete } : {}) };
    await deps.store.set(pageKey(jobId, batch, page), value);
  }
}

async function loadJob(deps: Deps, jobId: string, accountId: string): Promise<StoredJob> {
  const job = JOB_ID_PATTERN.test(jobId) ? await deps.store.get<StoredJob>(keys.job(jobId)) : undefined;
  // Another person's job is indistinguishable from no job.
  if (!job || job.accountId !== accountId) throw new AppError('job-not-found', 'No such sync job (it may have expired, or it was started by someone else).');
  return job;
}

/** Re-reads the job and writes `change(job)` unless it returns the job unchanged. */
async function updateJob(deps: Deps, jobId: string, change: (job: StoredJob) => StoredJob): Promise<void> {
  const job = await deps.store.get<StoredJob>(keys.job(jobId));
  if (!job) return;
  const next = change(job);
  if (next !== job) await deps.store.set(keys.job(jobId), next);
}

/** The saved results of every batch (or of one, with `batch`), pages joined. */
async function loadBatches(deps: Deps, jobId: string, batch?: number): Promise<Map<number, BatchResults>> {
  const prefix = batch === undefined ? keys.jobResultsPrefix(jobId) : `${keys.jobResults(jobId, batch)}:`;
  const pages: { batch: number; page: number; value: ResultPage }[] = [];
  let cursor: string | undefined;
  do {
    const found = await deps.store.query<ResultPage>(prefix, { limit: 100, cursor });
    for (const { key, value } of found.items) {
      const match = /:(\d{5}):(\d{3})$/.exec(key);
      if (match) pages.push({ batch: Number(match[1]), page: Number(match[2]), value });
    }
    cursor = found.nextCursor;
  } while (cursor);
  pages.sort((a, b) => a.batch - b.batch || a.page - b.page);
  const batches = new Map<number, BatchResults>();
  for (const { batch: index, value } of pages) {
    const entry = batches.get(index) ?? { results: [], complete: false, updatedAtMs: 0 };
    entry.results.push(...value.results);
    entry.complete ||= value.complete === true;
    entry.updatedAtMs = Math.max(entry.updatedAtMs, Date.parse(value.updatedAt) || 0);
    batches.set(index, entry);
  }
  return batches;
}

export interface BatchRun {
  /** Set when the batch stopped early and should be tried again after this many seconds. */
  retryAfterSeconds?: number;
  /**
   * Why it stopped early: its time budget ran out, Jira kept refusing (429), Jira's hourly points
   * budget is used up (`quota`: wait until it resets), another worker holds it, Forge would not act
   * as the person, or the job was stopped (its batch is ended then).
   */
  reason?: 'deadline' | 'rate-limited' | 'quota' | 'leased' | 'impersonation-refused' | 'stopped';
}

class LeaseLost extends Error {}

/** Runs (or resumes) one batch of a job as the person who started it. Safe to call twice, or at once. */
export async function runBatch(deps: Deps, jobId: string, batch: number, options: { deadline: number; asPage?: Session }): Promise<BatchRun> {
  const job = await deps.store.get<StoredJob>(keys.job(jobId));
  const spec = job?.batches[batch];
  if (!job || !spec || job.state === 'done' || job.state === 'undone') return {};
  // Once Forge has refused to let the queue act as the person, only the page drives the job.
  if (!options.asPage && job.pageDriven) return {};
  const holder = deps.newId();
  const lease_key = leaseKey(jobId, batch);
  if (!(await tryAcquireLease(deps.store, deps.clock, lease_key, holder, BATCH_LEASE_SECONDS))) return { retryAfterSeconds: 30, reason: 'leased' };
  let renewedAt = deps.clock.now().getTime();
  const keepLease = async () => {
    if (deps.clock.now().getTime() - renewedAt < LEASE_RENEW_MS) return;
    // Lost (expired and taken by another worker): stop, that worker carries on.
    if (!(await renewLease(deps.store, deps.clock, lease_key, holder, BATCH_LEASE_SECONDS))) throw new LeaseLost();
    renewedAt = deps.clock.now().getTime();
  };
  try {
    const saved = (await loadBatches(deps, jobId, batch)).get(batch) ?? { results: [], complete: false, updatedAtMs: 0 };
    if (saved.complete || job.stop) {
      // Delivered again after it finished (its worker may have died before marking it), or the job was stopped: finish up.
      if (!saved.complete) await endBatch(deps, job, batch, saved.results, job.stop!);
      await markBatchDone(deps, jobId, batch);
      await finishIfAllDone(deps, jobId);
      return {};
    }
    const session: Session = options.asPage ?? { deps, actor: job.actor, jira: deps.jira.asUser(job.accountId) };
    let acting = false;
    if (!options.asPage && job.impersonation !== 'ok') {
      // One cheap read as the person tells whether Forge lets this worker act for them.
      try {
        await session.jira.myself();
        acting = true;
      } catch (error) {
        if (!isAppError(error, 'forbidden')) throw error;
        await handToPage(deps, jobId);
        return { reason: 'impersonation-refused' };
      }
    }
    if (job.state === 'queued' || acting) {
      await updateJob(deps, jobId, (current) =>
        current.state === 'queued' || (acting && current.impersonation !== 'ok')
          ? { ...current, state: current.state === 'queued' ? 'running' : current.state, ...(acting ? { impersonation: 'ok' as const } : {}) }
          : current,
      );
    }
    const done = new Set(saved.results.map((r) => r.recordId));
    const todo = spec.recordIds.filter((id) => !done.has(id));
    const results = [...saved.results];
    let persisted = results.length;
    let waiting = job.waiting;
    const save = async (complete: boolean) => {
      await savePages(deps, jobId, batch, results, persisted, complete);
      persisted = results.length;
      // Moving again: whatever it waited for has gone.
      if (waiting) {
        waiting = undefined;
        await updateJob(deps, jobId, (current) => (current.waiting ? { ...current, waiting: undefined } : current));
      }
    };
    let savedAt = deps.clock.now().getTime();
    const stop = await syncRemaining(session, job, batch, todo, results, options, async () => {
      // Progress is saved every few seconds or records, not after each (a KVS write of a growing
      // page each): a record synced but not yet saved is found synced by this job on a rerun (asJobResult).
      if (deps.clock.now().getTime() - savedAt < PROGRESS_SAVE_MS && results.length - persisted < PROGRESS_SAVE_RECORDS) return;
      await save(false);
      savedAt = deps.clock.now().getTime();
      await keepLease();
    });
    if (stop?.reason === 'stopped') {
      const current = await deps.store.get<StoredJob>(keys.job(jobId));
      await endBatch(deps, job, batch, results, current?.stop ?? { code: CANCELLED_CODE, message: CANCELLED_MESSAGE, at: deps.clock.now().toISOString() });
      await markBatchDone(deps, jobId, batch);
      await finishIfAllDone(deps, jobId);
      return {};
    }
    if (stop?.reason === 'impersonation-refused') {
      await save(false);
      await handToPage(deps, jobId);
      return stop;
    }
    await save(stop === undefined);
    if (stop === undefined) {
      await markBatchDone(deps, jobId, batch);
      await finishIfAllDone(deps, jobId);
    }
    return stop ?? {};
  } catch (error) {
    if (error instanceof LeaseLost) return { retryAfterSeconds: 30, reason: 'leased' };
    throw error;
  } finally {
    // Only our own lease (a lost one belongs to someone else now).
    await releaseLease(deps.store, lease_key, holder);
  }
}

async function handToPage(deps: Deps, jobId: string): Promise<void> {
  await updateJob(deps, jobId, (job) => (job.pageDriven ? job : { ...job, pageDriven: true }));
}

/** The worklogs the batch's records had before this job; saved at the batch's first run, before any write. */
async function priorsOf(session: Session, jobId: string, batch: number, states: (SyncState | undefined)[]): Promise<Priors> {
  const key = priorKey(jobId, batch);
  const stored = await session.deps.store.get<Priors>(key);
  if (stored) return stored;
  const priors: Priors = { worklogs: {} };
  for (const state of states) if (state?.worklogId) priors.worklogs[String(state.recordId)] = state.worklogId;
  await session.deps.store.set(key, priors);
  return priors;
}

/** Syncs records one at a time (a batch's issues are its own), saving after each; stops early on the deadline or a rate limit. */
async function syncRemaining(
  session: Session,
  job: StoredJob,
  batch: number,
  todo: number[],
  results: SyncResult[],
  options: { deadline: number; asPage?: Session },
  save: () => Promise<void>,
): Promise<BatchRun | undefined> {
  if (todo.length === 0) return undefined;
  const fetched = await fetchRecordsById(session, job.scope, todo);
  const prepared = await prepareRecords(session, job.scope, fetched.records, fetched.attributes);
  const priors = await priorsOf(session, job.jobId, batch, prepared.map((p) => p.state));
  const present = new Set(prepared.map((p) => p.record.id));
  for (const id of todo.filter((id) => !present.has(id))) {
    results.push({ recordId: id, outcome: 'failed', code: 'record-not-found', message: recordNotFound(id).message });
  }
  const worklogs = await observeWorklogs(session.jira, prepared);
  // The batch's issues are its own: each issue's lock is taken once for all its records.
  const locks = issueLocks(session.deps, session.deps.newId());
  const syncOptions: SyncOptions = {
    dryRun: false,
    jobId: job.jobId,
    overwriteJiraEdits: false,
    relogDeleted: false,
    issueLocks: locks,
    ...(job.trigger ? { trigger: job.trigger } : {}),
  };
  // One look per issue for worklogs Jira already has, not one per record.
  const existing = await scanJiraForExisting(session, job.scope, prepared, worklogs, syncOptions);
  try {
    return await syncEach(session, job, prepared, worklogs, existing, syncOptions, priors, results, options, save);
  } finally {
    await locks.releaseAll();
  }
}

async function syncEach(
  session: Session,
  job: StoredJob,
  prepared: PreparedRecord[],
  worklogs: Map<string, Worklog>,
  existing: ExistingInJira,
  syncOptions: SyncOptions,
  priors: Priors,
  results: SyncResult[],
  options: { deadline: number; asPage?: Session },
  save: () => Promise<void>,
): Promise<BatchRun | undefined> {
  let synced = 0;
  for (const p of prepared) {
    // Cancelled, or given up: stop before the next write (one read a record, so a stop takes effect at once).
    if ((await session.deps.store.get<StoredJob>(keys.job(job.jobId)))?.stop) return { reason: 'stopped' };
    // Always at least one record per run, so even a tiny budget moves the job forward.
    if (synced > 0 && session.deps.clock.now().getTime() > options.deadline) {
      await save();
      return { retryAfterSeconds: 1, reason: 'deadline' };
    }
    const [result] = await syncPrepared(session, job.scope, [p], worklogs, { ...syncOptions, existing });
    synced++;
    if (result.outcome === 'failed' && result.code === 'rate-limited') {
      await save();
      return rateLimitedStop(session);
    }
    if (result.outcome === 'failed' && result.code === 'forbidden' && !options.asPage) {
      // Forge refused to let the worker act as the person: the page takes over (this record included).
      return { reason: 'impersonation-refused' };
    }
    results.push(asJobResult(stripView(result), p.state, priors, job.jobId));
    await save();
  }
  return undefined;
}

/** A batch stopped by a 429: until the hourly budget resets when that is what is out, else a short pause. */
function rateLimitedStop(session: Session): BatchRun {
  const resetsAt = session.deps.jira.quotaResetsAt?.() ?? null;
  if (resetsAt === null) return { retryAfterSeconds: 30, reason: 'rate-limited' };
  return { retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - session.deps.clock.now().getTime()) / 1000)), reason: 'quota' };
}

/**
 * What this job did to the record, also when an earlier run of the job did it and died before
 * saving the result: a record this job already synced looks `unchanged` now; a worklog adopted
 * after a crash looks `created` even when it was the record's own worklog, updated.
 */
function asJobResult(result: SyncResult, before: SyncState | undefined, priors: Priors, jobId: string): SyncResult {
  const prior = priors.worklogs[String(result.recordId)];
  if (result.outcome === 'unchanged' && before?.state === 'synced' && before.jobId === jobId && before.worklogId) {
    return prior === before.worklogId
      ? { ...result, outcome: 'updated', worklogId: before.worklogId }
      : { ...result, outcome: 'created', worklogId: before.worklogId, message: 'Logged by an earlier, interrupted run of this sync.' };
  }
  if (result.outcome === 'created' && prior !== undefined && result.worklogId === prior) return { ...result, outcome: 'updated' };
  return result;
}

async function markBatchDone(deps: Deps, jobId: string, batch: number): Promise<void> {
  await deps.store.set(doneMarkerKey(jobId, batch), { at: deps.clock.now().toISOString() });
}

/** The batches marked done (markers only: a few bytes each, not the batches' results). */
async function doneMarkers(deps: Deps, jobId: string): Promise<Set<number>> {
  const done = new Set<number>();
  let cursor: string | undefined;
  do {
    const page = await deps.store.query<unknown>(doneMarkerPrefix(jobId), { limit: 100, cursor });
    for (const { key } of page.items) done.add(Number(key.slice(key.lastIndexOf(':') + 1)));
    cursor = page.nextCursor;
  } while (cursor);
  return done;
}

/**
 * Whether every batch's results are complete: from `loaded` when the caller has them, else from the
 * done markers, reading results only for an unmarked batch (its marker write may have failed)
 * and stopping at the first that is not complete, so one batch finishing never reads them all.
 */
async function allBatchesComplete(deps: Deps, job: StoredJob, loaded?: Map<number, BatchResults>): Promise<boolean> {
  if (loaded) return job.batches.every((_, i) => loaded.get(i)?.complete === true);
  const marked = await doneMarkers(deps, job.jobId);
  for (let i = 0; i < job.batches.length; i++) {
    if (marked.has(i)) continue;
    if (!(await loadBatches(deps, job.jobId, i)).get(i)?.complete) return false;
  }
  return true;
}

/** Marks the job done once all its batches are; true when this call did. */
async function finishIfAllDone(deps: Deps, jobId: string, loaded?: Map<number, BatchResults>): Promise<boolean> {
  const job = await deps.store.get<StoredJob>(keys.job(jobId));
  if (!job || job.state === 'done' || job.state === 'undone') return false;
  if (!(await allBatchesComplete(deps, job, loaded))) return false;
  await updateJob(deps, jobId, (current) =>
    current.state === 'done' || current.state === 'undone' ? current : { ...current, state: 'done', finishedAt: deps.clock.now().toISOString() },
  );
  return true;
}

export async function getBulkJob(session: Session, jobId: string, withResults = true): Promise<Result<'getBulkJob'>> {
  const { deps } = session;
  const { accountId } = session.actor;
  let job = await loadJob(deps, jobId, accountId);
  // The results are read once per poll; again only when this poll moved the job on.
  let batches = await loadBatches(deps, jobId);
  let moved: Moved;
  if (job.waiting && waitedTooLong(job.waiting.since, deps.clock.now().getTime()) && !isFinished(job)) {
    // Nobody is going to move it any more: end it, its remaining records failed with the reason.
    await stopJob(deps, jobId, { code: job.waiting.code, message: endedMessage(job.waiting.code) });
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

function summarize(job: StoredJob, batches: Map<number, BatchResults>): BulkJob {
  // One result per record (the last saved wins, should two runs ever have saved one).
  const byRecord = new Map<number, SyncResult>();
  for (const [, batch] of [...batches.entries()].sort((a, b) => a[0] - b[0])) for (const r of batch.results) byRecord.set(r.recordId, r);
  const results = [...byRecord.values()];
  const count = (outcome: SyncResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  const created = count('created');
  const updated = count('updated');
  const unchanged = count('unchanged');
  const { finishedAt } = job;
  return {
    jobId: job.jobId,
    state: job.state,
    dryRun: job.dryRun,
    total: job.total,
    done: results.length,
    succeeded: created + updated + unchanged,
    failed: count('failed'),
    skipped: count('skipped'),
    created,
    updated,
    unchanged,
    startedAt: job.startedAt,
    ...(finishedAt ? { finishedAt } : {}),
    ...(job.waiting && !isFinished(job) ? { waiting: job.waiting } : {}),
    ...(job.stop?.code === CANCELLED_CODE ? { cancelled: true } : {}),
    results,
  };
}

const isFinished = (job: StoredJob) => job.state === 'done' || job.state === 'undone';

/** The wait cause an error stands for (anything unexpected is `internal`). */
export function waitCauseOf(error: unknown): WaitCause {
  if (isAppError(error, 'token-expired')) return 'reconnect-timecard';
  return isAppError(error) && isWaitCause(error.code) ? error.code : 'internal';
}

/** Records why the job waits (keeping when it began waiting, whatever the cause since: only progress resets it); the job as it is now. */
export async function noteWaiting(deps: Deps, jobId: string, cause: WaitCause): Promise<StoredJob | undefined> {
  const now = deps.clock.now().toISOString();
  await updateJob(deps, jobId, (job) =>
    isFinished(job) || job.stop
      ? job
      : { ...job, waiting: { code: cause, message: waitingMessage(cause), since: job.waiting?.since ?? now } },
  );
  return deps.store.get<StoredJob>(keys.job(jobId));
}

/** Whether a waiting job has waited too long; if so it is ended with the reason (true). */
export async function endIfWaitedTooLong(deps: Deps, job: StoredJob | undefined): Promise<boolean> {
  if (!job?.waiting || isFinished(job) || !waitedTooLong(job.waiting.since, deps.clock.now().getTime())) return false;
  await stopJob(deps, job.jobId, { code: job.waiting.code, message: endedMessage(job.waiting.code) });
  return true;
}

/** Ends a job early: workers stop before their next record, and every record without a result fails with `stop`. */
async function stopJob(deps: Deps, jobId: string, stop: { code: string; message: string }): Promise<void> {
  await updateJob(deps, jobId, (job) => (isFinished(job) || job.stop ? job : { ...job, stop: { ...stop, at: deps.clock.now().toISOString() } }));
  const job = await deps.store.get<StoredJob>(keys.job(jobId));
  if (job && !isFinished(job)) await endStoppedBatches(deps, job);
}

/** Ends every unfinished batch no worker holds now (a held one is ended by its worker, before its next record). */
async function endStoppedBatches(deps: Deps, job: StoredJob): Promise<void> {
  const loaded = await loadBatches(deps, job.jobId);
  for (let batch = 0; batch < job.batches.length; batch++) {
    if (loaded.get(batch)?.complete) continue;
    const holder = deps.newId();
    const key = leaseKey(job.jobId, batch);
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
async function endBatch(deps: Deps, job: StoredJob, batch: number, results: SyncResult[], stop: { code: string; message: string }): Promise<void> {
  const have = new Set(results.map((r) => r.recordId));
  const ended = job.batches[batch].recordIds
    .filter((id) => !have.has(id))
    .map((recordId): SyncResult => ({ recordId, outcome: 'failed', code: stop.code, message: stop.message }));
  await savePages(deps, job.jobId, batch, [...results, ...ended], results.length, true);
}

/** `cancelBulkJob`: stops the job; what it did so far stays (and can be undone), the rest is marked cancelled. */
export async function cancelBulkJob(session: Session, jobId: string): Promise<Result<'cancelBulkJob'>> {
  const { deps } = session;
  const job = await loadJob(deps, jobId, session.actor.accountId);
  if (!isFinished(job)) await stopJob(deps, jobId, { code: CANCELLED_CODE, message: CANCELLED_MESSAGE });
  return getBulkJob(session, jobId);
}

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
  const lock = undoLeaseKey(jobId);
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
    const why = job.waiting ? ` It is waiting: ${job.waiting.message} Cancel it to undo what it has done so far.` : ' Undo it when it has finished, or cancel it first.';
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
  const byIssue = new Map<string, SyncResult[]>();
  for (const r of todo) {
    const group = byIssue.get(r.issueKey ?? '');
    if (group) group.push(r);
    else byIssue.set(r.issueKey ?? '', [r]);
  }
  const groups = [...byIssue.values()];
  const settings = await loadSettingsFor(session.deps.store, [...byIssue.keys()].map(projectKeyOf));
  let deleted = 0;
  let attempted = 0;
  const worker = async () => {
    for (let group = groups.shift(); group; group = groups.shift()) {
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
    }
  };
  await Promise.all(Array.from({ length: Math.min(UNDO_ISSUE_CONCURRENCY, groups.length) }, worker));
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
