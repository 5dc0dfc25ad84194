// Reading the person's records from the timecard server: by range, and by id through an
// index of record id → start instant (the server has no lookup by id and no paging).
import { localizedError, type AppError } from '../domain/errors';
import type { LocalizedText } from '../domain/localizedText';
import { say } from '../domain/sayInLanguage';
import type { SyncResult } from '../shared/contract';
import { resolveLink } from '../domain/issueKeys';
import { toTimecardDate } from '../domain/time';
import type { Session } from './context';
import { withAccessToken } from './connection';
import { keys, type RecordScope } from './keys';
import type { MalformedRecord, TimecardAttribute, TimecardRecord } from './ports';

const DAY_MS = 86_400_000;
const ATTRIBUTE_CACHE_SECONDS = 10 * 60;
/** Enough for well over a year of records in one KVS value (≤ 240 KiB). */
const MAX_INDEX_ENTRIES = 6000;
/** Widest window fetched in one request when looking records up by id. */
const MAX_LOOKUP_SPAN_MS = 62 * DAY_MS;
const RECENT_LOOKBACK_MS = 92 * DAY_MS;

export interface AttributeNames {
  domain: string | null;
  category: string | null;
  title: string | null;
}

export interface FetchedRecords {
  records: TimecardRecord[];
  malformed: MalformedRecord[];
  attributes: Map<number, TimecardAttribute>;
}

type RecordIndex = Record<string, number>; // record id → timein epoch seconds

export async function fetchRecords(session: Session, scope: RecordScope, start: Date, end: Date): Promise<FetchedRecords> {
  const [listed, attributes] = await Promise.all([
    withAccessToken(session, (token, timecard) => timecard.listRecords(token, toTimecardDate(start), toTimecardDate(end))),
    loadAttributes(session, scope),
  ]);
  await rememberRecords(session, scope, listed.records);
  return { ...listed, attributes };
}

/** The records with these ids, freshly read from the server; ids the person does not own are absent. */
export async function fetchRecordsById(session: Session, scope: RecordScope, ids: number[]): Promise<FetchedRecords> {
  const index = (await session.deps.store.get<RecordIndex>(keys.recordIndex(scope))) ?? {};
  const starts = ids.map((id) => index[String(id)]).filter((s): s is number => s !== undefined);
  const attributes = await loadAttributes(session, scope);
  const found = new Map<number, TimecardRecord>();
  const malformed: MalformedRecord[] = [];
  for (const [from, to] of lookupWindows(starts.map((s) => s * 1000))) {
    const listed = await withAccessToken(session, (token, timecard) =>
      timecard.listRecords(token, toTimecardDate(new Date(from)), toTimecardDate(new Date(to))),
    );
    for (const record of listed.records) found.set(record.id, record);
    malformed.push(...listed.malformed);
  }
  const unindexed = ids.filter((id) => !found.has(id) && index[String(id)] === undefined);
  if (unindexed.length > 0) {
    // Never listed here yet (or listed before the index existed): look through the recent past once.
    const now = session.deps.clock.now().getTime();
    const listed = await withAccessToken(session, (token, timecard) =>
      timecard.listRecords(token, toTimecardDate(new Date(now - RECENT_LOOKBACK_MS)), toTimecardDate(new Date(now + DAY_MS))),
    );
    for (const record of listed.records) found.set(record.id, record);
    malformed.push(...listed.malformed);
  }
  await rememberRecords(session, scope, [...found.values()]);
  const wanted = new Set(ids);
  return {
    records: [...found.values()].filter((r) => wanted.has(r.id)),
    malformed: malformed.filter((m) => m.id !== null && wanted.has(m.id)),
    attributes,
  };
}

/**
 * Every record the person has, for the one question a range cannot answer: is a record gone, or only
 * moved? (It may have moved anywhere in time.) Costly with many records: only to confirm a deletion.
 */
export async function fetchAllRecords(session: Session, scope: RecordScope): Promise<Pick<FetchedRecords, 'records' | 'malformed'>> {
  const listed = await withAccessToken(session, (token, timecard) => timecard.listAllRecords(token));
  // A moved record's new start goes into the index, so its old place no longer looks for it.
  await rememberRecords(session, scope, listed.records);
  return listed;
}

