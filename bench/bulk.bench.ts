// `npm run bench -- bulk`: the issue-4 bulk job at full size. 1,000 records over 50 issues in one
// startBulkSync, run by the real consumer from the in-process queue (4 at a time) against the Jira
// emulator with 100 ms latency, without and with 10 % 429s (paced, and unpaced beside it); then its undo.
import { sleep as realSleep } from '../src/adapters/clock';
import { BULK_ISSUES, BULK_PER_ISSUE, seedBulk } from '../tests/support/bulkData';
import { startWorld, type WorldOptions } from '../tests/support/world';
import { goal } from './goals';

const ISSUES = BULK_ISSUES;
const RECORDS = BULK_ISSUES * BULK_PER_ISSUE;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Figures {
  scenario: string;
  seconds: number;
  jiraCalls: number;
  answered429: number;
  creates: number;
  probes: number;
  worklogs: number;
  polls: number;
  deliveries: number;
  undoSeconds: number;
  undoCalls: number;
  undoJiraCalls: number;
  undoLongestCallSeconds: number;
}

async function scenario(name: string, options: WorldOptions): Promise<Figures> {
  const statuses: (number | null)[] = [];
  const world = await startWorld({ demoRecords: false, ...options, app: { ...options.app, onJiraRequest: (info) => statuses.push(info.status) } });
  try {
    const { ids, issueKeys } = await seedBulk(world);
    world.jira.resetCounts();
    statuses.length = 0;
    const started = Date.now();
    const { jobId } = await world.invoke('startBulkSync', { recordIds: ids });
    let polls = 0;
    let job: any;
    do {
      await pause(500); // the page polls about twice a second
      job = await world.invoke('getBulkJob', { jobId });
      polls++;
      if (job.error) throw new Error(JSON.stringify(job.error));
    } while (job.state !== 'done');
    await world.app.queue.drain();
    const seconds = (Date.now() - started) / 1000;
    const counts = world.jira.counts();
    const worklogs = issueKeys.reduce((n, key) => n + world.jira.worklogs(key).length, 0);
    if (job.created !== RECORDS || worklogs !== RECORDS) throw new Error(`expected ${RECORDS} created worklogs, got ${job.created} / ${worklogs}`);
    const answered429 = statuses.filter((s) => s === 429).length;

    world.jira.resetCounts();
    const undoStarted = Date.now();
    let undoCalls = 0;
    let longest = 0;
    for (let more = true; more;) {
      const t = Date.now();
      const undo = await world.invoke('undoBulkJob', { jobId });
      longest = Math.max(longest, Date.now() - t);
      undoCalls++;
      if (undo.error || undo.failed) throw new Error(JSON.stringify(undo.error ?? undo.failures));
      more = (undo.remaining ?? 0) > 0;
    }
    return {
      scenario: name,
      seconds,
      jiraCalls: counts.total,
      answered429,
      creates: counts.byRoute['POST /rest/api/3/issue/{issueIdOrKey}/worklog'] ?? 0,
      probes: counts.byRoute['GET /rest/api/3/myself'] ?? 0,
      worklogs,
      polls,
      deliveries: world.app.queue.delivered,
      undoSeconds: (Date.now() - undoStarted) / 1000,
      undoCalls,
      undoJiraCalls: world.jira.counts().total,
      undoLongestCallSeconds: longest / 1000,
    };
  } finally {
    world.app.queue.stop();
    await world.close();
  }
}

export async function run(): Promise<void> {
  console.log(`${RECORDS} records over ${ISSUES} issues in one job; Jira emulator latency 100 ms a call; 4 queue workers; page polls every 0.5 s`);
  const results: Figures[] = [];
  results.push(await scenario('100 ms, no faults', { jiraLatencyMs: 100 }));
  // Full setup: Retry-After (1 s) really waited for, queue retry delays unscaled; paced as the app
  // is, and unpaced beside it: random 429s that name no rate must not slow the paced job.
  const faulty = (jiraPacing: boolean): WorldOptions => ({
    jiraLatencyMs: 100,
    jiraFaults: '429:0.1',
    retryAfterSeconds: 1,
    app: { sleep: realSleep, queue: { delayScale: 1 }, jiraPacing },
  });
  const paced = await scenario('100 ms, 10 % 429 (Retry-After 1 s honoured), paced', faulty(true));
  const unpaced = await scenario('100 ms, 10 % 429 (Retry-After 1 s honoured), unpaced', faulty(false));
  results.push(paced, unpaced);
  for (const r of results) {
    console.log(`\n${r.scenario}`);
    console.log(
      `  job:  ${r.seconds.toFixed(1)} s, ${(RECORDS / r.seconds).toFixed(1)} records/s, ${r.worklogs} worklogs, ${r.polls} polls, ${r.deliveries} queue deliveries`,
    );
    console.log(
      `  Jira: ${r.jiraCalls} calls = ${(r.jiraCalls / RECORDS).toFixed(3)} a record (${r.creates} worklog POSTs, ${r.probes} impersonation probes, ${r.answered429} answered 429)`,
    );
    console.log(
      `  undo: ${r.undoSeconds.toFixed(1)} s in ${r.undoCalls} resolver call(s) (longest ${r.undoLongestCallSeconds.toFixed(1)} s), ${r.undoJiraCalls} Jira calls`,
    );
  }
  const ratio = (a: number, b: number) => `${a.toFixed(1)} s = ${(a / b).toFixed(2)}× unpaced ${b.toFixed(1)} s`;
  const jobMet = goal(
    'bulk job of 1,000 with 10 % random 429s, paced',
    ratio(paced.seconds, unpaced.seconds),
    '≤ 1.10× unpaced',
    paced.seconds <= 1.1 * unpaced.seconds,
  );
  const undoMet = goal(
    'its undo, paced',
    ratio(paced.undoSeconds, unpaced.undoSeconds),
    '≤ 1.10× unpaced',
    paced.undoSeconds <= 1.1 * unpaced.undoSeconds,
  );
  console.log(`
Random 429s name no rate, so pacing must not slow the job: job ${jobMet}, undo ${undoMet} (goal ≤ 1.10× unpaced).`);
}
