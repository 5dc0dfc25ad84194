// What a sync's results do to the person's retries (docs/decisions/0028): a panel sync, a bulk job
// (manual, automatic or a retry's own) all end here, so a record that failed for a passing reason
// is tried again on its own whatever started it, and one the person synced meanwhile no longer is.
import { AppError, shownCode } from '../../domain/errors';
import { applyOutcomes, soonestRetry, type RetryOutcome } from '../../domain/retries';
import type { Actor } from '../context';
import type { Deps } from '../ports';
import { loadRetries, updateRetries, withAppliedJob, type StoredRetries } from './store';

/** Forge's longest queue delay: a retry due sooner than that is woken by a delayed event, later ones by the hourly trigger. */
const MAX_DELAY_SECONDS = 900;

/** The queue event that runs one person's due retries. */
export interface RetryEventBody extends Record<string, unknown> {
  retryFor: string;
}

/**
 * Applies a sync's results to the person's retries. One read when nothing waits and nothing failed
 * for a passing reason; a write (under the retries' lock) when something changed. `jobId`: the bulk
 * job they come from.
 */
export async function noteOutcomes(
  deps: Deps,
  actor: Actor,
  outcomes: RetryOutcome[],
  options: { jobId?: string; appCancelled?: boolean } = {},
): Promise<StoredRetries | undefined> {
  if (outcomes.length === 0) return undefined;
  const apply = (stored: StoredRetries | undefined) => afterOutcomes(stored, actor, outcomes, deps.clock.now().getTime(), options);
  const looked = await loadRetries(deps.store, actor.accountId);
  if (apply(looked) === looked) return looked;
  const next = await updateRetries(deps, actor.accountId, apply);
  if (next) await wakeForRetries(deps, next);
  return next;
}

/** The person's retries after a sync's results: `stored` itself when they change nothing. */
function afterOutcomes(
  stored: StoredRetries | undefined,
  actor: Actor,
  outcomes: RetryOutcome[],
  now: number,
  options: { jobId?: string; appCancelled?: boolean },
): StoredRetries | undefined {
  if (options.jobId && stored?.appliedJobs?.includes(options.jobId)) return stored;
  const finishedOwnJob = options.jobId !== undefined && stored?.job?.jobId === options.jobId;
  // A retry job's records the person cancelled meanwhile are not scheduled again.
  const waiting = new Set((stored?.entries ?? []).map((r) => r.recordId));
  const applied = finishedOwnJob ? outcomes.filter((o) => waiting.has(o.recordId)) : outcomes;
  const entries = applyOutcomes(stored?.entries ?? [], applied, now, { appCancelled: options.appCancelled ?? false });
  if (!stored && entries.length === 0) return stored;
  if (stored && !finishedOwnJob && JSON.stringify(entries) === JSON.stringify(stored.entries)) return stored;
  const { job: _finished, ...rest } = stored ?? ({ accountId: actor.accountId, actor, entries: [] } satisfies StoredRetries);
  return {
    ...rest,
    // The latest sync's actor: retries run in the time zone and language the person last used.
    actor: { accountId: actor.accountId, timeZone: actor.timeZone, ...(actor.locale ? { locale: actor.locale } : {}) },
    entries,
    ...(stored?.job && !finishedOwnJob ? { job: stored.job } : {}),
    ...(options.jobId ? { appliedJobs: withAppliedJob(stored, options.jobId) } : {}),
  };
}

/** A retry due before the next trigger could come is woken by a delayed event (at most Forge's 900 s ahead). */
export async function wakeForRetries(deps: Deps, stored: StoredRetries): Promise<void> {
  const soonest = soonestRetry(stored.entries);
  if (soonest === null || stored.job) return;
  const wait = Math.ceil((soonest - deps.clock.now().getTime()) / 1000);
  if (wait > MAX_DELAY_SECONDS) return;
  const body: RetryEventBody = { retryFor: stored.accountId };
  await deps.queue.push([{ body, delayInSeconds: Math.max(1, wait) }]);
}

/** A whole call Jira refused or did not answer (its records were read, none written): they get retries. */
const JIRA_PASSING: ReadonlySet<string> = new Set(['jira-error', 'rate-limited', 'retryable']);

/**
 * Runs a person's sync of these records; when it fails as a whole because Jira is busy or down, the
 * records get their retries, and the error still reaches the person. A call refused because the
 * timecard server does not answer changes nothing, as before (the person is told to try later; a
 * job already running waits it out and its records get retries).
 */
export async function retryingOnFailure<T>(deps: Deps, actor: Actor, recordIds: number[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && JIRA_PASSING.has(error.code)) {
      const failure = { outcome: 'failed', code: shownCode(error.code), message: error.message };
      await noteOutcomes(
        deps,
        actor,
        [...new Set(recordIds)].map((recordId) => ({ recordId, ...failure })),
      );
    }
    throw error;
  }
}
