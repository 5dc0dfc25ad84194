// The adversarial suite's reliability figures: every test adds what it tried and how it ended,
// and the suite's reporter (reliabilityReporter.js) prints the totals after the run.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Tally {
  /** Inputs (payloads, contexts, concurrent calls, fault scenarios) sent to the app. */
  tried: number;
  /** Those answered as the contract says (a clear error that changed nothing, or the right result). */
  handled: number;
  /** Worklogs written twice for one record. */
  duplicates: number;
  /** Records whose work should be in Jira and is not, or results that went missing. */
  lost: number;
}

export const TALLY_DIR = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'adversarial-tally');

const totals: Tally = { tried: 0, handled: 0, duplicates: 0, lost: 0 };

/** Adds to this test file's figures (written at once, so a failing test still counts what it tried). */
export function count(part: Partial<Tally>): void {
  for (const key of Object.keys(totals) as (keyof Tally)[]) totals[key] += part[key] ?? 0;
  mkdirSync(TALLY_DIR, { recursive: true });
  const file = path.basename(expect.getState().testPath ?? 'unknown', '.ts');
  writeFileSync(path.join(TALLY_DIR, `${file}.json`), JSON.stringify(totals));
}
