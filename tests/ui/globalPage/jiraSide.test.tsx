/**
 * The global page's conflict view and records deleted in the timecard, against the real resolvers
 * with the Jira and timecard emulators behind them: both versions side by side, the person keeps
 * one; a record gone from the timecard has its worklog removed only after a confirmation. Where the
 * keyboard focus goes when a choice takes away its button: to the row when it stays, to the row
 * after it when it goes; never moved by a reload.
 *
 * @jest-environment ./tests/ui/globalPage/jsdomWithNodeNetworking.js
 */
import './bridgeShim';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App from '../../../static/global-page/src/App';
import { adf } from '../../../emulators/jira/testkit';
import { minutesAgo } from '../worldBridge';
import { text, worldForEachTest } from './helpers';

const world = worldForEachTest();

async function logged(notes: string): Promise<{ id: number; worklogId: string }> {
  const id = world().timecard.addRecord(world().demo.timecardUserId, {
    timein: minutesAgo(180),
    timeout: minutesAgo(120),
    notes,
    jira_issue_key: 'DEMO-6',
  }).id;
  await world().invoke('listRecords', { from: minutesAgo(3 * 24 * 60).slice(0, 10), to: minutesAgo(-24 * 60).slice(0, 10) });
  const { results } = await world().invoke('syncRecords', { recordIds: [id] });
  expect(results[0].outcome).toBe('created');
  return { id, worklogId: results[0].worklogId };
}

const rowOf = (id: number) => document.querySelector<HTMLElement>(`tr[data-record-id="${id}"]`)!;

test("a conflict shows Jira's and the timecard's versions; \"Keep the timecard's\" writes it to the same worklog", async () => {
  const { id, worklogId } = await logged('Checklist draft');
  world().timecard.updateRecord(id, { notes: 'Checklist, final', timeout: minutesAgo(90) });
  world().jira.editWorklog('DEMO-6', worklogId, { timeSpentSeconds: 1500, comment: adf('Checklist (edited in Jira)') }, 'demo-admin');
  const user = userEvent.setup();
  render(<App pollIntervalMs={50} searchDebounceMs={50} />);
  await screen.findByRole('table', { name: /Timecard records/ });
  await waitFor(() => expect(rowOf(id)).toBeTruthy());

  const row = rowOf(id);
  expect(text(row)).toContain('Conflict');
  const jira = within(row).getByRole('group', { name: 'In Jira' });
  const timecard = within(row).getByRole('group', { name: 'In your timecard' });
  expect(text(jira)).toContain('Time: 25m');
  expect(text(jira)).toContain('Comment: Checklist (edited in Jira)');
  expect(text(timecard)).toContain('Time: 1h 30m');
  expect(text(timecard)).toContain('Comment: Checklist, final');

  await user.click(within(row).getByRole('button', { name: 'Keep the timecard’s' }));
  await waitFor(() => expect(text(rowOf(id))).toContain('Synced'));
  expect(within(rowOf(id)).queryByRole('group', { name: 'In Jira' })).toBeNull();
  expect(text(screen.getByTestId('choice-status'))).toBe('Kept the timecard’s version; the worklog in Jira was updated.');
  expect(screen.getByTestId('choice-status').getAttribute('role')).toBe('status');
  expect(
    world()
      .jira.worklogs('DEMO-6')
      .filter((w) => w.id === worklogId)
      .map((w) => w.timeSpentSeconds),
  ).toEqual([90 * 60]);
});

