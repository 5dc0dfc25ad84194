// The issue locks one sync call holds: taken at an issue's first write and kept for the issue's
// next records, released together at the end, so syncing twenty records of one issue takes its
// lock once, not twenty times (two KVS writes each). One writer per issue still, across calls.
import { keys } from './keys';
import { acquireLease, LOCK_TTL_SECONDS, releaseLease, renewLease } from './leases';
import type { Deps } from './ports';

/** A held lock older than this is renewed before the next write (the lease lasts LOCK_TTL_SECONDS). */
const RENEW_AFTER_MS = 60_000;

export interface IssueLocks {
  /** Holds the issue's lock, waiting for it until `untilMs`; false when another sync kept it. */
  hold(issueKey: string, untilMs: number): Promise<boolean>;
  releaseAll(): Promise<void>;
  /**
   * The issue's lock key while it is still surely this run's (held, and far from the end of its
   * lease), for a commit that releases it together with a record's end; then `released` once that
   * commit has landed. Undefined when it is not held or may have run out (releaseAll handles it).
   */
  provenKey(issueKey: string): string | undefined;
  released(issueKey: string): void;
}

/** A lease is taken as still ours without reading it while this much of its life is left (clocks differ a little). */
export const PROVEN_MARGIN_MS = 60_000;

export function issueLocks(deps: Pick<Deps, 'store' | 'clock' | 'sleep'>, holder: string): IssueLocks {
  const heldSince = new Map<string, number>();
  return {
    async hold(issueKey, untilMs) {
      const key = keys.issueLock(issueKey);
      const now = deps.clock.now().getTime();
      const since = heldSince.get(issueKey);
      if (since !== undefined) {
        if (now - since < RENEW_AFTER_MS) return true;
        if (await renewLease(deps.store, deps.clock, key, holder, LOCK_TTL_SECONDS)) {
          heldSince.set(issueKey, now);
          return true;
        }
        heldSince.delete(issueKey); // expired and taken over: wait for it like anyone else
      }
      if (!(await acquireLease(deps, key, holder, untilMs))) return false;
      heldSince.set(issueKey, now);
      return true;
    },
    provenKey(issueKey) {
      const since = heldSince.get(issueKey);
      if (since === undefined || deps.clock.now().getTime() >= since + LOCK_TTL_SECONDS * 1000 - PROVEN_MARGIN_MS) return undefined;
      return keys.issueLock(issueKey);
    },
    released(issueKey) {
      heldSince.delete(issueKey);
    },
    async releaseAll() {
      const held = [...heldSince.keys()];
      heldSince.clear();
      await Promise.all(held.map((issueKey) => releaseLease(deps.store, keys.issueLock(issueKey), holder)));
    },
  };
}
