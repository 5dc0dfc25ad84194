import { computeTotals } from '../../../src/domain/totals';
import type { RecordStatus, RecordView } from '../../../src/shared/contract';

let nextId = 1;
const view = (status: RecordStatus, durationSeconds: number, loggedSeconds = 0, end: string | null = '2026-11-24T10:00:00Z'): RecordView => ({
  id: nextId++,
  start: '2026-11-24T08:00:00Z',
  end,
  durationSeconds,
  loggedSeconds,
  roundedSeconds: durationSeconds,
  notes: '',
  issueKey: 'PAY-12',
  linkSource: 'timecard',
  status,
});

describe('computeTotals', () => {
  it('is all zero for nothing', () => {
    expect(computeTotals([])).toEqual({ count: 0, trackedSeconds: 0, loggedSeconds: 0, notLoggedSeconds: 0, notSyncedCount: 0 });
  });

  it('adds up a mixed day', () => {
    const records = [
      view('synced', 5700, 5700),
      view('synced', 1790, 1800), // rounded up when logged
      view('not-synced', 3600),
      view('changed', 4000, 3600),
      view('changed', 3000, 3600), // shorter now: nothing missing
      view('failed', 600),
      view('deleted-in-jira', 900),
      view('edited-in-jira', 1800, 1200),
      view('too-short', 30),
      view('running', 1200, 0, null),
    ];
    expect(computeTotals(records)).toEqual({
      count: 10,
      trackedSeconds: 5700 + 1790 + 3600 + 4000 + 3000 + 600 + 900 + 1800 + 30,
      loggedSeconds: 5700 + 1800 + 3600 + 3600 + 1200,
      notLoggedSeconds: 3600 + 400 + 0 + 600 + 900 + 600 + 30,
      notSyncedCount: 5,
    });
  });

  it('never counts negative durations of bad records', () => {
    expect(computeTotals([view('failed', -3600)])).toMatchObject({ trackedSeconds: 0, notLoggedSeconds: 0, notSyncedCount: 1 });
  });
});
