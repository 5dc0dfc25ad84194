// Links made in Jira, written back to the record's `jira_issue_key` in the timecard, for people who
// turn it on (off by default; docs/decisions/0024-write-links-back-to-the-timecard.md).
import type { LinkWriteBack, Payload, Result, SyncResult } from '../shared/contract';
import { isAppError } from '../domain/errors';
import { stored, type LocalizedText } from '../domain/localizedText';
import type { TimecardRecord } from '../domain/record';
import { expectedAfterWrite, keyShown, sameEditableFields, sameRecord, wholeRecordBody, type BodyProblem } from '../domain/recordWrite';
import { parseInstant } from '../domain/time';
import { requireScope, withAccessToken } from './connection';
import type { Session } from './context';
import { logFailure } from './failureLog';
import { keys } from './keys';
import { fetchRecordsById } from './records';
import { linkRecord, syncRecords } from './recordActions';

interface StoredWriteBack {
  enabled: boolean;
  at: string;
}

export async function getLinkWriteBack(session: Session): Promise<Result<'getLinkWriteBack'>> {
  const stored = await session.deps.store.get<StoredWriteBack>(keys.linkWriteBack(session.actor.accountId));
  return { enabled: stored?.enabled === true };
}

export async function setLinkWriteBack(session: Session, enabled: boolean): Promise<Result<'setLinkWriteBack'>> {
  const key = keys.linkWriteBack(session.actor.accountId);
  if (enabled) await session.deps.store.set<StoredWriteBack>(key, { enabled, at: session.deps.clock.now().toISOString() });
  else await session.deps.store.delete(key);
  return { enabled };
}

/** linkRecord, then, for a person who turned it on, the same link written to the timecard. */
export async function linkRecordAndWriteBack(session: Session, recordId: number, issueKey: string | null): Promise<Result<'linkRecord'>> {
  if (!(await getLinkWriteBack(session)).enabled) return linkRecord(session, recordId, issueKey);
  const scope = await requireScope(session);
  // The record as it was when the person linked it: what the write-back must find unchanged.
  const known = (await fetchRecordsById(session, scope, [recordId])).records[0];
  const linked = await linkRecord(session, recordId, issueKey);
  if (!known) return { ...linked, writeBack: notWritten(NOT_WRITTEN.unreadable) };
  // The issue's key as Jira has it now (an issue moved since keeps its link); an unlink writes no key at all.
  const written = issueKey === null ? null : linked.record.issueKey;
  return { ...linked, writeBack: await writeBack(session, known, written) };
}

/**
 * syncRecords; "Accept and log" (`issueKey`) also links the records, so for a person who turned it
 * on each link is written to the timecard as linkRecordAndWriteBack does (re-read, compare, write,
 * re-read), one record after the other.
 */
export async function syncRecordsAndWriteBack(session: Session, payload: Payload<'syncRecords'>): Promise<Result<'syncRecords'>> {
  if (!payload.issueKey || payload.dryRun || !(await getLinkWriteBack(session)).enabled) return syncRecords(session, payload);
  const scope = await requireScope(session);
  const known = new Map((await fetchRecordsById(session, scope, [...new Set(payload.recordIds)])).records.map((r) => [r.id, r]));
  const synced = await syncRecords(session, payload);
  const results: SyncResult[] = [];
  for (const result of synced.results) {
    // Not linked: the issue does not exist, or the record is not the person's.
    if (result.code === 'issue-not-found' || result.code === 'record-not-found') results.push(result);
    else {
      const record = known.get(result.recordId);
      const issueKey = result.record?.issueKey ?? result.issueKey ?? payload.issueKey;
      const written = record ? await writeBack(session, record, issueKey) : notWritten(NOT_WRITTEN.unreadable);
      results.push({ ...result, writeBack: written });
    }
  }
  return { results };
}

// Each a whole sentence by its key, said in the reader's language (docs/decisions/0026).
const NOT_WRITTEN = {
  unreadable: { key: 'sync.writeBack.notWritten.unreadable' },
  badStart: { key: 'sync.writeBack.notWritten.badStart' },
  gone: { key: 'sync.writeBack.notWritten.gone' },
  changed: { key: 'sync.writeBack.notWritten.changed' },
};

const NOT_WRITTEN_FOR: Record<BodyProblem, LocalizedText> = {
  'its domain, category or title is missing in the timecard': { key: 'sync.writeBack.notWritten.incomplete' },
  'it is still running': { key: 'sync.writeBack.notWritten.running' },
  'its end time is not a date the app can send back': { key: 'sync.writeBack.notWritten.badEnd' },
};

const said = (outcome: LinkWriteBack['outcome'], text: LocalizedText): LinkWriteBack => ({ outcome, ...stored(text) });

const notWritten = (why: LocalizedText): LinkWriteBack => said('not-written', why);

async function writeBack(session: Session, known: TimecardRecord, issueKey: string | null): Promise<LinkWriteBack> {
  const timein = parseInstant(known.timein);
  if (!timein) return notWritten(NOT_WRITTEN.badStart);
  try {
    return await withAccessToken(session, async (token, timecard) => {
      const before = await timecard.readRecordAsSent(token, known.id, timein);
      if (!before) return notWritten(NOT_WRITTEN.gone);
      if (!sameEditableFields(before, known)) return notWritten(NOT_WRITTEN.changed);
      if (keyShown(before) === issueKey) {
        return said('unchanged', issueKey ? { key: 'sync.writeBack.unchanged', params: { issueKey } } : { key: 'sync.writeBack.unchangedNone' });
      }
      const built = wholeRecordBody(before, issueKey);
      if ('problem' in built) return notWritten(NOT_WRITTEN_FOR[built.problem]);
      await timecard.replaceRecord(token, known.id, built.body);
      const after = await timecard.readRecordAsSent(token, known.id, timein);
      if (!after || !sameRecord(after, expectedAfterWrite(before, issueKey))) {
        return said('check', { key: 'sync.writeBack.check' });
      }
      return said('written', issueKey ? { key: 'sync.writeBack.written', params: { issueKey } } : { key: 'sync.writeBack.writtenNone' });
    });
  } catch (error) {
    if (isAppError(error) && error.code !== 'internal') {
      return said('failed', { key: 'sync.writeBack.failed', params: { error: error.details.text ?? error.message } });
    }
    const errorId = logFailure(error, 'internal', { functionKey: 'linkRecord', task: 'writing a link back to the timecard' });
    return said('failed', { key: 'sync.writeBack.failedInternal', params: { quote: { key: 'errors.quoteErrorId', params: { errorId } } } });
  }
}
