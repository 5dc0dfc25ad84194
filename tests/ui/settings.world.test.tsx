// Project settings and admin pages against the real resolvers and emulators.
import { bridge, render, textOf, unlabeledControls, type Screen } from '../support/forgeBridge';
import { fieldError } from './settingsHelpers';
import React from 'react';
import { startWorld, type World } from '../support/world';
import { App as ProjectSettingsApp } from '../../src/frontend/project-settings/App';
import { App as AdminApp } from '../../src/frontend/admin/App';
import { App as IssuePanelApp } from '../../src/frontend/issue-panel/App';
import { messages } from '../../src/frontend/common/messages';
import { validateTemplate } from '../../src/domain/comment';
import type { InvokeContext } from '../../runtime/localApp';
import { MAX_TEMPLATE_LENGTH } from '../../src/shared/contract';
import { adminContext, useWorld } from './worldBridge';
import { part } from './panelHelpers';
import { ok } from '../integration/syncHelpers';

let world: World;

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => {
  await world.close();
});

async function show(app: React.ReactElement, context: InvokeContext): Promise<Screen> {
  useWorld(world, context);
  const screen = await render(<React.StrictMode>{app}</React.StrictMode>);
  await screen.waitFor(() => screen.byType('Spinner').length === 0, { what: 'first paint' });
  return screen;
}

const s = messages.settings;

/** Logs the records, then an admin sets rounding to "always up, 30 minutes" and presses Save: the question is open. */
async function logThenRoundUp(logged: number[]): Promise<{ screen: Screen; submitted: Promise<unknown> }> {
  ok(await world.invoke('syncRecords', { recordIds: logged }));
  const screen = await show(<ProjectSettingsApp />, world.projectContext(world.demo.adminAccountId));
  await screen.change(screen.field(s.roundingIncrement), 30);
  await screen.change(screen.field(s.roundingMode), 'up');
  const submitted = startSubmit(screen);
  await screen.waitFor(() => screen.byType('Modal').length === 1, { what: 'the question' });
  return { screen, submitted };
}

/** Submits the form as the host does: without waiting for the app's handler (it may wait for the person). */
function startSubmit(screen: Screen): Promise<unknown> {
  const form = screen.get((n) => n.type === 'Form', 'Form');
  return Promise.resolve(form.props.onSubmit());
}

