// Automatic sync runs (ADR 0022). The scheduled trigger (autoSyncTick) reads the index of people
// who have it on and queues one event per person; each event runs autoSyncFor as that person: it
// reads what the job it started last time did (what it logged), then finds the records that ended
// after the watermark and at least the grace period ago and starts one ordinary bulk job for them
// (the person's due retries run after it: retries/run.ts, ADR 0028; the bulk-job machinery does the
// syncing: rounding, minimum, no duplicates, one write at a time per issue). A person with nothing
// to do costs one timecard call and a few storage reads, and no Jira call and no write.
import { dueRecords, lookupStart } from '../domain/autoSync';
import { isAppError } from '../domain/errors';
import type { StoredSentence } from '../domain/localizedText';
import { toTimecardDate } from '../domain/time';
import { MAX_RECORDS_PER_JOB, type BulkJob } from '../shared/contract';
import { AUTO_SYNC_TEXT, LOGGED_SHOWN, bannedProjects, loadAutoSync, storeAutoSync, type StoredAutoSync } from './autoSync';
import { cancelBulkJob, getBulkJob, startBulkSync } from './bulkJobs';
import { requireScope, withAccessToken } from './connection';
import type { RetryEventBody } from './retries/outcomes';
import type { Session } from './context';
import { keys, type RecordScope } from './keys';
import { releaseLease, tryAcquireLease } from './leases';
import type { Deps, TimecardRecord } from './ports';
import { resolveIssueKeys } from './prepare';
import { dueRetryPeople } from './retries/due';
import { migrateAutoSyncRetries } from './retries/migrate';
import { projectKeyOf } from './settings';

/** The queue event of one person's run; `followUp` counts the checks of a running job so far. */
export interface AutoSyncEventBody extends Record<string, unknown> {
  autoSync: string;
  followUp?: number;
  /** The person also has retries due (ADR 0028): the same event runs them after the run. */
  withRetries?: boolean;
}

const RUN_LEASE_SECONDS = 600;
/** A run that started a job looks again this much later, to report it. */
const FOLLOW_UP_SECONDS = 60;
/** Enough checks to see a job through its own 30 minutes of waiting (ADR 0007) and more. */
const MAX_FOLLOW_UPS = 90;
/** A job still unfinished this long after it started is cancelled; its records are tried again. */
const STUCK_JOB_MS = 2 * 3_600_000;
/** Forge's longest queue delay. */
const MAX_DELAY_SECONDS = 900;
/** The watermark is written when it lags this far behind, even on runs that find nothing (one write a day, not one a run). */
const WATERMARK_LAG_MS = 24 * 3_600_000;
/** Codes that need the person (their timecard session): automatic sync stops until they are back. */
const NEEDS_PERSON = new Set(['not-connected', 'reconnect-timecard']);

/**
 * The scheduled trigger: one queue event per person who has automatic sync on or retries due (ADR
 * 0028; one event for a person with both), none when nobody has. A retry due sooner than Forge's
 * longest delay was given a delayed event when it was scheduled (retries/outcomes.ts).
 */
export async function autoSyncTick(deps: Deps): Promise<{ queued: number }> {
  await deps.store.set(keys.autoSyncTick(), { at: deps.clock.now().toISOString() });
  const automatic = new Map<string, AutoSyncEventBody>();
  let cursor: string | undefined;
  do {
    const page = await deps.store.query<{ accountId: string }>(keys.autoSyncIndexPrefix(), { limit: 100, cursor });
    for (const { value } of page.items) automatic.set(value.accountId, { autoSync: value.accountId });
    cursor = page.nextCursor;
  } while (cursor);
  const events: { body: Record<string, unknown> }[] = [];
  for (const accountId of await dueRetryPeople(deps)) {
    const run = automatic.get(accountId);
    if (run) run.withRetries = true;
    else events.push({ body: { retryFor: accountId } satisfies RetryEventBody });
  }
  events.unshift(...[...automatic.values()].map((body) => ({ body })));
  // Forge takes at most 50 events a push.
  for (let i = 0; i < events.length; i += 50) await deps.queue.push(events.slice(i, i + 50));
  return { queued: events.length };
}

/**
 * One person's run. It looks first (no lease, no write): a person with nothing to do costs a few
 * reads and one timecard call. Anything to write happens under the person's run lease, from a
 * fresh read, so a second run at the same time (a duplicated trigger) does nothing twice.
 */
export async function autoSyncFor(deps: Deps, accountId: string, followUp = 0): Promise<void> {
  const loaded = await migrateAutoSyncRetries(deps, await loadAutoSync(deps.store, accountId));
  if (!isActive(loaded)) return;
  let look: Look | undefined;
  if (!loaded.job) {
    look = await lookForWork(sessionFor(deps, loaded), loaded);
    if (look.next === loaded && look.ids.length === 0) return;
  }
  const holder = deps.newId();
  const lease = keys.autoSyncRun(accountId);
  if (!(await tryAcquireLease(deps.store, deps.clock, lease, holder, RUN_LEASE_SECONDS))) return;
  try {
    await runUnderLease(deps, accountId, followUp, look && { basis: loaded, look });
  } finally {
    await releaseLease(deps.store, lease, holder);
  }
}

