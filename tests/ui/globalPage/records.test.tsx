/** @jest-environment jsdom */
import { shim } from './bridgeShim';
import { screen, waitFor, within } from '@testing-library/react';
import { FakeBackend, rec } from './fakeBackend';
import { checkBackendAfterEach, checkboxOf, isChecked, renderApp, rowOf, selectedIds, text, waitForRecords } from './helpers';

let backend: FakeBackend;
beforeEach(() => {
  backend = new FakeBackend();
});
checkBackendAfterEach();

test('shows this week grouped by day with daily totals, issue badges and sync status', async () => {
  renderApp(backend);
  const table = await waitForRecords();
  expect(backend.callsOf('listRecords')).toEqual([{ from: '2026-11-23', to: '2026-11-29' }]);

  const days = within(table)
    .getAllByRole('rowgroup')
    .filter((g) => g.getAttribute('aria-label'));
  expect(days.map((d) => d.getAttribute('aria-label'))).toEqual(['Monday 23 November', 'Tuesday 24 November', 'Wednesday 25 November']);
  expect(text(days[0])).toContain('3 records · tracked 2h 30m · logged 1h');
  expect(text(days[1])).toContain('3 records · tracked 4h · logged 1h');

  // Berlin times, duration, notes, issue key with its status, sync status
  const first = rowOf(1);
  expect(text(first)).toContain('09:00 – 10:30');
  expect(text(first)).toContain('1h 30m');
  expect(text(first)).toContain('Importer: parse CSV');
  const link = within(first).getByRole('link', { name: 'DEMO-1' });
  expect(link.getAttribute('href')).toBe('https://example.atlassian.net/browse/DEMO-1');
  expect(text(first)).toContain('In Progress');
  expect(text(first)).toContain('Not synced');
  expect(text(rowOf(2))).toContain('Synced');
  expect(text(rowOf(4))).toContain('Changed');
  expect(text(rowOf(6))).toContain('08:30 – now');
  expect(text(rowOf(6))).toContain('Running');
  expect(text(rowOf(5))).toContain('Link issue');

  // the key opens the issue through the bridge's router (new tab), not inside the iframe
  link.click();
  await waitFor(() => expect(shim.other).toContainEqual({ cmd: 'navigate', data: { url: '/browse/DEMO-1', type: 'new-tab' } }));
});

test('selects one row, a shift-click range, all not synced, all and none', async () => {
  const { user } = renderApp(backend);
  await waitForRecords();

  await user.click(checkboxOf(2));
  expect(selectedIds()).toEqual([2]);
  expect(text(screen.getByRole('toolbar', { name: 'Selection' }))).toContain('1 selected · 1h');

  // shift-click selects everything between the last clicked row and this one, across days
  await user.keyboard('{Shift>}');
  await user.click(checkboxOf(8));
  await user.keyboard('{/Shift}');
  expect(selectedIds()).toEqual([2, 3, 4, 5, 8]);

  // shift-click on a selected row clears the range back to the anchor
  await user.click(checkboxOf(4));
  expect(selectedIds()).toEqual([2, 3, 5, 8]);
  await user.keyboard('{Shift>}');
  await user.click(checkboxOf(2));
  await user.keyboard('{/Shift}');
  expect(selectedIds()).toEqual([5, 8]);

  // not-synced, changed or failed, with an issue: 1, 4, 8, 7 (5 has no issue, 6 runs, 3 too short)
  await user.click(screen.getByRole('button', { name: 'All not synced (4)' }));
  expect(selectedIds()).toEqual([1, 4, 8, 7]);

  await user.click(screen.getByRole('button', { name: 'All' }));
  expect(selectedIds()).toEqual([1, 2, 3, 4, 5, 8, 7, 6]);
  expect(isChecked(screen.getByRole('checkbox', { name: 'Select all records' }))).toBe(true);

  await user.click(screen.getByRole('button', { name: 'None' }));
  expect(selectedIds()).toEqual([]);

  // a day's checkbox selects that day
  await user.click(screen.getByRole('checkbox', { name: 'Select Tuesday 24 November' }));
  expect(selectedIds()).toEqual([4, 5, 8]);
  expect(screen.getByRole('checkbox', { name: 'Select all records' })).toHaveProperty('indeterminate', true);
});

test('range presets ask for last week and this month', async () => {
  const { user } = renderApp(backend);
  await waitForRecords();
  await user.click(screen.getByRole('button', { name: 'Last week' }));
  await waitFor(() => expect(backend.callsOf('listRecords').at(-1)).toEqual({ from: '2026-11-16', to: '2026-11-22' }));
  await screen.findByText('No timecard records in this range');
  await user.click(screen.getByRole('button', { name: 'This month' }));
  await waitFor(() => expect(backend.callsOf('listRecords').at(-1)).toEqual({ from: '2026-11-01', to: '2026-11-30' }));
  await waitForRecords();
  expect(selectedIds()).toEqual([]);
});

test('a long range renders in slices, and selection covers rows not drawn yet', async () => {
  const base = new FakeBackend().records.get(1)!;
  const many = Array.from({ length: 170 }, (_, i) => ({ ...base, id: 2000 + i, start: new Date(Date.parse(base.start) + i * 60_000).toISOString() }));
  backend = new FakeBackend({ records: many });
  const { user } = renderApp(backend);
  await waitForRecords();
  const drawn = () => document.querySelectorAll('table[aria-busy] tr[data-record-id]').length;
  expect(drawn()).toBeLessThanOrEqual(150);
  await user.click(screen.getByRole('button', { name: 'All' }));
  expect(text(screen.getByRole('toolbar', { name: 'Selection' }))).toContain('170 selected');
  await waitFor(() => expect(drawn()).toBe(170));
  expect(selectedIds()).toHaveLength(170);
});

test('a running record shows how long it has run so far; a too-short one says why it is not logged, not what rounding would log', async () => {
  const records = [
    ...new FakeBackend().records.values(),
    rec(9, 23, '14:00', '14:03', {
      notes: 'Tiny fix',
      status: 'too-short',
      roundedSeconds: 900,
      message: "Shorter than this project's minimum of 5m.",
    }),
  ];
  backend = new FakeBackend({ records });
  renderApp(backend);
  await waitForRecords();
  // Started 08:30 in Berlin; it is 12:00 there now.
  expect(text(rowOf(6))).toContain('running · 3h 30m so far');
  expect(text(rowOf(6))).not.toContain('0m Still');
  const tooShort = text(rowOf(9));
  expect(tooShort).toContain("3mNot logged: shorter than this project's minimum of 5m.");
  expect(tooShort).not.toContain('logs 15m');
});
