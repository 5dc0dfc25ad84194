// Contract-shaped data for UI tests that do not need the emulator world.
import type { RecordView, Result, Totals } from '../../src/shared/contract';
import { computeTotals } from '../../src/domain/totals';

export function record(overrides: Partial<RecordView> & { id: number }): RecordView {
  return {
    start: '2026-11-24T08:00:00.000Z',
    end: '2026-11-24T09:30:00.000Z',
    durationSeconds: 5400,
    loggedSeconds: 0,
    roundedSeconds: 5400,
    notes: `Work on record ${overrides.id}`,
    issueKey: 'DEMO-1',
    linkSource: 'timecard',
    status: 'not-synced',
    ...overrides,
  };
}

export function panel(records: RecordView[], overrides: Partial<Result<'getIssuePanel'>> = {}): Result<'getIssuePanel'> {
  const totals: Totals = computeTotals(records);
  return {
    connected: true,
    issueKey: 'DEMO-1',
    records,
    totals,
    days: 30,
    timeZone: 'Europe/Berlin',
    settings: { enabled: true, roundingMode: 'nearest', roundingIncrementMinutes: 1, minimumSeconds: 60 },
    canLogWork: true,
    warnings: [],
    unreadable: [],
    ...overrides,
  };
}

export const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
