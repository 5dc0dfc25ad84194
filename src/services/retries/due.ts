// The hourly trigger's look at the retries (ADR 0028): who has one due, from the index alone (no
// person's value is read; nobody waiting costs one query).
import { keys } from '../keys';
import type { Deps } from '../ports';
import type { RetryIndexEntry } from './store';

/** People with a retry due now. */
export async function dueRetryPeople(deps: Deps): Promise<string[]> {
  const now = deps.clock.now().getTime();
  const due: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.query<RetryIndexEntry>(keys.retriesIndexPrefix(), { limit: 100, cursor });
    for (const { value } of page.items) if (Date.parse(value.nextAt) <= now) due.push(value.accountId);
    cursor = page.nextCursor;
  } while (cursor);
  return due;
}
