// Pure rules of the issue panel: which actions a row offers, what "Log all" takes, and how a
// result from an action changes the rows and the totals in place.
import type { RecordStatus, RecordView, SyncOutcome, SyncResult, Totals } from '../../shared/contract';
import { computeTotals } from '../../domain/totals';

export type RowAction = 'log' | 'resync' | 'unlog' | 'linkHere' | 'unlink';

export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];

export function isPeriod(value: unknown): value is Period {
  return (PERIODS as readonly unknown[]).includes(value);
}

/** Syncs of at most this many records per resolver call (the contract's limit). */
export const SYNC_CHUNK = 50;

const LOGGABLE: ReadonlySet<RecordStatus> = new Set<RecordStatus>(['not-synced', 'failed', 'deleted-in-jira']);
const RESYNCABLE: ReadonlySet<RecordStatus> = new Set<RecordStatus>(['changed', 'edited-in-jira']);
const UNLOGGABLE: ReadonlySet<RecordStatus> = new Set<RecordStatus>(['synced', 'changed', 'edited-in-jira']);
/** What "Log all not synced" creates: records that have no worklog yet. */
const LOG_ALL: ReadonlySet<RecordStatus> = new Set<RecordStatus>(['not-synced', 'failed']);

/** Linked to this issue (in the timecard or here), as opposed to a suggestion or another issue. */
export function isLinkedHere(record: RecordView, issueKey: string): boolean {
  return (record.linkSource === 'timecard' || record.linkSource === 'jira') && record.issueKey === issueKey;
}

export interface ActionRules {
  issueKey: string;
  /** The person may write worklogs on this issue and the project has logging enabled. */
  canWrite: boolean;
}

/** The actions a row offers, in the order they are shown. */
export function actionsFor(record: RecordView, rules: ActionRules): RowAction[] {
  const actions: RowAction[] = [];
  const linked = isLinkedHere(record, rules.issueKey);
  if (rules.canWrite && linked && LOGGABLE.has(record.status)) actions.push('log');
  if (rules.canWrite && RESYNCABLE.has(record.status)) actions.push('resync');
  if (rules.canWrite && UNLOGGABLE.has(record.status)) actions.push('unlog');
  if (record.linkSource === 'suggested' || (record.linkSource === null && record.issueKey === null)) actions.push('linkHere');
  if (record.linkSource === 'jira' && record.issueKey === rules.issueKey) actions.push('unlink');
  return actions;
}

export function logAllCandidates(records: RecordView[], issueKey: string): RecordView[] {
  return records.filter((r) => isLinkedHere(r, issueKey) && LOG_ALL.has(r.status));
}

export function sumSeconds(records: RecordView[], pick: (r: RecordView) => number | null): number {
  return records.reduce((sum, r) => sum + (pick(r) ?? 0), 0);
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Counts toward the totals: the records on this issue (suggestions are not, until linked). */
const counts = (record: RecordView, issueKey: string): boolean => isLinkedHere(record, issueKey);

function addTotals(a: Totals, b: Totals, sign: 1 | -1): Totals {
  return {
    count: a.count + sign * b.count,
    trackedSeconds: a.trackedSeconds + sign * b.trackedSeconds,
    loggedSeconds: a.loggedSeconds + sign * b.loggedSeconds,
    notLoggedSeconds: a.notLoggedSeconds + sign * b.notLoggedSeconds,
    notSyncedCount: a.notSyncedCount + sign * b.notSyncedCount,
  };
}

/** The server's totals, moved by what changed between two versions of one record. */
export function adjustTotals(totals: Totals, before: RecordView | undefined, after: RecordView, issueKey: string): Totals {
  let next = totals;
  if (before && counts(before, issueKey)) next = addTotals(next, computeTotals([before]), -1);
  if (counts(after, issueKey)) next = addTotals(next, computeTotals([after]), 1);
  return next;
}

export interface PanelRows {
  records: RecordView[];
  totals: Totals;
}

/** Replaces records by id (in place, order kept) and moves the totals with them. */
export function applyRecords(rows: PanelRows, updated: RecordView[], issueKey: string): PanelRows {
  if (updated.length === 0) return rows;
  const byId = new Map(updated.map((r) => [r.id, r]));
  let totals = rows.totals;
  const records = rows.records.map((record) => {
    const next = byId.get(record.id);
    if (!next) return record;
    totals = adjustTotals(totals, record, next, issueKey);
    return next;
  });
  return { records, totals };
}

export type OutcomeCounts = Record<SyncOutcome, number>;

export function countOutcomes(results: SyncResult[], into: OutcomeCounts = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 }): OutcomeCounts {
  const counted = { ...into };
  for (const result of results) counted[result.outcome] += 1;
  return counted;
}
