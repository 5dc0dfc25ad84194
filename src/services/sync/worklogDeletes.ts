// The one delete of a worklog: a worklog, or its issue, that is gone counts as already deleted.
import { isAppError } from '../../domain/errors';
import type { JiraPort, WriteOptions } from '../ports';

export async function deleteWorklogIfPresent(jira: JiraPort, issueKey: string, worklogId: string, options: WriteOptions): Promise<void> {
  try {
    await jira.deleteWorklog(issueKey, worklogId, options);
  } catch (error) {
    if (!isAppError(error, 'issue-not-found')) throw error;
  }
}
