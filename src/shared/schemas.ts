// The resolver contract as zod schemas: every payload (parsed by the resolvers) and every result
// (checked by the tests and the test doubles), one schema per resolver key. The types in
// ./contract.ts are inferred from these. Backend and tests import this module; the frontends never
// do (they import ./contract, which ships no zod).
import { z } from 'zod';
import {
  AUTO_SYNC_GRACE_MINUTES,
  BULK_JOB_STATES,
  CONFLICT_SIDES,
  ERROR_CODES,
  ESTIMATE_POLICIES,
  HISTORY_OUTCOMES,
  HISTORY_STATUS_FILTERS,
  FIRST_YEAR,
  ISSUE_KEY_PATTERN,
  LAST_YEAR,
  LINK_SOURCES,
  LINK_WRITE_BACK_OUTCOMES,
  MAX_MINIMUM_SECONDS,
  MAX_RECORDS_PER_CALL,
  MAX_RECORDS_PER_JOB,
  MAX_TEMPLATE_LENGTH,
  RECORD_STATUSES,
  ROUNDING_MODES,
  SYNC_OUTCOMES,
  TIMECARD_DELETION_CHOICES,
} from './contract';

// ---------- building blocks ----------

export const RecordStatusSchema = z.enum(RECORD_STATUSES);
export const LinkSourceSchema = z.enum(LINK_SOURCES);
export const SyncOutcomeSchema = z.enum(SYNC_OUTCOMES);
export const HistoryOutcomeSchema = z.enum(HISTORY_OUTCOMES);
export const HistoryStatusFilterSchema = z.enum(HISTORY_STATUS_FILTERS);

/** A sentence by its resource key and placeholder values (a value may be a sentence of its own). */
export interface LocalizedTextShape {
  key: string;
  params?: Record<string, string | number | LocalizedTextShape>;
}
/**
 * Stored beside a `message` (its English): the resolver says it into `message` in the person's Jira
 * language when the result is read, and leaves it out of the answer (docs/decisions/0026). Absent
 * on entries stored before it was kept.
 */
export const MessageTextSchema: z.ZodType<LocalizedTextShape> = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.lazy(() => MessageTextSchema)])).optional(),
});

/** Any id-like string: one the app never issued is answered with `job-not-found`, not as bad input. */
export const JobIdSchema = z.string().trim().min(1, 'Give the job id').max(200, 'Not a job id');

export const IssueKeySchema = z.string().trim().toUpperCase().regex(ISSUE_KEY_PATTERN, 'Not an issue key (expected something like ABC-123)');

/** Timecard record ids are integers; the frontends may send them as numbers or digit strings. */
export const RecordIdSchema = z
  .union([
    z.number().int().positive(),
    z
      .string()
      .trim()
      .regex(/^[1-9][0-9]*$/, 'Not a record id'),
  ])
  .transform((id) => Number(id))
  .refine((id) => Number.isSafeInteger(id), 'Not a record id');

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
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

export const ProjectSettingsSchema = z
  .object({
    enabled: z.boolean(),
    roundingMode: z.enum(ROUNDING_MODES),
    roundingIncrementMinutes: z.union([z.literal(1), z.literal(5), z.literal(6), z.literal(10), z.literal(15), z.literal(30)]),
    minimumSeconds: z.number().int().min(0).max(MAX_MINIMUM_SECONDS),
    commentTemplate: z.string().max(MAX_TEMPLATE_LENGTH),
    estimatePolicy: z.enum(ESTIMATE_POLICIES),
    notifyWatchers: z.boolean(),
    domains: z.array(z.string().trim().min(1).max(100)).max(50),
  })
  .strict();

export const SiteSettingsSchema = z
  .object({
    defaults: ProjectSettingsSchema,
  })
  .strict();

/** One version of a worklog, as a person compares it: start (UTC instant), time, comment as text. */
export const WorklogVersionSchema = z.object({ started: z.string(), seconds: z.number(), comment: z.string() });

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
  messageText: MessageTextSchema.optional(),
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
  /** The last error the timecard's own Jira sync reported for this record (`jira_sync_error`), as a sentence. */
  timecardSyncError: z.string().optional(),
  /** Status `conflict`: Jira's worklog now and the worklog the timecard's record would write, side by side. */
  conflict: z.object({ jira: WorklogVersionSchema, timecard: WorklogVersionSchema }).optional(),
  /** Set while the record waits for a retry without the person (it failed for a passing reason; ADR 0028): when, and how many tries failed. */
  retry: z.object({ nextAt: z.string(), attempts: z.number() }).optional(),
});

