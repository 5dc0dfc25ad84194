// A preview asks Jira whether the person may log work on each issue it would write to (one read
// per issue) and says "would fail" where Jira would refuse, instead of "0 would fail".
import type { World } from '../support/world';
import { addRecord, connectAs, ok, openDemoWorld, utcAt } from './syncHelpers';

let world: World;
const VICTOR = 'demo-victor'; // may browse DEMO but not log work

beforeEach(async () => {
  ({ world } = await openDemoWorld());
});
afterEach(() => world.close());

const victor = { accountId: VICTOR };
const permissionReads = () => world.jira.counts().byRoute['GET /rest/api/3/mypermissions'] ?? 0;

async function victorsRecords(): Promise<number[]> {
  const userId = await connectAs(world, VICTOR, 'victor');
  const ids = [
    addRecord(world, { timein: utcAt(2, 9), timeout: utcAt(2, 10), jira_issue_key: 'DEMO-2' }, userId),
    addRecord(world, { timein: utcAt(2, 11), timeout: utcAt(2, 12), jira_issue_key: 'DEMO-2' }, userId),
    addRecord(world, { timein: utcAt(1, 9), timeout: utcAt(1, 10), jira_issue_key: 'DEMO-5' }, userId),
  ];
  ok(await world.invoke('listRecords', { from: utcAt(5, 0).slice(0, 10), to: utcAt(0, 0).slice(0, 10) }, victor));
  return ids;
}

test('without Work on issues every record would fail, with the reason, after one read per issue', async () => {
  const ids = await victorsRecords();
  world.jira.resetCounts();
  const { results } = ok(await world.invoke('syncRecords', { recordIds: ids, dryRun: true }, victor));
  expect(results.map((r: any) => [r.recordId, r.outcome, r.code])).toEqual(ids.map((id) => [id, 'failed', 'no-permission']));
  expect(results[0].message).toBe(
    "You don't have permission to log work on DEMO-2. Ask a Jira admin for the Work on issues permission in its project.",
  );
  expect(permissionReads()).toBe(2); // DEMO-2 and DEMO-5
  expect(world.jira.counts().writes).toBe(0);

  // The preview as a job (startBulkSync with dryRun) says the same.
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: ids, dryRun: true }, victor));
  const job = ok(await world.invoke('getBulkJob', { jobId }, victor));
  expect(job).toMatchObject({ state: 'done', failed: 3, created: 0 });
  // And the sync itself fails the same way: the preview told the truth.
  const real = ok(await world.invoke('syncRecords', { recordIds: ids }, victor)).results;
  expect(real.map((r: any) => r.outcome)).toEqual(['failed', 'failed', 'failed']);
});

test('with Work on issues nothing changes: one read per issue, the same outcomes', async () => {
  const ids = [world.demo.records['DEMO-2 day 1'], world.demo.records['DEMO-2 day 2'], world.demo.records['DEMO-5 day 1']];
  world.jira.resetCounts();
  const { results } = ok(await world.invoke('syncRecords', { recordIds: ids, dryRun: true }));
  expect(results.map((r: any) => r.outcome)).toEqual(['created', 'created', 'created']);
  expect(permissionReads()).toBe(2);
  expect(world.jira.counts().writes).toBe(0);
});
