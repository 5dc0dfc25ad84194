// The engine locks an issue's next record before the current record's commit, so that record's
// `pending` goes in that commit (docs/decisions/0030). When another sync holds that lock, the
// record goes the ordinary way: it waits for its lock and writes its own `pending`.
import { requireScope } from '../../src/services/connection';
import type { Session } from '../../src/services/context';
import { keys, serverId } from '../../src/services/keys';
import type { StoreChanges } from '../../src/services/ports';
import { prepareRecords } from '../../src/services/prepare';
import { observeWorklogs } from '../../src/services/recordViews';
import { fetchRecordsById } from '../../src/services/records';
import { syncPrepared } from '../../src/services/sync';
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

test('a run that stops right after a record whose commit carried the next pending: that state goes back as it was, its lock is released', async () => {
  const records = [ids['DEMO-2 day 1'], ids['DEMO-2 day 2'], ids['DEMO-2 day 3']];
  const deps = world.app.deps();
  const session: Session = { deps, actor: { accountId: world.demo.accountId, timeZone: 'UTC' }, jira: deps.jira.asUser(world.demo.accountId) };
  const scope = await requireScope(session);
  const fetched = await fetchRecordsById(session, scope, records);
  const prepared = await prepareRecords(session, scope, fetched.records, fetched.attributes);
  const commits = jest.spyOn(world.app.store, 'commit');

  const done = await syncPrepared(session, scope, prepared, await observeWorklogs(session.jira, prepared), {
    trigger: 'manual',
    onRecord: async () => true,
  });

  expect(done.map((d) => [d.result.outcome, d.attempted])).toEqual([
    ['created', true],
    ['failed', false],
    ['failed', false],
  ]);
  const second = keys.syncState(scope, prepared[1].record.id);
  // The first commit carried the second record's `pending`; the next put its state back (it had none).
  expect(commits.mock.calls[0][0].set?.map((item) => item.key)).toContain(second);
  expect(commits.mock.calls[1][0].delete).toContain(second);
  const stored = world.app.store.dump();
  expect(stored[second]).toBeUndefined();
  expect(Object.keys(stored).filter((key) => key.startsWith('lock:') || key.startsWith('issuelock:'))).toEqual([]);

  const again = await sync(world, records);
  expect(again.map((r: any) => r.outcome).sort()).toEqual(['created', 'created', 'unchanged']);
  expect(duplicates(allWorklogs(world))).toEqual([]);
});
