/** @jest-environment jsdom */
import './bridgeShim';
import { screen, waitFor, within } from '@testing-library/react';
import { FakeBackend, historyItems } from './fakeBackend';
import { checkBackendAfterEach, isChecked, renderApp, text, waitForRecords } from './helpers';

checkBackendAfterEach();

async function openAutomatic(backend: FakeBackend) {
  const view = renderApp(backend);
  await waitForRecords();
  await view.user.click(screen.getByRole('tab', { name: 'Automatic' }));
  await screen.findByRole('heading', { name: 'Automatic logging' });
  return view;
}

const status = () => text(screen.getByRole('status'));

/** A backend whose automatic sync is on, with what a run left (`extra`). */
function autoSyncOn(extra: Partial<FakeBackend['autoSync']>): FakeBackend {
  const backend = new FakeBackend();
  backend.autoSync = { enabled: true, paused: false, graceMinutes: 60, intervalMinutes: 60, retries: [], ...extra };
  return backend;
}

test('off by default; turning it on, choosing the grace period and pausing are saved', async () => {
  const backend = new FakeBackend();
  const { user } = await openAutomatic(backend);
  const toggle = screen.getByRole('checkbox', { name: 'Log my finished records automatically' });
  expect(isChecked(toggle)).toBe(false);
  expect(status()).toContain('Off: your records are logged only when you log them.');
  expect((screen.getByLabelText('Log a record this long after it ends') as HTMLSelectElement).disabled).toBe(true);

  await user.click(toggle);
  await waitFor(() => expect(isChecked(toggle)).toBe(true));
  expect(backend.callsOf('saveAutoSync')).toEqual([{ enabled: true }]);
  expect(status()).toContain('Next run: within the hour.');

  await user.selectOptions(screen.getByLabelText('Log a record this long after it ends'), '15 minutes');
  await waitFor(() => expect(backend.callsOf('saveAutoSync').at(-1)).toEqual({ enabled: true, graceMinutes: 15 }));
  expect((screen.getByLabelText('Log a record this long after it ends') as HTMLSelectElement).value).toBe('15');

  await user.click(screen.getByRole('button', { name: 'Pause' }));
  await waitFor(() => expect(status()).toContain('Paused: nothing is logged automatically until you resume.'));
  expect(backend.callsOf('saveAutoSync').at(-1)).toEqual({ enabled: true, paused: true });
  expect(status()).not.toContain('Next run');
  await user.click(screen.getByRole('button', { name: 'Resume' }));
  await waitFor(() => expect(backend.callsOf('saveAutoSync').at(-1)).toEqual({ enabled: true, paused: false }));
});

test('shows the last run, what it logged, the next run, and the records that will be retried (which can be cancelled)', async () => {
  const backend = autoSyncOn({
    lastRun: {
      at: '2026-11-25T10:07:00Z',
      jobId: 'job-auto-1',
      logged: 3,
      failed: 1,
      skipped: 0,
      total: 4,
      items: [
        { recordId: 11, issueKey: 'DEMO-1', seconds: 1800 },
        { recordId: 12, issueKey: 'DEMO-2', seconds: 5400 },
        { recordId: 13, issueKey: 'DEMO-2', seconds: 900 },
      ],
    },
    lastCheckedAt: '2026-11-25T10:05:00Z',
    nextRunAt: '2026-11-25T11:05:00Z',
    retries: [
      {
        recordId: 17,
        nextAt: '2026-11-25T10:12:00Z',
        attempts: 1,
        message: 'Your timecard server did not answer for 30 minutes, so this sync stopped before this record.',
      },
    ],
  });
  const { user } = await openAutomatic(backend);
  // Berlin time (UTC+1).
  expect(status()).toMatch(/Last run 25 Nov 2026, 11:07: logged 3 records, 1 failed\./);
  expect(status()).toContain('What it logged is in the History tab, marked “automatic”.');
  expect(status()).toMatch(/Next run: about 25 Nov 2026, 12:05\./);
  const logged = screen.getByRole('list', { name: 'Logged by the last run' });
  expect(
    within(logged)
      .getAllByRole('listitem')
      .map((li) => text(li)),
  ).toEqual(['DEMO-1: 30m (record 11)', 'DEMO-2: 1h 30m (record 12)', 'DEMO-2: 15m (record 13)']);
  const retries = screen.getByText('1 record will be tried again').closest('section') ?? document.body;
  expect(text(within(retries).getByRole('listitem'))).toMatch(/^Record 17: will retry at 25 Nov 2026, 11:12\. Your timecard server did not answer/);

  // By keyboard: the button goes with the retries, and its focus goes to the tab's heading, not the body.
  screen.getByRole('button', { name: 'Cancel retries' }).focus();
  await user.keyboard('{Enter}');
  await waitFor(() => expect(screen.queryByText('1 record will be tried again')).toBeNull());
  expect(backend.callsOf('cancelAutoRetries')).toEqual([{}]);
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Automatic logging' })));
});

test('stopped because Jira refused to act for the person: the page says so, and "Turn it on again" restarts it', async () => {
  const backend = autoSyncOn({
    blocked: {
      at: '2026-11-25T09:00:00Z',
      message:
        'Jira refused to let Timecard for Jira log work for you while you were away, so automatic logging stopped. Turn it on again to try once more.',
    },
  });
  const { user } = await openAutomatic(backend);
  expect(screen.getByText(/Jira refused to let Timecard for Jira log work for you/)).toBeTruthy();
  expect(status()).not.toContain('Next run');
  await user.click(screen.getByRole('button', { name: 'Turn it on again' }));
  await waitFor(() => expect(screen.queryByText(/Jira refused/)).toBeNull());
  expect(backend.callsOf('saveAutoSync')).toEqual([{ enabled: true }]);
});

test('the history marks the runs automatic sync made', async () => {
  const [manual, automatic] = historyItems(2).map((item, i) => ({
    ...item,
    runId: `run-${i}`,
    outcome: 'created' as const,
    worklogId: String(9000 + i),
  }));
  const backend = new FakeBackend({ history: [manual!, { ...automatic!, trigger: 'automatic' as const }] });
  const { user } = renderApp(backend);
  await waitForRecords();
  await user.click(screen.getByRole('tab', { name: 'History' }));
  await screen.findByRole('table', { name: 'Sync history' });
  const headlines = [...document.querySelectorAll('.tc-run-title')].map((el) => text(el));
  expect(headlines).toEqual([expect.not.stringContaining('automatic'), expect.stringMatching(/^Today \d\d:\d\d · automatic · 1 record/)]);
});

test('while a run is logging, the tab looks again until the run has reported', async () => {
  const backend = autoSyncOn({ running: { jobId: 'job-auto-2', startedAt: '2026-11-25T10:00:00Z' } });
  await openAutomatic(backend);
  expect(status()).toContain('A run started 25 Nov 2026, 11:00 is logging your records now.');
  const { running: _done, ...rest } = backend.autoSync;
  backend.autoSync = { ...rest, lastRun: { at: '2026-11-25T10:01:00Z', jobId: 'job-auto-2', logged: 2, failed: 0, skipped: 0, total: 2 } };
  await waitFor(() => expect(status()).toContain('Last run 25 Nov 2026, 11:01: logged 2 records.'));
  expect(status()).not.toContain('is logging your records now');
  expect(backend.callsOf('getAutoSync').length).toBeGreaterThan(1);
});
