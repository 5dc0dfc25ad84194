// Where a person's records waiting for a retry are kept (docs/decisions/0028): one value per person
// (`retries:<account>`), whatever started the sync that failed, and an index entry per person who
// has any (`retryon:<account>`, with the soonest retry) that the hourly trigger reads by prefix.
import { soonestRetry, type PendingRetry } from '../../domain/retries';
import type { Actor } from '../context';
import { keys } from '../keys';
import { acquireLease, releaseLease } from '../leases';
import type { Deps, Store } from '../ports';

export interface StoredRetries {
  accountId: string;
  /** Whom the retries run as: the person's account and time zone from the sync that failed. */
  actor: Actor;
  entries: PendingRetry[];
  /** The job the runner started for the due retries, until its results are in (its records are not started again meanwhile). */
  job?: { jobId: string; startedAt: string };
  /** The last jobs whose results were applied (a job finished twice is applied once). */
  appliedJobs?: string[];
}

export interface RetryIndexEntry {
  accountId: string;
  /** The soonest retry of the person. */
  nextAt: string;
}

const APPLIED_JOBS_KEPT = 10;
/** The retries' lock: held for one read and one write; waited for this long, then changed without it. */
const LOCK_SECONDS = 10;
const LOCK_WAIT_MS = 5_000;

export async function loadRetries(store: Store, accountId: string): Promise<StoredRetries | undefined> {
  return store.get<StoredRetries>(keys.retries(accountId));
}

/** Writes the person's retries and keeps the index true (gone with the last retry), in one request. */
async function saveRetries(store: Store, value: StoredRetries): Promise<void> {
  const soonest = soonestRetry(value.entries);
  const index = keys.retriesIndex(value.accountId);
  if (soonest === null && !value.job) {
    await store.commit({ delete: [keys.retries(value.accountId), index] });
    return;
  }
  const entry: RetryIndexEntry = { accountId: value.accountId, nextAt: new Date(soonest ?? Date.parse(value.job!.startedAt)).toISOString() };
  await store.commit({
    set: [
      { key: keys.retries(value.accountId), value },
      { key: index, value: entry },
    ],
  });
}

/** The list of applied jobs with this one added (the oldest dropped). */
export function withAppliedJob(value: StoredRetries | undefined, jobId: string): string[] {
  return [...(value?.appliedJobs ?? []).filter((id) => id !== jobId), jobId].slice(-APPLIED_JOBS_KEPT);
}

/**
 * Changes the person's retries under a short lock, from a fresh read, so that two syncs of the person
 * finishing at once both land. `change` answers what to store (its argument itself: nothing).
 */
export async function updateRetries(
  deps: Pick<Deps, 'store' | 'clock' | 'sleep' | 'newId'>,
  accountId: string,
  change: (current: StoredRetries | undefined) => StoredRetries | undefined,
): Promise<StoredRetries | undefined> {
  const holder = deps.newId();
  const lock = keys.retriesLock(accountId);
  const locked = await acquireLease(deps, lock, holder, deps.clock.now().getTime() + LOCK_WAIT_MS, LOCK_SECONDS);
  try {
    const current = await loadRetries(deps.store, accountId);
    const next = change(current);
    if (next && next !== current) await saveRetries(deps.store, next);
    return next;
  } finally {
    if (locked) await releaseLease(deps.store, lock, holder);
  }
}
