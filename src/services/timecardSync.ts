// Taking over the worklogs the timecard's own Jira sync wrote (docs/architecture.md, "Records the
// timecard's own Jira sync logged"): they are read in the panel's one worklog batch, shown as
// synced, and a sync adopts them through the adopt path instead of creating a second worklog
// (the planner decides: src/domain/syncPlan.ts).
import { timecardSyncStatus, timecardWorklogVerdict, type TimecardWorklogVerdict } from '../domain/timecardJiraSync';
import type { DerivedStatus } from '../domain/status';
import type { PreparedRecord } from './prepare';
import type { Worklog } from './ports';

/** The claim while the app has not taken the worklog over (a state with a worklog, even one written a moment ago, wins). */
function openClaim(p: PreparedRecord): PreparedRecord['timecardSync'] {
  return p.state?.worklogId ? undefined : p.timecardSync;
}

/** The worklog ids to read with the records' own: nothing for records the timecard's sync did not log. */
export function timecardWorklogIds(prepared: PreparedRecord[]): string[] {
  return prepared.flatMap((p) => {
    const claim = openClaim(p);
    return claim ? [claim.worklogId] : [];
  });
}

export function timecardVerdict(p: PreparedRecord, worklogs: Map<string, Worklog> | undefined): TimecardWorklogVerdict | null {
  const claim = openClaim(p);
  if (!claim) return null;
  return timecardWorklogVerdict(worklogs ? worklogs.get(claim.worklogId) : 'unchecked', claim.actingAccountId);
}

/** The status of a record the timecard's sync logged and the app has not taken over (null for any other record). */
export function timecardSyncView(p: PreparedRecord, worklogs: Map<string, Worklog> | undefined): (DerivedStatus & { worklog?: Worklog }) | null {
  const verdict = timecardVerdict(p, worklogs);
  if (!verdict || p.check.kind !== 'ok') return null;
  const worklog = verdict === 'adoptable' ? worklogs?.get(p.timecardSync!.worklogId) : undefined;
  return { ...timecardSyncStatus(verdict), ...(worklog ? { worklog } : {}) };
}
