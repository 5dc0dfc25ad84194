// Short exclusive leases in the store (record locks, issue locks, batch leases). KVS removes
// expired keys lazily, so a lease also carries its own expiry and an expired one is taken over.
import type { Clock, Deps, Store } from './ports';

interface Lease {
  holder: string;
  expiresAt: number;
}

/** Long enough for the slowest write a holder makes (a consumer's Jira call may wait out 429s for 60 s). */
export const LOCK_TTL_SECONDS = 300;
const POLL_MS = 200;

export async function tryAcquireLease(store: Store, clock: Clock, key: string, holder: string, ttlSeconds: number): Promise<boolean> {
  const lease = (): Lease => ({ holder, expiresAt: clock.now().getTime() + ttlSeconds * 1000 });
  if (await store.setIfAbsent(key, lease(), { ttlSeconds })) return true;
  const current = await store.get<Lease>(key);
  if (current && typeof current.expiresAt === 'number' && current.expiresAt > clock.now().getTime()) return false;
  // Left behind by a holder that died: free it, race for it, and keep it only if ours is what stands.
  await store.delete(key);
  if (!(await store.setIfAbsent(key, lease(), { ttlSeconds }))) return false;
  return (await store.get<Lease>(key))?.holder === holder;
}

/** Waits for the lease until `untilMs` (wall clock); false when it stayed taken. */
export async function acquireLease(deps: Pick<Deps, 'store' | 'clock' | 'sleep'>, key: string, holder: string, untilMs: number): Promise<boolean> {
  for (;;) {
    if (await tryAcquireLease(deps.store, deps.clock, key, holder, LOCK_TTL_SECONDS)) return true;
    if (deps.clock.now().getTime() + POLL_MS > untilMs) return false;
    await deps.sleep(POLL_MS);
  }
}

/** Releases the lease only if it is still this holder's (an expired one may have been taken over). */
export async function releaseLease(store: Store, key: string, holder: string): Promise<void> {
  const current = await store.get<Lease>(key);
  if (current?.holder === holder) await store.delete(key);
}
