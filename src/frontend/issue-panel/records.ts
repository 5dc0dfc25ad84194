// Pure rules of the issue panel: which actions a row offers, what "Log all" takes, and how a
// result from an action changes the rows and the totals in place.
import { NOT_ATTEMPTED_CODE, PANEL_PERIODS, type RecordView, type SyncResult, type Totals } from '../../shared/contract';
import { computeTotals } from '../../domain/totals';
import { hasWorklog, isUnlogged, needsFirstLog, needsResync, WITH_WORKLOG } from '../../shared/ui/status';

export { countOutcomes, type OutcomeCounts } from '../../shared/ui/status';

export type RowAction = 'log' | 'resync' | 'acceptLog' | 'unlog' | 'linkHere' | 'unlink' | ChoiceAction | 'cancelRetry';

/** The person's choice on a record in conflict or deleted in the timecard: shown in the row itself, beside what it is about. */
type ChoiceAction = 'keepJira' | 'keepTimecard' | 'removeWorklog' | 'keepWorklog';
const CHOICES: readonly RowAction[] = ['keepTimecard', 'keepJira', 'removeWorklog', 'keepWorklog'];

export const PERIODS = PANEL_PERIODS;
export type Period = (typeof PERIODS)[number];

export function isPeriod(value: unknown): value is Period {
  return (PERIODS as readonly unknown[]).includes(value);
}

/**
 * Records per "Log all" call. The contract allows 50, but a call has 25 s and the server starts no
 * new record after ~14 s, so small calls finish whole and the progress moves record by record.
 */
export const SYNC_CHUNK = 10;

/** Rounds of re-sending the records a call did not get to (see `notAttempted`) before reporting them. */
export const NOT_ATTEMPTED_ROUNDS = 3;

/**
 * A result for a record the server did not start: it ran out of time in this call (Jira was slow)
 * and says so; nothing was written, so sending it again is safe.
 */
export function notAttempted(result: SyncResult): boolean {
  return result.outcome === 'failed' && result.code === NOT_ATTEMPTED_CODE;
}

// A record gone from the timecard has its own choice ("Remove the worklog"); the others are unlogged from their row.
const unloggable = (record: RecordView) => WITH_WORKLOG.has(record.status) && record.status !== 'deleted-in-timecard';

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
  const suggested = record.linkSource === 'suggested';
  if (rules.canWrite && linked && needsFirstLog(record.status)) actions.push('log');
  // A suggestion is logged only when the person accepts it: "Accept and log" links it here and logs it.
  if (rules.canWrite && suggested && needsFirstLog(record.status)) actions.push('acceptLog');
  if (rules.canWrite && record.status === 'conflict') actions.push('keepTimecard', 'keepJira');
  if (rules.canWrite && record.status === 'deleted-in-timecard') actions.push('removeWorklog', 'keepWorklog');
  if (rules.canWrite && needsResync(record.status)) actions.push('resync');
  if (rules.canWrite && record.status === 'edited-in-jira') actions.push('keepJira');
  if (rules.canWrite && unloggable(record)) actions.push('unlog');
  if (suggested || (record.linkSource === null && record.issueKey === null)) actions.push('linkHere');
  // A record with a worklog stays linked until it is unlogged (the server refuses otherwise).
  if (record.linkSource === 'jira' && record.issueKey === rules.issueKey && !hasWorklog(record)) actions.push('unlink');
  return actions;
}

/** Actions that move a record forward; the one a row shows at once (the others are in its details). */
const PRIMARY: readonly RowAction[] = ['log', 'resync', 'acceptLog'];

/** A row's one primary action (if any), its choices (conflict, deleted in the timecard) and the rest, each in the order of actionsFor. */
export function splitActions(record: RecordView, rules: ActionRules): { primary: RowAction | null; choices: RowAction[]; secondary: RowAction[] } {
  const all = actionsFor(record, rules);
  const choices = record.status === 'conflict' || record.status === 'deleted-in-timecard' ? all.filter((a) => CHOICES.includes(a)) : [];
  const actions = all.filter((a) => !choices.includes(a));
  const primary = actions.find((action) => PRIMARY.includes(action)) ?? null;
  return { primary, choices, secondary: actions.filter((action) => action !== primary) };
}

/** What "Log all not synced" creates: records linked here that have no worklog yet. */
export function logAllCandidates(records: RecordView[], issueKey: string): RecordView[] {
  return records.filter((r) => isLinkedHere(r, issueKey) && isUnlogged(r.status));
}

export function sumSeconds(records: RecordView[], pick: (r: RecordView) => number | null): number {
  return records.reduce((sum, r) => sum + (pick(r) ?? 0), 0);
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface PanelRows {
  records: RecordView[];
  totals: Totals;
}

/**
 * Replaces records by id (in place, order kept) and recomputes the totals the way the
 * server does (domain/totals over every record the panel shows).
 */
/** Drops the rows of records that are no longer shown (a worklog removed or kept after the record left the timecard). */
export function removeRecords(rows: PanelRows, ids: number[]): PanelRows {
  const gone = new Set(ids);
  const records = rows.records.filter((record) => !gone.has(record.id));
  return { records, totals: computeTotals(records) };
}

export function applyRecords(rows: PanelRows, updated: RecordView[]): PanelRows {
  if (updated.length === 0) return rows;
  const byId = new Map(updated.map((r) => [r.id, r]));
  const records = rows.records.map((record) => byId.get(record.id) ?? record);
  return { records, totals: computeTotals(records) };
}
