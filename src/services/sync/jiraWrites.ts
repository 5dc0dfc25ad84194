// What a planned action writes to Jira: create, update, adopt, move, adopt-or-create; a create
// whose answer was lost looks for its worklog before trying again.
import { isAppError } from '../../domain/errors';
import { stored, type LocalizedText } from '../../domain/localizedText';
import type { SyncAction } from '../../domain/syncPlan';
import type { SyncOutcome } from '../../shared/contract';
import type { RecordScope } from '../keys';
import type { JiraPort, Worklog, WriteOptions } from '../ports';
import { WORKLOG_PROPERTY_KEY, type PlannedWorklog, type PreparedRecord } from '../prepare';
import { deleteWorklogIfPresent } from './worklogDeletes';

const DAY_MS = 86_400_000;

/** The actions that write to Jira. */
export type WritingAction = Extract<SyncAction<Worklog>, { kind: 'create' | 'adopt-or-create' | 'adopt' | 'update' | 'move' }>;

export interface Written {
  worklog: Worklog;
  outcome: SyncOutcome;
  message?: string;
  messageText?: LocalizedText;
  /** The app took over a worklog it had not written (history `adopted`). */
  adopted?: boolean;
}

export async function writeToJira(
  jira: JiraPort,
  scope: RecordScope,
  p: PreparedRecord,
  action: WritingAction,
  planned: PlannedWorklog,
  options: WriteOptions,
): Promise<Written> {
  const issueKey = p.issueKey!;
  switch (action.kind) {
    case 'update':
      try {
        return { worklog: await jira.updateWorklog(issueKey, action.worklogId, planned.input, options), outcome: 'updated' };
      } catch (error) {
        if (!isAppError(error, 'issue-not-found')) throw error;
        return {
          worklog: await jira.createWorklog(issueKey, planned.input, options),
          outcome: 'created',
          ...stored({ key: 'sync.result.relogged' }),
        };
      }
    case 'move': {
      // The target first: one that does not exist fails here, before anything is deleted; and a
      // move interrupted after its create finds that worklog instead of creating another.
      const already = await findAdoptable(jira, scope, p);
      await deleteWorklogIfPresent(jira, action.fromIssueKey, action.worklogId, options);
      const moved = already ?? (await createOrAdopt(jira, scope, p, planned, options));
      return { worklog: moved, outcome: 'updated', ...stored({ key: 'sync.result.movedFrom', params: { issueKey: action.fromIssueKey } }) };
    }
    case 'adopt': {
      if (action.current) {
        return { worklog: action.worklog, outcome: 'unchanged', ...stored({ key: 'sync.result.adopted' }), adopted: true };
      }
      return { worklog: await jira.updateWorklog(issueKey, action.worklog.id, planned.input, options), outcome: 'updated', adopted: true };
    }
    case 'adopt-or-create': {
      const found = await findAdoptable(jira, scope, p);
      if (!found) {
        // The interrupted attempt may have written to the issue the record was linked to then.
        const earlierIssue = p.state?.issueKey;
        const elsewhere = earlierIssue && earlierIssue !== issueKey ? await findAdoptableOn(jira, scope, p, earlierIssue) : undefined;
        if (elsewhere) await deleteWorklogIfPresent(jira, earlierIssue!, elsewhere.id, options);
        const created = await createOrAdopt(jira, scope, p, planned, options);
        return elsewhere
          ? { worklog: created, outcome: 'updated', ...stored({ key: 'sync.result.movedFrom', params: { issueKey: earlierIssue! } }) }
          : { worklog: created, outcome: 'created' };
      }
      if (markedHash(found) === planned.hash)
        return { worklog: found, outcome: 'created', ...stored({ key: 'sync.result.foundInterrupted' }), adopted: true };
      return { worklog: await jira.updateWorklog(issueKey, found.id, planned.input, options), outcome: 'updated' };
    }
    default:
      return { worklog: await createOrAdopt(jira, scope, p, planned, options), outcome: 'created' };
  }
}

/** Creates the worklog; when Jira's answer is lost, looks for it before trying once more. */
async function createOrAdopt(
  jira: JiraPort,
  scope: RecordScope,
  p: PreparedRecord,
  planned: PlannedWorklog,
  options: WriteOptions,
): Promise<Worklog> {
  try {
    return await jira.createWorklog(p.issueKey!, planned.input, options);
  } catch (error) {
    if (!isAppError(error, 'retryable')) throw error;
    const found = await findAdoptable(jira, scope, p);
    return found ?? (await jira.createWorklog(p.issueKey!, planned.input, options));
  }
}

/** Like findAdoptable on an issue an earlier attempt aimed at; an issue that does not exist (any more) holds nothing. */
async function findAdoptableOn(jira: JiraPort, scope: RecordScope, p: PreparedRecord, issueKey: string): Promise<Worklog | undefined> {
  try {
    return await findAdoptable(jira, scope, p, issueKey);
  } catch (error) {
    if (isAppError(error, 'issue-not-found')) return undefined;
    throw error;
  }
}

/** The worklog on the issue (the record's own by default) that carries this record's property, if an earlier attempt created one. */
async function findAdoptable(jira: JiraPort, scope: RecordScope, p: PreparedRecord, issueKey = p.issueKey!): Promise<Worklog | undefined> {
  const instants = [Date.parse(p.record.timein), ...(p.state?.sentStarted ? [Date.parse(p.state.sentStarted)] : [])];
  return (await findMarked(jira, scope, issueKey, instants)).get(p.record.id);
}

/** This person's app-made worklogs on an issue started within a day of the given instants, by record id. */
export async function findMarked(jira: JiraPort, scope: RecordScope, issueKey: string, instants: number[]): Promise<Map<number, Worklog>> {
  const worklogs = await jira.listWorklogs(issueKey, {
    startedAfterMs: Math.min(...instants) - DAY_MS,
    startedBeforeMs: Math.max(...instants) + DAY_MS,
  });
  const marked = new Map<number, Worklog>();
  for (const w of worklogs) {
    const mark = w.properties[WORKLOG_PROPERTY_KEY] as { server?: string; user?: string; recordId?: number } | undefined;
    if (mark?.server === scope.server && mark.user === scope.user && typeof mark.recordId === 'number') marked.set(mark.recordId, w);
  }
  return marked;
}

/** The hash a worklog's `timecard-sync` property carries (none: not written by the app). */
export function markedHash(worklog: Worklog): string | undefined {
  return (worklog.properties[WORKLOG_PROPERTY_KEY] as { hash?: string } | undefined)?.hash;
}
