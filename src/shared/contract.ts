// The resolver contract: every payload and result that crosses @forge/bridge `invoke`.
// Backend (resolvers) and both frontends import this one module.
import { z } from 'zod';

export const RECORD_STATUSES = [
  'not-synced',
  'synced',
  'changed',
  'failed',
  'running',
  'too-short',
  'deleted-in-jira',
  'edited-in-jira',
] as const;
export const RecordStatusSchema = z.enum(RECORD_STATUSES);
export type RecordStatus = z.infer<typeof RecordStatusSchema>;

export const LINK_SOURCES = ['timecard', 'jira', 'suggested'] as const;
export const LinkSourceSchema = z.enum(LINK_SOURCES);
export type LinkSource = z.infer<typeof LinkSourceSchema>;

export const SYNC_OUTCOMES = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;
export const SyncOutcomeSchema = z.enum(SYNC_OUTCOMES);
export type SyncOutcome = z.infer<typeof SyncOutcomeSchema>;

/** History also records what a person did besides syncing. */
export const HISTORY_OUTCOMES = [...SYNC_OUTCOMES, 'deleted', 'adopted'] as const;
export const HistoryOutcomeSchema = z.enum(HISTORY_OUTCOMES);
export type HistoryOutcome = z.infer<typeof HistoryOutcomeSchema>;

/** The outcomes that put the record's work in Jira (the history filter `success`). */
export const SUCCESS_OUTCOMES = ['created', 'updated', 'unchanged', 'adopted'] as const satisfies readonly HistoryOutcome[];
/** What the history can be filtered by: one outcome, or `success` (any of SUCCESS_OUTCOMES); `synced` is a synonym of `success`. */
export const HISTORY_STATUS_FILTERS = [...HISTORY_OUTCOMES, 'success', 'synced'] as const;
export const HistoryStatusFilterSchema = z.enum(HISTORY_STATUS_FILTERS);
export type HistoryStatusFilter = z.infer<typeof HistoryStatusFilterSchema>;

/** Any id-like string: one the app never issued is answered with `job-not-found`, not as bad input. */
export const JobIdSchema = z.string().trim().min(1, 'Give the job id').max(200, 'Not a job id');
/** The ids the app issues (what may be used in a storage key). */
export const JOB_ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;

export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]{0,14}$/;
export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,9}$/;
export const IssueKeySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(ISSUE_KEY_PATTERN, 'Not an issue key (expected something like ABC-123)');

/** Timecard record ids are integers; the frontends may send them as numbers or digit strings. */
export const RecordIdSchema = z
  .union([z.number().int().positive(), z.string().trim().regex(/^[1-9][0-9]*$/, 'Not a record id')])
  .transform((id) => Number(id))
  .refine((id) => Number.isSafeInteger(id), 'Not a record id');

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** The years a date may be in: anything else is a typo, and would not survive date arithmetic. */
export const FIRST_YEAR = 1970;
export const LAST_YEAR = 2100;
export const DATE_RANGE_TEXT = `a day from ${FIRST_YEAR}-01-01 to ${LAST_YEAR}-12-31, written YYYY-MM-DD (or an ISO-8601 date-time with an offset)`;
const inYearRange = (s: string) => {
  const year = Number(s.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
};
/** A calendar day (`2026-11-24`, read in the person's time zone) or an ISO-8601 instant with an offset, in 1970–2100. */
export const DateInputSchema = z
  .string()
  .trim()
  .refine(
    (s) => (DATE_ONLY.test(s) ? !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) : z.iso.datetime({ offset: true }).safeParse(s).success),
    'Expected a date (YYYY-MM-DD) or an ISO-8601 date-time with offset',
  )
  .refine(inYearRange, `Expected a date from ${FIRST_YEAR} to ${LAST_YEAR}`);

export const ROUNDING_MODES = ['nearest', 'up', 'down'] as const;
export const ROUNDING_INCREMENTS = [1, 5, 6, 10, 15, 30] as const;
export const ESTIMATE_POLICIES = ['auto', 'leave'] as const;
export const MAX_MINIMUM_SECONDS = 4 * 3600;
export const MAX_TEMPLATE_LENGTH = 2000;
/** The periods the issue panel offers (any whole number of days up to a year is accepted). */
export const PANEL_PERIODS = [7, 30, 90] as const;

