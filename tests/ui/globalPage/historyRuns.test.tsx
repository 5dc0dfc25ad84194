/**
 * The history's sync runs against the real resolvers and emulators: a run synced from the issue
 * panel is undone from the history after a reload, with a confirmation naming the count and time.
 *
 * @jest-environment ./tests/ui/globalPage/jsdomWithNodeNetworking.js
 */
import { shim } from './bridgeShim';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App from '../../../static/global-page/src/App';
import { startWorld, type World } from '../../support/world';
import { text } from './helpers';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  shim.reset();
  await world?.close();
});

function worklogsOf(issueKey: string): number {
  return world.jira.worklogs(issueKey).length;
}

test('a panel sync is one run in the history, named by its work, and undone after a confirmation, also after a reload', async () => {
  const context = { accountId: world.demo.accountId, timezone: world.demo.timeZone, locale: 'en-US', extension: { type: 'jira:globalPage' } };
  shim.context = { ...shim.context, accountId: world.demo.accountId, timezone: world.demo.timeZone, locale: 'en_US' };
  shim.route = (functionKey, payload) => world.invoke(functionKey, payload, context);
  const records = [world.demo.records['DEMO-2 day 1']!, world.demo.records['DEMO-2 day 2']!];
  await world.invoke('listRecords', { from: daysAgo(20), to: daysAgo(-1) }, context);
  // "Log all" in the issue panel of DEMO-2: one call, one run.
  const logged = (await world.invoke('syncRecords', { recordIds: records }, world.issueContext('DEMO-2'))) as { results: { outcome: string }[] };
  expect(logged.results.map((r) => r.outcome)).toEqual(['created', 'created']);
  expect(worklogsOf('DEMO-2')).toBe(2);

  const user = userEvent.setup();
  const first = render(<App pollIntervalMs={50} searchDebounceMs={50} />);
  await user.click(await screen.findByRole('tab', { name: 'History' }));
  const history = await screen.findByRole('table', { name: 'Sync history' }, { timeout: 10000 });
  const run = await within(history).findByRole('rowgroup', { name: /^Sync run Today \d\d:\d\d(?: [AP]M)? · 2 records, / });
  const headline = text(run.querySelector('.tc-run-title'));
  expect(headline).toMatch(/^Today (\d\d:\d\d(?: [AP]M)?) · 2 records, \d+h( \d+m)?, [A-Z][a-z]{2} \d+/);
  const time = /^Today (\d\d:\d\d(?: [AP]M)?)/.exec(headline)![1]!;
  // Each entry names its work: the day and time, the issue with its summary, the duration; no ids.
  const rows = [...run.querySelectorAll('tr[data-history-id]')].map(text);
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    expect(row).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d+ \d\d:\d\d(?: [AP]M)?/);
    expect(row).toContain('DEMO-2Fix time zone bug in reports');
    expect(row).toContain('Created');
  }

  // Undo asks first, naming the count and the time; Cancel changes nothing.
  const undo = within(run).getByRole('button', { name: /^Undo the sync of Today/ });
  await user.click(undo);
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByText(`This deletes the 2 worklogs the sync of today ${time} created in Jira.`, { exact: false });
  expect(text(within(dialog).getByRole('heading'))).toBe(`Undo the sync of today ${time}?`);
  await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(worklogsOf('DEMO-2')).toBe(2);
  // Focus is back on the button that opened the dialog.
  await waitFor(() => expect(document.activeElement).toBe(undo));

  // After a reload the run can still be undone.
  first.unmount();
  render(<App pollIntervalMs={50} searchDebounceMs={50} />);
  await user.click(await screen.findByRole('tab', { name: 'History' }));
  const again = await screen.findByRole('rowgroup', { name: /^Sync run Today \d\d:\d\d(?: [AP]M)? · 2 records, / }, { timeout: 10000 });
  await user.click(within(again).getByRole('button', { name: /^Undo the sync of Today/ }));
  const confirm = await within(await screen.findByRole('dialog')).findByRole('button', { name: 'Delete 2 worklogs' });
  await user.click(confirm);
  await screen.findByText(`Sync of Today ${time} undone`, {}, { timeout: 10000 });
  await act(async () => undefined);
  expect(worklogsOf('DEMO-2')).toBe(0);
  const undone = await screen.findByRole('rowgroup', { name: /^Sync run Today \d\d:\d\d(?: [AP]M)? · 2 records, / });
  await waitFor(() => expect(text(undone)).toMatch(/Undone today \d\d:\d\d(?: [AP]M)?/));
  expect(within(undone).queryByRole('button', { name: /^Undo/ })).toBeNull();
  // The undo is a run of its own.
  expect(screen.getByRole('rowgroup', { name: /^Sync run Today \d\d:\d\d(?: [AP]M)? · 2 worklogs removed/ })).toBeTruthy();
}, 60000);

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}
