// What Jira told the app about a worklog it wrote (a product event or the change feeds), and a
// conflict: the record changed in the timecard while its worklog was edited in Jira.
import type { WorklogVersion } from '../shared/contract';
import { adfToText } from './comment';
import { commentHash } from './hash';
import { parseInstant } from './time';

/** The worklog as Jira holds it after someone edited it. */
export interface JiraWorklogSeen {
  /** UTC instant (ISO). */
  started: string;
  timeSpentSeconds: number;
  commentHash?: string;
  /** The comment as plain text (what the person compares). */
  commentText?: string;
}

/** Kept in the record's SyncState until the next write (or the person's choice) replaces it. */
export type JiraSideChange = { change: 'edited'; at: string; worklog: JiraWorklogSeen; by?: string } | { change: 'deleted'; at: string; by?: string };

/** A worklog as Jira renders it (event payload or REST), reduced to what the app compares. */
export function seenOf(worklog: { started: string; timeSpentSeconds: number; comment?: unknown }): JiraWorklogSeen {
  const started = parseInstant(worklog.started)?.toISOString() ?? worklog.started;
  return {
    started,
    timeSpentSeconds: worklog.timeSpentSeconds,
    ...(worklog.comment != null ? { commentHash: commentHash(worklog.comment), commentText: adfToText(worklog.comment) } : {}),
  };
}

/** What the app sent last, as SyncState keeps it. */
export interface SentWorklog {
  sentSeconds?: number;
  sentStarted?: string;
  sentCommentHash?: string;
}

function sameInstant(a: string, b: string): boolean {
  const first = parseInstant(a);
  const second = parseInstant(b);
  return first && second ? first.getTime() === second.getTime() : a === b;
}

/** Which of the worklog's parts differ from what the app sent (an empty list: Jira holds what was sent). */
export function editedParts(
  sent: SentWorklog,
  seen: Pick<JiraWorklogSeen, 'started' | 'timeSpentSeconds' | 'commentHash'>,
): ('time' | 'start' | 'comment')[] {
  const parts: ('time' | 'start' | 'comment')[] = [];
  if (sent.sentSeconds !== undefined && seen.timeSpentSeconds !== sent.sentSeconds) parts.push('time');
  if (sent.sentStarted !== undefined && !sameInstant(seen.started, sent.sentStarted)) parts.push('start');
  if (sent.sentCommentHash !== undefined && seen.commentHash !== undefined && seen.commentHash !== sent.sentCommentHash) parts.push('comment');
  return parts;
}

/** Both versions side by side: Jira's worklog now, and the worklog the timecard's record would write. */
export function conflictVersions(
  jira: Pick<JiraWorklogSeen, 'started' | 'timeSpentSeconds' | 'commentText'>,
  timecard: { started: string; timeSpentSeconds: number; comment: unknown },
): { jira: WorklogVersion; timecard: WorklogVersion } {
  return {
    jira: { started: parseInstant(jira.started)?.toISOString() ?? jira.started, seconds: jira.timeSpentSeconds, comment: jira.commentText ?? '' },
    timecard: {
      started: parseInstant(timecard.started)?.toISOString() ?? timecard.started,
      seconds: timecard.timeSpentSeconds,
      comment: adfToText(timecard.comment),
    },
  };
}
