// What an issue-panel load reads from storage: only the sync state of the records that may show
// on its issue, however many other records the person has in the range (a month's bulk sync).
import { seedBulk } from '../support/bulkData';
import { startWorld, type World } from '../support/world';

describe('issue panel storage reads', () => {
  let world: World;
  afterEach(async () => {
    world.app.queue.stop();
    await world.close();
  });

  test("a panel load reads the sync state of its issue's records only, and shows the same records", async () => {
    world = await startWorld({});
    const context = world.issueContext('DEMO-2');
    const before = await world.invoke('getIssuePanel', {}, context);
    // 400 records on other issues, all synced: each has a stored sync state the panel has no use for.
    const { ids } = await seedBulk(world, 20, 20);
    for (let i = 0; i < ids.length; i += 50) {
      const synced = await world.invoke('syncRecords', { recordIds: ids.slice(i, i + 50) });
      expect(synced.error).toBeUndefined();
    }

    world.app.store.resetUsage();
    const after = await world.invoke('getIssuePanel', {}, context);
    const { reads } = world.app.store.usage();

    expect(after.records.map((r: { recordId: number }) => r.recordId)).toEqual(before.records.map((r: { recordId: number }) => r.recordId));
    // Each record in range has its link read (a link made in Jira may point here); the 400 others' states are not.
    const inRange = ids.length + before.records.length;
    expect(reads).toBeLessThan(inRange + 100);
  });
});