const isActive = (stored: StoredAutoSync | undefined): stored is StoredAutoSync => !!stored?.enabled && !stored.paused && !stored.blocked;

const sessionFor = (deps: Deps, stored: StoredAutoSync): Session => ({
  deps,
  actor: stored.actor,
  jira: deps.jira.asUser(stored.accountId),
  runId: deps.newId(),
});

async function runUnderLease(deps: Deps, accountId: string, followUp: number, earlier?: { basis: StoredAutoSync; look: Look }): Promise<void> {
  const loaded = await loadAutoSync(deps.store, accountId);
  if (!isActive(loaded)) return;
  const session = sessionFor(deps, loaded);
  let stored = loaded;
  if (stored.job) {
    const collected = await collectJob(session, stored);
    if (collected === 'running') {
      if (followUp > 0 && followUp < MAX_FOLLOW_UPS) await later(deps, { autoSync: accountId, followUp: followUp + 1 }, FOLLOW_UP_SECONDS);
      return;
    }
    stored = collected;
    if (stored.blocked) return storeAutoSync(deps.store, stored);
  }
  // What the look before the lease found holds if nothing changed since.
  const unchanged = earlier && JSON.stringify(earlier.basis) === JSON.stringify(stored);
  const look = unchanged
    ? { ...earlier.look, next: earlier.look.next === earlier.basis ? stored : earlier.look.next }
    : await lookForWork(session, stored);
  const next = look.ids.length > 0 ? await startJob(session, look.next, stored, look.ids) : look.next;
  if (next !== loaded) await storeAutoSync(deps.store, next);
  if (next.job && next.job !== stored.job) await later(deps, { autoSync: accountId, followUp: 1 }, FOLLOW_UP_SECONDS);
}

/**
 * For the page: the person's value with the last run's job reported if it has finished (stored, when
 * no run holds the person's lease now; else as it is).
 */
export async function reportFinishedJob(session: Session, stored: StoredAutoSync): Promise<StoredAutoSync> {
  const { deps } = session;
  const holder = deps.newId();
  const lease = keys.autoSyncRun(stored.accountId);
  if (!(await tryAcquireLease(deps.store, deps.clock, lease, holder, RUN_LEASE_SECONDS))) return stored;
  try {
    const current = await loadAutoSync(deps.store, stored.accountId);
    if (!current?.job) return current ?? stored;
    const collected = await collectJob(session, current);
    if (collected === 'running') return current;
    await storeAutoSync(deps.store, collected);
    return collected;
  } finally {
    await releaseLease(deps.store, lease, holder);
  }
}

/** Pushes the person's event again after `seconds`. */
async function later(deps: Deps, body: AutoSyncEventBody, seconds: number): Promise<void> {
  await deps.queue.push([{ body, delayInSeconds: Math.max(1, Math.min(MAX_DELAY_SECONDS, Math.ceil(seconds))) }]);
}

/** What the last run's job did: its summary ('running' while it has not finished). Its records' retries were set as it finished (retries/outcomes.ts). */
async function collectJob(session: Session, stored: StoredAutoSync): Promise<StoredAutoSync | 'running'> {
  const { jobId, startedAt } = stored.job!;
  const now = session.deps.clock.now().getTime();
  let job: BulkJob;
  try {
    job = await getBulkJob(session, jobId);
    if (job.state !== 'done' && job.state !== 'undone') {
      if (now - Date.parse(startedAt) < STUCK_JOB_MS) return 'running';
      job = await cancelBulkJob(session, jobId);
      if (job.state !== 'done' && job.state !== 'undone') return 'running';
    }
  } catch (error) {
    // Gone (expired): nothing to report; its records show their own state.
    if (isAppError(error, 'job-not-found')) return { ...stored, job: undefined };
    throw error;
  }
  const needsPerson = job.results.some((r) => r.outcome === 'failed' && NEEDS_PERSON.has(r.code ?? ''));
  return {
    ...stored,
    job: undefined,
    lastRun: {
      at: job.finishedAt ?? new Date(now).toISOString(),
      jobId,
      logged: job.created + job.updated,
      failed: job.failed,
      skipped: job.skipped,
      total: job.total,
      items: job.results
        .filter((r) => (r.outcome === 'created' || r.outcome === 'updated') && r.issueKey)
        .slice(0, LOGGED_SHOWN)
        .map((r) => ({ recordId: r.recordId, issueKey: r.issueKey!, seconds: r.timeSpentSeconds ?? 0 })),
    },
    ...(needsPerson ? { blocked: { code: 'reconnect-timecard', ...AUTO_SYNC_TEXT.reconnect, at: new Date(now).toISOString() } } : {}),
  };
}