describe('project settings', () => {
  test('a non-admin sees them read-only with the reason, and the resolver refuses a save', async () => {
    const screen = await show(<ProjectSettingsApp />, world.projectContext(world.demo.accountId));
    expect(bridge.invokes.map((c) => c.functionKey)).toEqual(['getProjectSettings']);
    expect(screen.byType('Form')).toHaveLength(0);
    expect(screen.hasText(/Only administrators of project DEMO/)).toBe(true);

    const current = await world.invoke('getProjectSettings', {}, world.projectContext(world.demo.accountId));
    const refused = await world.invoke(
      'saveProjectSettings',
      { settings: { ...current.settings, roundingIncrementMinutes: 30 } },
      world.projectContext(world.demo.accountId),
    );
    expect(refused.error.code).toMatch(/^(forbidden|no-permission)$/);
    const after = await world.invoke('getProjectSettings', {}, world.projectContext(world.demo.adminAccountId));
    expect(after.settings.roundingIncrementMinutes).toBe(current.settings.roundingIncrementMinutes);
  });

  test('a bad template is refused with the field’s error and nothing is saved', async () => {
    const screen = await show(<ProjectSettingsApp />, world.projectContext(world.demo.adminAccountId));
    expect(unlabeledControls(screen)).toEqual([]);
    await screen.change(screen.field(s.roundingIncrement), 15);
    await screen.change(screen.field(s.commentTemplate), '{notes} ({ticket})');
    expect(fieldError(screen, s.commentTemplate)).toBe(validateTemplate('{ticket}'));
    await screen.submit();
    await screen.waitForText(s.saveFailedTitle);
    expect(fieldError(screen, s.commentTemplate)).toMatch(/\{ticket\}/);
    expect(screen.field(s.commentTemplate).props.value).toBe('{notes} ({ticket})');
    expect(bridge.invokesOf('saveProjectSettings')).toHaveLength(1);
    const stored = await world.invoke('getProjectSettings', {}, world.projectContext(world.demo.adminAccountId));
    expect(stored.settings.commentTemplate).toBe('{notes}');
    expect(stored.settings.roundingIncrementMinutes).toBe(1); // never half saved
  });

  test('a template over the length limit is refused with a sentence, not the validator’s words', async () => {
    const screen = await show(<ProjectSettingsApp />, world.projectContext(world.demo.adminAccountId));
    await screen.change(screen.field(s.commentTemplate), `{notes} ${'x'.repeat(MAX_TEMPLATE_LENGTH)}`);
    await screen.submit();
    await screen.waitForText(s.saveFailedTitle);
    const error = fieldError(screen, s.commentTemplate)!;
    expect(error).toMatch(/^The comment template must be text of at most 2000 characters\.$/);
    expect(screen.hasText(/Too big|expected string|<=/)).toBe(false);
    const stored = await world.invoke('getProjectSettings', {}, world.projectContext(world.demo.adminAccountId));
    expect(stored.settings.commentTemplate).toBe('{notes}');
  });

  test('a change that rewrites logged worklogs asks first, with the count; Cancel saves nothing', async () => {
    const logged = [world.demo.records['DEMO-2 day 1'], world.demo.records['DEMO-2 day 2']];
    const { screen, submitted } = await logThenRoundUp(logged);
    const modal = screen.get((n) => n.type === 'Modal', 'modal');
    expect(textOf(modal)).toContain(s.impactBody(2, true));
    const checkbox = screen.get((n) => n.type === 'Checkbox', 'checkbox', modal);
    expect(checkbox.props.label).toBe(s.impactUpdate(2));
    expect(checkbox.props.isChecked).toBe(false);
    expect(bridge.invokesOf('saveProjectSettings')).toHaveLength(0);
    await screen.click(screen.button(messages.common.cancel, modal));
    await screen.waitFor(() => screen.byType('Modal').length === 0);
    await submitted;
    expect(bridge.invokesOf('saveProjectSettings')).toHaveLength(0);
    expect(screen.hasText(s.saved)).toBe(false);
    const stored = await world.invoke('getProjectSettings', {}, world.projectContext(world.demo.adminAccountId));
    expect(stored.settings.roundingIncrementMinutes).toBe(1);
  });

  test('saved without updating: the worklogs stay, and read "settings changed"', async () => {
    const logged = [world.demo.records['DEMO-2 day 1']];
    const { screen, submitted } = await logThenRoundUp(logged);
    await screen.click(screen.button(s.impactConfirm));
    await submitted;
    await screen.waitForText(s.saved);
    expect(bridge.invokesOf('updateLoggedWorklogs')).toHaveLength(0);
    expect(world.jira.worklogs('DEMO-2').map((w) => w.timeSpentSeconds)).toEqual([8100]);
    const panel = await show(<IssuePanelApp />, world.issueContext('DEMO-2'));
    expect(textOf(panel.get((n) => n.props.testId === `record-${logged[0]}-status`, 'status'))).toBe(messages.status['settings-changed']);
  });

  test('"Also update" saves, then updates the logged worklogs with progress and a summary', async () => {
    const logged = [world.demo.records['DEMO-2 day 1'], world.demo.records['DEMO-2 day 2']];
    const { screen, submitted } = await logThenRoundUp(logged);
    await screen.change(
      screen.get((n) => n.type === 'Checkbox', 'checkbox'),
      true,
    );
    await screen.click(screen.button(s.impactConfirm));
    await submitted;
    await screen.waitForText(s.updateDoneTitle);
    expect(screen.hasText(s.updateDone(2, 0))).toBe(true);
    expect(bridge.invokesOf('saveProjectSettings')).toHaveLength(1);
    expect(bridge.invokesOf('updateLoggedWorklogs').length).toBeGreaterThanOrEqual(1);
    expect(world.jira.worklogs('DEMO-2').map((w) => w.timeSpentSeconds)).toEqual([9000, 9000]);
  });

  test('a saved rounding changes what the issue panel says will be logged', async () => {
    const id = world.demo.records['DEMO-1 today']; // 1h 20m
    const before = await show(<IssuePanelApp />, world.issueContext('DEMO-1'));
    const willLog = (screen: Screen) => part(screen, id, 'will-log');
    expect(willLog(before)).toBe('1h 20m');

    const settings = await show(<ProjectSettingsApp />, world.projectContext(world.demo.adminAccountId));
    await settings.change(settings.field(s.roundingMode), 'up');
    await settings.change(settings.field(s.roundingIncrement), 30);
    await settings.submit();
    await settings.waitForText(s.saved);

    const after = await show(<IssuePanelApp />, world.issueContext('DEMO-1'));
    expect(willLog(after)).toBe('1h 30m');
  });
});

describe('admin page', () => {
  test('a Jira admin sees the server answering, checks again when it is down, and edits the defaults', async () => {
    const screen = await show(<AdminApp />, adminContext(world, world.demo.adminAccountId));
    expect(bridge.invokes.map((c) => c.functionKey)).toEqual(['getSiteSettings']);
    expect(screen.hasText(world.timecard.url)).toBe(true);
    expect(textOf(screen.byType('Lozenge')[0])).toBe(messages.admin.reachable);
    expect(screen.hasText(/answered in \d+ ms/)).toBe(true);
    expect(unlabeledControls(screen)).toEqual([]);

    world.timecard.setDown('refuse');
    await screen.click(screen.button(messages.admin.checkAgain));
    await screen.waitFor(() => textOf(screen.byType('Lozenge')[0]) === messages.admin.unreachable, { what: 'unreachable' });
    // The admin page (only it) says where and what to fix; people read only that the server is not answering.
    expect(screen.hasText(/could not be reached .*permissions\.external\.fetch\.backend/)).toBe(true);

    await screen.change(screen.field(s.roundingIncrement), 6);
    await screen.submit();
    await screen.waitForText(s.saved);
    const stored = await world.invoke('getSiteSettings', {}, adminContext(world, world.demo.adminAccountId));
    expect(stored.settings.defaults.roundingIncrementMinutes).toBe(6);
  });

  test('someone who is not a Jira admin reads that only admins can change the defaults', async () => {
    const screen = await show(<AdminApp />, adminContext(world, world.demo.accountId));
    expect(screen.hasText(messages.admin.adminsOnly)).toBe(true);
    expect(screen.byType('Form')).toHaveLength(0);
    expect(screen.hasText('{notes}')).toBe(true);
    const refused = await world.invoke(
      'saveSiteSettings',
      {
        settings: {
          defaults: {
            enabled: true,
            roundingMode: 'up',
            roundingIncrementMinutes: 30,
            minimumSeconds: 60,
            commentTemplate: '{notes}',
            estimatePolicy: 'auto',
            notifyWatchers: false,
            domains: [],
          },
        },
      },
      adminContext(world, world.demo.accountId),
    );
    expect(refused.error.code).toMatch(/^(forbidden|no-permission)$/);
  });
});
