// The app by keyboard alone (page.keyboard only; the sandbox's own navigation aside): on the global
// page connect, select the records not synced, preview, sync, hear the summary in the live region,
// and open and leave the undo confirmation, which gives the focus back; in the issue panel Log and
// Details, a conflict's two choices and a record deleted in the timecard (Keep it; Remove the
// worklog with its confirmation), the same choices on the global page, where the focus goes to the
// row (or the next one when the row goes); the project settings form; the Automatic tab (turn on, pause,
// resume, cancel retries); the history (filter, retry, export, undo). Every stop on the way shows
// where the focus is, and every result is read from a status region.
import type { Page } from 'playwright-core';
import { expectAccessible } from './support/axe';
import { columnTexts, describedStep, globalPage, issuePanel, settingsPage, useSandboxPage } from './support/browser';
import { conflictingRecord, control, recordDeletedInTimecard } from './support/jiraSide';
import { expectDialogKeepsFocus, focused, keyboardWalker } from './support/keyboard';
import { allWorklogs, emulatorWorklogs } from './support/sandbox';
import { expectText, waitUntil } from './support/wait';

const ALICE = 'demo-alice';

describe('the global page by keyboard alone', () => {
  const session = useSandboxPage({ JIRA_LATENCY_MS: '30' });
  let page: Page;
  const step = describedStep(() => ({ ...session, serverOutput: session.sandbox.output() }));
  const { stops, tabTo } = keyboardWalker(() => page);

  afterEach(() => {
    const serious = session.problems.filter((p) => !/Failed to load resource|favicon|ResizeObserver loop/i.test(p));
    session.problems.length = 0;
    expect(serious).toEqual([]);
  });

  step('connects, selects, previews and syncs with the keyboard; the summary is announced', async () => {
    page = session.page;
    await page.goto(`/jira/apps/timecard-sync-page?as=${ALICE}`);
    const gp = globalPage(page);
    await gp.getByRole('heading', { name: 'Connect your timecard account' }).waitFor();

    // From the top of Jira's page into the app: the username first, then the password, then Connect.
    await tabTo(gp, /^input\[text\]:Timecard username/);
    await page.keyboard.type(session.sandbox.demo.username);
    await page.keyboard.press('Tab');
    expect((await focused(gp)).what).toMatch(/^input\[password\]:Password/);
    await page.keyboard.type(session.sandbox.demo.password);
    await page.keyboard.press('Tab');
    expect(await focused(gp)).toEqual({ what: 'button:Connect', visible: true });
    await page.keyboard.press('Enter');
    await gp.getByRole('tab', { name: 'Records' }).waitFor();
    await gp.locator('table[aria-busy="false"] tr[data-record-id]').first().waitFor();

    await tabTo(gp, /^button:All not synced \(\d+\)$/);
    const label = (await focused(gp)).what;
    const count = Number(/\((\d+)\)/.exec(label)![1]);
    expect(count).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await waitUntil(
      async () => new RegExp(`^${count}\\s*selected`).test((await gp.getByRole('toolbar', { name: 'Selection' }).innerText()).trim()),
      'the selection',
    );

    await tabTo(gp, /^button:Preview$/);
    await page.keyboard.press('Enter');
    const status = gp.getByTestId('bulk-status');
    expect(await status.getAttribute('role')).toBe('status');
    await waitUntil(async () => /^Preview ready: /.test(await status.innerText()), 'the preview to be announced', 60_000);
    expect((await focused(gp)).what).toBe('button:Preview');

    await tabTo(gp, /^button:Sync \d+ records?( \(\d+ will be skipped\))?$/);
    const before = (await allWorklogs(session.sandbox)).length;
    await page.keyboard.press('Enter');
    await waitUntil(async () => /^Sync complete, /.test(await status.innerText()), 'the summary to be announced', 120_000);
    const heard = await status.innerText();
    expect(heard).toMatch(/^Sync complete, \d+ records?: \d+ created, \d+ updated, \d+ unchanged, \d+ skipped, 0 failed\.$/);
    const created = Number(/(\d+) created/.exec(heard)![1]);
    expect(created).toBeGreaterThan(0);
    expect(await allWorklogs(session.sandbox)).toHaveLength(before + created);
  });

  step('the undo confirmation keeps the focus, and Escape gives it back to Undo this sync', async () => {
    const gp = globalPage(page);
    await tabTo(gp, /^button:Undo this sync$/);
    await page.keyboard.press('Enter');
    const dialog = gp.getByRole('dialog');
    await expectDialogKeepsFocus(page, gp);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await waitUntil(async () => (await focused(gp)).what === 'button:Undo this sync', 'the focus to return to Undo this sync');
    expect((await focused(gp)).visible).toBe(true);
  });

  step('logs a record from the issue panel and opens its details with the keyboard', async () => {
    await page.goto(`/browse/DEMO-5?as=${ALICE}`);
    const panel = issuePanel(page);
    await panel.getByRole('button', { name: 'Log', exact: true }).first().waitFor();
    const before = (await emulatorWorklogs(session.sandbox, 'DEMO-5')).length;
    await tabTo(panel, /^button:Log$/);
    await page.keyboard.press('Enter');
    await waitUntil(async () => (await emulatorWorklogs(session.sandbox, 'DEMO-5')).length === before + 1, 'the worklog in Jira');
    await tabTo(panel, /^button:Details$/);
    await page.keyboard.press('Enter');
    await panel.getByRole('button', { name: 'Hide details', exact: true }).first().waitFor();
  });

  step("the panel's conflict choice: Keep the timecard's, then Keep Jira's, each said in a status region", async () => {
    const sandbox = session.sandbox;
    const theirs = await conflictingRecord(sandbox, 3, 'Release checklist');
    const jiras = await conflictingRecord(sandbox, 5, 'Smoke tests');
    await page.goto(`/browse/DEMO-6?as=${ALICE}`);
    const panel = issuePanel(page);
    await panel.getByTestId(`record-${jiras.id}-choice`).waitFor();
    await expectAccessible(page, 'issue panel · two conflicts');

    await tabTo(panel, /^button:Keep the timecard's$/, { inside: `[data-testid="record-${theirs.id}"]` });
    await page.keyboard.press('Enter');
    await waitUntil(
      async () => (await emulatorWorklogs(sandbox, 'DEMO-6')).find((w) => w.id === theirs.worklogId)?.timeSpentSeconds === 90 * 60,
      "the timecard's version in Jira",
    );
    await expectText(panel.getByTestId('panel-status'), /^Kept the timecard's version; the worklog in Jira was updated\.$/);

    const before = (await emulatorWorklogs(sandbox, 'DEMO-6')).find((w) => w.id === jiras.worklogId);
    await tabTo(panel, /^button:Keep Jira's$/, { inside: `[data-testid="record-${jiras.id}"]` });
    await page.keyboard.press('Enter');
    await expectText(panel.getByTestId(`record-${jiras.id}-message`), /^Kept Jira's version; nothing was written to Jira\.$/);
    expect((await emulatorWorklogs(sandbox, 'DEMO-6')).find((w) => w.id === jiras.worklogId)).toEqual(before);
  });

  step('deleted in the timecard: Keep it; Remove the worklog asks in a dialog that keeps and gives back the focus', async () => {
    const sandbox = session.sandbox;
    const kept = await recordDeletedInTimecard(sandbox, 7, 'Kept in Jira');
    const removed = await recordDeletedInTimecard(sandbox, 9, 'Removed from Jira');
    await page.goto(`/browse/DEMO-6?as=${ALICE}`);
    const panel = issuePanel(page);
    const removedRow = `[data-testid="record-${removed.id}"]`;
    await panel.locator(removedRow).getByRole('button', { name: 'Remove the worklog' }).waitFor();
    await expectAccessible(page, 'issue panel · deleted in timecard');

    await tabTo(panel, /^button:Keep it$/, { inside: `[data-testid="record-${kept.id}"]` });
    await page.keyboard.press('Enter');
    await expectText(panel.getByTestId('panel-status'), /^The worklog stays in Jira\. This record is no longer shown\.$/);
    await panel.getByTestId(`record-${kept.id}`).waitFor({ state: 'detached' });
    expect((await emulatorWorklogs(sandbox, 'DEMO-6')).some((w) => w.id === kept.worklogId)).toBe(true);

    await tabTo(panel, /^button:Remove the worklog$/, { inside: removedRow });
    await page.keyboard.press('Enter');
    const dialog = panel.getByRole('dialog');
    await expectDialogKeepsFocus(page, panel);
    await expectAccessible(page, 'issue panel · remove the worklog confirmation');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await waitUntil(async () => (await focused(panel, removedRow)).what === 'button:Remove the worklog', 'the focus to return to Remove the worklog');
    expect((await emulatorWorklogs(sandbox, 'DEMO-6')).some((w) => w.id === removed.worklogId)).toBe(true);

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await tabTo(panel, /^button:Remove the worklog$/, { inside: '[role="dialog"]', max: 6 });
    await page.keyboard.press('Enter');
    await expectText(panel.getByTestId('panel-status'), /^The worklog was removed from Jira\. This record is no longer shown\.$/);
    expect((await emulatorWorklogs(sandbox, 'DEMO-6')).some((w) => w.id === removed.worklogId)).toBe(false);
  });

  step("the global page's conflict and deleted-in-timecard choices by keyboard: the focus stays on the row, or goes to the next", async () => {
    const sandbox = session.sandbox;
    const theirs = await conflictingRecord(sandbox, 11, 'Design review');
    const jiras = await conflictingRecord(sandbox, 12, 'Retro notes');
    const kept = await recordDeletedInTimecard(sandbox, 13, 'Old standup');
    const removed = await recordDeletedInTimecard(sandbox, 15, 'Old planning');
    await page.goto(`/jira/apps/timecard-sync-page?as=${ALICE}`);
    const gp = globalPage(page);
    const row = (id: number) => `tr[data-record-id="${id}"]`;
    await gp.locator(row(removed.id)).getByRole('button', { name: 'Remove the worklog' }).waitFor();
    await expectAccessible(page, 'global page · conflicts and records deleted in the timecard');
    const choiceStatus = gp.getByTestId('choice-status');
    expect(await choiceStatus.getAttribute('role')).toBe('status');
    /** The record whose row has the focus, or null when the focus is not on a row (the body, a button). */
    const focusedRow = () =>
      gp.locator('body').evaluate(() => {
        const el = document.activeElement;
        return el && el !== document.body && el.matches('tr[data-record-id]') ? Number(el.getAttribute('data-record-id')) : null;
      });
    /** A row has the focus and shows it: `id`'s when given, else any row but `gone`'s. */
    const expectFocusOnRow = async (why: string, { id, gone }: { id?: number; gone?: number }) => {
      await waitUntil(async () => {
        const on = await focusedRow();
        return on !== null && (id === undefined ? on !== gone : on === id);
      }, why);
      expect((await focused(gp)).visible).toBe(true);
    };

    await tabTo(gp, /^button:Keep the timecard’s$/, { inside: row(theirs.id) });
    await page.keyboard.press('Enter');
    await expectText(choiceStatus, /^Kept the timecard’s version; the worklog in Jira was updated\.$/);
    await expectFocusOnRow('the focus on the row whose choice was made', { id: theirs.id });
    expect((await emulatorWorklogs(sandbox, 'DEMO-6')).find((w) => w.id === theirs.worklogId)?.timeSpentSeconds).toBe(90 * 60);

    await tabTo(gp, /^button:Keep Jira’s$/, { inside: row(jiras.id) });
    await page.keyboard.press('Enter');
    await expectText(choiceStatus, /^Kept Jira’s version; nothing was written to Jira\.$/);
    await expectFocusOnRow('the focus on the row whose choice was made', { id: jiras.id });

    await tabTo(gp, /^button:Keep it$/, { inside: row(kept.id) });
    await page.keyboard.press('Enter');
    await expectText(choiceStatus, /^The worklog stays in Jira\. This record is no longer shown\.$/);
    await gp.locator(row(kept.id)).waitFor({ state: 'detached' });
    await expectFocusOnRow('the focus on the next row', { gone: kept.id });
    expect((await emulatorWorklogs(sandbox, 'DEMO-6')).some((w) => w.id === kept.worklogId)).toBe(true);

    await tabTo(gp, /^button:Remove the worklog$/, { inside: row(removed.id) });
    await page.keyboard.press('Enter');
    await expectDialogKeepsFocus(page, gp);
    await tabTo(gp, /^button:Remove the worklog$/, { inside: '[role="dialog"]', max: 6 });
    await page.keyboard.press('Enter');
    await expectText(choiceStatus, /^The worklog was removed from Jira\. This record is no longer shown\.$/);
    await gp.locator(row(removed.id)).waitFor({ state: 'detached' });
    await expectFocusOnRow('the focus on the next row once the dialog and the row are gone', { gone: removed.id });
    expect((await emulatorWorklogs(sandbox, 'DEMO-6')).some((w) => w.id === removed.worklogId)).toBe(false);
  });

  step('the project settings form by keyboard: a switch and Save', async () => {
    await page.goto(`/?as=demo-admin`);
    await page.getByTestId('nav-project-settings').click();
    const settings = settingsPage(page);
    await settings.getByRole('button', { name: 'Save' }).waitFor();
    const notify = settings.getByRole('checkbox', { name: 'Notify watchers when a worklog is added' });
    const was = await notify.isChecked();
    await tabTo(settings, /^input\[checkbox\]:Notify watchers/);
    await page.keyboard.press('Space');
    await waitUntil(async () => (await notify.isChecked()) === !was, 'the switch to change');
    await tabTo(settings, /^button:Save$/);
    await page.keyboard.press('Enter');
    await settings.getByText('Settings saved.').waitFor();
    await expectAccessible(page, 'project settings · saved by keyboard');

    await page.reload();
    await settings.getByRole('button', { name: 'Save' }).waitFor();
    expect(await settings.getByRole('checkbox', { name: 'Notify watchers when a worklog is added' }).isChecked()).toBe(!was);
  });

  step('the Automatic tab by keyboard: turn on, pause and resume, cancel retries; each change is announced', async () => {
    const sandbox = session.sandbox;
    const gp = globalPage(page);
    /** From the top of the page: Tab to the tab list, then the arrow keys to the Automatic tab. */
    const openAutomaticTab = async () => {
      await page.goto(`/jira/apps/timecard-sync-page?as=${ALICE}`);
      await tabTo(gp, /^tab:Records$/);
      for (let i = 0; i < 4 && (await focused(gp)).what !== 'tab:Automatic'; i++) await page.keyboard.press('ArrowRight');
      expect(await focused(gp)).toEqual({ what: 'tab:Automatic', visible: true });
    };
    await openAutomaticTab();
    const status = gp.locator('.tc-auto-status');
    expect(await status.getAttribute('role')).toBe('status');
    await expectText(status, /^Off: /);

    const name = 'Log my finished records automatically';
    await tabTo(gp, new RegExp(`^input\\[checkbox\\]:${name}$`));
    await page.keyboard.press('Space');
    await expectText(status, /Next run: within the hour\./);
    expect(await gp.getByRole('checkbox', { name }).isChecked()).toBe(true);
    expect(await focused(gp)).toEqual({ what: `input[checkbox]:${name}`, visible: true });

    await tabTo(gp, /^button:Pause$/);
    await page.keyboard.press('Enter');
    await expectText(status, /^Paused: nothing is logged automatically until you resume\./);
    await waitUntil(async () => (await focused(gp)).what === 'button:Resume', 'the focus to stay on the button, now Resume');
    await page.keyboard.press('Enter');
    await expectText(status, /Next run: within the hour\./);

    // A record that ended two hours ago, on an issue whose worklogs Jira refuses as unavailable for now: retried later.
    const ended = Date.now() - 2 * 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await control(`${sandbox.timecardUrl}/__emulator/records`, 'POST', {
      userId: 1,
      timein: iso(ended - 3_600_000),
      timeout: iso(ended),
      notes: 'Quarterly review notes',
      jira_issue_key: 'DEMO-4',
    });
    await control(`${sandbox.jiraUrl}/__emulator/fail-next`, 'POST', { n: 50, method: 'POST', pathIncludes: '/issue/DEMO-4/worklog', status: 503 });
    expect(await fetch(`${sandbox.url}/api/scheduled-trigger`, { method: 'POST' }).then((r) => r.json())).toEqual({ queued: 1 });
    const cancel = gp.getByRole('button', { name: 'Cancel retries' });
    await waitUntil(
      async () => {
        await openAutomaticTab();
        await status.waitFor();
        return (await cancel.count()) === 1;
      },
      'a retry to be waiting',
      60_000,
    );
    await expectAccessible(page, 'automatic sync · retries waiting');
    await tabTo(gp, /^button:Cancel retries$/);
    await page.keyboard.press('Enter');
    await cancel.waitFor({ state: 'detached' });
  });

  step('the history by keyboard: filter, retry, export and undo, each result announced', async () => {
    const sandbox = session.sandbox;
    const gp = globalPage(page);
    await page.goto(`/jira/apps/timecard-sync-page?as=${ALICE}`);
    await tabTo(gp, /^tab:Records$/);
    for (let i = 0; i < 4 && (await focused(gp)).what !== 'tab:History'; i++) await page.keyboard.press('ArrowRight');
    expect(await focused(gp)).toEqual({ what: 'tab:History', visible: true });
    const table = gp.getByRole('table', { name: 'Sync history' });
    await table.locator('tbody tr[data-history-id]').first().waitFor();
    const notice = gp.getByTestId('history-notice');
    expect(await notice.getAttribute('role')).toBe('status');

    /** Opens the Outcome filter from the keyboard and moves down its options until `name` is the active one. */
    const filterBy = async (name: string) => {
      await tabTo(gp, /^input\[text\]:Outcome$/);
      await page.keyboard.press('ArrowDown');
      const input = gp.locator('#tc-history-status');
      const active = async () => {
        const id = await input.getAttribute('aria-activedescendant');
        return id ? (await gp.locator(`[id="${id}"]`).innerText()).trim() : '';
      };
      for (let i = 0; i < 12 && (await active()) !== name; i++) await page.keyboard.press('ArrowDown');
      expect(await active()).toBe(name);
      await page.keyboard.press('Enter');
    };
    await filterBy('Failed');
    await waitUntil(async () => {
      const outcomes = (await columnTexts(table, 'Outcome')).map((t) => t.toUpperCase());
      return outcomes.length > 0 && outcomes.every((t) => t === 'FAILED');
    }, 'only failed entries');
    await expectAccessible(page, 'history · failed entries');

    // Jira still refuses DEMO-4's worklogs: the retry fails again, and says so.
    await tabTo(gp, /^button:Retry$/);
    await page.keyboard.press('Enter');
    await expectText(notice, /^Retry\s*Record \d+ failed again: /);
    expect(await focused(gp)).toEqual({ what: 'button:Retry', visible: true });

    await filterBy('All outcomes');
    await waitUntil(async () => new Set((await columnTexts(table, 'Outcome')).map((t) => t.toUpperCase())).size > 1, 'every outcome again');
    await tabTo(gp, /^button:Export CSV \(\d+\+?\)$/);
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toMatch(/^timecard-history-.*\.csv$/);
    await waitUntil(async () => /^button:Export CSV/.test((await focused(gp)).what), 'the focus to stay on Export CSV');

    // Undo the first run that can be: the confirmation keeps the focus, Escape gives it back, Enter goes on.
    await tabTo(gp, /^button:Undo the sync of /);
    const undo = (await focused(gp)).what;
    await page.keyboard.press('Enter');
    const dialog = gp.getByRole('dialog');
    await expectDialogKeepsFocus(page, gp);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await waitUntil(async () => (await focused(gp)).what === undo, 'the focus to return to Undo');
    const before = (await allWorklogs(sandbox)).length;
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: /^Delete \d+ worklogs?$/ }).waitFor();
    await tabTo(gp, /^button:Delete \d+ worklogs?$/, { inside: '[role="dialog"]', max: 6 });
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await waitUntil(async () => (await notice.innerText()).trim().length > 0, 'the undo to be announced');
    expect((await allWorklogs(sandbox)).length).toBeLessThan(before);
  });

  test('every stop on the way showed its focus', () => {
    expect(stops.length).toBeGreaterThan(5);
    expect(stops.filter((s) => !s.visible).map((s) => s.what)).toEqual([]);
  });
});
