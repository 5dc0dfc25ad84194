// The engine locks an issue's next record before the current record's commit, so that record's
// `pending` goes in that commit (docs/decisions/0030). When another sync holds that lock, the
// record goes the ordinary way: it waits for its lock and writes its own `pending`.
import { keys, serverId } from '../../src/services/keys';
import type { StoreChanges } from '../../src/services/ports';
import type { World } from '../support/world';
import { allWorklogs, duplicates, openDemoWorld, recordIdOf, recordView, sync } from './syncHelpers';

let world: World;
let ids: Record<string, number>;
beforeEach(async () => ({ world, ids } = await openDemoWorld({ resetCounts: true })));
afterEach(() => world.close());

test("the next record's lock held by another sync: no pending goes ahead, that record waits for its lock, and all are logged once", async () => {
  const records = [ids['DEMO-2 day 1'], ids['DEMO-2 day 2'], ids['DEMO-2 day 3']];
  const store = world.app.store;
  const scope = { server: serverId(world.timecard.url), user: String(world.demo.timecardUserId) };
  const busyKey = keys.recordLock(scope, records[1]);
  // Another sync's live lease on the second record, released once the first record's commit has landed.
  await store.set(busyKey, { holder: 'another-sync', expiresAt: Date.now() + 300_000 });
  const commit = store.commit.bind(store);
  const commits: StoreChanges[] = [];
  jest.spyOn(store, 'commit').mockImplementation(async (changes) => {
    await commit(changes);
    commits.push(changes);
    if (commits.length === 1) await store.delete(busyKey);
  });
  const sets = jest.spyOn(store, 'set');

  const results = await sync(world, records);

  expect(results.map((r: any) => r.outcome)).toEqual(['created', 'created', 'created']);
  const pendingIn = (changes: StoreChanges) =>
    (changes.set ?? []).filter((item) => (item.value as { state?: string }).state === 'pending').map((item) => item.key);
  const stateKey = (n: number) => keys.syncState(scope, records[n]);
  // The first commit carried no `pending` (the lock was busy); the second record wrote its own; the third went ahead as usual.
  expect(commits.map(pendingIn)).toEqual([[], [stateKey(2)], []]);
  expect(sets.mock.calls.filter(([, value]) => (value as { state?: string }).state === 'pending').map(([key]) => key)).toEqual([
    stateKey(0),
    stateKey(1),
  ]);
  const worklogs = allWorklogs(world).filter((w) => records.includes(recordIdOf(w)!));
  expect(duplicates(worklogs)).toEqual([]);
  expect(worklogs).toHaveLength(3);
  for (const id of records) expect((await recordView(world, id)).status).toBe('synced');
  expect(Object.keys(store.dump()).filter((key) => key.startsWith('lock:') || key.startsWith('issuelock:'))).toEqual([]);
});
