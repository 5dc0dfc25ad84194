// When the servers misbehave: Jira rate limits and drops, timecard tokens that expire, a
// timecard server that is down. Nothing is lost, nothing is duplicated, errors are clear.
import type { Deps, TimecardPort } from '../../src/services/ports';
import type { World, WorldOptions } from '../support/world';
import {
  addRecord,
  allWorklogs,
  DAY_MS,
  duplicates,
  isoDay,
  listRecords,
  ok,
  openDemoWorld,
  plusMinutes,
  recordIdOf,
  snapshot,
  sync,
  utcAt,
} from './syncHelpers';
import { TIMECARD_UNREACHABLE } from '../../src/adapters/timecard';

let world: World;

async function start(options: WorldOptions & { acceptSuggestions?: boolean } = {}) {
  ({ world } = await openDemoWorld({ ...options, resetCounts: true }));
  world.timecard.resetCounts();
}

afterEach(async () => {
  await world?.close();
});

/** Every record the demo person has in the last weeks, synced in calls of at most 50. */
async function syncEverything(context: Record<string, unknown> = {}) {
  const recordIds = (await listRecords(world, context)).map((r) => r.id);
  const results = [];
  for (let i = 0; i < recordIds.length; i += 50) results.push(...(await sync(world, recordIds.slice(i, i + 50), {}, context)));
  return results;
}

const syncable = () => {
  const ids = world.demo.records;
  const notSyncable = new Set([ids['running'], ids['too short'], ids['mapped domain']]);
  return Object.entries(ids)
    .filter(([name, id]) => name !== 'malformed' && !notSyncable.has(id))
    .map(([, id]) => id);
};

/** The demo's issues, with the one where the timecard's own Jira sync logged two records. */
const demoIssues = () => [...world.demo.issueKeys, world.demo.timecardSyncIssueKey];
/** The demo record whose worklog the timecard's own Jira sync wrote: taken over (updated), never created. */
const adopted = () => world.demo.records['logged by the timecard'];

describe('Jira rate limits and lost connections', () => {
  test('20 % of Jira calls answering 429: everything is synced, nothing duplicated', async () => {
    await start({ acceptSuggestions: true });
    world.jira.setFaults('429:0.2', 0);

    const results = await syncEverything();

    expect(results.filter((r) => r.outcome === 'failed')).toEqual([]);
    const created = results.filter((r) => r.outcome === 'created').map((r) => r.recordId);
    expect(created.sort()).toEqual(
      syncable()
        .filter((id) => id !== adopted())
        .sort(),
    );
    expect(results.find((r) => r.recordId === adopted())).toMatchObject({ outcome: 'updated', worklogId: world.demo.timecardSyncWorklogId });
    const worklogs = allWorklogs(world, demoIssues());
    expect(duplicates(worklogs)).toEqual([]);
    expect(worklogs.map(recordIdOf).sort()).toEqual(syncable().sort());
    // The limits really were hit: more POSTs reached Jira than worklogs exist.
    expect(world.jira.counts().byRoute['POST /rest/api/3/issue/{issueIdOrKey}/worklog']).toBeGreaterThan(worklogs.length);

    // A second pass under the same limits changes nothing.
    const again = await syncEverything();
    expect(again.filter((r) => r.outcome !== 'unchanged' && r.outcome !== 'skipped')).toEqual([]);
    expect(allWorklogs(world, demoIssues())).toHaveLength(worklogs.length);
    const statuses = (await listRecords(world)).filter((r) => syncable().includes(r.id)).map((r) => r.status);
    expect(new Set(statuses)).toEqual(new Set(['synced']));
  });

  test('429, 503 and dropped connections mixed: passes until done, still one worklog per record', async () => {
    await start({ acceptSuggestions: true });
    world.jira.setFaults('429:0.1,503:0.1,drop:0.08', 0);

    let failed: unknown[];
    let passes = 0;
    do {
      passes++;
      failed = (await syncEverything()).filter((r) => r.outcome === 'failed');
    } while (failed.length > 0 && passes < 5);

    expect(failed).toEqual([]);
    const worklogs = allWorklogs(world, demoIssues());
    expect(duplicates(worklogs)).toEqual([]);
    expect(worklogs.map(recordIdOf).sort()).toEqual(syncable().sort());
  });

  test('Jira that keeps refusing: failed / rate-limited with a readable message after bounded retries; the next sync logs it once', async () => {
    await start();
    const id = world.demo.records['DEMO-2 day 1'];
    world.jira.setFaults('429:1', 0);

    const [limited] = await sync(world, [id]);

    expect(limited).toMatchObject({ outcome: 'failed', code: 'rate-limited', message: expect.stringMatching(/Jira is limiting/) });
    expect(world.jira.counts().total).toBeLessThanOrEqual(25);
    expect(allWorklogs(world)).toEqual([]);
    world.jira.setFaults('', 0);
    const [logged] = await sync(world, [id]);
    expect(logged.outcome).toBe('created');
    expect(allWorklogs(world).map(recordIdOf)).toEqual([id]);
  });

  test('honours Retry-After, else backs off with jitter', async () => {
    const waits: number[] = [];
    // Half the calls limited with Retry-After 3 s: a budget that outlasts several in a row (the waits are not slept).
    await start({ app: { sleep: async (ms) => void waits.push(ms), jiraRetryBudgetMs: 30_000 } });
    world.jira.setFaults('429:0.5', 3);

    const results = await sync(
      world,
      [1, 2, 3, 4].map((d) => world.demo.records[`DEMO-5 day ${d}`]),
    );

    expect(results.every((r) => r.outcome === 'created')).toBe(true);
    expect(waits).toContain(3000); // Retry-After: 3
    expect(waits.some((ms) => ms !== 3000 && ms <= 1000)).toBe(true); // a 429 without Retry-After
  });
});

