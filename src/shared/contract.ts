// The resolver contract: every payload and result that crosses @forge/bridge `invoke`.
// Backend (resolvers) and both frontends import this one module. It holds no zod at runtime:
// the schemas are in ./schemas.ts (backend and tests), and the types here are inferred from them
// through type-only imports, so a frontend bundle never carries zod.
import type { z } from 'zod';
import type * as schemas from './schemas';

// ---------- constants ----------

export const RECORD_STATUSES = [
  'not-synced',
  'synced',
  'changed',
  'failed',
  'running',
  'too-short',
  'deleted-in-jira',
  'edited-in-jira',
  /** Logged, and the record is as it was; the project's settings (rounding, comment) would now write it differently. */
  'settings-changed',
  /** The timecard's own Jira sync logged it as another person's worklog: the app neither takes it over nor logs it again. */
  'logged-by-someone-else',
  /** Changed in the timecard since it was logged, and its worklog edited in Jira: the person keeps one of the two (`conflict` in the view). */
  'conflict',
  /** The app wrote its worklog, but the timecard no longer has the record: the person removes the worklog or keeps it. */
  'deleted-in-timecard',
] as const;

/** The side a person keeps in a conflict: Jira's worklog as it is now, or the timecard's record. */
export const CONFLICT_SIDES = ['jira', 'timecard'] as const;
/** What a person does with the worklog of a record deleted in the timecard. */
export const TIMECARD_DELETION_CHOICES = ['remove', 'keep'] as const;

export const LINK_SOURCES = ['timecard', 'jira', 'suggested'] as const;

/**
 * What writing a link made in Jira back to the record's `jira_issue_key` did (opt-in per person):
 * `written` (or cleared, for an unlink), `unchanged` (the timecard already shows it), `not-written`
 * (running, gone, or changed in the timecard meanwhile), `failed` (the server did not take it),
 * `check` (written, but the record changed in the timecard at that moment).
 */
export const LINK_WRITE_BACK_OUTCOMES = ['written', 'unchanged', 'not-written', 'failed', 'check'] as const;

/** The write-back outcomes the person should act on (the link is kept in Jira either way). */
export function writeBackNeedsAttention(outcome: (typeof LINK_WRITE_BACK_OUTCOMES)[number]): boolean {
  return outcome === 'not-written' || outcome === 'failed' || outcome === 'check';
}

/** A sync result's code for a record the call did not start (out of time): nothing was written, so sending it again is safe. */
export const NOT_ATTEMPTED_CODE = 'not-attempted';

export const SYNC_OUTCOMES = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;

/** History also records what a person did besides syncing. */
export const HISTORY_OUTCOMES = [...SYNC_OUTCOMES, 'deleted', 'adopted'] as const;

/** The outcomes that put the record's work in Jira (the history filter `success`). */
export const SUCCESS_OUTCOMES = ['created', 'updated', 'unchanged', 'adopted'] as const satisfies readonly HistoryOutcome[];
/** What the history can be filtered by: one outcome, or `success` (any of SUCCESS_OUTCOMES); `synced` is a synonym of `success`. */
export const HISTORY_STATUS_FILTERS = [...HISTORY_OUTCOMES, 'success', 'synced'] as const;

/** The ids the app issues (what may be used in a storage key). */
export const JOB_ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;

export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]{0,14}$/;
export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,9}$/;

/** The years a date may be in: anything else is a typo, and would not survive date arithmetic. */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2100;

export const ROUNDING_MODES = ['nearest', 'up', 'down'] as const;
export const ROUNDING_INCREMENTS = [1, 5, 6, 10, 15, 30] as const;
export const ESTIMATE_POLICIES = ['auto', 'leave'] as const;
export const MAX_MINIMUM_SECONDS = 4 * 3600;
export const MAX_TEMPLATE_LENGTH = 2000;
/** The periods the issue panel offers (any whole number of days up to a year is accepted). */
export const PANEL_PERIODS = [7, 30, 90] as const;

