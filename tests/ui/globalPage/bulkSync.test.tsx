/** @jest-environment jsdom */
import './bridgeShim';
import { screen, waitFor, within } from '@testing-library/react';
import { FakeBackend } from './fakeBackend';
import { checkBackendAfterEach, renderApp, rowOf, selectedIds, text, waitForRecords } from './helpers';

let backend: FakeBackend;
beforeEach(() => {
  backend = new FakeBackend();
});
checkBackendAfterEach();

// Observers stop with their test: a late render must not call one after the DOM has gone.
const observers: MutationObserver[] = [];
afterEach(() => observers.splice(0).forEach((o) => o.disconnect()));

function observe(target: Node, note: () => void, options: MutationObserverInit): void {
  const observer = new MutationObserver(note);
  observer.observe(target, options);
  observers.push(observer);
}

/** Every value the sync progress bar shows, in order (watches the DOM between polls). */
function watchProgress(): number[] {
  const seen: number[] = [];
  const note = () => {
    const bar = document.querySelector('[role="progressbar"][aria-label="Sync progress"]');
    const v = bar?.getAttribute('aria-valuenow');
    if (v != null && seen.at(-1) !== Number(v)) seen.push(Number(v));
  };
  observe(document.body, note, { subtree: true, childList: true, attributes: true });
  return seen;
}

function counts(label: string): string {
  return within(screen.getByRole('list', { name: label }))
    .getAllByRole('listitem')
    .map((li) => text(li))
    .join(', ');
}

test('preview shows what a sync would do, and writes nothing', async () => {
  const { user } = renderApp(backend);
  await waitForRecords();
  await user.click(screen.getByRole('button', { name: 'All not synced (4)' }));
  await user.click(screen.getByRole('button', { name: 'Preview' }));

  const panel = await screen.findByText('Preview: nothing has been written to Jira yet');
  expect(backend.callsOf('syncRecords')).toEqual([{ recordIds: [1, 4, 8, 7], dryRun: true }]);
  expect(counts('Preview counts')).toBe('2 to create, 1 to update, 0 unchanged, 0 to skip, 1 would fail');
  // Some would fail: a warning (all failing is an error, below).
  expect(screen.getByTestId('preview-warning')).toBeTruthy();
  const table = screen.getByRole('table', { name: 'Preview results' });
  const row8 = within(table)
    .getAllByRole('row')
    .find((r) => r.getAttribute('data-record-id') === '8')!;
  expect(text(row8)).toContain('Would fail');
  expect(text(row8)).toContain('Issue DEMO-4 does not exist or you cannot see it');
  const row4 = within(table)
    .getAllByRole('row')
    .find((r) => r.getAttribute('data-record-id') === '4')!;
  expect(text(row4)).toContain('Would update');
  expect(text(row4)).toContain('2h');

  // nothing written: no job, no worklog, no history, records unchanged
  expect(backend.callsOf('startBulkSync')).toEqual([]);
  expect(backend.writes).toEqual([]);
  expect(backend.history).toEqual([]);
  expect(text(rowOf(1))).toContain('Not synced');
  expect(panel).toBeTruthy();

  await user.click(screen.getByRole('button', { name: 'Close preview' }));
  expect(screen.queryByText('Preview: nothing has been written to Jira yet')).toBeNull();
});

test('a preview or a sync where every record fails reads as an error', async () => {
  backend = new FakeBackend({ failingIssues: ['DEMO-1', 'DEMO-2', 'DEMO-3', 'DEMO-4'] });
  const { user } = renderApp(backend);
  await waitForRecords();
  await user.click(screen.getByRole('button', { name: 'All not synced (4)' }));
  await user.click(screen.getByRole('button', { name: 'Preview' }));
  await screen.findByText('Preview: all 4 records would fail; nothing has been written to Jira');
  expect(screen.getByTestId('preview-error')).toBeTruthy();
  expect(counts('Preview counts')).toBe('0 to create, 0 to update, 0 unchanged, 0 to skip, 4 would fail');
  await user.click(screen.getByRole('button', { name: 'Close preview' }));

  await user.click(screen.getByRole('button', { name: 'Sync selected' }));
  await screen.findByText('Sync failed: all 4 records failed, nothing was logged', {}, { timeout: 5000 });
  expect(screen.getByTestId('summary-error')).toBeTruthy();
  expect(screen.queryByTestId('summary-warning')).toBeNull();
  expect(backend.writes).toEqual([]);
});

