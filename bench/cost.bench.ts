// `npm run bench -- cost`: what a synced record costs to run. KVS reads, writes and bytes written
// (counted by the store as KVS bills them), Jira points (by Atlassian's documented prices, counted
// by the emulator), and for a bulk job the resolver calls the open page makes and the queue
// deliveries. Emulators without latency: these are counts, not times.
import { nextPollDelay } from '../static/global-page/src/pollDelay';
import { seedBulk } from '../tests/support/bulkData';
import { startWorld, type World } from '../tests/support/world';
import { goal } from './goals';
import { connectedSince, indexRecords, ok, seedProject, seedRecords, table } from './sync.bench';

const DAY_MS = 86_400_000;
const WRITES_GOAL = 3;
const BYTES_GOAL = 2048;
/** The floor is one point a record (its worklog's write); a read now and then on top. */
const POINTS_GOAL = 1.1;
const INVOCATIONS_GOAL = 0.1;
const PANEL_POINTS_GOAL = 5;
/** The global page's poll interval (App's default). */
const PAGE_POLL_MS = 1000;

type Row = Record<string, string | number>;

interface Cost {
  records: number;
  reads: number;
  writes: number;
  /** Requests that write (a transaction of several keys is one write operation for KVS's limits). */
  writeRequests: number;
  /** Write requests in the 10 KB units KVS's per-minute limit counts. */
  writeUnits: number;
  bytesWritten: number;
  points: number;
}

function measure(world: World): () => Omit<Cost, 'records'> {
  world.app.store.resetUsage();
  world.jira.resetCounts();
  return () => {
    const usage = world.app.store.usage();
    return {
      reads: usage.reads,
      writes: usage.writes,
      writeRequests: usage.writeRequests,
      writeUnits: usage.writeUnits,
      bytesWritten: usage.bytesWritten,
      points: world.jira.counts().points ?? 0,
    };
  };
}

const per = (n: number, records: number) => (n / records).toFixed(2);

function row(path: string, cost: Cost): Row {
  const writes = cost.writeRequests / cost.records;
  const bytes = cost.bytesWritten / cost.records;
  const points = cost.points / cost.records;
  goal(`${path}: KVS write requests a record`, writes.toFixed(2), `≤ ${WRITES_GOAL}`, writes <= WRITES_GOAL);
  goal(`${path}: bytes written a record`, String(Math.round(bytes)), '≤ 2 KB', bytes <= BYTES_GOAL);
  goal(`${path}: Jira points a record`, points.toFixed(2), `≤ ${POINTS_GOAL}`, points <= POINTS_GOAL);
  return {
    path,
    records: cost.records,
    'KVS reads/record': per(cost.reads, cost.records),
    'KVS write requests/record': per(cost.writeRequests, cost.records),
    'in 10 KB units/record': per(cost.writeUnits, cost.records),
    'keys written/record': per(cost.writes, cost.records),
    'bytes written/record': Math.round(bytes),
    'Jira points/record': per(cost.points, cost.records),
    [`goal ≤ ${WRITES_GOAL} write requests / ≤ 2 KB / ≤ ${POINTS_GOAL} points`]: [writes <= WRITES_GOAL, bytes <= BYTES_GOAL, points <= POINTS_GOAL]
      .map((met) => (met ? 'met' : 'NOT met'))
      .join(' / '),
  };
}

async function syncCosts(world: World): Promise<Row[]> {
  const issues = seedProject(world, 'COST', '20400', 10);
  const ids = seedRecords(world, issues, 50, 20);
  await connectedSince(world, Date.now() - 60 * DAY_MS);
  await indexRecords(world, 25);
  const sync = async () => {
    const done = measure(world);
    ok(await world.invoke('syncRecords', { recordIds: ids }));
    return { records: ids.length, ...done() };
  };
  return [row('fresh sync, 50 records in one call', await sync()), row('no-op: the same 50 again', await sync())];
}

