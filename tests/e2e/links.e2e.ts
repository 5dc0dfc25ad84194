// In a real browser: the records the timecard's own Jira sync logged (DEMO-7) on the issue panel and
// the global page, and a link made with the issue search written back to the timecard for a person
// who turned that on.
import type { Page } from 'playwright-core';
import { expectAccessible } from './support/axe';
import { globalPage, issuePanel, screenshot, useSandboxPage } from './support/browser';
import { invoke, type RunningSandbox } from './support/sandbox';
import { chooseDate, expectText, waitUntil } from './support/wait';

const ALICE = 'demo-alice';
const ZONE = 'America/Los_Angeles';
const SCREENSHOTS = process.env.E2E_SCREENSHOTS !== '0';
const DAY = 86_400_000;
const globalContext = { accountId: ALICE, timezone: ZONE, locale: 'en-US', extension: { type: 'jira:globalPage' } };

interface View {
  id: number;
  start: string;
  notes: string;
  status: string;
  issueKey: string | null;
  linkSource: string | null;
}

/** The day a record starts on in Alice's zone, as the date picker takes it (MM/DD/YYYY). */
const pickerDay = (instant: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));

/** The record as the timecard server holds it, read through the emulator's control route. */
async function timecardRecord(sandbox: RunningSandbox, id: number): Promise<Record<string, unknown> | undefined> {
  const login = await fetch(`${sandbox.timecardUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: sandbox.demo.username, password: sandbox.demo.password }),
  });
  const { access_token } = (await login.json()) as { access_token: string };
  const userId = JSON.parse(Buffer.from(access_token.split('.')[1]!, 'base64url').toString('utf8')).sub as string;
  const records = (await (await fetch(`${sandbox.timecardUrl}/__emulator/records?userId=${userId}`)).json()) as Record<string, unknown>[];
  return records.find((r) => r.id === id);
}

describe('links both ways, and the records the timecard’s own Jira sync logged', () => {
  const session = useSandboxPage({}, async ({ page, sandbox }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    await invoke(sandbox, 'connectTimecard', { username: sandbox.demo.username, password: sandbox.demo.password }, globalContext);
  });
  let sandbox: RunningSandbox;
  let page: Page;
  let records: View[];
  beforeAll(async () => {
    ({ sandbox, page } = session);
    const now = Date.now();
    const range = { from: new Date(now - 30 * DAY).toISOString().slice(0, 10), to: new Date(now + 2 * DAY).toISOString().slice(0, 10) };
    records = (await invoke(sandbox, 'listRecords', range, globalContext)).records;
  });

  afterEach(() => {
    const serious = session.problems.filter((p) => !/Failed to load resource|favicon|ResizeObserver loop/i.test(p));
    session.problems.length = 0;
    expect(serious).toEqual([]);
  });

  const byNotes = (notes: string) => records.find((r) => r.notes === notes)!;

  test('DEMO-7’s issue panel shows the record the timecard’s own Jira sync logged as synced, and the one whose worklog is gone', async () => {
    const logged = byNotes('Archived the 2025 reports');
    const gone = byNotes('Checked the archive');
    expect([logged.status, gone.status]).toEqual(['synced', 'deleted-in-jira']);

    await page.goto(`/?as=${ALICE}`);
    await page.getByTestId('nav-issue-DEMO-7').click();
    const panel = issuePanel(page);
    const loggedRow = panel.getByTestId(`record-${logged.id}`);
    await loggedRow.waitFor();
    await expectText(panel.getByTestId(`record-${logged.id}-status`), /^synced$/i);
    await expectText(panel.getByTestId(`record-${gone.id}-status`), /^deleted in jira$/i);
    await loggedRow.getByRole('button', { name: 'Details', exact: true }).click();
    await expectText(loggedRow, /Logged by the timecard's own Jira sync\. The next sync takes this worklog over/);
    await panel.getByTestId(`record-${gone.id}`).getByRole('button', { name: 'Details', exact: true }).click();
    await expectText(panel.getByTestId(`record-${gone.id}`), /Worklog not found \(404\) on update/);
    await expectAccessible(page, 'issue panel DEMO-7, records the timecard’s own Jira sync logged');
    await screenshot(page, 'issue-panel-timecard-sync', SCREENSHOTS);
  });

  test('the global page shows the same two records on their day', async () => {
    const logged = byNotes('Archived the 2025 reports');
    const gone = byNotes('Checked the archive');
    await page.getByTestId('nav-global-page').click();
    const gp = globalPage(page);
    await gp.getByRole('button', { name: 'Custom', exact: true }).click();
    const day = pickerDay(logged.start);
    await chooseDate(gp.locator('#tc-range-from'), day);
    await chooseDate(gp.locator('#tc-range-to'), day);
    const loggedRow = gp.locator(`tr[data-record-id="${logged.id}"]`);
    await expectText(loggedRow, /Archived the 2025 reports/);
    await expectText(loggedRow, /synced/i);
    await expectText(gp.locator(`tr[data-record-id="${gone.id}"]`), /deleted in jira/i);
    // Its status says who logged it, on hover or focus.
    await loggedRow.locator('.tc-tip-target', { hasText: /synced/i }).hover();
    await expectText(gp.getByRole('tooltip'), /^Logged by the timecard's own Jira sync\. The next sync takes this worklog over/);
    await expectAccessible(page, 'global page, records the timecard’s own Jira sync logged');
    await screenshot(page, 'global-page-timecard-sync', SCREENSHOTS);
  });

  test('with write-back turned on, a link made with the issue search is in the timecard server', async () => {
    const gp = globalPage(page);
    await gp.getByRole('tab', { name: 'Connection' }).click();
    const toggle = gp.getByLabel('Write links I make here to my timecard');
    await toggle.waitFor();
    await waitUntil(async () => !(await toggle.isDisabled()), 'the switch to load');
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click({ force: true });
    await waitUntil(() => toggle.isChecked(), 'the switch to turn on');
    await expectAccessible(page, 'connection tab, write-back switch on');
    await screenshot(page, 'global-page-write-back-switch', SCREENSHOTS);

    const target = records.find((r) => r.linkSource === 'suggested' && r.notes.includes('DEMO-3'))!;
    expect((await timecardRecord(sandbox, target.id))?.jira_issue_key).toBeNull();
    await gp.getByRole('tab', { name: 'Records' }).click();
    await gp.getByRole('button', { name: 'Custom', exact: true }).click();
    const day = pickerDay(target.start);
    await chooseDate(gp.locator('#tc-range-from'), day);
    await chooseDate(gp.locator('#tc-range-to'), day);
    const row = gp.locator(`tr[data-record-id="${target.id}"]`);
    await row.getByRole('button', { name: 'Change' }).click();
    await gp.getByRole('combobox', { name: 'Search issues' }).fill('DEMO-4');
    await gp.getByRole('option', { name: /DEMO-4/ }).click();
    const notice = gp.locator('.tc-write-back-notice[role="status"]');
    await expectText(notice, /Written to your timecard.*Your timecard now shows this record on DEMO-4 too\./);
    await expectText(row, /DEMO-4/);
    expect((await timecardRecord(sandbox, target.id))?.jira_issue_key).toBe('DEMO-4');
    await expectAccessible(page, 'global page, link written to the timecard');
    await screenshot(page, 'global-page-write-back', SCREENSHOTS);
  });
});
