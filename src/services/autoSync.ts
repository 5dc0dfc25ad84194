// Automatic sync, the person's side: turning it on or off, pausing, the grace period, what the
// global page shows (last run, what it logged, next run, retries), cancelling retries, and the
// project admin's ban per project. The runs themselves are in autoSyncRun.ts (ADR 0022).
import { AppError } from '../domain/errors';
import { AUTO_SYNC_INTERVAL_MS, FIRST_RUN_LOOKBACK_MS, nextRunAt, type PendingRetry } from '../domain/autoSync';
import { DEFAULT_AUTO_SYNC_GRACE_MINUTES, type Payload, type Result } from '../shared/contract';
import { requireScope } from './connection';
import type { Actor, Session } from './context';
import { keys } from './keys';
import { canAdministerProject, requireProject } from './settings';
import type { Store } from './ports';

export interface AutoSyncRunSummary {
  at: string;
  jobId?: string;
  /** Records the run's job wrote to Jira (created or updated). */
  logged: number;
  failed: number;
  skipped: number;
  total: number;
}

/** `autosync:<account>`: one value per person, so a run reads one key to know what to do. */
export interface StoredAutoSync {
  accountId: string;
  enabled: boolean;
  paused: boolean;
  graceMinutes: number;
  /** Who runs as whom: the person's time zone and account, from the context they turned it on in. */
  actor: Actor;
  /** Records that ended up to this instant have been handled (logged, failed or left to the person). */
  watermark: string;
  /** Jira (or the timecard) refused to work for the person: runs stop until they turn it on again. */
  blocked?: { code: string; message: string; at: string };
  /** The job the last run started, until a later run has read its outcome. */
  job?: { jobId: string; startedAt: string };
  lastRun?: AutoSyncRunSummary;
  /** The latest run could not look or sync at all (cleared by the next that can), as a sentence. */
  problem?: { message: string; at: string };
  retries: PendingRetry[];
}

export const AUTO_SYNC_TEXT = {
  consent:
    'Jira refused to let Timecard for Jira log work for you while you were away (you may not have allowed it to act for you, or your account is no longer active), so automatic logging stopped. Turn it on again to try once more.',
  reconnect: 'Your timecard session has ended, so automatic logging stopped. Connect your timecard account again, then turn it on again.',
  serverDown: 'Your timecard server did not answer, so this run logged nothing. The next run tries again; nothing is skipped.',
  jiraDown: 'Jira did not answer, so this run logged nothing. The next run tries again; nothing is skipped.',
  failed: 'This run could not finish. The next run tries again; nothing is skipped.',
  banned: (projectKey: string) => `A project admin turned automatic logging off for ${projectKey}; log its records yourself.`,
  notAdmin: 'Only a project admin can change whether records of this project may be logged automatically.',
};

export async function loadAutoSync(store: Store, accountId: string): Promise<StoredAutoSync | undefined> {
  return store.get<StoredAutoSync>(keys.autoSync(accountId));
}

/** Writes the person's value and keeps the index true: listed while it is on, not paused and not blocked. */
export async function storeAutoSync(store: Store, value: StoredAutoSync): Promise<void> {
  const active = value.enabled && !value.paused && !value.blocked;
  await store.commit({
    set: [{ key: keys.autoSync(value.accountId), value }, ...(active ? [{ key: keys.autoSyncIndex(value.accountId), value: { accountId: value.accountId } }] : [])],
    ...(active ? {} : { delete: [keys.autoSyncIndex(value.accountId)] }),
  });
}

export async function getAutoSync(session: Session): Promise<Result<'getAutoSync'>> {
  const { deps, actor } = session;
  const [stored, tick] = await Promise.all([loadAutoSync(deps.store, actor.accountId), deps.store.get<{ at: string }>(keys.autoSyncTick())]);
  const now = deps.clock.now().getTime();
  const lastTick = tick ? Date.parse(tick.at) : null;
  const next = stored?.enabled && !stored.paused && !stored.blocked ? nextRunAt(lastTick, now) : null;
  return {
    enabled: stored?.enabled ?? false,
    paused: stored?.paused ?? false,
    graceMinutes: stored?.graceMinutes ?? DEFAULT_AUTO_SYNC_GRACE_MINUTES,
    intervalMinutes: AUTO_SYNC_INTERVAL_MS / 60_000,
    ...(stored?.blocked ? { blocked: { message: stored.blocked.message, at: stored.blocked.at } } : {}),
    ...(stored?.lastRun ? { lastRun: stored.lastRun } : {}),
    ...(stored?.problem ? { problem: stored.problem } : {}),
    ...(stored?.job ? { running: stored.job } : {}),
    ...(tick ? { lastCheckedAt: tick.at } : {}),
    ...(next !== null ? { nextRunAt: new Date(next).toISOString() } : {}),
    retries: (stored?.retries ?? []).map(({ recordId, message, nextAt, attempts }) => ({ recordId, message, nextAt, attempts })),
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
    retries: payload.enabled ? (stored?.retries ?? []) : [],
  };
  await storeAutoSync(deps.store, next);
  return getAutoSync(session);
}

/** The person gives up on the records waiting for a retry: they stay as they are (failed or not synced). */
export async function cancelAutoRetries(session: Session, payload: Payload<'cancelAutoRetries'>): Promise<Result<'cancelAutoRetries'>> {
  const { deps, actor } = session;
  const stored = await loadAutoSync(deps.store, actor.accountId);
  if (stored && stored.retries.length > 0) {
    const cancel = payload.recordIds ? new Set(payload.recordIds) : null;
    await storeAutoSync(deps.store, { ...stored, retries: cancel ? stored.retries.filter((r) => !cancel.has(r.recordId)) : [] });
  }
  return getAutoSync(session);
}

interface ProjectBan {
  allowed: false;
  by: string;
  at: string;
}

/** Projects (of these keys) whose admin turned automatic logging off. */
export async function bannedProjects(store: Store, projectKeys: string[]): Promise<Set<string>> {
  const unique = [...new Set(projectKeys)];
  if (unique.length === 0) return new Set();
  const found = await store.getMany<ProjectBan>(unique.map((k) => keys.projectAutoSync(k)));
  return new Set(unique.filter((k) => found.has(keys.projectAutoSync(k))));
}

export async function getProjectAutoSync(session: Session): Promise<Result<'getProjectAutoSync'>> {
  const projectKey = requireProject(session);
  const [banned, canEdit] = await Promise.all([bannedProjects(session.deps.store, [projectKey]), canAdministerProject(session, projectKey)]);
  return { projectKey, allowed: !banned.has(projectKey), canEdit };
}

export async function saveProjectAutoSync(session: Session, payload: Payload<'saveProjectAutoSync'>): Promise<Result<'saveProjectAutoSync'>> {
  const projectKey = requireProject(session);
  if (!(await canAdministerProject(session, projectKey))) throw new AppError('no-permission', AUTO_SYNC_TEXT.notAdmin);
  const key = keys.projectAutoSync(projectKey);
  if (payload.allowed) await session.deps.store.delete(key);
  else await session.deps.store.set<ProjectBan>(key, { allowed: false, by: session.actor.accountId, at: session.deps.clock.now().toISOString() });
  return { projectKey, allowed: payload.allowed, canEdit: true };
}