export const ProjectSettingsSchema = z.object({
  enabled: z.boolean(),
  roundingMode: z.enum(ROUNDING_MODES),
  roundingIncrementMinutes: z.union([z.literal(1), z.literal(5), z.literal(6), z.literal(10), z.literal(15), z.literal(30)]),
  minimumSeconds: z.number().int().min(0).max(MAX_MINIMUM_SECONDS),
  commentTemplate: z.string().max(MAX_TEMPLATE_LENGTH),
  estimatePolicy: z.enum(ESTIMATE_POLICIES),
  notifyWatchers: z.boolean(),
  domains: z.array(z.string().trim().min(1).max(100)).max(50),
}).strict();
export type ProjectSettings = z.infer<typeof ProjectSettingsSchema>;

export const SiteSettingsSchema = z.object({
  defaults: ProjectSettingsSchema,
}).strict();
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

export const RecordViewSchema = z.object({
  id: z.number(),
  start: z.string(),
  end: z.string().nullable(),
  durationSeconds: z.number(),
  /** Seconds this record has in Jira now (0 when not logged). */
  loggedSeconds: z.number(),
  /** Seconds a sync would log after the project's rounding (null when it cannot be logged). */
  roundedSeconds: z.number().nullable(),
  notes: z.string(),
  issueKey: z.string().nullable(),
  linkSource: LinkSourceSchema.nullable(),
  status: RecordStatusSchema,
  worklogId: z.string().optional(),
  message: z.string().optional(),
  domain: z.string().nullable().optional(),
  category: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  externalLink: z.string().nullable().optional(),
  /** Other issue keys the notes or link mention, for the person to choose from. */
  suggestions: z.array(z.string()).optional(),
  issueSummary: z.string().optional(),
  issueStatus: z.string().optional(),
  issueStatusCategory: z.string().optional(),
  lastSyncedAt: z.string().optional(),
});
export type RecordView = z.infer<typeof RecordViewSchema>;

export const TotalsSchema = z.object({
  count: z.number(),
  trackedSeconds: z.number(),
  loggedSeconds: z.number(),
  notLoggedSeconds: z.number(),
  notSyncedCount: z.number(),
});
export type Totals = z.infer<typeof TotalsSchema>;

export const SyncResultSchema = z.object({
  recordId: z.number(),
  outcome: SyncOutcomeSchema,
  worklogId: z.string().optional(),
  issueKey: z.string().optional(),
  message: z.string().optional(),
  code: z.string().optional(),
  /** Seconds logged (or, in a dry run, that would be). */
  timeSpentSeconds: z.number().optional(),
  record: RecordViewSchema.optional(),
});
export type SyncResult = z.infer<typeof SyncResultSchema>;

export const HistoryItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  /** Who acted (the Jira account the attempt ran as). */
  accountId: z.string(),
  recordId: z.number(),
  issueKey: z.string().nullable(),
  worklogId: z.string().nullable(),
  outcome: HistoryOutcomeSchema,
  message: z.string().nullable(),
  code: z.string().nullable().optional(),
  jobId: z.string().nullable().optional(),
  timeSpentSeconds: z.number().nullable().optional(),
});
export type HistoryItem = z.infer<typeof HistoryItemSchema>;

export const BULK_JOB_STATES = ['queued', 'running', 'done', 'undone'] as const;
export const BulkJobSchema = z.object({
  jobId: z.string(),
  state: z.enum(BULK_JOB_STATES),
  dryRun: z.boolean(),
  total: z.number(),
  done: z.number(),
  succeeded: z.number(),
  failed: z.number(),
  skipped: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /** Why a job that has not finished is not moving now, as a sentence, and since when. */
  waiting: z.object({ code: z.string(), message: z.string(), since: z.string() }).optional(),
  /** The person cancelled it: what it did stays, its other records failed with code `cancelled`. */
  cancelled: z.boolean().optional(),
  results: z.array(SyncResultSchema),
});
export type BulkJob = z.infer<typeof BulkJobSchema>;

export const IssueSummarySchema = z.object({
  key: z.string(),
  summary: z.string(),
  status: z.string(),
  statusCategory: z.string().optional(),
  recent: z.boolean().optional(),
});
export type IssueSummary = z.infer<typeof IssueSummarySchema>;

export const ServerHealthSchema = z.object({
  url: z.string(),
  configured: z.boolean(),
  reachable: z.boolean(),
  latencyMs: z.number().nullable(),
  message: z.string(),
  /** When the server was last asked (answers are reused for a little while). */
  checkedAt: z.string().optional(),
});
export type ServerHealth = z.infer<typeof ServerHealthSchema>;

const MAX_RECORDS_PER_CALL = 50;
const MAX_RECORDS_PER_JOB = 5000;

