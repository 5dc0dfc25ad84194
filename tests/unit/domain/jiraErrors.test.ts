import { describeJiraError, isRetriedStatus, type JiraErrorContext } from '../../../src/domain/jiraErrors';

const create: JiraErrorContext = { action: 'create', issueKey: 'PAY-12' };
const jira = (errorMessages: string[], errors: Record<string, string> = {}) => ({ errorMessages, errors });

describe('describeJiraError', () => {
  it.each<[string, number, unknown, JiraErrorContext, string, boolean, RegExp]>([
    [
      'no permission to associate (400)',
      400,
      jira(['You do not have the permission to associate a worklog to this issue.']),
      create,
      'no-permission',
      false,
      /^You don't have permission to log work on PAY-12\.$/,
    ],
    [
      'timeLogged',
      400,
      jira([], { timeLogged: 'You must indicate the time spent working.' }),
      create,
      'invalid-payload',
      false,
      /at least one minute.*You must indicate the time spent working\./,
    ],
    [
      'started',
      400,
      JSON.stringify(jira([], { started: 'Invalid date format. Please enter the date in the format "yyyy-MM-dd\'T\'HH:mm:ss.SSSZ".' })),
      create,
      'invalid-payload',
      false,
      /start time.*Invalid date format/,
    ],
    ['other 400', 400, jira(['Comment: INVALID_INPUT']), create, 'invalid-payload', false, /refused the worklog\. Jira says: Comment: INVALID_INPUT/],
    ['401 plain text', 401, 'Unauthorized; scope does not match', create, 'forbidden', false, /sign-in/],
    ['403 create', 403, '', create, 'no-permission', false, /log work on PAY-12/],
    ['403 update', 403, undefined, { action: 'update', issueKey: 'PAY-12' }, 'no-permission', false, /edit this worklog on PAY-12/],
    ['403 delete', 403, null, { action: 'delete', issueKey: 'PAY-12' }, 'no-permission', false, /delete this worklog/],
    ['403 read without key', 403, null, { action: 'read' }, 'no-permission', false, /see this issue/],
    [
      '404 issue',
      404,
      jira(['Issue does not exist or you do not have permission to see it.']),
      create,
      'issue-not-found',
      false,
      /Issue PAY-12 does not exist/,
    ],
    [
      '404 time tracking disabled',
      404,
      jira(['Cannot perform operation. Time Tracking is disabled.']),
      create,
      'time-tracking-disabled',
      false,
      /Time tracking is turned off/,
    ],
    ['404 time tracking turned off (string body)', 404, 'time tracking is turned off', create, 'time-tracking-disabled', false, /turned off/],
    [
      '404 worklog on update',
      404,
      jira(['Cannot find worklog with id: 100028']),
      { action: 'update', issueKey: 'PAY-12' },
      'issue-not-found',
      false,
      /worklog or the issue PAY-12 no longer exists/,
    ],
    ['404 worklog on delete', 404, '', { action: 'delete' }, 'issue-not-found', false, /worklog or its issue no longer exists/],
    ['413', 413, jira(['Too many worklogs']), create, 'worklog-cap', false, /PAY-12 already has 5000 worklogs/],
    ['429', 429, '', create, 'rate-limited', true, /slow down/],
    ['500', 500, jira(['Internal server error']), create, 'jira-error', false, /temporary problem \(HTTP 500\).*Internal server error/],
    [
      '502 HTML',
      502,
      '<html><body>Bad gateway</body></html>',
      create,
      'jira-error',
      false,
      /^Jira had a temporary problem \(HTTP 502\)\. Try again in a few minutes\.$/,
    ],
    ['503', 503, '', create, 'jira-error', true, /HTTP 503/],
    ['504', 504, {}, create, 'jira-error', false, /HTTP 504/],
    ['409', 409, { message: 'Conflict' }, create, 'jira-error', false, /unexpected error \(HTTP 409\)\. Jira says: Conflict/],
  ])('%s', (_name, status, body, context, code, retryable, message) => {
    const result = describeJiraError(status, body, context);
    expect(result.code).toBe(code);
    expect(result.retryable).toBe(retryable);
    // The same notion as the Jira client's: what it sends again is what is described as retryable.
    expect(isRetriedStatus(status)).toBe(retryable);
    expect(result.message).toMatch(message);
    expect(result.message).not.toMatch(/[{}[\]]"|errorMessages/);
  });

  it('never dumps raw JSON and keeps messages short', () => {
    const huge = jira(['x'.repeat(5000)], { comment: 'y'.repeat(5000) });
    const result = describeJiraError(400, huge, create);
    expect(result.message.length).toBeLessThan(500);
    expect(result.message).not.toContain('errorMessages');
    expect(describeJiraError(400, '{"errorMessages":[],"errors":{}}', create).message).toBe('Jira refused the worklog.');
  });

  it('joins several messages once each', () => {
    const result = describeJiraError(400, jira(['A.', 'A.'], { comment: 'B.' }), create);
    expect(result.message).toBe('Jira refused the worklog. Jira says: A. B.');
  });
});
