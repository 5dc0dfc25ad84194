// `npm run bench -- ui`: large months in the browser. The sandbox (as `npm start` runs it) in the
// browser tests' headless Chromium, with 2,000 records this week on the global page and 500 on one
// issue's panel: the time from opening the page to its first rows on screen, and to the last row.
import { existsSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { CHROMIUM, globalPage, issuePanel, launchBrowser, newPage } from '../tests/e2e/support/browser';
import { startSandbox, type RunningSandbox } from '../tests/e2e/support/sandbox';
import { goal, loadAverage } from './goals';

const GOAL_MS = 1000;
const HOUR = 3_600_000;
/** Each surface is opened this many times (`UI_BENCH_RUNS`); the figure is the median. */
const RUNS = Math.max(1, Number(process.env.UI_BENCH_RUNS) || 5);

async function addRecords(sandbox: RunningSandbox, count: number, startMs: number, issueKey: string | null): Promise<void> {
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const spacing = Math.max(60_000, Math.floor((Date.now() - HOUR - startMs) / count));
  for (let i = 0; i < count; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, count - i) }, (_, j) => {
        const timein = startMs + (i + j) * spacing;
        const body = {
          userId: 1,
          timein: iso(timein),
          timeout: iso(timein + 10 * 60_000),
          notes: `Large month ${i + j}`,
          ...(issueKey ? { jira_issue_key: issueKey } : {}),
        };
        return fetch(`${sandbox.timecardUrl}/__emulator/records`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => {
          if (r.status !== 201) throw new Error(`Adding a record answered ${r.status}`);
        });
      }),
    );
  }
}

interface Timing {
  first: number;
  /** When the `last`-th row was on the page (null: the surface shows fewer, a page at a time). */
  all: number | null;
  shown: number;
}

/** The issue panel's records: one list item each (src/frontend/issue-panel/RecordsList.tsx). */
const PANEL_ROWS = '[role="listitem"][data-testid^="record-"]';

/** Milliseconds from `open()` until the first rows are on screen, and until the `last`-th is. */
async function timeRows(open: () => Promise<void>, frame: FrameLocator, rows: string, last: number): Promise<Timing> {
  const started = Date.now();
  await open();
  await frame.locator(rows).first().waitFor({ timeout: 60_000 });
  const first = Date.now() - started;
  const all = await frame
    .locator(rows)
    .nth(last - 1)
    .waitFor({ state: 'attached', timeout: 15_000 })
    .then(() => Date.now() - started)
    .catch(() => null);
  return { first, all, shown: await frame.locator(rows).count() };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
};

/** Times the surface RUNS times: the median of each figure, and every run's first-rows time. */
async function timeRuns(open: () => Promise<void>, frame: FrameLocator, rows: string, last: number): Promise<Timing & { firsts: number[] }> {
  const runs: Timing[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timeRows(open, frame, rows, last));
  const alls = runs.map((r) => r.all).filter((a): a is number => a !== null);
  return {
    first: median(runs.map((r) => r.first)),
    all: alls.length === runs.length ? median(alls) : null,
    shown: runs[runs.length - 1].shown,
    firsts: runs.map((r) => r.first),
  };
}

function line(label: string, t: Timing & { firsts: number[] }): string {
  goal(`${label}: first rows on screen (median of ${t.firsts.length})`, `${t.first} ms`, `< ${GOAL_MS} ms`, t.first < GOAL_MS);
  const rest = t.all === null ? `${t.shown} rows on the page (it shows a page at a time)` : `all rows ${t.all} ms`;
  return (
    `  ${label.padEnd(46)} first rows ${String(t.first).padStart(5)} ms (median; runs ${t.firsts.join(', ')} ms; ` +
    `goal < ${GOAL_MS} ms: ${t.first < GOAL_MS ? 'met' : 'NOT met'}), ${rest}`
  );
}

async function connect(page: Page, sandbox: RunningSandbox): Promise<void> {
  await page.getByTestId('nav-global-page').click();
  const gp = globalPage(page);
  await gp.getByLabel('Timecard username').fill(sandbox.demo.username);
  await gp.getByLabel('Password').fill(sandbox.demo.password);
  await gp.getByRole('button', { name: 'Connect', exact: true }).click();
  await gp.locator('tbody tr').first().waitFor();
}

export async function run(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`No Chromium at ${CHROMIUM}: skipped (set CHROMIUM_PATH).`);
    return;
  }
  const sandbox = await startSandbox();
  const browser = await launchBrowser();
  try {
    const monday = (() => {
      const d = new Date();
      d.setUTCHours(0, 0, 0, 0);
      return d.getTime() - ((d.getUTCDay() + 6) % 7) * 24 * HOUR;
    })();
    const { page } = await newPage(browser, sandbox.url);
    await page.goto('/');
    await connect(page, sandbox);
    const openGlobal = async () => {
      await page.goto('/');
      await page.getByTestId('nav-global-page').click();
    };
    const openPanel = async () => {
      await page.goto('/');
      await page.getByTestId('nav-issue-DEMO-2').click();
    };
    const rows = 'tbody tr:not(.tc-day-row)';
    console.log(
      `The sandbox in headless Chromium (1400×900); the demo data first, then records added to the demo person’s timecard; each opened ${RUNS} times (load average ${loadAverage()}).`,
    );
    console.log(line('global page, this week, demo data', await timeRuns(openGlobal, globalPage(page), rows, 1)));
    console.log(line('issue panel of DEMO-2, demo data', await timeRuns(openPanel, issuePanel(page), PANEL_ROWS, 1)));
    await addRecords(sandbox, 2000, monday, null);
    await addRecords(sandbox, 500, Date.now() - 25 * 24 * HOUR, 'DEMO-2');
    console.log(line('global page, this week with 2,000 records', await timeRuns(openGlobal, globalPage(page), rows, 2000)));
    console.log(line('issue panel of DEMO-2 with 500 records', await timeRuns(openPanel, issuePanel(page), PANEL_ROWS, 500)));
  } finally {
    await browser.close();
    await sandbox.stop();
  }
}
