// Turns raw timecard records into what the app knows about them: the issue they go to (and
// why), their sync state, the project's settings and the exact worklog a sync would write.
import { buildComment } from '../domain/comment';
import { roundDurationSeconds } from '../domain/duration';
import { worklogHash } from '../domain/hash';
import { resolveLink } from '../domain/issueKeys';
import { checkRecord } from '../domain/record';
import type { SyncState } from '../domain/status';
import { formatJiraStarted } from '../domain/time';
import type { LinkSource, ProjectSettings } from '../shared/contract';
import type { Session } from './context';
import { keys, type RecordScope } from './keys';
import type { TimecardAttribute, TimecardRecord, WorklogInput } from './ports';
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
  hash: string;
  seconds: number;
}

export interface PreparedRecord {
  record: TimecardRecord;
  names: AttributeNames;
  check: ReturnType<typeof checkRecord>;
  issueKey: string | null;
  linkSource: LinkSource | null;
  suggestions: string[];
  state?: SyncState;
  settings?: ProjectSettings;
  /** The worklog a sync would write now; null when the record cannot be logged (running, invalid, no issue). */
  planned: PlannedWorklog | null;
  tooShort: boolean;
}

export interface PrepareOptions {
  /** Log to this issue instead of the record's own link (panel "Link here" + log, or an explicit target). */
  targetIssueKey?: string;
}

export async function prepareRecords(
  session: Session,
  scope: RecordScope,
  records: TimecardRecord[],
  attributes: Map<number, TimecardAttribute>,
  options: PrepareOptions = {},
): Promise<PreparedRecord[]> {
  const { store, clock } = session.deps;
  const [links, states] = await Promise.all([
    store.getMany<StoredLink>(records.map((r) => keys.link(scope, r.id))),
    store.getMany<SyncState>(records.map((r) => keys.syncState(scope, r.id))),
  ]);
  const now = clock.now();
  const linked = records.map((record) => {
    const stored = links.get(keys.link(scope, record.id));
    const link = resolveLink({
      jiraLink: options.targetIssueKey ?? stored?.issueKey ?? null,
      timecardKey: record.jira_issue_key,
      notes: record.notes,
      externalLink: record.external_link,
    });
    return { record, link, state: states.get(keys.syncState(scope, record.id)) };
  });
  const projectKeys = linked.flatMap(({ link }) => (link.issueKey ? [projectKeyOf(link.issueKey)] : []));
  const settingsByProject = await loadSettingsFor(store, projectKeys);

  return linked.map(({ record, link, state }) => {
    const names = attributeNames(record, attributes);
    const check = checkRecord(record, now);
    const settings = link.issueKey ? settingsByProject.get(projectKeyOf(link.issueKey)) : undefined;
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
      settings,
      planned,
      tooShort,
    };
  });
}

function planWorklog(
  scope: RecordScope,
  record: TimecardRecord,
  names: AttributeNames,
  issueKey: string,
  durationSeconds: number,
  settings: ProjectSettings,
): PlannedWorklog {
  const seconds = roundDurationSeconds(durationSeconds, settings.roundingMode, settings.roundingIncrementMinutes);
  const started = formatJiraStarted(record.timein);
  const comment = buildComment(settings.commentTemplate, {
    notes: record.notes,
    domain: names.domain,
    category: names.category,
    title: names.title,
    link: record.external_link,
    recordId: String(record.id),
  });
  const hash = worklogHash({ issueKey, started, timeSpentSeconds: seconds, comment });
  return {
    seconds,
    hash,
    input: {
      started,
      timeSpentSeconds: seconds,
      comment,
      properties: [{ key: WORKLOG_PROPERTY_KEY, value: { server: scope.server, user: scope.user, recordId: record.id, hash } }],
    },
  };
}