test('a record deleted in the timecard: "Remove the worklog" asks first, then deletes it and the row goes', async () => {
  const { id, worklogId } = await logged('Smoke tests');
  world().timecard.deleteRecord(id);
  const user = userEvent.setup();
  render(<App pollIntervalMs={50} searchDebounceMs={50} />);
  await screen.findByRole('table', { name: /Timecard records/ });
  await waitFor(() => expect(rowOf(id)).toBeTruthy());
  expect(text(rowOf(id))).toContain('Deleted in timecard');

  await user.click(within(rowOf(id)).getByRole('button', { name: 'Remove the worklog' }));
  const dialog = await screen.findByRole('dialog');
  expect(text(dialog)).toContain('The record is no longer in your timecard.');
  expect(
    world()
      .jira.worklogs('DEMO-6')
      .some((w) => w.id === worklogId),
  ).toBe(true);
  await user.click(within(dialog).getByRole('button', { name: 'Remove the worklog' }));
  await waitFor(() => expect(document.querySelector(`tr[data-record-id="${id}"]`)).toBeNull());
  expect(text(screen.getByTestId('choice-status'))).toBe('The worklog was removed from Jira. This record is no longer shown.');
  expect(
    world()
      .jira.worklogs('DEMO-6')
      .some((w) => w.id === worklogId),
  ).toBe(false);
});

async function openPage() {
  const user = userEvent.setup();
  render(<App pollIntervalMs={50} searchDebounceMs={50} />);
  const table = await screen.findByRole('table', { name: /Timecard records/ });
  return { user, table };
}

test('after "Keep the timecard\'s" by keyboard the focus is on the row, not the body; a reload leaves it there', async () => {
  const { id, worklogId } = await logged('Checklist draft');
  world().timecard.updateRecord(id, { notes: 'Checklist, final', timeout: minutesAgo(90) });
  world().jira.editWorklog('DEMO-6', worklogId, { timeSpentSeconds: 1500, comment: adf('Checklist (edited in Jira)') }, 'demo-admin');
  const { user } = await openPage();
  await waitFor(() => expect(rowOf(id)).toBeTruthy());

  within(rowOf(id)).getByRole('button', { name: 'Keep the timecard’s' }).focus();
  await user.keyboard('{Enter}');
  await waitFor(() => expect(text(rowOf(id))).toContain('Synced'));
  await waitFor(() => expect(document.activeElement).toBe(rowOf(id)));
  expect(text(screen.getByTestId('choice-status'))).toBe('Kept the timecard’s version; the worklog in Jira was updated.');

  // The person moves on; a reload of the records does not take the focus back.
  const refresh = screen.getByRole('button', { name: 'Refresh' });
  refresh.focus();
  await user.keyboard('{Enter}');
  await waitFor(() => expect(screen.getByRole('table', { name: /Timecard records/ }).getAttribute('aria-busy')).toBe('false'));
  expect(document.activeElement).toBe(refresh);
});

test('after "Keep it" on a record deleted in the timecard the focus goes to the next row, then again from the last one', async () => {
  const first = await logged('Smoke tests');
  const second = await logged('Release notes');
  world().timecard.deleteRecord(first.id);
  world().timecard.deleteRecord(second.id);
  const { user, table } = await openPage();
  await waitFor(() => expect(rowOf(first.id) && rowOf(second.id)).toBeTruthy());
  // Which of the two the table shows first (both started at the same time).
  const [earlier, later] =
    rowOf(first.id).compareDocumentPosition(rowOf(second.id)) & Node.DOCUMENT_POSITION_FOLLOWING ? [first.id, second.id] : [second.id, first.id];

  within(rowOf(earlier)).getByRole('button', { name: 'Keep it' }).focus();
  await user.keyboard('{Enter}');
  await waitFor(() => expect(rowOf(earlier)).toBeNull());
  await waitFor(() => expect(document.activeElement).toBe(rowOf(later)));
  expect(text(screen.getByTestId('choice-status'))).toBe('The worklog stays in Jira. This record is no longer shown.');

  within(rowOf(later)).getByRole('button', { name: 'Keep it' }).focus();
  await user.keyboard('{Enter}');
  await waitFor(() => expect(rowOf(later)).toBeNull());
  // The demo's other records stay: the focus goes to the row next to the one that went.
  await waitFor(() => expect(document.activeElement?.matches('tr[data-record-id]')).toBe(true));
  expect(table.contains(document.activeElement)).toBe(true);
});
