import { adf } from '../../../emulators/jira/testkit';
import { conflictVersions, editedParts, seenOf } from '../../../src/domain/conflict';
import { commentHash } from '../../../src/domain/hash';
import { deriveStatus, type SyncState } from '../../../src/domain/status';
import { changeFromEvent } from '../../../src/services/worklogEvents';

const sent: SyncState = {
  recordId: 42,
  state: 'synced',
  attemptId: 'a1',
  issueKey: 'PAY-12',
  worklogId: '100028',
  hash: 'h1',
  recordHash: 'r1',
  sentSeconds: 3600,
  sentStarted: '2026-11-24T08:30:00.000Z',
  sentCommentHash: commentHash(adf('Reports')),
  updatedAt: '2026-11-24T12:00:00.000Z',
};

describe('what Jira holds compared with what was sent', () => {
  test('the same instant in another zone and the same comment are not an edit', () => {
    expect(editedParts(sent, seenOf({ started: '2026-11-24T00:30:00.000-0800', timeSpentSeconds: 3600, comment: adf('Reports') }))).toEqual([]);
  });

  test('time, start and comment are told apart', () => {
    const seen = seenOf({ started: '2026-11-24T09:00:00.000+0000', timeSpentSeconds: 1800, comment: adf('Other') });
    expect(editedParts(sent, seen)).toEqual(['time', 'start', 'comment']);
    expect(seen.commentText).toBe('Other');
  });
});

describe('the status from what Jira told the app (no read this time)', () => {
  const base = { check: { kind: 'ok', durationSeconds: 3600 } as const, tooShort: false, currentHash: 'h1', currentRecordHash: 'r1' };

  test('a deletion mark reads deleted in Jira; an edit mark edited in Jira', () => {
    expect(deriveStatus({ ...base, state: { ...sent, jira: { change: 'deleted', at: 'now' } } }).status).toBe('deleted-in-jira');
    const edited = {
      change: 'edited' as const,
      at: 'now',
      worklog: seenOf({ started: sent.sentStarted!, timeSpentSeconds: 60, comment: adf('Reports') }),
    };
    expect(deriveStatus({ ...base, state: { ...sent, jira: edited } }).status).toBe('edited-in-jira');
    // With the record changed in the timecard as well: a conflict.
    expect(deriveStatus({ ...base, currentHash: 'h2', currentRecordHash: 'r2', state: { ...sent, jira: edited } }).status).toBe('conflict');
  });

  test('what Jira holds when read wins over the mark', () => {
    const observed = { started: sent.sentStarted!, timeSpentSeconds: 3600, commentHash: sent.sentCommentHash };
    expect(deriveStatus({ ...base, observed, state: { ...sent, jira: { change: 'deleted', at: 'now' } } }).status).toBe('synced');
  });

  test('settings changed (the record as it was) with an edit in Jira is no conflict', () => {
    const observed = { started: sent.sentStarted!, timeSpentSeconds: 60 };
    expect(deriveStatus({ ...base, currentHash: 'h2', observed, state: sent }).status).toBe('edited-in-jira');
  });
});

test('both versions side by side, as UTC instants and plain text', () => {
  expect(
    conflictVersions(
      { started: '2026-11-24T00:30:00.000-0800', timeSpentSeconds: 1800, commentText: 'Jira text' },
      { started: '2026-11-24T08:30:00.000+0000', timeSpentSeconds: 3600, comment: adf('Timecard text') },
    ),
  ).toEqual({
    jira: { started: '2026-11-24T08:30:00.000Z', seconds: 1800, comment: 'Jira text' },
    timecard: { started: '2026-11-24T08:30:00.000Z', seconds: 3600, comment: 'Timecard text' },
  });
});

describe('a Forge worklog event as a change', () => {
  test('updated and deleted events, numeric or string ids, who did it', () => {
    expect(changeFromEvent({ eventType: 'avi:jira:deleted:worklog', atlassianId: 'ada', worklog: { id: 100028, issueId: '10001' } })).toEqual({
      kind: 'deleted',
      worklogId: '100028',
      by: 'ada',
    });
    expect(
      changeFromEvent({ eventType: 'avi:jira:updated:worklog', worklog: { id: '7', started: '2026-11-24T08:30:00.000+0000', timeSpentSeconds: 60 } }),
    ).toEqual({
      kind: 'updated',
      worklogId: '7',
      worklog: { started: '2026-11-24T08:30:00.000+0000', timeSpentSeconds: 60, comment: undefined },
    });
  });

  test('a comment in Atlassian Document Format is kept; one as plain text is left out (it cannot be compared)', () => {
    const event = (comment: unknown) =>
      changeFromEvent({
        eventType: 'avi:jira:updated:worklog',
        worklog: { id: '7', started: '2026-11-24T08:30:00.000+0000', timeSpentSeconds: 3600, comment },
      });
    expect(event(adf('Reports'))).toMatchObject({ worklog: { comment: adf('Reports') } });
    const plain = event('Reports');
    expect(plain).toMatchObject({ kind: 'updated', worklog: { comment: undefined } });
    // The app's own write, delivered with a plain-text comment, is no edit.
    expect(editedParts(sent, seenOf((plain as { worklog: { started: string; timeSpentSeconds: number } }).worklog))).toEqual([]);
  });

  test.each([
    null,
    'x',
    {},
    { eventType: 'avi:jira:created:worklog', worklog: { id: '7' } },
    { eventType: 'avi:jira:updated:worklog', worklog: { id: '7' } },
    { eventType: 'avi:jira:deleted:worklog', worklog: { id: 'abc' } },
  ])('anything else is ignored: %j', (event) => expect(changeFromEvent(event)).toBeNull());
});
