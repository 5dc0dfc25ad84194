/** @jest-environment jsdom */
import { shim } from './bridgeShim';
import { screen, waitFor, within } from '@testing-library/react';
import type { HistoryItem } from '../../../src/shared/contract';
import { csvField, historyCsv, toCsv } from '../../../static/global-page/src/csv';
import { FakeBackend, historyItems } from './fakeBackend';
import { checkBackendAfterEach, renderApp, rowOf, text, waitForRecords } from './helpers';

let backend: FakeBackend;
checkBackendAfterEach();

async function openHistory(fake: FakeBackend) {
  backend = fake;
  const view = renderApp(backend);
  await waitForRecords();
  await view.user.click(screen.getByRole('tab', { name: 'History' }));
  await screen.findByRole('table', { name: 'Sync history' });
  return view;
}

/** The entries' rows (each sync run also has a headline row). */
function historyRows(): HTMLElement[] {
  return [...screen.getByRole('table', { name: 'Sync history' }).querySelectorAll<HTMLElement>('tr[data-history-id]')];
}

test('loads the last 30 days, pages with the cursor, filters by outcome and date range', async () => {
  const { user } = await openHistory(new FakeBackend({ history: historyItems(60) }));
  expect(backend.callsOf('getSyncHistory')).toEqual([{ limit: 50, from: '2026-10-27', to: '2026-11-25' }]);
  expect(historyRows()).toHaveLength(50);
  expect(text(screen.getByText(/^Showing/))).toBe('Showing 50 entries');

  await user.click(screen.getByRole('button', { name: 'Load more' }));
  await waitFor(() => expect(historyRows()).toHaveLength(60));
  expect(backend.callsOf('getSyncHistory')[1]).toEqual({ limit: 50, from: '2026-10-27', to: '2026-11-25', cursor: '50' });
  expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

  // outcome filter (Atlaskit select)
  await user.click(screen.getByLabelText('Outcome'));
  await user.click(await screen.findByRole('option', { name: 'Failed' }));
  await waitFor(() =>
    expect(backend.callsOf('getSyncHistory').at(-1)).toEqual({ limit: 50, from: '2026-10-27', to: '2026-11-25', status: 'failed' }),
  );
  await waitFor(() => expect(historyRows()).toHaveLength(12));
  expect(historyRows().every((r) => text(r).includes('Failed'))).toBe(true);

  // date range presets
  await user.click(screen.getByRole('button', { name: 'Last 7 days' }));
  await waitFor(() =>
    expect(backend.callsOf('getSyncHistory').at(-1)).toEqual({ limit: 50, from: '2026-11-19', to: '2026-11-25', status: 'failed' }),
  );
  await user.click(screen.getByRole('button', { name: 'All time' }));
  await waitFor(() => expect(backend.callsOf('getSyncHistory').at(-1)).toEqual({ limit: 50, status: 'failed' }));
});

/** A failed attempt on record 8, whose issue the fake reports missing until the test clears that. */
const FAILED_ON_MISSING_ISSUE: HistoryItem = {
  id: 'h-1',
  at: '2026-11-25T10:00:00.000Z',
  accountId: 'demo-alice',
  recordId: 8,
  issueKey: 'DEMO-4',
  worklogId: null,
  outcome: 'failed',
  message: 'Issue DEMO-4 does not exist or you cannot see it',
  code: 'issue-not-found',
  jobId: null,
  timeSpentSeconds: null,
};

test('retries a failed attempt from its row', async () => {
  const { user } = await openHistory(new FakeBackend({ history: [FAILED_ON_MISSING_ISSUE] }));
  backend.failingIssues.clear();
  const row = historyRows()[0]!;
  expect(text(row)).toContain('Issue DEMO-4 does not exist');
  await user.click(within(row).getByRole('button', { name: 'Retry' }));
  await screen.findByText('Record 8: created (worklog 6000)');
  expect(backend.callsOf('syncRecords')).toEqual([{ recordIds: [8] }]);
  // reloaded from the first page: the new attempt is on top
  await waitFor(() => expect(historyRows()).toHaveLength(2));
  expect(text(historyRows()[0])).toContain('Created');
  // ids on demand
  expect(text(historyRows()[0])).not.toContain('6000');
  await user.click(screen.getByRole('button', { name: 'Show ids' }));
  expect(text(historyRows()[0])).toContain('6000');
});

test('a retry from a later page reloads the first one: the focus goes to the notice of what it did, not the body', async () => {
  const { user } = await openHistory(new FakeBackend({ history: historyItems(60) }));
  await user.click(screen.getByRole('button', { name: 'Load more' }));
  await waitFor(() => expect(historyRows()).toHaveLength(60));
  const later = historyRows()
    .slice(50)
    .find((r) => within(r).queryByRole('button', { name: 'Retry' }))!;
  within(later).getByRole('button', { name: 'Retry' }).focus();
  await user.keyboard('{Enter}');
  await waitFor(() => expect(historyRows()).toHaveLength(50));
  expect(later.isConnected).toBe(false);
  const notice = screen.getByTestId('history-notice');
  await waitFor(() => expect(document.activeElement).toBe(notice));
  expect(text(notice)).toMatch(/^Retry/);
});

