/** @jest-environment jsdom */
// Automatic logging stopped for the person: a page-wide banner on every tab until they turn it on again.
import './bridgeShim';
import { screen, waitFor } from '@testing-library/react';
import { FakeBackend } from './fakeBackend';
import { checkBackendAfterEach, renderApp, text, waitForRecords } from './helpers';

checkBackendAfterEach();

const REFUSED =
  'Jira refused to let Timecard for Jira log work for you while you were away, so automatic logging stopped. Turn it on again to try once more.';
const banner = () => screen.queryByTestId('auto-sync-stopped-banner');

function stoppedBackend(): FakeBackend {
  const backend = new FakeBackend();
  backend.autoSync = {
    enabled: true,
    paused: false,
    graceMinutes: 60,
    intervalMinutes: 60,
    retries: [],
    blocked: { at: '2026-11-25T09:00:00Z', message: REFUSED },
  };
  return backend;
}

test('stopped: every tab shows why and what to do; the Automatic tab turns it on again, and the banner goes', async () => {
  const backend = stoppedBackend();
  const { user } = renderApp(backend);
  await waitForRecords();
  await waitFor(() => expect(banner()).not.toBeNull());
  expect(banner()!.getAttribute('role')).toBe('alert');
  expect(text(banner()!)).toContain('Automatic logging has stopped for you');
  expect(text(banner()!)).toContain(REFUSED);
  expect(text(banner()!)).toContain('Nothing is logged automatically until you turn it on again in the Automatic tab.');

  for (const name of ['History', 'Overview', 'Connection']) {
    await user.click(screen.getByRole('tab', { name }));
    expect(text(banner()!)).toContain(REFUSED);
  }

  await user.click(screen.getByRole('button', { name: 'Open automatic logging' }));
  await screen.findByRole('heading', { name: 'Automatic logging' });
  expect(screen.getByRole('tab', { name: 'Automatic' }).getAttribute('aria-selected')).toBe('true');
  // There the tab's own warning says it, next to the button.
  expect(banner()).toBeNull();
  await user.click(screen.getByRole('button', { name: 'Turn it on again' }));
  await waitFor(() => expect(screen.queryByText(/Jira refused/)).toBeNull());

  await user.click(screen.getByRole('tab', { name: 'Records' }));
  expect(banner()).toBeNull();
  expect(backend.callsOf('saveAutoSync')).toEqual([{ enabled: true }]);
});

test('running, or never turned on: no banner', async () => {
  const backend = new FakeBackend();
  const { user } = renderApp(backend);
  await waitForRecords();
  await waitFor(() => expect(backend.callsOf('getAutoSync')).toHaveLength(1));
  expect(banner()).toBeNull();
  await user.click(screen.getByRole('tab', { name: 'History' }));
  expect(banner()).toBeNull();
});
