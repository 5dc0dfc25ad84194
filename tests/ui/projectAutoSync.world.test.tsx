// Project settings → "Automatic logging": a project admin forbids automatic sync for the project (the
// real resolvers and emulators); others read whether it is allowed.
import { bridge, render, unlabeledControls, type Screen } from '../support/forgeBridge';
import React from 'react';
import { startWorld, type World } from '../support/world';
import { App as ProjectSettingsApp } from '../../src/frontend/project-settings/App';
import { messages } from '../../src/frontend/common/messages';
import type { InvokeContext } from '../../runtime/localApp';
import { useWorld } from './worldBridge';
import { ok } from '../integration/syncHelpers';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(() => world.close());

async function show(context: InvokeContext): Promise<Screen> {
  useWorld(world, context);
  const screen = await render(
    <React.StrictMode>
      <ProjectSettingsApp />
    </React.StrictMode>,
  );
  await screen.waitFor(() => screen.byType('Spinner').length === 0, { what: 'first paint' });
  return screen;
}

const m = messages.autoSync;

test('a project admin turns automatic logging off for the project; it is stored, and shown to others', async () => {
  const admin = world.projectContext(world.demo.adminAccountId);
  const screen = await show(admin);
  // Still one call paints the page.
  expect(bridge.invokes.map((c) => c.functionKey)).toEqual(['getProjectSettings']);
  expect(unlabeledControls(screen)).toEqual([]);
  const toggle = screen.field(m.allowed);
  expect(toggle.type).toBe('Toggle');
  expect(toggle.props.isChecked).toBe(true);

  await screen.change(toggle, false);
  await screen.waitFor(() => screen.field(m.allowed).props.isChecked === false, { what: 'the switch off' });
  expect(bridge.invokes.map((c) => c.functionKey)).toEqual(['getProjectSettings', 'saveProjectAutoSync']);
  expect(ok(await world.invoke('getProjectSettings', {}, admin)).autoSyncAllowed).toBe(false);

  const other = await show(world.projectContext(world.demo.accountId));
  expect(other.hasText(m.readOnly(false))).toBe(true);
  expect(other.byType('Toggle').filter((t) => t.props.id === 'project-auto-sync')).toHaveLength(0);
});