test('preview of more than 50 records goes in batches of 50', async () => {
  const many = Array.from({ length: 60 }, (_, i) => ({ ...new FakeBackend().records.get(1)!, id: 1000 + i }));
  backend = new FakeBackend({ records: many });
  const { user } = renderApp(backend);
  await waitForRecords();
  await user.click(screen.getByRole('button', { name: 'All' }));
  await user.click(screen.getByRole('button', { name: 'Preview' }));
  await screen.findByText('Preview: nothing has been written to Jira yet');
  expect(backend.callsOf('syncRecords').map((p) => (p.recordIds as number[]).length)).toEqual([50, 10]);
  expect(counts('Preview counts')).toContain('60 to create');
});

test('sync selected starts a job, the progress bar moves, then a summary with reasons', async () => {
  const { user } = renderApp(backend, { pollIntervalMs: 60 });
  await waitForRecords();
  const progress = watchProgress();
  await user.click(screen.getByRole('button', { name: 'All' }));
  await user.click(screen.getByRole('button', { name: 'Sync selected' }));

  const summary = await screen.findByText('Sync finished: 1 record failed', {}, { timeout: 5000 });
  expect(backend.callsOf('startBulkSync')).toEqual([{ recordIds: [1, 2, 3, 4, 5, 8, 7, 6] }]);
  // polled until done: queued → running → 4 steps of 2 records
  expect(backend.callsOf('getBulkJob').length).toBeGreaterThanOrEqual(5);
  expect(backend.callsOf('getBulkJob').every((p) => p.jobId === 'job-000001')).toBe(true);
  // the bar went up in steps (2, 4, 6 of 8 done) before the summary replaced it
  const moving = progress.filter((v) => v > 0 && v < 1);
  expect(moving.length).toBeGreaterThanOrEqual(2);
  expect([...moving].sort((a, b) => a - b)).toEqual(moving);

  expect(counts('Sync counts')).toBe('2 created, 1 updated, 1 unchanged, 3 skipped, 1 failed');
  const failed = screen.getByRole('table', { name: 'Failed records' });
  expect(text(failed)).toContain('Issue DEMO-4 does not exist or you cannot see it');
  const skipped = screen.getByRole('table', { name: 'Skipped records' });
  expect(text(skipped)).toContain('Still running in the timecard');
  expect(text(skipped)).toContain('No issue linked');
  expect(text(skipped)).toContain('Shorter than the minimum');
  expect(summary).toBeTruthy();

  // the records were reloaded and show their new state
  await waitFor(() => expect(text(rowOf(1))).toContain('Synced'));
  expect(text(rowOf(8))).toContain('Failed');
  expect(backend.writes.map((w) => [w.recordId, w.kind])).toEqual([
    [1, 'created'],
    [4, 'updated'],
    [7, 'created'],
  ]);
});

