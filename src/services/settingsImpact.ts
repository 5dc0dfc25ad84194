// What a settings change does to worklogs already logged: counted from storage before saving (the
// sync state keeps each record's own data, so its worklog can be rebuilt under any settings without
// reading anyone's timecard), and, when the admin asks, rewritten to the current settings in
// bounded calls the settings page repeats until none is left (see docs/decisions/0009).
import { AppError, localizedError } from '../domain/errors';
import { commentHash } from '../domain/hash';
import { deriveStatus, type SyncState } from '../domain/status';
import { planFromSource, type WorklogPlan } from '../domain/worklogPlan';
import type { ProjectSettings, Result } from '../shared/contract';
import type { Session } from './context';
import { acquireLease, releaseLease } from './leases';
import { keys, type RecordScope } from './keys';
import { worklogInput } from './prepare';
import { canAdministerProject, loadProjectSettings, projectKeyOf, projectAdminsOnly, requireProject } from './settings';

const STATE_PREFIX = 'state:';
const PAGE = 100;
/** Time one call may spend (well under the 25 s resolver limit). */
const SCAN_BUDGET_MS = 8_000;
const UPDATE_BUDGET_MS = 12_000;
const LOCK_WAIT_MS = 2_000;

interface Logged {
  key: string;
  state: SyncState & { source: NonNullable<SyncState['source']> };
}

interface Scan {
  /** Logged worklogs of the project whose record data the state keeps. */
  logged: Logged[];
  /** Logged by an app version that did not keep the record's data: cannot be rebuilt from storage. */
  unknown: number;
  complete: boolean;
}

async function requireProjectAdmin(session: Session): Promise<string> {
  const projectKey = requireProject(session);
  if (!(await canAdministerProject(session, projectKey))) {
    throw localizedError('no-permission', projectAdminsOnly(projectKey));
  }
  return projectKey;
}

/** Every person's synced records of the project, read page by page within `budgetMs`. */
async function scanLogged(session: Session, projectKey: string, budgetMs: number): Promise<Scan> {
  const { store, clock } = session.deps;
  const until = clock.now().getTime() + budgetMs;
  const logged: Logged[] = [];
  let unknown = 0;
  let cursor: string | undefined;
  do {
    const page = await store.query<SyncState>(STATE_PREFIX, { limit: PAGE, cursor });
    for (const { key, value } of page.items) {
      if (value.state !== 'synced' || !value.worklogId || projectKeyOf(value.issueKey) !== projectKey) continue;
      if (value.source) logged.push({ key, state: value as Logged['state'] });
      else unknown += 1;
    }
    cursor = page.nextCursor;
  } while (cursor && clock.now().getTime() < until);
  return { logged, unknown, complete: cursor === undefined };
}

const outOfDate = (entry: Logged, settings: ProjectSettings): WorklogPlan | null => {
  const plan = planFromSource(entry.state.source, settings);
  return plan.hash === entry.state.hash ? null : plan;
};

/**
 * Before saving `next`: does it write any logged worklog differently than the current settings do
 * (`affected`), and how many logged worklogs would then differ from what the app writes (`outdated`:
 * what "also update" rewrites, older settings' ones included).
 */
export async function previewSettingsImpact(session: Session, next: ProjectSettings): Promise<Result<'previewSettingsImpact'>> {
  const projectKey = await requireProjectAdmin(session);
  const [current, scan] = await Promise.all([loadProjectSettings(session.deps.store, projectKey), scanLogged(session, projectKey, SCAN_BUDGET_MS)]);
  let affected = 0;
  let outdated = 0;
  for (const entry of scan.logged) {
    const plan = outOfDate(entry, next);
    if (!plan) continue;
    outdated += 1;
    if (plan.hash !== planFromSource(entry.state.source, current).hash) affected += 1;
  }
  return { affected, outdated, unknown: scan.unknown, complete: scan.complete };
}

/** The parts of a state key: `state:<server>:<user>:<recordId>`. */
function scopeOf(key: string): { scope: RecordScope; recordId: number } {
  const parts = key.slice(STATE_PREFIX.length).split(':');
  return { scope: { server: parts[0], user: parts.slice(1, -1).join(':') }, recordId: Number(parts[parts.length - 1]) };
}