/** What writing the link back to the timecard did, in a sentence the person can act on. */
export const LinkWriteBackSchema = z.object({
  outcome: z.enum(LINK_WRITE_BACK_OUTCOMES),
  message: z.string(),
  messageText: MessageTextSchema.optional(),
});

export const TotalsSchema = z.object({
  count: z.number(),
  trackedSeconds: z.number(),
  loggedSeconds: z.number(),
  notLoggedSeconds: z.number(),
  notSyncedCount: z.number(),
});

export const SyncResultSchema = z.object({
  recordId: z.number(),
  outcome: SyncOutcomeSchema,
  worklogId: z.string().optional(),
  issueKey: z.string().optional(),
  message: z.string().optional(),
  messageText: MessageTextSchema.optional(),
  code: z.string().optional(),
  /** Seconds logged (or, in a dry run, that would be). */
  timeSpentSeconds: z.number().optional(),
  record: RecordViewSchema.optional(),
  /** "Accept and log" links the record: for a person who writes links back, what was written to the timecard. */
  writeBack: LinkWriteBackSchema.optional(),
});

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
  messageText: MessageTextSchema.optional(),
  code: z.string().nullable().optional(),
  jobId: z.string().nullable().optional(),
  timeSpentSeconds: z.number().nullable().optional(),
  /** The sync run the entry belongs to: a bulk job's id, or one id per panel or page call (absent on entries written before runs were kept). */
  runId: z.string().optional(),
  /** The work: the record's start, its tracked seconds (null while running), and the start of its notes (at most HISTORY_NOTES_LENGTH characters). */
  workStart: z.string().nullable().optional(),
  workSeconds: z.number().nullable().optional(),
  notes: z.string().nullable().optional(),
  /** The issue's summary as Jira has it now (filled in when the history is read; absent when Jira would not say). */
  issueSummary: z.string().optional(),
  /** `automatic`: written by automatic sync, not by the person's own click (absent for those). */
  trigger: z.literal('automatic').optional(),
  /** On the newest failed entry of a record that waits for a retry (filled in when the history is read; ADR 0028). */
  retryAt: z.string().optional(),
});

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

export const IssueSummarySchema = z.object({
  key: z.string(),
  summary: z.string(),
  status: z.string(),
  statusCategory: z.string().optional(),
  recent: z.boolean().optional(),
});

export const ServerHealthSchema = z.object({
  url: z.string(),
  configured: z.boolean(),
  reachable: z.boolean(),
  latencyMs: z.number().nullable(),
  message: z.string(),
  messageText: MessageTextSchema.optional(),
  /** When the server was last asked (answers are reused for a little while). */
  checkedAt: z.string().optional(),
});

const RecordMessageSchema = z.object({ recordId: z.number(), message: z.string(), messageText: MessageTextSchema.optional() });

const UndoResultSchema = z.object({
  deleted: z.number(),
  /** Worklogs the undo could not delete (so far, over all its calls), with why. */
  failed: z.number(),
  failures: z.array(RecordMessageSchema),
  /** Records whose worklog existed before the job (only updated by it), left in place. */
  kept: z.array(RecordMessageSchema),
  /** > 0: the undo ran out of time for this call; call again to continue. */
  remaining: z.number().optional(),
});

