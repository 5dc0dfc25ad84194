// The demo world of the sandbox and the tests: Jira project DEMO with a few issues and three
// people, and a timecard user whose last two weeks hold every kind of record the app handles.
import type { JiraSeed } from '../emulators/jira/types';

export const DEMO = {
  accountId: 'demo-alice', // may log work
  viewerAccountId: 'demo-victor', // may browse DEMO but not log work
  adminAccountId: 'demo-admin', // Jira admin and DEMO project admin
  projectKey: 'DEMO',
  projectId: '10000',
  timeZone: 'America/Los_Angeles',
  timecardUser: 'alice',
  timecardPassword: 'timecard-demo',
  issueKeys: ['DEMO-1', 'DEMO-2', 'DEMO-3', 'DEMO-4', 'DEMO-5', 'DEMO-6'],
  /** Where the timecard's own, older Jira sync logged two records (one worklog is still there, one is gone). */
  timecardSyncIssueKey: 'DEMO-7',
  /** The worklog the timecard's own Jira sync wrote for Alice: the first (only) worklog the Jira seed holds. */
  timecardSyncWorklogId: '100000',
  goneWorklogId: '99999',
};

const WORK = ['BROWSE_PROJECTS', 'WORK_ON_ISSUES', 'EDIT_OWN_WORKLOGS', 'DELETE_OWN_WORKLOGS'];

/** `now` fixes "today", as for seedDemoTimecard (the seeded worklog is that of a demo record). */
export function demoJiraSeed(now = new Date()): JiraSeed {
  const byTimecard = timecardSyncedWork(demoDay(now));
  return {
    users: [
      { accountId: DEMO.accountId, displayName: 'Alice Example', timeZone: DEMO.timeZone, locale: 'en_US', emailAddress: 'alice@example.com' },
      {
        accountId: DEMO.viewerAccountId,
        displayName: 'Victor Viewer',
        timeZone: 'Asia/Kolkata',
        locale: 'en_US',
        emailAddress: 'victor@example.com',
      },
      { accountId: DEMO.adminAccountId, displayName: 'Ada Admin', timeZone: 'UTC', locale: 'en_GB', siteAdmin: true },
    ],
    projects: [
      {
        id: DEMO.projectId,
        key: DEMO.projectKey,
        name: 'Demo Project',
        permissions: {
          [DEMO.accountId]: WORK,
          [DEMO.viewerAccountId]: ['BROWSE_PROJECTS'],
          [DEMO.adminAccountId]: [...WORK, 'ADMINISTER_PROJECTS', 'EDIT_ALL_WORKLOGS', 'DELETE_ALL_WORKLOGS'],
        },
      },
    ],
    issues: [
      { key: 'DEMO-1', summary: 'Set up the login page', status: 'Done', projectKey: 'DEMO' },
      {
        key: 'DEMO-2',
        summary: 'Fix time zone bug in reports',
        status: 'In Progress',
        projectKey: 'DEMO',
        originalEstimateSeconds: 28800,
        remainingEstimateSeconds: 14400,
      },
      { key: 'DEMO-3', summary: 'Write onboarding documentation', status: 'To Do', projectKey: 'DEMO' },
      { key: 'DEMO-4', summary: 'Customer call: quarterly review', status: 'To Do', projectKey: 'DEMO' },
      { key: 'DEMO-5', summary: 'Refactor session handling', status: 'In Progress', projectKey: 'DEMO' },
      { key: 'DEMO-6', summary: 'Release 2.0 checklist', status: 'To Do', projectKey: 'DEMO' },
      { key: DEMO.timecardSyncIssueKey, summary: 'Archive last year’s reports', status: 'Done', projectKey: 'DEMO' },
    ],
    // Written by the timecard's own Jira sync (no `timecard-sync` property): the app takes it over.
    worklogs: [
      {
        issueKey: DEMO.timecardSyncIssueKey,
        authorAccountId: DEMO.accountId,
        started: byTimecard.logged.timein,
        timeSpentSeconds: 3600,
        comment: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: byTimecard.logged.notes }] }] },
      },
    ],
    recentIssues: { [DEMO.accountId]: ['DEMO-2', 'DEMO-1'] },
  };
}

/** The slice of the timecard emulator the demo needs (so a real server can't be seeded by mistake). */
export interface TimecardSeeder {
  addUser(username: string, password: string): number;
  addAttribute(userId: number, attr: { name: string; level_num: 1 | 2 | 3; parent_id?: number | null; color?: string }): number;
  addRecord(userId: number, record: Record<string, unknown> & { timein: string }): { id: number };
  addRawRecord(userId: number, json: unknown, opts?: { at?: string }): number;
}

