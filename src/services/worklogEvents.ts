// What Jira says happened to a worklog the app wrote (a Forge product event, or the change feeds
// through reconcile.ts), kept in the record's SyncState so the record shows *edited in Jira*,
// *deleted in Jira* or a conflict without waiting for a panel load. Only state is written: never a
// worklog, never as the app.
import { editedParts, seenOf, type JiraSideChange } from '../domain/conflict';
import type { SyncState } from '../domain/status';
import { keys } from './keys';
import { acquireLease, releaseLease } from './leases';
import type { Deps } from './ports';
import { ownersOf, type WorklogOwner } from './worklogIndex';

/** How long a change waits for a sync of the same record to finish (a trigger has 55 s). */
const LOCK_WAIT_MS = 5_000;

export type WorklogChange =
  | { kind: 'updated'; worklogId: string; worklog: { started: string; timeSpentSeconds: number; comment?: unknown }; by?: string }
  | { kind: 'deleted'; worklogId: string; by?: string };

export type ChangeOutcome = 'marked' | 'cleared' | 'unchanged' | 'not-ours' | 'busy';

const obj = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const idOf = (value: unknown): string | null =>
  typeof value === 'string' && /^\d+$/.test(value) ? value : typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : null;

/** A Forge worklog event (`{ eventType, atlassianId?, worklog }`) as a change; null for anything else. */
export function changeFromEvent(event: unknown): WorklogChange | null {
  const e = obj(event);
  const worklog = obj(e?.worklog);
  const worklogId = idOf(worklog?.id);
  if (!e || !worklog || !worklogId) return null;
  const by = typeof e.atlassianId === 'string' ? { by: e.atlassianId } : {};
  if (e.eventType === 'avi:jira:deleted:worklog') return { kind: 'deleted', worklogId, ...by };
  if (e.eventType !== 'avi:jira:updated:worklog') return null;
  if (typeof worklog.started !== 'string' || typeof worklog.timeSpentSeconds !== 'number') return null;
  // Only a comment in Atlassian Document Format compares with what the app sent; some samples of this
  // payload show plain text, which would read as an edit of every worklog: left out, not compared.
  const comment = obj(worklog.comment)?.type === 'doc' ? worklog.comment : undefined;
  return {
    kind: 'updated',
    worklogId,
    worklog: { started: worklog.started, timeSpentSeconds: worklog.timeSpentSeconds, comment },
    ...by,
  };
}

/** Applies one change to the state of the record whose worklog it is (worklogs the app did not write are left alone). */
export async function applyWorklogChange(deps: Deps, change: WorklogChange, owner?: WorklogOwner): Promise<ChangeOutcome> {
  const found = owner ?? (await ownersOf(deps, [change.worklogId])).get(change.worklogId);
  if (!found) return 'not-ours';
  const stateKey = keys.syncState(found, found.recordId);
  const lockKey = keys.recordLock(found, found.recordId);
  const holder = deps.newId();
  // Under the record lock: a sync writing this record right now ends with its own state, which wins.
  if (!(await acquireLease(deps, lockKey, holder, deps.clock.now().getTime() + LOCK_WAIT_MS))) return 'busy';
  try {
    const state = await deps.store.get<SyncState>(stateKey);
    // Pending: the app's own write is under way (its event arrives while it runs); otherwise not this worklog any more.
    if (!state || state.state !== 'synced' || state.worklogId !== change.worklogId) return 'not-ours';
    const next = nextJiraSide(state, change, deps.clock.now().toISOString());
    if (next === 'unchanged') return 'unchanged';
    const { jira: _previous, ...rest } = state;
    await deps.store.set<SyncState>(stateKey, next === null ? rest : { ...rest, jira: next });
    return next === null ? 'cleared' : 'marked';
  } finally {
    await releaseLease(deps.store, lockKey, holder);
  }
}

/** The state's new `jira` part: a change, null to clear it (Jira holds what was sent again), or 'unchanged'. */
function nextJiraSide(state: SyncState, change: WorklogChange, at: string): JiraSideChange | null | 'unchanged' {
  const by = change.by ? { by: change.by } : {};
  if (change.kind === 'deleted') return state.jira?.change === 'deleted' ? 'unchanged' : { change: 'deleted', at, ...by };
  const seen = seenOf(change.worklog);
  if (editedParts(state, seen).length === 0) return state.jira ? null : 'unchanged';
  const same = state.jira?.change === 'edited' && JSON.stringify(state.jira.worklog) === JSON.stringify(seen);
  return same ? 'unchanged' : { change: 'edited', at, worklog: seen, ...by };
}
