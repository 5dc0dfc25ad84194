// The global page as a person meets it, in a real browser: the focus after a wrong password, the
// issue search and Preview; the selection bar on a long list; a custom range that ends before it
// starts; a running record; and the history by sync run, undone after a reload with a confirmation
// that keeps the focus inside it.
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { describedStep, globalPage, launchBrowser, newPage, screenshot } from './support/browser';
import { expectAccessible } from './support/axe';
import { allWorklogs, invoke, startSandbox, type RunningSandbox } from './support/sandbox';
import { chooseDate, expectText, waitUntil } from './support/wait';

const ALICE = 'demo-alice';
const SCREENSHOTS = process.env.E2E_SCREENSHOTS !== '0';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the global page in the sandbox', () => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let network: string[];

  beforeAll(async () => {
    [sandbox, browser] = await Promise.all([startSandbox({}), launchBrowser()]);
    ({ page, problems, network } = await newPage(browser, sandbox.url));
  });

  afterAll(async () => {
    await browser?.close();
    expect(await sandbox?.stop()).toBe(0);
  });

  afterEach(() => {
    const serious = problems.filter((p) => !/Failed to load resource|favicon|ResizeObserver loop/i.test(p));
    problems.length = 0;
    expect(serious).toEqual([]);
  });

  const step = describedStep(() => ({ page, problems, network, serverOutput: sandbox.output() }));

  step('a wrong password puts the focus back in the password field, with the error', async () => {
    await page.goto(`/?as=${ALICE}`);
    await page.getByTestId('nav-global-page').click();
    const gp = globalPage(page);
    await gp.getByLabel('Timecard username').fill(sandbox.demo.username);
    const password = gp.getByLabel('Password');
    await password.fill('not the password');
    await gp.getByRole('button', { name: 'Connect', exact: true }).focus();
    await page.keyboard.press('Enter');
    await gp.getByText('The timecard server did not accept that username and password.').waitFor();
    await waitUntil(async () => (await activeOf(gp)) === 'input[type=password]', 'the password field to have the focus');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    // What the person types replaces the wrong password.
    await page.keyboard.type(sandbox.demo.password);
    await page.keyboard.press('Enter');
    await gp.getByRole('tab', { name: 'Records' }).waitFor();
  });

  step('the issue search gives the focus back to the row when it closes', async () => {
    const gp = globalPage(page);
    const link = gp.getByRole('button', { name: 'Link issue' }).first();
    await link.waitFor();
    await link.focus();
    await page.keyboard.press('Enter');
    await gp.getByRole('combobox', { name: 'Search issues' }).waitFor();
    expect(await activeOf(gp)).toBe('input[role=combobox]');
    await expectAccessible(page, 'issue search');
    await page.keyboard.press('Escape');
    await gp.getByRole('combobox', { name: 'Search issues' }).waitFor({ state: 'detached' });
    expect(await activeOf(gp)).toBe('button:Link issue');
  });

  step('a running record shows how long it has run so far', async () => {
    const gp = globalPage(page);
    const running = gp.locator('tr', { has: gp.getByText('Running', { exact: true }) }).first();
    await running.waitFor();
    expect(await running.innerText()).toMatch(/running · (\d+h )?\d+m so far/);
  });

  step('a custom range whose From is after its To is refused with a sentence; the fields keep what was chosen', async () => {
    const gp = globalPage(page);
    const range = gp.locator('.tc-toolbar-end').first();
    const before = (await range.innerText()).trim();
    await gp.getByRole('button', { name: 'Custom', exact: true }).click();
    const from = gp.locator('#tc-range-from');
    await from.waitFor();
    const to = gp.locator('#tc-range-to');
    await chooseDate(from, '12/20/2026');
    await chooseDate(to, '12/10/2026');
    const alert = gp.getByRole('alert').filter({ hasText: 'is after the To date' });
    await alert.waitFor();
    expect((await alert.innerText()).replace(/\s+/g, ' ')).toMatch(
      /^The From date \(Sunday, December 20\) is after the To date \(Thursday, December 10\)\. Choose a From date on or before the To date/,
    );
    expect(await gp.locator('.tc-date-field').first().innerText()).toContain('12/20/2026');
    expect(await gp.locator('.tc-date-field').nth(1).innerText()).toContain('12/10/2026');
    expect((await range.innerText()).trim()).toBe(before);
    // The pointer back on the selected preset: hovered, it keeps its contrast.
    await gp.getByRole('button', { name: 'Custom', exact: true }).hover();
    await expectAccessible(page, 'custom range, From after To, Custom hovered');
    await gp.getByRole('button', { name: 'This week', exact: true }).click();
  });

  step('on a long list the selection bar stays in view, and Preview gives the focus back', async () => {
    await addRecordsLastWeek(sandbox, 60);
    const gp = globalPage(page);
    await gp.getByRole('button', { name: 'Last week', exact: true }).click();
    const rows = gp.locator('table[aria-busy="false"] tr[data-record-id]');
    await waitUntil(async () => (await rows.count()) >= 60, 'the records of last week');
    await gp.getByRole('button', { name: 'All', exact: true }).click();
    const bar = gp.getByRole('toolbar', { name: 'Selection' });
    await expectText(bar, /\d+\s*selected/);
    const last = rows.last();
    await last.scrollIntoViewIfNeeded();
    const viewport = page.viewportSize()!;
    const inView = async (locator: Locator) => {
      const box = await locator.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= viewport.height;
    };
    expect(await inView(last)).toBe(true);
    expect(await inView(bar)).toBe(true);
    await screenshot(page, 'global-page-long-list', SCREENSHOTS);

    const preview = gp.getByRole('button', { name: 'Preview', exact: true });
    await preview.focus();
    await page.keyboard.press('Enter');
    await gp.getByText('Preview: nothing has been written to Jira yet').waitFor({ timeout: 60_000 });
    await waitUntil(async () => (await activeOf(gp)) === 'button:Preview', 'the focus to be back on Preview');
    const sync = gp.getByRole('button', { name: /^Sync \d+ records( \(\d+ will be skipped\))?$/ });
    await sync.waitFor();
    await expectAccessible(page, 'preview');
    await gp.getByRole('button', { name: 'Close preview' }).click();
    await gp.getByRole('button', { name: 'None', exact: true }).click();
  });

  step('the history groups a sync run and undoes it after a reload, with a confirmation that keeps the focus', async () => {
    const records = await invoke(sandbox, 'listRecords', lastDays(20), {
      accountId: ALICE,
      timezone: 'America/Los_Angeles',
      extension: { type: 'jira:globalPage' },
    });
    const onDemo2 = records.records
      .filter((r: { issueKey: string; status: string }) => r.issueKey === 'DEMO-2' && r.status === 'not-synced')
      .slice(0, 2);
    expect(onDemo2).toHaveLength(2);
    const panel = {
      accountId: ALICE,
      timezone: 'America/Los_Angeles',
      extension: { type: 'jira:issuePanel', issue: { key: 'DEMO-2' }, project: { key: 'DEMO', id: '10000' } },
    };
    const synced = await invoke(sandbox, 'syncRecords', { recordIds: onDemo2.map((r: { id: number }) => r.id) }, panel);
    expect(synced.results.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'created']);
    const before = (await allWorklogs(sandbox)).length;

    await page.reload();
    const gp = globalPage(page);
    await gp.getByRole('tab', { name: 'History' }).click();
    const run = gp.getByRole('rowgroup', { name: /^Sync run Today .* · 2 records, / });
    await run.waitFor();
    const headline = (await run.locator('.tc-run-title').innerText()).trim();
    expect(headline).toMatch(/^Today (\d\d:\d\d( [AP]M)?) · 2 records, \d+h( \d+m)?, [A-Z][a-z]{2} \d+/);
    const time = /^Today (\d\d:\d\d(?: [AP]M)?)/.exec(headline)![1];
    // The work, not ids: day and time, the issue with its summary; ids on demand.
    const entry = (await run.locator('tr[data-history-id]').first().innerText()).replace(/\s+/g, ' ');
    expect(entry).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d+ \d\d:\d\d/);
    expect(entry).toContain('Fix time zone bug in reports');
    await screenshot(page, 'global-page-history-runs', SCREENSHOTS);
    await expectAccessible(page, 'history by sync run');

    await run.getByRole('button', { name: /^Undo the sync of Today/ }).click();
    const dialog = gp.getByRole('dialog');
    await dialog.getByText(`This deletes the 2 worklogs the sync of today ${time} created in Jira.`, { exact: false }).waitFor();
    expect((await dialog.getByRole('heading').innerText()).trim()).toBe(`Undo the sync of today ${time}?`);
    await screenshot(page, 'global-page-undo-confirm', SCREENSHOTS);
    await expectAccessible(page, 'undo confirmation');
    // The dialog keeps the focus: Tab goes round its buttons, never to the page behind it.
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await gp.locator('[role="dialog"] :focus, [role="dialog"]:focus').count()).toBe(1);
    }
    await dialog.getByRole('button', { name: 'Delete 2 worklogs' }).click();
    await gp.getByText(`Sync of Today ${time} undone`).waitFor();
    expect(await allWorklogs(sandbox)).toHaveLength(before - 2);

    await page.reload();
    await globalPage(page).getByRole('tab', { name: 'History' }).click();
    const undone = globalPage(page).getByRole('rowgroup', { name: /^Sync run Today .* · 2 records, / });
    await expectText(undone, /Undone today/);
    expect(await undone.getByRole('button', { name: /^Undo/ }).count()).toBe(0);
  });

  step('the overview and connection tabs', async () => {
    const gp = globalPage(page);
    await gp.getByRole('tab', { name: 'Overview' }).click();
    await gp.getByRole('img', { name: /^Time tracked and logged/ }).waitFor();
    await screenshot(page, 'global-page-overview', SCREENSHOTS);
    await expectAccessible(page, 'overview');
    await gp.getByRole('tab', { name: 'Connection' }).click();
    await gp.getByRole('button', { name: 'Disconnect' }).waitFor();
    await expectAccessible(page, 'connection');
  });
});

