// Headless Chromium (Debian's package) driven by playwright-core, and helpers for the sandbox frame.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { ROOT } from './sandbox';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'docs/screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}. Install it (apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newPage(browser: Browser, baseURL: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  let inflight = 0;
  let lastActivity = Date.now();
  const touch = (delta: number) => {
    inflight += delta;
    lastActivity = Date.now();
  };
  page.on('request', () => touch(1));
  page.on('requestfinished', () => touch(-1));
  page.on('requestfailed', () => touch(-1));
  quiet.set(page, () => inflight <= 0 && Date.now() - lastActivity > 300);
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return { page, problems };
}

const quiet = new WeakMap<Page, () => boolean>();

/** Waits until the page and its surfaces have had no request in flight for a moment (at most `timeoutMs`). */
export async function settle(page: Page, timeoutMs = 10_000): Promise<void> {
  const isQuiet = quiet.get(page);
  const until = Date.now() + timeoutMs;
  while (isQuiet && !isQuiet() && Date.now() < until) await page.waitForTimeout(50);
}

export const issuePanel = (page: Page): FrameLocator => page.frameLocator('iframe[data-surface-type="jira:issuePanel"]');
export const globalPage = (page: Page): FrameLocator => page.frameLocator('iframe[data-surface-type="jira:globalPage"]');
export const settingsPage = (page: Page): FrameLocator => page.frameLocator('iframe[data-surface-type="jira:projectSettingsPage"]');
export const adminPage = (page: Page): FrameLocator => page.frameLocator('iframe[data-surface-type="jira:adminPage"]');

/** Switches person with the frame's switcher (top right). */
export async function actAs(page: Page, accountId: string): Promise<void> {
  await page.getByTestId('person-switcher').click();
  await page.getByTestId(`person-${accountId}`).click();
  await page.waitForURL((url) => url.searchParams.get('as') === accountId);
}

/** The cell texts of one column of a table, by its header text. */
export async function columnTexts(table: Locator, header: string): Promise<string[]> {
  const headers = (await table.locator('thead th').allInnerTexts()).map((t) => t.trim());
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`No column "${header}" in [${headers.join(', ')}]`);
  return (await table.locator(`tbody tr td:nth-child(${index + 1})`).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Waits for the sandbox to settle (no pending resolver calls, fonts and frames painted) and saves a screenshot. */
export async function screenshot(page: Page, name: string, enabled: boolean, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!enabled) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? false, animations: 'disabled' });
}
