// Which record a worklog the app wrote belongs to. Jira's product events and change feeds name only
// the worklog (a deleted one can no longer be read for its `timecard-sync` property), so every
// write that ends `synced` also stores `wlrec:<worklogId>` in the same transaction as the state.
// The value is the record's scope and id, and the Jira account that wrote the worklog, as a tuple
// `[server, user, recordId, accountId]` (entries written before the account was kept have three):
// one is written per synced record, so it is kept small (the cost bench counts its bytes).
import type { Deps, StoreItem } from './ports';
import { keys, type RecordScope } from './keys';

export interface WorklogOwner extends RecordScope {
  recordId: number;
  /** Who wrote the worklog (the only one who can tell whether a worklog the app cannot read is gone); absent in older entries. */
  accountId?: string;
}

type StoredOwner = [server: string, user: string, recordId: number, accountId?: string];

export function worklogOwnerItem(owner: WorklogOwner, worklogId: string): StoreItem<StoredOwner> {
  const value: StoredOwner = [owner.server, owner.user, owner.recordId];
  if (owner.accountId) value.push(owner.accountId);
  return { key: keys.worklogOwner(worklogId), value };
}

/** A stored owner, or null for a value that is not one. */
export function ownerFrom(value: unknown): WorklogOwner | null {
  if (!Array.isArray(value) || (value.length !== 3 && value.length !== 4)) return null;
  const [server, user, recordId, accountId] = value as unknown[];
  if (typeof server !== 'string' || typeof user !== 'string' || typeof recordId !== 'number') return null;
  if (value.length === 4 && typeof accountId !== 'string') return null;
  return { server, user, recordId, ...(typeof accountId === 'string' ? { accountId } : {}) };
}

/** The owners of those worklogs the app wrote (others are absent). */
export async function ownersOf(deps: Pick<Deps, 'store'>, worklogIds: string[]): Promise<Map<string, WorklogOwner>> {
  const unique = [...new Set(worklogIds)];
  if (unique.length === 0) return new Map();
  const found = await deps.store.getMany<unknown>(unique.map((id) => keys.worklogOwner(id)));
  return new Map(
    unique.flatMap((id) => {
      const owner = ownerFrom(found.get(keys.worklogOwner(id)));
      return owner ? [[id, owner] as const] : [];
    }),
  );
}
