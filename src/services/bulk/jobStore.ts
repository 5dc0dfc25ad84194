// A bulk job in storage (keys in keys.ts): the job, its batches' result pages (RESULTS_PER_PAGE
// each, so one KVS value stays far below 240 KiB), the done markers, and the job's answer summed from them.
import { localizedError } from '../../domain/errors';
import { CANCELLED_CODE, type WaitCause } from '../../domain/jobWaiting';
import type { LocalizedText } from '../../domain/localizedText';
import { JOB_ID_PATTERN, type BulkJob, type SyncResult } from '../../shared/contract';
import type { Actor } from '../context';
import type { RecordSentence } from '../undoSentences';
import { batchDoneOf, batchResultsPageOf, keys, type RecordScope } from '../keys';
import type { Deps, StoreChanges, StoreItem } from '../ports';
import { noteOutcomes } from '../retries/outcomes';

const RESULTS_PER_PAGE = 200;

export const BATCH_LEASE_SECONDS = 120;

export interface Batch {
  recordIds: number[];
}

export interface StoredJob {
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
  undoFailures?: RecordSentence[];
  finishedAt?: string;
  /** Why the job is not moving now (set by whoever met the cause, cleared by the next progress). */
  waiting?: JobWaiting;
  /** Set to end the job early (cancelled, or waited too long): workers stop and its remaining records fail with this. */
  stop?: JobStop & { at: string };
  /** Set when automatic sync started the job (its history entries say so). */
  trigger?: 'automatic';
}

/** Why a job ended early: the sentence its remaining records fail with (`messageText`: absent on jobs stored before keys were kept). */
export interface JobStop {
  code: string;
  message: string;
  messageText?: LocalizedText;
}

export interface JobWaiting {
  code: WaitCause;
  message: string;
  messageText?: LocalizedText;
  /** When the job began waiting (kept until it moves again, so MAX_WAIT_MS bounds the whole wait). */
  since: string;
}

interface ResultPage {
  results: SyncResult[];
  updatedAt: string;
  /** Set on the pages written when the batch finished. */
  complete?: boolean;
}

export interface BatchResults {
  results: SyncResult[];
  complete: boolean;
  /** The latest save (ms since epoch), 0 when never saved. */
  updatedAtMs: number;
}

export interface Priors {
  /** recordId → the worklog it had before this job (records without one are absent). */
  worklogs: Record<string, string>;
}

/** Writes the pages of a batch's results from the one holding result `from` to the last. */
/** A transaction takes at most 25 keys: pages beyond this go in requests of their own. */
const PAGES_PER_COMMIT = 20;

/**
 * Writes the pages of a batch's results from the one holding result `from` to the last; `with`:
 * changes that land in the same request (a batch's done marker and its lease's release).
 */
export async function savePages(
  deps: Deps,
  jobId: string,
  batch: number,
  results: SyncResult[],
  from: number,
  complete: boolean,
  also: StoreChanges = {},
): Promise<void> {
  const updatedAt = deps.clock.now().toISOString();
  const last = Math.max(0, Math.ceil(results.length / RESULTS_PER_PAGE) - 1);
  const pages: StoreItem<ResultPage>[] = [];
  for (let page = Math.floor(from / RESULTS_PER_PAGE); page <= last; page++) {
    const value: ResultPage = {
      results: results.slice(page * RESULTS_PER_PAGE, (page + 1) * RESULTS_PER_PAGE),
      updatedAt,
      ...(complete ? { complete } : {}),
    };
    pages.push({ key: keys.batchResultsPage(jobId, batch, page), value });
  }
  while (pages.length > PAGES_PER_COMMIT) await deps.store.commit({ set: pages.splice(0, PAGES_PER_COMMIT) });
  if (pages.length === 1 && !also.set?.length && !also.delete?.length) await deps.store.set(pages[0].key, pages[0].value);
  else await deps.store.commit({ set: [...pages, ...(also.set ?? [])], delete: also.delete ?? [] });
}

