// Project settings and admin pages against a stubbed resolver.
import {
  bridge,
  adminPageContext,
  projectSettingsContext,
  render,
  setupBridge,
  textOf,
  unlabeledControls,
  type Screen,
} from '../support/forgeBridge';
import { fieldError } from './settingsHelpers';
import React from 'react';
import { App as ProjectSettingsApp } from '../../src/frontend/project-settings/App';
import { App as AdminApp } from '../../src/frontend/admin/App';
import { messages } from '../../src/frontend/common/messages';
import { previewComment } from '../../src/frontend/common/settingsModel';
import { validateTemplate } from '../../src/domain/comment';
import { DEFAULT_PROJECT_SETTINGS, type ProjectSettings, type ServerHealth } from '../../src/shared/contract';
import { deferred } from './stubs';

type Handler = (payload: Record<string, unknown>) => unknown;

async function show(app: React.ReactElement, handlers: Record<string, Handler>, context = projectSettingsContext()): Promise<Screen> {
  setupBridge({
    context,
    invoke: async (key, payload) => {
      // No worklogs logged in these projects: a change rewrites none, so saving asks nothing.
      const handler =
        handlers[key] ?? (key === 'previewSettingsImpact' ? () => ({ affected: 0, outdated: 0, unknown: 0, complete: true }) : undefined);
      if (!handler) throw new Error(`unexpected invoke ${key}`);
      return handler(payload);
    },
  });
  const screen = await render(<React.StrictMode>{app}</React.StrictMode>);
  await screen.waitFor(() => screen.byType('Spinner').length === 0, { what: 'first paint' });
  return screen;
}

const s = messages.settings;

