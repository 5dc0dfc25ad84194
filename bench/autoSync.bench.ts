// `npm run bench -- autoSync`: what an automatic-sync run costs when nobody has anything to do:
// the scheduled trigger with nobody signed up, and with 100 people who turned it on but have no
// record that ended since their last run; then what retries without the person cost (ADR 0028):
// 100 people whose Log from the page failed while Jira was down, before and when due. Counted against the emulators (Jira calls, timecard
// calls), the store (KVS reads and writes as KVS bills them) and the queue (invocations).
import { RETRY_DELAYS_MS } from '../src/domain/retries';
import type { Deps } from '../src/services/ports';
import { addJiraPeople } from '../tests/integration/syncHelpers';
import { startWorld, type World } from '../tests/support/world';
import { ok, table } from './sync.bench';

const PEOPLE = 100;
const HOUR = 3_600_000;

interface RunCost {
  invocations: number;
  jiraCalls: number;
  timecardCalls: number;
  kvsReads: number;
  kvsWriteRequests: number;
}

/** Fires the trigger once and lets the queue finish; what that cost. */
async function measureRun(world: World): Promise<RunCost> {
  world.app.store.resetUsage();
  world.jira.resetCounts();
  world.timecard.resetCounts();
  const delivered = world.app.queue.delivered;
  await world.app.fireScheduledTrigger();
  await world.app.queue.drain();
  const usage = world.app.store.usage();
  return {
    invocations: 1 + world.app.queue.delivered - delivered,
    jiraCalls: world.jira.counts().total,
    timecardCalls: world.timecard.counts().total,
    kvsReads: usage.reads,
    kvsWriteRequests: usage.writeRequests,
  };
}

/** `count` people, each with a timecard account and automatic sync on (and one record, logged long ago). */
async function signUp(world: World, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const accountId = `bench-person-${i}`;
    const userId = world.timecard.addUser(`person${i}`, 'bench-password');
    world.timecard.addRecord(userId, {
      timein: new Date(Date.now() - 30 * 24 * HOUR).toISOString(),
      timeout: new Date(Date.now() - 30 * 24 * HOUR + HOUR).toISOString(),
      notes: 'DEMO-1 old work',
      jira_issue_key: 'DEMO-1',
    });
    ok(await world.invoke('connectTimecard', { username: `person${i}`, password: 'bench-password' }, { accountId }));
    ok(await world.invoke('saveAutoSync', { enabled: true, graceMinutes: 15 }, { accountId }));
  }
}

const perPerson = (n: number, people: number) => (people === 0 ? String(n) : `${n} (${(n / people).toFixed(2)} a person)`);

function row(what: string, people: number, cost: RunCost, goal: string): Record<string, string | number> {
  return {
    run: what,
    invocations: perPerson(cost.invocations, people),
    'Jira calls': perPerson(cost.jiraCalls, people),
    'timecard calls': perPerson(cost.timecardCalls, people),
    'KVS reads': perPerson(cost.kvsReads, people),
    'KVS writes': perPerson(cost.kvsWriteRequests, people),
    goal,
  };
}

/** Added to the app's clock (retries wait minutes). */
let shiftMs = 0;
const shifted = (deps: Deps): Deps => ({ ...deps, clock: { now: () => new Date(Date.now() + shiftMs) } });

/** `count` people not on automatic sync, each with one record whose Log from the page found Jira down. */
async function failWhileDown(world: World, count: number): Promise<void> {
  // Retries run as the person: Jira knows them and lets them log work on the demo project.
  addJiraPeople(
    world,
    Array.from({ length: count }, (_, i) => ({ accountId: `bench-retry-${i}`, timeZone: 'UTC' })),
  );
  for (let i = 0; i < count; i++) {
    const accountId = `bench-retry-${i}`;
    const userId = world.timecard.addUser(`retry${i}`, 'bench-password');
    const { id } = world.timecard.addRecord(userId, {
      timein: new Date(Date.now() - 3 * HOUR).toISOString(),
      timeout: new Date(Date.now() - 2 * HOUR).toISOString(),
      notes: 'DEMO-2 work',
      jira_issue_key: 'DEMO-2',
    });
    ok(await world.invoke('connectTimecard', { username: `retry${i}`, password: 'bench-password' }, { accountId }));
    world.jira.setFaults('503:1');
    await world.invoke('syncRecords', { recordIds: [id] }, { accountId });
    world.jira.setFaults('');
    // Failed as a whole or for the record (Jira's answers vary): either way the record waits for a retry.
    const { retries } = ok(await world.invoke('getAutoSync', {}, { accountId }));
    if (retries.length !== 1) throw new Error(`expected the record to wait for a retry: ${JSON.stringify(retries)}`);
  }
}

