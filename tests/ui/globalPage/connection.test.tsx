/** @jest-environment jsdom */
import './bridgeShim';
import { screen, waitFor, within } from '@testing-library/react';
import { FakeBackend } from './fakeBackend';
import { checkBackendAfterEach, renderApp, text, waitForRecords } from './helpers';

let backend: FakeBackend;
checkBackendAfterEach();

test('connects (after a wrong password), shows who is connected, disconnects', async () => {
  backend = new FakeBackend({ connected: false });
  const { user } = renderApp(backend);
  const form = await screen.findByRole('form', { name: 'Connect timecard' });
  expect(backend.callsOf('listRecords')).toEqual([]);
  expect(screen.queryByRole('tab')).toBeNull();

  await user.type(within(form).getByLabelText(/Timecard username/), 'alice');
  await user.type(within(form).getByLabelText(/Password/), 'wrong');
  await user.click(within(form).getByRole('button', { name: 'Connect' }));
  expect(text(await screen.findByText(/did not accept/))).toBe('The timecard server did not accept that username and password.');

  await user.clear(within(form).getByLabelText(/Password/));
  await user.type(within(form).getByLabelText(/Password/), 'secret');
  await user.click(within(form).getByRole('button', { name: 'Connect' }));
  await waitForRecords();
  expect(backend.callsOf('connectTimecard')).toEqual([
    { username: 'alice', password: 'wrong' },
    { username: 'alice', password: 'secret' },
  ]);

  await user.click(screen.getByRole('tab', { name: 'Connection' }));
  expect(text(await screen.findByText(/Signed in as/))).toContain('Signed in as alice on https://timecard.example.com');
  await user.click(screen.getByRole('button', { name: 'Disconnect' }));
  await screen.findByRole('form', { name: 'Connect timecard' });
  expect(backend.callsOf('disconnectTimecard')).toEqual([{}]);
});

test('an expired timecard session sends the person back to the connection form, with the reason', async () => {
  backend = new FakeBackend();
  const { user } = renderApp(backend);
  await waitForRecords();
  backend.connected = false;
  await user.click(screen.getByRole('button', { name: 'Refresh' }));
  await screen.findByRole('form', { name: 'Connect timecard' });
  expect(text(screen.getByText('Connect your timecard account first.'))).toBeTruthy();
});

test("the timecard server not answering shows the server's own reason", async () => {
  backend = new FakeBackend({ connected: false });
  backend.connectError = { code: 'server-unreachable', message: 'The timecard server at timecard.example.com did not answer within 10 seconds.' };
  const { user } = renderApp(backend);
  const form = await screen.findByRole('form', { name: 'Connect timecard' });
  await user.type(within(form).getByLabelText(/Timecard username/), 'alice');
  await user.type(within(form).getByLabelText(/Password/), 'secret');
  await user.click(within(form).getByRole('button', { name: 'Connect' }));
  const reason = await screen.findByText(/did not answer within/);
  expect(text(reason)).toBe('The timecard server at timecard.example.com did not answer within 10 seconds.');
  expect(screen.queryByRole('tab')).toBeNull();
});

test('a wrong password puts the focus back in the password field, marked, with the error as its description', async () => {
  backend = new FakeBackend({ connected: false });
  const { user } = renderApp(backend);
  const form = await screen.findByRole('form', { name: 'Connect timecard' });
  await user.type(within(form).getByLabelText(/Timecard username/), 'alice');
  const password = within(form).getByLabelText(/Password/) as HTMLInputElement;
  await user.type(password, 'wrong');
  await user.click(within(form).getByRole('button', { name: 'Connect' }));
  await screen.findByText(/did not accept/);
  await waitFor(() => expect(document.activeElement).toBe(password));
  expect(password.getAttribute('aria-invalid')).toBe('true');
  const described = (password.getAttribute('aria-describedby') ?? '').split(' ').map((id) => text(document.getElementById(id)));
  expect(described.join(' ')).toContain('The timecard server did not accept that username and password.');
  // Typing replaces the wrong password (it is selected).
  await user.keyboard('secret');
  expect(password.value).toBe('secret');
});
