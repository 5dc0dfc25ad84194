// The issue panel against a stubbed resolver: every state and control, with exact payloads.
// (tests/ui/issuePanel.world.test.tsx runs the same surface against the real resolver.)
import { bridge, issuePanelContext, render, setupBridge, textOf, type Screen } from '../support/forgeBridge';
import React from 'react';
import { App } from '../../src/frontend/issue-panel/App';
import { GLOBAL_PAGE_MODULE_KEY } from '../../src/frontend/common/navigation';
import { messages } from '../../src/frontend/common/messages';
import { NOT_ATTEMPTED_CODE, RECORD_STATUSES, type RecordView, type Result } from '../../src/shared/contract';
import { deferred, panel, record } from './stubs';
import { lozenge, openDetails, part, recordList, row, rowButtons } from './panelHelpers';

type Handler = (key: string, payload: Record<string, unknown>) => unknown;

function stub(handlers: Record<string, Handler>) {
  return jest.fn(async (key: string, payload: Record<string, unknown>) => {
    const handler = handlers[key];
    if (!handler) throw new Error(`unexpected invoke ${key}`);
    return handler(key, payload);
  });
}

async function open(
  data: Result<'getIssuePanel'> | (() => unknown),
  handlers: Record<string, Handler> = {},
  context = issuePanelContext(),
): Promise<Screen> {
  setupBridge({ context, invoke: stub({ getIssuePanel: typeof data === 'function' ? data : () => data, ...handlers }) });
  const screen = await render(
    <React.StrictMode>
      <App />
    </React.StrictMode>,
  );
  await screen.waitFor(() => screen.byType('Spinner').length === 0, { what: 'first paint' });
  return screen;
}

const rowButton = (screen: Screen, id: number, label: string) => screen.button(label, row(screen, id));

describe('issue panel, first paint', () => {
  test('shows a spinner, makes exactly one call (StrictMode included), then the table', async () => {
    const answer = deferred<Result<'getIssuePanel'>>();
    setupBridge({ invoke: stub({ getIssuePanel: () => answer.promise }) });
    const screen = await render(
      <React.StrictMode>
        <App />
      </React.StrictMode>,
    );
    expect(screen.byType('Spinner')).toHaveLength(1);
    expect(screen.byType('Spinner')[0].props.label).toBe(messages.common.loading);
    answer.resolve(panel([record({ id: 1 })]));
    await screen.waitFor(() => recordList(screen) !== undefined);
    expect(bridge.invokes.map((c) => c.functionKey)).toEqual(['getIssuePanel']);
    expect(bridge.invokes[0].payload).toEqual({});
    // One row per record: day and time, duration → will log, status, one primary action, details on demand.
    const item = row(screen, 1);
    expect(item.props.role).toBe('listitem');
    expect(part(screen, 1, 'when')).not.toBe('');
    expect(part(screen, 1, 'duration')).toBe('1h 30m');
    expect(part(screen, 1, 'will-log')).toBe('1h 30m');
    expect(textOf(screen.get((n) => n.props.testId === 'record-1-status', 'status'))).toBe(messages.status['not-synced']);
    expect(screen.all((n) => n.type === 'LoadingButton', item).map(textOf)).toEqual(['Log']);
    expect(screen.find((n) => n.props.testId === 'record-1-details')).toBeUndefined();
    await openDetails(screen, 1);
    expect(part(screen, 1, 'notes')).toBe('Work on record 1');
    expect(screen.buttons(messages.panel.hideDetails, row(screen, 1))).toHaveLength(1);
  });

  test('not connected: a short explanation and one button that opens the global page', async () => {
    const screen = await open(panel([], { connected: false }));
    expect(screen.hasText(messages.panel.notConnectedTitle)).toBe(true);
    expect(recordList(screen)).toBeUndefined();
    expect(screen.buttons(/.*/)).toHaveLength(1);
    await screen.click(screen.button(messages.common.openTimecardPage));
    expect(bridge.navigations).toEqual([{ target: 'module', moduleKey: GLOBAL_PAGE_MODULE_KEY, type: 'same-tab' }]);
  });

  test('an error shows its message with Retry, and Retry calls again', async () => {
    let calls = 0;
    const screen = await open(() => {
      calls += 1;
      return calls === 1 ? { error: { code: 'server-unreachable', message: 'The timecard server does not answer.' } } : panel([record({ id: 1 })]);
    });
    const section = screen.get((n) => n.type === 'SectionMessage' && n.props.appearance === 'error', 'error message');
    expect(textOf(section)).toContain('The timecard server does not answer.');
    await screen.click(screen.button(messages.common.retry));
    await screen.waitFor(() => recordList(screen) !== undefined);
    expect(bridge.invokesOf('getIssuePanel')).toHaveLength(2);
  });

  test('reconnect-timecard leads to the global page instead of Retry', async () => {
    const screen = await open(() => ({ error: { code: 'reconnect-timecard', message: 'Sign in again.' } }));
    expect(screen.hasText(messages.common.reconnectTitle)).toBe(true);
    expect(screen.buttons(messages.common.retry)).toHaveLength(0);
    await screen.click(screen.button(messages.common.openTimecardPage));
    expect(bridge.navigations).toHaveLength(1);
  });

  test('empty: says so for the period and explains how to link', async () => {
    const screen = await open(panel([], { days: 7 }));
    const empty = screen.get((n) => n.type === 'EmptyState', 'EmptyState');
    expect(empty.props.header).toBe(messages.panel.emptyTitle(7));
    expect(empty.props.description).toBe(messages.panel.emptyHint('DEMO-1'));
    expect(empty.props.description).toContain('DEMO-1');
  });
});