export async function run(): Promise<void> {
  shiftMs = 0;
  const world = await startWorld({ demoRecords: false, connected: false, app: { wrapDeps: shifted } });
  try {
    const nobody = await measureRun(world);
    await signUp(world, PEOPLE);
    // The first run after turning it on looks a week back (and moves each person's watermark once).
    const first = await measureRun(world);
    const idle = await measureRun(world);
    await failWhileDown(world, PEOPLE);
    // Each failure's own wake (a delayed event: the local queue delivers it early, so it finds nothing due).
    await world.app.queue.drain();
    const notDue = await measureRun(world);
    shiftMs = RETRY_DELAYS_MS[0] + 60_000;
    const due = await measureRun(world);
    const logged = world.jira.worklogs('DEMO-2').filter((w) => w.properties['timecard-sync'] !== undefined).length;
    const met = (c: RunCost) => (c.jiraCalls === 0 && c.kvsWriteRequests <= 1 && c.timecardCalls <= PEOPLE ? 'met' : 'NOT met');
    console.log(
      `The hourly scheduled trigger, ${PEOPLE} people with nothing to log (warm: access tokens in the function's memory; a cold container adds one token refresh a person).\n`,
    );
    table([
      row(
        'nobody has it on',
        0,
        nobody,
        `close to zero (1 invocation, 1 write): ${nobody.invocations === 1 && nobody.jiraCalls === 0 && nobody.timecardCalls === 0 ? 'met' : 'NOT met'}`,
      ),
      row(`${PEOPLE} people, first run after turning it on`, PEOPLE, first, '(once)'),
      row(
        `${PEOPLE} people, nothing ended since the last run`,
        PEOPLE,
        idle,
        `close to zero (0 Jira, 0 writes, 1 timecard call a person): ${met(idle)}`,
      ),
      row(
        `the same, and ${PEOPLE} others with a retry not due yet`,
        PEOPLE,
        notDue,
        `as the row above, but 1 read a waiting person (its index entry): ${notDue.jiraCalls === idle.jiraCalls && notDue.timecardCalls === idle.timecardCalls && notDue.kvsWriteRequests <= 1 && notDue.invocations === idle.invocations && notDue.kvsReads <= idle.kvsReads + PEOPLE ? 'met' : 'NOT met'}`,
      ),
      row(
        `the same, the ${PEOPLE} retries due (Jira back)`,
        PEOPLE,
        due,
        `each record logged once: ${logged === PEOPLE ? 'met' : `NOT met (${logged} of ${PEOPLE})`}`,
      ),
    ]);
    console.log(
      `\nA due retry costs what a one-record bulk job costs, plus its run: ${((due.invocations - idle.invocations) / PEOPLE).toFixed(2)} invocations, ` +
        `${((due.jiraCalls - idle.jiraCalls) / PEOPLE).toFixed(2)} Jira calls, ${((due.timecardCalls - idle.timecardCalls) / PEOPLE).toFixed(2)} timecard calls, ` +
        `${((due.kvsReads - idle.kvsReads) / PEOPLE).toFixed(2)} KVS reads and ${((due.kvsWriteRequests - idle.kvsWriteRequests) / PEOPLE).toFixed(2)} KVS writes a person.`,
    );
  } finally {
    world.app.queue.stop();
    await world.close();
  }
}