test('the preview, the progress and the summary are announced in one live region that stays in the page', async () => {
  const { user } = renderApp(backend, { pollIntervalMs: 60 });
  await waitForRecords();
  const region = screen.getByTestId('bulk-status');
  expect(region.getAttribute('role')).toBe('status');
  expect(text(region)).toBe('');
  const heard: string[] = [];
  observe(region, () => heard.at(-1) !== text(region) && heard.push(text(region)), { subtree: true, childList: true, characterData: true });

  await user.click(screen.getByRole('button', { name: 'All' }));
  await user.click(screen.getByRole('button', { name: 'Preview' }));
  await screen.findByText('Preview: nothing has been written to Jira yet');
  expect(text(region)).toBe(
    'Preview ready: 2 to create, 1 to update, 1 unchanged, 3 to skip, 1 would fail. Nothing is written to Jira until you sync.',
  );
  await user.click(screen.getByRole('button', { name: 'Close preview' }));
  await user.click(screen.getByRole('button', { name: 'Sync selected' }));
  await screen.findByText('Sync finished: 1 record failed', {}, { timeout: 5000 });
  // The same element all along (a region that appears with its text is not read out).
  expect(screen.getByTestId('bulk-status')).toBe(region);
  expect(text(region)).toBe('Sync complete, 8 records: 2 created, 1 updated, 1 unchanged, 3 skipped, 1 failed.');
  expect(heard).toContain('Starting sync of 8 records…');
  // Progress in quarters, not at every poll.
  const progress = heard.filter((h) => h.startsWith('Syncing 8 records: '));
  expect(progress.length).toBeGreaterThanOrEqual(2);
  expect(progress.every((h) => /^Syncing 8 records: (0|25|50|75|100)% done\.$/.test(h))).toBe(true);
});

test('retry failed starts a new job with only the failed records', async () => {
  const { user } = renderApp(backend);
  await waitForRecords();
  await user.click(screen.getByRole('button', { name: 'All not synced (4)' }));
  await user.click(screen.getByRole('button', { name: 'Sync selected' }));
  await screen.findByText('Sync finished: 1 record failed', {}, { timeout: 5000 });

  backend.failingIssues.clear(); // the issue became visible meanwhile
  await user.click(screen.getByRole('button', { name: 'Retry failed (1)' }));
  await screen.findByText('Sync finished: 1 record', {}, { timeout: 5000 });
  expect(backend.callsOf('startBulkSync')).toEqual([{ recordIds: [1, 4, 8, 7] }, { recordIds: [8] }]);
  expect(counts('Sync counts')).toBe('1 created, 0 updated, 0 unchanged, 0 skipped, 0 failed');
  await waitFor(() => expect(text(rowOf(8))).toContain('Synced'));
});

test('undo deletes what the job created and says what could not be undone', async () => {
  backend = new FakeBackend({ undoFailures: [7] });
  const { user } = renderApp(backend);
  await waitForRecords();
  await user.click(screen.getByRole('button', { name: 'All not synced (4)' }));
  await user.click(screen.getByRole('button', { name: 'Sync selected' }));
  await screen.findByText('Sync finished: 1 record failed', {}, { timeout: 5000 });
  await waitFor(() => expect(text(rowOf(1))).toContain('Synced'));

  await user.click(screen.getByRole('button', { name: 'Undo this sync' }));
  // It asks first, naming the count and the time; nothing is deleted before the person confirms.
  const dialog = await screen.findByRole('dialog');
  expect(text(within(dialog).getByRole('heading'))).toMatch(/^Undo the sync of today \d\d:\d\d( [AP]M)?\?$/);
  expect(text(dialog)).toContain('This deletes the 2 worklogs the sync of today');
  expect(text(dialog)).toContain('1 worklog it only updated stay as they are.');
  expect(backend.callsOf('undoBulkJob')).toEqual([]);
  await user.click(within(dialog).getByRole('button', { name: 'Delete 2 worklogs' }));
  await screen.findByText('Undo finished: 1 worklog could not be removed');
  expect(backend.callsOf('undoBulkJob')).toEqual([{ jobId: 'job-000001' }]);
  const failures = screen.getByRole('list', { name: 'Could not be undone' });
  expect(text(failures)).toContain('Retro');
  expect(text(failures)).toContain('The worklog was edited in Jira after this sync; left as it is.');
  expect(text(screen.getByText(/1 worklog deleted/))).toContain('1 worklog deleted');
  // The job only updated record 4's existing worklog: that is left in place, not a failure.
  expect(text(screen.getByRole('list', { name: 'Left in place' }))).toContain('Login redirect');
  expect(text(failures)).not.toContain('Login redirect');
  await waitFor(() => expect(text(rowOf(1))).toContain('Not synced'));
});

