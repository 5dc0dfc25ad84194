// A preview writes nothing, so Jira never refuses it: it asks Jira instead whether the person may
// log work on each issue a sync would write to (one permission read per issue), and says "would
// fail" for the records Jira would refuse.
import { isAppError } from '../domain/errors';
import type { SyncResult } from '../shared/contract';
import type { Session } from './context';
import type { RecordScope } from './keys';
import type { Worklog } from './ports';
import type { PreparedRecord } from './prepare';
import { forEachIssueGroup, syncPrepared, type RecordSynced, type SyncRun } from './sync';

const WORK_ON_ISSUES = 'WORK_ON_ISSUES';
/** Permission reads at once. */
const CONCURRENCY = 4;
const WRITES: ReadonlySet<SyncResult['outcome']> = new Set(['created', 'updated']);

function noPermissionToLog(issueKey: string): string {
  return `You don't have permission to log work on ${issueKey}. Ask a Jira admin for the Work on issues permission in its project.`;
}

/** The one preview: the engine decides and writes nothing; then Jira is asked what it would refuse. */
export async function previewPrepared(
  session: Session,
  scope: RecordScope,
  prepared: PreparedRecord[],
  worklogs: Map<string, Worklog>,
  run: Omit<SyncRun, 'dryRun'>,
): Promise<RecordSynced[]> {
  const decided = await syncPrepared(session, scope, prepared, worklogs, { ...run, dryRun: true });
  const checked = await withPermissionChecks(
    session,
    decided.map((d) => d.result),
  );
  return decided.map((d, i) => ({ ...d, result: checked[i] }));
}

/** The dry-run results, with those Jira would refuse (no Work on issues) turned into failures. */
async function withPermissionChecks(session: Session, results: SyncResult[]): Promise<SyncResult[]> {
  const writing = results.filter((r) => r.issueKey && WRITES.has(r.outcome));
  const refused = new Map<string, Pick<SyncResult, 'code' | 'message'>>();
  await forEachIssueGroup(
    writing,
    (r) => r.issueKey,
    CONCURRENCY,
    async ([{ issueKey }]) => {
      const why = await permissionProblem(session, issueKey!);
      if (why) refused.set(issueKey!, why);
    },
  );
  return results.map((r) => {
    const why = r.issueKey && WRITES.has(r.outcome) ? refused.get(r.issueKey) : undefined;
    return why ? { ...r, outcome: 'failed', ...why } : r;
  });
}

async function permissionProblem(session: Session, issueKey: string): Promise<Pick<SyncResult, 'code' | 'message'> | null> {
  try {
    const granted = await session.jira.myPermissions([WORK_ON_ISSUES], { issueKey });
    return granted[WORK_ON_ISSUES] === true ? null : { code: 'no-permission', message: noPermissionToLog(issueKey) };
  } catch (error) {
    // An issue the person cannot see (or that is gone) fails the same way the sync would.
    if (isAppError(error, 'issue-not-found') || isAppError(error, 'no-permission')) return { code: error.code, message: error.message };
    throw error;
  }
}
