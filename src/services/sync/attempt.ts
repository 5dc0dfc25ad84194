// One record's attempt as the history keeps it (every real attempt, skipped and unchanged ones too).
import { parseInstant } from '../../domain/time';
import { recordText } from '../../shared/ui/records';
import type { SyncResult } from '../../shared/contract';
import type { Session } from '../context';
import { appendHistory, historyEntry, type NewHistoryItem } from '../history';
import type { StoreItem } from '../ports';
import type { PreparedRecord } from '../prepare';

/** What the history keeps of the work itself, so an entry says which work it was. */
function workOf(p: PreparedRecord): Pick<NewHistoryItem, 'workStart' | 'workSeconds' | 'notes'> {
  return {
    workStart: parseInstant(p.record.timein)?.toISOString() ?? p.record.timein,
    workSeconds: p.check.kind === 'ok' ? p.check.durationSeconds : null,
    notes:
      recordText({
        notes: p.record.notes ?? '',
        domain: p.names.domain ?? undefined,
        category: p.names.category ?? undefined,
        title: p.names.title ?? undefined,
      }) || null,
  };
}

export interface AttemptEntry {
  p: PreparedRecord;
  result: SyncResult;
  jobId?: string;
  /** Set when automatic sync started the run (the history says so). */
  trigger?: 'automatic';
  /** The app took over a worklog it had not written. */
  adopted?: boolean;
}

function itemOf({ p, result, jobId, trigger, adopted }: AttemptEntry): NewHistoryItem {
  return {
    recordId: result.recordId,
    issueKey: result.issueKey ?? null,
    worklogId: result.worklogId ?? null,
    outcome: adopted ? 'adopted' : result.outcome,
    message: result.message ?? null,
    ...(result.messageText ? { messageText: result.messageText } : {}),
    code: result.code ?? null,
    jobId: jobId ?? null,
    timeSpentSeconds: result.timeSpentSeconds ?? null,
    ...(jobId ? { runId: jobId } : {}),
    ...(trigger ? { trigger } : {}),
    ...workOf(p),
  };
}

/** The entry's keys, for a commit that writes them together with the attempt's end. */
export function attemptEntryItems(session: Session, entry: AttemptEntry): StoreItem<unknown>[] {
  return historyEntry(session, itemOf(entry));
}

export async function recordAttempt(session: Session, entry: AttemptEntry): Promise<void> {
  await appendHistory(session, itemOf(entry));
}
