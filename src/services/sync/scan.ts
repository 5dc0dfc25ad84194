// Worklogs Jira holds for records the app has no state for (its storage was lost, or the app was
// reinstalled): one ranged read per issue, before any create. Only records that started before
// this storage began keeping the person's state can have one, so the everyday sync of new work
// costs no read.
import { needsJiraScan, type JiraScan } from '../../domain/syncPlan';
import type { Session } from '../context';
import { keys, type RecordScope } from '../keys';
import type { Worklog } from '../ports';
import type { PreparedRecord } from '../prepare';
import { describeFailure } from './failures';
import { findMarked, markedHash } from './jiraWrites';
import { planInputOf } from './planInput';

/** When storage began keeping the scope's state (null: not known, so every older record is looked for). */
export async function storageSince(session: Session, scope: RecordScope): Promise<number | null> {
  const since = Date.parse((await session.deps.store.get<string>(keys.scopeSince(scope))) ?? '');
  return Number.isNaN(since) ? null : since;
}

/** For the records of one issue that need it, what Jira holds (records that need no look are absent). */
export async function scanIssue(
  session: Session,
  scope: RecordScope,
  group: PreparedRecord[],
  worklogs: Map<string, Worklog>,
  sinceMs: number | null,
): Promise<Map<number, JiraScan<Worklog>>> {
  const looking = group.filter((p) => needsJiraScan(planInputOf(p, worklogs), sinceMs));
  if (looking.length === 0) return new Map();
  try {
    const found = await findMarked(
      session.jira,
      scope,
      looking[0].issueKey!,
      looking.map((p) => Date.parse(p.record.timein)),
    );
    return new Map(
      looking.map((p) => {
        const worklog = found.get(p.record.id);
        return [p.record.id, worklog ? { found: { worklog, hash: markedHash(worklog) } } : {}] as const;
      }),
    );
  } catch (error) {
    const failure = describeFailure(error);
    return new Map(looking.map((p) => [p.record.id, { failure }] as const));
  }
}
