// The global page by keyboard alone (page.keyboard only, no clicks): connect, select the records not
// synced, preview, sync, hear the summary in the live region, and open and leave the undo
// confirmation, which gives the focus back; then the issue panel: Log and Details. Every stop on the
// way shows where the focus is.
import type { FrameLocator, Page } from 'playwright-core';
import { describedStep, globalPage, issuePanel, useSandboxPage } from './support/browser';
import { allWorklogs, emulatorWorklogs } from './support/sandbox';
import { waitUntil } from './support/wait';

const ALICE = 'demo-alice';

interface Focused {
  /** `button:<text>`, `input[type]:<label>`, `tab:<text>`, …; `outside` when the focus is not in the surface. */
  what: string;
  /** :focus-visible matches, and the element or a box around it draws an outline or a ring. */
  visible: boolean;
}

/** What has the focus inside a surface's frame. */
async function focused(gp: FrameLocator): Promise<Focused> {
  return gp.locator('body').evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!document.hasFocus() || !el || el === document.body) return { what: 'outside', visible: false };
    const label = (el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.innerText ?? el.innerText)
      .replace(/\s+/g, ' ')
      .slice(0, 60);
    const role = el.getAttribute('role');
    const what =
      el.tagName === 'INPUT' ? `input[${(el as HTMLInputElement).type}]:${label.trim()}` : `${role ?? el.tagName.toLowerCase()}:${label.trim()}`;
    const drawn = (node: Element) => {
      const style = getComputedStyle(node);
      return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    };
    let ring = false;
    for (let node: Element | null = el, depth = 0; node && depth < 4 && !ring; node = node.parentElement, depth++) ring = drawn(node);
    return { what, visible: el.matches(':focus-visible') && ring };
  });
}

describe('the global page by keyboard alone', () => {
  const session = useSandboxPage({ JIRA_LATENCY_MS: '30' });
  let page: Page;
  const step = describedStep(() => ({ ...session, serverOutput: session.sandbox.output() }));
  const stops: Focused[] = [];

  /** Presses Tab until `what` has the focus (at most `max` times); each stop must show its focus. */
  async function tabTo(gp: FrameLocator, what: RegExp, max = 120): Promise<void> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(gp);
      if (now.what !== 'outside') stops.push(now);
      if (what.test(now.what)) {
        expect(now).toEqual({ what: now.what, visible: true });
        return;
      }
    }
    throw new Error(
      `${what} never got the focus; the stops were: ${stops
        .slice(-30)
        .map((s) => s.what)
        .join(' → ')}`,
    );
  }

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
    await dialog.waitFor();
    await waitUntil(async () => (await gp.locator('[role="dialog"] :focus').count()) === 1, 'the focus to move into the dialog');
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await gp.locator('[role="dialog"] :focus').count()).toBe(1);
      expect((await focused(gp)).visible).toBe(true);
    }
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

  test('every stop on the way showed its focus', () => {
    expect(stops.length).toBeGreaterThan(5);
    expect(stops.filter((s) => !s.visible).map((s) => s.what)).toEqual([]);
  });
});
