import { expectedAfterWrite, keyShown, sameEditableFields, sameRecord, wholeRecordBody } from '../../../src/domain/recordWrite';
import type { TimecardRecord } from '../../../src/domain/record';

const sent = {
  category_id: 2,
  domain_id: 1,
  external_link: 'https://x.test/a',
  id: 7,
  jira_issue_key: null,
  jira_sync_error: 'Token revoked',
  jira_synced: true,
  jira_worklog_id: '10042',
  last_synced_at: '2026-11-20T10:00:00Z',
  notes: 'Fixed PAY-12',
  timein: '2026-11-20T08:00:00Z',
  timeout: '2026-11-20T09:30:00Z',
  title_id: 3,
};

describe('wholeRecordBody', () => {
  test('sends every field as read but timein (kept by the server), the timeout in the PUT form, and the key', () => {
    const { timein: _timein, ...rest } = sent;
    expect(wholeRecordBody(sent, 'PAY-12')).toEqual({ body: { ...rest, timeout: '2026-11-20T09:30:00.000Z', jira_issue_key: 'PAY-12' } });
    expect(wholeRecordBody(sent, null)).toMatchObject({ body: { jira_issue_key: null } });
  });

  test('refuses what it cannot send back unchanged: a running record, a missing attribute, an unreadable end', () => {
    expect(wholeRecordBody({ ...sent, timeout: null }, 'PAY-1')).toEqual({ problem: 'it is still running' });
    expect(wholeRecordBody({ ...sent, title_id: null }, 'PAY-1')).toEqual({ problem: 'its domain, category or title is missing in the timecard' });
    expect(wholeRecordBody({ ...sent, domain_id: 'Work' }, 'PAY-1')).toHaveProperty('problem');
    expect(wholeRecordBody({ ...sent, timeout: 'later' }, 'PAY-1')).toEqual({ problem: 'its end time is not a date the app can send back' });
  });
});

test('sameRecord compares every field, absent and null alike', () => {
  expect(sameRecord(sent, { ...sent })).toBe(true);
  expect(sameRecord(sent, { ...sent, jira_issue_key: undefined })).toBe(true);
  expect(sameRecord(sent, { ...sent, notes: 'Fixed PAY-12 ' })).toBe(false);
  expect(sameRecord(sent, { ...sent, extra: 1 })).toBe(false);
  expect(sameRecord(expectedAfterWrite(sent, 'PAY-12'), { ...sent, jira_issue_key: 'PAY-12' })).toBe(true);
});

test('sameEditableFields compares what a person edits in the timecard with the record the app read', () => {
  const known: TimecardRecord = { ...sent, jira_issue_key: null };
  expect(sameEditableFields(sent, known)).toBe(true);
  expect(sameEditableFields({ ...sent, jira_synced: false }, known)).toBe(true);
  expect(sameEditableFields({ ...sent, timeout: '2026-11-20T09:31:00Z' }, known)).toBe(false);
  expect(sameEditableFields({ ...sent, jira_issue_key: 'PAY-1' }, known)).toBe(false);
});

test('keyShown reads the key as the app does', () => {
  expect(keyShown({ jira_issue_key: ' pay-12 ' })).toBe('PAY-12');
  expect(keyShown({ jira_issue_key: '' })).toBeNull();
  expect(keyShown({})).toBeNull();
});
