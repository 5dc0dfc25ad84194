// Import FIRST in a global-page test (before the app): installs `window.__bridge` the way the Forge
// host provides it to a Custom UI iframe, plus the few browser APIs jsdom lacks that Atlaskit uses.
// `invoke` goes to whatever the test routes it to (a FakeBackend, or the real resolvers).
import path from 'node:path';
import { readLocaleFiles } from '../../../runtime/forgeLocales';

/** The manifest's translations as Forge serves them beside the page (`__LOCALES__/…`), read once. */
const localeFiles = readLocaleFiles(path.resolve(__dirname, '../../..'));

export type InvokeRoute = (functionKey: string, payload: Record<string, unknown>) => Promise<unknown>;

export interface ShimContext {
  accountId: string;
  timezone: string;
  locale: string;
  siteUrl: string;
  cloudId: string;
  moduleKey: string;
  extension: { type: string };
}

export const shim = {
  route: null as InvokeRoute | null,
  context: {
    accountId: 'user-1',
    timezone: 'Europe/Berlin',
    locale: 'en_GB',
    siteUrl: 'https://example.atlassian.net',
    cloudId: 'cloud-1',
    moduleKey: 'timecard-sync-page',
    extension: { type: 'jira:globalPage' },
  } as ShimContext,
  /** Every non-invoke bridge call (open, navigate, enableTheming ...). */
  other: [] as { cmd: string; data: unknown }[],
  downloads: [] as { name: string; text: string }[],
  reset() {
    this.route = null;
    this.other = [];
    this.downloads = [];
    try {
      window.sessionStorage.clear();
    } catch {
      // ignore
    }
  },
};

(globalThis as unknown as { __bridge: unknown }).__bridge = {
  callBridge: async (cmd: string, data?: { functionKey: string; payload?: Record<string, unknown> }) => {
    if (cmd === 'invoke') {
      if (!shim.route) throw new Error('No invoke route set in this test');
      // Like the real bridge: payload and result cross a JSON boundary.
      const payload = JSON.parse(JSON.stringify(data?.payload ?? {}));
      return JSON.parse(JSON.stringify(await shim.route(data!.functionKey, payload)));
    }
    if (cmd === 'getContext') return JSON.parse(JSON.stringify(shim.context));
    shim.other.push({ cmd, data });
    return undefined;
  },
};

// Forge serves the manifest's translations beside the page (`./__LOCALES__/…`), which @forge/bridge's
// i18n fetches; here they come from the repo's files as the sandbox serves them.
const nodeFetch = (globalThis as { fetch?: typeof fetch }).fetch;
(globalThis as { fetch?: unknown }).fetch = async (input: string | URL | Request, init?: RequestInit) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const name = /__LOCALES__\/([^/?#]+)$/.exec(url)?.[1];
  if (name) {
    const body = localeFiles?.files.get(name) ?? null;
    return {
      ok: body !== null,
      status: body === null ? 404 : 200,
      statusText: body === null ? 'Not Found' : 'OK',
      json: async () => JSON.parse(body ?? 'null'),
    };
  }
  if (!nodeFetch) throw new TypeError(`fetch is not available in this test (${url})`);
  return nodeFetch(input, init);
};

// --- jsdom gaps used by Atlaskit (motion, tooltip, top layer) and by the CSV download ---
const w = window as unknown as Record<string, unknown>;
if (!w.matchMedia) {
  w.matchMedia = (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  });
}
class NoopObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
if (!w.ResizeObserver) w.ResizeObserver = NoopObserver;
if (!w.IntersectionObserver) w.IntersectionObserver = NoopObserver;
const proto = HTMLElement.prototype as unknown as Record<string, unknown>;
if (!proto.showPopover) proto.showPopover = function () {};
if (!proto.hidePopover) proto.hidePopover = function () {};
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = function () {};

// CSV export: capture what would be downloaded.
const blobs = new Map<string, Blob>();
let blobSeq = 0;
URL.createObjectURL = (blob: Blob) => {
  const url = `blob:test/${++blobSeq}`;
  blobs.set(url, blob);
  return url;
};
URL.revokeObjectURL = () => undefined;
const anchorClick = HTMLAnchorElement.prototype.click;
HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
  const blob = blobs.get(this.href);
  if (!blob) return anchorClick.call(this);
  const name = this.download;
  const reader = new FileReader();
  // read the bytes (readAsText would drop a byte-order mark) and decode UTF-8 ourselves
  reader.onload = () => shim.downloads.push({ name, text: decodeURIComponent(escape(String(reader.result))) });
  reader.readAsBinaryString(blob);
};

// Atlaskit's feature flags: the built page answers every gate `false` (see vite.config.ts); say the
// same here instead of letting the uninitialised Statsig client warn.
(globalThis as unknown as Record<string, unknown>).__PLATFORM_FEATURE_FLAGS__ = { booleanResolver: () => false };
