// The one way a write to a record is guarded (docs/architecture.md, "Locks and leases"): the
// record lock, then the issue lock, never the other way. The record's state is read under the
// record lock, so what another sync just wrote is seen.
import type { SyncState } from '../../domain/status';
import { issueLocks as newIssueLocks, PROVEN_MARGIN_MS, type IssueLocks } from '../issueLocks';
import { keys, type RecordScope } from '../keys';
import { acquireLease, heldLease, LOCK_TTL_SECONDS, releaseLease } from '../leases';
import type { Deps, StoreChanges } from '../ports';
import type { LocalizedText } from '../../domain/localizedText';

export const RECORD_BUSY: LocalizedText = { key: 'sync.result.recordBusy' };

export function issueBusy(issueKey: string): LocalizedText {
  return { key: 'sync.result.issueBusy', params: { issueKey } };
}

export interface HeldRecord {
  /** The record's state as storage holds it now. */
  state: SyncState | undefined;
  /** Holds the issue's lock (kept for the run's next records of that issue when the run shares its locks); false when another sync kept it. */
  holdIssue(issueKey: string): Promise<boolean>;
  /**
   * Writes the attempt's end and releases the record lock in the same request (all or nothing);
   * with `releaseIssue`, the issue's lock too (the run's last record of that issue).
   */
  commit(changes: StoreChanges, releaseIssue?: string): Promise<void>;
}

export interface LockWaits {
  holder: string;
  recordUntilMs: number;
  issueUntilMs: number;
  /** The issue locks of the run, held across its records; without, this call holds and releases its own. */
  issueLocks?: IssueLocks;
}

type Deps3 = Pick<Deps, 'store' | 'clock' | 'sleep'>;

/** A record lock this sync holds, until a commit released it or `end` does. */
export interface RecordLockHandle extends HeldRecord {
  /** Releases what the handle still holds (the record lock unless a commit released it; its own issue locks). */
  end(): Promise<void>;
}

/**
 * Takes the record's lock (waiting until `waits.recordUntilMs`: a wait that ends now tries once) and
 * reads its state under it; 'busy' when another sync kept it.
 */
export async function takeRecordLock(deps: Deps3, scope: RecordScope, recordId: number, waits: LockWaits): Promise<RecordLockHandle | 'busy'> {
  const lockKey = keys.recordLock(scope, recordId);
  const takenAt = deps.clock.now().getTime();
  if (!(await acquireLease(deps, lockKey, waits.holder, waits.recordUntilMs))) return 'busy';
  const locks = waits.issueLocks ?? newIssueLocks(deps, waits.holder);
  let released = false;
  const release = async () => {
    if (!waits.issueLocks) await locks.releaseAll();
    if (!released) await releaseLease(deps.store, lockKey, waits.holder);
    released = true;
  };
  try {
    return {
      state: await deps.store.get<SyncState>(keys.syncState(scope, recordId)),
      holdIssue: (issueKey) => locks.hold(issueKey, waits.issueUntilMs),
      async commit(changes, releaseIssue) {
        // Unexpired, a lease cannot have been taken over: no read is needed to know it is still ours.
        const provenOurs = deps.clock.now().getTime() < takenAt + LOCK_TTL_SECONDS * 1000 - PROVEN_MARGIN_MS;
        const ours = provenOurs || (await heldLease(deps.store, lockKey, waits.holder));
        const issueKey = releaseIssue === undefined ? undefined : locks.provenKey(releaseIssue);
        const releasing = [...(ours ? [lockKey] : []), ...(issueKey ? [issueKey] : [])];
        await deps.store.commit({ set: changes.set ?? [], delete: [...(changes.delete ?? []), ...releasing] });
        released = true;
        if (issueKey) locks.released(releaseIssue!);
      },
      end: release,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Runs `body` holding the lock of `held` (taken by takeRecordLock), which ends with it. */
export async function underRecordLock<T>(held: RecordLockHandle, body: (held: HeldRecord) => Promise<T>): Promise<T> {
  try {
    return await body(held);
  } finally {
    await held.end();
  }
}

/** Runs `body` holding the record's lock; 'busy' when another sync kept it. */
export async function withRecordLock<T>(
  deps: Deps3,
  scope: RecordScope,
  recordId: number,
  waits: LockWaits,
  body: (held: HeldRecord) => Promise<T>,
): Promise<T | 'busy'> {
  const held = await takeRecordLock(deps, scope, recordId, waits);
  return held === 'busy' ? 'busy' : underRecordLock(held, body);
}
