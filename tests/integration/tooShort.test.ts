// A record shorter than the project's minimum is not logged, so it never claims what rounding would log.
import type { World } from '../support/world';
import { listRecords, ok, openDemoWorld } from './syncHelpers';

let world: World;
let ids: Record<string, number>;

beforeEach(async () => ({ world, ids } = await openDemoWorld()));
afterEach(() => world.close());

test('under "always up" a too-short record has nothing to log (roundedSeconds null) and says why', async () => {
  const admin = world.projectContext(world.demo.adminAccountId);
  const { settings } = ok(await world.invoke('getProjectSettings', {}, admin));
  ok(
    await world.invoke(
      'saveProjectSettings',
      { settings: { ...settings, roundingMode: 'up', roundingIncrementMinutes: 15, minimumSeconds: 300 } },
      admin,
    ),
  );

  const record = (await listRecords(world)).find((r) => r.id === ids['too short']);
  expect(record).toMatchObject({ status: 'too-short', roundedSeconds: null, message: "Shorter than this project's minimum of 5m." });
  const panel = ok(await world.invoke('getIssuePanel', {}, world.issueContext('DEMO-1')));
  expect(panel.records.find((r: any) => r.id === ids['too short'])).toMatchObject({ status: 'too-short', roundedSeconds: null });
});