describe('issue panel, rows', () => {
  test('day and times in the person’s zone, durations, will-log, notes, link source', async () => {
    const late = record({
      id: 1,
      start: '2026-11-24T22:30:00.000Z',
      end: '2026-11-24T23:45:00.000Z',
      durationSeconds: 4500,
      roundedSeconds: 5400,
      notes: 'Late fix',
    });
    const open1 = await open(panel([late], { timeZone: 'Europe/Berlin' }));
    expect(part(open1, 1, 'when')).toBe('Tue 24 Nov 23:30–00:45 (+1 day)');
    expect(part(open1, 1, 'duration')).toBe('1h 15m');
    expect(part(open1, 1, 'will-log')).toBe('1h 30m');
    await openDetails(open1, 1);
    expect(part(open1, 1, 'notes')).toBe('Late fix');
    expect(part(open1, 1, 'link')).toBe(messages.linkSource.timecard);

    const ny = await open(panel([late], { timeZone: 'America/New_York' }), {}, issuePanelContext({ locale: 'en-US' }));
    expect(part(ny, 1, 'when')).toMatch(/^Tue, Nov 24 05:30\s?PM–06:45\s?PM$/);
  });

  test('a long list shows 20 rows first, then 20 more at a time', async () => {
    const records = Array.from({ length: 45 }, (_, i) => record({ id: i + 1 }));
    const screen = await open(panel(records));
    const rows = () => screen.all((n) => n.props.role === 'listitem').length;
    expect(rows()).toBe(20);
    await screen.click(screen.button(messages.panel.showMore(20, 25)));
    expect(rows()).toBe(40);
    await screen.click(screen.button(messages.panel.showMore(5, 5)));
    expect(rows()).toBe(45);
    expect(screen.buttons(/^Show \d+ more/)).toHaveLength(0);
  });

  test('falls back to the context time zone when the result has none', async () => {
    const r = record({ id: 1, start: '2026-11-24T08:00:00.000Z', end: '2026-11-24T09:00:00.000Z' });
    const screen = await open(panel([r], { timeZone: '' }), {}, issuePanelContext({ timezone: 'Asia/Tokyo' }));
    await screen.waitFor(() => part(screen, 1, 'when') === 'Tue 24 Nov 17:00–18:00', { what: 'Tokyo times' });
  });

  test('a lozenge for each status, its message, and the actions it allows', async () => {
    const records: RecordView[] = RECORD_STATUSES.map((status, i) =>
      record({
        id: i + 1,
        status,
        message: `message for ${status}`,
        end: status === 'running' ? null : '2026-11-24T09:30:00.000Z',
        roundedSeconds: status === 'running' || status === 'too-short' ? null : 5400,
        worklogId: ['synced', 'changed', 'edited-in-jira', 'settings-changed'].includes(status) ? `wl-${i}` : undefined,
        loggedSeconds: ['synced', 'changed', 'edited-in-jira', 'settings-changed'].includes(status) ? 5400 : 0,
      }),
    );
    const screen = await open(panel(records));
    const expected: Record<string, string[]> = {
      'not-synced': ['Log'],
      synced: ['Unlog'],
      changed: ['Re-sync', 'Unlog'],
      failed: ['Log'],
      running: [],
      'too-short': [],
      'deleted-in-jira': ['Log'],
      // Re-sync writes the timecard's version again; "Keep Jira's" makes Jira's edit the new baseline.
      'edited-in-jira': ['Re-sync', "Keep Jira's", 'Unlog'],
      'settings-changed': ['Re-sync', 'Unlog'],
      // Another person's worklog (written by the timecard's own Jira sync): nothing to do here.
      'logged-by-someone-else': [],
      // The person's choice, shown in the row; unlog stays in the details.
      conflict: ["Keep the timecard's", "Keep Jira's", 'Unlog'],
      'deleted-in-timecard': ['Remove the worklog', 'Keep it'],
    };
    for (const [i, status] of RECORD_STATUSES.entries()) {
      const lozenge = screen.get((n) => n.type === 'Lozenge', 'lozenge', row(screen, i + 1));
      expect(textOf(lozenge)).toBe(messages.status[status]);
      expect((await rowButtons(screen, i + 1)).map((b) => textOf(b))).toEqual(expected[status]);
      expect(textOf(row(screen, i + 1))).toContain(`message for ${status}`);
    }
    expect(part(screen, 5, 'will-log')).toBe(messages.common.notAvailable);
    expect(part(screen, 5, 'when')).toContain(messages.panel.running);
  });

  test('"Will log" is empty for records that will not be logged as they are (running, too short)', async () => {
    const screen = await open(
      panel([
        record({ id: 1, roundedSeconds: 1800 }),
        record({ id: 2, status: 'running', end: null, roundedSeconds: 1800 }),
        record({ id: 3, status: 'too-short', durationSeconds: 30, roundedSeconds: 60 }),
      ]),
    );
    expect(part(screen, 1, 'will-log')).toBe('30m');
    expect(part(screen, 2, 'will-log')).toBe(messages.common.notAvailable);
    expect(part(screen, 3, 'will-log')).toBe(messages.common.notAvailable);
    // the same duration words as the global page (src/domain/duration.ts)
    expect(part(screen, 3, 'duration')).toBe('30s');
  });

  test('suggested rows offer Accept and log (or only Link here); rows linked here offer Unlink until logged', async () => {
    const screen = await open(
      panel([
        record({ id: 1, linkSource: 'suggested', issueKey: null }),
        record({ id: 2, linkSource: 'jira' }),
        record({ id: 3, linkSource: 'jira', status: 'synced', worklogId: '9', loggedSeconds: 5400 }),
      ]),
    );
    expect((await rowButtons(screen, 1)).map(textOf)).toEqual(['Accept and log', 'Link here']);
    expect((await rowButtons(screen, 2)).map(textOf)).toEqual(['Log', 'Unlink']);
    expect((await rowButtons(screen, 3)).map(textOf)).toEqual(['Unlog']);
    expect(part(screen, 1, 'link')).toBe(messages.linkSource.suggested);
    expect(part(screen, 2, 'link')).toBe(messages.linkSource.jira);

    // Without the right to log work, a suggestion can still be accepted (linked), not logged.
    const readOnly = await open(panel([record({ id: 1, linkSource: 'suggested', issueKey: null })], { canLogWork: false }));
    expect((await rowButtons(readOnly, 1)).map(textOf)).toEqual(['Link here']);
  });

  test('Accept and log links the suggestion here and logs it in one call; the row becomes a link', async () => {
    const suggestion = record({ id: 1, linkSource: 'suggested', issueKey: 'DEMO-1' });
    const screen = await open(panel([suggestion]), {
      syncRecords: () => ({
        results: [
          {
            recordId: 1,
            outcome: 'created',
            worklogId: '70',
            record: { ...suggestion, linkSource: 'jira', status: 'synced', worklogId: '70', loggedSeconds: 5400 },
          },
        ],
      }),
    });
    expect(rowButton(screen, 1, 'Accept and log').props.appearance).toBe('primary');
    await screen.click(rowButton(screen, 1, 'Accept and log'));
    await screen.waitFor(() => lozenge(screen, 1) === messages.status.synced);
    expect(bridge.invokesOf('syncRecords').map((c) => c.payload)).toEqual([{ recordIds: [1], issueKey: 'DEMO-1' }]);
    expect((await rowButtons(screen, 1)).map(textOf)).toEqual(['Unlog']);
    expect(part(screen, 1, 'link')).toBe(messages.linkSource.jira);
  });

  test('without permission to log work: no write actions, the server’s warning shown', async () => {
    const screen = await open(panel([record({ id: 1 })], { canLogWork: false, warnings: ["You don't have permission to log work on DEMO-1."] }));
    expect(screen.hasText("You don't have permission to log work on DEMO-1.")).toBe(true);
    expect(await rowButtons(screen, 1)).toHaveLength(0);
    expect(screen.buttons(/^Log all/)).toHaveLength(0);
  });

  test('project disabled: says so and offers no logging', async () => {
    const screen = await open(
      panel([record({ id: 1 })], { settings: { enabled: false, roundingMode: 'nearest', roundingIncrementMinutes: 1, minimumSeconds: 60 } }),
    );
    expect(screen.hasText(messages.panel.projectDisabled)).toBe(true);
    expect(await rowButtons(screen, 1)).toHaveLength(0);
  });
});

