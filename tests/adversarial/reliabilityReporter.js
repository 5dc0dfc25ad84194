// Jest reporter: after a run that included the adversarial suite, prints its totals (inputs
// tried, handled, duplicate and lost worklogs) as the project's reliability figures.
const { existsSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const path = require('node:path');

const TALLY_DIR = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'adversarial-tally');

class ReliabilityReporter {
  onRunStart() {
    rmSync(TALLY_DIR, { recursive: true, force: true });
  }

  onRunComplete() {
    if (!existsSync(TALLY_DIR)) return;
    const totals = { tried: 0, handled: 0, duplicates: 0, lost: 0 };
    const files = readdirSync(TALLY_DIR).filter((f) => f.endsWith('.json'));
    for (const file of files) {
      const part = JSON.parse(readFileSync(path.join(TALLY_DIR, file), 'utf8'));
      for (const key of Object.keys(totals)) totals[key] += part[key] ?? 0;
    }
    if (files.length === 0) return;
    const unhandled = totals.tried - totals.handled;
    console.log(
      `\nReliability (adversarial suite, ${files.length} files): ${totals.tried} inputs tried, ${totals.handled} handled` +
        ` (${unhandled} not), ${totals.duplicates} duplicate worklogs, ${totals.lost} lost  ·  goal: all handled, 0 duplicates, 0 lost`,
    );
  }
}

module.exports = ReliabilityReporter;
