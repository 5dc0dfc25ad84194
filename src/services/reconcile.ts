// The scheduled reconciliation: what the product events may have missed (a trigger that failed,
// an event Forge did not deliver) comes from Jira's worklog change feeds since the last checkpoint;
// worklogs that vanished with their issue (deleting an issue sends no worklog events and, as far as
// Jira documents, no feed entry) are found by reading the app's own worklogs by id, a slice a run.
// Reads as the app (a scheduled trigger has no person); a worklog the app cannot read is only taken
// for gone once the person who wrote it cannot read it either (the app may simply not see its issue:
// issue security). Writes only the records' states.
import type { SyncState } from '../domain/status';
import { keys } from './keys';
import type { Deps, JiraPort, Worklog, WorklogChanges } from './ports';
import { applyWorklogChange, type ChangeOutcome } from './worklogEvents';
import { ownerFrom, ownersOf, type WorklogOwner } from './worklogIndex';
import { backfillWorklogOwners } from './worklogIndexBackfill';

/** Jira leaves the last minute out of the feeds; a first run starts this far back. */
const FIRST_RUN_LOOKBACK_MS = 60 * 60_000;
/** Feed pages a run reads at most per feed (1,000 changes a page). */
const MAX_FEED_PAGES = 20;
/** The app's own worklogs checked by id each run (one `worklog/list` call; KVS query pages of 20). */
const VERIFY_PER_RUN = 200;
const STORE_PAGE = 20;

interface Checkpoint {
  /** Where each feed goes on from (epoch ms, Jira's `until`). */
  updatedSince: number;
  deletedSince: number;
  /** Where the check of the app's own worklogs by id goes on from (a store cursor); absent: from the start. */
  verifyCursor?: string;
  /** The fill-in of the worklog index for states written before it (worklogIndexBackfill.ts): where it goes on from, or done. */
  backfillCursor?: string;
  backfilled?: true;
}

export interface ReconcileReport {
  updatedSeen: number;
  deletedSeen: number;
  verified: number;
  /** Index entries added for states written before the index. */
  backfilled: number;
  /** `unconfirmed`: worklogs the app could not read whose writer could not be asked (older index entries, Jira refusing to act for them). */
  outcomes: Record<ChangeOutcome | 'unconfirmed', number>;
  checkpoint: Checkpoint;
}

export async function reconcileWorklogs(deps: Deps): Promise<ReconcileReport> {
  const jira = deps.jira.asApp();
  const now = deps.clock.now().getTime();
  const start = (await deps.store.get<Checkpoint>(keys.reconcileCheckpoint())) ?? {
    updatedSince: now - FIRST_RUN_LOOKBACK_MS,
    deletedSince: now - FIRST_RUN_LOOKBACK_MS,
  };
  const outcomes: ReconcileReport['outcomes'] = { marked: 0, cleared: 0, unchanged: 0, 'not-ours': 0, busy: 0, unconfirmed: 0 };
  const count = (o: ChangeOutcome | 'unconfirmed', n = 1) => void (outcomes[o] += n);

  // First, so the changes below reach those states too.
  const backfill = start.backfilled ? null : await backfillWorklogOwners(deps, jira, start.backfillCursor);

  const updated = await readFeed(jira, 'updated', start.updatedSince);
  const updatedOwners = await ownersOf(deps, updated.ids);
  for (const [id, owner] of await readOwned(deps, jira, updatedOwners, count)) {
    count(
      await applyWorklogChange(
        deps,
        id.worklog ? { kind: 'updated', worklogId: id.id, worklog: id.worklog } : { kind: 'deleted', worklogId: id.id },
        owner,
      ),
    );
  }

  const deleted = await readFeed(jira, 'deleted', start.deletedSince);
  const deletedOwners = await ownersOf(deps, deleted.ids);
  for (const [worklogId, owner] of deletedOwners) count(await applyWorklogChange(deps, { kind: 'deleted', worklogId }, owner));

  const verified = await verifySlice(deps, jira, start.verifyCursor, count);
  const checkpoint: Checkpoint = {
    updatedSince: updated.until,
    deletedSince: deleted.until,
    ...(verified.cursor ? { verifyCursor: verified.cursor } : {}),
    ...(backfill === null || backfill.done ? { backfilled: true as const } : backfill.cursor ? { backfillCursor: backfill.cursor } : {}),
  };
  await deps.store.set(keys.reconcileCheckpoint(), checkpoint);
  return {
    updatedSeen: updated.ids.length,
    deletedSeen: deleted.ids.length,
    verified: verified.count,
    backfilled: backfill?.added ?? 0,
    outcomes,
    checkpoint,
  };
}

