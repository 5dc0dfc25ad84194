// Retries that automatic sync kept in the person's own value before ADR 0028 move into the one
// store of retries, none lost: merged (an entry already there wins), then dropped from the old value.
import { mergeRetries } from '../../domain/retries';
import { storeAutoSync, type StoredAutoSync } from '../autoSync';
import type { Deps } from '../ports';
import { updateRetries } from './store';

/** The person's automatic-sync value without its old retries (moved first); as it was when it had none. */
export async function migrateAutoSyncRetries(deps: Deps, stored: StoredAutoSync | undefined): Promise<StoredAutoSync | undefined> {
  if (!stored?.retries) return stored;
  const { retries: older, ...rest } = stored;
  if (older.length > 0) {
    await updateRetries(deps, stored.accountId, (current) => ({
      ...(current ?? { accountId: stored.accountId, actor: stored.actor }),
      entries: mergeRetries(current?.entries ?? [], older),
    }));
  }
  await storeAutoSync(deps.store, rest);
  return rest;
}
