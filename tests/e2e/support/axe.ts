// axe-core in every frame of the sandbox page: the Jira-like frame itself and each surface's iframe
// (the global page's Custom UI document, the UI Kit host of the panel, settings and admin pages).
// Each frame is checked on its own document; a violation of impact serious or critical fails the
// step, and every rule seen (violations of all impacts, and what axe could not decide, "needs
// review") is printed with its count, per surface and state.
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { settle } from './browser';

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
  html: string;
}
interface AxeResult {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: AxeNode[];
}

const FAILING = new Set(['serious', 'critical']);
/** "Needs review" results the app has fixed: seeing one again is a regression (ADR 0027). */
const FAILING_WHEN_UNDECIDED = new Set(['form-field-multiple-labels']);
let source: string | undefined;
const axeSource = () => (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/** Which surface a frame shows, by the data-surface-type of its iframe (the top frame is the sandbox's own). */
async function surfaceName(frame: Frame): Promise<string> {
  if (!frame.parentFrame()) return 'sandbox frame';
  const element = await frame.frameElement().catch(() => null);
  const type = await element?.getAttribute('data-surface-type').catch(() => null);
  await element?.dispose();
  return type ?? frame.url().replace(/\?.*$/, '');
}

async function runIn(frame: Frame): Promise<{ violations: AxeResult[]; incomplete: AxeResult[] }> {
  const loaded = await frame.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!loaded) await frame.evaluate(axeSource());
  return frame.evaluate(async () => {
    // Measured at rest: a dialog fading in shows its colours half-blended (finite animations only; a spinner never ends).
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 2000))]);
    type Run = { violations: AxeResult[]; incomplete: AxeResult[] };
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<Run> } }).axe;
    // Each frame is checked on its own (its own landmarks, its own contrast); iframes are checked apart.
    const run = await axe.run(document, { iframes: false, resultTypes: ['violations', 'incomplete'] });
    const brief = (results: AxeResult[]) =>
      results.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html.slice(0, 200) })),
      }));
    return { violations: brief(run.violations), incomplete: brief(run.incomplete) };
  });
}

/** Rules seen so far in this process, by "surface · state", for the summary the run prints ("needs review" ones marked so). */
export const axeCounts: Record<string, Record<string, number>> = {};

/**
 * Runs axe in every frame of `page` once it has settled, prints the count of each rule seen, and
 * throws on any serious or critical violation (naming the rule, the element and why).
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  await settle(page);
  const failures: string[] = [];
  const lines: string[] = [];
  for (const frame of page.frames()) {
    if (frame.isDetached() || frame.url() === 'about:blank') continue;
    const surface = await surfaceName(frame);
    const { violations, incomplete } = await runIn(frame);
    const counts = Object.fromEntries([
      ...violations.map((v) => [`${v.id} (${v.impact})`, v.nodes.length] as const),
      ...incomplete.map((v) => [`${v.id} (needs review, ${v.impact})`, v.nodes.length] as const),
    ]);
    axeCounts[`${surface} · ${state}`] = counts;
    const listed = Object.entries(counts).map(([rule, n]) => `${rule} ×${n}`);
    lines.push(`axe ${surface} · ${state}: ${listed.length ? listed.join(', ') : 'no violations, nothing to review'}`);
    const failing = [...violations.filter((v) => v.impact && FAILING.has(v.impact)), ...incomplete.filter((v) => FAILING_WHEN_UNDECIDED.has(v.id))];
    for (const v of failing) {
      for (const node of v.nodes)
        failures.push(
          `${surface} · ${state}: ${v.id} (${v.impact}) ${v.help}\n  element: ${JSON.stringify(node.target)} ${node.html}\n  ${(node.failureSummary ?? '').replace(/\n/g, '\n  ')}`,
        );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (failures.length)
    throw new Error(
      `axe found ${failures.length} problem(s), serious or critical violations or a needs-review rule the app has fixed:\n${failures.join('\n')}`,
    );
}
