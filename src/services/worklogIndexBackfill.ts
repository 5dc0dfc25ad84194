// States written before the worklog index (`wlrec:`) existed have no entry, so Jira's events and
// feeds do not reach them. The scheduled reconciliation fills the index in, a slice of states a run,
// until it has gone through every state once (every write since stores the entry with the state).
// The writer comes from the worklog itself (read as the app); one the app cannot read gets an entry
// without a writer, which events and the deleted feed still reach.
import type { SyncState } from '../domain/status';
import { syncStateOf } from './keys';
import type { Deps, JiraPort } from './ports';
import { ownersOf, worklogOwnerItem, type WorklogOwner } from './worklogIndex';

const STATES_PER_RUN = 200;
const STORE_PAGE = 20;
const STATE_PREFIX = 'state:';

export interface BackfillProgress {
  /** Where the next run goes on from; absent with `done`. */
  cursor?: string;
  done: boolean;
  added: number;
}

export async function backfillWorklogOwners(deps: Deps, jira: JiraPort, cursor: string | undefined): Promise<BackfillProgress> {
  const logged = new Map<string, WorklogOwner>();
  let next = cursor;
  let scanned = 0;
  do {
    const page = await deps.store.query<SyncState>(STATE_PREFIX, { limit: STORE_PAGE, ...(next ? { cursor: next } : {}) });
    scanned += page.items.length;
    for (const { key, value } of page.items) {
      const owner = syncStateOf(key);
      if (owner && value.state === 'synced' && value.worklogId) logged.set(value.worklogId, owner);
    }
    next = page.nextCursor;
  } while (next && scanned < STATES_PER_RUN);
  const indexed = await ownersOf(deps, [...logged.keys()]);
  const missing = [...logged].filter(([worklogId]) => !indexed.has(worklogId));
  if (missing.length > 0) {
    const writers = new Map((await jira.getWorklogs(missing.map(([id]) => id))).map((w) => [w.id, w.authorAccountId]));
    const items = missing.map(([worklogId, owner]) => {
      const accountId = writers.get(worklogId);
      return worklogOwnerItem({ ...owner, ...(accountId ? { accountId } : {}) }, worklogId);
    });
    await deps.store.commit({ set: items });
  }
  return { ...(next ? { cursor: next } : {}), done: !next, added: missing.length };
}
