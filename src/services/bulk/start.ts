// Starting a bulk job: its records grouped into batches of whole issues, one queue event a batch.
// A preview writes nothing, so it is decided at once, in the call (the one preview path: preview.ts).
import type { Payload, Result, SyncResult } from '../../shared/contract';
import type { Session } from '../context';
import { requireScope } from '../connection';
import { keys } from '../keys';
import { prepareRecords, resolveIssueKeys } from '../prepare';
import { fetchRecordsById, recordNotFoundResult } from '../records';
import { previewPrepared } from '../preview';
import { observeWorklogs } from '../recordViews';
import { type Batch, type StoredJob, finishIfAllDone, savePages } from './jobStore';

const TARGET_BATCH_SIZE = 25;

export interface BulkEventBody extends Record<string, unknown> {
  jobId: string;
  batch: number;
  /** How many times this batch's event was pushed again because another worker held the batch. */
  leased?: number;
}

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
  const missing: SyncResult[] = ids.filter((id) => !found.has(id)).map(recordNotFoundResult);

  if (prepared) {
    // A preview writes nothing, so it runs here at once.
    const worklogs = await observeWorklogs(session.jira, prepared);
    const results = (await previewPrepared(session, scope, prepared, worklogs, { trigger: 'bulk' })).map((d) => d.result);
    await savePages(session.deps, jobId, 0, [...results, ...missing], 0, true);
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