test('exports the loaded rows as CSV with proper escaping', async () => {
  const items: HistoryItem[] = [
    {
      id: 'h-2',
      at: '2026-11-24T08:30:00.000Z',
      accountId: 'demo-alice',
      recordId: 12,
      issueKey: 'DEMO-1',
      worklogId: '10001',
      outcome: 'created',
      message: null,
      code: null,
      jobId: 'job-000001',
      timeSpentSeconds: 5400,
      runId: 'job-000001',
      workStart: '2026-11-24T08:00:00.000Z',
      workSeconds: 5520,
      notes: 'Pairing, then review',
      issueSummary: 'Set up the login page',
    },
    {
      id: 'h-1',
      at: '2026-11-23T23:15:00.000Z',
      accountId: 'demo-alice',
      recordId: 13,
      issueKey: null,
      worklogId: null,
      outcome: 'failed',
      message: 'Jira said "no", twice\nthen gave up',
      code: 'jira-error',
      jobId: null,
      timeSpentSeconds: null,
    },
    {
      id: 'h-0',
      at: '2026-11-23T07:00:00.000Z',
      accountId: 'demo-alice',
      recordId: 14,
      issueKey: 'DEMO-2',
      worklogId: null,
      outcome: 'skipped',
      message: '=HYPERLINK("http://x")',
      code: null,
      jobId: null,
      timeSpentSeconds: null,
    },
  ];
  const { user } = await openHistory(new FakeBackend({ history: items }));
  await user.click(screen.getByRole('button', { name: 'Export CSV (3)' }));
  await waitFor(() => expect(shim.downloads).toHaveLength(1));
  expect(shim.downloads[0]!.name).toBe('timecard-history-2026-10-27-2026-11-25.csv');
  expect(shim.downloads[0]!.text).toBe(
    '\uFEFF' +
      'Work start,Notes,Issue,Issue summary,Duration (seconds),Logged (seconds),Outcome,Message,Synced at,Synced at (UTC),Record,Worklog,Run,Code\r\n' +
      '2026-11-24 09:00:00,"Pairing, then review",DEMO-1,Set up the login page,5520,5400,created,,2026-11-24 09:30:00,2026-11-24T08:30:00.000Z,12,10001,job-000001,\r\n' +
      ',,,,,,failed,"Jira said ""no"", twice\nthen gave up",2026-11-24 00:15:00,2026-11-23T23:15:00.000Z,13,,,jira-error\r\n' +
      `,,DEMO-2,,,,skipped,"'=HYPERLINK(""http://x"")",2026-11-23 08:00:00,2026-11-23T07:00:00.000Z,14,,,\r\n`,
  );
  // the same text as the pure function, which the page uses
  expect(shim.downloads[0]!.text).toBe('\uFEFF' + historyCsv(items, 'Europe/Berlin'));
});

test('csv fields: quoting, doubled quotes, CR/LF, edge spaces, formulas, empty values', () => {
  expect(csvField('plain')).toBe('plain');
  expect(csvField('a,b')).toBe('"a,b"');
  expect(csvField('say "hi"')).toBe('"say ""hi"""');
  expect(csvField('line1\r\nline2')).toBe('"line1\r\nline2"');
  expect(csvField(' padded')).toBe('" padded"');
  expect(csvField('=1+1')).toBe("'=1+1");
  expect(csvField('-5 min')).toBe("'-5 min");
  expect(csvField('@sum')).toBe("'@sum");
  expect(csvField(-5)).toBe('-5');
  expect(csvField(null)).toBe('');
  expect(csvField(undefined)).toBe('');
  expect(csvField(0)).toBe('0');
  expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  backend = new FakeBackend();
});

test('a retry reloads the records, so the Records tab shows the new state', async () => {
  const { user } = await openHistory(new FakeBackend({ history: [FAILED_ON_MISSING_ISSUE] }));
  backend.failingIssues.clear();
  const listed = backend.callsOf('listRecords').length;
  await user.click(within(historyRows()[0]!).getByRole('button', { name: 'Retry' }));
  await screen.findByText('Record 8: created (worklog 6000)');
  await waitFor(() => expect(backend.callsOf('listRecords')).toHaveLength(listed + 1));

  await user.click(screen.getByRole('tab', { name: 'Records' }));
  await waitForRecords();
  expect(text(rowOf(8))).toContain('Synced');
});

test('CSV export fetches every matching entry with the cursor, not only the loaded page', async () => {
  const { user } = await openHistory(new FakeBackend({ history: historyItems(260) }));
  // last 30 days: one entry an hour from 25 Nov back, so 260 entries all match
  expect(historyRows()).toHaveLength(50);
  const gate: { open: () => void } = { open: () => undefined };
  const invoke = backend.invoke.bind(backend);
  backend.invoke = async (key, payload) => {
    if (key === 'getSyncHistory' && (payload as { cursor?: string }).cursor === '150') await new Promise<void>((r) => (gate.open = r));
    return invoke(key, payload);
  };
  await user.click(screen.getByRole('button', { name: 'Export CSV (50+)' }));
  // progress while the pages come in
  await screen.findByRole('button', { name: 'Exporting… 150' });
  gate.open();
  await waitFor(() => expect(shim.downloads).toHaveLength(1));
  expect(backend.callsOf('getSyncHistory').slice(1)).toEqual([
    { limit: 100, from: '2026-10-27', to: '2026-11-25', cursor: '50' },
    { limit: 100, from: '2026-10-27', to: '2026-11-25', cursor: '150' },
    { limit: 100, from: '2026-10-27', to: '2026-11-25', cursor: '250' },
  ]);
  const lines = shim.downloads[0]!.text.trim().split('\r\n');
  expect(lines).toHaveLength(1 + 260);
  const recordColumn = lines[0]!.split(',').indexOf('Record');
  expect(new Set(lines.slice(1).map((l) => l.split(',')[recordColumn])).size).toBe(260);
  // the table keeps its page; the button is back
  expect(historyRows()).toHaveLength(50);
  expect(screen.getByRole('button', { name: 'Export CSV (50+)' })).toBeTruthy();
});
