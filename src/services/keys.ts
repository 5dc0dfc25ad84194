// Every storage key the app writes, in one place. KVS keys allow `[a-zA-Z0-9:._\s-#]`.
// The only secret is the timecard refresh token (`rt:`); access tokens are never stored (they
// are cached in memory by connection.ts).
import { hashOf } from '../domain/hash';

/** A short, key-safe id for a timecard server URL (records are identified per server and user). */
export function serverId(baseUrl: string): string {
  return hashOf(baseUrl.replace(/\/+$/, '').toLowerCase()).slice(0, 12);
}

/**
 * An id as one part of a key, so that no id's part is ever the beginning of another's followed
 * by `:` (account `acct` must not read the history of `acct:2`): letters, digits, `.`, `_` and
 * `-` stay as they are (so most ids, and every key written before, are unchanged); any other
 * character, `:` and `#` included, becomes `#` and its four hex digits. The result never holds `:`.
 */
export function keyPart(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, (c) => `#${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The id a keyPart was made from. */
export function fromKeyPart(part: string): string {
  return part.replace(/#([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The scope and record a `syncState` key names; null for another key. */
export function syncStateOf(key: string): { server: string; user: string; recordId: number } | null {
  const [kind, server, user, id, ...rest] = key.split(':');
  if (kind !== 'state' || !server || user === undefined || !id || rest.length > 0 || !/^\d+$/.test(id)) return null;
  return { server, user: fromKeyPart(user), recordId: Number(id) };
}

/** Where a person's records live: (server, timecard user). */
export interface RecordScope {
  server: string;
  user: string;
}

// Scoped keys are read one by one, never by prefix; the user id is still encoded, so a user id
// with `:` can never make two scopes' keys meet.
const pad5 = (n: number) => String(n).padStart(5, '0');

const scoped = (s: RecordScope) => `${s.server}:${keyPart(s.user)}`;

export const keys = {
  connection: (accountId: string) => `conn:${accountId}`,
  refreshToken: (accountId: string) => `rt:${accountId}`,
  /** `{ enabled, at }`: the person writes links made in Jira back to the timecard (linkWriteBack.ts). */
  linkWriteBack: (accountId: string) => `linkwb:${keyPart(accountId)}`,
  attributes: (s: RecordScope) => `attrs:${scoped(s)}`,
  recordIndex: (s: RecordScope) => `recindex:${scoped(s)}`,
  /** When this storage began keeping the scope's sync state (see domain/syncPlan.ts: needsJiraScan). */
  scopeSince: (s: RecordScope) => `since:${scoped(s)}`,
  syncState: (s: RecordScope, recordId: number) => `state:${scoped(s)}:${recordId}`,
  link: (s: RecordScope, recordId: number) => `link:${scoped(s)}:${recordId}`,
  recordLock: (s: RecordScope, recordId: number) => `lock:${scoped(s)}:${recordId}`,
  issueLock: (issueKey: string) => `issuelock:${issueKey}`,
  /** A person's history, newest first (history.ts; entries of ids with other characters moved by historyMigration.ts). */
  historyPrefix: (accountId: string) => `hist:${keyPart(accountId)}:`,
  history: (accountId: string, at: Date, id: string) =>
    `hist:${keyPart(accountId)}:${String(9_999_999_999_999 - at.getTime()).padStart(13, '0')}:${id}`,
  /** Set once a person's history has been moved from the keys before keyPart (historyMigration.ts). */
  historyMigrated: (accountId: string) => `histmoved:${keyPart(accountId)}`,
  /** A copy of each history entry that wrote a worklog, by run, so a run can be undone however old it is. */
  runEntriesPrefix: (accountId: string, runId: string) => `histrun:${keyPart(accountId)}:${keyPart(runId)}:`,
  runEntry: (accountId: string, runId: string, entryId: string) => `histrun:${keyPart(accountId)}:${keyPart(runId)}:${entryId}`,
  /** Set once a run has been undone: `{ at }`. */
  runUndone: (accountId: string, runId: string) => `runundone:${keyPart(accountId)}:${keyPart(runId)}`,
  /** Whose record a worklog the app wrote belongs to (worklogIndex.ts): product events and the change feeds name only the worklog. */
  worklogOwnerPrefix: () => 'wlrec:',
  worklogOwner: (worklogId: string) => `wlrec:${keyPart(worklogId)}`,
  /** Where the scheduled reconciliation of Jira's worklog change feeds goes on from (reconcile.ts). */
  reconcileCheckpoint: () => 'reconcile:checkpoint',
  projectSettings: (projectKey: string) => `proj:${projectKey}`,
  /** Automatic sync (autoSync*.ts): a person's choice, last run and retries; the index of those it runs for (one key each, read by prefix); a run's lease; when the trigger last fired; a project's ban. */
  autoSync: (accountId: string) => `autosync:${keyPart(accountId)}`,
  autoSyncIndexPrefix: () => 'autosyncon:',
  autoSyncIndex: (accountId: string) => `autosyncon:${keyPart(accountId)}`,
  autoSyncRun: (accountId: string) => `autorun:${keyPart(accountId)}`,
  autoSyncTick: () => 'autotick',
  projectAutoSync: (projectKey: string) => `projauto:${projectKey}`,
  /** Retries without the person (retries/): a person's records waiting for a retry, the index of those who have any (with the soonest), the runner's lease, the lock of a change. */
  retries: (accountId: string) => `retries:${keyPart(accountId)}`,
  retriesIndexPrefix: () => 'retryon:',
  retriesIndex: (accountId: string) => `retryon:${keyPart(accountId)}`,
  retriesRun: (accountId: string) => `retryrun:${keyPart(accountId)}`,
  retriesLock: (accountId: string) => `retrylock:${keyPart(accountId)}`,
  siteSettings: () => 'site:settings',
  // A bulk job (bulk/): the job, its batches' result pages, who runs a batch, the worklogs a
  // batch's records had before, a marker per finished batch, and who undoes the job.
  job: (jobId: string) => `job:${jobId}`,
  jobResultsPrefix: (jobId: string) => `jobres:${jobId}:`,
  batchResultsPrefix: (jobId: string, batch: number) => `jobres:${jobId}:${pad5(batch)}:`,
  batchResultsPage: (jobId: string, batch: number, page: number) => `jobres:${jobId}:${pad5(batch)}:${String(page).padStart(3, '0')}`,
  batchLease: (jobId: string, batch: number) => `joblease:${jobId}:${pad5(batch)}`,
  batchPriors: (jobId: string, batch: number) => `jobprior:${jobId}:${pad5(batch)}`,
  batchDonePrefix: (jobId: string) => `jobdone:${jobId}:`,
  batchDone: (jobId: string, batch: number) => `jobdone:${jobId}:${pad5(batch)}`,
  jobUndoLock: (jobId: string) => `jobundo:${jobId}`,
};

/** The batch and page a `batchResultsPage` key names. */
export function batchResultsPageOf(key: string): { batch: number; page: number } {
  return { batch: Number(key.slice(-9, -4)), page: Number(key.slice(-3)) };
}

/** The batch a `batchDone` key names. */
export function batchDoneOf(key: string): number {
  return Number(key.slice(-5));
}
