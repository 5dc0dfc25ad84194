// The sandbox's own buttons (in its chrome, not in the app) run now what Forge runs every hour:
// "Run automatic logging now" fires the automatic-sync trigger, "Run Jira reconciliation now"
// reads Jira's worklog change feeds as the app, so a person trying the sandbox need not wait; and
// when Jira refuses to act for the person, every tab of the global page says automatic logging stopped.
import { globalPage, sessionSteps, useSandboxPage } from './support/browser';
import { expectAccessible } from './support/axe';
import { allWorklogs, invoke } from './support/sandbox';
import { expectText, waitUntil } from './support/wait';

const ALICE = 'demo-alice';
const context = { accountId: ALICE, timezone: 'America/Los_Angeles', extension: { type: 'jira:globalPage' } };

describe('the sandbox runs the hourly jobs on demand', () => {
  const session = useSandboxPage({}, async ({ sandbox }) => {
    const connected = await invoke(sandbox, 'connectTimecard', { username: sandbox.demo.username, password: sandbox.demo.password }, context);
    expect(connected).toMatchObject({ connected: true });
    expect(await invoke(sandbox, 'saveAutoSync', { enabled: true, graceMinutes: 15 }, context)).toMatchObject({ enabled: true });
  });

  const step = sessionSteps(session);

  step('Jira refusing to act for the person stops automatic logging: every tab of the page says so until it is on again', async () => {
    const { page, sandbox } = session;
    await fetch(`${sandbox.jiraUrl}/__emulator/fail-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ n: 1, method: 'GET', pathIncludes: '/myself', status: 401 }),
    });
    await page.goto(`/?as=${ALICE}`);
    await page.getByRole('button', { name: 'Run automatic logging now' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Automatic logging ran' }), /queued/);
    await waitUntil(async () => (await invoke(sandbox, 'getAutoSync', {}, context)).blocked !== undefined, 'automatic logging to stop', 60_000);

    await page.getByTestId('nav-global-page').click();
    const gp = globalPage(page);
    const banner = gp.getByTestId('auto-sync-stopped-banner');
    await expectText(banner, /Automatic logging has stopped for you/);
    await gp.getByRole('tab', { name: 'History' }).click();
    await expectText(banner, /turn it on again in the Automatic tab/);
    await expectAccessible(page, 'the global page, automatic logging stopped');
    await banner.getByRole('button', { name: 'Open automatic logging' }).click();
    await gp.getByRole('button', { name: 'Turn it on again' }).click();
    await waitUntil(async () => (await invoke(sandbox, 'getAutoSync', {}, context)).blocked === undefined, 'automatic logging to be on again');
    await gp.getByRole('tab', { name: 'Records' }).click();
    await waitUntil(async () => (await banner.count()) === 0, 'the banner to go');
  });

  step('"Run automatic logging now" logs the finished records of the person who turned it on', async () => {
    const { page, sandbox } = session;
    await page.goto(`/?as=${ALICE}`);
    const before = (await allWorklogs(sandbox)).length;
    await page.getByRole('button', { name: 'Run automatic logging now' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Automatic logging ran' }), /1 person with automatic logging on queued/);
    await waitUntil(async () => (await allWorklogs(sandbox)).length > before, 'the records to be logged', 60_000);
  });

  step('"Run Jira reconciliation now" reads Jira\'s worklog change feeds as the app', async () => {
    const { page, sandbox } = session;
    await page.goto(`/?as=${ALICE}`);
    await fetch(`${sandbox.jiraUrl}/__emulator/counts/reset`, { method: 'POST' });
    await page.getByRole('button', { name: 'Run Jira reconciliation now' }).click();
    await expectText(page.getByRole('status').filter({ hasText: 'Jira reconciliation ran' }), /marked on the records now/);
    const counts = (await (await fetch(`${sandbox.jiraUrl}/__emulator/counts`)).json()) as { byRoute: Record<string, number> };
    expect(counts.byRoute['GET /rest/api/3/worklog/updated']).toBeGreaterThanOrEqual(1);
    expect(counts.byRoute['GET /rest/api/3/worklog/deleted']).toBeGreaterThanOrEqual(1);
  });
});
