// A bulk job's batches each ask, when they end, whether the whole job is done. While its last batch
// has not ended the answer is no at the cost of a key or two, not of reading every batch's done
// marker (which made the job's reads grow with the square of its batches).
import { seedBulk } from '../support/bulkData';
import { startWorld, type World } from '../support/world';

let world: World | undefined;
afterEach(async () => {
  world?.app.queue.stop();
  await world?.close();
  world = undefined;
});

test('a job of 12 batches reads the done markers only once its last batch has ended, and still ends done', async () => {
  world = await startWorld({ demoRecords: false });
  const seeded = await seedBulk(world, 12, 20);
  const query = jest.spyOn(world.app.store, 'query');
  const { jobId } = await world.invoke('startBulkSync', { recordIds: seeded.ids });
  await world.app.queue.drain();

  const job = await world.invoke('getBulkJob', { jobId, withResults: false });
  expect(job).toMatchObject({ state: 'done', total: 240, done: 240, created: 240 });
  const markerQueries = query.mock.calls.filter(([prefix]) => prefix.startsWith('jobdone:')).length;
  // At most one a batch still running when the last one ended (the queue runs four at once), not one a batch.
  expect(markerQueries).toBeGreaterThanOrEqual(1);
  expect(markerQueries).toBeLessThanOrEqual(4);
});
