// Jira's side of the story, set up through the emulators' control routes and the app's own
// resolvers: a logged record changed in the timecard whose worklog someone edited in Jira (a
// conflict), and logged records the timecard then deleted.
import { invoke, type RunningSandbox } from './sandbox';

export const globalContext = { accountId: 'demo-alice', timezone: 'America/Los_Angeles', locale: 'en-US', extension: { type: 'jira:globalPage' } };
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export async function control(url: string, method: string, body: unknown): Promise<any> {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/** A record on DEMO-6 from `hoursAgo` for an hour, logged through the resolvers. */
export async function loggedRecord(
  sandbox: RunningSandbox,
  hoursAgo: number,
  notes: string,
): Promise<{ id: number; worklogId: string; start: number }> {
  const start = Date.now() - hoursAgo * 3_600_000;
  const record = await control(`${sandbox.timecardUrl}/__emulator/records`, 'POST', {
    userId: 1,
    timein: iso(start),
    timeout: iso(start + 3_600_000),
    notes,
    jira_issue_key: 'DEMO-6',
  });
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  await invoke(sandbox, 'listRecords', { from: day(start - 86_400_000), to: day(Date.now() + 86_400_000) }, globalContext);
  const { results } = await invoke(sandbox, 'syncRecords', { recordIds: [record.id] }, globalContext);
  expect(results[0].outcome).toBe('created');
  return { id: record.id, worklogId: results[0].worklogId, start };
}

/** A logged record on DEMO-6 (see loggedRecord), then changed in the timecard and its worklog edited in Jira. */
export async function conflictingRecord(sandbox: RunningSandbox, hoursAgo: number, notes: string): Promise<{ id: number; worklogId: string }> {
  const { id, worklogId, start } = await loggedRecord(sandbox, hoursAgo, notes);
  await control(`${sandbox.timecardUrl}/__emulator/records/${id}`, 'PUT', {
    notes: `${notes}, with the review`,
    timeout: iso(start + 90 * 60_000),
  });
  const comment = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: `${notes} (shortened in Jira)` }] }] };
  await control(`${sandbox.jiraUrl}/__emulator/edit-worklog`, 'POST', {
    issueKey: 'DEMO-6',
    worklogId,
    patch: { timeSpentSeconds: 1800, comment },
    byAccountId: 'demo-ada',
  });
  return { id, worklogId };
}

/** A logged record on DEMO-6 (see loggedRecord) that the timecard then deleted; its worklog stays in Jira. */
export async function recordDeletedInTimecard(sandbox: RunningSandbox, hoursAgo: number, notes: string): Promise<{ id: number; worklogId: string }> {
  const { id, worklogId } = await loggedRecord(sandbox, hoursAgo, notes);
  await control(`${sandbox.timecardUrl}/__emulator/records/${id}`, 'DELETE', {});
  return { id, worklogId };
}
