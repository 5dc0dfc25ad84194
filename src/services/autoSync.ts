// Automatic sync: what is stored per person, the sentences it shows, and the project admin's ban
// per project. The runs are in autoSyncRun.ts, the global page's side in autoSyncPage.ts (ADR 0022).
import { localizedError } from '../domain/errors';
import type { PendingRetry } from '../domain/retries';
import { stored, type StoredSentence } from '../domain/localizedText';
import type { Payload, Result } from '../shared/contract';
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
  /** What it wrote, the first LOGGED_SHOWN records: issue and seconds logged. */
  items: { recordId: number; issueKey: string; seconds: number }[];
}

/** How many of a run's logged records the page lists (the history has them all). */
export const LOGGED_SHOWN = 20;

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
  blocked?: { code: string; at: string } & StoredSentence;
  /** The job the last run started, until a later run has read its outcome. */
  job?: { jobId: string; startedAt: string };
  lastRun?: AutoSyncRunSummary;
  /** The latest run could not look or sync at all (cleared by the next that can), as a sentence. */
  problem?: { at: string } & StoredSentence;
  /** Before ADR 0028 automatic sync kept its retries here; they move to the one store of retries (retries/migrate.ts). */
  retries?: PendingRetry[];
}

export const AUTO_SYNC_TEXT = {
  consent: stored({ key: 'sync.automatic.consent' }),
  reconnect: stored({ key: 'sync.automatic.reconnect' }),
  serverDown: stored({ key: 'sync.automatic.serverDown' }),
  jiraDown: stored({ key: 'sync.automatic.jiraDown' }),
};

export async function loadAutoSync(store: Store, accountId: string): Promise<StoredAutoSync | undefined> {
  return store.get<StoredAutoSync>(keys.autoSync(accountId));
}

/** Writes the person's value and keeps the index true: listed while it is on, not paused and not blocked. */
export async function storeAutoSync(store: Store, value: StoredAutoSync): Promise<void> {
  const active = value.enabled && !value.paused && !value.blocked;
  await store.commit({
    set: [
      { key: keys.autoSync(value.accountId), value },
      ...(active ? [{ key: keys.autoSyncIndex(value.accountId), value: { accountId: value.accountId } }] : []),
    ],
    ...(active ? {} : { delete: [keys.autoSyncIndex(value.accountId)] }),
  });
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

/** Whether automatic sync may log records of this project. */
export async function projectAllowsAutoSync(store: Store, projectKey: string): Promise<boolean> {
  return !(await bannedProjects(store, [projectKey])).has(projectKey);
}

export async function saveProjectAutoSync(session: Session, payload: Payload<'saveProjectAutoSync'>): Promise<Result<'saveProjectAutoSync'>> {
  const projectKey = requireProject(session);
  if (!(await canAdministerProject(session, projectKey))) throw localizedError('no-permission', { key: 'errors.autoSync.notAdmin' });
  const key = keys.projectAutoSync(projectKey);
  if (payload.allowed) await session.deps.store.delete(key);
  else await session.deps.store.set<ProjectBan>(key, { allowed: false, by: session.actor.accountId, at: session.deps.clock.now().toISOString() });
  return { projectKey, allowed: payload.allowed };
}
