// `npm run bench -- notes`: a record whose notes mention 120,000 issue keys (1.09 MB). Prints the
// time to find its keys and to list it through the resolver, beside their goals.
import { findIssueKeysInText } from '../src/domain/issueKeys';
import { addRecord, plusMinutes, recentRange, utcAt } from '../tests/integration/syncHelpers';
import { startWorld } from '../tests/support/world';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function run(): Promise<void> {
  const notes = Array.from({ length: 120_000 }, (_, i) => `AB-${i + 1}`).join(' ');
  const extractMs = await timed(9, () => findIssueKeysInText(notes));
  const world = await startWorld();
  try {
    const timein = utcAt(1, 7);
    addRecord(world, { timein, timeout: plusMinutes(timein, 30), notes });
    await world.invoke('listRecords', recentRange()); // warm: indexes the records
    let bytes = 0;
    const listMs = await timed(5, async () => {
      bytes = JSON.stringify(await world.invoke('listRecords', recentRange())).length;
    });
    const rows = [
      ['find issue keys in 1.09 MB of notes', `${extractMs.toFixed(2)} ms`, '≤ 100 ms', `${(extractMs / 100).toFixed(3)}x`],
      ['listRecords with that record (+ demo week)', `${listMs.toFixed(0)} ms`, '≤ 1000 ms', `${(listMs / 1000).toFixed(3)}x`],
      ['its answer', `${(bytes / 1e6).toFixed(2)} MB`, '≤ notes + 0.2 MB', `${(bytes / (notes.length + 200_000)).toFixed(3)}x`],
    ];
    console.log(['figure', 'measured', 'goal', 'ratio'].join(' | '));
    for (const row of rows) console.log(row.join(' | '));
  } finally {
    await world.close();
  }
}
