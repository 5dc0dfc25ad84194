// Automatic sync in the sandbox, in a real browser: Alice turns on "Log my finished records
// automatically" on the global page, the scheduled trigger fires (the sandbox's
// POST /api/scheduled-trigger, as Forge fires it every hour), her finished records are in Jira,
// once, and the page shows the last run and the next one; the history marks the run automatic.
import { globalPage, screenshot, useConnectedSandbox } from './support/browser';
import { expectAccessible } from './support/axe';
import { allWorklogs } from './support/sandbox';
import { expectText, waitUntil } from './support/wait';

const ALICE = 'demo-alice';
const SCREENSHOTS = process.env.E2E_SCREENSHOTS !== '0';
const context = { accountId: ALICE, timezone: 'America/Los_Angeles', extension: { type: 'jira:globalPage' } };

describe('automatic sync in the sandbox', () => {
  const { session, step } = useConnectedSandbox(context);

  step('turned on from the Automatic tab, fired, the records are logged once and the page shows the run', async () => {
    const { page, sandbox } = session;
    await page.goto(`/?as=${ALICE}`);
    await page.getByTestId('nav-global-page').click();
    const gp = globalPage(page);
    await gp.getByRole('tab', { name: 'Automatic' }).click();
    const toggle = gp.getByRole('checkbox', { name: 'Log my finished records automatically' });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    // The box is checked once the answer is in (the page shows what was stored).
    await toggle.click();
    await waitUntil(() => toggle.isChecked(), 'the switch to be on');
    await expectText(gp.getByRole('status'), /Next run: within the hour\./);
    await gp.getByLabel('Log a record this long after it ends').selectOption({ label: '15 minutes' });
    const before = (await allWorklogs(sandbox)).length;

    const fired = await fetch(`${sandbox.url}/api/scheduled-trigger`, { method: 'POST' }).then((r) => r.json());
    expect(fired).toEqual({ queued: 1 });
    await waitUntil(async () => (await allWorklogs(sandbox)).length > before, 'the records to be logged', 60_000);

    // Back to the tab: the run reports what it logged, and when the next one comes.
    await gp.getByRole('tab', { name: 'Records' }).click();
    await gp.getByRole('tab', { name: 'Automatic' }).click();
    const status = gp.getByRole('status');
    await expectText(status, /Last run .*: logged \d+ records?/, 60_000);
    await expectText(status, /Next run: about /);
    const worklogs = await allWorklogs(sandbox);
    const recordIds = worklogs
      .map((w) => (w.properties['timecard-sync'] as { recordId?: number } | undefined)?.recordId)
      .filter((id) => id !== undefined);
    expect(new Set(recordIds).size).toBe(recordIds.length);
    const logged = Number(/logged (\d+) record/.exec(await status.innerText())![1]);
    expect(worklogs.length - before).toBe(logged);
    await expectAccessible(page, 'automatic sync, after a run');
    await screenshot(page, 'global-page-automatic', SCREENSHOTS);

    // Fired again with nothing new: nothing more is logged.
    await fetch(`${sandbox.url}/api/scheduled-trigger`, { method: 'POST' });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await allWorklogs(sandbox)).length).toBe(worklogs.length);

    await gp.getByRole('tab', { name: 'History' }).click();
    await gp.getByRole('table', { name: 'Sync history' }).waitFor();
    await expectText(gp.locator('.tc-run-title').first(), / · automatic · /);
  });
});
