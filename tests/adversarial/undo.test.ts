// Undo under concurrency: two (or three) undos of one finished job at once delete each of its
// worklogs exactly once, report true counts (the deletions add up, nothing is a false failure),
// and every later undo answers 0 deleted, 0 failed.
import { allWorklogs, ok, openDemoWorld, recordIdOf } from '../integration/syncHelpers';
import type { World } from '../support/world';
import { count } from './tally';

let world: World;
let ids: Record<string, number>;
beforeEach(async () => ({ world, ids } = await openDemoWorld()));
afterEach(() => world.close());

async function finishedJob(recordIds: number[]): Promise<string> {
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds }));
  await world.app.queue.drain();
  const job = ok(await world.invoke('getBulkJob', { jobId }));
  expect(job).toMatchObject({ state: 'done', created: recordIds.length });
  return jobId;
}

test.each([2, 3])('%i undos at once delete each worklog once, with true counts', async (parallel) => {
  const recordIds = [1, 2, 3, 4, 5].map((d) => ids[`DEMO-2 day ${d}`]).filter(Boolean);
  recordIds.push(ids['DEMO-5 day 1']);
  const jobId = await finishedJob(recordIds);
  expect(allWorklogs(world).map(recordIdOf).sort()).toEqual([...recordIds].sort());
  world.jira.setLatency(40);

  const answers = await Promise.all(Array.from({ length: parallel }, () => world.invoke('undoBulkJob', { jobId })));
  for (const answer of answers) expect(answer.error).toBeUndefined();
  expect(answers.reduce((n, a) => n + a.deleted, 0)).toBe(recordIds.length);
  expect(answers.map((a) => a.failed)).toEqual(answers.map(() => 0));
  expect(allWorklogs(world)).toEqual([]);

  for (let again = 0; again < 2; again++) {
    expect(ok(await world.invoke('undoBulkJob', { jobId }))).toMatchObject({ deleted: 0, failed: 0, failures: [] });
  }
  const deletions = ok(await world.invoke('getSyncHistory', { status: 'deleted' })).items;
  expect(deletions.map((i: { recordId: number }) => i.recordId).sort()).toEqual([...recordIds].sort());
  count({ tried: parallel + 2, handled: parallel + 2, duplicates: 0, lost: 0 });
});

test('a worklog unlogged by hand before the undo is not a failure', async () => {
  const recordIds = [ids['DEMO-2 day 1'], ids['DEMO-2 day 2']];
  const jobId = await finishedJob(recordIds);
  ok(await world.invoke('unsyncRecord', { recordId: recordIds[0] }));
  expect(ok(await world.invoke('undoBulkJob', { jobId }))).toMatchObject({ deleted: 1, failed: 0 });
  expect(allWorklogs(world)).toEqual([]);
  count({ tried: 1, handled: 1 });
});
