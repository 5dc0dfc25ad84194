// Turns raw timecard records into what the app knows about them: the issue they go to (and
// why), their sync state, the project's settings and the exact worklog a sync would write.
import { planFromSource, sourceHash, type WorklogSource } from '../domain/worklogPlan';
import { resolveLink, type ResolvedLink } from '../domain/issueKeys';
import { checkRecord } from '../domain/record';
import type { SyncState } from '../domain/status';
import { timecardJiraSyncOf, type TimecardJiraSync } from '../domain/timecardJiraSync';
import { formatJiraStarted } from '../domain/time';
import type { LinkSource, ProjectSettings } from '../shared/contract';
import type { Session } from './context';
import { keys, type RecordScope } from './keys';
import type { Store, TimecardAttribute, TimecardRecord, WorklogInput } from './ports';
import { attributeNames, type AttributeNames } from './records';
import { loadSettingsFor, projectKeyOf } from './settings';

export const WORKLOG_PROPERTY_KEY = 'timecard-sync';

export interface StoredLink {
  /** '' means the person unlinked the record in Jira on purpose. */
  issueKey: string;
  at: string;
}

export interface PlannedWorklog {
  input: WorklogInput;
  /** worklogHash of `input`. */
  hash: string;
  seconds: number;
  /** sourceHash of the record's own data: changes only when the record does, never with settings. */
  recordHash: string;
  source: WorklogSource;
}

export interface PreparedRecord {
  record: TimecardRecord;
  names: AttributeNames;
  check: ReturnType<typeof checkRecord>;
  issueKey: string | null;
  linkSource: LinkSource | null;
  suggestions: string[];
  state?: SyncState;
  /** The link stored in the app when the record was read (undefined: none). */
  storedLink?: StoredLink;
  settings?: ProjectSettings;
  /** The worklog a sync would write now; null when the record cannot be logged (running, invalid, no issue). */
  planned: PlannedWorklog | null;
  tooShort: boolean;
  /** The worklog the timecard's own Jira sync wrote, while the app has not taken it over (services/timecardSync.ts). */
  timecardSync?: TimecardSyncClaim;
}

export interface TimecardSyncClaim extends TimecardJiraSync {
  /** The person acting: only their own worklog is taken over. */
  actingAccountId: string;
}

export interface PrepareOptions {
  /** Log to this issue instead of the record's own link (panel "Link here" + log, or an explicit target). */
  targetIssueKey?: string;
  /**
   * Only the records whose link (stored or their own) passes are prepared: the others' sync state
   * is never read (the issue panel keeps only the records that may show on its issue).
   */
  keep?: (link: ResolvedLink) => boolean;
}

export async function prepareRecords(
  session: Session,
  scope: RecordScope,
  records: TimecardRecord[],
  attributes: Map<number, TimecardAttribute>,
  options: PrepareOptions = {},
): Promise<PreparedRecord[]> {
  const { store, clock } = session.deps;
  const readStates = (some: TimecardRecord[]) => store.getMany<SyncState>(some.map((r) => keys.syncState(scope, r.id)));
  const readLinks = store.getMany<StoredLink>(records.map((r) => keys.link(scope, r.id)));
  // Without a filter both are read at once; with one, the states only of the records it keeps.
  const [links, allStates] = await Promise.all([readLinks, options.keep ? undefined : readStates(records)]);
  const resolved = records
    .map((record) => {
      const stored = links.get(keys.link(scope, record.id));
      return { record, link: linkOf(record, options.targetIssueKey ?? stored?.issueKey ?? null), storedLink: stored };
    })
    .filter(({ link }) => !options.keep || options.keep(link));
  const states = allStates ?? (await readStates(resolved.map(({ record }) => record)));
  const now = clock.now();
  const linked = resolved.map((r) => ({ ...r, state: states.get(keys.syncState(scope, r.record.id)) }));
  const projectKeys = linked.flatMap(({ link }) => (link.issueKey ? [projectKeyOf(link.issueKey)] : []));
  const settingsByProject = await loadSettingsFor(store, projectKeys);

  return linked.map(({ record, link, storedLink, state }) => {
    const settings = link.issueKey ? settingsByProject.get(projectKeyOf(link.issueKey)) : undefined;
    const claimed = state?.worklogId ? null : timecardJiraSyncOf(record);
    const timecardSync = claimed ? { timecardSync: { ...claimed, actingAccountId: session.actor.accountId } } : {};
    const base = { record, names: attributeNames(record, attributes), check: checkRecord(record, now), state, storedLink, ...timecardSync };
    return withLink(scope, base, link, settings);
  });
}

