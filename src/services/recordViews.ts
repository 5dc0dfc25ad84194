// RecordView: what the frontends show for one record, including what Jira holds now.
import { commentHash } from '../domain/hash';
import { deriveStatus, type ObservedWorklog } from '../domain/status';
import type { RecordView } from '../shared/contract';
import type { PreparedRecord } from './prepare';
import type { JiraIssue, JiraPort, Worklog } from './ports';

/**
 * Worklogs the records' states point at, read in one batch (absent = deleted in Jira). Any state
 * with a worklog counts, not only `synced`: a record whose later update failed (or is pending)
 * still has the worklog its earlier sync wrote.
 */
export async function observeWorklogs(jira: JiraPort, prepared: PreparedRecord[]): Promise<Map<string, Worklog>> {
  const ids = prepared.flatMap((p) => (p.state?.worklogId ? [p.state.worklogId] : []));
  if (ids.length === 0) return new Map();
  const worklogs = await jira.getWorklogs(ids);
  return new Map(worklogs.map((w) => [w.id, w]));
}

export function observedFor(p: PreparedRecord, worklogs: Map<string, Worklog> | undefined): ObservedWorklog {
  if (!worklogs || !p.state?.worklogId) return undefined;
  const worklog = worklogs.get(p.state.worklogId);
  if (!worklog) return 'missing';
  return {
    timeSpentSeconds: worklog.timeSpentSeconds,
    started: worklog.started,
    ...(worklog.comment != null ? { commentHash: commentHash(worklog.comment) } : {}),
  };
}

export function toRecordView(p: PreparedRecord, worklogs?: Map<string, Worklog>, issues?: Map<string, JiraIssue>): RecordView {
  const { record, state } = p;
  const observed = observedFor(p, worklogs);
  const { status, message } = deriveStatus({
    check: p.check,
    tooShort: p.tooShort,
    state,
    currentHash: p.planned?.hash ?? null,
    currentRecordHash: p.planned?.recordHash ?? null,
    observed,
    ...(p.settings ? { minimumSeconds: p.settings.minimumSeconds } : {}),
  });
  // Whatever the status (a failed or pending update included), a worklog the state points at and
  // Jira still holds is work logged: seconds as Jira has them, else as sent when Jira was not asked.
  const inJira = Boolean(state?.worklogId) && observed !== 'missing';
  const loggedSeconds = !inJira ? 0 : typeof observed === 'object' ? observed.timeSpentSeconds : (state?.sentSeconds ?? 0);
  const issue = p.issueKey ? issues?.get(p.issueKey) : undefined;
  return {
    id: record.id,
    start: record.timein,
    end: record.timeout,
    durationSeconds: p.check.kind === 'ok' ? p.check.durationSeconds : 0,
    loggedSeconds,
    // A record too short to log will not be logged, whatever rounding would make of it.
    roundedSeconds: status === 'too-short' ? null : (p.planned?.seconds ?? null),
    notes: record.notes ?? '',
    issueKey: p.issueKey,
    linkSource: p.linkSource,
    status,
    ...(inJira ? { worklogId: state!.worklogId } : {}),
    ...(message ? { message } : {}),
    domain: p.names.domain,
    category: p.names.category,
    title: p.names.title,
    externalLink: record.external_link,
    suggestions: p.suggestions,
    ...(issue ? { issueSummary: issue.summary, issueStatus: issue.status, issueStatusCategory: issue.statusCategory } : {}),
    ...(state?.state === 'synced' ? { lastSyncedAt: state.updatedAt } : {}),
  };
}
