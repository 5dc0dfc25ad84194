/** @jest-environment jsdom */
// The page in the person's Jira language: the locale comes from the Forge context, the words from
// the manifest's translations through @forge/bridge's i18n (fetched beside the page), and dates,
// durations, numbers and the first day of the week follow the locale.
import { shim } from './bridgeShim';
import { screen, within } from '@testing-library/react';
import { FakeBackend } from './fakeBackend';
import { checkBackendAfterEach, renderApp, rowOf, text } from './helpers';

const fetched: string[] = [];
const realFetch = globalThis.fetch;
beforeEach(() => {
  fetched.length = 0;
  globalThis.fetch = ((input: string, init?: RequestInit) => {
    fetched.push(String(input));
    return realFetch(input, init);
  }) as typeof fetch;
});
afterEach(() => {
  globalThis.fetch = realFetch;
  shim.context.locale = 'en_GB';
});
checkBackendAfterEach();

test('in German: the words of de-DE.json, German dates and durations, weeks from Monday', async () => {
  shim.context.locale = 'de_DE';
  const backend = new FakeBackend();
  renderApp(backend);
  expect(await screen.findByRole('heading', { name: 'Timecard-Synchronisierung' })).toBeTruthy();
  const table = await screen.findByRole('table', { name: /^Timecard-Einträge, / });
  // Forge's i18n read the resources beside the page
  expect(fetched).toEqual(expect.arrayContaining(['./__LOCALES__/i18n-info.json', './__LOCALES__/de-DE.json']));
  expect(screen.getAllByRole('tab').map((tab) => text(tab))).toEqual(['Einträge', 'Verlauf', 'Übersicht', 'Verbindung', 'Automatisch']);
  expect(backend.callsOf('listRecords')).toEqual([{ from: '2026-11-23', to: '2026-11-29' }]);
  const days = within(table)
    .getAllByRole('rowgroup')
    .filter((g) => g.getAttribute('aria-label'));
  expect(days[0]!.getAttribute('aria-label')).toBe('Montag, 23. November');
  expect(text(days[0])).toContain('3 Einträge · erfasst 2 Std. 30 Min. · protokolliert 1 Std.');
  expect(text(rowOf(1))).toContain('Nicht synchronisiert');
  expect(text(rowOf(6))).toContain('08:30 – jetzt');
  expect(screen.getByRole('button', { name: 'Auswahl synchronisieren' })).toBeTruthy();
  expect(document.querySelector('main')!.getAttribute('lang')).toBe('de-DE');
});

test('in Japanese: the words of ja-JP.json, weeks from Sunday', async () => {
  shim.context.locale = 'ja_JP';
  const backend = new FakeBackend();
  renderApp(backend);
  expect(await screen.findByRole('heading', { name: 'Timecard 同期' })).toBeTruthy();
  const table = await screen.findByRole('table', { name: /^Timecard のレコード、/ });
  expect(fetched).toContain('./__LOCALES__/ja-JP.json');
  // Wednesday 25 November: a Japanese week runs Sunday 22 to Saturday 28
  expect(backend.callsOf('listRecords')).toEqual([{ from: '2026-11-22', to: '2026-11-28' }]);
  const days = within(table)
    .getAllByRole('rowgroup')
    .filter((g) => g.getAttribute('aria-label'));
  expect(days[0]!.getAttribute('aria-label')).toBe('11月23日月曜日');
  expect(text(days[0])).toContain('3 件のレコード · 計測 2時間30分 · 記録 1時間');
  expect(text(rowOf(1))).toContain('未同期');
  expect(document.querySelector('main')!.getAttribute('lang')).toBe('ja-JP');
});

test('an unknown Jira locale reads English, with its own formats', async () => {
  shim.context.locale = 'pt_BR';
  renderApp(new FakeBackend());
  expect(await screen.findByRole('heading', { name: 'Timecard sync' })).toBeTruthy();
  const table = await screen.findByRole('table', { name: /^Timecard records, / });
  const days = within(table)
    .getAllByRole('rowgroup')
    .filter((g) => g.getAttribute('aria-label'));
  expect(days[0]!.getAttribute('aria-label')).toBe('segunda-feira, 23 de novembro');
  // the words are English, and say so to a screen reader
  expect(document.querySelector('main')!.getAttribute('lang')).toBe('en-US');
});

test('while the resource file is on its way, the spinner already reads the person’s language', async () => {
  // French: no test before has fetched (and cached) its file.
  shim.context.locale = 'fr_FR';
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const passOn = globalThis.fetch;
  globalThis.fetch = (async (input: string, init?: RequestInit) => {
    if (String(input).endsWith('/fr-FR.json')) await held;
    return passOn(input, init);
  }) as typeof fetch;
  renderApp(new FakeBackend());
  expect(await screen.findByRole('img', { name: 'Chargement' })).toBeTruthy();
  expect(screen.queryByRole('img', { name: 'Loading' })).toBeNull();
  release();
  expect(await screen.findByRole('heading', { name: 'Synchronisation Timecard' })).toBeTruthy();
});
