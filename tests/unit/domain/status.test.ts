import type { RecordCheck } from '../../../src/domain/record';
import { deriveStatus, type ObservedWorklog, type StatusInput, type SyncState } from '../../../src/domain/status';
import type { RecordStatus } from '../../../src/shared/contract';

const ok: RecordCheck = { kind: 'ok', durationSeconds: 5700 };
const synced: SyncState = {
  recordId: 42,
  state: 'synced',
  attemptId: 'a1',
  issueKey: 'PAY-12',
  worklogId: '100028',
  hash: 'h1',
  sentSeconds: 5700,
  sentStarted: '2026-11-24T08:30:00.000+0000',
  updatedAt: '2026-11-24T12:00:00.000Z',
};
/** A state written with the record's own fingerprint (recordHash) kept apart from the worklog's. */
const withRecord: SyncState = { ...synced, recordHash: 'r1' };
const pending: SyncState = { recordId: 42, state: 'pending', attemptId: 'a2', issueKey: 'PAY-12', updatedAt: '2026-11-24T12:00:00.000Z' };
const failed: SyncState = { ...pending, state: 'failed', message: "You don't have permission to log work on PAY-12.", code: 'no-permission' };
const sameInJira: ObservedWorklog = { timeSpentSeconds: 5700, started: '2026-11-24T00:30:00.000-0800' };

const input = (overrides: Partial<StatusInput>): StatusInput => ({ check: ok, tooShort: false, currentHash: 'h1', ...overrides });

describe('deriveStatus', () => {
  it.each<[string, Partial<StatusInput>, RecordStatus, RegExp | undefined]>([
    ['running', { check: { kind: 'running' } }, 'running', /still running/],
    ['running even if synced before', { check: { kind: 'running' }, state: synced }, 'running', /still running/],
    ['invalid', { check: { kind: 'invalid', reason: 'The record starts in the future.' } }, 'failed', /^The record starts in the future\.$/],
    ['never synced', {}, 'not-synced', undefined],
    ['never synced, no issue', { currentHash: null }, 'not-synced', undefined],
    ['too short', { tooShort: true, minimumSeconds: 300 }, 'too-short', /minimum of 5m/],
    ['too short, minimum unknown', { tooShort: true }, 'too-short', /minimum/],
    ['synced', { state: synced }, 'synced', undefined],
    ['synced, checked in Jira and the same instant', { state: synced, observed: sameInJira }, 'synced', undefined],
    ['synced, hash unknown', { state: synced, currentHash: null }, 'synced', undefined],
    ['synced but now too short stays synced', { state: synced, tooShort: true }, 'synced', undefined],
    ['changed in the timecard', { state: withRecord, currentHash: 'h2', currentRecordHash: 'r2' }, 'changed', /changed in your timecard/],
    [
      'settings changed, the record did not',
      { state: withRecord, currentHash: 'h2', currentRecordHash: 'r1' },
      'settings-changed',
      /settings .*changed since this was logged.*Re-sync/,
    ],
    [
      'settings changed and nothing else: not "changed in your timecard"',
      { state: withRecord, currentHash: 'h2', currentRecordHash: 'r1' },
      'settings-changed',
      /^(?!.*in your timecard)/,
    ],
    ['same worklog, record fingerprint unknown now', { state: withRecord, currentHash: 'h1', currentRecordHash: null }, 'synced', undefined],
    [
      'logged before the record fingerprint was kept: says either may have changed',
      { state: synced, currentHash: 'h2', currentRecordHash: 'r1' },
      'changed',
      /record or the project's settings changed/,
    ],
    [
      'settings changed but the worklog was edited in Jira',
      { state: withRecord, currentHash: 'h2', currentRecordHash: 'r1', observed: { ...sameInJira, timeSpentSeconds: 60 } },
      'edited-in-jira',
      /edited/,
    ],
    ['changed and now too short is still changed', { state: synced, currentHash: 'h2', tooShort: true }, 'changed', /changed/],
    ['deleted in Jira', { state: synced, observed: 'missing' }, 'deleted-in-jira', /deleted in Jira/],
    ['deleted in Jira beats changed', { state: synced, observed: 'missing', currentHash: 'h2' }, 'deleted-in-jira', /deleted/],
    ['time edited in Jira', { state: synced, observed: { ...sameInJira, timeSpentSeconds: 3600 } }, 'edited-in-jira', /1h instead of 1h 35m/],
    ['start edited in Jira', { state: synced, observed: { ...sameInJira, started: '2026-11-24T10:30:00.000+0100' } }, 'edited-in-jira', /start time/],
    [
      'same start rendered in another zone',
      { state: synced, observed: { ...sameInJira, started: '2026-11-24T09:30:00.000+0100' } },
      'synced',
      undefined,
    ],
    [
      'both edited in Jira',
      { state: synced, observed: { timeSpentSeconds: 60, started: '2026-11-24T08:00:00Z' } },
      'edited-in-jira',
      /1m instead of 1h 35m and its start time/,
    ],
    [
      'edited in Jira beats changed',
      { state: synced, currentHash: 'h2', observed: { ...sameInJira, timeSpentSeconds: 60 } },
      'edited-in-jira',
      /edited/,
    ],
    ['not checked in Jira', { state: synced, observed: undefined }, 'synced', undefined],
    ['failed', { state: failed }, 'failed', /permission to log work on PAY-12/],
    ['failed without a message', { state: { ...failed, message: undefined } }, 'failed', /failed/],
    ['pending', { state: pending }, 'not-synced', /did not finish.*checks Jira first/],
    ['pending and too short', { state: pending, tooShort: true }, 'not-synced', /did not finish/],
  ])('%s', (_name, overrides, status, message) => {
    const result = deriveStatus(input(overrides));
    expect(result.status).toBe(status);
    if (message) expect(result.message).toMatch(message);
    else expect(result.message).toBeUndefined();
  });
});
