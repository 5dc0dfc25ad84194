// The person's side of the retries (ADR 0028): what the page and the panel show of them, and
// cancelling them (one record, some, or all). A cancelled record stays as it is (failed or not synced).
import { textOf } from '../../domain/localizedText';
import type { Session } from '../context';
import { updateRetries, type StoredRetries } from './store';

export interface RetryView {
  recordId: number;
  message: string;
  nextAt: string;
  attempts: number;
}

export function retryViews(stored: StoredRetries | undefined): RetryView[] {
  return (stored?.entries ?? []).map((r) => ({ recordId: r.recordId, message: r.message, ...textOf(r), nextAt: r.nextAt, attempts: r.attempts }));
}

/** Stops retrying these records (all without `recordIds`); the rest wait as before. */
export async function cancelRetries(session: Session, recordIds?: number[]): Promise<StoredRetries | undefined> {
  const cancel = recordIds ? new Set(recordIds) : null;
  return updateRetries(session.deps, session.actor.accountId, (stored) => {
    if (!stored || stored.entries.length === 0) return stored;
    const entries = cancel ? stored.entries.filter((r) => !cancel.has(r.recordId)) : [];
    return entries.length === stored.entries.length ? stored : { ...stored, entries };
  });
}
