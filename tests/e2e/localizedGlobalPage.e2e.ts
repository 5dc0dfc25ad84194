// The global page in German and in Japanese, as Jira shows it to a person whose language is set so:
// the frame gives the page that locale in its Forge context (`?lang=` on the sandbox's address),
// the page reads its words from the manifest's translations through @forge/bridge's i18n (the
// sandbox serves `__LOCALES__/` beside the page as Forge does), and dates, durations and the first
// day of the week follow the locale. axe checks each language; screenshots go to docs/screenshots/.
import { globalPage, screenshot, useSandboxPage } from './support/browser';
import { expectAccessible } from './support/axe';
import { invoke } from './support/sandbox';

const ALICE = 'demo-alice';
const SCREENSHOTS = process.env.E2E_SCREENSHOTS !== '0';

describe('the global page in the person’s language', () => {
  /** The translation files the page fetched, with the status each was answered with. */
  const locales: string[] = [];
  const session = useSandboxPage({}, async ({ sandbox, page }) => {
    page.on('response', (response) => {
      if (response.url().includes('/__LOCALES__/')) locales.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await invoke(
      sandbox,
      'connectTimecard',
      { username: sandbox.demo.username, password: sandbox.demo.password },
      { accountId: ALICE, extension: { type: 'jira:globalPage' } },
    );
  });
  const serious = () => session.problems.filter((p) => !/Failed to load resource|favicon|ResizeObserver loop/i.test(p));

  test('in German', async () => {
    const { page } = session;
    await page.goto(`/?as=${ALICE}&lang=de-DE`);
    await page.getByTestId('nav-global-page').click();
    const gp = globalPage(page);
    await gp.getByRole('heading', { name: 'Timecard-Synchronisierung' }).waitFor();
    await gp.getByRole('table', { name: /^Timecard-Einträge, / }).waitFor();
    expect(locales).toEqual(
      expect.arrayContaining([
        '200 /surface/timecard-sync-page/__LOCALES__/i18n-info.json',
        '200 /surface/timecard-sync-page/__LOCALES__/de-DE.json',
      ]),
    );
    expect(await gp.getByRole('tab').allInnerTexts()).toEqual(['Einträge', 'Verlauf', 'Übersicht', 'Verbindung', 'Automatisch']);
    // A German week starts on Monday; durations and day headings are German.
    const firstDay = await gp.locator('tbody[aria-label]').first().getAttribute('aria-label');
    expect(firstDay).toMatch(/^Montag, \d{1,2}\. \p{L}+$/u);
    expect(await gp.locator('.tc-day-totals').first().innerText()).toMatch(/^\d+ Eintr(ag|äge) · erfasst .* · protokolliert /);
    await gp.getByRole('button', { name: /^Alle nicht synchronisierten \(\d+\)$/ }).click();
    await gp.getByRole('button', { name: 'Vorschau', exact: true }).click();
    await gp.getByText('Vorschau: Noch wurde nichts nach Jira geschrieben').waitFor();
    await expectAccessible(page, 'global page in German · preview');
    await screenshot(page, 'global-page-de', SCREENSHOTS);
    await gp.getByRole('button', { name: 'Vorschau schließen' }).click();
    await gp.getByRole('tab', { name: 'Übersicht' }).click();
    await gp.getByRole('heading', { name: 'Erfasst und protokolliert' }).waitFor();
    expect(await gp.getByRole('img', { name: /^Erfasste und protokollierte Zeit pro Tag, / }).count()).toBe(1);
    await expectAccessible(page, 'global page in German · overview');
    expect(serious()).toEqual([]);
  });

  test('in Japanese', async () => {
    const { page } = session;
    await page.goto(`/?as=${ALICE}&lang=ja-JP`);
    await page.getByTestId('nav-global-page').click();
    const gp = globalPage(page);
    await gp.getByRole('heading', { name: 'Timecard 同期' }).waitFor();
    await gp.getByRole('table', { name: /^Timecard のレコード、/ }).waitFor();
    expect(locales).toContain('200 /surface/timecard-sync-page/__LOCALES__/ja-JP.json');
    expect(await gp.getByRole('tab').allInnerTexts()).toEqual(['レコード', '履歴', '概要', '接続', '自動']);
    expect(await gp.locator('main').getAttribute('lang')).toBe('ja-JP');
    // A Japanese week starts on Sunday: the range shown ends on a Saturday.
    const range = await gp.locator('table caption').innerText();
    expect(range).toMatch(/^Timecard のレコード、2\d{3}年\d{1,2}月\d{1,2}日 – 2\d{3}年\d{1,2}月\d{1,2}日$/);
    const to = /– (\d+)年(\d+)月(\d+)日$/.exec(range!)!;
    expect(new Date(Date.UTC(Number(to[1]), Number(to[2]) - 1, Number(to[3]))).getUTCDay()).toBe(6);
    await gp.getByRole('tab', { name: '履歴' }).click();
    await gp.getByRole('button', { name: /^CSV をエクスポート/ }).waitFor();
    await gp.getByRole('tab', { name: 'レコード' }).click();
    await gp.getByRole('button', { name: '選択を同期' }).waitFor();
    await expectAccessible(page, 'global page in Japanese · records');
    await screenshot(page, 'global-page-ja', SCREENSHOTS);
    expect(serious()).toEqual([]);
  });
});
