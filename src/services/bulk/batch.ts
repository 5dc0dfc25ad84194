// One batch of a bulk job, run (or resumed) under its lease as the person who started the job:
// its records go through the sync engine one at a time, their results saved as they come.
import { isAppError } from '../../domain/errors';
import { stored } from '../../domain/localizedText';
import { CANCELLED_CODE, CANCELLED_TEXT } from '../../domain/jobWaiting';
import type { SyncState } from '../../domain/status';
import type { SyncResult } from '../../shared/contract';
import type { Session } from '../context';
import { keys } from '../keys';
import { releaseLease, renewLease, tryAcquireLease } from '../leases';
import { prepareRecords } from '../prepare';
import type { Deps, StoreChanges, StoreItem } from '../ports';
import { PROVEN_MARGIN_MS } from '../issueLocks';
import { fetchRecordsById, recordNotFoundResult } from '../records';
import { syncPrepared } from '../sync';
import { observeWorklogs } from '../recordViews';
import {
  BATCH_LEASE_SECONDS,
  batchDoneItem,
  type Priors,
  type StoredJob,
  finishIfAllDone,
  loadBatches,
  markBatchDone,
  savePages,
  updateJob,
} from './jobStore';
import { endBatch } from './stop';

/** A running batch saves its results when this long or this many records have passed (and always when it stops). */
const PROGRESS_SAVE_MS = 2_000;

const PROGRESS_SAVE_RECORDS = 10;

/** A running batch renews its lease this often. */
const LEASE_RENEW_MS = 30_000;

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
  const lease_key = keys.batchLease(jobId, batch);
  if (!(await tryAcquireLease(deps.store, deps.clock, lease_key, holder, BATCH_LEASE_SECONDS))) return { retryAfterSeconds: 30, reason: 'leased' };
  let renewedAt = deps.clock.now().getTime();
  let leaseReleased = false;
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
    const save = async (complete: boolean, also?: StoreChanges) => {
      await savePages(deps, jobId, batch, results, persisted, complete, also);
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
      await endBatch(
        deps,
        job,
        batch,
        results,
        current?.stop ?? { code: CANCELLED_CODE, ...stored(CANCELLED_TEXT), at: deps.clock.now().toISOString() },
      );
      await markBatchDone(deps, jobId, batch);
      await finishIfAllDone(deps, jobId);
      return {};
    }
    if (stop?.reason === 'impersonation-refused') {
      await save(false);
      await handToPage(deps, jobId);
      return stop;
    }
    if (stop !== undefined) {
      await save(false);
      return stop;
    }
    // The last page, the done marker and the lease's release in one request (the lease is still
    // surely ours while far from its end; else it is released on its own below).
    const leaseProven = deps.clock.now().getTime() - renewedAt < BATCH_LEASE_SECONDS * 1000 - PROVEN_MARGIN_MS;
    await save(true, { set: [batchDoneItem(deps, jobId, batch)], delete: leaseProven ? [lease_key] : [] });
    leaseReleased = leaseProven;
    await finishIfAllDone(deps, jobId);
    return {};
  } catch (error) {
    if (error instanceof LeaseLost) return { retryAfterSeconds: 30, reason: 'leased' };
    throw error;
  } finally {
    // Only our own lease (a lost one belongs to someone else now).
    if (!leaseReleased) await releaseLease(deps.store, lease_key, holder);
  }
}

async function handToPage(deps: Deps, jobId: string): Promise<void> {
  await updateJob(deps, jobId, (job) => (job.pageDriven ? job : { ...job, pageDriven: true }));
}

/**
 * The worklogs the batch's records had before this job, and, at the batch's first run, the item
 * that saves them: it goes with the run's first `pending`, so it lands before any write (a run
 * that writes nothing leaves the states, and so the priors, as they were).
 */
async function priorsOf(
  session: Session,
  jobId: string,
  batch: number,
  states: (SyncState | undefined)[],
): Promise<{ priors: Priors; unsaved?: StoreItem<Priors> }> {
  const key = keys.batchPriors(jobId, batch);
  const stored = await session.deps.store.get<Priors>(key);
  if (stored) return { priors: stored };
  const priors: Priors = { worklogs: {} };
  for (const state of states) if (state?.worklogId) priors.worklogs[String(state.recordId)] = state.worklogId;
  return { priors, unsaved: { key, value: priors } };
}

/** Syncs the batch's records one at a time (its issues are its own), saving as it goes; stops early on the deadline or a rate limit. */
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
  const found = await priorsOf(
    session,
    job.jobId,
    batch,
    prepared.map((p) => p.state),
  );
  const { priors } = found;
  let unsaved = found.unsaved;
  const present = new Set(prepared.map((p) => p.record.id));
  for (const id of todo.filter((id) => !present.has(id))) {
    results.push(recordNotFoundResult(id));
  }
  const worklogs = await observeWorklogs(session.jira, prepared);
  const before = new Map(prepared.map((p) => [p.record.id, p.state]));
  let stop: BatchRun | undefined;
  await syncPrepared(session, job.scope, prepared, worklogs, {
    trigger: job.trigger ?? 'bulk',
    jobId: job.jobId,
    issueConcurrency: 1,
    withFirstPending() {
      const items = unsaved ? [unsaved] : [];
      unsaved = undefined;
      return items;
    },
    async shouldStop(attempted) {
      // Cancelled, or given up: stop before the next write (one read a record, so a stop takes effect at once).
      if ((await session.deps.store.get<StoredJob>(keys.job(job.jobId)))?.stop) stop = { reason: 'stopped' };
      // Always at least one record per run, so even a tiny budget moves the job forward.
      else if (attempted > 0 && session.deps.clock.now().getTime() > options.deadline) {
        await save();
        stop = { retryAfterSeconds: 1, reason: 'deadline' };
      }
      return stop !== undefined;
    },
    async onRecord({ result }) {
      if (result.outcome === 'failed' && result.code === 'rate-limited') {
        await save();
        stop = rateLimitedStop(session);
      } else if (result.outcome === 'failed' && result.code === 'forbidden' && !options.asPage) {
        // Forge refused to let the worker act as the person: the page takes over (this record included).
        stop = { reason: 'impersonation-refused' };
      } else {
        results.push(asJobResult(result, before.get(result.recordId), priors, job.jobId));
        await save();
      }
      return stop !== undefined;
    },
  });
  return stop;
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
      : { ...result, outcome: 'created', worklogId: before.worklogId, ...stored({ key: 'sync.result.earlierRun' }) };
  }
  if (result.outcome === 'created' && prior !== undefined && result.worklogId === prior) return { ...result, outcome: 'updated' };
  return result;
}
