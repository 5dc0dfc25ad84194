// The worklog a record becomes under a project's settings, from the record's own data alone. The
// record's data (its source) and the worklog written from it have separate fingerprints, so a
// changed record and changed settings can be told apart, and the worklogs a settings change would
// rewrite can be counted from storage, without reading anyone's timecard.
import type { ProjectSettings } from '../shared/contract';
import { buildComment, type AdfDoc, type CommentVars } from './comment';
import { roundDurationSeconds } from './duration';
import { hashOf, worklogHash } from './hash';

/** What of a record makes its worklog, before any setting applies. */
export interface WorklogSource {
  issueKey: string;
  /** `started` as Jira takes it (`...+0000`). */
  started: string;
  durationSeconds: number;
  vars: CommentVars;
}

export interface WorklogPlan {
  seconds: number;
  comment: AdfDoc;
  /** worklogHash of what would be sent. */
  hash: string;
}

type PlanSettings = Pick<ProjectSettings, 'roundingMode' | 'roundingIncrementMinutes' | 'commentTemplate'>;

export function planFromSource(source: WorklogSource, settings: PlanSettings): WorklogPlan {
  const seconds = roundDurationSeconds(source.durationSeconds, settings.roundingMode, settings.roundingIncrementMinutes);
  const comment = buildComment(settings.commentTemplate, source.vars);
  return { seconds, comment, hash: worklogHash({ issueKey: source.issueKey, started: source.started, timeSpentSeconds: seconds, comment }) };
}

/** The fingerprint of the record's own data (no setting in it). */
export function sourceHash(source: WorklogSource): string {
  const { vars } = source;
  return hashOf({
    v: 1,
    issueKey: source.issueKey.trim().toUpperCase(),
    started: source.started,
    durationSeconds: source.durationSeconds,
    vars: { ...vars, recordId: vars.recordId === null ? null : String(vars.recordId) },
  });
}
