// RecordView: what the frontends show for one record, including what Jira holds now.
import { deriveStatus, type ObservedWorklog } from '../domain/status';
import type { RecordView } from '../shared/contract';
import type { PreparedRecord } from './prepare';
import type { JiraIssue, JiraPort, Worklog } from './ports';

/** Worklogs that synced records point at, read in one batch (absent = deleted in Jira). */
export async function observeWorklogs(jira: JiraPort, prepared: PreparedRecord[]): Promise<Map<string, Worklog>> {
  const ids = prepared.flatMap((p) => (p.state?.state === 'synced' && p.state.worklogId ? [p.state.worklogId] : []));
  if (ids.length === 0) return new Map();
  const worklogs = await jira.getWorklogs(ids);
  return new Map(worklogs.map((w) => [w.id, w]));
}

export function observedFor(p: PreparedRecord, worklogs: Map<string, Worklog> | undefined): ObservedWorklog {
  if (!worklogs || p.state?.state !== 'synced' || !p.state.worklogId) return undefined;
  const worklog = worklogs.get(p.state.worklogId);
  return worklog ? { timeSpentSeconds: worklog.timeSpentSeconds, started: worklog.started } : 'missing';
}

export function toRecordView(p: PreparedRecord, worklogs?: Map<string, Worklog>, issues?: Map<string, JiraIssue>): RecordView {
  const { record, state } = p;
  const observed = observedFor(p, worklogs);
  const { status, message } = deriveStatus({
    check: p.check,
    tooShort: p.tooShort,
    state,
    currentHash: p.planned?.hash ?? null,
    observed,
    ...(p.settings ? { minimumSeconds: p.settings.minimumSeconds } : {}),
  });
  const inJira = status === 'synced' || status === 'changed' || status === 'edited-in-jira';
  const loggedSeconds = !inJira ? 0 : typeof observed === 'object' ? observed.timeSpentSeconds : (state?.sentSeconds ?? 0);
  const issue = p.issueKey ? issues?.get(p.issueKey) : undefined;
  return {
    id: record.id,
    start: record.timein,
    end: record.timeout,
    durationSeconds: p.check.kind === 'ok' ? p.check.durationSeconds : 0,
    loggedSeconds,
    roundedSeconds: p.planned?.seconds ?? null,
    notes: record.notes ?? '',
    issueKey: p.issueKey,
    linkSource: p.linkSource,
    status,
    ...(state?.worklogId && inJira ? { worklogId: state.worklogId } : {}),
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