/**
 * The issue each record goes to, from its stored link and its own fields only (no sync state, no
 * settings, no worklog): enough to group records by issue. Same rule as prepareRecords.
 */
export async function resolveIssueKeys(store: Store, scope: RecordScope, records: TimecardRecord[]): Promise<Map<number, string | null>> {
  const links = await store.getMany<StoredLink>(records.map((r) => keys.link(scope, r.id)));
  return new Map(records.map((record) => [record.id, linkOf(record, links.get(keys.link(scope, record.id))?.issueKey ?? null).issueKey]));
}

/**
 * The same record prepared for `issueKey` instead (its project's `settings`), as prepareRecords with
 * `targetIssueKey` would prepare it: the planned worklog and its hash are for this issue.
 */
export function retarget(p: PreparedRecord, scope: RecordScope, issueKey: string, settings: ProjectSettings): PreparedRecord {
  return withLink(scope, p, linkOf(p.record, issueKey), settings);
}

function linkOf(record: TimecardRecord, jiraLink: string | null): ResolvedLink {
  return resolveLink({ jiraLink, timecardKey: record.jira_issue_key, notes: record.notes, externalLink: record.external_link });
}

function withLink(
  scope: RecordScope,
  base: Pick<PreparedRecord, 'record' | 'names' | 'check' | 'state' | 'storedLink' | 'timecardSync'>,
  resolved: ResolvedLink,
  settings: ProjectSettings | undefined,
): PreparedRecord {
  let link = resolved;
  const { record, names, check, state, storedLink } = base;
  link = loggedSuggestionAsLink(link, state);
  const tooShort = check.kind === 'ok' && settings !== undefined && check.durationSeconds < settings.minimumSeconds;
  const planned =
    check.kind === 'ok' && link.issueKey && settings ? planWorklog(scope, record, names, link.issueKey, check.durationSeconds, settings) : null;
  return {
    record,
    names,
    check,
    issueKey: link.issueKey,
    linkSource: link.linkSource,
    suggestions: link.suggestions,
    state,
    ...(storedLink ? { storedLink } : {}),
    settings,
    planned,
    tooShort,
    ...(base.timecardSync ? { timecardSync: base.timecardSync } : {}),
  };
}

/**
 * A suggestion is only ever logged once accepted (which stores a link), so a suggested record with a
 * worklog was logged before that rule: it is a link to the issue its worklog is on, not a guess.
 */
function loggedSuggestionAsLink(link: ResolvedLink, state: SyncState | undefined): ResolvedLink {
  if (link.linkSource !== 'suggested' || !state?.worklogId || !state.issueKey) return link;
  return { issueKey: state.issueKey, linkSource: 'jira', suggestions: link.suggestions.filter((key) => key !== state.issueKey) };
}

function planWorklog(
  scope: RecordScope,
  record: TimecardRecord,
  names: AttributeNames,
  issueKey: string,
  durationSeconds: number,
  settings: ProjectSettings,
): PlannedWorklog {
  const started = formatJiraStarted(record.timein);
  const source: WorklogSource = {
    issueKey,
    started,
    durationSeconds,
    vars: {
      notes: record.notes,
      domain: names.domain,
      category: names.category,
      title: names.title,
      link: record.external_link,
      recordId: String(record.id),
    },
  };
  const { seconds, comment, hash } = planFromSource(source, settings);
  return { seconds, hash, recordHash: sourceHash(source), source, input: worklogInput(scope, record.id, started, seconds, comment, hash) };
}

/** What Jira is sent: the worklog and the property that names its record. */
export function worklogInput(scope: RecordScope, recordId: number, started: string, seconds: number, comment: unknown, hash: string): WorklogInput {
  return {
    started,
    timeSpentSeconds: seconds,
    comment,
    properties: [{ key: WORKLOG_PROPERTY_KEY, value: { server: scope.server, user: scope.user, recordId, hash } }],
  };
}
