// Which record a worklog the app wrote belongs to. Jira's product events and change feeds name only
// the worklog (a deleted one can no longer be read for its `timecard-sync` property), so every
// write that ends `synced` also stores `wlrec:<worklogId>` in the same transaction as the state.
import type { Deps, StoreItem } from './ports';
import { keys, type RecordScope } from './keys';

export interface WorklogOwner extends RecordScope {
  recordId: number;
  /** The Jira account that wrote it (whose records these are). */
  accountId: string;
}

export function worklogOwnerItem(owner: WorklogOwner, worklogId: string): StoreItem<WorklogOwner> {
  return { key: keys.worklogOwner(worklogId), value: owner };
}

/** The owners of those worklogs the app wrote (others are absent). */
export async function ownersOf(deps: Pick<Deps, 'store'>, worklogIds: string[]): Promise<Map<string, WorklogOwner>> {
  const unique = [...new Set(worklogIds)];
  if (unique.length === 0) return new Map();
  const found = await deps.store.getMany<WorklogOwner>(unique.map((id) => keys.worklogOwner(id)));
  return new Map(
    unique.flatMap((id) => {
      const owner = found.get(keys.worklogOwner(id));
      return owner ? [[id, owner] as const] : [];
    }),
  );
}
