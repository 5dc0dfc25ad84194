// `npm run bench -- limits`: the 1,000-record bulk job (50 issues) against Jira's own limits in the
// emulator, the app pacing itself side by side with today's unpaced 4 queue workers: a burst
// limit of B writes a second per endpoint, the same plus a per-issue write limit, and an hourly
// points budget that runs out halfway (the job pauses in the queue and finishes after the reset).
import type { JiraLimits } from '../emulators/jira';
import { sleep as realSleep } from '../src/adapters/clock';
import type { PacerFigures } from '../src/adapters/jira/pacer';
import { nextPollDelay } from '../static/global-page/src/pollDelay';
import { BULK_ISSUES, BULK_PER_ISSUE, seedBulk } from '../tests/support/bulkData';
import { goal, loadAverage } from './goals';
import { startWorld } from '../tests/support/world';

const RECORDS = BULK_ISSUES * BULK_PER_ISSUE;
/** The burst limit of every write endpoint, writes a second (reads are left at Jira's 100). */
export const B = 40;
const PER_ISSUE = { writes: 10, seconds: 1 };
const LATENCY_MS = 20;
const QUOTA_WINDOW_SECONDS = 30;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

export interface LimitFigures {
  name: string;
  paced: boolean;
  seconds: number;
  /** Worklogs written a second over the write phase (first to last accepted write, pauses left out). */
  writesPerSecond: number;
  calls: number;
  refused: Record<string, number>;
  refusedShare: number;
  points: number;
  worklogs: number;
  duplicates: number;
  /** The longest time the page saw no progress. */
  pausedSeconds: number;
  polls: number;
  deliveries: number;
  /** What the pacer learned: calls a second per endpoint it slowed, writes a second per issue. */
  learned: string;
}

async function runJob(name: string, paced: boolean, limits: () => JiraLimits): Promise<LimitFigures> {
  const writes: number[] = [];
  const world = await startWorld({
    demoRecords: false,
    jiraLatencyMs: LATENCY_MS,
    app: {
      jiraPacing: paced,
      sleep: realSleep,
      queue: { delayScale: 1 },
      onJiraRequest: (info) => {
        if (info.method === 'POST' && info.status === 201 && /\/worklog(\?|$)/.test(info.path)) writes.push(Date.now());
      },
    },
  });
  try {
    const { ids, issueKeys } = await seedBulk(world);
    // Set after seeding, so only the job's own calls meet them; the job starts as a budget window does.
    world.jira.setLimits(limits());
    const windowMs = QUOTA_WINDOW_SECONDS * 1000;
    world.jira.advanceClock(windowMs - (world.jira.now() % windowMs));
    world.jira.resetCounts();
    writes.length = 0;
    const started = Date.now();
    const { jobId } = await world.invoke('startBulkSync', { recordIds: ids });
    let job: any;
    let polls = 0;
    let quiet = 0;
    let lastDone = -1;
    let lastChange = Date.now();
    let longestStill = 0;
    do {
      // As the page polls: every second while the job moves, less often while it does not.
      await pause(nextPollDelay(1000, quiet, 0));
      job = await world.invoke('getBulkJob', { jobId, withResults: false });
      polls++;
      if (job.error) throw new Error(JSON.stringify(job.error));
      quiet = job.done === lastDone ? quiet + 1 : 0;
      if (job.done !== lastDone) {
        lastDone = job.done;
        lastChange = Date.now();
      }
      longestStill = Math.max(longestStill, Date.now() - lastChange);
    } while (job.state !== 'done');
    await world.app.queue.drain();
    const seconds = (Date.now() - started) / 1000;
    const counts = world.jira.counts();
    const all = issueKeys.flatMap((key) => world.jira.worklogs(key));
    const marks = all.map((w) => JSON.stringify((w.properties as Record<string, unknown>)['timecard-sync'] ?? w.id));
    const refused = counts.refused ?? {};
    const refusedTotal = Object.values(refused).reduce((a, b) => a + b, 0);
    // The write phase without its pauses (gaps of over 2 s: the job waiting for the budget).
    let span = 0;
    for (let i = 1; i < writes.length; i++) if (writes[i] - writes[i - 1] <= 2000) span += writes[i] - writes[i - 1];
    span = span > 0 ? span / 1000 : seconds;
    return {
      name,
      paced,
      seconds,
      writesPerSecond: (writes.length - 1) / span,
      calls: counts.total,
      refused,
      refusedShare: refusedTotal / counts.total,
      points: counts.points ?? 0,
      worklogs: all.length,
      duplicates: all.length - new Set(marks).size,
      pausedSeconds: longestStill / 1000,
      polls,
      deliveries: world.app.queue.delivered,
      learned: learnedOf(world.app.pacer?.figures()),
    };
  } finally {
    world.app.queue.stop();
    await world.close();
  }
}

function learnedOf(figures: PacerFigures | undefined): string {
  if (!figures) return '';
  const endpoints = Object.entries(figures.endpoints).map(([endpoint, rate]) => `${endpoint.replace('/rest/api/3', '')} ${rate}/s`);
  return [...endpoints, ...(figures.perIssue ? [`per issue ${figures.perIssue}/s`] : [])].join(', ');
}

const burst = (): JiraLimits => ({ burst: { GET: 100, POST: B, PUT: B, DELETE: B } });

