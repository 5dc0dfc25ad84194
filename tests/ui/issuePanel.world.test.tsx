// The issue panel rendered with the real ForgeReconciler, `invoke` routed to the real resolvers
// backed by the Jira and timecard emulators: a person opens it and acts.
import { bridge, textOf, unlabeledControls, type Screen } from '../support/forgeBridge';
import { startWorld, type World } from '../support/world';
import { messages } from '../../src/frontend/common/messages';
import { GLOBAL_PAGE_MODULE_KEY } from '../../src/frontend/common/navigation';
import { TIMECARD_UNREACHABLE } from '../../src/adapters/timecard';
import { minutesAgo, openIssuePanel } from './worldBridge';
import { lozenge, openDetails, part, recordList, row, rowAction, rowButtons } from './panelHelpers';

let world: World;

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => {
  await world.close();
});

const openPanel = (issueKey: string, accountId = world.demo.accountId): Promise<Screen> => openIssuePanel(world, issueKey, accountId);

const buttonsOf = async (screen: Screen, id: number) => (await rowButtons(screen, id)).map(textOf);
const press = async (screen: Screen, id: number, label: string) => screen.click(await rowAction(screen, id, label));
const syncedWorklogs = (issueKey: string) => world.jira.worklogs(issueKey).filter((w) => w.properties['timecard-sync'] !== undefined);

function addRecord(record: { minutesAgo: number; minutes: number; notes: string; issueKey: string | null }): number {
  return world.timecard.addRecord(world.demo.timecardUserId, {
    timein: minutesAgo(record.minutesAgo),
    timeout: minutesAgo(record.minutesAgo - record.minutes),
    notes: record.notes,
    jira_issue_key: record.issueKey,
  }).id;
}

test('opens on an issue with linked, suggested, running and too-short records', async () => {
  const suggested = addRecord({ minutesAgo: 3 * 24 * 60, minutes: 45, notes: 'Pairing on DEMO-1 edge cases', issueKey: null });
  const ids = world.demo.records;
  const screen = await openPanel('DEMO-1');
  expect(bridge.invokes.map((c) => c.functionKey)).toEqual(['getIssuePanel']);
  expect(unlabeledControls(screen)).toEqual([]);

  const today = ids['DEMO-1 today'];
  expect(lozenge(screen, today)).toBe(messages.status['not-synced']);
  await openDetails(screen, today);
  expect(part(screen, today, 'link')).toBe(messages.linkSource.timecard);
  expect(part(screen, today, 'duration')).toBe('1h 20m');
  expect(await buttonsOf(screen, today)).toEqual(['Log']);

  expect(lozenge(screen, ids.running)).toBe(messages.status.running);
  expect(part(screen, ids.running, 'when')).toContain(messages.panel.running);
  expect(await buttonsOf(screen, ids.running)).toEqual([]);

  expect(lozenge(screen, ids['too short'])).toBe(messages.status['too-short']);
  await openDetails(screen, ids['too short']);
  expect(textOf(row(screen, ids['too short']))).toContain('Shorter than this project');
  expect(await buttonsOf(screen, ids['too short'])).toEqual([]);

  expect(await buttonsOf(screen, suggested)).toEqual(['Accept and log', 'Link here']);
  expect(part(screen, suggested, 'link')).toBe(messages.linkSource.suggested);

  // The malformed demo row (meant for DEMO-1) is reported in words, not hidden, and can be dismissed.
  const unreadable = 'One record from your timecard could not be read (its start time is not a valid date and time); fix it in your timecard.';
  expect(screen.hasText(unreadable)).toBe(true);
  expect(screen.hasText(/timein|date-time|Record 9001/)).toBe(false);
  await screen.click(screen.button(messages.panel.dismiss));
  expect(screen.hasText(unreadable)).toBe(false);
  // Times are in the person's Jira zone (Los Angeles): the demo's day starts at 08:00 there.
  expect(part(screen, today, 'when')).toMatch(/09:00\s?AM–10:20\s?AM$/);
});

