// Moves a person's history from the keys written before keyPart() (`hist:<raw accountId>:…`) to
// the unambiguous ones. Only ids with characters keyPart encodes (Atlassian ids such as
// `557058:…` hold `:`) have anything to move; for every other id both keys are the same.
// Under the old prefix `hist:acct:` lie the entries of `acct` and of any `acct:…` id; only
// those whose rest is exactly `<13 digits>:<entry id>` are this person's.
import { keys, keyPart } from './keys';
import type { Store } from './ports';

/** Entries moved per call at most (the rest move on the next read), so one call stays short. */
export const MAX_MOVED_PER_CALL = 200;
const OWN_REST = /^\d{13}:[A-Za-z0-9-]+$/;

/** Moves (part of) the person's old history; true once nothing is left to move. */
export async function migrateHistory(store: Store, accountId: string, now: Date): Promise<boolean> {
  if (keyPart(accountId) === accountId) return true;
  const marker = keys.historyMigrated(accountId);
  if (await store.get(marker)) return true;
  const legacy = `hist:${accountId}:`;
  let moved = 0;
  let cursor: string | undefined;
  do {
    const page = await store.query<{ accountId?: string }>(legacy, { limit: 100, cursor });
    for (const { key, value } of page.items) {
      const rest = key.slice(legacy.length);
      if (!OWN_REST.test(rest) || (value.accountId !== undefined && value.accountId !== accountId)) continue;
      if (moved >= MAX_MOVED_PER_CALL) return false;
      await store.set(`${keys.historyPrefix(accountId)}${rest}`, value);
      await store.delete(key);
      moved++;
    }
    cursor = page.nextCursor;
  } while (cursor);
  await store.set(marker, { at: now.toISOString() });
  return true;
}