interface Look {
  /** The person's value after the look (the same object when it changed nothing). */
  next: StoredAutoSync;
  /** Records to sync now: those that ended in the window. */
  ids: number[];
}

/** Finds what is due (reads and one timecard call; no write, no Jira call). */
async function lookForWork(session: Session, stored: StoredAutoSync): Promise<Look> {
  const now = session.deps.clock.now().getTime();
  const at = new Date(now).toISOString();
  const watermark = Date.parse(stored.watermark);
  const upTo = now - stored.graceMinutes * 60_000;
  let fresh: TimecardRecord[] = [];
  try {
    const scope = await requireScope(session);
    if (upTo > watermark) fresh = await admitted(session, scope, await finishedSince(session, watermark, upTo, now));
  } catch (error) {
    if (NEEDS_PERSON.has(isAppError(error) ? error.code : ''))
      return { next: blocked(stored, 'reconnect-timecard', AUTO_SYNC_TEXT.reconnect, at), ids: [] };
    if (isAppError(error, 'server-unreachable')) return { next: { ...stored, problem: { ...AUTO_SYNC_TEXT.serverDown, at } }, ids: [] };
    throw error;
  }
  const ids = [...new Set(fresh.map((r) => r.id))].slice(0, MAX_RECORDS_PER_JOB);
  const { problem: _solved, ...looked } = stored;
  const advanced = { ...looked, watermark: new Date(Math.max(watermark, upTo)).toISOString() };
  // A run that finds nothing writes nothing, but for the watermark once a day (and to clear a problem).
  if (ids.length === 0 && upTo - watermark <= WATERMARK_LAG_MS && !stored.problem) return { next: stored, ids };
  return { next: advanced, ids };
}

const blocked = (stored: StoredAutoSync, code: string, sentence: StoredSentence, at: string): StoredAutoSync => ({
  ...stored,
  blocked: { code, ...sentence, at },
});

/**
 * Starts the run's bulk job as the person: `advanced` is the value to store then. When it cannot
 * start, `before` (the watermark where it was: nothing skipped) with the problem, or stopped when
 * Jira refuses to act for the person.
 */
async function startJob(session: Session, advanced: StoredAutoSync, before: StoredAutoSync, ids: number[]): Promise<StoredAutoSync> {
  const at = session.deps.clock.now().toISOString();
  const problem = (sentence: StoredSentence): StoredAutoSync => ({ ...before, problem: { ...sentence, at } });
  try {
    // One read as the person: Jira refusing it (no consent, account gone) stops automatic sync for them.
    await session.jira.myself();
  } catch (error) {
    // 401: no consent to act for them; 403 to their own /myself: Jira will not act as that account (gone, or barred).
    if (isAppError(error, 'forbidden') || isAppError(error, 'no-permission')) return blocked(before, 'forbidden', AUTO_SYNC_TEXT.consent, at);
    if (isAppError(error, 'rate-limited') || isAppError(error, 'jira-error') || isAppError(error, 'retryable'))
      return problem(AUTO_SYNC_TEXT.jiraDown);
    throw error;
  }
  try {
    const { jobId } = await startBulkSync(session, { recordIds: ids }, { trigger: 'automatic' });
    return { ...advanced, job: { jobId, startedAt: at } };
  } catch (error) {
    if (isAppError(error, 'server-unreachable')) return problem(AUTO_SYNC_TEXT.serverDown);
    if (NEEDS_PERSON.has(isAppError(error) ? error.code : '')) return blocked(before, 'reconnect-timecard', AUTO_SYNC_TEXT.reconnect, at);
    throw error;
  }
}

/** The person's records that ended after the watermark and before `upTo` (one timecard call). */
async function finishedSince(session: Session, watermark: number, upTo: number, now: number): Promise<TimecardRecord[]> {
  const listed = await withAccessToken(session, (token, timecard) =>
    timecard.listRecords(token, toTimecardDate(new Date(lookupStart(watermark))), toTimecardDate(new Date(now))),
  );
  return dueRecords(listed.records, { afterMs: watermark, upToMs: upTo });
}

/** Those of the records that go to an issue whose project allows automatic logging (the others wait for the person). */
async function admitted(session: Session, scope: RecordScope, records: TimecardRecord[]): Promise<TimecardRecord[]> {
  if (records.length === 0) return records;
  const issues = await resolveIssueKeys(session.deps.store, scope, records);
  const projectOf = (r: TimecardRecord) => {
    const issueKey = issues.get(r.id);
    return issueKey ? projectKeyOf(issueKey) : null;
  };
  const banned = await bannedProjects(
    session.deps.store,
    records.flatMap((r) => projectOf(r) ?? []),
  );
  return records.filter((r) => {
    const project = projectOf(r);
    return project !== null && !banned.has(project);
  });
}
