// The interfaces services depend on. Adapters implement them for Forge (src/adapters) and
// the same adapters, pointed at the emulators, run in tests and the sandbox.
import type { LocalizedText } from '../domain/localizedText';
import type { TimecardRecord } from '../domain/record';
import type { IssueSummary } from '../shared/contract';

// ---------- storage ----------

export interface StoreItem<T> {
  key: string;
  value: T;
}

export interface StorePage<T> {
  items: StoreItem<T>[];
  nextCursor?: string;
}

/** What `Store.query` throws for a cursor it did not hand out (or one damaged on the way). */
export class InvalidCursorError extends Error {
  constructor() {
    super('Invalid cursor');
    this.name = 'InvalidCursorError';
  }
}

export interface StoreChanges {
  set?: StoreItem<unknown>[];
  delete?: string[];
}

/** Key-value storage with Forge KVS semantics. Keys: `[a-zA-Z0-9:._\s-#]`, at most 500 chars. */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  /** Values for the keys that exist (batched under the hood). */
  getMany<T>(keys: string[]): Promise<Map<string, T>>;
  set<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<void>;
  /** Writes only when the key does not exist (or has expired); true when written. */
  setIfAbsent<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Sets these values and deletes these keys in one request, all or nothing (KVS: `kvs.transact()`, at most 25 keys). */
  commit(changes: StoreChanges): Promise<void>;
  /** Keys that begin with `prefix`, in ascending key order, a page at a time; InvalidCursorError for a cursor it cannot read. */
  query<T>(prefix: string, options?: { limit?: number; cursor?: string }): Promise<StorePage<T>>;
  getSecret<T>(key: string): Promise<T | undefined>;
  setSecret<T>(key: string, value: T, options?: { ttlSeconds?: number }): Promise<void>;
  deleteSecret(key: string): Promise<void>;
}

// ---------- Jira ----------

export interface WorklogInput {
  /** Exactly `yyyy-MM-dd'T'HH:mm:ss.SSS+0000`. */
  started: string;
  timeSpentSeconds: number;
  /** An ADF document. */
  comment: unknown;
  properties?: { key: string; value: unknown }[];
}

export interface WriteOptions {
  notifyUsers: boolean;
  adjustEstimate: 'auto' | 'leave';
}

export interface Worklog {
  id: string;
  /** The instant as an ISO string in UTC (`...Z`), whatever zone Jira rendered it in. */
  started: string;
  timeSpentSeconds: number;
  comment: unknown;
  properties: Record<string, unknown>;
  /** Who wrote it (absent when Jira did not say). */
  authorAccountId?: string;
}

export interface JiraIssue {
  id: string;
  key: string;
  summary: string;
  status: string;
  statusCategory: string;
}

export interface JiraUser {
  accountId: string;
  displayName: string;
  timeZone: string;
  locale: string;
}

export type PermissionScope = { issueKey: string } | { projectKey: string } | { global: true };

/** Jira REST as one person (asUser) — every call is made with that person's rights. */
export interface JiraPort {
  createWorklog(issueKey: string, input: WorklogInput, options: WriteOptions): Promise<Worklog>;
  updateWorklog(issueKey: string, worklogId: string, input: WorklogInput, options: WriteOptions): Promise<Worklog>;
  deleteWorklog(issueKey: string, worklogId: string, options: Pick<WriteOptions, 'adjustEstimate' | 'notifyUsers'>): Promise<void>;
  /** All worklogs of an issue with their properties, optionally only those started in [afterMs, beforeMs]. */
  listWorklogs(issueKey: string, range?: { startedAfterMs?: number; startedBeforeMs?: number }): Promise<Worklog[]>;
  /** Worklogs by id with properties (POST /worklog/list, ≤ 1000 a call); missing ids are absent. */
  getWorklogs(ids: string[]): Promise<Worklog[]>;
  /** null when the issue does not exist or the person cannot see it. */
  getIssue(issueKey: string): Promise<JiraIssue | null>;
  /** Issues by key through /search/jql (bounded JQL), at most 100 keys. */
  getIssues(issueKeys: string[]): Promise<JiraIssue[]>;
  pickIssues(query: string): Promise<IssueSummary[]>;
  myself(): Promise<JiraUser>;
  myPermissions(keys: string[], scope: PermissionScope): Promise<Record<string, boolean>>;
  /** One page of Jira's worklog change feed (`worklog/updated` or `worklog/deleted`) after `sinceMs`, oldest first. */
  worklogChanges(kind: 'updated' | 'deleted', sinceMs: number): Promise<WorklogChanges>;
}

