/**
 * The page against the real resolvers, queue consumer and adapters, with the Jira and timecard
 * emulators behind them (tests/support/world.ts): the shim routes `invoke` to the local app.
 * Then a run synced from the issue panel, undone from the history after a reload.
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

function selected(): number[] {
  return [...document.querySelectorAll<HTMLElement>('table[aria-busy] tr.is-selected')].map((tr) => Number(tr.dataset.recordId));
}

test('last week: select all not synced, preview, sync, summary, history, undo — against the real resolvers', async () => {
  const context = { accountId: world.demo.accountId, timezone: world.demo.timeZone, locale: 'en-US', extension: { type: 'jira:globalPage' } };
  shim.context = { ...shim.context, accountId: world.demo.accountId, timezone: world.demo.timeZone, locale: 'en_US' };
  shim.route = (functionKey, payload) => world.invoke(functionKey, payload, context);
  const user = userEvent.setup();
  render(<App pollIntervalMs={50} searchDebounceMs={50} />);

  await screen.findByRole('table', { name: /Timecard records/ });
  await user.click(screen.getByRole('button', { name: 'Last week' }));
  await waitFor(() => expect(screen.getByRole('table', { name: /Timecard records/ }).getAttribute('aria-busy')).toBe('false'));
  await waitFor(() => expect(screen.getByRole('button', { name: /^All not synced \(\d+\)$/ })).toBeTruthy());
  const allNotSynced = screen.getByRole('button', { name: /^All not synced \(\d+\)$/ });
  const count = Number(/\((\d+)\)/.exec(text(allNotSynced))![1]);
  expect(count).toBeGreaterThan(4);
  await user.click(allNotSynced);
  const ids = selected();
  expect(ids).toHaveLength(count);

  // preview: dry run through the real sync code, nothing written to the Jira emulator
  const worklogsBefore = await worklogCount(ids);
  await user.click(screen.getByRole('button', { name: 'Preview' }));
  await screen.findByText('Preview: nothing has been written to Jira yet', {}, { timeout: 20000 });
  expect(await worklogCount(ids)).toBe(worklogsBefore);

  // sync as a queued job, polled to the end
  await user.click(screen.getByRole('button', { name: 'Sync selected' }));
  const title = await screen.findByText(/^Sync finished/, {}, { timeout: 30000 });
  const counts = within(screen.getByRole('list', { name: 'Sync counts' }))
    .getAllByRole('listitem')
    .map((li) => text(li));
  expect(counts[0]).toBe(`${count} created`);
  expect(text(title)).toBe(`Sync finished: ${count} records`);
  expect(await worklogCount(ids)).toBe(worklogsBefore + count);
  await waitFor(() => expect(ids.every((id) => text(document.querySelector(`tr[data-record-id="${id}"]`)).includes('Synced'))).toBe(true));

  // history shows the attempts
  await user.click(screen.getByRole('tab', { name: 'History' }));
  const history = await screen.findByRole('table', { name: 'Sync history' }, { timeout: 10000 });
  expect(within(history).getAllByText('Created').length).toBeGreaterThanOrEqual(Math.min(count, 50));

  // undo from the summary (kept while switching tabs)
  await user.click(screen.getByRole('tab', { name: 'Records' }));
  await user.click(await screen.findByRole('button', { name: 'Undo this sync' }));
  await user.click(await within(await screen.findByRole('dialog')).findByRole('button', { name: `Delete ${count} worklogs` }));
  await screen.findByText(new RegExp(`^Sync undone: ${count} worklogs deleted$`), {}, { timeout: 20000 });
  expect(await worklogCount(ids)).toBe(worklogsBefore);
}, 90000);

function worklogsOf(issueKey: string): number {
  return world.jira.worklogs(issueKey).length;
}

test('a panel sync is one run in the history, named by its work, and undone after a confirmation, also after a reload', async () => {
  const context = { accountId: world.demo.accountId, timezone: world.demo.timeZone, locale: 'en-US', extension: { type: 'jira:globalPage' } };
  shim.context = { ...shim.context, accountId: world.demo.accountId, timezone: world.demo.timeZone, locale: 'en_US' };
  shim.route = (functionKey, payload) => world.invoke(functionKey, payload, context);
  const records = [world.demo.records['DEMO-2 day 1']!, world.demo.records['DEMO-2 day 2']!];
  // "Log all" in the issue panel of DEMO-2: one call, one run.
  const logged = (await world.invoke('syncRecords', { recordIds: records }, world.issueContext('DEMO-2'))) as { results: { outcome: string }[] };
  expect(logged.results.map((r) => r.outcome)).toEqual(['created', 'created']);
  const logged0 = worklogsOf('DEMO-2');
  expect(logged0).toBeGreaterThanOrEqual(2);

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
  expect(worklogsOf('DEMO-2')).toBe(logged0);
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
  expect(worklogsOf('DEMO-2')).toBe(logged0 - 2);
  const undone = await screen.findByRole('rowgroup', { name: /^Sync run Today \d\d:\d\d(?: [AP]M)? · 2 records, / });
  await waitFor(() => expect(text(undone)).toMatch(/Undone today \d\d:\d\d(?: [AP]M)?/));
  expect(within(undone).queryByRole('button', { name: /^Undo/ })).toBeNull();
  // The undo is a run of its own.
  expect(screen.getByRole('rowgroup', { name: /^Sync run Today \d\d:\d\d(?: [AP]M)? · 2 worklogs removed/ })).toBeTruthy();
}, 60000);

/** Worklogs the app wrote for these records, as the Jira emulator sees them through the resolvers. */
async function worklogCount(ids: number[]): Promise<number> {
  // inside act: the page keeps polling and reloading meanwhile
  let count = 0;
  await act(async () => {
    count = await syncedWithWorklog(ids);
  });
  return count;
}

async function syncedWithWorklog(ids: number[]): Promise<number> {
  const result = (await world.invoke('listRecords', { from: daysAgo(20), to: daysAgo(-1) })) as {
    records: { id: number; worklogId?: string; status: string }[];
  };
  return result.records.filter((r) => ids.includes(r.id) && r.worklogId && r.status === 'synced').length;
}

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}
