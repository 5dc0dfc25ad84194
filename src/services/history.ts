// The sync history: one entry per attempt, newest first, per person.
import { localizedError } from '../domain/errors';
import { resolveDateRange } from '../domain/time';
import {
  HISTORY_NOTES_LENGTH,
  SUCCESS_OUTCOMES,
  type HistoryItem,
  type HistoryOutcome,
  type HistoryStatusFilter,
  type Payload,
  type Result,
} from '../shared/contract';
import type { Session } from './context';
import { migrateHistory } from './historyMigration';
import { keys } from './keys';
import { loadRetries } from './retries/store';
import { annotateHistory } from './retries/views';
import { InvalidCursorError, type Store, type StoreItem, type StorePage } from './ports';

const DEFAULT_PAGE = 25;
/** One Jira search per page names the issues (its largest page). */
const MAX_ISSUES_LOOKED_UP = 100;
/** Bounded scanning per call when filters skip many entries; the cursor continues from there. */
const MAX_SCANNED_PAGES = 20;

export type NewHistoryItem = Omit<HistoryItem, 'id' | 'at' | 'accountId' | 'issueSummary' | 'retryAt'>;

/** The entries a run's undo needs: those that wrote a worklog. */
const WROTE: ReadonlySet<HistoryOutcome> = new Set(['created', 'updated', 'adopted']);

/** What a run's undo reads of an entry (syncRuns.ts). Its copy by run keeps only this: the words and the work stay in the history entry. */
export type RunEntry = Pick<HistoryItem, 'id' | 'at' | 'recordId' | 'issueKey' | 'worklogId' | 'outcome' | 'runId'>;

const runEntryOf = ({ id, at, recordId, issueKey, worklogId, outcome, runId }: HistoryItem): RunEntry => ({
  id,
  at,
  recordId,
  issueKey,
  worklogId,
  outcome,
  runId,
});

/** The entry and its keys (its copy by run too, when it wrote a worklog), for a caller that writes them together with other changes. */
export function historyEntry(session: Session, item: NewHistoryItem): StoreItem<HistoryItem | RunEntry>[] {
  const { deps, actor } = session;
  const at = deps.clock.now();
  const id = deps.newId();
  const runId = item.runId ?? session.runId ?? id;
  const notes = item.notes ? excerpt(item.notes) : item.notes;
  const entry: HistoryItem = { id, at: at.toISOString(), accountId: actor.accountId, ...item, runId, ...(notes !== undefined ? { notes } : {}) };
  const written: StoreItem<HistoryItem | RunEntry>[] = [{ key: keys.history(actor.accountId, at, id), value: entry }];
  // A copy by run, so the run can be undone however old it is (syncRuns.ts).
  return WROTE.has(entry.outcome) ? [...written, { key: keys.runEntry(actor.accountId, runId, id), value: runEntryOf(entry) }] : written;
}

/** Writes the entry and its copy by run in one request: a run's undo never misses an entry the history shows. */
export async function appendHistory(session: Session, item: NewHistoryItem): Promise<void> {
  await session.deps.store.commit({ set: historyEntry(session, item) });
}

function excerpt(notes: string): string {
  const text = notes.replace(/\s+/g, ' ').trim();
  return text.length <= HISTORY_NOTES_LENGTH ? text : `${text.slice(0, HISTORY_NOTES_LENGTH - 1)}…`;
}

export async function listHistory(session: Session, query: Payload<'getSyncHistory'>): Promise<Result<'getSyncHistory'>> {
  const { deps, actor } = session;
  await migrateHistory(deps.store, actor.accountId, deps.clock.now());
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
    if (pastRange || !cursor) return withRunsAndIssues(session, { items });
  }
  return withRunsAndIssues(session, cursor ? { items, nextCursor: cursor } : { items });
}

/** Adds what the entries do not keep: the issues' summaries as Jira has them now, and which runs were undone. */
async function withRunsAndIssues(session: Session, page: Result<'getSyncHistory'>): Promise<Result<'getSyncHistory'>> {
  const { deps, actor } = session;
  const runIds = [...new Set(page.items.flatMap((i) => (i.runId ? [i.runId] : [])))];
  const issueKeys = [...new Set(page.items.flatMap((i) => (i.issueKey ? [i.issueKey] : [])))].slice(0, MAX_ISSUES_LOOKED_UP);
  const [undone, issues, retries] = await Promise.all([
    runIds.length ? deps.store.getMany<{ at: string }>(runIds.map((r) => keys.runUndone(actor.accountId, r))) : new Map<string, { at: string }>(),
    // Best effort: the history reads without summaries when Jira will not say (an issue deleted since, Jira down).
    issueKeys.length ? session.jira.getIssues(issueKeys).catch(() => []) : [],
    page.items.some((i) => i.outcome === 'failed') ? loadRetries(deps.store, actor.accountId) : undefined,
  ]);
  const summaries = new Map(issues.map((i) => [i.key, i.summary]));
  const items = annotateHistory(retries, page.items).map((i) => {
    const summary = i.issueKey ? summaries.get(i.issueKey) : undefined;
    return summary === undefined ? i : { ...i, issueSummary: summary };
  });
  const undoneRuns = Object.fromEntries(
    runIds.flatMap((r) => {
      const mark = undone.get(keys.runUndone(actor.accountId, r));
      return mark ? [[r, mark.at]] : [];
    }),
  );
  return { ...page, items, ...(Object.keys(undoneRuns).length ? { undoneRuns } : {}) };
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
    if (error instanceof InvalidCursorError) throw localizedError('invalid-payload', { key: 'errors.history.badCursor' });
    throw error;
  }
}
