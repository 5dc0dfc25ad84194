// The one place a sync decides what it does to a record (docs/architecture.md, "Where each sync
// decision is made"): a prepared record, what Jira holds and what storage holds go in, exactly one
// action comes out. Pure; the engine (src/services/sync/) carries the action out.
import type { LinkSource } from '../shared/contract';
import { durationText, stored, type LocalizedText } from './localizedText';
import type { RecordCheck } from './record';
import { jiraEditsOf, type ObservedWorklog, type SyncState } from './status';
import type { TimecardWorklogVerdict } from './timecardJiraSync';

/** A worklog Jira holds, with the hash its `timecard-sync` property carries (none: not the app's). */
export interface FoundWorklog<W> {
  worklog: W;
  hash?: string;
}

/** What a look in Jira for a worklog the app has no state for found, or why it could not look. */
export type JiraScan<W> = { found?: FoundWorklog<W> } | { failure: { code: string; message: string; messageText?: LocalizedText } };

export interface PlanInput<W> {
  check: RecordCheck;
  issueKey: string | null;
  linkSource: LinkSource | null;
  settings?: { enabled: boolean; minimumSeconds: number };
  /** Hashes of the worklog a sync would write now (null: it cannot be written). */
  planned: { hash: string; recordHash: string } | null;
  tooShort: boolean;
  /** The record's start as the timecard sent it. */
  timein: string;
  state?: SyncState;
  /** What Jira holds now for the worklog the state points at ('missing': gone). */
  observed: ObservedWorklog;
  /** The worklog the timecard's own Jira sync wrote, while the app has not taken it over. */
  claim?: { issueKey: string; verdict: TimecardWorklogVerdict; worklog?: W };
  /** Only for a record `needsJiraScan` picked: what Jira holds for it. */
  scan?: JiraScan<W>;
}

export interface PlanPolicy {
  /** A worklog edited in Jira, or logged under earlier settings, is overwritten (single sync) or left alone (bulk). */
  overwriteJiraEdits: boolean;
  /** A worklog deleted in Jira is logged again (single sync) or left alone (bulk). */
  relogDeleted: boolean;
}

export type SyncAction<W> =
  | { kind: 'skip'; message: string; messageText?: LocalizedText }
  /** Nothing may be written: Jira could not be asked whether it already holds the worklog. */
  | { kind: 'fail'; code: string; message: string; messageText?: LocalizedText }
  | { kind: 'unchanged'; worklogId?: string }
  | { kind: 'create' }
  /** An earlier attempt may have reached Jira: look for its worklog, create only when there is none. */
  | { kind: 'adopt-or-create' }
  /** Take over a worklog Jira holds (storage lost, or the timecard's own sync wrote it); `current`: it already says what would be sent. */
  | { kind: 'adopt'; worklog: W; current: boolean }
  | { kind: 'update'; worklogId: string }
  | { kind: 'move'; fromIssueKey: string; worklogId: string };

/** Why a record cannot be written at all (null: it can). */
function unwritable<W>(input: PlanInput<W>): SyncAction<W> | null {
  if (input.check.kind === 'running') return skip({ key: 'sync.skip.running' });
  if (input.check.kind === 'invalid') {
    const { reason, reasonText } = input.check;
    return { kind: 'skip', message: reason, ...(reasonText ? { messageText: reasonText } : {}) };
  }
  if (!input.issueKey || !input.planned || !input.settings) return skip({ key: 'sync.skip.notLinked' });
  if (!input.settings.enabled) return skip({ key: 'sync.skip.turnedOff', params: { projectKey: input.issueKey.split('-')[0]! } });
  return null;
}

/** Why a record without a worklog is not logged for the first time (null: it is). */
function noFirstLog<W>(input: PlanInput<W>): SyncAction<W> | null {
  if (input.tooShort) return skip({ key: 'sync.skip.tooShort', params: { minimum: durationText(input.settings!.minimumSeconds) } });
  // (A suggestion with a worklog was logged before this rule and counts as a link: see prepare.)
  if (input.linkSource === 'suggested') {
    return skip({ key: 'sync.skip.onlySuggested', params: { issueKey: input.issueKey ?? '' } });
  }
  return null;
}

/**
 * Whether Jira must be looked at before this record's first log: no state, nothing claimed, and it
 * started before storage began keeping the person's state (`sinceMs`; null when unknown: look).
 */
export function needsJiraScan<W>(input: PlanInput<W>, sinceMs: number | null): boolean {
  if (input.state || input.claim || unwritable(input) || noFirstLog(input)) return false;
  return sinceMs === null || !(Date.parse(input.timein) >= sinceMs);
}

export function planSync<W extends { id: string }>(input: PlanInput<W>, policy: PlanPolicy): SyncAction<W> {
  const blocked = unwritable(input);
  if (blocked) return blocked;
  const { state } = input;
  const planned = input.planned!;
  if (input.claim) return planClaim(input, input.claim, policy);
  if (!state?.worklogId) {
    const notFirst = noFirstLog(input);
    if (notFirst) return notFirst;
    if (state) return { kind: 'adopt-or-create' };
    const scan = input.scan;
    if (scan && 'failure' in scan) return { kind: 'fail', ...scan.failure };
    const found = scan?.found;
    return found ? { kind: 'adopt', worklog: found.worklog, current: found.hash === planned.hash } : { kind: 'create' };
  }
  if (state.issueKey !== input.issueKey) return { kind: 'move', fromIssueKey: state.issueKey, worklogId: state.worklogId };
  if (state.state === 'pending') return { kind: 'adopt-or-create' };
  if (input.observed === 'missing') {
    return policy.relogDeleted ? { kind: 'create' } : skip({ key: 'sync.skip.deletedInJira' });
  }
  const edited = input.observed !== undefined && jiraEditsOf(state, input.observed).length > 0;
  if (edited && !policy.overwriteJiraEdits) return skip({ key: 'sync.skip.editedInJira' });
  const sent = planned.hash === state.hash;
  const onlySettingsChanged = !sent && state.recordHash !== undefined && planned.recordHash === state.recordHash;
  // A routine (bulk) sync never rewrites worklogs only because the settings changed.
  if (!edited && onlySettingsChanged && !policy.overwriteJiraEdits) {
    return skip({ key: 'sync.skip.earlierSettings' });
  }
  if (!edited && sent && state.state === 'synced') return { kind: 'unchanged', worklogId: state.worklogId };
  return { kind: 'update', worklogId: state.worklogId };
}

/** Logged by the timecard's own Jira sync: take that worklog over, never write a second one. */
function planClaim<W>(input: PlanInput<W>, claim: NonNullable<PlanInput<W>['claim']>, policy: PlanPolicy): SyncAction<W> {
  if (input.issueKey !== claim.issueKey) {
    return skip({ key: 'sync.skip.claimOtherIssue', params: { issueKey: claim.issueKey } });
  }
  if (claim.verdict === 'adoptable' && claim.worklog) return { kind: 'adopt', worklog: claim.worklog, current: false };
  if (claim.verdict === 'gone') {
    return policy.relogDeleted ? { kind: 'create' } : skip({ key: 'sync.skip.claimGone' });
  }
  return skip({ key: 'sync.skip.claimOtherPerson' });
}

function skip<W>(text: LocalizedText): SyncAction<W> {
  return { kind: 'skip', ...stored(text) };
}
