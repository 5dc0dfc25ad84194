// The issue panel at the widths Jira gives it (320 px up to a wide layout): a compact list whose
// rows never overflow their frame and never split a word, details on demand; a suggestion is
// logged only once accepted, and the logged suggestion is then a link.
import type { Page } from 'playwright-core';
import { expectAccessible } from './support/axe';
import { issuePanel, screenshot, settle, useSandboxPage } from './support/browser';
import { layoutProblems, setSurfaceWidth, surfaceFrame } from './support/layout';
import { emulatorWorklogs, invoke, type RunningSandbox } from './support/sandbox';

const ALICE = 'demo-alice';
const PANEL = 'jira:issuePanel';
const WIDTHS = [320, 400, 600, 900];
const globalContext = { accountId: ALICE, extension: { type: 'jira:globalPage' } };

describe('the issue panel at every width', () => {
  const session = useSandboxPage({}, async ({ page, sandbox }) => {
    // Room for a 900 px panel beside the issue's side column.
    await page.setViewportSize({ width: 1600, height: 1000 });
    await invoke(sandbox, 'connectTimecard', { username: sandbox.demo.username, password: sandbox.demo.password }, globalContext);
  });
  let sandbox: RunningSandbox;
  let page: Page;
  let problems: string[];
  beforeAll(() => {
    ({ sandbox, page, problems } = session);
  });

  afterEach(() => {
    const serious = problems.filter((p) => !/Failed to load resource|favicon|ResizeObserver loop/i.test(p));
    problems.length = 0;
    expect(serious).toEqual([]);
  });

  async function openIssue(issueKey: string): Promise<void> {
    await page.goto(`/?as=${ALICE}`);
    await page.getByTestId(`nav-issue-${issueKey}`).click();
    await issuePanel(page).getByRole('list').first().waitFor();
  }

  /** Sets the width, opens the details of the first rows, and checks the whole panel. */
  async function checkAt(width: number, openRows: number): Promise<void> {
    await setSurfaceWidth(page, PANEL, width);
    const panel = issuePanel(page);
    const toggles = panel.getByRole('button', { name: 'Details', exact: true });
    for (let i = 0; i < openRows; i++) await toggles.first().click();
    await settle(page);
    const frame = await surfaceFrame(page, PANEL);
    expect(await frame.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(width);
    const found = await layoutProblems(frame);
    expect({ width, ...found }).toEqual({ width, overflowing: [], splitWords: [] });
    // Close them again for the next width.
    const hide = panel.getByRole('button', { name: 'Hide details', exact: true });
    while ((await hide.count()) > 0) await hide.first().click();
  }

  test('DEMO-1 (not synced, synced, too short, running records) reads well from 320 to 900 px', async () => {
    const panelContext = {
      accountId: ALICE,
      timezone: 'America/Los_Angeles',
      locale: 'en-US',
      extension: { type: PANEL, issue: { key: 'DEMO-1' }, project: { key: 'DEMO', id: '10000' } },
    };
    const before = await invoke(sandbox, 'getIssuePanel', {}, panelContext);
    const loggable = before.records.find((r: { status: string }) => r.status === 'not-synced');
    await invoke(sandbox, 'syncRecords', { recordIds: [loggable.id] }, panelContext);
    await openIssue('DEMO-1');
    const panel = issuePanel(page);
    await panel.getByText('Synced', { exact: true }).first().waitFor();
    const rows = panel.getByRole('listitem');
    expect(await rows.count()).toBe(before.records.length);
    // The demo's unreadable record is meant for DEMO-1: said here in words, and it can be dismissed.
    const unreadable = panel.getByText(
      'One record from your timecard could not be read (its start time is not a valid date and time); fix it in your timecard.',
    );
    await unreadable.waitFor();
    expect(await panel.getByText(/timein|date-time|Record 9001/).count()).toBe(0);
    for (const width of WIDTHS) await checkAt(width, 3);
    await expectAccessible(page, 'issue panel DEMO-1, 900 px');
    await panel.getByRole('button', { name: 'Dismiss' }).click();
    await unreadable.waitFor({ state: 'detached' });
  });

  test('DEMO-2 (a month of records) at 400 px: one row each, details on demand; the README screenshot', async () => {
    await openIssue('DEMO-2');
    await setSurfaceWidth(page, PANEL, 400);
    const panel = issuePanel(page);
    const first = panel.getByRole('listitem').first();
    // The row itself: day and time, duration → will log, status, one primary action, a Details button.
    await first.getByRole('button', { name: 'Log', exact: true }).waitFor();
    // Nothing about the unreadable record meant for DEMO-1.
    expect(await panel.getByText(/could not be read/).count()).toBe(0);
    expect(await first.getByRole('button').allInnerTexts()).toEqual(['Log', 'Details']);
    expect(await first.innerText()).toMatch(/2h 15m\s*→\s*2h 15m/);
    expect(await first.innerText()).not.toContain('Reports: time zone handling');
    await first.getByRole('button', { name: 'Details' }).click();
    await first.getByText('Reports: time zone handling').waitFor();
    await first.getByText('Linked in timecard').waitFor();
    await screenshot(page, 'issue-panel-narrow', process.env.E2E_SCREENSHOTS !== '0', { fullPage: true });
    await expectAccessible(page, 'issue panel DEMO-2, 400 px, details open');
    await first.getByRole('button', { name: 'Hide details' }).click();
    for (const width of WIDTHS) await checkAt(width, 2);
  });

  test('DEMO-3: a suggestion offers Accept and log; once logged it is linked here, not suggested', async () => {
    await openIssue('DEMO-3');
    await setSurfaceWidth(page, PANEL, 400);
    const panel = issuePanel(page);
    const first = panel.getByRole('listitem').first();
    await first.getByRole('button', { name: 'Accept and log' }).waitFor();
    for (const width of WIDTHS) await checkAt(width, 2);
    await setSurfaceWidth(page, PANEL, 400);
    expect(await emulatorWorklogs(sandbox, 'DEMO-3')).toHaveLength(0);
    await first.getByRole('button', { name: 'Accept and log' }).click();
    await first.getByText('Synced', { exact: true }).waitFor();
    await first.getByRole('button', { name: 'Details' }).click();
    await first.getByText('Linked here', { exact: true }).waitFor();
    expect(await first.getByRole('button', { name: 'Link here' }).count()).toBe(0);
    expect(await first.getByRole('button', { name: 'Accept and log' }).count()).toBe(0);
    const inJira = await emulatorWorklogs(sandbox, 'DEMO-3');
    expect(inJira).toHaveLength(1);
    // After a reload, still a link (stored), not a suggestion.
    await openIssue('DEMO-3');
    const again = issuePanel(page).getByRole('listitem').first();
    await again.getByText('Synced', { exact: true }).waitFor();
    await again.getByRole('button', { name: 'Details' }).click();
    await again.getByText('Linked here', { exact: true }).waitFor();
    await expectAccessible(page, 'issue panel DEMO-3, logged suggestion');
  });
});
