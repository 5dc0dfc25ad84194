// The issue panel in one call: the person's records for this issue (linked in the timecard,
// linked here, or suggested), their status and the totals.
import { localizedError } from '../domain/errors';
import { say } from '../domain/sayInLanguage';
import { lastDaysRange } from '../domain/time';
import { computeTotals } from '../domain/totals';
import type { ResolvedLink } from '../domain/issueKeys';
import type { ProjectSettings, Result } from '../shared/contract';
import type { Session } from './context';
import { readConnection } from './connection';
import { prepareRecords, retarget, type PreparedRecord } from './prepare';
import { fetchRecords, malformedFor, malformedWarnings } from './records';
import { loadProjectSettings, projectKeyOf } from './settings';
import { observeWorklogs, toRecordView } from './recordViews';
import { deletedInTimecardViews } from './timecardDeletions';
import { withRetries } from './retries/views';

const WORK_ON_ISSUES = 'WORK_ON_ISSUES';

export async function getIssuePanel(session: Session, days: number): Promise<Result<'getIssuePanel'>> {
  const issueKey = session.actor.issueKey;
  if (!issueKey) throw localizedError('no-issue', { key: 'errors.session.noIssue' });
  // The issue's own project (its key's prefix): a context naming another project is refused earlier.
  const projectKey = projectKeyOf(issueKey);
  const { timeZone } = session.actor;
  const [{ connection, scope }, settings, permissions] = await Promise.all([
    readConnection(session),
    loadProjectSettings(session.deps.store, projectKey),
    session.jira.myPermissions([WORK_ON_ISSUES], { issueKey }),
  ]);
  const canLogWork = permissions[WORK_ON_ISSUES] === true;
  const base = {
    issueKey,
    days,
    timeZone,
    canLogWork,
    settings: pickPanelSettings(settings),
    warnings: canLogWork ? [] : [say({ key: 'errors.jira.noPermission.create', params: { issueKey } }, session.actor.locale)],
  };
  if (!connection.connected || !scope) return { ...base, connected: false, records: [], totals: computeTotals([]), unreadable: [] };

  const { start, end } = lastDaysRange(days, session.deps.clock.now(), timeZone);
  const fetched = await fetchRecords(session, scope, start, end);
  const all = await prepareRecords(session, scope, fetched.records, fetched.attributes, { keep: mayShowOn(issueKey, settings) });
  const linked = all.filter((p) => p.issueKey === issueKey);
  // Suggested here: prepared for this issue (its worklog and hash are this issue's), shown as suggested.
  const suggested = all
    .filter((p) => suggestsIssue(p, issueKey, settings))
    .map((p): PreparedRecord => ({ ...retarget(p, scope, issueKey, settings), linkSource: 'suggested' }));
  const shown = [...linked, ...suggested].sort((a, b) => b.record.timein.localeCompare(a.record.timein));
  const worklogs = await observeWorklogs(session.jira, shown);
  // The issue's records the app logged that the timecard no longer has (the person removes or keeps their worklog).
  const gone = (await deletedInTimecardViews(session, scope, { start, end }, fetched)).filter((v) => v.issueKey === issueKey);
  const records = await withRetries(session.deps.store, session.actor.accountId, [...shown.map((p) => toRecordView(p, worklogs)), ...gone]);
  // Only the unreadable records meant for this issue, told apart from the warnings (they can be dismissed).
  const unreadable = malformedWarnings(malformedFor(fetched.malformed, issueKey), session.actor.locale);
  return { ...base, connected: true, records, totals: computeTotals(records), unreadable };
}

/**
 * From its link alone, whether a record may show on this issue's panel (linked here, or possibly
 * suggested here): a superset of what the panel shows, so that only these records' sync state is read.
 */
function mayShowOn(issueKey: string, settings: ProjectSettings): (link: ResolvedLink) => boolean {
  return (link) => {
    if (link.issueKey === issueKey) return true;
    if (link.issueKey !== null && link.linkSource !== 'suggested') return false;
    if (link.suggestions.includes(issueKey)) return true;
    // A record mentioning no issue at all is suggested where its domain is mapped.
    return link.issueKey === null && link.suggestions.length === 0 && settings.domains.length > 0;
  };
}

/**
 * A record not firmly linked elsewhere (no issue, or an issue only guessed from what it mentions,
 * and no worklog on another issue) goes to this issue when it mentions it too; a record mentioning
 * no issue at all, when its domain is mapped to this project.
 */
function suggestsIssue(p: PreparedRecord, issueKey: string, settings: ProjectSettings): boolean {
  if (p.issueKey === issueKey) return false; // shown as linked (or as this issue's own suggestion) already
  if (p.issueKey !== null && p.linkSource !== 'suggested') return false;
  // Already logged to another issue (synced from the page to its first mention): not a suggestion any more.
  if (p.state?.worklogId && p.state.issueKey !== issueKey) return false;
  if (p.suggestions.includes(issueKey)) return true;
  if (p.issueKey !== null || p.suggestions.length > 0 || !p.names.domain) return false;
  const domain = p.names.domain.toLowerCase();
  return settings.domains.some((d) => d.toLowerCase() === domain);
}

function pickPanelSettings(s: ProjectSettings): Result<'getIssuePanel'>['settings'] {
  return { enabled: s.enabled, roundingMode: s.roundingMode, roundingIncrementMinutes: s.roundingIncrementMinutes, minimumSeconds: s.minimumSeconds };
}