test('a running job is picked up again after the page reloads', async () => {
  const first = renderApp(backend, { pollIntervalMs: 5000 });
  await waitForRecords();
  await first.user.click(checkboxFor(1));
  await first.user.click(screen.getByRole('button', { name: 'Sync selected' }));
  await waitFor(() => expect(backend.callsOf('getBulkJob').length).toBe(1));
  first.unmount();

  renderApp(backend, { pollIntervalMs: 15 });
  await screen.findByText('Sync finished: 1 record', {}, { timeout: 5000 });
  expect(backend.callsOf('startBulkSync')).toHaveLength(1);
});

function checkboxFor(id: number) {
  return within(rowOf(id)).getByRole('checkbox');
}

test('a job the server no longer knows ends the wait: the reason shows, the stored id is cleared, Preview and Sync work again', async () => {
  const storageKey = 'timecard-sync.job.user-1';
  window.sessionStorage.setItem(storageKey, 'job-gone');
  const { user } = renderApp(backend);
  await waitForRecords();
  const alert = await screen.findByText('No such sync job.');
  expect(alert).toBeTruthy();
  expect(backend.callsOf('getBulkJob')).toEqual([{ jobId: 'job-gone', withResults: false }]);
  expect(window.sessionStorage.getItem(storageKey)).toBeNull();
  expect(screen.queryByRole('progressbar', { name: 'Sync progress' })).toBeNull();

  // idle again: selecting and syncing starts a new job
  await user.click(checkboxFor(1));
  expect(screen.getByRole('button', { name: 'Preview' })).toHaveProperty('disabled', false);
  await user.click(screen.getByRole('button', { name: 'Sync selected' }));
  await screen.findByText('Sync finished: 1 record', {}, { timeout: 5000 });
  expect(backend.callsOf('startBulkSync')).toEqual([{ recordIds: [1] }]);
  expect(screen.queryByText('No such sync job.')).toBeNull();
});

test('the sync after a preview counts only the records it will write, says how many it will skip, and the selection clears when it is done', async () => {
  const { user } = renderApp(backend, { pollIntervalMs: 30 });
  await waitForRecords();
  await user.click(screen.getByRole('button', { name: 'All' }));
  expect(selectedIds()).toHaveLength(8);
  await user.click(screen.getByRole('button', { name: 'Preview' }));
  await screen.findByText('Preview: nothing has been written to Jira yet');
  expect(counts('Preview counts')).toBe('2 to create, 1 to update, 1 unchanged, 3 to skip, 1 would fail');
  // Skipped (running, too short, no issue) and unchanged (already synced) records are not counted.
  await user.click(screen.getByRole('button', { name: 'Sync 4 records (4 will be skipped)' }));
  await screen.findByText('Sync finished: 1 record failed', {}, { timeout: 5000 });
  expect(backend.callsOf('startBulkSync')).toEqual([{ recordIds: [1, 2, 3, 4, 5, 8, 7, 6] }]);
  await waitFor(() => expect(selectedIds()).toEqual([]));
  expect(text(screen.getByRole('toolbar', { name: 'Selection' }))).toMatch(/^0 selected/);
});

test('a waiting job says why; Cancel sync ends it and the summary says what was synced before', async () => {
  backend = new FakeBackend({
    waiting: { code: 'server-unreachable', message: 'Your timecard server is not answering; this sync resumes on its own when it does.' },
  });
  const { user } = renderApp(backend, { pollIntervalMs: 40 });
  await waitForRecords();
  await user.click(screen.getByRole('button', { name: 'All' }));
  await user.click(screen.getByRole('button', { name: 'Sync selected' }));

  await screen.findByText('The sync is waiting', {}, { timeout: 5000 });
  expect(screen.getByText('Your timecard server is not answering; this sync resumes on its own when it does.')).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'Cancel sync' }));

  await screen.findByText('Sync cancelled: 0 records synced before you cancelled', {}, { timeout: 5000 });
  expect(backend.callsOf('cancelBulkJob')).toEqual([{ jobId: 'job-000001' }]);
  expect(text(screen.getByRole('table', { name: 'Failed records' }))).toContain('You cancelled this sync before this record was synced');
  expect(backend.writes).toEqual([]);
});