describe('issue panel, row actions', () => {
  test('Log: the button loads and locks its row, a double press sends one call, the row updates in place', async () => {
    const answer = deferred<Result<'syncRecords'>>();
    const first = record({ id: 1 });
    const second = record({ id: 2, notes: 'other' });
    const screen = await open(panel([first, second]), { syncRecords: () => answer.promise });
    const logButton = rowButton(screen, 1, 'Log');
    await screen.click(logButton);
    await screen.click(logButton);
    expect(bridge.invokesOf('syncRecords')).toHaveLength(1);
    expect(bridge.invokesOf('syncRecords')[0].payload).toEqual({ recordIds: [1] });
    const loading = rowButton(screen, 1, 'Log');
    expect(loading.props.isLoading).toBe(true);
    expect(loading.props.isDisabled).toBe(true);
    expect(rowButton(screen, 2, 'Log').props.isDisabled).toBe(false);

    const synced = { ...first, status: 'synced' as const, loggedSeconds: 5400, worklogId: '700' };
    answer.resolve({ results: [{ recordId: 1, outcome: 'created', worklogId: '700', record: synced }] });
    await screen.waitFor(() => lozenge(screen, 1) === messages.status.synced);
    expect(screen.all((n) => n.props.role === 'listitem').map((n) => n.props.testId)).toEqual(['record-1', 'record-2']);
    expect((await rowButtons(screen, 1)).map(textOf)).toEqual(['Unlog']);
    expect(screen.hasText(messages.panel.totalsLogged('1h 30m'))).toBe(true);
    expect(screen.hasText(messages.panel.totalsNotLogged('1h 30m'))).toBe(true);
    expect(bridge.invokesOf('getIssuePanel')).toHaveLength(1);
  });

  test('a failed sync shows its reason on the row', async () => {
    const failedRecord = record({ id: 1, status: 'failed', message: 'Jira refused: time tracking is off.' });
    const screen = await open(panel([record({ id: 1 })]), {
      syncRecords: () => ({
        results: [
          { recordId: 1, outcome: 'failed', code: 'time-tracking-disabled', message: 'Jira refused: time tracking is off.', record: failedRecord },
        ],
      }),
    });
    await screen.click(rowButton(screen, 1, 'Log'));
    await screen.waitForText('Jira refused: time tracking is off.');
    expect(lozenge(screen, 1)).toBe(messages.status.failed);
  });

  test('an action error shows on the row and above the table; not-connected leads to reconnect', async () => {
    const screen = await open(panel([record({ id: 1 })]), {
      syncRecords: () => ({ error: { code: 'reconnect-timecard', message: 'Your timecard sign-in expired.' } }),
    });
    await screen.click(rowButton(screen, 1, 'Log'));
    await screen.waitForText('Your timecard sign-in expired.');
    expect(screen.hasText(messages.common.reconnectTitle)).toBe(true);
    expect(rowButton(screen, 1, 'Log').props.isLoading).toBe(false);
  });

  test('Re-sync sends the record and takes the updated row', async () => {
    const changed = record({ id: 1, status: 'changed', worklogId: '5', loggedSeconds: 3600 });
    const screen = await open(panel([changed]), {
      syncRecords: () => ({
        results: [{ recordId: 1, outcome: 'updated', record: { ...changed, status: 'synced', loggedSeconds: 5400, message: undefined } }],
      }),
    });
    await screen.click(rowButton(screen, 1, 'Re-sync'));
    await screen.waitFor(() => lozenge(screen, 1) === messages.status.synced);
    expect(bridge.invokesOf('syncRecords')[0].payload).toEqual({ recordIds: [1] });
  });

  test('Unlog asks first (it deletes the worklog in Jira); Cancel sends nothing, confirm calls unsyncRecord', async () => {
    const synced = record({ id: 1, status: 'synced', worklogId: '5', loggedSeconds: 5400 });
    const screen = await open(panel([synced]), {
      unsyncRecord: () => ({ record: { ...synced, status: 'not-synced', loggedSeconds: 0, worklogId: undefined } }),
    });
    await openDetails(screen, 1);
    await screen.click(rowButton(screen, 1, 'Unlog'));
    const modal = screen.get((n) => n.type === 'Modal', 'modal');
    expect(textOf(modal)).toContain(messages.panel.unlogTitle);
    expect(textOf(modal)).toContain('This deletes the worklog in Jira (1h 30m)');
    await screen.click(screen.button(messages.common.cancel, modal));
    expect(screen.byType('Modal')).toHaveLength(0);
    expect(bridge.invokesOf('unsyncRecord')).toHaveLength(0);

    await screen.click(rowButton(screen, 1, 'Unlog'));
    await screen.click(screen.button(messages.panel.unlogConfirm));
    await screen.waitFor(() => lozenge(screen, 1) === messages.status['not-synced']);
    expect(bridge.invokesOf('unsyncRecord').map((c) => c.payload)).toEqual([{ recordId: 1 }]);
  });

  test('Link here links the suggestion to this issue; Unlink sends null', async () => {
    const suggestion = record({ id: 1, linkSource: 'suggested', issueKey: null });
    const linkedHere = record({ id: 2, linkSource: 'jira' });
    const screen = await open(panel([suggestion, linkedHere]), {
      linkRecord: (_key, payload) =>
        payload.issueKey
          ? { record: { ...suggestion, linkSource: 'jira', issueKey: 'DEMO-1' } }
          : { record: { ...linkedHere, linkSource: null, issueKey: null } },
    });
    await openDetails(screen, 1);
    await screen.click(rowButton(screen, 1, 'Link here'));
    await screen.waitFor(() => part(screen, 1, 'link') === messages.linkSource.jira);
    expect((await rowButtons(screen, 1)).map(textOf)).toEqual(['Log', 'Unlink']);
    await openDetails(screen, 2);
    await screen.click(rowButton(screen, 2, 'Unlink'));
    await screen.waitFor(() => part(screen, 2, 'link') === messages.linkSource.none);
    expect(bridge.invokesOf('linkRecord').map((c) => c.payload)).toEqual([
      { recordId: 1, issueKey: 'DEMO-1' },
      { recordId: 2, issueKey: null },
    ]);
  });
});

