// A person's journey through the app in the sandbox, in a real browser: connect the timecard, log a
// record from the issue panel, bulk-sync a week with progress and summary, undo it, filter the
// history, change the project's rounding, and a person who may not log work. Run twice: once with a
// healthy Jira (and screenshots for the README), once with 20 % of Jira calls answering 429 — the
// end state in Jira must be the same.
//
// The steps of one run build on each other (one sandbox, one browser page), as a person's session does.
import type { Browser, Page } from 'playwright-core';
import {
  actAs,
  columnTexts,
  describedStep,
  globalPage,
  issuePanel,
  launchBrowser,
  newPage,
  screenshot,
  settingsPage,
  adminPage,
} from './support/browser';
import { expectAccessible } from './support/axe';
import { allWorklogs, emulatorWorklogs, invoke, startSandbox, type RunningSandbox, type StoredWorklog } from './support/sandbox';
import { expectCount, expectText, waitUntil } from './support/wait';

const ALICE = 'demo-alice';
const VICTOR = 'demo-victor';
const ADA = 'demo-admin';

interface Run {
  name: string;
  env: Record<string, string>;
  screenshots: boolean;
}

const RUNS: Run[] = [
  // Latency makes a bulk job last long enough to watch its progress bar move.
  { name: 'healthy Jira', env: { JIRA_LATENCY_MS: '60' }, screenshots: process.env.E2E_SCREENSHOTS !== '0' },
  { name: 'JIRA_FAULTS=429:0.2', env: { JIRA_LATENCY_MS: '60', JIRA_FAULTS: '429:0.2', JIRA_RETRY_AFTER: '1' }, screenshots: false },
];

/** What must not depend on faults: which worklogs exist in Jira, by whom, when and how long. */
function normalise(worklogs: StoredWorklog[]) {
  return worklogs
    .map((w) => ({
      issueKey: w.issueKey,
      author: w.authorAccountId,
      started: w.started,
      seconds: w.timeSpentSeconds,
      recordId: w.properties['timecard-sync']?.recordId ?? null,
    }))
    .sort((a, b) => `${a.issueKey} ${a.started}`.localeCompare(`${b.issueKey} ${b.started}`));
}

const endStates: Record<string, ReturnType<typeof normalise>> = {};

