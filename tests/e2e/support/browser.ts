// Headless Chromium (Debian's package) driven by playwright-core, and helpers for the sandbox frame.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { invoke, ROOT, startSandbox, type RunningSandbox } from './sandbox';

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

export async function newPage(browser: Browser, baseURL: string): Promise<{ page: Page; problems: string[]; network: string[] }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems: string[] = [];
  // Requests that failed or answered an error, newest last: the console says only "Failed to load resource".
  const network: string[] = [];
  const note = (line: string) => {
    network.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (network.length > 40) network.shift();
  };
  page.on('requestfailed', (request) => note(`${request.method()} ${request.url()} failed: ${request.failure()?.errorText ?? '?'}`));
  page.on('response', (response) => {
    if (response.status() >= 400) note(`${response.request().method()} ${response.url()} answered ${response.status()}`);
  });
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
    // A Content-Security-Policy violation is a failure whatever its level (Chromium reports some as warnings).
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) problems.push(`csp: ${message.text()}`);
    else if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return { page, problems, network };
}

/**
 * What the page showed when a step failed: its address, every frame's address and text, recent failed
 * requests and console errors, and the sandbox's own output. Appended to the failure, so a run
 * elsewhere (CI) says why without a screenshot.
 */
export async function describePage(page: Page, extra: { problems?: string[]; network?: string[]; serverOutput?: string } = {}): Promise<string> {
  const lines = [`page: ${page.url()}`];
  for (const frame of page.frames()) {
    const text = await frame
      .evaluate(() => document.body?.innerText ?? '(no body)')
      .catch((error: Error) => `(unreadable: ${error.message.split('\n')[0]})`);
    const where = frame === page.mainFrame() ? 'frame' : `iframe ${frame.url().replace(/\?ctx=.*$/, '?ctx=…')}`;
    lines.push(`${where}:\n  ${text.replace(/\s+/g, ' ').trim().slice(0, 700)}`);
  }
  if (extra.problems?.length) lines.push(`console and page errors:\n  ${extra.problems.slice(-15).join('\n  ')}`);
  if (extra.network?.length) lines.push(`failed requests:\n  ${extra.network.slice(-15).join('\n  ')}`);
  if (extra.serverOutput) lines.push(`sandbox output (end):\n  ${extra.serverOutput.trim().slice(-1500).replace(/\n/g, '\n  ')}`);
  return lines.join('\n');
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

/**
 * `test` for one step of a journey through the sandbox: when it fails, the failure also says what
 * the page showed (describePage), so a run elsewhere says why without a screenshot.
 */
export function describedStep(seen: () => { page: Page; problems: string[]; network: string[]; serverOutput: string }) {
  return (name: string, fn: () => Promise<void>) =>
    test(name, async () => {
      try {
        await fn();
      } catch (error) {
        const { page, ...extra } = seen();
        const shown = await describePage(page, extra).catch((e: Error) => `(could not describe the page: ${e.message})`);
        if (error instanceof Error) {
          error.message += `\n\n${shown}`;
          if (error.stack)
            error.stack = `${error.message}\n${error.stack
              .split('\n')
              .filter((l) => /^\s+at /.test(l))
              .join('\n')}`;
        }
        throw error;
      }
    });
}

export interface SandboxSession {
  sandbox: RunningSandbox;
  browser: Browser;
  page: Page;
  /** Console errors and page errors seen so far. */
  problems: string[];
  network: string[];
}

/**
 * Starts a sandbox and a browser page for the enclosing describe block (beforeAll / afterAll), and
 * returns the object they are found on once started.
 */
export function useSandboxPage(env: Record<string, string> = {}, afterStart?: (session: SandboxSession) => Promise<void>): SandboxSession {
  const session = {} as SandboxSession;
  beforeAll(async () => {
    [session.sandbox, session.browser] = await Promise.all([startSandbox(env), launchBrowser()]);
    Object.assign(session, await newPage(session.browser, session.sandbox.url));
    await afterStart?.(session);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.sandbox?.stop();
  });
  return session;
}

/**
 * The steps of a session: each fails on a serious console or page error it caused (beyond a missing
 * resource, the favicon or a ResizeObserver loop), and a failing one says what the page showed.
 */
export function sessionSteps(session: SandboxSession) {
  afterEach(() => {
    const serious = session.problems.filter((p) => !/Failed to load resource|favicon|ResizeObserver loop/i.test(p));
    session.problems.length = 0;
    expect(serious).toEqual([]);
  });
  return describedStep(() => ({ page: session.page, problems: session.problems, network: session.network, serverOutput: session.sandbox.output() }));
}

/** A sandbox session for the enclosing describe block with `accountId` connected to the demo timecard account, and its steps. */
export function useConnectedSandbox(context: { accountId: string } & Record<string, unknown>) {
  const session = useSandboxPage({}, async ({ sandbox }) => {
    const connected = await invoke(sandbox, 'connectTimecard', { username: sandbox.demo.username, password: sandbox.demo.password }, context);
    expect(connected).toMatchObject({ connected: true });
  });
  return { session, step: sessionSteps(session) };
}