/** Sixty ten-minute records on Wednesday of last week (Los Angeles), linked to DEMO-3. */
async function addRecordsLastWeek(sandbox: RunningSandbox, count: number): Promise<void> {
  // Los Angeles is UTC-8 in winter; a US week starts on Sunday.
  const laNow = new Date(Date.now() - 8 * HOUR);
  const sunday = Date.UTC(laNow.getUTCFullYear(), laNow.getUTCMonth(), laNow.getUTCDate()) - laNow.getUTCDay() * DAY;
  const wednesday = sunday - 7 * DAY + 3 * DAY + 8 * HOUR; // 00:00 in Los Angeles, as UTC
  for (let i = 0; i < count; i++) {
    const start = wednesday + 7 * HOUR + i * 10 * 60_000;
    const response = await fetch(`${sandbox.timecardUrl}/__emulator/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: 1,
        timein: iso(start),
        timeout: iso(start + 9 * 60_000),
        notes: `Support ticket ${i + 1}`,
        jira_issue_key: 'DEMO-3',
      }),
    });
    expect(response.status).toBe(201);
  }
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function lastDays(n: number): { from: string; to: string } {
  return { from: new Date(Date.now() - n * DAY).toISOString().slice(0, 10), to: new Date(Date.now() + DAY).toISOString().slice(0, 10) };
}

/** What has the focus in the frame: `button:<its text>`, or a tag with its type or role. */
async function activeOf(frame: FrameLocator): Promise<string> {
  return frame.locator('body').evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    if (el.tagName === 'BUTTON') return `button:${el.innerText.trim()}`;
    if (el.getAttribute('role')) return `${el.tagName.toLowerCase()}[role=${el.getAttribute('role')}]`;
    return `${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[type=${el.getAttribute('type')}]` : ''}`;
  });
}
