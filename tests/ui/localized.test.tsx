// The UI Kit surfaces in the person's Jira language, through ForgeReconciler and the captured
// bridge: the entry wrapper (LocalizedSurface) asks Forge's I18nProvider for the resource file of
// the context's locale (the bridge serves `./__LOCALES__/` from manifest.yml's translations, as
// Forge does), and every text, number, date and duration follows that locale.
import { bridge, issuePanelContext, projectSettingsContext, render, setupBridge, unlabeledControls, type Screen } from '../support/forgeBridge';
import React from 'react';
import { App as PanelApp } from '../../src/frontend/issue-panel/App';
import { App as SettingsApp } from '../../src/frontend/project-settings/App';
import { LocalizedSurface } from '../../src/frontend/common/i18n';
import { messages } from '../../src/frontend/common/messages';
import { DEFAULT_PROJECT_SETTINGS } from '../../src/shared/contract';
import { panel, record } from './stubs';
import { fieldError } from './settingsHelpers';

const records = [
  record({ id: 1 }),
  record({ id: 2, status: 'synced', loggedSeconds: 5400, worklogId: '10' }),
  record({ id: 3, start: '2026-11-24T21:30:00.000Z', end: '2026-11-24T23:15:00.000Z', durationSeconds: 6300, roundedSeconds: 6300 }),
];

async function show(app: React.ReactElement, context: ReturnType<typeof issuePanelContext>, answers: Record<string, unknown>): Promise<Screen> {
  setupBridge({ context, invoke: async (key) => answers[key] });
  const screen = await render(
    <React.StrictMode>
      <LocalizedSurface>{app}</LocalizedSurface>
    </React.StrictMode>,
  );
  await screen.waitFor(() => screen.byType('Spinner').length === 0, { what: 'first paint' });
  return screen;
}

const fetchedLocales = () => bridge.calls.filter((c) => c.cmd === 'fetchLocale').map((c) => c.data as string);

describe('issue panel', () => {
  test('in German (de_DE, Europe/Berlin): words, plurals, dates, durations', async () => {
    const screen = await show(<PanelApp />, issuePanelContext({ locale: 'de_DE', timezone: 'Europe/Berlin' }), { getIssuePanel: panel(records) });
    const text = screen.text();
    expect(fetchedLocales()).toContain('de-DE.json');
    expect(text).toContain('Nicht synchronisiert');
    expect(text).toContain('Synchronisiert');
    expect(screen.buttons('Buchen').length).toBe(2);
    expect(text).toContain('Alle nicht synchronisierten buchen (2)');
    expect(text).toContain('1 Std. 30 Min.');
    expect(text).toContain('Erfasst: 4 Std. 45 Min.');
    // Tuesday 24 November in German, the local times of Berlin, and the next-day mark in German.
    expect(text).toContain('Di., 24. Nov.');
    expect(text).toContain('09:00–10:30');
    expect(text).toContain('22:30–00:15 (+1 Tag)');
    expect(text).not.toContain(messages.panel.action.log);
    expect(text).not.toContain(messages.status['not-synced']);
    expect(unlabeledControls(screen)).toEqual([]);
  });

  test('in Japanese (ja_JP, Asia/Tokyo)', async () => {
    const screen = await show(<PanelApp />, issuePanelContext({ locale: 'ja_JP', timezone: 'Asia/Tokyo' }), {
      getIssuePanel: panel(records, { timeZone: 'Asia/Tokyo' }),
    });
    const text = screen.text();
    expect(fetchedLocales()).toContain('ja-JP.json');
    expect(text).toContain('未同期');
    expect(text).toContain('1時間30分');
    expect(text).toContain('未同期をすべて記録（2 件）');
    expect(text).toContain('17:00–18:30');
    expect(text).toMatch(/11月24日\(火\)|11\/24\(火\)/);
  });

  test('a locale without its own file reads its language (de-AT → German), else English (pt-BR)', async () => {
    let screen = await show(<PanelApp />, issuePanelContext({ locale: 'de-AT' }), { getIssuePanel: panel(records) });
    expect(screen.text()).toContain('Nicht synchronisiert');
    screen = await show(<PanelApp />, issuePanelContext({ locale: 'pt-BR' }), { getIssuePanel: panel(records) });
    expect(screen.text()).toContain(messages.status['not-synced']);
    expect(screen.buttons(messages.panel.action.log).length).toBe(2);
  });
});

describe('project settings', () => {
  const answers = {
    getProjectSettings: { settings: { ...DEFAULT_PROJECT_SETTINGS, roundingIncrementMinutes: 15 }, canEdit: true, projectKey: 'DEMO' },
  };

  test('in German: labels, options and the save button', async () => {
    const screen = await show(<SettingsApp />, projectSettingsContext({ locale: 'de-DE' }), answers);
    const text = screen.text();
    expect(text).toContain('Timecard für DEMO');
    expect(text).toContain('Rundungsintervall');
    expect(screen.button('Speichern')).toBeDefined();
    const increment = screen
      .byType('Select')
      .map((s) => s.props.options as { label: string }[])
      .find((o) => o.some((x) => x.label.includes('Minuten')));
    expect(increment?.map((o) => o.label)).toContain('15 Minuten');
    expect(increment?.map((o) => o.label)).toContain('1 Minute (keine Rundung)');
    expect(unlabeledControls(screen)).toEqual([]);
  });

  test('in German: a template problem is said in German as the person types', async () => {
    const screen = await show(<SettingsApp />, projectSettingsContext({ locale: 'de-DE' }), answers);
    await screen.change(screen.field('Kommentar im Arbeitsprotokoll'), '{notes} {kunde}');
    await screen.waitFor(() => fieldError(screen, 'Kommentar im Arbeitsprotokoll'), { what: 'the template error' });
    expect(fieldError(screen, 'Kommentar im Arbeitsprotokoll')).toMatch(
      /^Unbekannter Platzhalter \{kunde\} in der Kommentarvorlage\. Sie können \{notes\}, .* verwenden\.$/,
    );
  });

  test('in Japanese', async () => {
    const screen = await show(<SettingsApp />, projectSettingsContext({ locale: 'ja-JP' }), answers);
    expect(screen.text()).toContain('DEMO の Timecard');
    expect(screen.button('保存')).toBeDefined();
  });
});

describe('before the resource file has arrived', () => {
  test.each([
    // Languages no test above has loaded: Forge's I18nProvider keeps a loaded file for later renders.
    ['fr_FR', 'Chargement', 'Non synchronisé'],
    ['es-ES', 'Cargando', 'Sin sincronizar'],
  ])('the spinner is labelled in the person’s language (%s)', async (locale, label, status) => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    setupBridge({ context: issuePanelContext({ locale }), invoke: async () => panel(records), localesHeld: held });
    const screen = await render(
      <LocalizedSurface>
        <PanelApp />
      </LocalizedSurface>,
    );
    await screen.waitFor(() => fetchedLocales().length > 0, { what: 'the resource file to be asked for' });
    expect(screen.byType('Spinner').map((s) => s.props.label)).toEqual([label]);
    release();
    await screen.waitForText(status);
  });
});
