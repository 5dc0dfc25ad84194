// "Link here" in the issue panel for a person who writes links back to the timecard: the real
// ForgeReconciler, the real resolvers, both emulators.
import { render, textOf, type Screen } from '../support/forgeBridge';
import React from 'react';
import { startWorld, type World } from '../support/world';
import { App } from '../../src/frontend/issue-panel/App';
import { messages } from '../../src/frontend/common/messages';
import { minutesAgo, useWorld } from './worldBridge';
import { openDetails, part, row, rowAction } from './panelHelpers';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

async function openPanel(issueKey: string): Promise<Screen> {
  useWorld(world, world.issueContext(issueKey));
  const screen = await render(<App />);
  await screen.waitFor(() => screen.byType('Spinner').length === 0, { what: 'the panel to load' });
  return screen;
}

/** Opens DEMO-1's panel and presses "Link here" on the record. */
async function linkHereOnDemo1(id: number): Promise<Screen> {
  const screen = await openPanel('DEMO-1');
  await openDetails(screen, id);
  await screen.click(await rowAction(screen, id, 'Link here'));
  await screen.waitFor(() => part(screen, id, 'link') === messages.linkSource.jira, { what: 'linked here' });
  return screen;
}

const stored = (id: number) => world.timecard.records(world.demo.timecardUserId).find((r) => r.id === id)!;

function addSuggestion(endedMinutesAgo: number | null): number {
  return world.timecard.addRecord(world.demo.timecardUserId, {
    timein: minutesAgo(3 * 24 * 60),
    timeout: endedMinutesAgo === null ? null : minutesAgo(endedMinutesAgo),
    notes: 'Pairing on DEMO-1 edge cases',
    external_link: 'https://wiki.example/pairing',
    jira_issue_key: null,
  }).id;
}

test('with write-back on, Link here also sets the key in the timecard and the row says so', async () => {
  await world.invoke('setLinkWriteBack', { enabled: true });
  const id = addSuggestion(3 * 24 * 60 - 45);
  const before = stored(id);
  const screen = await linkHereOnDemo1(id);
  await screen.waitFor(() => textOf(row(screen, id)).includes('Your timecard now shows this record on DEMO-1 too.'), { what: 'the write-back' });
  expect(stored(id)).toEqual({ ...before, jira_issue_key: 'DEMO-1' });
});

test('with write-back off (the default), Link here writes nothing to the timecard and says nothing about it', async () => {
  const id = addSuggestion(3 * 24 * 60 - 45);
  const before = stored(id);
  const screen = await linkHereOnDemo1(id);
  expect(textOf(row(screen, id))).not.toContain('timecard');
  expect(stored(id)).toEqual(before);
});

test('with write-back on, Accept and log logs the suggestion, sets the key in the timecard and the row says so', async () => {
  await world.invoke('setLinkWriteBack', { enabled: true });
  const id = addSuggestion(3 * 24 * 60 - 45);
  const before = stored(id);
  const screen = await openPanel('DEMO-1');
  await screen.click(await rowAction(screen, id, 'Accept and log'));
  await screen.waitFor(() => textOf(row(screen, id)).includes('Your timecard now shows this record on DEMO-1 too.'), { what: 'the write-back' });
  expect(part(screen, id, 'status')).toContain(messages.status.synced);
  expect(stored(id)).toEqual({ ...before, jira_issue_key: 'DEMO-1' });
});
