/**
 * @jest-environment ./tests/ui/globalPage/jsdomWithNodeNetworking.js
 */
// The UI Kit resources as Forge's NativeUIBundler built them (build/forge-package/resources), run in
// a page with the host's bridge (`__bridge`, as Forge's UI Kit frame provides it) and their
// resolver calls answered by the bundled resolver against the emulators: the whole package, end
// to end, with no source module of the app loaded.
import {
  bridge,
  adminPageContext,
  issuePanelContext,
  projectSettingsContext,
  setupBridge,
  textOf,
  type FakeContext,
  type ForgeDoc,
} from '../support/forgeBridge';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO } from '../../runtime/demoData';
import { openPackagedApp, PACKAGE_DIR, type PackagedApp } from './packagedApp';

let app: PackagedApp;

beforeAll(async () => {
  app = await openPackagedApp();
  expect(await app.resolve('connectTimecard', { username: DEMO.timecardUser, password: DEMO.timecardPassword })).toMatchObject({ connected: true });
});
afterAll(() => app?.close());

/** Loads the resource's bundle as its index.html does (a classic script from the resource's folder). */
function loadBundle(resourceKey: string) {
  const dir = path.join(PACKAGE_DIR, 'resources', resourceKey);
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const src = /<script[^>]*\ssrc="?([^"\s>]+)/.exec(html)?.[1];
  if (!src) throw new Error(`resources/${resourceKey}/index.html loads no script`);
  document.body.innerHTML = '';
  const tag = document.createElement('script');
  tag.src = `https://resource.local/${resourceKey}/${src}`; // webpack finds its public path from this tag
  document.body.appendChild(tag);
  new Function(readFileSync(path.join(dir, src), 'utf8'))();
}

const latestDoc = (): ForgeDoc | undefined => bridge.calls.filter((c) => c.cmd === 'reconcile').at(-1)?.data.forgeDoc;

async function shown(match: RegExp, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = textOf(latestDoc());
    if (match.test(text)) return text;
    if (Date.now() > until) throw new Error(`Expected ${match} on the screen, saw: ${text || '(nothing rendered)'}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The host's invoke, as Forge routes it: to the resolver function, as the person of the context. */
async function invokeBundledResolver(functionKey: string, payload: unknown, context: FakeContext) {
  const { accountId, ...rest } = context;
  const result = await app.run('resolver', { call: { functionKey, payload }, context: rest }, accountId!);
  if (!result.success) throw new Error(`The bundled resolver threw: ${result.error?.errorMessage}`);
  return result.body;
}

test.each([
  {
    resource: 'issue-panel',
    context: () => issuePanelContext({ accountId: DEMO.accountId, issueKey: 'DEMO-2', projectId: DEMO.projectId, timezone: DEMO.timeZone }),
    call: 'getIssuePanel',
    text: /Log all not synced \(9\).*\w{3} \d{1,2} \w{3} \d\d:\d\d–\d\d:\d\d Not synced 2h 15m → 2h 15m Log Details/,
  },
  {
    resource: 'project-settings',
    context: () => projectSettingsContext({ accountId: DEMO.adminAccountId, projectId: DEMO.projectId }),
    call: 'getProjectSettings',
    text: /Timecard for DEMO.*Rounding increment.*Minimum duration/,
  },
  {
    resource: 'admin',
    context: () => adminPageContext({ accountId: DEMO.adminAccountId }),
    call: 'getSiteSettings',
    text: /Server address http:\/\/127\.0\.0\.1:\d+ Reachable/,
  },
])('the bundled $resource renders what the bundled resolver answers ($call)', async ({ resource, context, call, text }) => {
  setupBridge({ context: context(), invoke: invokeBundledResolver });
  loadBundle(resource);
  await shown(text);
  expect(bridge.invokes.map((c) => c.functionKey)).toContain(call);
  expect(bridge.errors).toEqual([]);
});

test('every resource and the functions carry the translations as Forge serves them (__LOCALES__)', () => {
  const locales = ['en-US', 'de-DE', 'fr-FR', 'es-ES', 'ja-JP'];
  for (const dir of ['resources/issue-panel', 'resources/project-settings', 'resources/admin', 'resources/global-page', 'functions']) {
    const folder = path.join(PACKAGE_DIR, dir, '__LOCALES__');
    for (const locale of locales) {
      expect(JSON.parse(readFileSync(path.join(folder, `${locale}.json`), 'utf8'))).toEqual(
        JSON.parse(readFileSync(path.join(__dirname, '../../locales', `${locale}.json`), 'utf8')),
      );
    }
    const info = JSON.parse(readFileSync(path.join(folder, 'i18n-info.json'), 'utf8'));
    expect(info.config).toEqual({ locales: [...locales].sort(), fallback: { default: 'en-US' } });
    expect(info.translations['app.issuePanel.title']).toMatchObject({ 'en-US': 'Log from timecard', 'de-DE': 'Aus Timecard buchen' });
  }
});
