// Bulk sync jobs. A job is split into batches whose issues never overlap (so one issue is only
// ever written by one worker), each batch runs from the queue as the person who started the
// job, and every record's result is saved as it finishes, so a killed or timed-out worker
// resumes where it stopped. The open page can drive the same batches (see driveStalledJob).
import { AppError, isAppError } from '../domain/errors';
import type { BulkJob, Payload, Result, SyncResult } from '../shared/contract';
import type { Actor, Session } from './context';
import { requireScope } from './connection';
import { keys, type RecordScope } from './keys';
import { tryAcquireLease } from './leases';
import { prepareRecords } from './prepare';
import type { Deps } from './ports';
import { fetchRecordsById, recordNotFound } from './records';
import { removeSyncedWorklog } from './recordActions';
import { syncPrepared } from './sync';
import { observeWorklogs } from './views';

const TARGET_BATCH_SIZE = 25;
const BATCH_LEASE_SECONDS = 120;
/** A batch without progress for this long is taken over by the page (Forge refused the queue's impersonation, or the queue is slow). */
const STALL_MS = 30_000;
const PAGE_DRIVE_BUDGET_MS = 15_000;
const UNDO_BUDGET_MS = 18_000;

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
  undoneWorklogs?: string[];
  finishedAt?: string;
}

interface BatchResults {
  results: SyncResult[];
  complete: boolean;
  updatedAt: string;
}

export interface BulkEventBody extends Record<string, unknown> {
  jobId: string;
  batch: number;
}

export async function startBulkSync(session: Session, payload: Payload<'startBulkSync'>): Promise<Result<'startBulkSync'>> {
  const scope = await requireScope(session);
  const ids = [...new Set(payload.recordIds)];
  const fetched = await fetchRecordsById(session, scope, ids);
  const prepared = await prepareRecords(session, scope, fetched.records, fetched.attributes);
  const found = new Set(prepared.map((p) => p.record.id));
  const jobId = session.deps.newId();
  const job: StoredJob = {
    jobId,
    accountId: session.actor.accountId,
    actor: session.actor,
    scope,
    dryRun: payload.dryRun ?? false,
    total: ids.length,
    startedAt: session.deps.clock.now().toISOString(),
    batches: groupIntoBatches(prepared.map((p) => ({ id: p.record.id, issueKey: p.issueKey }))),
    state: 'queued',
  };
  const missing: SyncResult[] = ids.filter((id) => !found.has(id)).map((id) => ({ recordId: id, outcome: 'failed', code: 'record-not-found', message: recordNotFound(id).message }));

  if (job.dryRun) {
    // A preview writes nothing, so it runs here at once.
    const worklogs = await observeWorklogs(session.jira, prepared);
    const results = await syncPrepared(session, scope, prepared, worklogs, { dryRun: true, overwriteJiraEdits: false, relogDeleted: false });
    await session.deps.store.set(keys.job(jobId), { ...job, state: 'done' });
    await saveBatch(session.deps, jobId, 0, { results: [...results.map(stripView), ...missing], complete: true, updatedAt: job.startedAt });
    return { jobId };
  }
  await session.deps.store.set(keys.job(jobId), job);
  if (missing.length > 0) await saveBatch(session.deps, jobId, job.batches.length, { results: missing, complete: true, updatedAt: job.startedAt });
  await session.deps.queue.push(job.batches.map((_, batch) => ({ body: { jobId, batch } satisfies BulkEventBody })));
  return { jobId };
}

