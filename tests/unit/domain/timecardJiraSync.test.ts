// What the app makes of the fields the timecard's own Jira sync writes, read through the
// timecard client's schema as the server sends them.
import { checkRecords } from '../../../src/adapters/timecard/schemas';
import { timecardJiraSyncOf, timecardLastError, timecardSyncStatus, timecardWorklogVerdict } from '../../../src/domain/timecardJiraSync';

const base = { id: 7, timein: '2026-11-24T08:00:00Z', timeout: '2026-11-24T09:00:00Z', jira_issue_key: ' pay-12 ' };
const read = (fields: Record<string, unknown>) => {
  const { records, malformed } = checkRecords([{ ...base, ...fields }]);
  expect(malformed).toEqual([]);
  return records[0];
};

test('a record the timecard synced names its worklog and issue', () => {
  const record = read({ jira_synced: true, jira_worklog_id: 10042, last_synced_at: '2026-11-24T09:05:00' });
  expect(timecardJiraSyncOf(record)).toEqual({ worklogId: '10042', issueKey: 'PAY-12', syncedAt: '2026-11-24T09:05:00' });
});

test('no claim without jira_synced, a worklog id and an issue; bad values never hide the record', () => {
  expect(timecardJiraSyncOf(read({ jira_synced: false, jira_worklog_id: '1' }))).toBeNull();
  expect(timecardJiraSyncOf(read({ jira_synced: true, jira_worklog_id: '  ' }))).toBeNull();
  expect(timecardJiraSyncOf(read({ jira_synced: true, jira_worklog_id: '1', jira_issue_key: null }))).toBeNull();
  expect(timecardJiraSyncOf(read({ jira_synced: 'yes', jira_worklog_id: { id: 1 }, jira_sync_error: 42 }))).toBeNull();
  expect(timecardJiraSyncOf(read({}))).toBeNull();
});

test("the worklog's author decides; an absent worklog is gone; not asked is unchecked", () => {
  expect(timecardWorklogVerdict({ authorAccountId: 'alice' }, 'alice')).toBe('adoptable');
  expect(timecardWorklogVerdict({ authorAccountId: 'bob' }, 'alice')).toBe('someone-else');
  expect(timecardWorklogVerdict({}, 'alice')).toBe('someone-else');
  expect(timecardWorklogVerdict(undefined, 'alice')).toBe('gone');
  expect(timecardWorklogVerdict('unchecked', 'alice')).toBe('unchecked');
});

test('each verdict is a status with a sentence', () => {
  expect(timecardSyncStatus('adoptable')).toMatchObject({
    status: 'synced',
    message: expect.stringMatching(/^Logged by the timecard's own Jira sync\./),
  });
  expect(timecardSyncStatus('unchecked').status).toBe('synced');
  expect(timecardSyncStatus('gone').status).toBe('deleted-in-jira');
  expect(timecardSyncStatus('someone-else')).toMatchObject({
    status: 'logged-by-someone-else',
    message: expect.stringMatching(/another person's worklog/),
  });
});

test("the timecard's last error is a sentence, absent when it reported none", () => {
  expect(timecardLastError(read({ jira_sync_error: 'HTTP 401: token expired' }))).toBe(
    "The timecard's own Jira sync last failed with: HTTP 401: token expired",
  );
  expect(timecardLastError(read({ jira_sync_error: '  ' }))).toBeNull();
  expect(timecardLastError(read({}))).toBeNull();
});
