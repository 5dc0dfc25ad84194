// Short exclusive leases in the store (record locks, issue locks, batch leases).
//
// The only atomic write the store has is "set if absent". A lease carries its own expiry; the store
// keeps the key an hour longer, so an expired lease is never silently purged under a taker's feet.
// Taking over a dead lease goes through a claim key named after that very lease: of several workers
// that saw the same dead lease, exactly one creates the claim and replaces it.
import type { Clock, Deps, Store } from './ports';

interface Lease {
  holder: string;
  expiresAt: number;
}

/** Long enough for the slowest write a holder makes (a consumer's Jira call may wait out 429s for 60 s). */
export const LOCK_TTL_SECONDS = 300;
/** How long the store keeps a lease (and a take-over claim) after the lease itself has expired. */
const KEEP_EXPIRED_SECONDS = 3600;
const POLL_MS = 200;

const isLease = (value: unknown): value is Lease =>
  typeof value === 'object' && value !== null && typeof (value as Lease).holder === 'string' && typeof (value as Lease).expiresAt === 'number';

function leaseFor(clock: Clock, holder: string, ttlSeconds: number): Lease {
  return { holder, expiresAt: clock.now().getTime() + ttlSeconds * 1000 };
}

const storeOptions = (ttlSeconds: number) => ({ ttlSeconds: ttlSeconds + KEEP_EXPIRED_SECONDS });

export async function tryAcquireLease(store: Store, clock: Clock, key: string, holder: string, ttlSeconds: number): Promise<boolean> {
  if (await store.setIfAbsent(key, leaseFor(clock, holder, ttlSeconds), storeOptions(ttlSeconds))) return true;
  const current = await store.get<unknown>(key);
  if (current === undefined) {
    // Released between the two calls.
    return store.setIfAbsent(key, leaseFor(clock, holder, ttlSeconds), storeOptions(ttlSeconds));
  }
  if (isLease(current) && current.expiresAt > clock.now().getTime()) return false;
  // Left behind by a holder that died. One claim per dead lease (its holder and expiry name it).
  const dead = isLease(current) ? `${current.holder}.${current.expiresAt}` : 'unreadable';
  const claim = `${key}:takeover:${dead}`;
  // The claim lives as long as a lease: a taker that dies right after claiming blocks no longer than a holder would.
  if (!(await store.setIfAbsent(claim, holder, { ttlSeconds }))) return false;
  try {
    // Another holder may have released it and a third taken it since we read it.
    if (JSON.stringify(await store.get<unknown>(key)) !== JSON.stringify(current)) return false;
    await store.set(key, leaseFor(clock, holder, ttlSeconds), storeOptions(ttlSeconds));
    return true;
  } catch (error) {
    await store.delete(claim).catch(() => undefined);
    throw error;
  }
}

/** Waits for the lease until `untilMs` (wall clock); false when it stayed taken. */
export async function acquireLease(
  deps: Pick<Deps, 'store' | 'clock' | 'sleep'>,
  key: string,
  holder: string,
  untilMs: number,
  ttlSeconds = LOCK_TTL_SECONDS,
): Promise<boolean> {
  for (;;) {
    if (await tryAcquireLease(deps.store, deps.clock, key, holder, ttlSeconds)) return true;
    if (deps.clock.now().getTime() + POLL_MS > untilMs) return false;
    await deps.sleep(POLL_MS);
  }
}

/** Extends a lease this holder still has; false when it has lost it (expired and taken over). */
export async function renewLease(store: Store, clock: Clock, key: string, holder: string, ttlSeconds: number): Promise<boolean> {
  const current = await store.get<unknown>(key);
  if (!isLease(current) || current.holder !== holder) return false;
  await store.set(key, leaseFor(clock, holder, ttlSeconds), storeOptions(ttlSeconds));
  return true;
}

/** Whether this holder still has the lease (an expired one may have been taken over). */
export async function heldLease(store: Store, key: string, holder: string): Promise<boolean> {
  const current = await store.get<unknown>(key);
  return isLease(current) && current.holder === holder;
}

/** Releases the lease only if it is still this holder's. */
export async function releaseLease(store: Store, key: string, holder: string): Promise<void> {
  if (await heldLease(store, key, holder)) await store.delete(key);
}
