// The bulk-job data set shared by the 1,000-record test and the bulk benchmark: 50 issues in
// project BULK, 20 finished records on each, indexed by one listRecords over their range.
import { DEMO } from '../../runtime/demoData';
import type { World } from './world';

const DAY = 86_400_000;
const MINUTE = 60_000;
const WORK = ['BROWSE_PROJECTS', 'WORK_ON_ISSUES', 'EDIT_OWN_WORKLOGS', 'DELETE_OWN_WORKLOGS'];
export const BULK_ISSUES = 50;
export const BULK_PER_ISSUE = 20;

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function seedBulk(
  world: World,
  issues = BULK_ISSUES,
  perIssue = BULK_PER_ISSUE,
): Promise<{ ids: number[]; issueKeys: string[]; listedCount: number }> {
  const issueKeys = Array.from({ length: issues }, (_, i) => `BULK-${i + 1}`);
  world.jira.seed({
    projects: [{ id: '20000', key: 'BULK', name: 'Bulk', permissions: { [DEMO.accountId]: WORK } }],
    issues: issueKeys.map((key) => ({ key, summary: `Bulk issue ${key}`, status: 'To Do' as const, projectKey: 'BULK' })),
  });
  const today = Math.floor(Date.now() / DAY) * DAY;
  const ids: number[] = [];
  for (let d = 1; d <= perIssue; d++) {
    issueKeys.forEach((key, i) => {
      const start = today - d * DAY + 6 * 60 * MINUTE + i * 12 * MINUTE;
      const record = { timein: iso(start), timeout: iso(start + 10 * MINUTE), notes: `Bulk work ${d}/${i}`, jira_issue_key: key };
      ids.push(world.timecard.addRecord(world.demo.timecardUserId, record).id);
    });
  }
  const listed = await world.invoke('listRecords', { from: day(today - (perIssue + 2) * DAY), to: day(today) });
  return { ids, issueKeys, listedCount: listed.records.length };
}