/** Whole issues per batch, about TARGET_BATCH_SIZE records each; records without an issue go anywhere. */
export function groupIntoBatches(records: { id: number; issueKey: string | null }[]): Batch[] {
  const byIssue = new Map<string, number[]>();
  records.forEach(({ id, issueKey }, i) => {
    const group = issueKey ?? `(none)${Math.floor(i / TARGET_BATCH_SIZE)}`;
    byIssue.set(group, [...(byIssue.get(group) ?? []), id]);
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

async function saveBatch(deps: Deps, jobId: string, batch: number, value: BatchResults): Promise<void> {
  await deps.store.set(keys.jobResults(jobId, batch), value);
}

async function loadJob(deps: Deps, jobId: string, accountId: string): Promise<StoredJob> {
  const job = await deps.store.get<StoredJob>(keys.job(jobId));
  // Another person's job is indistinguishable from no job.
  if (!job || job.accountId !== accountId) throw new AppError('job-not-found', 'No such sync job (it may have expired, or it was started by someone else).');
  return job;
}

async function loadBatches(deps: Deps, jobId: string): Promise<Map<number, BatchResults>> {
  const batches = new Map<number, BatchResults>();
  let cursor: string | undefined;
  do {
    const page = await deps.store.query<BatchResults>(keys.jobResultsPrefix(jobId), { limit: 100, cursor });
    for (const { key, value } of page.items) batches.set(Number(key.slice(key.lastIndexOf(':') + 1)), value);
    cursor = page.nextCursor;
  } while (cursor);
  return batches;
}

export interface BatchRun {
  /** Set when the batch stopped early and should be tried again after this many seconds. */
  retryAfterSeconds?: number;
}

/** Runs (or resumes) one batch of a job as the person who started it. Safe to call twice. */
export async function runBatch(deps: Deps, jobId: string, batch: number, options: { deadline: number; asPage?: Session }): Promise<BatchRun> {
  const job = await deps.store.get<StoredJob>(keys.job(jobId));
  const spec = job?.batches[batch];
  if (!job || !spec || job.state === 'done' || job.state === 'undone') return {};
  const leaseKey = `${keys.jobResults(jobId, batch)}:lease`;
  if (!(await tryAcquireLease(deps.store, deps.clock, leaseKey, deps.newId(), BATCH_LEASE_SECONDS))) return { retryAfterSeconds: 30 };
  try {
    const saved = (await deps.store.get<BatchResults>(keys.jobResults(jobId, batch))) ?? { results: [], complete: false, updatedAt: '' };
    if (saved.complete) return {};
    const session: Session = options.asPage ?? { deps, actor: job.actor, jira: deps.jira.asUser(job.accountId) };
    if (job.state === 'queued') await deps.store.set(keys.job(jobId), { ...job, state: 'running' });
    const done = new Set(saved.results.map((r) => r.recordId));
    const todo = spec.recordIds.filter((id) => !done.has(id));
    const results = [...saved.results];
    const stop = await syncRemaining(session, job, todo, results, options.deadline, async () => {
      await saveBatch(deps, jobId, batch, { results, complete: false, updatedAt: deps.clock.now().toISOString() });
    });
    const complete = stop === undefined;
    await saveBatch(deps, jobId, batch, { results, complete, updatedAt: deps.clock.now().toISOString() });
    if (complete) await finishIfAllDone(deps, jobId);
    return stop ?? {};
  } catch (error) {
    if (!options.asPage && isAppError(error, 'forbidden')) {
      // Forge would not let the worker act as the person: hand the job to the open page.
      await deps.store.set(keys.job(jobId), { ...job, pageDriven: true });
      return {};
    }
    throw error;
  } finally {
    await deps.store.delete(leaseKey);
  }
}

/** Syncs records one issue group at a time, saving after each; stops early on the deadline or a rate limit. */
async function syncRemaining(
  session: Session,
  job: StoredJob,
  todo: number[],
  results: SyncResult[],
  deadline: number,
  save: () => Promise<void>,
): Promise<BatchRun | undefined> {
  if (todo.length === 0) return undefined;
  const fetched = await fetchRecordsById(session, job.scope, todo);
  const prepared = await prepareRecords(session, job.scope, fetched.records, fetched.attributes);
  const present = new Set(prepared.map((p) => p.record.id));
  for (const id of todo.filter((id) => !present.has(id))) {
    results.push({ recordId: id, outcome: 'failed', code: 'record-not-found', message: recordNotFound(id).message });
  }
  const worklogs = await observeWorklogs(session.jira, prepared);
  for (const p of prepared) {
    if (session.deps.clock.now().getTime() > deadline) return { retryAfterSeconds: 1 };
    const [result] = await syncPrepared(session, job.scope, [p], worklogs, {
      dryRun: false,
      jobId: job.jobId,
      overwriteJiraEdits: false,
      relogDeleted: false,
    });
    if (result.outcome === 'failed' && result.code === 'rate-limited') {
      await save();
      return { retryAfterSeconds: 30 };
    }
    results.push(stripView(result));
    await save();
  }
  return undefined;
}

async function finishIfAllDone(deps: Deps, jobId: string): Promise<void> {
  const job = await deps.store.get<StoredJob>(keys.job(jobId));
  if (!job || job.state === 'done' || job.state === 'undone') return;
  const batches = await loadBatches(deps, jobId);
  const allDone = job.batches.every((_, i) => batches.get(i)?.complete);
  if (allDone) await deps.store.set(keys.job(jobId), { ...job, state: 'done', finishedAt: deps.clock.now().toISOString() });
}

export async function getBulkJob(session: Session, jobId: string): Promise<Result<'getBulkJob'>> {
  let job = await loadJob(session.deps, jobId, session.actor.accountId);
  if (await driveStalledJob(session, job)) job = await loadJob(session.deps, jobId, session.actor.accountId);
  return summarize(job, await loadBatches(session.deps, jobId));
}

/** The page's poll advances a job the queue cannot (no impersonation) or has left stalled. */
async function driveStalledJob(session: Session, job: StoredJob): Promise<boolean> {
  if (job.state === 'done' || job.state === 'undone') return false;
  const batches = await loadBatches(session.deps, job.jobId);
  const now = session.deps.clock.now().getTime();
  const stalled = job.batches.findIndex((_, i) => {
    const saved = batches.get(i);
    if (saved?.complete) return false;
    const last = Date.parse(saved?.updatedAt || job.startedAt);
    return job.pageDriven || now - last > STALL_MS;
  });
  if (stalled < 0) return false;
  await runBatch(session.deps, job.jobId, stalled, { deadline: now + PAGE_DRIVE_BUDGET_MS, asPage: session });
  return true;
}

function summarize(job: StoredJob, batches: Map<number, BatchResults>): BulkJob {
  const results = [...batches.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, b]) => b.results);
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
    results,
  };
}

