// The app paces itself to Jira's rate limits: bulk jobs against the Jira emulator limiting as Jira
// does (burst per endpoint, writes per issue, hourly points), run by the real consumer from the
// in-process queue with real time. Each limit is honoured for its own scope, and nothing is lost.
import type { JiraLimits } from '../../emulators/jira';
import { sleep as realSleep } from '../../src/adapters/clock';
import { seedBulk } from '../support/bulkData';
import { startWorld, type World } from '../support/world';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function limitedWorld(): Promise<World> {
  return startWorld({ demoRecords: false, jiraLatencyMs: 5, app: { sleep: realSleep, queue: { delayScale: 1 } } });
}

/** Starts a job over every seeded record with `limits` in force, and polls it as the page does until done. */
async function runJob(world: World, ids: number[], limits: JiraLimits, poll = 250) {
  world.jira.setLimits(limits);
  world.jira.resetCounts();
  const { jobId } = await world.invoke('startBulkSync', { recordIds: ids });
  const seen: { state: string; done: number }[] = [];
  let job: any;
  do {
    await pause(poll);
    job = await world.invoke('getBulkJob', { jobId });
    if (job.error) throw new Error(JSON.stringify(job.error));
    seen.push({ state: job.state, done: job.done });
  } while (job.state !== 'done');
  await world.app.queue.drain();
  return { job, seen, counts: world.jira.counts() };
}

function worklogsOf(world: World, issueKeys: string[]) {
  const all = issueKeys.flatMap((key) => world.jira.worklogs(key));
  const records = all.map((w) => (w.properties['timecard-sync'] as { recordId: number }).recordId);
  return { count: all.length, distinct: new Set(records).size };
}

