// A settings change is not a timecard change: a logged record whose project's rounding or comment
// changed reads "settings changed" (not "changed in your timecard"), is left out of routine syncs,
// and the admin learns before saving how many logged worklogs it touches and may have them updated.
import type { World } from '../support/world';
import { listRecords, ok, openDemoWorld, sync } from './syncHelpers';

let world: World;
let ids: Record<string, number>;

beforeEach(async () => {
  ({ world, ids } = await openDemoWorld());
});
afterEach(() => world.close());

const admin = () => world.projectContext(world.demo.adminAccountId);
const logged = () => [ids['DEMO-2 day 1'], ids['DEMO-2 day 2'], ids['DEMO-5 day 1']];
const statusOf = async (id: number) => (await listRecords(world)).find((r) => r.id === id);
const secondsInJira = (issueKey: string) =>
  world.jira
    .worklogs(issueKey)
    .map((w) => w.timeSpentSeconds)
    .sort((a, b) => a - b);

async function settingsWith(change: Record<string, unknown>) {
  const { settings } = ok(await world.invoke('getProjectSettings', {}, admin()));
  return { ...settings, ...change };
}

async function waitForJob(jobId: string) {
  for (let i = 0; i < 200; i++) {
    const job = ok(await world.invoke('getBulkJob', { jobId }));
    if (job.state === 'done') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('job not done');
}

test('after a rounding change: "settings changed", not "changed in your timecard"; a routine sync leaves the worklogs alone', async () => {
  await sync(world, logged());
  const next = await settingsWith({ roundingMode: 'up', roundingIncrementMinutes: 30 });

  // Before saving, the admin learns how many logged worklogs the change touches; nothing is written.
  const writes = world.jira.counts().writes;
  expect(ok(await world.invoke('previewSettingsImpact', { settings: next }, admin()))).toEqual({
    affected: 3,
    outdated: 3,
    unknown: 0,
    complete: true,
  });
  expect(world.jira.counts().writes).toBe(writes);
  ok(await world.invoke('saveProjectSettings', { settings: next }, admin()));

  for (const id of logged()) {
    const view = await statusOf(id);
    expect(view.status).toBe('settings-changed');
    expect(view.message).not.toMatch(/in your timecard/);
    expect(view.message).toMatch(/settings/);
  }
  // A bulk sync of everything ("All") rewrites none of them.
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: logged() }));
  const job = await waitForJob(jobId);
  expect(job.results.map((r: any) => r.outcome)).toEqual(['skipped', 'skipped', 'skipped']);
  expect(job.results[0].message).toMatch(/earlier settings/);
  expect(world.jira.counts().writes).toBe(writes);

  // A record that really changed in the timecard still says so.
  const record = world.timecard.records(world.demo.timecardUserId).find((r) => r.id === ids['DEMO-2 day 1'])!;
  world.timecard.updateRecord(record.id, { notes: 'Reports: time zone handling, and the export' });
  expect(await statusOf(record.id)).toMatchObject({ status: 'changed', message: expect.stringMatching(/changed in your timecard/) });

  // Re-sync on its own (the panel's Re-sync) applies the current settings.
  const [resynced] = await sync(world, [ids['DEMO-5 day 1']]);
  expect(resynced).toMatchObject({ outcome: 'updated', timeSpentSeconds: 2 * 3600 });
  expect((await statusOf(ids['DEMO-5 day 1'])).status).toBe('synced');
});

test('an unrelated change (notify watchers) affects none; a comment template change is counted too', async () => {
  await sync(world, logged());
  expect(ok(await world.invoke('previewSettingsImpact', { settings: await settingsWith({ notifyWatchers: true }) }, admin()))).toMatchObject({
    affected: 0,
  });
  expect(
    ok(await world.invoke('previewSettingsImpact', { settings: await settingsWith({ commentTemplate: '{notes} ({recordId})' }) }, admin())),
  ).toMatchObject({
    affected: 3,
    outdated: 3,
  });
});

test('"also update" rewrites them to the current settings, as the admin, in bounded calls; the author stays', async () => {
  await sync(world, logged());
  const next = await settingsWith({ roundingMode: 'up', roundingIncrementMinutes: 30 });
  ok(await world.invoke('saveProjectSettings', { settings: next }, admin()));
  // Someone edits one in Jira meanwhile: that one is left alone.
  const [edited] = world.jira.worklogs('DEMO-5');
  world.jira.editWorklog('DEMO-5', edited.id, { timeSpentSeconds: 600 });

  const result = ok(await world.invoke('updateLoggedWorklogs', {}, admin()));
  expect(result).toEqual({ updated: 2, leftAlone: 1, failed: [], remaining: 0 });
  expect(secondsInJira('DEMO-2')).toEqual([9000, 9000]); // 2h 15m rounded up to 2h 30m
  expect(world.jira.worklogs('DEMO-2').every((w) => w.authorAccountId === world.demo.accountId)).toBe(true);
  for (const id of [ids['DEMO-2 day 1'], ids['DEMO-2 day 2']]) expect((await statusOf(id)).status).toBe('synced');
  expect((await statusOf(ids['DEMO-5 day 1'])).status).toBe('edited-in-jira');
  // Called again: nothing left to do.
  expect(ok(await world.invoke('updateLoggedWorklogs', {}, admin()))).toEqual({ updated: 0, leftAlone: 1, failed: [], remaining: 0 });
});

test('only project admins may count or update; nothing is written for anyone else', async () => {
  await sync(world, logged());
  const person = world.projectContext(world.demo.accountId);
  const next = await settingsWith({ roundingIncrementMinutes: 30 });
  expect((await world.invoke('previewSettingsImpact', { settings: next }, person)).error.code).toBe('no-permission');
  expect((await world.invoke('updateLoggedWorklogs', {}, person)).error.code).toBe('no-permission');
});

test('states written before the record fingerprint was kept still read, and say either may have changed', async () => {
  await sync(world, logged());
  // What an older version stored: no recordHash, no source.
  const states = await world.app.store.query<any>('state:');
  for (const { key, value } of states.items) {
    const { recordHash: _r, source: _s, ...old } = value;
    await world.app.store.set(key, old);
  }
  expect((await statusOf(ids['DEMO-2 day 1'])).status).toBe('synced');
  const next = await settingsWith({ roundingMode: 'up', roundingIncrementMinutes: 30 });
  expect(ok(await world.invoke('previewSettingsImpact', { settings: next }, admin()))).toEqual({
    affected: 0,
    outdated: 0,
    unknown: 3,
    complete: true,
  });
  ok(await world.invoke('saveProjectSettings', { settings: next }, admin()));
  expect(await statusOf(ids['DEMO-2 day 1'])).toMatchObject({
    status: 'changed',
    message: expect.stringMatching(/record or the project's settings changed/),
  });
  // A sync brings the state up to date: from then on the two are told apart.
  await sync(world, [ids['DEMO-2 day 1']]);
  const after = (await world.app.store.query<any>('state:')).items.find(({ key }) => key.endsWith(`:${ids['DEMO-2 day 1']}`))!.value;
  expect(after.recordHash).toEqual(expect.any(String));
  expect(after.source).toMatchObject({ issueKey: 'DEMO-2', durationSeconds: 8100 });
});
