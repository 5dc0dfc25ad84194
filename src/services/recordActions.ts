// Use cases on the person's records: list, link, sync, unsync.
import { localizedError } from '../domain/errors';
import { stored, type StoredSentence } from '../domain/localizedText';
import type { SyncState } from '../domain/status';
import { parseInstant, resolveDateRange } from '../domain/time';
import type { Payload, ProjectSettings, RecordView, Result, SyncResult } from '../shared/contract';
import type { Session } from './context';
import { requireScope } from './connection';
import { appendHistory } from './history';
import { keys, type RecordScope } from './keys';
import { prepareRecords, type PreparedRecord, type StoredLink } from './prepare';
import { loadProjectSettings, projectKeyOf } from './settings';
import type { JiraIssue, Worklog } from './ports';
import { fetchRecords, fetchRecordsById, malformedWarnings, recordNotFound, recordNotFoundResult } from './records';
import { previewPrepared } from './preview';
import { noteOutcomes, retryingOnFailure } from './retries/outcomes';
import { annotateRecords, withRetries } from './retries/views';
import { deleteWorklogIfPresent, issueBusy, RECORD_BUSY, syncPrepared, withRecordLock } from './sync';
import { observeWorklogs, toRecordView } from './recordViews';
import { deletedInTimecardViews } from './timecardDeletions';

const MAX_ISSUES_LOOKED_UP = 100;
/** Leaves room in the 25 s resolver limit for the last record's retries. */
const RESOLVER_SYNC_BUDGET_MS = 14_000;

export async function listRecordViews(session: Session, from: string, to: string): Promise<Result<'listRecords'>> {
  const scope = await requireScope(session);
  const { start, end } = resolveDateRange(from, to, session.actor.timeZone);
  const fetched = await fetchRecords(session, scope, start, end);
  const prepared = await prepareRecords(session, scope, fetched.records, fetched.attributes);
  const issueKeys = [...new Set(prepared.flatMap((p) => (p.issueKey ? [p.issueKey] : [])))].slice(0, MAX_ISSUES_LOOKED_UP);
  const [worklogs, issues] = await Promise.all([observeWorklogs(session.jira, prepared), lookUpIssues(session, issueKeys)]);
  const goneFromTimecard = await deletedInTimecardViews(session, scope, { start, end }, fetched);
  return {
    records: await withRetries(session.deps.store, session.actor.accountId, [
      ...prepared.map((p) => toRecordView(p, worklogs, issues)),
      ...goneFromTimecard,
    ]),
    timeZone: session.actor.timeZone,
    warnings: malformedWarnings(fetched.malformed, session.actor.locale),
  };
}

async function lookUpIssues(session: Session, issueKeys: string[]): Promise<Map<string, JiraIssue>> {
  if (issueKeys.length === 0) return new Map();
  const issues = await session.jira.getIssues(issueKeys);
  return new Map(issues.map((i) => [i.key, i]));
}

/** Loads records by id (refusing ids that are not the person's), prepared for a sync or a view. */
async function loadPrepared(
  session: Session,
  scope: RecordScope,
  ids: number[],
  targetIssueKey?: string,
): Promise<{ prepared: PreparedRecord[]; missing: number[] }> {
  const fetched = await fetchRecordsById(session, scope, ids);
  const prepared = await prepareRecords(session, scope, fetched.records, fetched.attributes, targetIssueKey ? { targetIssueKey } : {});
  const found = new Set(prepared.map((p) => p.record.id));
  return { prepared, missing: ids.filter((id) => !found.has(id)) };
}

export async function loadOne(session: Session, scope: RecordScope, recordId: number): Promise<PreparedRecord> {
  const { prepared } = await loadPrepared(session, scope, [recordId]);
  if (!prepared[0]) throw recordNotFound(recordId);
  return prepared[0];
}

export async function syncRecords(session: Session, payload: Payload<'syncRecords'>): Promise<Result<'syncRecords'>> {
  if (payload.dryRun) return syncOrPreview(session, payload);
  return retryingOnFailure(session.deps, session.actor, payload.recordIds, () => syncOrPreview(session, payload));
}