describe('project settings page', () => {
  test('non-editors see the values read-only with the reason, and no form', async () => {
    const screen = await show(<ProjectSettingsApp />, {
      getProjectSettings: () => ({
        settings: { ...DEFAULT_PROJECT_SETTINGS, roundingIncrementMinutes: 15, domains: ['Acme'] },
        canEdit: false,
        reason: 'Only administrators of project DEMO can change these settings.',
        projectKey: 'DEMO',
      }),
    });
    expect(bridge.invokes.map((c) => c.functionKey)).toEqual(['getProjectSettings']);
    expect(screen.hasText(s.projectTitle('DEMO'))).toBe(true);
    expect(screen.hasText('Only administrators of project DEMO can change these settings.')).toBe(true);
    expect(screen.byType('Form')).toHaveLength(0);
    expect(screen.hasText(s.incrementOption(15))).toBe(true);
    expect(screen.hasText('Acme')).toBe(true);
  });

  test('editors: every control labelled; the preview follows the template; unknown placeholders show inline', async () => {
    const screen = await show(<ProjectSettingsApp />, {
      getProjectSettings: () => ({ settings: DEFAULT_PROJECT_SETTINGS, canEdit: true, projectKey: 'DEMO' }),
    });
    expect(unlabeledControls(screen)).toEqual([]);
    expect(screen.field(s.enabled).type).toBe('Toggle');
    expect(screen.field(s.roundingMode).type).toBe('Select');
    expect(screen.field(s.roundingIncrement).props.options.map((o: { value: number }) => o.value)).toEqual([1, 5, 6, 10, 15, 30]);
    expect(screen.field(s.minimum).props.value).toBe('1');
    expect(screen.hasText(previewComment('{notes}'))).toBe(true);

    await screen.change(screen.field(s.commentTemplate), '{title}: {notes} {oops}');
    expect(fieldError(screen, s.commentTemplate)).toBe(validateTemplate('{oops}'));
    expect(screen.hasText(previewComment('{title}: {notes} {oops}'))).toBe(true);
    await screen.change(screen.field(s.commentTemplate), '{title}: {notes}');
    expect(fieldError(screen, s.commentTemplate)).toBeUndefined();
    expect(screen.hasText('Development: Fixed rounding of invoice totals; reviewed PAY-15')).toBe(true);
  });

  test('Save sends the whole settings, shows success and keeps the stored values', async () => {
    let stored: ProjectSettings = DEFAULT_PROJECT_SETTINGS;
    const screen = await show(<ProjectSettingsApp />, {
      getProjectSettings: () => ({ settings: stored, canEdit: true, projectKey: 'DEMO' }),
      saveProjectSettings: (payload) => {
        stored = (payload as { settings: ProjectSettings }).settings;
        return { settings: stored };
      },
    });
    await screen.change(screen.field(s.enabled), false);
    await screen.change(screen.field(s.roundingMode), 'up');
    await screen.change(screen.field(s.roundingIncrement), 15);
    await screen.change(screen.field(s.minimum), '2.5');
    await screen.change(screen.field(s.estimatePolicy), 'leave');
    await screen.change(screen.field(s.notifyWatchers), true);
    await screen.change(screen.field(s.domains), ' Acme ,Support,, ');
    await screen.submit();
    await screen.waitForText(s.saved);
    expect(bridge.invokesOf('saveProjectSettings').map((c) => c.payload)).toEqual([
      {
        settings: {
          enabled: false,
          roundingMode: 'up',
          roundingIncrementMinutes: 15,
          minimumSeconds: 150,
          commentTemplate: '{notes}',
          estimatePolicy: 'leave',
          notifyWatchers: true,
          domains: ['Acme', 'Support'],
        },
      },
    ]);
    expect(screen.field(s.domains).props.value).toBe('Acme, Support');
  });

  test('server field errors show under their fields; the form keeps what was typed', async () => {
    const screen = await show(<ProjectSettingsApp />, {
      getProjectSettings: () => ({ settings: DEFAULT_PROJECT_SETTINGS, canEdit: true, projectKey: 'DEMO' }),
      saveProjectSettings: () => ({
        error: {
          code: 'invalid-settings',
          message: 'Some settings are not valid; nothing was saved.',
          fields: { 'settings.domains': 'Each domain can be listed once.', 'settings.minimumSeconds': 'Too long.' },
        },
      }),
    });
    await screen.change(screen.field(s.domains), 'Acme, acme');
    await screen.change(screen.field(s.minimum), '3');
    await screen.submit();
    await screen.waitForText(s.saveFailedTitle);
    expect(fieldError(screen, s.minimum)).toBe('Too long.');
    expect(screen.field(s.minimum).props.value).toBe('3');
    expect(screen.field(s.minimum).props.isInvalid).toBe(true);
    expect(fieldError(screen, s.domains)).toBe('Each domain can be listed once.');
    expect(screen.hasText(s.saved)).toBe(false);
    // Editing a field clears the server's error for it.
    await screen.change(screen.field(s.minimum), '4');
    expect(fieldError(screen, s.minimum)).toBeUndefined();
  });

  test('editing any field clears the failure banner (it described what was sent, not the form now)', async () => {
    const screen = await show(<ProjectSettingsApp />, {
      getProjectSettings: () => ({ settings: DEFAULT_PROJECT_SETTINGS, canEdit: true, projectKey: 'DEMO' }),
      saveProjectSettings: () => ({ error: { code: 'internal', message: 'Storage did not answer; nothing was saved.' } }),
    });
    await screen.submit();
    await screen.waitForText('Storage did not answer; nothing was saved.');
    expect(screen.hasText(s.saveFailedTitle)).toBe(true);
    await screen.change(screen.field(s.notifyWatchers), true);
    expect(screen.hasText('Storage did not answer; nothing was saved.')).toBe(false);
    expect(screen.hasText(s.saveFailedTitle)).toBe(false);

    // the same for the "fix the fields" banner of a draft that was not sent
    await screen.change(screen.field(s.minimum), 'ten');
    await screen.submit();
    expect(screen.hasText(s.fixErrors)).toBe(true);
    await screen.change(screen.field(s.domains), 'Acme');
    expect(screen.hasText(s.fixErrors)).toBe(false);
    expect(fieldError(screen, s.minimum)).toBe(s.minimumInvalid(240));
  });

  test('a minimum that is not a number is not sent', async () => {
    const screen = await show(<ProjectSettingsApp />, {
      getProjectSettings: () => ({ settings: DEFAULT_PROJECT_SETTINGS, canEdit: true, projectKey: 'DEMO' }),
    });
    await screen.change(screen.field(s.minimum), 'ten');
    expect(fieldError(screen, s.minimum)).toBe(s.minimumInvalid(240));
    await screen.submit();
    expect(bridge.invokesOf('saveProjectSettings')).toHaveLength(0);
    expect(screen.hasText(s.fixErrors)).toBe(true);
  });

  test('Save cannot be sent twice while it runs', async () => {
    const answer = deferred<unknown>();
    const screen = await show(<ProjectSettingsApp />, {
      getProjectSettings: () => ({ settings: DEFAULT_PROJECT_SETTINGS, canEdit: true, projectKey: 'DEMO' }),
      saveProjectSettings: () => answer.promise,
    });
    const form = screen.get((n) => n.type === 'Form', 'form');
    void form.props.onSubmit();
    void form.props.onSubmit();
    await screen.waitFor(() => screen.button(s.save).props.isLoading === true);
    void screen.get((n) => n.type === 'Form', 'form').props.onSubmit();
    answer.resolve({ settings: DEFAULT_PROJECT_SETTINGS });
    await screen.waitForText(s.saved);
    expect(bridge.invokesOf('saveProjectSettings')).toHaveLength(1);
  });
});

