// Short exclusive leases in the store (record locks, batch leases). KVS removes expired keys
// lazily, so a lease also carries its own expiry and an expired one is taken over.
import type { Clock, Store } from './ports';

interface Lease {
  holder: string;
  expiresAt: number;
}

export async function tryAcquireLease(store: Store, clock: Clock, key: string, holder: string, ttlSeconds: number): Promise<boolean> {
  const lease = (): Lease => ({ holder, expiresAt: clock.now().getTime() + ttlSeconds * 1000 });
  if (await store.setIfAbsent(key, lease(), { ttlSeconds })) return true;
  const current = await store.get<Lease>(key);
  if (current && typeof current.expiresAt === 'number' && current.expiresAt > clock.now().getTime()) return false;
  // Left behind by a holder that died: free it, then race for it like anyone else.
  await store.delete(key);
  return store.setIfAbsent(key, lease(), { ttlSeconds });
}
