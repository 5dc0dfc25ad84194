// The issue panel's conflict view and its records deleted in the timecard, rendered with the real
// ForgeReconciler, `invoke` routed to the real resolvers against the Jira and timecard emulators.
import { bridge, textOf, unlabeledControls, type Screen } from '../support/forgeBridge';
import { adf } from '../../emulators/jira/testkit';
import { startWorld, type World } from '../support/world';
import { messages } from '../../src/frontend/common/messages';
import { minutesAgo, openIssuePanel } from './worldBridge';
import { lozenge, row, rowButtons } from './panelHelpers';

let world: World;

beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

const openPanel = (issueKey: string): Promise<Screen> => openIssuePanel(world, issueKey);

/** A record on DEMO-6, logged through the resolvers; its worklog id. */
async function loggedRecord(notes: string): Promise<{ id: number; worklogId: string }> {
  const id = world.timecard.addRecord(world.demo.timecardUserId, {
    timein: minutesAgo(26 * 60),
    timeout: minutesAgo(25 * 60),
    notes,
    jira_issue_key: 'DEMO-6',
  }).id;
  await world.invoke('listRecords', { from: minutesAgo(3 * 24 * 60).slice(0, 10), to: minutesAgo(-24 * 60).slice(0, 10) });
  const { results } = await world.invoke('syncRecords', { recordIds: [id] });
  expect(results[0].outcome).toBe('created');
  return { id, worklogId: results[0].worklogId };
}

/** The text of a status region (a Box with role="status", announced when its text changes) by its testId. */
const statusText = (screen: Screen, testId: string) =>
  textOf(screen.get((n) => n.props.testId === testId && n.props.role === 'status', `status region ${testId}`));

const versionText = (screen: Screen, id: number, side: 'jira' | 'timecard') =>
  textOf(screen.get((n) => n.props.testId === `record-${id}-${side}-version`, `${side} version of ${id}`));

test('a conflict shows both versions side by side; "Keep Jira\'s" makes the row synced without writing to Jira', async () => {
  const { id, worklogId } = await loggedRecord('Checklist draft');
  world.timecard.updateRecord(id, { notes: 'Checklist, final', timeout: minutesAgo(24 * 60 + 30) });
  world.jira.editWorklog('DEMO-6', worklogId, { timeSpentSeconds: 1500, comment: adf('Checklist (edited in Jira)') }, 'demo-admin');
  await world.app.productEvents.idle();

  const screen = await openPanel('DEMO-6');
  expect(unlabeledControls(screen)).toEqual([]);
  expect(lozenge(screen, id)).toBe(messages.status.conflict);
  expect(screen.hasText(messages.panel.conflictTitle)).toBe(true);
  expect(versionText(screen, id, 'jira')).toContain(messages.panel.conflictJira);
  expect(versionText(screen, id, 'jira')).toContain(messages.panel.conflictTime('25m'));
  expect(versionText(screen, id, 'jira')).toContain(messages.panel.conflictComment('Checklist (edited in Jira)'));
  expect(versionText(screen, id, 'timecard')).toContain(messages.panel.conflictTime('1h 30m'));
  expect(versionText(screen, id, 'timecard')).toContain(messages.panel.conflictComment('Checklist, final'));
  expect((await rowButtons(screen, id)).map(textOf)).toEqual(["Keep the timecard's", "Keep Jira's", 'Unlog']);

  world.jira.resetCounts();
  await screen.click(screen.button("Keep Jira's", row(screen, id)));
  await screen.waitFor(() => lozenge(screen, id) === messages.status.synced, { what: 'synced' });
  expect(screen.hasText(messages.panel.keptJira)).toBe(true);
  expect(statusText(screen, `record-${id}-message`)).toBe(messages.panel.keptJira);
  expect(world.jira.counts().writes).toBe(0);
  expect(bridge.invokesOf('resolveConflict').map((c) => c.payload)).toEqual([{ recordId: id, keep: 'jira' }]);
});

test('"Keep the timecard\'s" writes the timecard\'s version to the same worklog', async () => {
  const { id, worklogId } = await loggedRecord('Release notes');
  world.timecard.updateRecord(id, { timeout: minutesAgo(24 * 60) });
  world.jira.editWorklog('DEMO-6', worklogId, { timeSpentSeconds: 120 }, 'demo-admin');
  const screen = await openPanel('DEMO-6');
  expect(lozenge(screen, id)).toBe(messages.status.conflict);
  await screen.click(screen.button("Keep the timecard's", row(screen, id)));
  await screen.waitFor(() => lozenge(screen, id) === messages.status.synced, { what: 'synced' });
  const mine = world.jira.worklogs('DEMO-6').filter((w) => w.id === worklogId);
  expect(mine.map((w) => w.timeSpentSeconds)).toEqual([2 * 3600]);
  expect(statusText(screen, 'panel-status')).toBe(messages.panel.keptTimecard);
});

test('a record deleted in the timecard offers "Remove the worklog" (after a confirmation) and "Keep it"', async () => {
  const removed = await loggedRecord('Smoke tests');
  const kept = await loggedRecord('Smoke tests, second pass');
  world.timecard.deleteRecord(removed.id);
  world.timecard.deleteRecord(kept.id);
  const screen = await openPanel('DEMO-6');
  expect(lozenge(screen, removed.id)).toBe(messages.status['deleted-in-timecard']);
  expect((await rowButtons(screen, removed.id)).map(textOf)).toEqual(['Remove the worklog', 'Keep it']);

  await screen.click(screen.button('Keep it', row(screen, kept.id)));
  await screen.waitFor(() => screen.find((n) => n.props.testId === `record-${kept.id}`) === undefined, { what: 'the kept row to go' });
  expect(world.jira.worklogs('DEMO-6').some((w) => w.id === kept.worklogId)).toBe(true);
  expect(statusText(screen, 'panel-status')).toBe(messages.panel.keptWorklog);

  await screen.click(screen.button('Remove the worklog', row(screen, removed.id)));
  expect(textOf(screen.get((n) => n.type === 'Modal', 'modal'))).toContain('The record is no longer in your timecard.');
  expect(world.jira.worklogs('DEMO-6').some((w) => w.id === removed.worklogId)).toBe(true); // nothing before the confirmation
  await screen.click(
    screen.button(
      messages.panel.action.removeWorklog,
      screen.get((n) => n.type === 'Modal', 'modal'),
    ),
  );
  await screen.waitFor(() => screen.find((n) => n.props.testId === `record-${removed.id}`) === undefined, { what: 'the removed row to go' });
  expect(world.jira.worklogs('DEMO-6').some((w) => w.id === removed.worklogId)).toBe(false);
  expect(statusText(screen, 'panel-status')).toBe(messages.panel.removedWorklog);
});