describe('admin page', () => {
  const health = (over: Partial<ServerHealth> = {}): ServerHealth => ({
    url: 'https://timecard.example.com',
    configured: true,
    reachable: true,
    latencyMs: 42,
    message: 'The timecard server answers (42 ms).',
    ...over,
  });
  const a = messages.admin;

  test('shows the server, whether it answers and how fast; Check again asks again', async () => {
    const screen = await show(
      <AdminApp />,
      {
        getSiteSettings: () => ({ settings: { defaults: DEFAULT_PROJECT_SETTINGS }, canEdit: true, server: health() }),
        checkTimecardServer: () => ({ server: health({ reachable: false, latencyMs: null, message: 'No answer within 5 s.' }) }),
      },
      adminPageContext(),
    );
    expect(bridge.invokes.map((c) => c.functionKey)).toEqual(['getSiteSettings']);
    expect(screen.hasText('https://timecard.example.com')).toBe(true);
    expect(textOf(screen.byType('Lozenge')[0])).toBe(a.reachable);
    expect(screen.hasText(a.latency(42))).toBe(true);
    expect(unlabeledControls(screen)).toEqual([]);
    await screen.click(screen.button(a.checkAgain));
    await screen.waitForText('No answer within 5 s.');
    expect(textOf(screen.byType('Lozenge')[0])).toBe(a.unreachable);
    expect(bridge.invokesOf('checkTimecardServer')).toHaveLength(1);
  });

  test('says once that the server answers; when it does not, the reason shows', async () => {
    const screen = await show(
      <AdminApp />,
      {
        getSiteSettings: () => ({ settings: { defaults: DEFAULT_PROJECT_SETTINGS }, canEdit: true, server: health() }),
        checkTimecardServer: () => ({ server: health({ reachable: false, latencyMs: null, message: 'No answer within 5 s.' }) }),
      },
      adminPageContext(),
    );
    expect(textOf(screen.byType('Lozenge')[0])).toBe(a.reachable);
    expect(screen.hasText(a.latency(42))).toBe(true);
    expect(screen.hasText('The timecard server answers (42 ms).')).toBe(false);
    await screen.click(screen.button(a.checkAgain));
    await screen.waitForText('No answer within 5 s.');
  });

  test('the site defaults speak of the site, not of one project; the minimum is a narrow number field', async () => {
    for (const canEdit of [true, false]) {
      const screen = await show(
        <AdminApp />,
        {
          getSiteSettings: () => ({ settings: { defaults: DEFAULT_PROJECT_SETTINGS }, canEdit, server: health() }),
        },
        adminPageContext(),
      );
      expect(screen.hasText(/in this project|suggest this project/)).toBe(false);
      expect(screen.hasText(s.site.enabled)).toBe(true);
      expect(screen.hasText(s.site.domains)).toBe(true);
      if (canEdit) expect(screen.field(s.minimum).props).toMatchObject({ type: 'number', width: 'xsmall' });
    }
    const project = await show(<ProjectSettingsApp />, {
      getProjectSettings: () => ({ settings: DEFAULT_PROJECT_SETTINGS, canEdit: true, projectKey: 'DEMO' }),
    });
    expect(project.hasText(s.enabled)).toBe(true);
    expect(project.field(s.minimum).props).toMatchObject({ type: 'number', width: 'xsmall' });
  });

  test('warns when no server is configured', async () => {
    const screen = await show(
      <AdminApp />,
      {
        getSiteSettings: () => ({
          settings: { defaults: DEFAULT_PROJECT_SETTINGS },
          canEdit: true,
          server: health({ url: '', configured: false, reachable: false, latencyMs: null, message: 'TIMECARD_URL is not set.' }),
        }),
      },
      adminPageContext(),
    );
    const warning = screen.get((n) => n.type === 'SectionMessage' && n.props.appearance === 'warning', 'warning');
    expect(warning.props.title).toBe(a.notConfiguredTitle);
    expect(textOf(warning)).toContain('TIMECARD_URL');
  });

  test('admins edit the site defaults with the same form', async () => {
    const screen = await show(
      <AdminApp />,
      {
        getSiteSettings: () => ({ settings: { defaults: DEFAULT_PROJECT_SETTINGS }, canEdit: true, server: health() }),
        saveSiteSettings: (payload) => payload,
      },
      adminPageContext(),
    );
    await screen.change(screen.field(s.roundingIncrement), 30);
    await screen.submit();
    await screen.waitForText(s.saved);
    expect(bridge.invokesOf('saveSiteSettings').map((c) => c.payload)).toEqual([
      { settings: { defaults: { ...DEFAULT_PROJECT_SETTINGS, roundingIncrementMinutes: 30 } } },
    ]);
  });

  test('non-admins read that only Jira admins can change the defaults', async () => {
    const screen = await show(
      <AdminApp />,
      {
        getSiteSettings: () => ({ settings: { defaults: DEFAULT_PROJECT_SETTINGS }, canEdit: false, server: health() }),
      },
      adminPageContext(),
    );
    expect(screen.hasText(a.adminsOnly)).toBe(true);
    expect(screen.byType('Form')).toHaveLength(0);
  });
});
