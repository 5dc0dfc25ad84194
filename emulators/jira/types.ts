/** Public and internal types of the Jira Cloud REST emulator. */
import type { ProductEventListener, WorklogProductEvent } from './events';
import type { JiraLimits } from './limits';

export type StatusName = 'To Do' | 'In Progress' | 'Done';

export interface SeedUser {
  accountId: string;
  displayName: string;
  /** IANA zone, e.g. "America/Los_Angeles". */
  timeZone: string;
  locale: string;
  emailAddress?: string;
  /** Holds the global ADMINISTER (Jira admin) permission. */
  siteAdmin?: boolean;
  active?: boolean;
}

export interface SeedProject {
  id: string;
  key: string;
  name: string;
  /** accountId (or "*" for everyone) -> project permission keys. */
  permissions: Record<string, string[]>;
}

export interface SeedIssue {
  key: string;
  summary: string;
  status: StatusName;
  projectKey: string;
  /** Numeric string; assigned when omitted. */
  id?: string;
  /** Defaults to "Task"; "Sub-task" marks a subtask (hidden by picker showSubTasks=false). */
  issueType?: string;
  originalEstimateSeconds?: number;
  remainingEstimateSeconds?: number;
}

export interface SeedWorklog {
  issueKey: string;
  authorAccountId: string;
  /** Any instant Date.parse understands, or a Jira started string. */
  started: string;
  timeSpentSeconds: number;
  comment?: unknown;
  properties?: Record<string, unknown>;
}

export interface JiraSeed {
  users?: SeedUser[];
  projects?: SeedProject[];
  issues?: SeedIssue[];
  worklogs?: SeedWorklog[];
  /** accountId -> issue keys, most recent first (picker "History Search"). */
  recentIssues?: Record<string, string[]>;
  /** Zone used to render times for the app identity (`Bearer app`). Default "UTC". */
  defaultTimeZone?: string;
  timeTrackingEnabled?: boolean;
}

/** Probability per request keyed by HTTP status ("429", "503", "500", ...) or "drop". */
export type FaultSpec = Record<string, number>;

export interface StoredWorklog {
  id: string;
  issueId: string;
  /** Current key of the issue (follows moveIssue). */
  issueKey: string;
  authorAccountId: string;
  updateAuthorAccountId: string;
  /** UTC instant, ISO-8601 with Z. */
  started: string;
  timeSpentSeconds: number;
  comment?: unknown;
  visibility?: { type: string; value?: string; identifier?: string };
  properties: Record<string, unknown>;
  /** UTC instants, ISO-8601 with Z. */
  created: string;
  updated: string;
}

export interface FailNextMatcher {
  method?: string;
  pathIncludes?: string;
  /** HTTP status to answer (default 500; ignored with dropConnection). */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  dropConnection?: boolean;
  /** Apply the request to state first, then fail (drop or answer `status`). */
  afterApplying?: boolean;
  /** Let this many matching requests through before failing the next ones. */
  skip?: number;
}

export interface Counts {
  total: number;
  byRoute: Record<string, number>;
  byAccount: Record<string, number>;
  writes: number;
  /** Points the answered calls cost by Jira's documented prices (whether or not a quota is set). */
  points?: number;
  /** Calls a rate limit answered 429, by RateLimit-Reason. */
  refused?: Record<string, number>;
}

export interface JiraEmulatorOptions {
  port?: number;
  latencyMs?: number;
  faults?: string | FaultSpec;
  retryAfterSeconds?: number;
  seed?: JiraSeed;
  randomSeed?: number;
  /** Jira's rate limits (burst, per-issue writes, hourly points); none unless given. */
  limits?: JiraLimits;
}

export interface WorklogPatch {
  started?: string;
  timeSpentSeconds?: number;
  comment?: unknown;
  properties?: Record<string, unknown>;
}

export interface JiraEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
  seed(data: JiraSeed): void;
  setLatency(ms: number): void;
  setFaults(spec: string | FaultSpec, retryAfterSeconds?: number): void;
  counts(): Counts;
  resetCounts(): void;
  worklogs(issueKey: string): StoredWorklog[];
  /** Someone else deletes a worklog directly in Jira. */
  deleteWorklogAsOther(issueKey: string, worklogId: string, byAccountId?: string): void;
  /** Someone edits a worklog directly in Jira; returns the stored result. */
  editWorklog(issueKey: string, worklogId: string, patch: WorklogPatch, byAccountId?: string): StoredWorklog;
  /** Someone deletes an issue with its worklogs: no worklog events, no `worklog/deleted` entries. */
  deleteIssue(issueKey: string): void;
  /** Listens to the site's worklog product events (Forge's `avi:jira:*:worklog`); returns the unsubscribe. */
  onProductEvent(listener: ProductEventListener): () => void;
  /** Every product event raised so far, oldest first. */
  productEvents(): WorklogProductEvent[];
  setTimeTracking(enabled: boolean): void;
  moveIssue(oldKey: string, newKey: string): void;
  /** Puts an issue under a security level only these accounts see (`'app'` for the app; not listed: the app cannot see it); null lifts it. */
  setIssueSecurity(issueKey: string, accountIds: string[] | null): void;
  failNext(n: number, matcher: FailNextMatcher): void;
  /** Move the emulator clock forward (affects created/updated and worklog/updated's last-minute window). */
  advanceClock(ms: number): void;
  /** The emulator clock (epoch ms). */
  now(): number;
  /** Replaces the rate limits (and forgets what was spent); `{}` turns them off. */
  setLimits(limits: JiraLimits): void;
  /** The rate limits in force and the points spent in the current window. */
  limits(): JiraLimits & { quotaSpent: number };
}