async function bulkCosts(world: World): Promise<{ rows: Row[]; invocations: Row[]; recordsInRange: number }> {
  const { ids, listedCount } = await seedBulk(world);
  await connectedSince(world, Date.now() - 60 * DAY_MS);
  const done = measure(world);
  const delivered = world.app.queue.delivered;
  const started = Date.now();
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: ids }));
  let polls = 0;
  let quiet = 0;
  let seen = '';
  let job: any;
  do {
    // As the page polls: every second while the job moves, less often while it does not.
    await new Promise((resolve) => setTimeout(resolve, nextPollDelay(PAGE_POLL_MS, quiet, 0)));
    job = ok(await world.invoke('getBulkJob', { jobId, withResults: false }));
    polls++;
    quiet = `${job.state}:${job.done}` === seen ? quiet + 1 : 0;
    seen = `${job.state}:${job.done}`;
  } while (job.state !== 'done');
  await world.app.queue.drain();
  const seconds = (Date.now() - started) / 1000;
  const cost = { records: ids.length, ...done() };
  const invocations = (1 + polls + world.app.queue.delivered - delivered) / ids.length;
  goal(
    `bulk job of ${ids.length}: invocations a record (start, polls, queue deliveries)`,
    `${invocations.toFixed(3)} (${1 + polls} resolver calls in ${seconds.toFixed(0)} s)`,
    `≤ ${INVOCATIONS_GOAL}`,
    invocations <= INVOCATIONS_GOAL,
  );
  return {
    rows: [row(`bulk job, ${ids.length} records over 50 issues`, cost)],
    invocations: [
      {
        'bulk job': `${ids.length} records`,
        seconds: seconds.toFixed(1),
        'resolver calls (start + polls)': 1 + polls,
        'queue deliveries': world.app.queue.delivered - delivered,
        'invocations/record': invocations.toFixed(3),
        [`goal ≤ ${INVOCATIONS_GOAL}`]: invocations <= INVOCATIONS_GOAL ? 'met' : 'NOT met',
      },
    ],
    recordsInRange: listedCount,
  };
}

/** A warm panel load once the store holds the bulk job's records (all in the panel's range). */
async function panelPoints(world: World, recordsInRange: number): Promise<Row[]> {
  const context = world.issueContext('DEMO-2');
  ok(await world.invoke('getIssuePanel', {}, context)); // warm caches
  const done = measure(world);
  const panel = ok(await world.invoke('getIssuePanel', {}, context));
  const cost = done();
  // Each record in range has its link read (one made in Jira may point here); states only of the rows shown.
  const readsGoal = recordsInRange + panel.records.length + 10;
  const readsMet = goal(
    `issue panel load with ${recordsInRange} records in range: KVS reads`,
    String(cost.reads),
    `≤ ${readsGoal} (a link a record, a state a row)`,
    cost.reads <= readsGoal,
  );
  const pointsMet = goal('issue panel load: Jira points', String(cost.points), `≤ ${PANEL_POINTS_GOAL}`, cost.points <= PANEL_POINTS_GOAL);
  return [
    {
      'issue panel load (DEMO-2)': `${panel.records.length} rows`,
      'Jira calls': world.jira.counts().total,
      'Jira points': cost.points,
      'KVS reads': cost.reads,
      'KVS writes': cost.writes,
      [`goal ≤ ${readsGoal} reads / ≤ ${PANEL_POINTS_GOAL} points`]: `${readsMet} / ${pointsMet}`,
    },
  ];
}

export async function run(): Promise<void> {
  const world = await startWorld({});
  try {
    console.log('Storage (KVS as billed) and Jira points (documented prices: a read 1 + 1 an object, 2 a user; a write 1) per synced record.\n');
    table(await syncCosts(world));
    const bulk = await bulkCosts(world);
    table(bulk.rows);
    console.log('Invocations of one bulk job (the page polls while it runs):');
    table(bulk.invocations);
    table(await panelPoints(world, bulk.recordsInRange));
  } finally {
    world.app.queue.stop();
    await world.close();
  }
}
