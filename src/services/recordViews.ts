// RecordView: what the frontends show for one record, including what Jira holds now.
import { conflictVersions, seenOf } from '../domain/conflict';
import { commentHash } from '../domain/hash';
import { inEnglish, textOf } from '../domain/localizedText';
import { deriveStatus, type DerivedStatus, type ObservedWorklog } from '../domain/status';
import type { RecordView } from '../shared/contract';
import type { PreparedRecord } from './prepare';
import type { JiraIssue, JiraPort, Worklog } from './ports';
import { timecardLastErrorText } from '../domain/timecardJiraSync';
import { timecardSyncView, timecardWorklogIds } from './timecardSync';

/**
 * Worklogs the records' states point at, read in one batch (absent = deleted in Jira). Any state
 * with a worklog counts, not only `synced`: a record whose later update failed (or is pending)
 * still has the worklog its earlier sync wrote.
 */
export async function observeWorklogs(jira: JiraPort, prepared: PreparedRecord[]): Promise<Map<string, Worklog>> {
  // The worklogs the timecard's own Jira sync wrote join the same batch: no call of their own.
  const ids = [...prepared.flatMap((p) => (p.state?.worklogId ? [p.state.worklogId] : [])), ...timecardWorklogIds(prepared)];
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
  const { state } = p;
  const observed = observedFor(p, worklogs);
  const byTimecard = timecardSyncView(p, worklogs);
  if (byTimecard) return timecardSyncedView(p, byTimecard, issues);
  const derived = deriveStatus({
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
  return {
    ...common(p, issues),
    loggedSeconds,
    // A record too short to log will not be logged, whatever rounding would make of it.
    roundedSeconds: derived.status === 'too-short' ? null : (p.planned?.seconds ?? null),
    status: derived.status,
    ...(inJira ? { worklogId: state!.worklogId } : {}),
    ...withMessage(p, derived),
    ...(state?.state === 'synced' ? { lastSyncedAt: state.updatedAt } : {}),
    ...(derived.status === 'conflict' ? conflictOf(p, worklogs) : {}),
  };
}

/** Both versions of a record in conflict: Jira's worklog (as read now, else as Jira last told the app) and the timecard's. */
function conflictOf(p: PreparedRecord, worklogs?: Map<string, Worklog>): Pick<RecordView, 'conflict'> {
  const read = p.state?.worklogId ? worklogs?.get(p.state.worklogId) : undefined;
  const jira = read ? seenOf(read) : p.state?.jira?.change === 'edited' ? p.state.jira.worklog : undefined;
  if (!jira || !p.planned) return {};
  return { conflict: conflictVersions(jira, p.planned.input) };
}

/** A record the timecard's own Jira sync logged, before the app has taken its worklog over. */
function timecardSyncedView(
  p: PreparedRecord,
  derived: NonNullable<ReturnType<typeof timecardSyncView>>,
  issues?: Map<string, JiraIssue>,
): RecordView {
  const inJira = derived.status === 'synced';
  return {
    ...common(p, issues),
    loggedSeconds: derived.worklog?.timeSpentSeconds ?? 0,
    roundedSeconds: p.planned?.seconds ?? null,
    status: derived.status,
    ...(inJira ? { worklogId: p.timecardSync!.worklogId } : {}),
    ...withMessage(p, derived),
    ...(inJira && p.timecardSync!.syncedAt ? { lastSyncedAt: p.timecardSync!.syncedAt } : {}),
  };
}

/** The view's message, followed by the timecard's own last sync error (also in its own field). */
function withMessage(p: PreparedRecord, derived: DerivedStatus): Pick<RecordView, 'message' | 'messageText' | 'timecardSyncError'> {
  const lastError = timecardLastErrorText(p.record);
  if (!lastError) return derived.message ? { message: derived.message, ...textOf(derived) } : {};
  const timecardSyncError = inEnglish(lastError);
  const { message, messageText } = derived;
  if (!message) return { message: timecardSyncError, messageText: lastError, timecardSyncError };
  // A sentence stored without its key (older state) stays English, with the error after it.
  const both = messageText ? { messageText: { key: 'sync.withTimecardError', params: { sentence: messageText, timecardError: lastError } } } : {};
  return { message: `${message} ${timecardSyncError}`, ...both, timecardSyncError };
}

function common(p: PreparedRecord, issues?: Map<string, JiraIssue>) {
  const { record } = p;
  const issue = p.issueKey ? issues?.get(p.issueKey) : undefined;
  return {
    id: record.id,
    start: record.timein,
    end: record.timeout,
    durationSeconds: p.check.kind === 'ok' ? p.check.durationSeconds : 0,
    notes: record.notes ?? '',
    issueKey: p.issueKey,
    linkSource: p.linkSource,
    domain: p.names.domain,
    category: p.names.category,
    title: p.names.title,
    externalLink: record.external_link,
    suggestions: p.suggestions,
    ...(issue ? { issueSummary: issue.summary, issueStatus: issue.status, issueStatusCategory: issue.statusCategory } : {}),
  };
}