function line(f: LimitFigures, goalRate: number): string {
  const reasons =
    Object.entries(f.refused)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ') || 'none';
  return (
    `  ${f.paced ? 'paced (AIMD)     ' : 'unpaced, 4 fixed '}` +
    `${f.writesPerSecond.toFixed(1).padStart(5)} writes/s = ${pct(f.writesPerSecond / goalRate).padStart(7)} of ${goalRate}/s  ` +
    `429s ${pct(f.refusedShare).padStart(6)} of ${f.calls} calls (${reasons})  job ${f.seconds.toFixed(1)} s, ` +
    `${f.worklogs} worklogs, ${f.duplicates} duplicates${f.learned ? `; paced to ${f.learned}` : ''}`
  );
}

export async function run(): Promise<void> {
  console.log(
    `${RECORDS} records over ${BULK_ISSUES} issues in one job; Jira emulator ${LATENCY_MS} ms a call; 4 queue workers; the page polls as it does (every 1 s, less often while nothing moves).`,
  );
  console.log(`Goals: writes ≥ 90 % of the limit, ≤ 2 % of calls answered 429; a used-up hourly budget pauses the job, nothing lost.`);
  console.log(`Load average (1, 5, 15 min): ${loadAverage()}\n`);

  console.log(`Burst limit: ${B} writes/s per endpoint (token bucket, 1 s buffer)`);
  const burstUnpaced = await runJob('burst', false, burst);
  const burstPaced = await runJob('burst', true, burst);
  console.log(line(burstUnpaced, B));
  console.log(line(burstPaced, B));
  const ok = burstPaced.writesPerSecond >= 0.9 * B && burstPaced.refusedShare <= 0.02;
  goal(`burst ${B}/s: paced writes, share of the limit`, pct(burstPaced.writesPerSecond / B), '≥ 90 %', burstPaced.writesPerSecond >= 0.9 * B);
  goal(`burst ${B}/s: paced calls answered 429`, pct(burstPaced.refusedShare), '≤ 2 %', burstPaced.refusedShare <= 0.02);
  console.log(
    `  goal ≥ 90 % and ≤ 2 %: ${ok ? 'met' : 'NOT met'} (paced vs unpaced: ${(burstPaced.writesPerSecond / burstUnpaced.writesPerSecond).toFixed(2)}× the writes/s, ${pct(burstPaced.refusedShare)} vs ${pct(burstUnpaced.refusedShare)} 429s)`,
  );

  // Four workers each on its own issue can write at most 4 × the per-issue rate.
  const perIssueMax = Math.min(B, 4 * (PER_ISSUE.writes / PER_ISSUE.seconds));
  console.log(`\nBurst ${B}/s plus ${PER_ISSUE.writes} writes per ${PER_ISSUE.seconds} s per issue (at most ${perIssueMax}/s with 4 issues at once)`);
  const perIssue = () => ({ ...burst(), perIssueWrites: [PER_ISSUE] });
  const issueUnpaced = await runJob('per-issue', false, perIssue);
  const issuePaced = await runJob('per-issue', true, perIssue);
  console.log(line(issueUnpaced, perIssueMax));
  console.log(line(issuePaced, perIssueMax));
  const issueShare = issuePaced.writesPerSecond / perIssueMax;
  goal(
    `+ ${PER_ISSUE.writes} writes/${PER_ISSUE.seconds} s per issue: paced writes, share of ${perIssueMax}/s`,
    pct(issueShare),
    '≥ 90 %',
    issueShare >= 0.9,
  );
  goal(
    `+ ${PER_ISSUE.writes} writes/${PER_ISSUE.seconds} s per issue: paced calls answered 429`,
    pct(issuePaced.refusedShare),
    '≤ 2 %',
    issuePaced.refusedShare <= 0.02,
  );
  console.log(`  goal ≥ 90 % and ≤ 2 %: ${issueShare >= 0.9 && issuePaced.refusedShare <= 0.02 ? 'met' : 'NOT met'}`);

  // A budget of about half the job's points, in a window short enough to wait for.
  const halfBudget = Math.round((RECORDS * 1.1) / 2);
  console.log(`\nHourly points budget of ${halfBudget} points, window shortened to ${QUOTA_WINDOW_SECONDS} s (runs out about halfway)`);
  const quota = await runJob('quota', true, () => ({ ...burst(), quota: { points: halfBudget, windowSeconds: QUOTA_WINDOW_SECONDS } }));
  console.log(line(quota, B));
  const finished = quota.worklogs === RECORDS && quota.duplicates === 0;
  goal(
    'hourly budget out halfway: the job pauses, then finishes',
    `paused ${quota.pausedSeconds.toFixed(0)} s, ${quota.worklogs} worklogs, ${quota.duplicates} duplicates`,
    `${RECORDS} worklogs once each`,
    finished && quota.pausedSeconds > 0,
  );
  console.log(
    `  paused ${quota.pausedSeconds.toFixed(0)} s without progress, then finished: ${finished ? 'all' : 'NOT all'} ` +
      `${RECORDS} worklogs once each; ${quota.polls} page polls in ${quota.seconds.toFixed(0)} s (a fixed 1 s poll: ${Math.ceil(quota.seconds)}); ` +
      `${quota.deliveries} queue deliveries; ${(quota.points / RECORDS).toFixed(2)} points a record`,
  );
}