test('logs one record: the row turns synced in place and Jira holds one worklog', async () => {
  const id = world.demo.records['DEMO-1 today'];
  const screen = await openPanel('DEMO-1');
  await press(screen, id, 'Log');
  await press(screen, id, 'Log'); // a double press does nothing more
  await screen.waitFor(() => lozenge(screen, id) === messages.status.synced, { what: 'synced' });
  expect(await buttonsOf(screen, id)).toEqual(['Unlog']);
  expect(bridge.invokesOf('syncRecords')).toHaveLength(1);
  expect(bridge.invokesOf('getIssuePanel')).toHaveLength(1);
  const worklogs = syncedWorklogs('DEMO-1');
  expect(worklogs).toHaveLength(1);
  expect(worklogs[0].timeSpentSeconds).toBe(80 * 60);
  expect(worklogs[0].authorAccountId).toBe(world.demo.accountId);
  expect(screen.hasText(messages.panel.totalsLogged('1h 20m'))).toBe(true);
});

test('logs all not synced after a confirmation that says what will be created', async () => {
  const ids = [
    addRecord({ minutesAgo: 2 * 24 * 60, minutes: 25, notes: 'Checklist draft', issueKey: 'DEMO-6' }),
    addRecord({ minutesAgo: 2 * 24 * 60 - 60, minutes: 50, notes: 'Release notes', issueKey: 'DEMO-6' }),
    addRecord({ minutesAgo: 24 * 60, minutes: 70, notes: 'Smoke tests', issueKey: 'DEMO-6' }),
  ];
  const screen = await openPanel('DEMO-6');
  // The demo's unreadable record is meant for DEMO-1: nothing about it here.
  expect(screen.hasText(messages.panel.unreadableTitle)).toBe(false);
  await screen.click(screen.button(messages.panel.logAll(3)));
  expect(textOf(screen.get((n) => n.type === 'Modal', 'modal'))).toContain(messages.panel.logAllBody(3, '2h 25m'));
  await screen.click(screen.button(messages.panel.logAllConfirm(3)));
  await screen.waitForText(messages.panel.summaryTitle);
  expect(screen.hasText(messages.panel.summary({ created: 3, updated: 0, unchanged: 0, skipped: 0, failed: 0 }))).toBe(true);
  for (const id of ids) expect(lozenge(screen, id)).toBe(messages.status.synced);
  const sent = bridge.invokesOf('syncRecords').map((c) => c.payload);
  expect(sent).toHaveLength(1);
  expect(Object.keys(sent[0])).toEqual(['recordIds']);
  expect([...(sent[0].recordIds as number[])].sort((a, b) => a - b)).toEqual(ids);
  expect(
    syncedWorklogs('DEMO-6')
      .map((w) => w.timeSpentSeconds)
      .sort((a, b) => a - b),
  ).toEqual([25 * 60, 50 * 60, 70 * 60]);
  expect(screen.buttons(/^Log all/)).toHaveLength(0);
});