/** A feed from `since`, page after page (each page starts at the last one's `until`). */
async function readFeed(jira: JiraPort, kind: 'updated' | 'deleted', since: number): Promise<{ ids: string[]; until: number }> {
  const ids: string[] = [];
  let until = since;
  for (let page = 0; page < MAX_FEED_PAGES; page++) {
    const changes: WorklogChanges = await jira.worklogChanges(kind, until);
    ids.push(...changes.values.map((v) => v.worklogId));
    until = changes.until;
    if (changes.lastPage || changes.values.length === 0) break;
  }
  return { ids, until };
}

/** `byWriter`: the app could not read it; the person who wrote it was asked. */
type Read = { id: string; worklog?: { started: string; timeSpentSeconds: number; comment?: unknown }; byWriter?: true };
type Count = (o: ChangeOutcome | 'unconfirmed', n?: number) => void;

const readOf = (id: string, w: Worklog | undefined, byWriter = false): Read => ({
  id,
  ...(w ? { worklog: { started: w.started, timeSpentSeconds: w.timeSpentSeconds, comment: w.comment } } : {}),
  ...(byWriter ? { byWriter: true as const } : {}),
});

/**
 * The owned worklogs as Jira holds them now (one read per 1,000): as the app, then those it could not
 * read as the person who wrote each; absent ones come back without `worklog`. Ones no one could
 * confirm are left out (and counted `unconfirmed`): they are never taken for deleted.
 */
async function readOwned(deps: Deps, jira: JiraPort, owners: Map<string, WorklogOwner>, count: Count): Promise<[Read, WorklogOwner][]> {
  if (owners.size === 0) return [];
  const found = new Map((await jira.getWorklogs([...owners.keys()])).map((w) => [w.id, w]));
  const reads: [Read, WorklogOwner][] = [];
  const unreadByWriter = new Map<string, [string, WorklogOwner][]>();
  for (const [id, owner] of owners) {
    if (found.has(id)) reads.push([readOf(id, found.get(id)), owner]);
    else if (!owner.accountId) count('unconfirmed');
    else unreadByWriter.set(owner.accountId, [...(unreadByWriter.get(owner.accountId) ?? []), [id, owner]]);
  }
  for (const [accountId, unread] of unreadByWriter) {
    let seen: Map<string, Worklog>;
    try {
      seen = new Map((await deps.jira.asUser(accountId).getWorklogs(unread.map(([id]) => id))).map((w) => [w.id, w]));
    } catch {
      // Jira will not act for them (no consent, account gone) or does not answer: no one can tell now.
      count('unconfirmed', unread.length);
      continue;
    }
    for (const [id, owner] of unread) reads.push([readOf(id, seen.get(id), true), owner]);
  }
  return reads;
}

/**
 * Reads the next slice of the app's own worklogs by id: those Jira no longer has are deleted (also
 * with their issue); those only their writer sees get the writer's view. An entry whose record no
 * longer points at that worklog is dropped.
 */
async function verifySlice(deps: Deps, jira: JiraPort, cursor: string | undefined, count: Count): Promise<{ count: number; cursor?: string }> {
  const owners = new Map<string, WorklogOwner>();
  let next = cursor;
  while (owners.size < VERIFY_PER_RUN) {
    const page = await deps.store.query<unknown>(keys.worklogOwnerPrefix(), { limit: STORE_PAGE, ...(next ? { cursor: next } : {}) });
    for (const item of page.items) {
      const owner = ownerFrom(item.value);
      if (owner) owners.set(item.key.slice(keys.worklogOwnerPrefix().length), owner);
    }
    next = page.nextCursor;
    if (!next) break;
  }
  if (owners.size === 0) return { count: 0 };
  const states = await deps.store.getMany<SyncState>([...owners.values()].map((o) => keys.syncState(o, o.recordId)));
  const live = new Map<string, WorklogOwner>();
  for (const [id, owner] of owners) {
    const state = states.get(keys.syncState(owner, owner.recordId));
    if (state?.worklogId === id) live.set(id, owner);
    else if (state?.state !== 'pending') await deps.store.delete(keys.worklogOwner(id));
  }
  for (const [read, owner] of await readOwned(deps, jira, live, count)) {
    if (!read.worklog) count(await applyWorklogChange(deps, { kind: 'deleted', worklogId: read.id }, owner));
    // The app's feeds leave out what it cannot see: an edit there is known only from its writer's read.
    else if (read.byWriter) count(await applyWorklogChange(deps, { kind: 'updated', worklogId: read.id, worklog: read.worklog }, owner));
  }
  return { count: live.size, ...(next ? { cursor: next } : {}) };
}
