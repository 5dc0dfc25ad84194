// "Will retry at …" on what the person reads (ADR 0028): the records of the panel and the page, and
// the newest failed history entry of a record that waits for a retry. One read of the person's retries.
import type { HistoryItem, RecordView } from '../../shared/contract';
import type { Store } from '../ports';
import { loadRetries, type StoredRetries } from './store';

export async function withRetries(store: Store, accountId: string, records: RecordView[]): Promise<RecordView[]> {
  if (records.length === 0) return records;
  return annotateRecords(await loadRetries(store, accountId), records);
}

export function annotateRecords(stored: StoredRetries | undefined, records: RecordView[]): RecordView[] {
  const byRecord = new Map((stored?.entries ?? []).map((r) => [r.recordId, r]));
  if (byRecord.size === 0) return records;
  return records.map((record) => {
    const retry = byRecord.get(record.id);
    return retry ? { ...record, retry: { nextAt: retry.nextAt, attempts: retry.attempts } } : record;
  });
}

/** A waiting record's newest entry (the items are newest first) gets `retryAt` when it is a failure. */
export function annotateHistory(stored: StoredRetries | undefined, items: HistoryItem[]): HistoryItem[] {
  const waiting = new Map((stored?.entries ?? []).map((r) => [r.recordId, r]));
  if (waiting.size === 0) return items;
  const seen = new Set<number>();
  return items.map((item) => {
    const retry = waiting.get(item.recordId);
    const newest = !seen.has(item.recordId);
    seen.add(item.recordId);
    return retry && newest && item.outcome === 'failed' ? { ...item, retryAt: retry.nextAt } : item;
  });
}
