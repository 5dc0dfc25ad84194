// A resolver has 25 s in all: a syncRecords call that runs out of its budget stops before the
// next record and says so for each record it did not start; nothing is lost or half-written.
import type { Deps, JiraPort } from '../../src/services/ports';
import { NOT_ATTEMPTED_CODE } from '../../src/shared/contract';
import { startWorld, type World } from '../support/world';
import { allWorklogs, duplicates, listRecords, ok, recordIdOf, sync } from './syncHelpers';

let world: World;
let slowAfterFirstWrite = false;

/** A clock that jumps 20 s ahead once the first worklog has been written (a very slow Jira). */
function wrapDeps(deps: Deps): Deps {
  const clock = { now: () => new Date(Date.now() + (slowAfterFirstWrite ? 20_000 : 0)) };
  const jira = {
    asApp: () => deps.jira.asApp(),
    asUser(accountId?: string): JiraPort {
      const port = deps.jira.asUser(accountId);
      return {
        ...port,
        createWorklog: async (...args: Parameters<JiraPort['createWorklog']>) => {
          const worklog = await port.createWorklog(...args);
          slowAfterFirstWrite = true;
          return worklog;
        },
      };
    },
  };
  return { ...deps, clock, jira };
}

beforeEach(async () => {
  slowAfterFirstWrite = false;
  world = await startWorld({ app: { wrapDeps } });
  await listRecords(world);
});

afterEach(async () => world.close());

test('records not started before the budget ran out are reported as not synced yet, and sync on the next call', async () => {
  const ids = [world.demo.records['DEMO-2 day 1'], world.demo.records['DEMO-2 day 2'], world.demo.records['DEMO-2 day 3']];
  const first = await sync(world, ids);
  expect(first.map((r: any) => r.outcome)).toEqual(['created', 'failed', 'failed']);
  expect(first[1]).toMatchObject({ code: NOT_ATTEMPTED_CODE, message: expect.stringMatching(/Nothing was lost; sync it again/) });
  expect(first[2]).toMatchObject({ code: NOT_ATTEMPTED_CODE });
  expect(world.jira.worklogs('DEMO-2').map(recordIdOf)).toEqual([ids[0]]);

  slowAfterFirstWrite = false;
  const panel = ok(await world.invoke('getIssuePanel', {}, world.issueContext('DEMO-2')));
  expect(
    panel.records
      .filter((r: any) => ids.includes(r.id))
      .map((r: any) => [r.id, r.status])
      .sort(),
  ).toEqual(
    [
      [ids[0], 'synced'],
      [ids[1], 'not-synced'],
      [ids[2], 'not-synced'],
    ].sort(),
  );

  const second = await sync(world, ids.slice(1));
  expect(second.map((r: any) => r.outcome)).toEqual(['created', 'failed']);
  slowAfterFirstWrite = false;
  const third = await sync(world, ids);
  expect(third.map((r: any) => r.outcome)).toEqual(['unchanged', 'unchanged', 'created']);
  expect(duplicates(allWorklogs(world))).toEqual([]);
  expect(world.jira.worklogs('DEMO-2')).toHaveLength(3);
});
