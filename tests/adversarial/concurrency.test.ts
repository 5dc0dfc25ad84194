// Concurrency with faults: the same records synced at once from the panel (twice, a double click),
// from the page (a bulk job) and retried, while Jira answers 429s, 503s or drops answers. However
// it interleaves, after the person retries what failed every record has exactly one worklog, as
// the person, and nothing is lost.
import { DEMO } from '../../runtime/demoData';
import { allWorklogs, duplicates, ok, openDemoWorld, recordIdOf, sync } from '../integration/syncHelpers';
import type { World } from '../support/world';
import { count } from './tally';

const ENVIRONMENTS: [string, string | undefined][] = [
  ['no faults', undefined],
  ['429s', '429:0.2'],
  ['503s', '503:0.1'],
  ['dropped answers', 'drop:0.05'],
];

let world: World;
afterEach(() => world?.close());

const SYNCABLE = ['DEMO-2 day 1', 'DEMO-2 day 2', 'DEMO-2 day 3', 'DEMO-5 day 1', 'DEMO-5 day 2', 'notes day 1', 'DEMO-1 today'];

describe.each(ENVIRONMENTS)('%s', (_name, faults) => {
  test('panel twice, a bulk job and a retry at once: one worklog per record, none lost', async () => {
    let ids: Record<string, number>;
    ({ world, ids } = await openDemoWorld({ jiraLatencyMs: 5, retryAfterSeconds: 0, acceptSuggestions: true }));
    const recordIds = SYNCABLE.map((name) => ids[name]);
    if (faults) world.jira.setFaults(faults, 0);

    const [panelA, panelB, bulk, single] = await Promise.all([
      world.invoke('syncRecords', { recordIds }),
      world.invoke('syncRecords', { recordIds }),
      world.invoke('startBulkSync', { recordIds }),
      world.invoke('syncRecords', { recordIds: [recordIds[0]] }),
    ]);
    await world.app.queue.drain();
    // Every answer is a result or a clear error, never a crash.
    for (const answer of [panelA, panelB, bulk, single]) expect(answer.error?.code ?? 'ok').not.toBe('internal');

    // The person retries what is not logged yet, as the page offers, until Jira behaves.
    world.jira.setFaults({}, 0);
    const retried = await sync(world, recordIds);
    for (const r of retried) expect(['created', 'updated', 'unchanged']).toContain(r.outcome);

    const worklogs = allWorklogs(world);
    expect(duplicates(worklogs)).toEqual([]);
    expect(worklogs.map(recordIdOf).sort()).toEqual([...recordIds].sort());
    for (const w of worklogs) expect(w.authorAccountId).toBe(DEMO.accountId);
    const lost = recordIds.filter((id) => !worklogs.some((w) => recordIdOf(w) === id)).length;
    count({ tried: 4, handled: 4, duplicates: duplicates(worklogs).length, lost });
    expect(ok(await world.invoke('getSyncHistory', {})).items.length).toBeGreaterThan(0);
  });
});
