// A record in conflict (changed in the timecard, its worklog edited in Jira) or edited in Jira: the
// person keeps Jira's worklog (it becomes the new baseline: nothing is written to Jira) or the
// timecard's (the same worklog is updated, as a re-sync does).
import { localizedError } from '../domain/errors';
import { commentHash } from '../domain/hash';
import { stored } from '../domain/localizedText';
import type { SyncState } from '../domain/status';
import type { Result } from '../shared/contract';
import { requireScope } from './connection';
import type { Session } from './context';
import { appendHistory } from './history';
import { keys } from './keys';
import { acquireLease, releaseLease } from './leases';
import { loadOne, syncRecords, viewOf } from './recordActions';
import { observeWorklogs, toRecordView } from './recordViews';
import { RECORD_BUSY } from './sync';

const LOCK_WAIT_MS = 8_000;
const RESOLVABLE = new Set(['conflict', 'edited-in-jira']);

export async function resolveConflict(session: Session, recordId: number, keep: 'jira' | 'timecard'): Promise<Result<'resolveConflict'>> {
  const scope = await requireScope(session);
  const p = await loadOne(session, scope, recordId);
  const worklogs = await observeWorklogs(session.jira, [p]);
  const view = toRecordView(p, worklogs);
  if (!RESOLVABLE.has(view.status)) {
    throw localizedError('invalid-payload', { key: 'errors.conflict.nothingToChoose' });
  }
  if (keep === 'timecard') {
    const [result] = (await syncRecords(session, { recordIds: [recordId] })).results;
    return { record: result.record ?? (await viewOf(session, scope, recordId)), result };
  }
  const worklog = worklogs.get(p.state!.worklogId!);
  if (!worklog || !p.planned) throw localizedError('invalid-payload', { key: 'errors.conflict.worklogGone' });
  const { store, clock, newId } = session.deps;
  const lockKey = keys.recordLock(scope, recordId);
  const holder = newId();
  if (!(await acquireLease(session.deps, lockKey, holder, clock.now().getTime() + LOCK_WAIT_MS))) {
    throw localizedError('sync-in-progress', RECORD_BUSY);
  }
  try {
    const state = await store.get<SyncState>(keys.syncState(scope, recordId));
    if (state?.worklogId !== worklog.id || state.state !== 'synced') throw localizedError('sync-in-progress', { key: 'errors.conflict.syncedAgain' });
    const { jira: _told, ...rest } = state;
    // Jira's worklog is now what "sent" means; the record as it is now is what it was made from.
    const baseline: SyncState = {
      ...rest,
      hash: p.planned.hash,
      recordHash: p.planned.recordHash,
      source: p.planned.source,
      sentSeconds: worklog.timeSpentSeconds,
      sentStarted: worklog.started,
      ...(worklog.comment != null ? { sentCommentHash: commentHash(worklog.comment) } : {}),
      updatedAt: clock.now().toISOString(),
    };
    await store.set(keys.syncState(scope, recordId), baseline);
  } finally {
    await releaseLease(store, lockKey, holder);
  }
  await appendHistory(session, {
    recordId,
    issueKey: p.state!.issueKey,
    worklogId: worklog.id,
    outcome: 'unchanged',
    ...stored({ key: 'sync.conflict.keptJira' }),
    code: null,
    jobId: null,
    timeSpentSeconds: worklog.timeSpentSeconds,
  });
  return { record: await viewOf(session, scope, recordId) };
}