const AutoSyncSchema = z.object({
  enabled: z.boolean(),
  paused: z.boolean(),
  graceMinutes: z.number(),
  /** How often automatic sync runs (the scheduled trigger's interval). */
  intervalMinutes: z.number(),
  /** Jira or the timecard refused to work for the person: automatic sync stopped until they turn it on again. */
  blocked: z.object({ message: z.string(), at: z.string() }).optional(),
  /** The last run that synced something: when its job finished, the job (a run of the history), how many it logged, and the first 20 of them. */
  lastRun: z
    .object({
      at: z.string(),
      jobId: z.string().optional(),
      logged: z.number(),
      failed: z.number(),
      skipped: z.number(),
      total: z.number(),
      items: z.array(z.object({ recordId: z.number(), issueKey: z.string(), seconds: z.number() })).optional(),
    })
    .optional(),
  /** The latest run could not look or sync at all (the timecard server or Jira did not answer), as a sentence; cleared by the next that can. */
  problem: z.object({ message: z.string(), at: z.string() }).optional(),
  /** A job the last run started that has not been reported yet. */
  running: z.object({ jobId: z.string(), startedAt: z.string() }).optional(),
  /** When the scheduled trigger last looked (for everyone), and when it should look next. */
  lastCheckedAt: z.string().optional(),
  nextRunAt: z.string().optional(),
  /** Records that failed for a passing reason and will be tried again on their own. */
  retries: z.array(z.object({ recordId: z.number(), message: z.string(), nextAt: z.string(), attempts: z.number() })),
});

const GraceMinutesSchema = z.union(
  AUTO_SYNC_GRACE_MINUTES.map((m) => z.literal(m)) as unknown as [z.ZodLiteral<15>, z.ZodLiteral<60>, z.ZodLiteral<240>, z.ZodLiteral<1440>],
);

// ---------- payloads ----------

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
  getLinkWriteBack: z.object({}).strict(),
  setLinkWriteBack: z.object({ enabled: z.boolean() }).strict(),
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
  /** Undo one sync run of the history (a bulk job or a panel/page sync); `dryRun` only says what it would delete. */
  undoSyncRun: z.object({ runId: JobIdSchema, dryRun: z.boolean().optional() }).strict(),
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
  /** Before saving: how many logged worklogs of the project these settings would write differently. */
  previewSettingsImpact: z.object({ settings: ProjectSettingsSchema }).strict(),
  /** After saving: rewrite the project's logged worklogs to its current settings, in bounded calls. */
  updateLoggedWorklogs: z.object({}).strict(),
  getSiteSettings: z.object({}).strict(),
  saveSiteSettings: z.object({ settings: SiteSettingsSchema }).strict(),
  checkTimecardServer: z.object({}).strict(),
  getAutoSync: z.object({}).strict(),
  /** Turn automatic sync on or off, pause or resume it, choose the grace period. */
  saveAutoSync: z.object({ enabled: z.boolean(), paused: z.boolean().optional(), graceMinutes: GraceMinutesSchema.optional() }).strict(),
  /** Stop retrying these records (all, without `recordIds`). */
  cancelAutoRetries: z.object({ recordIds: z.array(RecordIdSchema).min(1).max(MAX_RECORDS_PER_JOB).optional() }).strict(),
  /** A project admin allows or forbids automatic logging of the project's records. */
  saveProjectAutoSync: z.object({ allowed: z.boolean() }).strict(),
  /** A record in `conflict` (or `edited-in-jira`): keep Jira's worklog as the new baseline, or write the timecard's. */
  resolveConflict: z.object({ recordId: RecordIdSchema, keep: z.enum(CONFLICT_SIDES) }).strict(),
  /** A record `deleted-in-timecard`: remove its worklog from Jira, or keep it (the record is then no longer shown). */
  resolveDeletedInTimecard: z.object({ recordId: RecordIdSchema, choice: z.enum(TIMECARD_DELETION_CHOICES) }).strict(),
} as const;

// ---------- results ----------

/**
 * Result schemas, one per resolver key (what a successful call answers; an error is
 * `{ error: { code, message } }`). Not strict: fields may be added, never removed.
 */
