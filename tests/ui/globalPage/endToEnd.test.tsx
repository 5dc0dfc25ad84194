/**
 * The page against the real resolvers, queue consumer and adapters, with the Jira and timecard
 * emulators behind them (tests/support/world.ts): the shim routes `invoke` to the local app.
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
  const counts = within(screen.getByRole('list', { name: 'Sync counts' })).getAllByRole('listitem').map((li) => text(li));
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
  const result = (await world.invoke('listRecords', { from: daysAgo(20), to: daysAgo(-1) })) as { records: { id: number; worklogId?: string; status: string }[] };
  return result.records.filter((r) => ids.includes(r.id) && r.worklogId && r.status === 'synced').length;
}

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}