/** Day-aligned windows around the given instants, merged, each at most MAX_LOOKUP_SPAN_MS wide. */
function lookupWindows(instantsMs: number[]): [number, number][] {
  const sorted = [...new Set(instantsMs)].sort((a, b) => a - b);
  const windows: [number, number][] = [];
  for (const t of sorted) {
    const from = Math.floor(t / DAY_MS) * DAY_MS - DAY_MS;
    const to = Math.floor(t / DAY_MS) * DAY_MS + 2 * DAY_MS;
    const last = windows[windows.length - 1];
    if (last && from <= last[1] && to - last[0] <= MAX_LOOKUP_SPAN_MS) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  }
  return windows;
}

async function rememberRecords(session: Session, scope: RecordScope, records: TimecardRecord[]): Promise<void> {
  if (records.length === 0) return;
  const { store } = session.deps;
  const key = keys.recordIndex(scope);
  const index = (await store.get<RecordIndex>(key)) ?? {};
  let changed = false;
  for (const record of records) {
    const start = Math.floor(Date.parse(record.timein) / 1000);
    if (!Number.isFinite(start) || index[String(record.id)] === start) continue;
    index[String(record.id)] = start;
    changed = true;
  }
  if (!changed) return;
  const entries = Object.entries(index);
  const kept = entries.length > MAX_INDEX_ENTRIES ? entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_INDEX_ENTRIES) : entries;
  await store.set(key, Object.fromEntries(kept));
}

async function loadAttributes(session: Session, scope: RecordScope): Promise<Map<number, TimecardAttribute>> {
  const { store } = session.deps;
  const key = keys.attributes(scope);
  let list = await store.get<TimecardAttribute[]>(key);
  if (!list) {
    list = await withAccessToken(session, (token, timecard) => timecard.attributes(token));
    await store.set(key, list, { ttlSeconds: ATTRIBUTE_CACHE_SECONDS });
  }
  return new Map(list.map((a) => [a.id, a]));
}

export function attributeNames(record: TimecardRecord, attributes: Map<number, TimecardAttribute>): AttributeNames {
  const name = (id: number | null) => (id === null ? null : (attributes.get(id)?.name ?? null));
  return { domain: name(record.domain_id), category: name(record.category_id), title: name(record.title_id) };
}

const FIELDS = new Set(['id', 'timein', 'timeout', 'notes', 'jira_issue_key', 'external_link', 'domain_id', 'category_id', 'title_id']);
const TIME_FIELDS = new Set(['timein', 'timeout']);

/** What is wrong with a record, in words ("its start time is missing"), each part a sentence of `sync.malformed`. */
function problemText(m: MalformedRecord): LocalizedText {
  const parts = m.problems.map(({ field, missing }): LocalizedText => {
    const what = { key: `sync.malformed.fields.${FIELDS.has(field) ? field : 'other'}` };
    const shape = missing ? 'missing' : TIME_FIELDS.has(field) ? 'invalidTime' : 'invalid';
    return { key: `sync.malformed.${shape}`, params: { field: what } };
  });
  if (parts.length === 0) return { key: 'sync.malformed.notInForm' };
  return parts.reduce((first, second) => ({ key: 'sync.malformed.and', params: { first, second } }));
}

/**
 * What a person reads about records the server sent that could not be read: one sentence per kind
 * of problem, counting the records, saying where to fix them (never the schema's own words), in
 * the person's language (a listing's warnings are said when made: nothing stores them).
 */
export function malformedWarnings(malformed: MalformedRecord[], locale?: string | null): string[] {
  const byProblem = new Map<string, { problems: LocalizedText; count: number }>();
  for (const m of malformed) {
    const problems = problemText(m);
    const kind = JSON.stringify(problems);
    byProblem.set(kind, { problems, count: (byProblem.get(kind)?.count ?? 0) + 1 });
  }
  return [...byProblem.values()].map(({ problems, count }) => say({ key: 'sync.malformed.warning', params: { count, problems } }, locale));
}

/** The unreadable records meant for this issue: its key in their Jira field, notes or link. */
export function malformedFor(malformed: MalformedRecord[], issueKey: string): MalformedRecord[] {
  return malformed.filter((m) => {
    const link = resolveLink({ jiraLink: null, timecardKey: m.hints.jiraIssueKey, notes: m.hints.notes, externalLink: m.hints.externalLink });
    return link.issueKey === issueKey || link.suggestions.includes(issueKey);
  });
}

export function recordNotFound(recordId: number): AppError {
  return localizedError('record-not-found', { key: 'sync.result.recordNotFound', params: { recordId: String(recordId) } });
}

/** A sync's result for a record id the person's timecard does not have. */
export function recordNotFoundResult(recordId: number): SyncResult {
  const { code, message, details } = recordNotFound(recordId);
  return { recordId, outcome: 'failed', code, message, ...(details.text ? { messageText: details.text } : {}) };
}
