// The sync history: one entry per attempt, newest first, per person.
import { AppError } from '../domain/errors';
import { resolveDateRange } from '../domain/time';
import { SUCCESS_OUTCOMES, type HistoryItem, type HistoryOutcome, type HistoryStatusFilter, type Payload, type Result } from '../shared/contract';
import type { Session } from './context';
import { keys } from './keys';
import { InvalidCursorError, type Store, type StoreItem, type StorePage } from './ports';

const DEFAULT_PAGE = 25;
/** Bounded scanning per call when filters skip many entries; the cursor continues from there. */
const MAX_SCANNED_PAGES = 20;

export type NewHistoryItem = Omit<HistoryItem, 'id' | 'at' | 'accountId'>;

/** The entry and its key, for a caller that writes it together with other changes. */
export function historyEntry(session: Session, item: NewHistoryItem): StoreItem<HistoryItem> {
  const { deps, actor } = session;
  const at = deps.clock.now();
  const id = deps.newId();
  return { key: keys.history(actor.accountId, at, id), value: { id, at: at.toISOString(), accountId: actor.accountId, ...item } };
}

export async function appendHistory(session: Session, item: NewHistoryItem): Promise<void> {
  const { key, value } = historyEntry(session, item);
  await session.deps.store.set(key, value);
}

export async function listHistory(session: Session, query: Payload<'getSyncHistory'>): Promise<Result<'getSyncHistory'>> {
  const { deps, actor } = session;
  const limit = query.limit ?? DEFAULT_PAGE;
  const range =
    query.from || query.to
      ? // Open ends: a date-only `to` includes its whole day, so the open end stops a day short of year 10000.
        resolveDateRange(query.from ?? '1970-01-01', query.to ?? '9999-12-30', actor.timeZone, Number.MAX_SAFE_INTEGER)
      : undefined;
  const items: HistoryItem[] = [];
  let cursor = query.cursor;
  for (let scanned = 0; scanned < MAX_SCANNED_PAGES && items.length < limit; scanned++) {
    // Ask for exactly what is still missing, so a page never has to be cut and the cursor stays exact.
    const page = await queryPage(deps.store, keys.historyPrefix(actor.accountId), limit - items.length, cursor);
    let pastRange = false;
    for (const { value } of page.items) {
      const at = Date.parse(value.at);
      if (range && at >= range.end.getTime()) continue;
      if (range && at < range.start.getTime()) {
        pastRange = true; // newest first: everything after this is older still
        break;
      }
      if (query.status && !matchesStatus(value.outcome, query.status)) continue;
      if (query.recordId !== undefined && value.recordId !== query.recordId) continue;
      // Entries written before `accountId` was kept are this person's too (the key says so).
      items.push({ ...value, accountId: value.accountId ?? actor.accountId });
    }
    cursor = page.nextCursor;
    if (pastRange || !cursor) return { items };
  }
  return cursor ? { items, nextCursor: cursor } : { items };
}

const SUCCESS: ReadonlySet<HistoryOutcome> = new Set(SUCCESS_OUTCOMES);

function matchesStatus(outcome: HistoryOutcome, status: HistoryStatusFilter): boolean {
  return status === 'success' || status === 'synced' ? SUCCESS.has(outcome) : outcome === status;
}

/** One page of history; a cursor the store cannot read (edited, or from elsewhere) is the caller's mistake. */
async function queryPage(store: Store, prefix: string, limit: number, cursor: string | undefined): Promise<StorePage<HistoryItem>> {
  try {
    return await store.query<HistoryItem>(prefix, { limit, cursor });
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new AppError('invalid-payload', 'The page cursor is not valid; start from the first page.');
    throw error;
  }
}
