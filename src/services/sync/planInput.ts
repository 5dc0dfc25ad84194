// What the planner (src/domain/syncPlan.ts) is given for a prepared record.
import type { JiraScan, PlanInput } from '../../domain/syncPlan';
import type { Worklog } from '../ports';
import type { PreparedRecord } from '../prepare';
import { observedFor } from '../recordViews';
import { timecardVerdict } from '../timecardSync';

export function planInputOf(p: PreparedRecord, worklogs: Map<string, Worklog>, scan?: JiraScan<Worklog>): PlanInput<Worklog> {
  const verdict = timecardVerdict(p, worklogs);
  const claim =
    verdict && p.timecardSync ? { issueKey: p.timecardSync.issueKey, verdict, worklog: worklogs.get(p.timecardSync.worklogId) } : undefined;
  return {
    check: p.check,
    issueKey: p.issueKey,
    linkSource: p.linkSource,
    ...(p.settings ? { settings: p.settings } : {}),
    planned: p.planned,
    tooShort: p.tooShort,
    timein: p.record.timein,
    ...(p.state ? { state: p.state } : {}),
    observed: observedFor(p, worklogs),
    ...(claim ? { claim } : {}),
    ...(scan ? { scan } : {}),
  };
}
