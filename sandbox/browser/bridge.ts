// The Forge bridge as the sandbox provides it inside a surface's iframe: `window.__bridge.callBridge`
// answers what the Jira host answers. The surface's Forge context arrives in the iframe URL
// (`?ctx=<json>`), set by the frame for the chosen person and the place the surface is shown.
//   invoke      → POST /api/invoke { functionKey, payload, context } (the real resolver, run as Forge runs it)
//   getContext  → that context
//   navigate    → the frame navigates (router.navigate / router.open)
//   reconcile   → the UI Kit host renders the ForgeDoc (only UI Kit surfaces pass `onReconcile`)
import type { ForgeContext, OutgoingMessage } from './protocol';
import { FRAME_MESSAGE_SOURCE } from './protocol';

export type CallBridge = (cmd: string, data?: unknown) => Promise<unknown>;

export interface BridgeOptions {
  onReconcile?: (forgeDoc: unknown) => void;
  onError?: (error: unknown) => void;
}

declare global {
  interface Window {
    __bridge?: { callBridge: CallBridge };
  }
}

export function readContext(): ForgeContext {
  const raw = new URLSearchParams(window.location.search).get('ctx');
  if (raw) {
    try {
      return JSON.parse(raw) as ForgeContext;
    } catch {
      // fall through to a minimal context
    }
  }
  return {
    accountId: 'demo-alice',
    cloudId: 'sandbox-cloud',
    siteUrl: window.location.origin,
    localId: 'sandbox',
    moduleKey: 'unknown',
    environmentId: 'sandbox',
    environmentType: 'DEVELOPMENT',
    timezone: 'UTC',
    locale: 'en-US',
    extension: { type: 'unknown' },
  };
}

export function postToFrame(message: OutgoingMessage): void {
  if (window.parent && window.parent !== window) {
    window.parent.postMessage({ ...message, source: FRAME_MESSAGE_SOURCE }, window.location.origin);
  }
}

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** Resolver calls that change something: the frame re-reads Jira after them. */
const READS = new Set([
  'getConnection',
  'getIssuePanel',
  'listRecords',
  'searchIssues',
  'getSyncHistory',
  'getProjectSettings',
  'getSiteSettings',
  'checkTimecardServer',
]);

export function createBridge(context: ForgeContext, options: BridgeOptions = {}): { callBridge: CallBridge } {
  async function invoke(data: { functionKey?: unknown; payload?: unknown }) {
    const response = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // Like the real bridge: the payload crosses as JSON.
      body: JSON.stringify({ functionKey: data?.functionKey, payload: data?.payload ?? {}, context }),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      throw new Error(`The resolver answered HTTP ${response.status} without JSON`);
    }
    if (!READS.has(String(data?.functionKey))) postToFrame({ type: 'invoked', functionKey: String(data?.functionKey) });
    if (!response.ok) {
      // What Forge does when the function itself fails: the invoke promise rejects.
      const message = (body as { error?: { message?: string } })?.error?.message ?? `HTTP ${response.status}`;
      throw new Error(message);
    }
    return body;
  }

  async function callBridge(cmd: string, data?: unknown): Promise<unknown> {
    switch (cmd) {
      case 'invoke':
        return invoke(data as { functionKey?: unknown; payload?: unknown });
      case 'getContext':
        return clone(context);
      case 'reconcile':
        options.onReconcile?.((data as { forgeDoc: unknown }).forgeDoc);
        return undefined;
      case 'onError':
        options.onError?.((data as { error?: unknown })?.error);
        return undefined;
      case 'navigate':
        postToFrame({ type: 'navigate', location: clone(data) as Record<string, unknown> });
        return undefined;
      case 'getUrl':
        return new URL(locationToPath(data as Record<string, unknown>, context), window.location.origin).toString();
      case 'showFlag':
        postToFrame({ type: 'flag', flag: clone(data) as Record<string, unknown> });
        return undefined;
      case 'refresh':
      case 'reload':
        window.location.reload();
        return undefined;
      case 'enableTheming':
      case 'emitReadyEvent':
      case 'changeWindowTitle':
      case 'closeFlag':
      case 'submit':
      case 'close':
      case 'trackFeatureFlagEvent':
      case 'initFeatureFlags':
        return undefined;
      default:
        // Visible in the browser console, so a gap in the sandbox is obvious rather than silent.
        console.warn(`[sandbox bridge] "${cmd}" is not available in the sandbox`, data);
        throw new Error(`The sandbox bridge does not support "${cmd}"`);
    }
  }

  return { callBridge };
}

/** Where a Forge NavigationLocation leads in the sandbox frame. */
export function locationToPath(location: Record<string, unknown>, context: Pick<ForgeContext, 'extension'>): string {
  if (typeof location?.url === 'string') return location.url;
  switch (location?.target) {
    case 'issue':
      return `/browse/${encodeURIComponent(String(location.issueKey ?? ''))}`;
    case 'module':
      return `/module/${encodeURIComponent(String(location.moduleKey ?? ''))}`;
    case 'projectSettingsDetails':
      return `/projects/${encodeURIComponent(String(location.projectKey ?? context.extension.project?.key ?? ''))}/settings`;
    case 'dashboard':
    default:
      return '/';
  }
}

/** Reports the content's height to the frame (Forge sizes surface iframes to their content). */
export function reportSize(measure: () => number, extra: () => { modal?: boolean } = () => ({})): () => void {
  let last = -1;
  let lastExtra = '';
  const send = () => {
    const height = Math.ceil(measure());
    const more = extra();
    const key = JSON.stringify(more);
    if (height === last && key === lastExtra) return;
    last = height;
    lastExtra = key;
    postToFrame({ type: 'resize', height, ...more });
  };
  const observer = new ResizeObserver(send);
  const start = () => {
    observer.observe(document.documentElement);
    if (document.body) observer.observe(document.body);
    send();
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
  return send;
}
