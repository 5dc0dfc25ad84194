/**
 * The page against the real resolvers and emulators shows the sentences stored with a sync in the
 * reader's language: a run synced in German reads in Japanese in the history (docs/decisions/0026).
 *
 * @jest-environment ./tests/ui/globalPage/jsdomWithNodeNetworking.js
 */
import { shim } from './bridgeShim';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App from '../../../static/global-page/src/App';
import { listRecords, sync } from '../../integration/syncHelpers';
import { worldForEachTest } from './helpers';

const worldOf = worldForEachTest();

test('a record skipped by a sync in German: its reason reads in Japanese in the history', async () => {
  const world = worldOf();
  await listRecords(world);
  const running = world.demo.records.running;
  const [result] = await sync(world, [running], {}, { locale: 'de-DE' });
  expect(result).toMatchObject({ outcome: 'skipped', message: 'Läuft noch in der Zeiterfassung: Stoppen Sie ihn zuerst.' });

  const context = { accountId: world.demo.accountId, timezone: world.demo.timeZone, locale: 'ja-JP', extension: { type: 'jira:globalPage' } };
  shim.context = { ...shim.context, accountId: world.demo.accountId, timezone: world.demo.timeZone, locale: 'ja_JP' };
  shim.route = (functionKey, payload) => world.invoke(functionKey, payload, context);
  const user = userEvent.setup();
  render(<App pollIntervalMs={50} searchDebounceMs={50} />);
  await user.click(await screen.findByRole('tab', { name: '履歴' }, { timeout: 10000 }));
  const history = await screen.findByRole('table', { name: '同期の履歴' }, { timeout: 10000 });
  expect(await within(history).findByText('タイムカードでまだ計測中です。先に停止してください。')).toBeTruthy();
  expect(within(history).queryByText(/Läuft noch|Still running/)).toBeNull();
}, 30000);