/** The marker of a batch whose results are complete. */
export function batchDoneItem(deps: Deps, jobId: string, batch: number): StoreItem<{ at: string }> {
  return { key: keys.batchDone(jobId, batch), value: { at: deps.clock.now().toISOString() } };
}

export async function loadJob(deps: Deps, jobId: string, accountId: string): Promise<StoredJob> {
  const job = JOB_ID_PATTERN.test(jobId) ? await deps.store.get<StoredJob>(keys.job(jobId)) : undefined;
  // Another person's job is indistinguishable from no job.
  if (!job || job.accountId !== accountId) throw localizedError('job-not-found', { key: 'errors.jobs.notFound' });
  return job;
}

/** Re-reads the job and writes `change(job)` unless it returns the job unchanged. */
export async function updateJob(deps: Deps, jobId: string, change: (job: StoredJob) => StoredJob): Promise<void> {
  const job = await deps.store.get<StoredJob>(keys.job(jobId));
  if (!job) return;
  const next = change(job);
  if (next !== job) await deps.store.set(keys.job(jobId), next);
}

/** The saved results of every batch (or of one, with `batch`), pages joined. */
export async function loadBatches(deps: Deps, jobId: string, batch?: number): Promise<Map<number, BatchResults>> {
  const prefix = batch === undefined ? keys.jobResultsPrefix(jobId) : keys.batchResultsPrefix(jobId, batch);
  const pages: { batch: number; page: number; value: ResultPage }[] = [];
  let cursor: string | undefined;
  do {
    const found = await deps.store.query<ResultPage>(prefix, { limit: 100, cursor });
    for (const { key, value } of found.items) pages.push({ ...batchResultsPageOf(key), value });
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

export async function markBatchDone(deps: Deps, jobId: string, batch: number): Promise<void> {
  const { key, value } = batchDoneItem(deps, jobId, batch);
  await deps.store.set(key, value);
}

/** The batches marked done (markers only: a few bytes each, not the batches' results). */
async function doneMarkers(deps: Deps, jobId: string): Promise<Set<number>> {
  const done = new Set<number>();
  let cursor: string | undefined;
  do {
    const page = await deps.store.query<unknown>(keys.batchDonePrefix(jobId), { limit: 100, cursor });
    for (const { key } of page.items) done.add(batchDoneOf(key));
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
  // Batches run roughly in order: the last is most often the one still running, so a look at it
  // first spares reading every marker each time a batch ends (that was quadratic in batches).
  const last = job.batches.length - 1;
  if (last > 0 && !(await deps.store.get(keys.batchDone(job.jobId, last))) && !(await loadBatches(deps, job.jobId, last)).get(last)?.complete)
    return false;
  const marked = await doneMarkers(deps, job.jobId);
  for (let i = 0; i < job.batches.length; i++) {
    if (marked.has(i)) continue;
    if (!(await loadBatches(deps, job.jobId, i)).get(i)?.complete) return false;
  }
  return true;
}

/** Marks the job done once all its batches are; true when this call did. */
export async function finishIfAllDone(deps: Deps, jobId: string, loaded?: Map<number, BatchResults>): Promise<boolean> {
  const job = await deps.store.get<StoredJob>(keys.job(jobId));
  if (!job || job.state === 'done' || job.state === 'undone') return false;
  if (!(await allBatchesComplete(deps, job, loaded))) return false;
  await updateJob(deps, jobId, (current) =>
    current.state === 'done' || current.state === 'undone' ? current : { ...current, state: 'done', finishedAt: deps.clock.now().toISOString() },
  );
  // Its records that failed for a passing reason are tried again without the person (ADR 0028).
  if (!job.dryRun) {
    const results = summarize(job, loaded ?? (await loadBatches(deps, jobId))).results;
    await noteOutcomes(deps, job.actor, results, { jobId, appCancelled: job.trigger === 'automatic' && job.stop?.code === CANCELLED_CODE });
  }
  return true;
}

export function summarize(job: StoredJob, batches: Map<number, BatchResults>): BulkJob {
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

export const isFinished = (job: StoredJob) => job.state === 'done' || job.state === 'undone';
