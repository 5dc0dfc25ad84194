// The panel (UI Kit through ForgeReconciler and the captured bridge, `invoke` routed to the real
// resolvers against the emulators) shows a record's skip and failure reasons in the person's
// language: the resolver says them from their stored keys (docs/decisions/0026).
import React from 'react';
import { render, textOf, type Screen } from '../support/forgeBridge';
import { startWorld, type World } from '../support/world';
import { App as IssuePanelApp } from '../../src/frontend/issue-panel/App';
import { LocalizedSurface } from '../../src/frontend/common/i18n';
import { connectAs, listRecords, plusMinutes, sync, utcAt } from '../integration/syncHelpers';
import { openDetails, row } from './panelHelpers';
import { useWorld } from './worldBridge';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(() => world.close());

async function openIn(locale: string, issueKey: string, accountId = world.demo.accountId): Promise<Screen> {
  useWorld(world, { ...world.issueContext(issueKey, accountId), locale });
  const screen = await render(
    <React.StrictMode>
      <LocalizedSurface>
        <IssuePanelApp />
      </LocalizedSurface>
    </React.StrictMode>,
  );
  await screen.waitFor(() => screen.byType('Spinner').length === 0, { what: 'the panel to load' });
  return screen;
}

test('a too-short record says why in German', async () => {
  const id = world.demo.records['too short'];
  const screen = await openIn('de_DE', 'DEMO-1');
  await openDetails(screen, id);
  expect(textOf(row(screen, id))).toContain('Kürzer als 1 Min., das Minimum dieses Projekts.');
  expect(textOf(row(screen, id))).not.toContain('Shorter than');
});

test('a failure Jira gave a German sync reads in Japanese in the panel later', async () => {
  const victor = world.demo.viewerAccountId;
  const victorUser = await connectAs(world, victor, 'victor');
  const timein = utcAt(1, 4);
  const id = world.timecard.addRecord(victorUser, {
    timein,
    timeout: plusMinutes(timein, 45),
    notes: 'Looked at reports',
    jira_issue_key: 'DEMO-2',
  }).id;
  await listRecords(world, { accountId: victor });
  // The global page's sync, in German: Jira refuses the worklog.
  const [result] = await sync(world, [id], {}, { accountId: victor, locale: 'de-DE' });
  expect(result.message).toBe('Sie haben keine Berechtigung, Arbeit an DEMO-2 zu protokollieren.');

  const japanese = await openIn('ja_JP', 'DEMO-2', victor);
  expect(textOf(japanese.get((n) => n.type === 'Lozenge', 'lozenge', row(japanese, id)))).toBe('失敗');
  await japanese.click(japanese.buttons('詳細', row(japanese, id))[0]!);
  expect(textOf(row(japanese, id))).toContain('DEMO-2 に作業を記録する権限がありません。');
  expect(textOf(row(japanese, id))).not.toContain('Sie haben');
  expect(world.jira.worklogs('DEMO-2')).toEqual([]);
});
