// Jira's side of the story in the sandbox, in a real browser: a record changed in the timecard
// whose worklog someone edited in Jira (the emulator delivers the product event to the app's
// trigger) shows both versions side by side on the global page and in the issue panel; the person
// keeps Jira's there, and the timecard's here.
import type { Page } from 'playwright-core';
import { expectAccessible } from './support/axe';
import { describedStep, globalPage, issuePanel, screenshot, useSandboxPage } from './support/browser';
import { conflictingRecord, globalContext } from './support/jiraSide';
import { emulatorWorklogs, invoke, type RunningSandbox } from './support/sandbox';
import { waitUntil } from './support/wait';

const ALICE = 'demo-alice';
const SCREENSHOTS = process.env.E2E_SCREENSHOTS !== '0';
describe('a conflict resolved in the sandbox', () => {
  const session = useSandboxPage({}, async ({ page, sandbox }) => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await invoke(sandbox, 'connectTimecard', { username: sandbox.demo.username, password: sandbox.demo.password }, globalContext);
  });
  let sandbox: RunningSandbox;
  let page: Page;
  beforeAll(() => {
    ({ sandbox, page } = session);
  });

  afterEach(() => {
    const serious = session.problems.filter((p) => !/Failed to load resource|favicon|ResizeObserver loop/i.test(p));
    session.problems.length = 0;
    expect(serious).toEqual([]);
  });

  const step = describedStep(() => ({ page, problems: session.problems, network: session.network, serverOutput: sandbox.output() }));

  step("the global page shows both versions side by side; Keep Jira's writes nothing to Jira", async () => {
    const { id, worklogId } = await conflictingRecord(sandbox, 3, 'Release checklist');
    await page.goto(`/?as=${ALICE}`);
    await page.getByTestId('nav-global-page').click();
    const gp = globalPage(page);
    const row = gp.locator(`tr[data-record-id="${id}"]`);
    await row.getByText('Conflict', { exact: true }).waitFor();
    const jira = row.getByRole('group', { name: 'In Jira' });
    const timecard = row.getByRole('group', { name: 'In your timecard' });
    expect(await jira.innerText()).toMatch(/Time: 30m[\s\S]*Comment: Release checklist \(shortened in Jira\)/);
    expect(await timecard.innerText()).toMatch(/Time: 1h 30m[\s\S]*Comment: Release checklist, with the review/);
    await row.scrollIntoViewIfNeeded();
    await expectAccessible(page, 'global page · conflict');
    await screenshot(page, 'global-page-conflict', SCREENSHOTS);

    const before = (await emulatorWorklogs(sandbox, 'DEMO-6')).find((w) => w.id === worklogId);
    await row.getByRole('button', { name: 'Keep Jira’s' }).click();
    await row.getByText('Synced', { exact: true }).waitFor();
    expect(await row.getByRole('group', { name: 'In Jira' }).count()).toBe(0);
    expect((await emulatorWorklogs(sandbox, 'DEMO-6')).find((w) => w.id === worklogId)).toEqual(before);
  });

  step("the issue panel shows the same choice; Keep the timecard's updates that worklog", async () => {
    const { id, worklogId } = await conflictingRecord(sandbox, 5, 'Smoke tests');
    await page.goto(`/?as=${ALICE}`);
    await page.getByTestId('nav-issue-DEMO-6').click();
    const panel = issuePanel(page);
    const row = panel.getByTestId(`record-${id}`);
    await row.getByTestId(`record-${id}-choice`).waitFor();
    expect(await panel.getByTestId(`record-${id}-jira-version`).innerText()).toContain('Time: 30m');
    expect(await panel.getByTestId(`record-${id}-timecard-version`).innerText()).toContain('Time: 1h 30m');
    await expectAccessible(page, 'issue panel · conflict');
    await screenshot(page, 'issue-panel-conflict', SCREENSHOTS);

    await row.getByRole('button', { name: "Keep the timecard's" }).click();
    await waitUntil(async () => /synced/i.test(await row.getByTestId(`record-${id}-status`).innerText()), 'the row to read Synced');
    const mine = (await emulatorWorklogs(sandbox, 'DEMO-6')).filter((w) => w.id === worklogId);
    expect(mine.map((w) => w.timeSpentSeconds)).toEqual([90 * 60]);
  });
});
