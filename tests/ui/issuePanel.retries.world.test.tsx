// "Will retry at …" and "Don't retry" on the issue panel (ADR 0028), through ForgeReconciler and the
// captured bridge against the real resolvers and the emulators: a Log that Jira fails for a passing
// reason leaves the record waiting for a retry, the row says when (in the person's zone and language),
// and the person cancels it from the row.
import React from 'react';
import { render, textOf, unlabeledControls } from '../support/forgeBridge';
import { startWorld, type World } from '../support/world';
import { App as PanelApp } from '../../src/frontend/issue-panel/App';
import { LocalizedSurface } from '../../src/frontend/common/i18n';
import { messages } from '../../src/frontend/common/messages';
import { formatDay, formatTime, makeZone } from '../../src/frontend/common/format';
import { minutesAgo, openIssuePanel, useWorld } from './worldBridge';
import { row, rowAction } from './panelHelpers';
import { ok } from '../integration/syncHelpers';

let world: World;

beforeEach(async () => {
  world = await startWorld({ demoRecords: false });
});
afterEach(() => world.close());

function addRecord(issueKey: string): number {
  return world.timecard.addRecord(world.demo.timecardUserId, {
    timein: minutesAgo(150),
    timeout: minutesAgo(120),
    notes: `work on ${issueKey}`,
    jira_issue_key: issueKey,
  }).id;
}

const retryText = (screen: Awaited<ReturnType<typeof openIssuePanel>>, id: number) =>
  screen.find((n) => n.props.testId === `record-${id}-retry`, row(screen, id));

test('a Log Jira fails for a passing reason: the row says when it is tried again, and "Don\'t retry" cancels it', async () => {
  const id = addRecord('DEMO-1');
  const screen = await openIssuePanel(world, 'DEMO-1');
  expect(retryText(screen, id)).toBeUndefined();
  world.jira.failNext(1, { method: 'POST', pathIncludes: '/worklog', status: 500 });
  await screen.click(await rowAction(screen, id, messages.panel.action.log));
  await screen.waitFor(() => retryText(screen, id) !== undefined, { what: 'the retry time' });

  const [waiting] = ok(await world.invoke('getAutoSync', {})).retries;
  const zone = makeZone(world.demo.timeZone, 'en-US');
  const at = `${formatDay(waiting.nextAt, zone)} ${formatTime(waiting.nextAt, zone)}`;
  expect(textOf(retryText(screen, id)!)).toBe(messages.panel.retries.willRetryAt(at));
  expect(unlabeledControls(screen)).toEqual([]);

  await screen.click(await rowAction(screen, id, messages.panel.retries.cancel));
  await screen.waitFor(() => retryText(screen, id) === undefined, { what: 'the retry to go' });
  expect(textOf(row(screen, id))).toContain(messages.panel.retries.cancelled);
  expect(ok(await world.invoke('getAutoSync', {})).retries).toEqual([]);

  // Opened again: no retry shown.
  const again = await openIssuePanel(world, 'DEMO-1');
  expect(retryText(again, id)).toBeUndefined();
  expect(world.jira.worklogs('DEMO-1')).toEqual([]);
});

test('in German (Europe/Berlin): the time of the retry in Berlin, the words in German', async () => {
  const id = addRecord('DEMO-2');
  world.jira.failNext(1, { method: 'POST', pathIncludes: '/worklog', status: 500 });
  ok(await world.invoke('syncRecords', { recordIds: [id] }, world.issueContext('DEMO-2')));
  const [waiting] = ok(await world.invoke('getAutoSync', {})).retries;

  useWorld(world, { ...world.issueContext('DEMO-2'), locale: 'de-DE', timezone: 'Europe/Berlin' });
  const screen = await render(
    <React.StrictMode>
      <LocalizedSurface>
        <PanelApp />
      </LocalizedSurface>
    </React.StrictMode>,
  );
  await screen.waitFor(() => retryText(screen, id) !== undefined, { what: 'the German panel' });
  const at = new Date(waiting.nextAt);
  const berlin = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const text = textOf(retryText(screen, id)!);
  expect(text).toMatch(/^Wird am .+ automatisch erneut versucht\.$/);
  expect(text).toContain(berlin);
  expect(screen.buttons('Nicht erneut versuchen', row(screen, id))).toHaveLength(1);
});
