// Retries without the person in the sandbox, in a real browser (ADR 0028): Alice logs a record from
// the issue panel while Jira fails the write; the row says when it is tried again; the global page's
// records say so too, and "Don't retry" there, from the keyboard, stops it; the panel then shows no
// retry. Nothing is written to Jira twice.
import { expectAccessible } from './support/axe';
import { globalPage, issuePanel, useConnectedSandbox } from './support/browser';
import { emulatorWorklogs, invoke } from './support/sandbox';
import { expectText } from './support/wait';

const ALICE = 'demo-alice';
const globalContext = { accountId: ALICE, timezone: 'America/Los_Angeles', extension: { type: 'jira:globalPage' } };

describe('retries without the person in the sandbox', () => {
  const { session, step } = useConnectedSandbox(globalContext);

  step('a Log Jira fails: "will be tried again" on the panel and the page, cancelled from the keyboard', async () => {
    const { page, sandbox } = session;
    await page.goto(`/?as=${ALICE}`);
    await page.getByTestId('nav-issue-DEMO-1').click();
    const panel = issuePanel(page);
    const logButton = panel.getByRole('button', { name: 'Log', exact: true }).first();
    await logButton.waitFor();
    const before = (await emulatorWorklogs(sandbox, 'DEMO-1')).length;
    // Jira answers the next worklog write with a 500, as a busy Jira does.
    await fetch(`${sandbox.jiraUrl}/__emulator/fail-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ n: 1, method: 'POST', pathIncludes: '/worklog', status: 500 }),
    });
    await logButton.click();
    const note = panel.getByText(/^Will be tried again on its own at .+\.$/);
    await note.waitFor({ timeout: 30_000 });
    expect(await panel.getByRole('button', { name: "Don't retry" }).count()).toBe(1);
    expect((await emulatorWorklogs(sandbox, 'DEMO-1')).length).toBe(before);

    await page.getByTestId('nav-global-page').click();
    const gp = globalPage(page);
    // The record logged today is in the page's first range, this week.
    const pageNote = gp.getByText(/^Will be tried again on its own at /);
    await pageNote.first().waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'global page with a record waiting for a retry');
    const cancel = gp.getByRole('button', { name: /^Don't retry the record of / });
    await cancel.focus();
    await page.keyboard.press('Enter');
    await expectText(gp.getByText('It will not be tried again. Sync it yourself whenever you like.'), /It will not be tried again/);
    expect((await invoke(sandbox, 'getAutoSync', {}, globalContext)).retries).toEqual([]);

    await page.getByTestId('nav-issue-DEMO-1').click();
    await issuePanel(page).getByRole('button', { name: 'Log', exact: true }).first().waitFor();
    expect(
      await issuePanel(page)
        .getByText(/Will be tried again/)
        .count(),
    ).toBe(0);
  });
});
