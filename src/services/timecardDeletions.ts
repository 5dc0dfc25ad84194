// Records the app logged that the timecard no longer has (`deleted-in-timecard`). The app knows
// what it wrote from its own storage: the index of record id → start (records.ts keeps every record
// it has seen) and each record's SyncState. A record missing from its old place may only have moved
// (anywhere in time), so it is shown deleted only once a look over all the person's records lacks it
// (kept in the state: ids are not given out again). A worklog is never removed without the person.
import { localizedError } from '../domain/errors';
import { stored } from '../domain/localizedText';
import type { SyncState } from '../domain/status';
import { parseInstant } from '../domain/time';
import type { RecordView, Result } from '../shared/contract';
import { requireScope } from './connection';
import type { Session } from './context';
import { keys, type RecordScope } from './keys';
import { fetchAllRecords, type FetchedRecords } from './records';
import { removeSyncedWorklog } from './recordActions';

type RecordIndex = Record<string, number>; // record id → timein epoch seconds (records.ts)

const DELETED_IN_TIMECARD = stored({ key: 'sync.deletedInTimecard.status' });

/** The range's records the app logged but the timecard did not send now, whose worklog Jira still has. */
export async function deletedInTimecardViews(
  session: Session,
  scope: RecordScope,
  range: { start: Date; end: Date },
  fetched: Pick<FetchedRecords, 'records' | 'malformed'>,
): Promise<RecordView[]> {
  const index = (await session.deps.store.get<RecordIndex>(keys.recordIndex(scope))) ?? {};
  const sent = new Set([...fetched.records.map((r) => r.id), ...fetched.malformed.flatMap((m) => (m.id === null ? [] : [m.id]))]);
  const from = range.start.getTime() / 1000;
  const to = range.end.getTime() / 1000;
  const missing = Object.entries(index)
    .filter(([id, start]) => start >= from && start < to && !sent.has(Number(id)))
    .map(([id]) => Number(id));
  if (missing.length === 0) return [];
  const states = await session.deps.store.getMany<SyncState>(missing.map((id) => keys.syncState(scope, id)));
  const logged = [...states.values()].filter((s) => s.state === 'synced' && s.worklogId && !s.keptAfterTimecardDelete);
  if (logged.length === 0) return [];
  const inJira = new Map((await session.jira.getWorklogs(logged.map((s) => s.worklogId!))).map((w) => [w.id, w]));
  const gone = await confirmedGone(
    session,
    scope,
    logged.filter((s) => inJira.has(s.worklogId!)),
  );
  return gone.map((state) => viewOfDeleted(state, inJira.get(state.worklogId!)!.timeSpentSeconds));
}

/** Ids among all the person's records now (malformed ones too: they are there). */
async function idsInTimecard(session: Session, scope: RecordScope): Promise<Set<number>> {
  const all = await fetchAllRecords(session, scope);
  return new Set([...all.records.map((r) => r.id), ...all.malformed.flatMap((m) => (m.id === null ? [] : [m.id]))]);
}

/** Those states whose record is in none of the person's records (one look over all of them, once per record). */
async function confirmedGone(session: Session, scope: RecordScope, states: SyncState[]): Promise<SyncState[]> {
  if (states.every((s) => s.goneFromTimecard)) return states;
  const present = await idsInTimecard(session, scope);
  const at = session.deps.clock.now().toISOString();
  const gone = states.filter((s) => !present.has(s.recordId));
  const newlyGone = gone.filter((s) => !s.goneFromTimecard).map((s) => ({ ...s, goneFromTimecard: at }));
  if (newlyGone.length > 0) {
    await session.deps.store.commit({ set: newlyGone.map((s) => ({ key: keys.syncState(scope, s.recordId), value: s })) });
  }
  return gone;
}

/** The record as the app last wrote it (its own data kept with the state). */
function viewOfDeleted(state: SyncState, loggedSeconds: number): RecordView {
  const startText = state.source?.started ?? state.sentStarted ?? state.updatedAt;
  const start = parseInstant(startText) ?? new Date(state.updatedAt);
  const durationSeconds = state.source?.durationSeconds ?? state.sentSeconds ?? 0;
  return {
    id: state.recordId,
    start: start.toISOString(),
    end: new Date(start.getTime() + durationSeconds * 1000).toISOString(),
    durationSeconds,
    loggedSeconds,
    roundedSeconds: null,
    notes: state.source?.vars.notes ?? '',
    issueKey: state.issueKey,
    linkSource: null,
    status: 'deleted-in-timecard',
    worklogId: state.worklogId,
    ...DELETED_IN_TIMECARD,
    lastSyncedAt: state.updatedAt,
  };
}

/** "Remove the worklog" or "Keep it", for a record the timecard no longer has. */
export async function resolveDeletedInTimecard(
  session: Session,
  recordId: number,
  choice: 'remove' | 'keep',
): Promise<Result<'resolveDeletedInTimecard'>> {
  const scope = await requireScope(session);
  const stateKey = keys.syncState(scope, recordId);
  const state = await session.deps.store.get<SyncState>(stateKey);
  if (!state?.worklogId || state.state !== 'synced') throw localizedError('record-not-found', { key: 'errors.deletedInTimecard.nothingToResolve' });
  // Looked up again right now, among all the person's records: one that was only moved is left alone.
  if ((await idsInTimecard(session, scope)).has(recordId)) {
    throw localizedError('invalid-payload', { key: 'errors.deletedInTimecard.backInTimecard' });
  }
  if (choice === 'keep') {
    await session.deps.store.set<SyncState>(stateKey, { ...state, keptAfterTimecardDelete: session.deps.clock.now().toISOString() });
    return { recordId, outcome: 'kept' };
  }
  await removeSyncedWorklog(session, scope, recordId, state.worklogId, undefined, stored({ key: 'sync.deletedInTimecard.removed' }));
  return { recordId, outcome: 'removed' };
}