/** A page of a worklog change feed: Jira leaves out the last minute; `until` is where the next page starts. */
export interface WorklogChanges {
  values: { worklogId: string; at: number }[];
  until: number;
  lastPage: boolean;
}

/** Makes a JiraPort: `asUser()` for the person of the current request, `asUser(accountId)` offline (jobs). */
export interface JiraFactory {
  asUser(accountId?: string): JiraPort;
  /** As the app: for reads where no person acts (product-event triggers, scheduled reconciliation); never for a worklog write. */
  asApp(): JiraPort;
  /** While Jira's hourly points budget is used up: when it resets (epoch ms); else null. */
  quotaResetsAt?(): number | null;
}

// ---------- timecard ----------

export interface TimecardTokens {
  accessToken: string;
  refreshToken: string;
}

/** The record type lives in the domain (pure code checks it); re-exported for the adapters and services. */
export type { TimecardRecord } from '../domain/record';

export interface TimecardAttribute {
  id: number;
  name: string;
  parent_id: number | null;
  level_num: number;
}

export interface MalformedRecord {
  id: number | null;
  /** What the schema said, for logs (never shown to a person). */
  reason: string;
  /** The fields that could not be read: missing, or there but not valid. */
  problems: { field: string; missing: boolean }[];
  /** The record's own text fields where they are text, to tell which issue it was meant for. */
  hints: { jiraIssueKey: string | null; notes: string | null; externalLink: string | null };
}

/** The timecard server's HTTP API. Errors are thrown as AppError with code
 * `bad-credentials`, `reconnect-timecard` (refresh token expired or refused),
 * `token-expired` (access token expired: refresh and retry) or `server-unreachable`. */
export interface TimecardPort {
  readonly baseUrl: string;
  login(username: string, password: string): Promise<TimecardTokens>;
  refresh(refreshToken: string): Promise<string>;
  listRecords(accessToken: string, fromIso: string, toIso: string): Promise<{ records: TimecardRecord[]; malformed: MalformedRecord[] }>;
  attributes(accessToken: string): Promise<TimecardAttribute[]>;
  /** Every record the person has (`GET /api/timerecords` without a range; the server has no lookup by id and no paging). */
  listAllRecords(accessToken: string): Promise<{ records: TimecardRecord[]; malformed: MalformedRecord[] }>;
  /** The record exactly as the server sends it (every field, unchecked), found by id on the UTC day `timein` falls on; null when absent. */
  readRecordAsSent(accessToken: string, recordId: number, timein: Date): Promise<Record<string, unknown> | null>;
  /** `PUT /api/timerecords/<id>`: replaces the whole record (see docs/timecard-api.md); the record as stored. */
  replaceRecord(accessToken: string, recordId: number, body: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The `sub` claim of a token: the timecard user id. */
  userIdOf(accessToken: string): string;
  /** Whether the server answers, and how fast. */
  /** `messageText`: the message by its key, said in the admin's language on the way out (docs/decisions/0026). */
  ping(): Promise<{ reachable: boolean; latencyMs: number | null; message: string; messageText?: LocalizedText }>;
}

// ---------- queue, clock ----------

export interface QueuePort {
  push(events: { body: Record<string, unknown>; delayInSeconds?: number }[]): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface Deps {
  store: Store;
  jira: JiraFactory;
  /** null when TIMECARD_URL is not configured. */
  timecard: TimecardPort | null;
  queue: QueuePort;
  clock: Clock;
  newId(): string;
  /** Waits (backoff between retries); tests and the sandbox may shorten it. */
  sleep(ms: number): Promise<void>;
}