/** How much of a record's notes a history entry keeps. */
export const HISTORY_NOTES_LENGTH = 140;

export const BULK_JOB_STATES = ['queued', 'running', 'done', 'undone'] as const;

/** The grace periods a person may choose for automatic sync: minutes after a record ends before it is logged. */
export const AUTO_SYNC_GRACE_MINUTES = [15, 60, 240, 1440] as const;
export const DEFAULT_AUTO_SYNC_GRACE_MINUTES = 60;

/** Records one `syncRecords` call takes; one bulk job. */
export const MAX_RECORDS_PER_CALL = 50;
export const MAX_RECORDS_PER_JOB = 5000;

export const ERROR_CODES = [
  'invalid-payload',
  /** The Forge context (account, issue, project, time zone, locale) is malformed or contradicts itself. */
  'invalid-context',
  'not-connected',
  'reconnect-timecard',
  'bad-credentials',
  'server-unreachable',
  'not-configured',
  'record-not-found',
  'issue-not-found',
  'project-not-found',
  'no-issue',
  'no-permission',
  'forbidden',
  'time-tracking-disabled',
  'worklog-cap',
  'rate-limited',
  'sync-in-progress',
  'invalid-settings',
  'job-not-found',
  'jira-error',
  'internal',
] as const;

export const DEFAULT_COMMENT_TEMPLATE = '{notes}';
export const COMMENT_PLACEHOLDERS = ['notes', 'domain', 'category', 'title', 'link', 'recordId'] as const;

export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = {
  enabled: true,
  roundingMode: 'nearest',
  roundingIncrementMinutes: 1,
  minimumSeconds: 60,
  commentTemplate: DEFAULT_COMMENT_TEMPLATE,
  estimatePolicy: 'auto',
  notifyWatchers: false,
  domains: [],
};

// ---------- types (inferred from ./schemas) ----------

export type RecordStatus = z.infer<typeof schemas.RecordStatusSchema>;
export type LinkSource = z.infer<typeof schemas.LinkSourceSchema>;
export type SyncOutcome = z.infer<typeof schemas.SyncOutcomeSchema>;
export type HistoryOutcome = z.infer<typeof schemas.HistoryOutcomeSchema>;
export type HistoryStatusFilter = z.infer<typeof schemas.HistoryStatusFilterSchema>;
export type ProjectSettings = z.infer<typeof schemas.ProjectSettingsSchema>;
export type SiteSettings = z.infer<typeof schemas.SiteSettingsSchema>;
export type RecordView = z.infer<typeof schemas.RecordViewSchema>;
export type Totals = z.infer<typeof schemas.TotalsSchema>;
export type SyncResult = z.infer<typeof schemas.SyncResultSchema>;
export type HistoryItem = z.infer<typeof schemas.HistoryItemSchema>;
export type BulkJob = z.infer<typeof schemas.BulkJobSchema>;
export type IssueSummary = z.infer<typeof schemas.IssueSummarySchema>;
export type ServerHealth = z.infer<typeof schemas.ServerHealthSchema>;
export type LinkWriteBack = z.infer<typeof schemas.LinkWriteBackSchema>;
export type WorklogVersion = z.infer<typeof schemas.WorklogVersionSchema>;

export type ResolverKey = keyof typeof schemas.payloads;
/** A payload as the resolver sees it after parsing (record ids are numbers, issue keys upper case). */
export type Payload<K extends ResolverKey> = z.infer<(typeof schemas.payloads)[K]>;
/** A payload as a frontend may send it. */
export type PayloadInput<K extends ResolverKey> = z.input<(typeof schemas.payloads)[K]>;
export type Results = { [K in ResolverKey]: z.infer<(typeof schemas.results)[K]> };
export type Result<K extends ResolverKey> = Results[K];

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorResult {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}

export function isErrorResult(value: unknown): value is ErrorResult {
  return typeof value === 'object' && value !== null && 'error' in value;
}
