// Routes the captured bridge's `invoke` to the real resolvers running against the emulators.
import React from 'react';
import { issuePanelContext, render, setupBridge, type FakeContext, type Screen } from '../support/forgeBridge';
import { App as IssuePanelApp } from '../../src/frontend/issue-panel/App';
import type { World } from '../support/world';
import type { InvokeContext } from '../../runtime/localApp';

/** A Forge-shaped context (all the fields the host sends) for one of the world's contexts. */
export function forgeContext(context: InvokeContext): FakeContext {
  const base = issuePanelContext();
  return {
    ...base,
    ...context,
    timezone: context.timezone ?? base.timezone,
    locale: context.locale ?? base.locale,
    extension: (context.extension ?? { type: 'jira:globalPage' }) as FakeContext['extension'],
  };
}

/** Renders from now on talk to `world` as the person and surface of `context`. */
export function useWorld(world: World, context: InvokeContext): void {
  setupBridge({
    context: forgeContext(context),
    invoke: (functionKey, payload, sent) => world.invoke(functionKey, payload, sent as unknown as InvokeContext),
  });
}

/** The issue panel of `issueKey` as `accountId` opens it (in StrictMode), once it has loaded. */
export async function openIssuePanel(world: World, issueKey: string, accountId = world.demo.accountId): Promise<Screen> {
  useWorld(world, world.issueContext(issueKey, accountId));
  const screen = await render(React.createElement(React.StrictMode, null, React.createElement(IssuePanelApp)));
  await screen.waitFor(() => screen.byType('Spinner').length === 0, { what: 'the panel to load' });
  return screen;
}

export function adminContext(world: World, accountId: string): InvokeContext {
  return { accountId, timezone: world.demo.timeZone, locale: 'en-US', extension: { type: 'jira:adminPage' } };
}

/** `2026-11-24T08:00:00Z` (the timecard server's format), `minutesAgo` before now. */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