async function syncOrPreview(session: Session, payload: Payload<'syncRecords'>): Promise<Result<'syncRecords'>> {
  // The budget counts from the start of the call: reading records and worklogs is part of it.
  const deadline = session.deps.clock.now().getTime() + RESOLVER_SYNC_BUDGET_MS;
  const scope = await requireScope(session);
  const ids = [...new Set(payload.recordIds)];
  const dryRun = payload.dryRun ?? false;
  const { prepared, missing } = await loadPrepared(session, scope, ids, payload.issueKey);
  const worklogs = await observeWorklogs(session.jira, prepared);
  const run = { trigger: 'manual', deadline } as const;
  // Linked before the write (a crash after it must not lose the link); undone below if the issue does not exist.
  const linkedHere = payload.issueKey && !dryRun ? await storeLinks(session, scope, prepared, payload.issueKey) : null;
  const synced = dryRun
    ? await previewPrepared(session, scope, prepared, worklogs, run)
    : await syncPrepared(session, scope, prepared, worklogs, run);
  if (linkedHere) await linkedHere.undo(synced.filter((s) => s.result.code === 'issue-not-found').map((s) => s.result.recordId));
  // A record that failed for a passing reason is tried again on its own; one synced now no longer waits (ADR 0028).
  const attempted = synced.filter((s) => s.attempted).map((s) => s.result);
  const retries = dryRun ? undefined : await noteOutcomes(session.deps, session.actor, attempted);
  const byId = new Map<number, SyncResult>();
  // The views are made here, once, from what the engine left (the panel shows each row's new state).
  for (const s of synced) {
    const view = s.attempted ? annotateRecords(retries, [toRecordView(s.after, worklogs)])[0] : undefined;
    byId.set(s.result.recordId, view ? { ...s.result, record: view } : s.result);
  }
  for (const id of missing) byId.set(id, recordNotFoundResult(id));
  return { results: ids.map((id) => byId.get(id)!) };
}

/** Links the records to `issueKey`; `undo(ids)` puts back the links they had when they were read. */
async function storeLinks(session: Session, scope: RecordScope, prepared: PreparedRecord[], issueKey: string) {
  const { store, clock } = session.deps;
  const at = clock.now().toISOString();
  await Promise.all(prepared.map((p) => store.set<StoredLink>(keys.link(scope, p.record.id), { issueKey, at })));
  return {
    async undo(recordIds: number[]) {
      const undone = new Set(recordIds);
      await Promise.all(
        prepared
          .filter((p) => undone.has(p.record.id))
          .map((p) => (p.storedLink ? store.set(keys.link(scope, p.record.id), p.storedLink) : store.delete(keys.link(scope, p.record.id)))),
      );
    },
  };
}

export async function linkRecord(session: Session, recordId: number, issueKey: string | null): Promise<Result<'linkRecord'>> {
  const scope = await requireScope(session);
  const current = await loadOne(session, scope, recordId);
  if (issueKey === null && current.state?.worklogId && current.state.state !== 'pending') {
    if ((await observeWorklogs(session.jira, [current])).has(current.state.worklogId)) {
      throw localizedError('invalid-payload', { key: 'errors.records.hasWorklog', params: { issueKey: current.state.issueKey } });
    }
    // Its worklog was deleted in Jira: nothing is left to keep the record linked for.
    await session.deps.store.delete(keys.syncState(scope, recordId));
  }
  const issue = issueKey === null ? null : await session.jira.getIssue(issueKey);
  if (issueKey !== null && !issue) {
    throw localizedError('issue-not-found', { key: 'errors.jira.issueNotFound', params: { issueKey } });
  }
  // The issue's current key: one typed under its old key (the issue has moved since) is stored as it is now.
  const link: StoredLink = { issueKey: issue?.key ?? '', at: session.deps.clock.now().toISOString() };
  await session.deps.store.set(keys.link(scope, recordId), link);
  return { record: await viewOf(session, scope, recordId, issue) };
}

export async function unsyncRecord(session: Session, recordId: number): Promise<Result<'unsyncRecord'>> {
  const scope = await requireScope(session);
  const current = await loadOne(session, scope, recordId);
  if (!current.state?.worklogId && current.timecardSync) {
    throw localizedError('invalid-payload', { key: 'errors.records.ownSyncWorklog' });
  }
  if (!current.state?.worklogId) throw localizedError('invalid-payload', NO_WORKLOG);
  await deleteUnderLocks(session, scope, recordId, null, () => true);
  return { record: await viewOf(session, scope, recordId) };
}

