// Settings of a project that does not exist, or that the person cannot see, are answered with a
// project error (not an issue one); the issue panel uses the settings of the issue's own project.
import { DEFAULT_PROJECT_SETTINGS } from '../../src/shared/contract';
import { ok, openDemoWorld, snapshot } from '../integration/syncHelpers';
import type { World } from '../support/world';
import { count } from './tally';

let world: World;

beforeEach(async () => ({ world } = await openDemoWorld()));
afterEach(() => world.close());

const projectContext = (projectKey: string, accountId: string) => ({
  accountId,
  timezone: 'UTC',
  extension: { type: 'jira:projectSettingsPage', project: { key: projectKey, id: '1' } },
});

test('settings of a missing or invisible project: project-not-found with a project sentence, nothing saved', async () => {
  world.jira.seed({
    projects: [{ id: '30000', key: 'SEC', name: 'Secret', permissions: { [world.demo.adminAccountId]: ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS'] } }],
  });
  const before = snapshot(world);
  const cases: [string, string][] = [
    ['NOPE', world.demo.adminAccountId], // does not exist
    ['SEC', world.demo.accountId], // exists, Alice cannot see it
  ];
  for (const [projectKey, accountId] of cases) {
    for (const [key, payload] of [
      ['getProjectSettings', {}],
      ['saveProjectSettings', { settings: DEFAULT_PROJECT_SETTINGS }],
    ] as const) {
      const result = await world.app.invoke(key, payload, projectContext(projectKey, accountId));
      expect({ key, projectKey, result }).toEqual({
        key,
        projectKey,
        result: { error: { code: 'project-not-found', message: `Project ${projectKey} does not exist in Jira, or you cannot see it.` } },
      });
    }
  }
  expect(snapshot(world)).toEqual(before);
  count({ tried: 4, handled: 4 });
});

test("the panel takes the settings of the issue's own project", async () => {
  const admin = world.projectContext(world.demo.adminAccountId);
  ok(await world.invoke('saveProjectSettings', { settings: { ...DEFAULT_PROJECT_SETTINGS, roundingIncrementMinutes: 15 } }, admin));
  const own = ok(await world.invoke('getIssuePanel', {}, world.issueContext('DEMO-2')));
  expect(own.settings.roundingIncrementMinutes).toBe(15);
  // The same issue with only the issue in the context: still its own project's settings.
  const base = world.issueContext('DEMO-2');
  const issueOnly = ok(await world.app.invoke('getIssuePanel', {}, { ...base, extension: { type: 'jira:issuePanel', issue: { key: 'DEMO-2' } } }));
  expect((issueOnly as any).settings.roundingIncrementMinutes).toBe(15);
  // A context naming another project for the issue is refused, not answered with that project's settings.
  const mismatch = await world.app.invoke('getIssuePanel', {}, { ...base, extension: { ...base.extension, project: { key: 'OTHER' } } });
  expect(mismatch).toEqual({ error: { code: 'invalid-context', message: expect.stringContaining('DEMO-2 is not in project OTHER') } });
  count({ tried: 3, handled: 3 });
});
