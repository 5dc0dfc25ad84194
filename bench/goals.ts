// Issue 12's figures beside their goals: each bench records what it measured with `goal(...)`,
// and `npm run bench` prints them all in one table at the end of the run.
import { loadavg } from 'node:os';
export interface GoalRow {
  figure: string;
  measured: string;
  goal: string;
  met: boolean;
}

const rows: GoalRow[] = [];

/** Records a figure and its goal; returns "met" or "NOT met" for the bench's own line. */
export function goal(figure: string, measured: string, target: string, met: boolean): string {
  rows.push({ figure, measured, goal: target, met });
  return met ? 'met' : 'NOT met';
}

/** The machine's 1, 5 and 15 minute load averages: timings on a busy machine move with them. */
export function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
}

export function printGoals(): void {
  if (rows.length === 0) return;
  const widths = [
    Math.max(6, ...rows.map((r) => r.figure.length)),
    Math.max(8, ...rows.map((r) => r.measured.length)),
    Math.max(4, ...rows.map((r) => r.goal.length)),
  ];
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ');
  console.log('\n=== figures and goals (issue 12) ===');
  console.log(`load average at the end of the run: ${loadAverage()}`);
  console.log(line(['figure', 'measured', 'goal', '']));
  console.log(line(widths.map((w) => '-'.repeat(w)).concat('-------')));
  for (const r of rows) console.log(line([r.figure, r.measured, r.goal, r.met ? 'met' : 'NOT met']));
}
