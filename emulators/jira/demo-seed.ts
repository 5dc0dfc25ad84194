/** A small demo site for the CLI and the sandbox. */
import type { JiraSeed } from './types';

const ALL_WORK = ['BROWSE_PROJECTS', 'WORK_ON_ISSUES', 'EDIT_OWN_WORKLOGS', 'DELETE_OWN_WORKLOGS'];

export function demoSeed(): JiraSeed {
  return {
    users: [
      { accountId: 'demo-alice', displayName: 'Alice Example', timeZone: 'America/Los_Angeles', locale: 'en_US', emailAddress: 'alice@example.com' },
      { accountId: 'demo-bob', displayName: 'Bob Beispiel', timeZone: 'Europe/Berlin', locale: 'de_DE', emailAddress: 'bob@example.com' },
      { accountId: 'demo-admin', displayName: 'Ada Admin', timeZone: 'UTC', locale: 'en_GB', siteAdmin: true },
    ],
    projects: [
      {
        id: '10000', key: 'DEMO', name: 'Demo Project',
        permissions: { '*': ALL_WORK, 'demo-admin': [...ALL_WORK, 'ADMINISTER_PROJECTS', 'EDIT_ALL_WORKLOGS', 'DELETE_ALL_WORKLOGS'] },
      },
      { id: '10001', key: 'OPS', name: 'Operations', permissions: { 'demo-alice': ['BROWSE_PROJECTS'], 'demo-admin': [...ALL_WORK, 'ADMINISTER_PROJECTS'] } },
    ],
    issues: [
      { key: 'DEMO-1', summary: 'Set up the login page', status: 'Done', projectKey: 'DEMO' },
      { key: 'DEMO-2', summary: 'Fix timezone bug in reports', status: 'In Progress', projectKey: 'DEMO', originalEstimateSeconds: 28800, remainingEstimateSeconds: 14400 },
      { key: 'DEMO-3', summary: 'Write onboarding documentation', status: 'To Do', projectKey: 'DEMO' },
      { key: 'DEMO-4', summary: 'Customer call: quarterly review', status: 'To Do', projectKey: 'DEMO' },
      { key: 'DEMO-5', summary: 'Refactor login session handling', status: 'In Progress', projectKey: 'DEMO' },
      { key: 'OPS-1', summary: 'Rotate database credentials', status: 'To Do', projectKey: 'OPS' },
    ],
    recentIssues: { 'demo-alice': ['DEMO-2', 'DEMO-1'] },
  };
}
