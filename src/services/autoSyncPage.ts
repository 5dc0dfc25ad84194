// Automatic sync on the global page: what it shows (last run, what it logged, next run, retries),
// turning it on or off, pausing, the grace period, cancelling retries (ADR 0022).
import { AUTO_SYNC_INTERVAL_MS, FIRST_RUN_LOOKBACK_MS, nextRunAt } from '../domain/autoSync';
import { textOf } from '../domain/localizedText';
import { DEFAULT_AUTO_SYNC_GRACE_MINUTES, type Payload, type Result } from '../shared/contract';
import { loadAutoSync, storeAutoSync, type StoredAutoSync } from './autoSync';
import { reportFinishedJob } from './autoSyncRun';
import { requireScope } from './connection';
import type { Session } from './context';
import { keys } from './keys';
import { cancelRetries, retryViews } from './retries/cancel';
import { migrateAutoSyncRetries } from './retries/migrate';
import { loadRetries, type StoredRetries } from './retries/store';

/** The page's view; a job the last run started that has finished since is reported here (the person need not wait for the next run). */
export async function getAutoSync(session: Session): Promise<Result<'getAutoSync'>> {
  const { deps, actor } = session;
  const [found, tick] = await Promise.all([loadAutoSync(deps.store, actor.accountId), deps.store.get<{ at: string }>(keys.autoSyncTick())]);
  const loaded = await migrateAutoSyncRetries(deps, found);
  const stored = loaded?.job ? await reportFinishedJob(session, loaded) : loaded;
  return viewOf(session, stored, tick, await loadRetries(deps.store, actor.accountId));
}

function viewOf(
  session: Session,
  stored: StoredAutoSync | undefined,
  tick: { at: string } | undefined,
  retries: StoredRetries | undefined,
): Result<'getAutoSync'> {
  const { deps } = session;
  const now = deps.clock.now().getTime();
  const lastTick = tick ? Date.parse(tick.at) : null;
  const next = stored?.enabled && !stored.paused && !stored.blocked ? nextRunAt(lastTick, now) : null;
  return {
    enabled: stored?.enabled ?? false,
    paused: stored?.paused ?? false,
    graceMinutes: stored?.graceMinutes ?? DEFAULT_AUTO_SYNC_GRACE_MINUTES,
    intervalMinutes: AUTO_SYNC_INTERVAL_MS / 60_000,
    ...(stored?.blocked ? { blocked: { message: stored.blocked.message, ...textOf(stored.blocked), at: stored.blocked.at } } : {}),
    ...(stored?.lastRun ? { lastRun: stored.lastRun } : {}),
    ...(stored?.problem ? { problem: stored.problem } : {}),
    ...(stored?.job ? { running: stored.job } : {}),
    ...(tick ? { lastCheckedAt: tick.at } : {}),
    ...(next !== null ? { nextRunAt: new Date(next).toISOString() } : {}),
    // Every retry the person has, whatever started the sync that failed (ADR 0028).
    retries: retryViews(retries),
  };
}

/** Turns automatic sync on or off, pauses or resumes it, sets the grace period. Turning it on again clears a stop. */
export async function saveAutoSync(session: Session, payload: Payload<'saveAutoSync'>): Promise<Result<'saveAutoSync'>> {
  const { deps, actor } = session;
  const stored = await loadAutoSync(deps.store, actor.accountId);
  const now = deps.clock.now();
  const turningOn = payload.enabled && !(stored?.enabled && !stored.blocked);
  // Only a connected person can have records logged for them.
  if (payload.enabled) await requireScope(session);
  const next: StoredAutoSync = {
    accountId: actor.accountId,
    enabled: payload.enabled,
    paused: payload.enabled ? (payload.paused ?? (turningOn ? false : (stored?.paused ?? false))) : false,
    graceMinutes: payload.graceMinutes ?? stored?.graceMinutes ?? DEFAULT_AUTO_SYNC_GRACE_MINUTES,
    // The run acts in the person's time zone as of the latest change they made.
    actor: { accountId: actor.accountId, timeZone: actor.timeZone },
    // The first run looks back a week for finished records not logged yet; later ones go on from where the last stopped.
    watermark: stored?.enabled ? stored.watermark : new Date(now.getTime() - FIRST_RUN_LOOKBACK_MS).toISOString(),
    ...(stored?.job ? { job: stored.job } : {}),
    ...(stored?.lastRun ? { lastRun: stored.lastRun } : {}),
  };
  await storeAutoSync(deps.store, next);
  return getAutoSync(session);
}

/** The person gives up on the records waiting for a retry (some, or all): they stay as they are (failed or not synced). */
export async function cancelAutoRetries(session: Session, payload: Payload<'cancelAutoRetries'>): Promise<Result<'cancelAutoRetries'>> {
  await cancelRetries(session, payload.recordIds);
  return getAutoSync(session);
}