/** Payload schemas, one per resolver key. Unknown keys are refused so typos are not silently ignored. */
export const payloads = {
  getConnection: z.object({}).strict(),
  connectTimecard: z
    .object({
      username: z.string().trim().min(1, 'Enter your timecard username').max(200),
      password: z.string().min(1, 'Enter your timecard password').max(500),
    })
    .strict(),
  disconnectTimecard: z.object({}).strict(),
  getIssuePanel: z.object({ days: z.number().int().min(1).max(366).optional() }).strict(),
  listRecords: z.object({ from: DateInputSchema, to: DateInputSchema }).strict(),
  linkRecord: z.object({ recordId: RecordIdSchema, issueKey: IssueKeySchema.nullable() }).strict(),
  searchIssues: z.object({ query: z.string().max(200) }).strict(),
  syncRecords: z
    .object({
      recordIds: z.array(RecordIdSchema).min(1, 'Choose at least one record').max(MAX_RECORDS_PER_CALL),
      issueKey: IssueKeySchema.optional(),
      dryRun: z.boolean().optional(),
    })
    .strict(),
  startBulkSync: z
    .object({
      recordIds: z.array(RecordIdSchema).min(1, 'Choose at least one record').max(MAX_RECORDS_PER_JOB),
      dryRun: z.boolean().optional(),
    })
    .strict(),
  getBulkJob: z
    .object({
      jobId: JobIdSchema,
      /** false: counts only (progress polls of a large job); results come with the final read. Default true. */
      withResults: z.boolean().optional(),
    })
    .strict(),
  undoBulkJob: z.object({ jobId: JobIdSchema }).strict(),
  cancelBulkJob: z.object({ jobId: JobIdSchema }).strict(),
  unsyncRecord: z.object({ recordId: RecordIdSchema }).strict(),
  getSyncHistory: z
    .object({
      from: DateInputSchema.optional(),
      to: DateInputSchema.optional(),
      status: HistoryStatusFilterSchema.optional(),
      recordId: RecordIdSchema.optional(),
      cursor: z.string().max(500).optional(),
      limit: z.number().int().min(1).max(100).optional(),
    })
    .strict(),
  getProjectSettings: z.object({}).strict(),
  saveProjectSettings: z.object({ settings: ProjectSettingsSchema }).strict(),
  getSiteSettings: z.object({}).strict(),
  saveSiteSettings: z.object({ settings: SiteSettingsSchema }).strict(),
  checkTimecardServer: z.object({}).strict(),
} as const;

export type ResolverKey = keyof typeof payloads;
export type Payload<K extends ResolverKey> = z.infer<(typeof payloads)[K]>;
export type PayloadInput<K extends ResolverKey> = z.input<(typeof payloads)[K]>;

export interface Results {
  getConnection: { connected: boolean; username?: string; serverUrl: string; configured: boolean };
  connectTimecard: { connected: true; username: string };
  disconnectTimecard: { connected: false };
  getIssuePanel: {
    connected: boolean;
    issueKey: string;
    records: RecordView[];
    totals: Totals;
    days: number;
    timeZone: string;
    settings: Pick<ProjectSettings, 'enabled' | 'roundingMode' | 'roundingIncrementMinutes' | 'minimumSeconds'>;
    canLogWork: boolean;
    warnings: string[];
  };
  listRecords: { records: RecordView[]; timeZone: string; warnings: string[] };
  linkRecord: { record: RecordView };
  searchIssues: { issues: IssueSummary[] };
  syncRecords: { results: SyncResult[] };
  startBulkSync: { jobId: string };
  getBulkJob: BulkJob;
  /** `remaining` > 0: the undo ran out of time for this call; call again to continue. */
  /** `failed`/`failures`: worklogs the undo could not delete (so far, over all its calls); `kept`: records whose worklog existed before the job (only updated by it), left in place. */
  undoBulkJob: { deleted: number; failed: number; failures: { recordId: number; message: string }[]; kept: { recordId: number; message: string }[]; remaining?: number };
  /** The job after the cancel (state `done` once no worker holds a batch; at once in most cases). */
  cancelBulkJob: BulkJob;
  unsyncRecord: { record: RecordView };
  getSyncHistory: { items: HistoryItem[]; nextCursor?: string };
  getProjectSettings: { settings: ProjectSettings; canEdit: boolean; reason?: string; projectKey: string };
  saveProjectSettings: { settings: ProjectSettings };
  /** `server` (whether the timecard server answers, and how fast) only for Jira admins. */
  getSiteSettings: { settings: SiteSettings; canEdit: boolean; server?: ServerHealth };
  saveSiteSettings: { settings: SiteSettings };
  checkTimecardServer: { server: ServerHealth };
}
export type Result<K extends ResolverKey> = Results[K];

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
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorResult {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}

export function isErrorResult(value: unknown): value is ErrorResult {
  return typeof value === 'object' && value !== null && 'error' in value;
}

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