describe('pacing to Jira rate limits', () => {
  let world: World;
  afterEach(async () => {
    world.app.queue.stop();
    await world.close();
  });

  test('burst: the worklog endpoint is paced near its limit with few 429s; other endpoints are not slowed', async () => {
    world = await limitedWorld();
    const { ids, issueKeys } = await seedBulk(world, 6, 10);
    const started = Date.now();
    const { job, counts } = await runJob(world, ids, { burst: { POST: 10, GET: 100 } });
    const seconds = (Date.now() - started) / 1000;

    expect(job).toMatchObject({ created: 60, failed: 0 });
    expect(worklogsOf(world, issueKeys)).toEqual({ count: 60, distinct: 60 });
    // 60 writes at 10 a second, the first 10 out of the full bucket: about 5 s, not much more.
    expect(seconds).toBeGreaterThan(4);
    expect(seconds).toBeLessThan(12);
    expect(counts.refused?.['jira-burst-based'] ?? 0).toBeLessThanOrEqual(6);
    const learned = world.app.pacer!.figures();
    expect(learned.endpoints['POST /rest/api/3/issue/{issueIdOrKey}/worklog']).toBeGreaterThan(5);
    expect(learned.endpoints['POST /rest/api/3/issue/{issueIdOrKey}/worklog']).toBeLessThan(15);
    expect(Object.keys(learned.endpoints)).toEqual(['POST /rest/api/3/issue/{issueIdOrKey}/worklog']);
  });

  test('unpaced, the same job meets many more 429s (the baseline the pacing is measured against)', async () => {
    world = await startWorld({ demoRecords: false, jiraLatencyMs: 5, app: { sleep: realSleep, queue: { delayScale: 1 }, jiraPacing: false } });
    const { ids } = await seedBulk(world, 6, 10);
    const { job, counts } = await runJob(world, ids, { burst: { POST: 10, GET: 100 } });
    expect(job).toMatchObject({ created: 60, failed: 0 });
    expect(counts.refused?.['jira-burst-based'] ?? 0).toBeGreaterThan(6);
  });

  test('random 429s that name no rate are waited out call by call; they do not slow the endpoint', async () => {
    world = await limitedWorld();
    const { ids, issueKeys } = await seedBulk(world, 6, 10);
    world.jira.setFaults('429:0.15', 0);
    const { job, counts } = await runJob(world, ids, {});

    expect(job).toMatchObject({ created: 60, failed: 0 });
    expect(worklogsOf(world, issueKeys)).toEqual({ count: 60, distinct: 60 });
    expect(counts.refused ?? {}).toEqual({});
    const learned = world.app.pacer!.figures();
    expect(learned.refused.burst).toBeGreaterThan(3);
    expect(learned.endpoints).toEqual({});
    expect(learned.perIssue).toBeUndefined();
  });

  test('with random 429s on top of a burst limit, the limit still paces its endpoint', async () => {
    world = await limitedWorld();
    const { ids, issueKeys } = await seedBulk(world, 6, 10);
    world.jira.setFaults('429:0.1', 0);
    const { job, counts } = await runJob(world, ids, { burst: { POST: 10, GET: 100 } });

    expect(job).toMatchObject({ created: 60, failed: 0 });
    expect(worklogsOf(world, issueKeys)).toEqual({ count: 60, distinct: 60 });
    expect(counts.refused?.['jira-burst-based'] ?? 0).toBeLessThanOrEqual(8);
    const learned = world.app.pacer!.figures();
    expect(learned.endpoints['POST /rest/api/3/issue/{issueIdOrKey}/worklog']).toBeGreaterThan(5);
    expect(learned.endpoints['POST /rest/api/3/issue/{issueIdOrKey}/worklog']).toBeLessThanOrEqual(10);
  });

  test("per issue: after one refusal, every issue's writes are spaced, other calls go on", async () => {
    world = await limitedWorld();
    const { ids, issueKeys } = await seedBulk(world, 4, 8);
    const { job, counts } = await runJob(world, ids, { perIssueWrites: [{ writes: 3, seconds: 1 }] });

    expect(job).toMatchObject({ created: 32, failed: 0 });
    expect(worklogsOf(world, issueKeys)).toEqual({ count: 32, distinct: 32 });
    // Without spacing each issue would be refused after every third write (about 8 times);
    // with it, the issues written at once learn it together.
    expect(counts.refused?.['jira-per-issue-on-write'] ?? 0).toBeLessThanOrEqual(5);
    const learned = world.app.pacer!.figures();
    expect(learned.perIssue).toBeLessThanOrEqual(3.5);
    expect(learned.endpoints).toEqual({});
  });

  test('per issue, a longer job: the window probed to near the rule is never shorter than it, with few refusals', async () => {
    world = await limitedWorld();
    const { ids, issueKeys } = await seedBulk(world, 4, 50);
    const { job, counts } = await runJob(world, ids, { perIssueWrites: [{ writes: 10, seconds: 1 }] });

    expect(job).toMatchObject({ created: 200, failed: 0 });
    expect(worklogsOf(world, issueKeys)).toEqual({ count: 200, distinct: 200 });
    // The first volley (one an issue) and at most 1 % of the writes as refused probes.
    expect(counts.refused?.['jira-per-issue-on-write'] ?? 0).toBeLessThanOrEqual(6);
    const learned = world.app.pacer!.figures();
    // Every answer only bounds the window: the learned one lets no more through than Jira does.
    expect(learned.perIssue).toBeLessThanOrEqual(10);
    expect(learned.perIssue).toBeGreaterThan(6);
  });

  test('hourly points: the job stops when the budget is out, waits in the queue without calling Jira, and finishes after the reset', async () => {
    world = await limitedWorld();
    const { ids, issueKeys } = await seedBulk(world, 4, 10);
    // A 6 s "hour" that starts now, with points for about half the job.
    const windowMs = 6000;
    world.jira.advanceClock(windowMs - (world.jira.now() % windowMs));
    const started = Date.now();
    const { job, seen, counts } = await runJob(world, ids, { quota: { points: 30, windowSeconds: windowMs / 1000 } });
    const windows = Math.floor((Date.now() - started) / windowMs) + 1;

    expect(job).toMatchObject({ created: 40, failed: 0 });
    expect(worklogsOf(world, issueKeys)).toEqual({ count: 40, distinct: 40 });
    // It stood still part-way (no progress across polls) before it went on.
    const stalled = seen.filter((s, i) => i > 0 && s.state === 'running' && s.done === seen[i - 1].done && s.done > 0 && s.done < 40);
    expect(stalled.length).toBeGreaterThan(2);
    // Each of the 4 workers meets an empty budget once at most (the call it had in flight), then waits: no hammering.
    expect(counts.refused?.['jira-quota-global-based'] ?? 0).toBeGreaterThan(0);
    expect(counts.refused?.['jira-quota-global-based'] ?? 0).toBeLessThanOrEqual(4 * (windows - 1));
  }, 30_000);
});