test('re-syncs a record that changed in the timecard: the same worklog is updated', async () => {
  const id = world.demo.records['DEMO-1 today'];
  const first = await openPanel('DEMO-1');
  await press(first, id, 'Log');
  await first.waitFor(() => lozenge(first, id) === messages.status.synced);
  const [worklog] = syncedWorklogs('DEMO-1');

  const record = world.timecard.records(world.demo.timecardUserId).find((r) => r.id === id)!;
  world.timecard.updateRecord(id, { timeout: new Date(Date.parse(record.timein) + 95 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z') });

  const screen = await openPanel('DEMO-1');
  expect(lozenge(screen, id)).toBe(messages.status.changed);
  expect(await buttonsOf(screen, id)).toEqual(['Re-sync', 'Unlog']);
  await press(screen, id, 'Re-sync');
  await screen.waitFor(() => lozenge(screen, id) === messages.status.synced, { what: 'synced again' });
  const after = syncedWorklogs('DEMO-1');
  expect(after).toHaveLength(1);
  expect(after[0].id).toBe(worklog.id);
  expect(after[0].timeSpentSeconds).toBe(95 * 60);
});

test('unlogs after confirming: the worklog is deleted in Jira and the row can be logged again', async () => {
  const id = world.demo.records['DEMO-1 today'];
  const screen = await openPanel('DEMO-1');
  await press(screen, id, 'Log');
  await screen.waitFor(() => lozenge(screen, id) === messages.status.synced);
  expect(syncedWorklogs('DEMO-1')).toHaveLength(1);

  await press(screen, id, 'Unlog');
  expect(textOf(screen.get((n) => n.type === 'Modal', 'modal'))).toContain('This deletes the worklog in Jira');
  await screen.click(screen.button(messages.panel.unlogConfirm));
  await screen.waitFor(() => lozenge(screen, id) === messages.status['not-synced'], { what: 'not synced' });
  expect(await buttonsOf(screen, id)).toEqual(['Log']);
  expect(syncedWorklogs('DEMO-1')).toHaveLength(0);
});

test('links a suggestion here, then logs it to this issue', async () => {
  const id = addRecord({ minutesAgo: 3 * 24 * 60, minutes: 45, notes: 'Pairing on DEMO-1 edge cases', issueKey: null });
  const screen = await openPanel('DEMO-1');
  expect(await buttonsOf(screen, id)).toEqual(['Accept and log', 'Link here']);
  await press(screen, id, 'Link here');
  await screen.waitFor(() => part(screen, id, 'link') === messages.linkSource.jira, { what: 'linked here' });
  expect(await buttonsOf(screen, id)).toEqual(['Log', 'Unlink']);
  await press(screen, id, 'Log');
  await screen.waitFor(() => lozenge(screen, id) === messages.status.synced);
  expect(syncedWorklogs('DEMO-1').map((w) => w.timeSpentSeconds)).toEqual([45 * 60]);
});

test('not connected: explains and opens the global page', async () => {
  const screen = await openPanel('DEMO-1', world.demo.viewerAccountId);
  expect(screen.hasText(messages.panel.notConnectedTitle)).toBe(true);
  expect(recordList(screen)).toBeUndefined();
  await screen.click(screen.button(messages.common.openTimecardPage));
  expect(bridge.navigations).toEqual([{ target: 'module', moduleKey: GLOBAL_PAGE_MODULE_KEY, type: 'same-tab' }]);
});

test('timecard server down: the reason and Retry, which works once it is back', async () => {
  world.timecard.setDown('refuse');
  const screen = await openPanel('DEMO-1');
  const error = screen.get((n) => n.type === 'SectionMessage' && n.props.appearance === 'error', 'error message');
  expect(textOf(error)).toContain(TIMECARD_UNREACHABLE);
  expect(textOf(error)).not.toMatch(/permissions\.external|127\.0\.0\.1/);
  world.timecard.setDown(false);
  await screen.click(screen.button(messages.common.retry));
  await screen.waitFor(() => recordList(screen) !== undefined, { what: 'the records after Retry' });
});

test('a person without permission to log work sees records but no logging', async () => {
  // The viewer connects their own (empty) timecard account first.
  world.timecard.addUser('victor', 'viewer-pass');
  const connected = await world.invoke('connectTimecard', { username: 'victor', password: 'viewer-pass' }, { accountId: world.demo.viewerAccountId });
  expect(connected.connected).toBe(true);
  const screen = await openPanel('DEMO-1', world.demo.viewerAccountId);
  expect(screen.hasText(/permission to log work/)).toBe(true);
  expect(screen.buttons(/^Log/)).toHaveLength(0);
});

test("shows the records the timecard's own Jira sync logged: one synced, one whose worklog is gone, with the timecard's last error", async () => {
  const ids = world.demo.records;
  const screen = await openPanel(world.demo.timecardSyncIssueKey);
  const logged = ids['logged by the timecard'];
  const gone = ids['timecard worklog gone'];
  expect(lozenge(screen, logged)).toBe(messages.status.synced);
  await openDetails(screen, logged);
  expect(textOf(row(screen, logged))).toContain("Logged by the timecard's own Jira sync.");
  expect(await buttonsOf(screen, logged)).not.toContain('Log');

  expect(lozenge(screen, gone)).toBe(messages.status['deleted-in-jira']);
  await openDetails(screen, gone);
  expect(textOf(row(screen, gone))).toContain("The timecard's own Jira sync last failed with: Worklog not found (404) on update");
  // Opening the panel wrote nothing: the worklog the timecard wrote is the only one on the issue.
  expect(world.jira.worklogs(world.demo.timecardSyncIssueKey).map((w) => w.id)).toEqual([world.demo.timecardSyncWorklogId]);
});