/**
 * Removes a worklog a sync created, restoring the record's earlier state (used by undo, which
 * passes the settings of the projects involved, read once for all its records).
 */
export async function removeSyncedWorklog(
  session: Session,
  scope: RecordScope,
  recordId: number,
  expectedWorklogId: string,
  settings?: Map<string, ProjectSettings>,
  message: StoredSentence = UNDONE,
): Promise<'deleted' | 'gone'> {
  return deleteUnderLocks(session, scope, recordId, message, (state) => state.worklogId === expectedWorklogId, settings, { goneIsDone: true });
}

const DELETE_LOCK_WAIT_MS = 8000;

const NO_WORKLOG = { key: 'errors.records.noWorklog' };

const UNDONE = stored({ key: 'sync.undo.undone' });

/**
 * Deletes the record's worklog holding the record lock (its state is re-read under it, so a sync
 * that just moved the worklog is seen) and then the issue lock (one write at a time per issue).
 */
async function deleteUnderLocks(
  session: Session,
  scope: RecordScope,
  recordId: number,
  message: StoredSentence | null,
  stillWanted: (state: SyncState) => boolean,
  settings?: Map<string, ProjectSettings>,
  options: { goneIsDone?: boolean } = {},
): Promise<'deleted' | 'gone'> {
  const until = session.deps.clock.now().getTime() + DELETE_LOCK_WAIT_MS;
  const waits = { holder: session.deps.newId(), recordUntilMs: until, issueUntilMs: until };
  const outcome = await withRecordLock(session.deps, scope, recordId, waits, async ({ state, holdIssue }) => {
    // Removed already (by an undo that ran at the same time, or by hand): for an undo that is done.
    if (!state?.worklogId && options.goneIsDone) return 'gone' as const;
    if (!state?.worklogId) throw localizedError('invalid-payload', NO_WORKLOG);
    if (!stillWanted(state)) throw localizedError('invalid-payload', { key: 'errors.records.syncedAgain' });
    if (!(await holdIssue(state.issueKey))) throw localizedError('sync-in-progress', issueBusy(state.issueKey));
    await deleteWorklogOf(session, scope, state, message, settings);
    return 'deleted' as const;
  });
  if (outcome === 'busy') throw localizedError('sync-in-progress', RECORD_BUSY);
  return outcome;
}

/** Deletes the record's worklog (already gone counts as done), forgets its sync state, records it. */
async function deleteWorklogOf(
  session: Session,
  scope: RecordScope,
  state: SyncState,
  message: StoredSentence | null,
  settings?: Map<string, ProjectSettings>,
): Promise<void> {
  const worklogId = state.worklogId!;
  // The project's own rules, as when the worklog was written (watchers told or not, estimate adjusted or left).
  const projectKey = projectKeyOf(state.issueKey);
  const rules = settings?.get(projectKey) ?? (await loadProjectSettings(session.deps.store, projectKey));
  await deleteWorklogIfPresent(session.jira, state.issueKey, worklogId, { notifyUsers: rules.notifyWatchers, adjustEstimate: rules.estimatePolicy });
  await session.deps.store.delete(keys.syncState(scope, state.recordId));
  await appendHistory(session, {
    recordId: state.recordId,
    issueKey: state.issueKey,
    worklogId,
    outcome: 'deleted',
    ...(message ?? { message: null }),
    code: null,
    jobId: state.jobId ?? null,
    timeSpentSeconds: state.sentSeconds ?? null,
    ...(state.sentStarted ? { workStart: parseInstant(state.sentStarted)?.toISOString() ?? null } : {}),
  });
}

export async function viewOf(session: Session, scope: RecordScope, recordId: number, issue?: JiraIssue | null): Promise<RecordView> {
  const p = await loadOne(session, scope, recordId);
  const worklogs: Map<string, Worklog> = await observeWorklogs(session.jira, [p]);
  return toRecordView(p, worklogs, issue ? new Map([[issue.key, issue]]) : undefined);
}
