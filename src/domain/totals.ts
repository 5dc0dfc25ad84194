import type { RecordView, Totals } from '../shared/contract';
import { countsAsNotSynced } from '../shared/ui/status';

const isFinished = (record: RecordView): boolean => record.end !== null && record.status !== 'running';

export function computeTotals(records: RecordView[]): Totals {
  const totals: Totals = { count: records.length, trackedSeconds: 0, loggedSeconds: 0, notLoggedSeconds: 0, notSyncedCount: 0 };
  for (const record of records) {
    const tracked = isFinished(record) ? Math.max(0, record.durationSeconds) : 0;
    totals.trackedSeconds += tracked;
    totals.loggedSeconds += record.loggedSeconds;
    if (record.status !== 'synced') totals.notLoggedSeconds += Math.max(0, tracked - record.loggedSeconds);
    if (countsAsNotSynced(record.status)) totals.notSyncedCount += 1;
  }
  return totals;
}
