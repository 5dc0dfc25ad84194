/**
 * Where the keyboard focus goes when a choice on the global page takes away the button it was made
 * with, against the real resolvers with the Jira and timecard emulators behind them: to the row when
 * it stays, to the row after it when it goes; never moved by a reload.
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

async function logged(notes: string, minutes: number): Promise<{ id: number; worklogId: string }> {
  const id = world().timecard.addRecord(world().demo.timecardUserId, {
    timein: minutesAgo(minutes + 30),
    timeout: minutesAgo(minutes),
    notes,
    jira_issue_key: 'DEMO-6',
  }).id;
  await world().invoke('listRecords', { from: minutesAgo(3 * 24 * 60).slice(0, 10), to: minutesAgo(-24 * 60).slice(0, 10) });
  const { results } = await world().invoke('syncRecords', { recordIds: [id] });
  expect(results[0].outcome).toBe('created');
  return { id, worklogId: results[0].worklogId };
}

const rowOf = (id: number) => document.querySelector<HTMLElement>(`tr[data-record-id="${id}"]`);

async function openPage() {
  const user = userEvent.setup();
  render(<App pollIntervalMs={50} searchDebounceMs={50} />);
  const table = await screen.findByRole('table', { name: /Timecard records/ });
  return { user, table };
}

test('after "Keep the timecard\'s" by keyboard the focus is on the row, not the body; a reload leaves it there', async () => {
  const { id, worklogId } = await logged('Checklist draft', 120);
  world().timecard.updateRecord(id, { notes: 'Checklist, final', timeout: minutesAgo(60) });
  world().jira.editWorklog('DEMO-6', worklogId, { timeSpentSeconds: 1500, comment: adf('Checklist (edited in Jira)') }, 'demo-admin');
  const { user } = await openPage();
  await waitFor(() => expect(rowOf(id)).toBeTruthy());

  within(rowOf(id)!).getByRole('button', { name: 'Keep the timecard’s' }).focus();
  await user.keyboard('{Enter}');
  await waitFor(() => expect(text(rowOf(id)!)).toContain('Synced'));
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
  const first = await logged('Smoke tests', 200);
  const second = await logged('Release notes', 100);
  world().timecard.deleteRecord(first.id);
  world().timecard.deleteRecord(second.id);
  const { user, table } = await openPage();
  await waitFor(() => expect(rowOf(first.id) && rowOf(second.id)).toBeTruthy());
  const [earlier, later] = [first.id, second.id].sort(
    (a, b) =>
      Array.from(table.querySelectorAll('tr[data-record-id]')).indexOf(rowOf(a)!) -
      Array.from(table.querySelectorAll('tr[data-record-id]')).indexOf(rowOf(b)!),
  ) as [number, number];

  within(rowOf(earlier)!).getByRole('button', { name: 'Keep it' }).focus();
  await user.keyboard('{Enter}');
  await waitFor(() => expect(rowOf(earlier)).toBeNull());
  await waitFor(() => expect(document.activeElement).toBe(rowOf(later)));
  expect(text(screen.getByTestId('choice-status'))).toMatch(/\S/);

  within(rowOf(later)!).getByRole('button', { name: 'Keep it' }).focus();
  await user.keyboard('{Enter}');
  await waitFor(() => expect(rowOf(later)).toBeNull());
  // The demo's other records stay: the focus goes to the row next to the one that went.
  await waitFor(() => expect(document.activeElement?.matches('tr[data-record-id]')).toBe(true));
  expect(table.contains(document.activeElement)).toBe(true);
});