describe('timecard tokens', () => {
  test('an access token expiring between calls is refreshed transparently', async () => {
    await start();
    world.timecard.expireAccessTokens();

    const [result] = await sync(world, [world.demo.records['DEMO-2 day 2']]);

    expect(result.outcome).toBe('created');
    expect(world.timecard.counts().byRoute['POST /api/refresh']).toBe(1);
  });

  test('an access token expiring in the middle of one sync call is refreshed transparently', async () => {
    let expireAfterFirst = false;
    let listed = 0;
    const wrapDeps = (deps: Deps): Deps => {
      const timecard = deps.timecard!;
      const wrapped: TimecardPort = Object.create(timecard);
      wrapped.listRecords = async (...args) => {
        const answer = await timecard.listRecords(...args);
        if (expireAfterFirst && ++listed === 1) world.timecard.expireAccessTokens(); // between two requests of one call
        return answer;
      };
      return { ...deps, timecard: wrapped };
    };
    await start({ app: { wrapDeps } });
    // A record more than two months back makes the sync read the timecard in two windows.
    const old = addRecord(world, { timein: utcAt(80, 9), timeout: plusMinutes(utcAt(80, 9), 60), jira_issue_key: 'DEMO-6' });
    ok(await world.invoke('listRecords', { from: isoDay(Date.now() - 90 * DAY_MS), to: isoDay(Date.now()) }));
    world.timecard.resetCounts();
    expireAfterFirst = true;

    const results = await sync(world, [old, world.demo.records['DEMO-2 day 3']]);

    expect(results.map((r) => r.outcome)).toEqual(['created', 'created']);
    expect(listed).toBe(2);
    expect(world.timecard.counts().byRoute).toMatchObject({ 'POST /api/refresh': 1 });
    expect(allWorklogs(world).map(recordIdOf).sort()).toEqual([old, world.demo.records['DEMO-2 day 3']].sort());
  });

  test('an expired refresh token asks the person to reconnect, and nothing is written', async () => {
    await start();
    world.timecard.expireAccessTokens();
    world.timecard.expireRefreshTokens();
    const before = snapshot(world);

    for (const [key, payload, context] of [
      ['listRecords', { from: isoDay(Date.now() - 7 * DAY_MS), to: isoDay(Date.now()) }, {}],
      ['syncRecords', { recordIds: [world.demo.records['DEMO-2 day 1']] }, {}],
      ['getIssuePanel', {}, world.issueContext('DEMO-2')],
    ] as const) {
      const result = await world.invoke(key, payload, context);
      expect({ key, result }).toEqual({ key, result: { error: { code: 'reconnect-timecard', message: expect.stringMatching(/connect/i) } } });
    }
    expect(world.jira.counts().writes).toBe(0);
    expect(snapshot(world)).toEqual(before);

    ok(await world.invoke('connectTimecard', { username: world.demo.timecardUser, password: world.demo.timecardPassword }));
    expect((await sync(world, [world.demo.records['DEMO-2 day 1']]))[0].outcome).toBe('created');
  });
});

describe('timecard server down', () => {
  test.each(['refuse', 'html'] as const)('%s: server-unreachable, nothing written; works again when it is back', async (mode) => {
    await start();
    world.timecard.setDown(mode);
    const before = snapshot(world);

    for (const [key, payload, context] of [
      ['listRecords', { from: isoDay(Date.now() - 7 * DAY_MS), to: isoDay(Date.now()) }, {}],
      ['syncRecords', { recordIds: [world.demo.records['DEMO-2 day 1']] }, {}],
      ['getIssuePanel', {}, world.issueContext('DEMO-2')],
      ['connectTimecard', { username: 'alice', password: 'timecard-demo' }, {}],
    ] as const) {
      const result = await world.invoke(key, payload, context);
      // The person's sentence (no host or port: docs/security.md), then the error id of the one log line the failure left (failureLog.ts).
      expect({ key, result }).toEqual({
        key,
        result: {
          error: {
            code: 'server-unreachable',
            message: expect.stringMatching(/ If it keeps happening, quote error id [0-9A-F]{8} to your Jira admin\.$/),
          },
        },
      });
      expect(result.error.message.startsWith(TIMECARD_UNREACHABLE)).toBe(true);
      expect(result.error.message).not.toContain('127.0.0.1');
    }
    expect(world.jira.counts().writes).toBe(0);
    expect(snapshot(world)).toEqual(before);
    const health = ok(await world.invoke('checkTimecardServer', {}, { accountId: world.demo.adminAccountId }));
    expect(health.server).toMatchObject({ reachable: false, configured: true, message: expect.stringContaining('127.0.0.1') });

    world.timecard.setDown(false);
    expect((await sync(world, [world.demo.records['DEMO-2 day 1']]))[0].outcome).toBe('created');
  });
});
