/**
 * "Will retry at …" and "Don't retry" on the global page (ADR 0028), against the real resolvers and
 * the emulators (the shim routes `invoke` to the local app): a record whose Log Jira failed for a
 * passing reason says when it is tried again in the records and in the history, in the person's time
 * zone, and the person cancels it from the keyboard.
 *
 * @jest-environment ./tests/ui/globalPage/jsdomWithNodeNetworking.js
 */
import './bridgeShim';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App from '../../../static/global-page/src/App';
import { formatDateTime, formatTime } from '../../../static/global-page/src/format';
import { ok, recentRange } from '../../integration/syncHelpers';
import { rowOf, text, worldForEachTest } from './helpers';

const worldOf = worldForEachTest();

test('the records and the history say when a failed record is tried again; "Don\'t retry" (keyboard) cancels it', async () => {
  const world = worldOf();
  const id = world.demo.records['DEMO-1 today'];
  const context = { accountId: world.demo.accountId, timezone: world.demo.timeZone, locale: 'en-US', extension: { type: 'jira:globalPage' } };
  ok(await world.invoke('listRecords', recentRange(), context));
  world.jira.failNext(1, { method: 'POST', pathIncludes: '/worklog', status: 500 });
  const [failed] = ok(await world.invoke('syncRecords', { recordIds: [id] }, { ...context, ...world.issueContext('DEMO-1') })).results;
  expect(failed).toMatchObject({ outcome: 'failed', code: 'jira-error' });
  const [waiting] = ok(await world.invoke('getAutoSync', {}, context)).retries;
  const at = formatDateTime(waiting.nextAt, world.demo.timeZone, 'en-US');

  const user = userEvent.setup();
  render(<App pollIntervalMs={50} searchDebounceMs={50} />);
  await screen.findByRole('table', { name: /Timecard records/ });
  await waitFor(() => expect(text(rowOf(id))).toContain(`Will be tried again on its own at ${at}.`));

  // The history's entry of the failed Log says so too.
  await user.click(screen.getByRole('tab', { name: 'History' }));
  const history = await screen.findByRole('table', { name: /history/i });
  await waitFor(() => expect(text(history)).toContain(`Tried again on its own at ${at}`));

  // Back on the records: "Don't retry", reached and pressed from the keyboard.
  await user.click(screen.getByRole('tab', { name: 'Records' }));
  await screen.findByRole('table', { name: /Timecard records/ });
  const start = formatTime(world.timecard.records(world.demo.timecardUserId).find((r) => r.id === id)!.timein, {
    timeZone: world.demo.timeZone,
    locale: 'en-US',
  });
  const cancel = await within(rowOf(id)).findByRole('button', { name: `Don't retry the record of ${start}` });
  cancel.focus();
  await user.keyboard('{Enter}');
  await waitFor(() => expect(text(rowOf(id))).toContain('It will not be tried again. Sync it yourself whenever you like.'));
  expect(text(rowOf(id))).not.toContain('Will be tried again');
  // The button went with the note: the focus is on its row, not the page's body.
  await waitFor(() => expect(document.activeElement).toBe(rowOf(id)));
  // Read out where it is shown, once: the row's note is a status region, the page's choice region stays quiet.
  expect(within(rowOf(id)).getByRole('status').textContent).toBe('It will not be tried again. Sync it yourself whenever you like.');
  expect(screen.getByTestId('choice-status').textContent).toBe('');
  expect(ok(await world.invoke('getAutoSync', {}, context)).retries).toEqual([]);
});
