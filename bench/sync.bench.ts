// Syncing's figures: the sync engine against both emulators with 100 ms Jira latency (and 30 ms
// on the timecard server), through the real resolver handler. Prints tables; asserts nothing.
//   1. Jira calls per synced record (the floor is 1.0: one POST per worklog)
//   2. Jira and timecard calls per issue-panel load
//   3. records per second, 200 records over 20 issues, beside a plain sequential POST loop
import { adf } from '../emulators/jira/testkit';
import { keys, serverId } from '../src/services/keys';
import { startWorld, type World } from '../tests/support/world';

const JIRA_LATENCY_MS = 100;
const TIMECARD_LATENCY_MS = 30;
const DAY_MS = 86_400_000;
const WORK = ['BROWSE_PROJECTS', 'WORK_ON_ISSUES', 'EDIT_OWN_WORKLOGS', 'DELETE_OWN_WORKLOGS'];

type Row = Record<string, string | number>;

const f2 = (n: number) => n.toFixed(2);

export function table(rows: Row[]): void {
  const columns = Object.keys(rows[0]);
  const cell = (v: string | number) => String(v);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  console.log(line(columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(columns.map((c) => cell(r[c]))));
  console.log('');
}

export function ok(result: any): any {
  if (result && typeof result === 'object' && 'error' in result) throw new Error(`Resolver error: ${JSON.stringify(result.error)}`);
  return result;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A project with `count` issues the demo person may log work on. */
export function seedProject(world: World, key: string, id: string, count: number): string[] {
  const keys = Array.from({ length: count }, (_, i) => `${key}-${i + 1}`);
  world.jira.seed({
    projects: [{ id, key, name: `${key} project`, permissions: { [world.demo.accountId]: WORK } }],
    issues: keys.map((k) => ({ key: k, summary: `Benchmark issue ${k}`, status: 'In Progress' as const, projectKey: key })),
  });
  return keys;
}

/** `count` finished records spread over `issueKeys` (round robin) in the last weeks; returns their ids. */
export function seedRecords(world: World, issueKeys: string[], count: number, startDaysAgo: number): number[] {
  const dayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  return Array.from({ length: count }, (_, i) => {
    const timein = dayStart - (startDaysAgo - Math.floor(i / 12)) * DAY_MS + (8 * 60 + (i % 12) * 40) * 60_000;
    const minutes = 20 + ((i * 7) % 70);
    return world.timecard.addRecord(world.demo.timecardUserId, {
      timein: iso(timein),
      timeout: iso(timein + minutes * 60_000),
      notes: `Benchmark work ${i}`,
      jira_issue_key: issueKeys[i % issueKeys.length],
    }).id;
  });
}

/** `count` records the timecard's own Jira sync logged: each with a worklog by the person (no app property). */
function seedTimecardSynced(world: World, issueKeys: string[], count: number, startDaysAgo: number): number[] {
  const ids = seedRecords(world, issueKeys, count, startDaysAgo);
  for (const id of ids) {
    const record = world.timecard.records(world.demo.timecardUserId).find((r) => r.id === id)!;
    const seconds = (Date.parse(record.timeout!) - Date.parse(record.timein)) / 1000;
    world.jira.seed({
      worklogs: [
        {
          issueKey: record.jira_issue_key!,
          authorAccountId: world.demo.accountId,
          started: record.timein,
          timeSpentSeconds: seconds,
          comment: adf(record.notes ?? ''),
        },
      ],
    });
    const worklogId = world.jira.worklogs(record.jira_issue_key!).at(-1)!.id;
    world.timecard.updateRecord(id, { jira_synced: true, jira_worklog_id: worklogId });
  }
  return ids;
}

/** As if the person had connected at `ms`: this storage has known their records since then. */
export async function connectedSince(world: World, ms: number): Promise<void> {
  const scope = { server: serverId(world.timecard.url), user: String(world.demo.timecardUserId) };
  await world.app.store.set(keys.scopeSince(scope), new Date(ms).toISOString());
}

export async function indexRecords(world: World, daysBack: number): Promise<void> {
  const from = new Date(Date.now() - daysBack * DAY_MS).toISOString().slice(0, 10);
  const to = new Date(Date.now() + DAY_MS).toISOString().slice(0, 10);
  ok(await world.invoke('listRecords', { from, to }));
}

/** Syncs `ids` in calls of `chunk`; returns Jira / timecard calls made, outcomes and seconds taken. */
async function measureSync(world: World, ids: number[], chunk: number) {
  world.jira.resetCounts();
  world.timecard.resetCounts();
  const outcomes: Record<string, number> = {};
  const started = performance.now();
  for (let i = 0; i < ids.length; i += chunk) {
    const { results } = ok(await world.invoke('syncRecords', { recordIds: ids.slice(i, i + chunk) }));
    for (const r of results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  }
  const seconds = (performance.now() - started) / 1000;
  const jira = world.jira.counts();
  return { jira: jira.total, jiraWrites: jira.writes, timecard: world.timecard.counts().total, outcomes, seconds };
}

const describeOutcomes = (o: Record<string, number>) =>
  Object.entries(o)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');

async function callsPerRecord(world: World): Promise<Row[]> {
  const issues = seedProject(world, 'CALLS', '20100', 10);
  const backfill = { one: seedRecords(world, issues, 5, 30), ten: seedRecords(world, issues, 10, 25), fifty: seedRecords(world, issues, 50, 20) };
  const one = seedRecords(world, issues, 5, 15);
  const ten = seedRecords(world, issues, 10, 12);
  const fifty = seedRecords(world, issues, 50, 9);
  await indexRecords(world, 35);

  const rows: Row[] = [];
  const add = (path: string, m: Awaited<ReturnType<typeof measureSync>>, records: number) =>
    rows.push({
      path,
      records,
      'Jira calls': m.jira,
      'Jira calls/record': f2(m.jira / records),
      'timecard calls/record': f2(m.timecard / records),
      outcomes: describeOutcomes(m.outcomes),
    });
  // Right after connecting, work tracked earlier may already be in Jira (an earlier install of the
  // app): one ranged read per issue checks before creating.
  add('backfill after connecting, 1 per call', await measureSync(world, backfill.one, 1), backfill.one.length);
  add('backfill after connecting, 10 per call', await measureSync(world, backfill.ten, 10), backfill.ten.length);
  add('backfill after connecting, 50 per call', await measureSync(world, backfill.fifty, 50), backfill.fifty.length);
  // Everyday use: the person connected before this work was tracked.
  await connectedSince(world, Date.now() - 60 * DAY_MS);
  add('fresh, 1 record per call', await measureSync(world, one, 1), one.length);
  add('fresh, 10 records per call', await measureSync(world, ten, 10), ten.length);
  add('fresh, 50 records per call', await measureSync(world, fifty, 50), fifty.length);
  add('already synced, 50 per call (no-op)', await measureSync(world, fifty, 50), fifty.length);
  for (const id of ten) {
    const record = world.timecard.records(world.demo.timecardUserId).find((r) => r.id === id)!;
    world.timecard.updateRecord(id, { timeout: iso(Date.parse(record.timeout!) + 15 * 60_000) });
  }
  add('changed in timecard, 10 per call (PUT)', await measureSync(world, ten, 10), ten.length);
  // Logged by the timecard's own Jira sync: its worklogs are read in the one batch and taken over with PUT, never a POST.
  const byTimecard = seedTimecardSynced(world, issues, 10, 6);
  await indexRecords(world, 35);
  add("timecard's own sync, taken over, 10 per call", await measureSync(world, byTimecard, 10), byTimecard.length);
  add("timecard's own sync, taken over before (no-op)", await measureSync(world, byTimecard, 10), byTimecard.length);
  return rows;
}

async function panelLoads(world: World): Promise<Row[]> {
  const context = world.issueContext('DEMO-2');
  const load = async () => {
    world.jira.resetCounts();
    world.timecard.resetCounts();
    const started = performance.now();
    const panel = ok(await world.invoke('getIssuePanel', {}, context));
    return { jira: world.jira.counts().total, timecard: world.timecard.counts().total, ms: performance.now() - started, rows: panel.records.length };
  };
  const rows: Row[] = [];
  const add = (label: string, r: Awaited<ReturnType<typeof load>>) =>
    rows.push({ 'issue panel (DEMO-2)': label, rows: r.rows, 'Jira calls': f2(r.jira), 'timecard calls': f2(r.timecard), ms: Math.round(r.ms) });

  await world.app.store.delete(Object.keys(world.app.store.dump()).find((k) => k.startsWith('attrs:'))!); // a cold cache
  add('first load (cold caches)', await load());
  const warm = [await load(), await load(), await load()];
  add('warm load, nothing synced (avg of 3)', average(warm));
  const demo2 = Object.entries(world.demo.records)
    .filter(([name]) => name.startsWith('DEMO-2'))
    .map(([, id]) => id);
  ok(await world.invoke('syncRecords', { recordIds: demo2.slice(0, 4) }));
  const synced = [await load(), await load(), await load()];
  add('warm load, 4 of 9 rows synced (avg of 3)', average(synced));
  return rows;
}

function average<T extends Record<string, number>>(items: T[]): T {
  const keys = Object.keys(items[0]) as (keyof T)[];
  return Object.fromEntries(keys.map((k) => [k, items.reduce((s, i) => s + i[k], 0) / items.length])) as T;
}

async function throughput(world: World): Promise<Row[]> {
  const appIssues = seedProject(world, 'THRU', '20200', 20);
  const loopIssues = seedProject(world, 'LOOP', '20300', 20);
  const ids = seedRecords(world, appIssues, 200, 17);
  await indexRecords(world, 20);

  const app = await measureSync(world, ids, 50);

  // The plain baseline: the same 200 worklogs, one POST after another, straight to the emulator.
  const dayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const loopStarted = performance.now();
  for (let i = 0; i < 200; i++) {
    const started = new Date(dayStart - 10 * DAY_MS + i * 3_600_000).toISOString().replace('Z', '+0000');
    const response = await fetch(`${world.jira.url}/rest/api/3/issue/${loopIssues[i % 20]}/worklog`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${world.demo.accountId}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ started, timeSpentSeconds: 1800, comment: adf(`Loop ${i}`) }),
    });
    if (response.status !== 201) throw new Error(`Plain loop POST answered ${response.status}`);
    await response.arrayBuffer();
  }
  const loopSeconds = (performance.now() - loopStarted) / 1000;

  const appRate = ids.length / app.seconds;
  const loopRate = 200 / loopSeconds;
  return [
    {
      run: 'app: syncRecords, 4 calls of 50',
      records: ids.length,
      seconds: f2(app.seconds),
      'records/s': f2(appRate),
      'Jira calls': app.jira,
      'timecard calls': app.timecard,
      outcomes: describeOutcomes(app.outcomes),
    },
    {
      run: 'plain sequential POST loop',
      records: 200,
      seconds: f2(loopSeconds),
      'records/s': f2(loopRate),
      'Jira calls': 200,
      'timecard calls': 0,
      outcomes: '200 created',
    },
    {
      run: 'ratio app / plain loop (everyday use)',
      records: '',
      seconds: '',
      'records/s': `${f2(appRate / loopRate)}x`,
      'Jira calls': '',
      'timecard calls': '',
      outcomes: '',
    },
  ];
}

export async function run(): Promise<void> {
  const world = await startWorld({ jiraLatencyMs: JIRA_LATENCY_MS, timecardLatencyMs: TIMECARD_LATENCY_MS });
  try {
    console.log(`Jira emulator latency ${JIRA_LATENCY_MS} ms per call, timecard emulator ${TIMECARD_LATENCY_MS} ms per call.\n`);
    console.log('1. Jira calls per synced record (floor 1.0: one POST per new worklog)');
    table(await callsPerRecord(world));
    console.log('2. Calls per issue-panel load');
    table(await panelLoads(world));
    console.log('3. Throughput: 200 records over 20 issues');
    table(await throughput(world));
  } finally {
    await world.close();
  }
}