/**
 * Rewrites, as the admin, the project's logged worklogs that differ from what its current settings
 * write (Jira needs the admin to hold "Edit all worklogs"). A worklog someone edited or deleted in
 * Jira is left alone. Stops after a time budget: `remaining` says to call again.
 */
export async function updateLoggedWorklogs(session: Session): Promise<Result<'updateLoggedWorklogs'>> {
  const projectKey = await requireProjectAdmin(session);
  const { deps } = session;
  const until = deps.clock.now().getTime() + UPDATE_BUDGET_MS;
  const [settings, scan] = await Promise.all([loadProjectSettings(deps.store, projectKey), scanLogged(session, projectKey, SCAN_BUDGET_MS)]);
  const todo = scan.logged.flatMap((entry) => {
    const plan = outOfDate(entry, settings);
    return plan ? [{ entry, plan }] : [];
  });
  const observed = new Map((todo.length ? await session.jira.getWorklogs(todo.map((t) => t.entry.state.worklogId!)) : []).map((w) => [w.id, w]));
  const result: Result<'updateLoggedWorklogs'> = { updated: 0, leftAlone: 0, failed: [], remaining: 0 };
  for (const { entry, plan } of todo) {
    if (deps.clock.now().getTime() > until) {
      result.remaining += 1;
      continue;
    }
    const { state } = entry;
    const worklog = observed.get(state.worklogId!);
    const seen = worklog
      ? {
          timeSpentSeconds: worklog.timeSpentSeconds,
          started: worklog.started,
          ...(worklog.comment != null ? { commentHash: commentHash(worklog.comment) } : {}),
        }
      : ('missing' as const);
    const { status } = deriveStatus({
      check: { kind: 'ok', durationSeconds: state.source.durationSeconds },
      tooShort: false,
      state,
      currentHash: plan.hash,
      currentRecordHash: state.recordHash ?? null,
      observed: seen,
    });
    if (status === 'edited-in-jira' || status === 'deleted-in-jira') {
      result.leftAlone += 1; // someone changed it in Jira: theirs to decide
      continue;
    }
    const outcome = await rewrite(session, entry, plan, settings);
    if (outcome === 'busy') result.remaining += 1;
    else if (outcome === 'updated') result.updated += 1;
    else result.failed.push({ issueKey: state.issueKey, message: outcome.message });
  }
  if (!scan.complete) result.remaining = Math.max(result.remaining, 1);
  return result;
}

async function rewrite(
  session: Session,
  entry: Logged,
  plan: WorklogPlan,
  settings: ProjectSettings,
): Promise<'updated' | 'busy' | { message: string }> {
  const { deps } = session;
  const { scope, recordId } = scopeOf(entry.key);
  const holder = deps.newId();
  const lock = keys.recordLock(scope, recordId);
  // The person may be syncing this record right now: never two writers.
  if (!(await acquireLease(deps, lock, holder, deps.clock.now().getTime() + LOCK_WAIT_MS))) return 'busy';
  try {
    const fresh = await deps.store.get<SyncState>(entry.key);
    if (!fresh || fresh.attemptId !== entry.state.attemptId || fresh.state !== 'synced') return 'busy'; // changed meanwhile: look again next call
    const { state } = entry;
    const input = worklogInput(scope, recordId, state.source.started, plan.seconds, plan.comment, plan.hash);
    const worklog = await session.jira.updateWorklog(state.issueKey, state.worklogId!, input, {
      notifyUsers: settings.notifyWatchers,
      adjustEstimate: settings.estimatePolicy,
    });
    const next: SyncState = {
      ...fresh,
      hash: plan.hash,
      sentSeconds: plan.seconds,
      sentStarted: worklog.started,
      ...(worklog.comment != null ? { sentCommentHash: commentHash(worklog.comment) } : {}),
      updatedAt: deps.clock.now().toISOString(),
    };
    await deps.store.set(entry.key, next);
    return 'updated';
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  } finally {
    await releaseLease(deps.store, lock, holder);
  }
}