export async function undoBulkJob(session: Session, jobId: string): Promise<Result<'undoBulkJob'>> {
  const job = await loadJob(session.deps, jobId, session.actor.accountId);
  if (job.dryRun) throw new AppError('invalid-payload', 'A preview wrote nothing, so there is nothing to undo.');
  if (job.state !== 'done' && job.state !== 'undone') throw new AppError('sync-in-progress', 'This sync is still running; undo it when it has finished.');
  const batches = await loadBatches(session.deps, jobId);
  const results = [...batches.values()].flatMap((b) => b.results);
  const undone = new Set(job.undoneWorklogs ?? []);
  const failures: { recordId: number; message: string }[] = [];
  const deadline = session.deps.clock.now().getTime() + UNDO_BUDGET_MS;
  let deleted = 0;
  let remaining = 0;
  for (const result of results) {
    if (result.outcome === 'updated') {
      failures.push({ recordId: result.recordId, message: 'Its worklog existed before this sync and was only updated, so it was left in place.' });
      continue;
    }
    if (result.outcome !== 'created' || !result.worklogId || undone.has(result.worklogId)) continue;
    if (session.deps.clock.now().getTime() > deadline) {
      remaining++;
      continue;
    }
    try {
      await removeSyncedWorklog(session, job.scope, result.recordId, result.worklogId);
      undone.add(result.worklogId);
      deleted++;
    } catch (error) {
      failures.push({ recordId: result.recordId, message: error instanceof AppError ? error.message : 'Could not delete its worklog.' });
    }
  }
  await session.deps.store.set(keys.job(jobId), { ...job, state: remaining > 0 ? job.state : 'undone', undoneWorklogs: [...undone] });
  return { deleted, failed: failures.length, failures, ...(remaining > 0 ? { remaining } : {}) };
}
