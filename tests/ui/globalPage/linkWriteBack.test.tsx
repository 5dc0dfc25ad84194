/**
 * The switch that writes links made here to the timecard, and the notice after a link, against the
 * real resolvers and both emulators (tests/support/world.ts).
 *
 * @jest-environment ./tests/ui/globalPage/jsdomWithNodeNetworking.js
 */
import './bridgeShim';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App from '../../../static/global-page/src/App';
import { text, worldForEachTest } from './helpers';

const world = worldForEachTest();

const LABEL = 'Write links I make here to my timecard';
/** The machine may be busy: the real resolvers answer in their own time. */
const WAIT = 15_000;
const stored = (id: number) =>
  world()
    .timecard.records(world().demo.timecardUserId)
    .find((r) => r.id === id);
const enabled = async () => ((await world().invoke('getLinkWriteBack')) as { enabled: boolean }).enabled;

async function openConnectionTab(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole('table', { name: /Timecard records/ }, { timeout: WAIT });
  await user.click(screen.getByRole('tab', { name: 'Connection' }));
  const toggle = await screen.findByLabelText(LABEL, {}, { timeout: WAIT });
  await waitFor(() => expect((toggle as HTMLInputElement).disabled).toBe(false), { timeout: WAIT });
  return toggle as HTMLInputElement;
}

test('the switch is off by default, turns on and off for this person, and says what it does', async () => {
  const user = userEvent.setup();
  render(<App pollIntervalMs={50} searchDebounceMs={50} />);
  const toggle = await openConnectionTab(user);
  expect(toggle.checked).toBe(false);
  expect(text(document.getElementById(toggle.getAttribute('aria-describedby')!))).toMatch(
    /^When you link a record to an issue on this page or in an issue panel/,
  );

  await user.click(toggle);
  await waitFor(() => expect(toggle.checked).toBe(true), { timeout: WAIT });
  expect(await enabled()).toBe(true);
  await user.click(toggle);
  await waitFor(() => expect(toggle.checked).toBe(false), { timeout: WAIT });
  expect(await enabled()).toBe(false);
}, 30000);

test('with the switch on, accepting a suggestion writes the key to the timecard and says so', async () => {
  const user = userEvent.setup();
  render(<App pollIntervalMs={50} searchDebounceMs={50} />);
  const toggle = await openConnectionTab(user);
  await user.click(toggle);
  await waitFor(() => expect(toggle.checked).toBe(true), { timeout: WAIT });

  await user.click(screen.getByRole('tab', { name: 'Records' }));
  await user.click(await screen.findByRole('button', { name: 'Last week' }, { timeout: WAIT }));
  const table = await screen.findByRole('table', { name: /Timecard records/ }, { timeout: WAIT });
  await waitFor(() => expect(table.getAttribute('aria-busy')).toBe('false'), { timeout: WAIT });
  const accept = (await within(table).findAllByRole('button', { name: 'Accept' }, { timeout: WAIT }))[0]!;
  const row = accept.closest('tr')!;
  const id = Number(row.dataset.recordId);
  expect(stored(id)?.jira_issue_key).toBeNull();
  await user.click(accept);

  // Announced in a live region, above the records.
  const notice = await waitFor(
    () => {
      const found = document.querySelector<HTMLElement>('.tc-write-back-notice[role="status"]');
      expect(text(found)).toContain('Written to your timecard');
      return found!;
    },
    { timeout: WAIT },
  );
  expect(text(notice)).toContain('Your timecard now shows this record on DEMO-3 too.');
  expect(stored(id)?.jira_issue_key).toBe('DEMO-3');
  await user.click(within(notice).getByRole('button', { name: 'Dismiss' }));
  await waitFor(() => expect(document.querySelector('.tc-write-back-notice')).toBeNull(), { timeout: WAIT });
}, 40000);