describe('issue panel, toolbar', () => {
  test('period select re-invokes getIssuePanel with days', async () => {
    const screen = await open(
      (() => {
        let n = 0;
        return () => panel([record({ id: 1 })], { days: n++ === 0 ? 30 : 7 });
      })(),
    );
    const select = screen.field(messages.panel.periodLabel);
    expect(select.type).toBe('Select');
    expect(select.props.value.value).toBe(30);
    await screen.change(select, 7);
    await screen.waitFor(() => bridge.invokesOf('getIssuePanel').length === 2);
    expect(bridge.invokesOf('getIssuePanel')[1].payload).toEqual({ days: 7 });
    await screen.waitFor(() => screen.field(messages.panel.periodLabel).props.value.value === 7);
  });

  test('Log all: confirmation says what is created, chunks of 10 without issueKey, progress, summary', async () => {
    const records = Array.from({ length: 120 }, (_, i) => record({ id: i + 1, roundedSeconds: 900, durationSeconds: 840 }));
    records.push(record({ id: 500, status: 'synced', worklogId: '1', loggedSeconds: 900 }));
    records.push(record({ id: 501, linkSource: 'suggested', issueKey: null }));
    // Logged, only the settings changed since: not "not synced", so not in Log all.
    records.push(record({ id: 502, status: 'settings-changed', worklogId: '2', loggedSeconds: 900 }));
    const gates: ReturnType<typeof deferred<void>>[] = [];
    const screen = await open(panel(records), {
      syncRecords: async (_key, payload) => {
        const gate = deferred<void>();
        gates.push(gate);
        await gate.promise;
        const ids = payload.recordIds as number[];
        return {
          results: ids.map((id) =>
            id === 7
              ? { recordId: id, outcome: 'failed', message: 'Issue is closed.' }
              : {
                  recordId: id,
                  outcome: 'created',
                  worklogId: `w${id}`,
                  record: { ...records[id - 1], status: 'synced', loggedSeconds: 900, worklogId: `w${id}` },
                },
          ),
        };
      },
    });
    // The status region is there before anything is said in it (so what appears in it is announced).
    const status = () => screen.get((n) => n.type === 'Box' && n.props.role === 'status', 'the status region');
    expect(textOf(status())).toBe('');
    await screen.click(screen.button(messages.panel.logAll(120)));
    const modal = screen.get((n) => n.type === 'Modal', 'modal');
    expect(textOf(modal)).toContain(messages.panel.logAllBody(120, '30h'));
    await screen.click(screen.button(messages.panel.logAllConfirm(120)));

    await screen.waitFor(() => gates.length === 1);
    expect(screen.hasText(messages.panel.logAllProgress(0, 120))).toBe(true);
    expect(screen.button(messages.panel.logAll(120)).props.isLoading).toBe(true);
    expect(rowButton(screen, 1, 'Log').props.isDisabled).toBe(true);
    gates[0].resolve();
    await screen.waitFor(() => gates.length === 2);
    expect(screen.hasText(messages.panel.logAllProgress(10, 120))).toBe(true);
    for (let call = 1; call < 12; call += 1) {
      await screen.waitFor(() => gates.length === call + 1);
      gates[call].resolve();
    }
    await screen.waitForText(messages.panel.summaryTitle);
    expect(textOf(status())).toContain(messages.panel.summary({ created: 119, updated: 0, unchanged: 0, skipped: 0, failed: 1 }));

    const sent = bridge.invokesOf('syncRecords').map((c) => c.payload);
    expect(sent.map((p) => (p.recordIds as number[]).length)).toEqual(Array(12).fill(10));
    expect(sent.every((p) => !('issueKey' in p))).toBe(true);
    expect(sent.flatMap((p) => p.recordIds as number[])).toEqual(records.slice(0, 120).map((r) => r.id));
    expect(screen.hasText(messages.panel.summary({ created: 119, updated: 0, unchanged: 0, skipped: 0, failed: 1 }))).toBe(true);
    expect(textOf(row(screen, 7))).toContain('Issue is closed.');
    expect(screen.buttons(/^Log all/).map(textOf)).toEqual([messages.panel.logAll(1)]);
  });

  test('Log all stops at a failing call and says how far it got', async () => {
    const records = Array.from({ length: 60 }, (_, i) => record({ id: i + 1 }));
    let calls = 0;
    const screen = await open(panel(records), {
      syncRecords: (_key, payload) => {
        calls += 1;
        if (calls === 2) return { error: { code: 'rate-limited', message: 'Jira is busy; try again in a minute.' } };
        return {
          results: (payload.recordIds as number[]).map((id) => ({
            recordId: id,
            outcome: 'created',
            record: { ...records[id - 1], status: 'synced', loggedSeconds: 5400 },
          })),
        };
      },
    });
    await screen.click(screen.button(messages.panel.logAll(60)));
    await screen.click(screen.button(messages.panel.logAllConfirm(60)));
    // Calls carry 10 records now (was 50), so the second call fails after the first 10.
    await screen.waitForText(messages.panel.summaryStopped(10, 60));
    expect(screen.hasText('Jira is busy; try again in a minute.')).toBe(true);
    expect(screen.buttons(/^Log all/).map(textOf)).toEqual([messages.panel.logAll(50)]);
  });

  test('Log all sends again the records a call did not get to, a few rounds at most; the progress only counts final results', async () => {
    const NOT_STARTED = 'Not synced yet: Jira answered slowly, so this call stopped before this record. Nothing was lost; sync it again.';
    const records = Array.from({ length: 25 }, (_, i) => record({ id: i + 1 }));
    const calls: number[][] = [];
    const gates: ReturnType<typeof deferred<void>>[] = [];
    const created = (id: number) => ({
      recordId: id,
      outcome: 'created',
      worklogId: `w${id}`,
      record: { ...records[id - 1], status: 'synced', loggedSeconds: 5400, worklogId: `w${id}` },
    });
    const notStarted = (id: number) => ({ recordId: id, outcome: 'failed', code: NOT_ATTEMPTED_CODE, message: NOT_STARTED });
    const screen = await open(panel(records), {
      syncRecords: async (_key, payload) => {
        const ids = payload.recordIds as number[];
        calls.push(ids);
        const gate = deferred<void>();
        gates.push(gate);
        await gate.promise;
        return {
          results: ids.map((id) => {
            // A 429 that was attempted and given up is a real failure: it is not sent again.
            if (id === 2)
              return {
                recordId: id,
                outcome: 'failed',
                code: 'rate-limited',
                message: 'Jira asked the app to slow down. It will try again shortly.',
              };
            if (calls.length === 1 && id >= 5) return notStarted(id);
            if (ids.includes(5) && id >= 8) return notStarted(id);
            if (calls.length > 4 && id >= 8) return notStarted(id);
            return created(id);
          }),
        };
      },
    });
    await screen.click(screen.button(messages.panel.logAll(25)));
    await screen.click(screen.button(messages.panel.logAllConfirm(25)));
    const progressAfter: string[] = [];
    for (let call = 0; call < 6; call += 1) {
      await screen.waitFor(() => gates.length === call + 1, { what: `call ${call + 1}` });
      gates[call].resolve();
      if (call < 5) {
        await screen.waitFor(() => gates.length === call + 2, { what: `call ${call + 2}` });
        progressAfter.push(String(Array.from({ length: 26 }, (_, n) => n).find((n) => screen.hasText(messages.panel.logAllProgress(n, 25)))));
      }
    }
    await screen.waitForText(messages.panel.summaryTitle);

    // round 1 in chunks of 10; then the records not started (5–10), twice more the ones still not started (8–10)
    expect(calls).toEqual([
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
      [21, 22, 23, 24, 25],
      [5, 6, 7, 8, 9, 10],
      [8, 9, 10],
      [8, 9, 10],
    ]);
    // done counts only records with a final result: 4 after the first call, not 10
    expect(progressAfter).toEqual(['4', '14', '19', '22', '22']);
    expect(screen.hasText(messages.panel.summary({ created: 21, updated: 0, unchanged: 0, skipped: 0, failed: 4 }))).toBe(true);
    // after the last round the records still not started are reported on their rows
    expect(textOf(row(screen, 9))).toContain(NOT_STARTED);
    expect(textOf(row(screen, 2))).toContain('Jira asked the app to slow down.');
    expect(textOf(row(screen, 5))).not.toContain(NOT_STARTED);
  });
});
