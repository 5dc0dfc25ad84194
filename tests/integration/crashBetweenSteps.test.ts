// A sync killed between any two of its KVS write requests (docs/decisions/0012, 0030): the
// process dies at the n-th request, before it lands or right after, and from then on neither the
// store nor Jira answers it. The next sync (once the dead sync's locks have expired) logs every
// record exactly once: never a duplicate worklog, never a record lost.
import { createMemoryStore } from '../../runtime/memoryStore';
import type { Deps, Store } from '../../src/services/ports';
import { interceptedJira } from '../support/interceptedJira';
import type { World } from '../support/world';
import { allWorklogs, duplicates, listRecords, openDemoWorld, recordIdOf, recordView, sync } from './syncHelpers';

const MINUTE = 60_000;
const WRITES: (keyof Store)[] = ['set', 'setIfAbsent', 'delete', 'commit'];

class ProcessKilled extends Error {
  constructor() {
    super('The sync was killed');
    this.name = 'ProcessKilled';
  }
}

interface Kill {
  /** Dies at this write request of the armed run (1-based); 0: never. */
  at: number;
  when: 'before' | 'after';
  seen: number;
  dead: boolean;
  /** Bumped when a new process starts: deps of an earlier one stay dead (its work still in flight never lands). */
  generation: number;
  skew: { ms: number };
}

/** Deps that count the run's write requests and die at `kill.at`; the clocks jump 10 minutes at the death, so the dead sync's locks expire. */
function killable(kill: Kill) {
  const die = () => {
    kill.dead = true;
    kill.skew.ms += 10 * MINUTE;
    return new ProcessKilled();
  };
  return (deps: Deps): Deps => {
    const generation = kill.generation;
    const alive = () => {
      if (kill.dead || generation !== kill.generation) throw new ProcessKilled();
    };
    const store: Store = new Proxy(deps.store, {
      get(target, name: keyof Store) {
        const real = target[name] as (...args: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          alive();
          if (!WRITES.includes(name) || kill.at === 0 || ++kill.seen !== kill.at) return real.apply(target, args);
          if (kill.when === 'before') throw die();
          await real.apply(target, args);
          throw die();
        };
      },
    });
    const jira = interceptedJira(deps.jira, async (_name, call) => {
      alive();
      return call();
    });
    return { ...deps, store, jira, clock: { now: () => new Date(deps.clock.now().getTime() + kill.skew.ms) } };
  };
}

/** Three records of one issue and two of another: the pipelined `pending`s and both issue locks are in play. */
const RECORDS = ['DEMO-2 day 1', 'DEMO-2 day 2', 'DEMO-2 day 3', 'DEMO-5 day 1', 'DEMO-5 day 2'];

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function open(kill: Kill) {
  const opened = await openDemoWorld({
    app: { store: createMemoryStore({ now: () => Date.now() + kill.skew.ms }), wrapDeps: killable(kill) },
  });
  world = opened.world;
  return { world: opened.world, recordIds: RECORDS.map((name) => opened.ids[name]) };
}

/** The write requests a whole sync of RECORDS makes when nothing dies. */
async function writeRequestsOfOneSync(): Promise<number> {
  const kill: Kill = { at: 0, when: 'before', seen: 0, dead: false, generation: 0, skew: { ms: 0 } };
  const { world: w, recordIds } = await open(kill);
  w.app.store.resetUsage();
  const results = await sync(w, recordIds);
  expect(results.map((r: any) => r.outcome)).toEqual(RECORDS.map(() => 'created'));
  const requests = w.app.store.usage().writeRequests;
  await w.close();
  world = undefined;
  return requests;
}

test('a sync killed before or after any of its KVS write requests: the next sync logs every record once, none twice, none lost', async () => {
  const steps = await writeRequestsOfOneSync();
  // Per record its lock and its commit; per issue its lock and its first record's `pending` (the
  // others go in the previous record's commit): 5 * 2 + 2 * 2.
  expect(steps).toBe(RECORDS.length * 2 + 2 * 2);
  for (let at = 1; at <= steps; at++) {
    for (const when of ['before', 'after'] as const) {
      const kill: Kill = { at: 0, when, seen: 0, dead: false, generation: 0, skew: { ms: 0 } };
      const { world: w, recordIds } = await open(kill);
      kill.at = at;
      const killed = await w.invoke('syncRecords', { recordIds });
      expect({ at, when, dead: kill.dead, answered: killed.results === undefined }).toEqual({ at, when, dead: true, answered: true });

      kill.dead = false;
      kill.generation++;
      kill.at = 0;
      const again = await sync(w, recordIds);
      const worklogs = allWorklogs(w).filter((wl) => recordIds.includes(recordIdOf(wl)!));
      const situation = { at, when, outcomes: again.map((r: any) => r.outcome), duplicates: duplicates(worklogs), worklogs: worklogs.length };
      expect(situation).toEqual({
        at,
        when,
        outcomes: again.map(() => expect.stringMatching(/^(created|unchanged)$/)),
        duplicates: [],
        worklogs: RECORDS.length,
      });
      await listRecords(w);
      for (const id of recordIds) expect({ at, when, id, status: (await recordView(w, id)).status }).toEqual({ at, when, id, status: 'synced' });
      await w.close();
      world = undefined;
    }
  }
}, 120_000);
