// Preview tells the truth for a person without Work on issues: every record would fail, with the
// reason, and the summary reads as an error, not a note.
import { globalPage, screenshot, useSandboxPage } from './support/browser';
import { allWorklogs, invoke } from './support/sandbox';

const VICTOR = 'demo-victor'; // may browse DEMO but not log work

describe('preview in the browser', () => {
  const session = useSandboxPage({}, async ({ sandbox }) => {
    await invoke(
      sandbox,
      'connectTimecard',
      { username: sandbox.demo.username, password: sandbox.demo.password },
      { accountId: VICTOR, extension: { type: 'jira:globalPage' } },
    );
  });

  test('without Work on issues: "would fail" for every record, as an error, and nothing written', async () => {
    const { sandbox, page, problems } = session;
    await page.goto(`/?as=${VICTOR}`);
    await page.getByTestId('nav-global-page').click();
    const gp = globalPage(page);
    const allNotSynced = gp.getByRole('button', { name: /^All not synced \(\d+\)$/ });
    await allNotSynced.waitFor();
    await gp.locator('tbody tr').first().waitFor();
    const label = (await allNotSynced.innerText()).trim();
    const count = Number(/\((\d+)\)/.exec(label)![1]);
    expect(count).toBeGreaterThan(0);
    await allNotSynced.click();
    await gp.getByRole('button', { name: 'Preview' }).click();
    await gp.getByText(`Preview: all ${count} ${count === 1 ? 'record' : 'records'} would fail; nothing has been written to Jira`).waitFor();
    await gp.getByTestId('preview-error').waitFor();
    const counts = await gp.getByRole('list', { name: 'Preview counts' }).innerText();
    expect(counts.replace(/\s+/g, ' ')).toContain(`${count} would fail`);
    expect(counts.replace(/\s+/g, ' ')).toContain('0 to create');
    await gp
      .getByText(/You don't have permission to log work on DEMO-\d+\. Ask a Jira admin for the Work on issues permission/)
      .first()
      .waitFor();
    await screenshot(page, 'global-page-preview-no-permission', process.env.E2E_SCREENSHOTS !== '0');
    expect((await allWorklogs(sandbox)).filter((w) => w.authorAccountId === VICTOR)).toEqual([]);
    expect(problems.filter((p) => !/Failed to load resource|favicon|ResizeObserver loop/i.test(p))).toEqual([]);
  });
});