export interface DemoRecords {
  userId: number;
  ids: Record<string, number>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A demo instant: `hour`:`minute` after 08:00 in Los Angeles, `daysAgo` working days before the latest one. */
type DemoDay = (daysAgo: number, hour: number, minute?: number) => string;

function demoDay(now: Date): DemoDay {
  // 16:00 UTC = 08:00 in Los Angeles (winter): the latest working-day start at least 4 hours ago.
  let anchor = Math.floor(now.getTime() / DAY) * DAY + 16 * HOUR;
  if (anchor + 4 * HOUR > now.getTime()) anchor -= DAY;
  return (daysAgo, hour, minute = 0) => new Date(anchor - daysAgo * DAY + hour * HOUR + minute * 60_000).toISOString().replace('.000Z', 'Z');
}

/** The records the timecard's own Jira sync logged: one whose worklog Jira has (seeded above), one whose worklog was deleted. */
function timecardSyncedWork(day: DemoDay) {
  const synced = { jira_synced: true, jira_issue_key: DEMO.timecardSyncIssueKey, last_synced_at: day(12, 2) };
  return {
    logged: { ...synced, timein: day(12, 0), timeout: day(12, 1), notes: 'Archived the 2025 reports', jira_worklog_id: DEMO.timecardSyncWorklogId },
    gone: {
      ...synced,
      timein: day(12, 1, 30),
      timeout: day(12, 2),
      notes: 'Checked the archive',
      jira_worklog_id: DEMO.goneWorklogId,
      jira_sync_error: 'Worklog not found (404) on update',
    },
  };
}

/** Two weeks of records ending today; `now` fixes "today" (times are UTC instants of working hours in Los Angeles). */
export function seedDemoTimecard(timecard: TimecardSeeder, now = new Date()): DemoRecords {
  const userId = timecard.addUser(DEMO.timecardUser, DEMO.timecardPassword);
  const acme = timecard.addAttribute(userId, { name: 'Acme Corp', level_num: 1, color: '#0C66E4' });
  const internal = timecard.addAttribute(userId, { name: 'Internal', level_num: 1, color: '#6E5DC6' });
  const dev = timecard.addAttribute(userId, { name: 'Development', level_num: 2, parent_id: acme });
  const meetings = timecard.addAttribute(userId, { name: 'Meetings', level_num: 2, parent_id: acme });
  const backend = timecard.addAttribute(userId, { name: 'Backend', level_num: 3, parent_id: dev });
  const attrs = { domain_id: acme, category_id: dev, title_id: backend };
  const day = demoDay(now);
  const ids: Record<string, number> = {};
  const add = (name: string, record: Record<string, unknown> & { timein: string }) =>
    (ids[name] = timecard.addRecord(userId, { ...attrs, ...record }).id);

  for (let d = 13; d >= 1; d--) {
    if (d % 7 === 5 || d % 7 === 6) continue; // a weekend
    add(`DEMO-2 day ${d}`, { timein: day(d, 0), timeout: day(d, 2, 15), notes: 'Reports: time zone handling', jira_issue_key: 'DEMO-2' });
    add(`DEMO-5 day ${d}`, { timein: day(d, 3), timeout: day(d, 4, 40), notes: 'Session refactor', jira_issue_key: d % 2 ? 'demo-5 ' : 'DEMO-5' });
    add(`notes day ${d}`, { timein: day(d, 5), timeout: day(d, 5, 50), notes: `Docs pass, see DEMO-3`, jira_issue_key: null });
  }
  add('link to DEMO-4', {
    timein: day(2, 6),
    timeout: day(2, 7, 5),
    notes: 'Quarterly review call',
    external_link: 'https://acme.atlassian.net/browse/DEMO-4',
    domain_id: acme,
    category_id: meetings,
    title_id: null,
  });
  add('mapped domain', { timein: day(1, 7), timeout: day(1, 7, 45), notes: 'Release prep', domain_id: internal, category_id: null, title_id: null });
  add('too short', { timein: day(0, 0), timeout: day(0, 0, 0.5), notes: 'Quick look at DEMO-1', jira_issue_key: 'DEMO-1' });
  add('DEMO-1 today', { timein: day(0, 1), timeout: day(0, 2, 20), notes: 'Login page polish', jira_issue_key: 'DEMO-1' });
  add('running', {
    timein: new Date(now.getTime() - 40 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    timeout: null,
    notes: 'Still on DEMO-1',
    jira_issue_key: 'DEMO-1',
  });
  const byTimecard = timecardSyncedWork(day);
  add('logged by the timecard', byTimecard.logged);
  add('timecard worklog gone', byTimecard.gone);
  ids['malformed'] = timecard.addRawRecord(
    userId,
    { id: 9001, timein: 'yesterday-ish', timeout: null, notes: 'DEMO-1 broken row', jira_issue_key: 'DEMO-1' },
    { at: day(1, 0) },
  );
  return { userId, ids };
}
