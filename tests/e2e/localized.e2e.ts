// The UI Kit surfaces in German and in Japanese: the sandbox's person switch sets Jira's language
// and time zone, the surfaces get them as Forge's context `locale` and `timezone`, load their
// resource file through Forge's i18n (`./__LOCALES__/`), and read in that language with dates,
// times and durations in that locale and zone; the module titles follow too. axe stays clean.
import type { Page } from 'playwright-core';
import { expectAccessible } from './support/axe';
import { issuePanel, screenshot, settingsPage, useSandboxPage } from './support/browser';
import { invoke } from './support/sandbox';

const ALICE = 'demo-alice';
const ADA = 'demo-admin';
const SCREENSHOTS = process.env.E2E_SCREENSHOTS !== '0';

const LANGUAGES = [
  {
    locale: 'de-DE',
    tag: 'de',
    panelTitle: 'Aus Timecard buchen',
    notSynced: 'Nicht synchronisiert',
    log: 'Buchen',
    details: 'Details',
    duration: /^\d+ Std\.( \d+ Min\.)?$|^\d+ Min\.$/,
    day: /^(Mo|Di|Mi|Do|Fr|Sa|So)\., \d{1,2}\. /,
    settingsSave: 'Speichern',
    settingsRounding: 'Rundungsintervall',
    globalTitle: 'Timecard-Synchronisierung',
  },
  {
    locale: 'ja-JP',
    tag: 'ja',
    panelTitle: 'timecard から記録',
    notSynced: '未同期',
    log: '記録',
    details: '詳細',
    duration: /^\d+時間(\d+分)?$|^\d+分$/,
    day: /^\d{1,2}月\d{1,2}日\([月火水木金土日]\)$/,
    settingsSave: '保存',
    settingsRounding: '丸めの単位',
    globalTitle: 'timecard 同期',
  },
] as const;

describe('the UI Kit surfaces in the person’s language', () => {
  const session = useSandboxPage({}, async ({ page, sandbox }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    await invoke(
      sandbox,
      'connectTimecard',
      { username: sandbox.demo.username, password: sandbox.demo.password },
      { accountId: ALICE, extension: { type: 'jira:globalPage' } },
    );
  });
  let page: Page;
  let problems: string[];
  beforeAll(() => {
    ({ page, problems } = session);
  });
  afterEach(() => {
    const serious = problems.filter((p) => !/Failed to load resource|favicon|ResizeObserver loop/i.test(p));
    problems.length = 0;
    expect(serious).toEqual([]);
  });

  async function chooseLanguage(locale: string): Promise<void> {
    await page.getByTestId('person-switcher').click();
    await page.getByTestId(`language-${locale}`).click();
    await page.waitForURL((url) => url.searchParams.get('lang') === locale);
  }

  test.each(LANGUAGES)('$locale: the issue panel of DEMO-2, switched to from the person menu', async (language) => {
    await page.goto(`/?as=${ALICE}`);
    await chooseLanguage(language.locale);
    await page.getByTestId('nav-issue-DEMO-2').click();
    const panel = issuePanel(page);
    await panel.getByText(language.notSynced, { exact: true }).first().waitFor();
    await page.getByRole('heading', { name: language.panelTitle }).waitFor();
    await page.getByRole('link', { name: language.globalTitle }).first().waitFor();
    const body = await panel.locator('body').innerText();
    // No English left in the panel's own words.
    for (const english of ['Not synced', 'Details', 'Log all not synced', 'Tracked'])
      if (english !== language.details) expect(body).not.toContain(english);
    expect(await panel.getByRole('button', { name: language.log, exact: true }).count()).toBeGreaterThan(0);
    const first = panel.getByRole('listitem').first();
    const texts = (await first.locator('span, p, strong').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    expect(texts.some((t) => language.duration.test(t))).toBe(true);
    expect(texts.some((t) => language.day.test(t))).toBe(true);
    // The surface's page says its language (screen readers pronounce by it).
    expect(await panel.locator('html').getAttribute('lang')).toBe(language.locale);
    await expectAccessible(page, `issue panel DEMO-2 in ${language.locale}`);
    await screenshot(page, `issue-panel-${language.tag}`, SCREENSHOTS);
  });

  test.each(LANGUAGES)('$locale: project settings (admin)', async (language) => {
    await page.goto(`/?as=${ADA}&lang=${language.locale}&tz=${language.locale === 'ja-JP' ? 'Asia/Tokyo' : 'Europe/Berlin'}`);
    await page.getByTestId('nav-project-settings').click();
    const settings = settingsPage(page);
    await settings.getByRole('button', { name: language.settingsSave }).waitFor();
    await settings.getByText(language.settingsRounding, { exact: true }).waitFor();
    expect(await settings.getByText('Rounding increment').count()).toBe(0);
    await expectAccessible(page, `project settings in ${language.locale}`);
    await screenshot(page, `project-settings-${language.tag}`, SCREENSHOTS, { fullPage: true });
  });
});