describe.each(RUNS)('the app in the sandbox ($name)', (run) => {
  let sandbox: RunningSandbox;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let network: string[];
  const shot = (name: string, options?: { fullPage?: boolean }) => screenshot(page, name, run.screenshots, options);
  // axe-core on every frame at each state, in the first run (the faulty Jira shows the same surfaces).
  const axe = (state: string) => (run === RUNS[0] ? expectAccessible(page, state) : Promise.resolve());
  // Shared between steps.
  let loggedRecordId: number | null = null;
  let bulkCreated = 0;

  beforeAll(async () => {
    [sandbox, browser] = await Promise.all([startSandbox(run.env), launchBrowser()]);
    ({ page, problems, network } = await newPage(browser, sandbox.url));
  });

  afterAll(async () => {
    await browser?.close();
    const code = await sandbox?.stop();
    expect(code).toBe(0);
  });

  /** A step of the journey; when it fails, the failure also says what the page showed. */
  const step = describedStep(() => ({ page, problems, network, serverOutput: sandbox.output() }));

  afterEach(() => {
    // Uncaught errors in the frame or a surface are failures, not noise.
    const serious = problems.filter((p) => !/Failed to load resource|favicon|ResizeObserver loop/i.test(p));
    problems.length = 0;
    expect(serious).toEqual([]);
  });

  step('connects the timecard account on the global page', async () => {
    await page.goto(`/?as=${ALICE}`);
    await page.getByTestId('nav-global-page').click();
    const gp = globalPage(page);
    await gp.getByRole('heading', { name: 'Connect your timecard account' }).waitFor();
    await shot('global-page-connect');
    await axe('connect');
    await gp.getByLabel('Timecard username').fill(sandbox.demo.username);
    await gp.getByLabel('Password').fill(sandbox.demo.password);
    await gp.getByRole('button', { name: 'Connect', exact: true }).click();
    await gp.getByRole('tab', { name: 'Records' }).waitFor();
    await gp.getByRole('button', { name: /^All not synced \(\d+\)$/ }).waitFor();
    await gp.locator('tbody tr').first().waitFor();
    await shot('global-page');
    await axe('records');
    const connection = await invoke(sandbox, 'getConnection', {}, { accountId: ALICE, extension: { type: 'jira:globalPage' } });
    expect(connection).toMatchObject({ connected: true, username: sandbox.demo.username });
  });

  step('logs a record from the issue panel; the worklog appears in the issue', async () => {
    await page.getByTestId('nav-issue-DEMO-2').click();
    await page.getByTestId('issue-summary').waitFor();
    await page.getByTestId('worklogs-empty').waitFor();
    const panel = issuePanel(page);
    const logButtons = panel.getByRole('button', { name: 'Log', exact: true });
    await logButtons.first().waitFor();
    const before = await logButtons.count();
    await logButtons.first().click();
    // The row updates in place, and the frame re-reads the issue's worklogs from Jira.
    await panel.getByText('Synced', { exact: true }).first().waitFor();
    await expectCount(logButtons, before - 1);
    const worklog = page.getByTestId('worklog');
    await worklog.first().waitFor();
    expect(await worklog.count()).toBe(1);
    await expectText(worklog.first(), /Alice Example logged 2h 15m/);
    await expectText(page.getByTestId('time-logged'), /2h 15m logged/);
    const inJira = await emulatorWorklogs(sandbox, 'DEMO-2');
    expect(inJira).toHaveLength(1);
    expect(inJira[0]).toMatchObject({ authorAccountId: ALICE, timeSpentSeconds: 8100 });
    loggedRecordId = inJira[0].properties['timecard-sync']?.recordId ?? null;
    expect(loggedRecordId).not.toBeNull();
    expect(await panel.locator('.uik-unsupported').count()).toBe(0);
    await shot('issue-panel', { fullPage: true });
    await axe('issue panel, one record logged');

    // Unlog (in the logged row's details) asks first (a UI Kit Modal); cancelling changes nothing.
    const loggedRow = panel
      .getByRole('listitem')
      .filter({ has: panel.getByText('Synced', { exact: true }) })
      .first();
    await loggedRow.getByRole('button', { name: 'Details', exact: true }).click();
    await loggedRow.getByRole('button', { name: 'Unlog', exact: true }).click();
    const dialog = panel.getByRole('dialog');
    await dialog.getByText('Delete this worklog?').waitFor();
    await shot('issue-panel-confirm');
    await axe('issue panel, unlog confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await emulatorWorklogs(sandbox, 'DEMO-2')).toHaveLength(1);
  });

  step('bulk-syncs last week from the global page with a progress bar and a summary', async () => {
    await page.getByTestId('nav-global-page').click();
    const gp = globalPage(page);
    const refresh = gp.getByRole('button', { name: 'Refresh', exact: true });
    await refresh.waitFor();
    const rangeText = gp.locator('.tc-toolbar-end').first();
    const thisWeek = (await rangeText.innerText()).trim();
    await gp.getByRole('button', { name: 'Last week', exact: true }).click();
    await waitUntil(async () => (await rangeText.innerText()).trim() !== thisWeek, 'the range to change');
    const allNotSynced = gp.getByRole('button', { name: /^All not synced \(\d+\)$/ });
    // Loaded when the page is idle and the count has stopped changing.
    let label = '';
    let stableSince = Date.now();
    await waitUntil(async () => {
      const now = (await allNotSynced.innerText()).trim();
      if (now !== label || !(await refresh.isEnabled())) {
        label = now;
        stableSince = Date.now();
      }
      return Date.now() - stableSince > 700;
    }, 'the records of last week');
    const selectable = Number(/\((\d+)\)/.exec(label)![1]);
    expect(selectable).toBeGreaterThan(5);
    await allNotSynced.click();
    await expectText(gp.getByRole('toolbar', { name: 'Selection' }), new RegExp(`${selectable}\\s*selected`));
    // A slower Jira while the job runs, so the progress bar is seen moving (the page polls every second).
    await setJiraLatency(sandbox, 400);
    await gp.getByRole('button', { name: 'Sync selected' }).click();

    const progress = gp.getByRole('progressbar', { name: 'Sync progress' });
    await progress.waitFor();
    await gp
      .getByText(/\b[1-9]\d* of \d+ done/)
      .waitFor({ timeout: 20_000 })
      .catch(() => undefined); // the job may finish first
    await shot('global-page-bulk-progress');
    await gp.getByText(/^Sync finished/).waitFor({ timeout: 120_000 });
    await setJiraLatency(sandbox, Number(run.env.JIRA_LATENCY_MS ?? 0));
    const counts = await gp.getByRole('list', { name: 'Sync counts' }).innerText();
    const count = (name: string) => Number(new RegExp(`(\\d+)\\s*${name}`).exec(counts)?.[1] ?? NaN);
    expect(count('failed')).toBe(0);
    bulkCreated = count('created');
    expect(bulkCreated).toBeGreaterThan(5);
    expect(bulkCreated + count('updated') + count('unchanged') + count('skipped')).toBe(selectable);
    await shot('global-page-bulk-summary');
    await axe('sync summary');

    const worklogs = await allWorklogs(sandbox);
    expect(worklogs).toHaveLength(1 + bulkCreated);
    // One worklog per record, however often Jira said 429.
    const recordIds = worklogs.map((w) => w.properties['timecard-sync']?.recordId);
    expect(new Set(recordIds).size).toBe(recordIds.length);
  });

  step('undoes the bulk sync', async () => {
    const gp = globalPage(page);
    await gp.getByRole('button', { name: 'Undo this sync' }).click();
    // It asks first, naming how many worklogs go.
    await gp
      .getByRole('dialog')
      .getByRole('button', { name: `Delete ${bulkCreated} worklog${bulkCreated === 1 ? '' : 's'}` })
      .click();
    await gp.getByText(new RegExp(`^Sync undone: ${bulkCreated} worklogs? deleted`)).waitFor({ timeout: 120_000 });
    await shot('global-page-undo');
    await axe('undo summary');
    const worklogs = await allWorklogs(sandbox);
    expect(worklogs).toHaveLength(1);
    expect(worklogs[0].properties['timecard-sync']?.recordId).toBe(loggedRecordId);
  });

  step('filters the sync history', async () => {
    const gp = globalPage(page);
    await gp.getByRole('tab', { name: 'History' }).click();
    const table = gp.getByRole('table', { name: 'Sync history' });
    await table.waitFor();
    await chooseOption(gp.getByLabel('Outcome'), gp.getByRole('option', { name: 'Deleted', exact: true }));
    await expectCount(table.locator('tbody tr[data-history-id]'), bulkCreated);
    expect(new Set((await columnTexts(table, 'Outcome')).map((t) => t.toUpperCase()))).toEqual(new Set(['DELETED']));
    await shot('global-page-history');
    await axe('history, filtered');
    await chooseOption(gp.getByLabel('Outcome'), gp.getByRole('option', { name: 'Created', exact: true }));
    await expectCount(table.locator('tbody tr[data-history-id]'), bulkCreated + 1);
    expect(new Set((await columnTexts(table, 'Outcome')).map((t) => t.toUpperCase()))).toEqual(new Set(['CREATED']));
  });

  step("changes the project's rounding and the panel's will-log column follows", async () => {
    await page.getByTestId('nav-issue-DEMO-5').click();
    let panel = issuePanel(page);
    await panel.getByRole('button', { name: 'Log', exact: true }).first().waitFor();
    const before = await willLogTexts(panel);
    expect(before[0]).toBe('1h 40m');

    await actAs(page, ADA);
    await page.getByTestId('nav-project-settings').click();
    const settings = settingsPage(page);
    await settings.getByRole('button', { name: 'Save' }).waitFor();
    await chooseOption(settings.getByLabel('Rounding', { exact: true }), settings.getByRole('option', { name: 'Always up' }));
    await chooseOption(settings.getByLabel('Rounding increment'), settings.getByRole('option', { name: '30 minutes' }));
    await settings.getByRole('button', { name: 'Save' }).click();
    // Alice's DEMO-2 worklog would be written differently: the page says so before saving, and asks.
    const question = settings.getByRole('dialog');
    await question.getByText(/1 worklog already logged in this project would be written differently/).waitFor();
    await question.getByLabel('Also update the 1 worklog already logged').waitFor();
    await shot('project-settings-impact');
    await axe('project settings (admin), impact question');
    await question.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Settings saved.').waitFor();
    expect(await settings.locator('.uik-unsupported').count()).toBe(0);
    await shot('project-settings', { fullPage: true });
    await axe('project settings (admin), saved');

    await page.getByTestId('nav-admin').click();
    await adminPage(page)
      .getByText(/answered in \d+ ms/)
      .waitFor();
    await shot('admin', { fullPage: true });
    await axe('admin page');

    await actAs(page, ALICE);
    await page.getByTestId('nav-issue-DEMO-5').click();
    panel = issuePanel(page);
    await panel.getByRole('button', { name: 'Log', exact: true }).first().waitFor();
    const after = await willLogTexts(panel);
    expect(after[0]).toMatch(/^2h( 0m)?$/);
    expect(after.every((text) => /^(\d+h( [03]0m)?|30m|—)$/.test(text))).toBe(true);

    // Alice's DEMO-2 worklog was logged with the old rounding: it says so, not "changed in your timecard".
    await page.getByTestId('nav-issue-DEMO-2').click();
    panel = issuePanel(page);
    const settingsChanged = panel.getByRole('listitem').filter({ has: panel.getByText('Settings changed', { exact: true }) });
    await settingsChanged.first().waitFor();
    expect(await settingsChanged.count()).toBe(1);
    expect(await panel.getByText('Changed', { exact: true }).count()).toBe(0);
    expect(await panel.getByText(/changed in your timecard/).count()).toBe(0);
    await settingsChanged.getByRole('button', { name: 'Details', exact: true }).click();
    await settingsChanged.getByText(/settings \(rounding or comment\) changed since this was logged/).waitFor();
  });

  step('a person who may not log work gets a clear message', async () => {
    await actAs(page, VICTOR);
    // Not connected yet: the panel says so, and its button (router.navigate) opens the global page.
    await page.getByTestId('nav-issue-DEMO-2').click();
    const prompt = issuePanel(page).getByRole('button', { name: 'Open Timecard sync' });
    await prompt.waitFor();
    await shot('issue-panel-not-connected');
    await axe('issue panel, not connected');
    await prompt.click();
    await page.waitForURL((url) => url.pathname === '/jira/apps/timecard-sync-page' && url.searchParams.get('as') === VICTOR);
    const gp = globalPage(page);
    await gp.getByLabel('Timecard username').fill(sandbox.demo.username);
    await gp.getByLabel('Password').fill(sandbox.demo.password);
    await gp.getByRole('button', { name: 'Connect', exact: true }).click();
    await gp.getByRole('tab', { name: 'Records' }).waitFor();

    await page.getByTestId('nav-issue-DEMO-2').click();
    const panel = issuePanel(page);
    await panel.getByText("You don't have permission to log work on DEMO-2.").waitFor();
    expect(await panel.getByRole('button', { name: 'Log', exact: true }).count()).toBe(0);
    await shot('issue-panel-no-permission', { fullPage: true });
    await axe('issue panel, no permission');

    await page.getByTestId('nav-project-settings').click();
    const settings = settingsPage(page);
    await settings.getByText('You can view these settings').waitFor();
    await settings.getByText(/Only administrators of project DEMO|Only project administrators/).waitFor();
    expect(await settings.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await shot('project-settings-read-only');
    await axe('project settings, read-only');

    // Nothing Victor did wrote to Jira.
    expect((await allWorklogs(sandbox)).filter((w) => w.authorAccountId === VICTOR)).toEqual([]);
  });

  step('leaves Jira in the same end state', async () => {
    const end = normalise(await allWorklogs(sandbox));
    expect(end).toHaveLength(1);
    expect(end[0]).toMatchObject({ issueKey: 'DEMO-2', author: ALICE, seconds: 8100 });
    const settings = await invoke(
      sandbox,
      'getProjectSettings',
      {},
      { accountId: ADA, extension: { type: 'jira:projectSettingsPage', project: { key: 'DEMO', id: '10000' } } },
    );
    expect(settings.settings).toMatchObject({ roundingMode: 'up', roundingIncrementMinutes: 30 });
    endStates[run.name] = end;
    const first = endStates[RUNS[0].name];
    if (run !== RUNS[0] && first) expect(end).toEqual(first);
  });
});

/** What each row of the issue panel says it will log, top to bottom. */
async function willLogTexts(panel: import('playwright-core').FrameLocator): Promise<string[]> {
  return (await panel.locator('[data-testid^="record-"][data-testid$="-will-log"]').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

async function setJiraLatency(sandbox: RunningSandbox, latencyMs: number): Promise<void> {
  const response = await fetch(`${sandbox.jiraUrl}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs }),
  });
  expect(response.ok).toBe(true);
}

/** Opens an Atlaskit Select (react-select) by its input and picks an option. */
async function chooseOption(input: import('playwright-core').Locator, option: import('playwright-core').Locator): Promise<void> {
  // The input of a non-searchable select is a 1-pixel dummy: open the menu from the keyboard.
  await input.focus();
  await input.press('ArrowDown');
  await option.click();
}
