// Every storage key the app writes, in one place. KVS keys allow `[a-zA-Z0-9:._\s-#]`.
// The only secret is the timecard refresh token (`rt:`); access tokens are never stored (they
// are cached in memory by connection.ts).
import { hashOf } from '../domain/hash';

/** A short, key-safe id for a timecard server URL (records are identified per server and user). */
export function serverId(baseUrl: string): string {
  return hashOf(baseUrl.replace(/\/+$/, '').toLowerCase()).slice(0, 12);
}

/** Where a person's records live: (server, timecard user). */
export interface RecordScope {
  server: string;
  user: string;
}

const scoped = (s: RecordScope) => `${s.server}:${s.user}`;

export const keys = {
  connection: (accountId: string) => `conn:${accountId}`,
  refreshToken: (accountId: string) => `rt:${accountId}`,
  attributes: (s: RecordScope) => `attrs:${scoped(s)}`,
  recordIndex: (s: RecordScope) => `recindex:${scoped(s)}`,
  /** When this storage began keeping the scope's sync state (see sync.ts: worklogsAlreadyInJira). */
  scopeSince: (s: RecordScope) => `since:${scoped(s)}`,
  syncState: (s: RecordScope, recordId: number) => `state:${scoped(s)}:${recordId}`,
  link: (s: RecordScope, recordId: number) => `link:${scoped(s)}:${recordId}`,
  recordLock: (s: RecordScope, recordId: number) => `lock:${scoped(s)}:${recordId}`,
  issueLock: (issueKey: string) => `issuelock:${issueKey}`,
  historyPrefix: (accountId: string) => `hist:${accountId}:`,
  history: (accountId: string, at: Date, id: string) =>
    `hist:${accountId}:${String(9_999_999_999_999 - at.getTime()).padStart(13, '0')}:${id}`,
  /** A copy of each history entry that wrote a worklog, by run, so a run can be undone however old it is. */
  runEntriesPrefix: (accountId: string, runId: string) => `histrun:${accountId}:${runId}:`,
  runEntry: (accountId: string, runId: string, entryId: string) => `histrun:${accountId}:${runId}:${entryId}`,
  /** Set once a run has been undone: `{ at }`. */
  runUndone: (accountId: string, runId: string) => `runundone:${accountId}:${runId}`,
  projectSettings: (projectKey: string) => `proj:${projectKey}`,
  siteSettings: () => 'site:settings',
  job: (jobId: string) => `job:${jobId}`,
  jobResultsPrefix: (jobId: string) => `jobres:${jobId}:`,
  jobResults: (jobId: string, batch: number) => `jobres:${jobId}:${String(batch).padStart(5, '0')}`,
};
