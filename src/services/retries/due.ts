// The hourly trigger's look at the retries (ADR 0028): who has one due now, or before Forge's
// longest queue delay has passed, from the index alone (no person's value is read).
import { keys } from '../keys';
import type { Deps } from '../ports';
import type { RetryIndexEntry } from './store';

/** People with a retry due within `withinSeconds`, and how long until it is (0: due now). */
export async function dueRetryPeople(deps: Deps, withinSeconds: number): Promise<{ accountId: string; delaySeconds: number }[]> {
  const now = deps.clock.now().getTime();
  const due: { accountId: string; delaySeconds: number }[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.query<RetryIndexEntry>(keys.retriesIndexPrefix(), { limit: 100, cursor });
    for (const { value } of page.items) {
      const delaySeconds = Math.max(0, Math.ceil((Date.parse(value.nextAt) - now) / 1000));
      if (delaySeconds <= withinSeconds) due.push({ accountId: value.accountId, delaySeconds });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return due;
}