export const results = {
  getConnection: z.object({ connected: z.boolean(), username: z.string().optional(), serverUrl: z.string(), configured: z.boolean() }),
  connectTimecard: z.object({ connected: z.literal(true), username: z.string() }),
  disconnectTimecard: z.object({ connected: z.literal(false) }),
  getIssuePanel: z.object({
    connected: z.boolean(),
    issueKey: z.string(),
    records: z.array(RecordViewSchema),
    totals: TotalsSchema,
    days: z.number(),
    timeZone: z.string(),
    settings: ProjectSettingsSchema.pick({ enabled: true, roundingMode: true, roundingIncrementMinutes: true, minimumSeconds: true }),
    canLogWork: z.boolean(),
    warnings: z.array(z.string()),
    /** Records meant for this issue that the timecard sent but the app could not read, in words (the panel lets them be dismissed). */
    unreadable: z.array(z.string()),
  }),
  listRecords: z.object({ records: z.array(RecordViewSchema), timeZone: z.string(), warnings: z.array(z.string()) }),
  /** `writeBack` only when the person writes links back to the timecard (setLinkWriteBack). */
  linkRecord: z.object({ record: RecordViewSchema, writeBack: LinkWriteBackSchema.optional() }),
  /** Whether links made in Jira are written to the record's `jira_issue_key` in the timecard (off unless turned on). */
  getLinkWriteBack: z.object({ enabled: z.boolean() }),
  setLinkWriteBack: z.object({ enabled: z.boolean() }),
  searchIssues: z.object({ issues: z.array(IssueSummarySchema) }),
  syncRecords: z.object({ results: z.array(SyncResultSchema) }),
  startBulkSync: z.object({ jobId: z.string() }),
  getBulkJob: BulkJobSchema,
  undoBulkJob: UndoResultSchema,
  /** The job after the cancel (state `done` once no worker holds a batch; at once in most cases). */
  cancelBulkJob: BulkJobSchema,
  /** As undoBulkJob; a dry run deletes nothing and says how many it `wouldDelete`; `undoneAt` once the run is undone. */
  undoSyncRun: UndoResultSchema.extend({ wouldDelete: z.number().optional(), undoneAt: z.string().optional() }),
  unsyncRecord: z.object({ record: RecordViewSchema }),
  /** `undoneRuns`: of the runs on this page, those already undone (run id → when). */
  getSyncHistory: z.object({
    items: z.array(HistoryItemSchema),
    nextCursor: z.string().optional(),
    undoneRuns: z.record(z.string(), z.string()).optional(),
  }),
  /** `autoSyncAllowed`: whether records of the project may be logged by automatic sync (a project admin decides). */
  getProjectSettings: z.object({
    settings: ProjectSettingsSchema,
    canEdit: z.boolean(),
    reason: z.string().optional(),
    projectKey: z.string(),
    autoSyncAllowed: z.boolean().optional(),
  }),
  saveProjectSettings: z.object({ settings: ProjectSettingsSchema }),
  /** `affected`: logged worklogs the change writes differently; `outdated`: logged worklogs that would then differ from the settings (what updating rewrites); `unknown`: logged by an older app version, not comparable; `complete`: false when storage was too large to read in one call (the counts are then a lower bound). */
  previewSettingsImpact: z.object({ affected: z.number(), outdated: z.number(), unknown: z.number(), complete: z.boolean() }),
  /** `remaining` > 0: call again to continue; `leftAlone`: edited or deleted in Jira, not touched. */
  updateLoggedWorklogs: z.object({
    updated: z.number(),
    leftAlone: z.number(),
    failed: z.array(z.object({ issueKey: z.string(), message: z.string() })),
    remaining: z.number(),
  }),
  /** `server` (whether the timecard server answers, and how fast) only for Jira admins. */
  getSiteSettings: z.object({ settings: SiteSettingsSchema, canEdit: z.boolean(), server: ServerHealthSchema.optional() }),
  saveSiteSettings: z.object({ settings: SiteSettingsSchema }),
  checkTimecardServer: z.object({ server: ServerHealthSchema }),
  getAutoSync: AutoSyncSchema,
  saveAutoSync: AutoSyncSchema,
  cancelAutoRetries: AutoSyncSchema,
  saveProjectAutoSync: z.object({ projectKey: z.string(), allowed: z.boolean() }),
  /** The record as it is now; `result` when the timecard's version was written. */
  resolveConflict: z.object({ record: RecordViewSchema, result: SyncResultSchema.optional() }),
  /** `removed`: the worklog was deleted from Jira; `kept`: left in Jira, the record no longer shown. */
  resolveDeletedInTimecard: z.object({ recordId: z.number(), outcome: z.enum(['removed', 'kept']) }),
} as const satisfies { [K in keyof typeof payloads]: z.ZodObject };

export const ErrorResultSchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
});
