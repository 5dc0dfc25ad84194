// Each entry file renders its surface with ForgeReconciler in StrictMode and paints from one call.
import {
  bridge,
  adminPageContext,
  issuePanelContext,
  projectSettingsContext,
  renderEntry,
  setupBridge,
  unlabeledControls,
} from '../support/forgeBridge';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PROJECT_SETTINGS } from '../../src/shared/contract';
import { GLOBAL_PAGE_MODULE_KEY } from '../../src/frontend/common/navigation';
import { panel, record } from './stubs';

const answers: Record<string, unknown> = {
  getIssuePanel: panel([record({ id: 1 }), record({ id: 2, linkSource: 'suggested', issueKey: null })]),
  getProjectSettings: { settings: DEFAULT_PROJECT_SETTINGS, canEdit: true, projectKey: 'DEMO' },
  getSiteSettings: {
    settings: { defaults: DEFAULT_PROJECT_SETTINGS },
    canEdit: true,
    server: { url: 'https://timecard.example.com', configured: true, reachable: true, latencyMs: 12, message: 'OK' },
  },
};

const entries = [
  { name: 'issue panel', load: () => require('../../src/frontend/issue-panel/index'), context: issuePanelContext(), call: 'getIssuePanel' },
  {
    name: 'project settings',
    load: () => require('../../src/frontend/project-settings/index'),
    context: projectSettingsContext(),
    call: 'getProjectSettings',
  },
  { name: 'admin page', load: () => require('../../src/frontend/admin/index'), context: adminPageContext(), call: 'getSiteSettings' },
];

describe.each(entries)('$name entry', ({ load, context, call }) => {
  test(`renders and paints from one ${call} call, every control labelled`, async () => {
    setupBridge({ context, invoke: async (key) => answers[key] });
    const screen = await renderEntry(load);
    await screen.waitFor(() => screen.byType('Spinner').length === 0, { what: 'first paint' });
    expect(bridge.invokes.map((c) => c.functionKey)).toEqual([call]);
    expect(unlabeledControls(screen)).toEqual([]);
    expect(bridge.errors).toEqual([]);
  });
});

test('the global page module key the panel navigates to is the one in manifest.yml', () => {
  const manifest = readFileSync(join(__dirname, '../../manifest.yml'), 'utf8');
  const match = /jira:globalPage:\s*\n\s*-\s*key:\s*(\S+)/.exec(manifest);
  expect(match?.[1]).toBe(GLOBAL_PAGE_MODULE_KEY);
});

test('each UI Kit resource in manifest.yml is one of these entry files', () => {
  const manifest = readFileSync(join(__dirname, '../../manifest.yml'), 'utf8');
  for (const path of ['src/frontend/issue-panel/index.tsx', 'src/frontend/project-settings/index.tsx', 'src/frontend/admin/index.tsx']) {
    expect(manifest).toContain(`path: ${path}`);
  }
});
