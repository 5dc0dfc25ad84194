// The sandbox: both emulators (or the servers JIRA_URL / TIMECARD_URL name), the demo data, the app
// running locally (real resolver and consumer code, real adapters, in-memory store, in-process
// queue) and a web server with the Jira-like pages that host the app's surfaces.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { Person } from './browser/protocol';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startJiraEmulator, type JiraLimits } from '../emulators/jira';
import type { JiraEmulator } from '../emulators/jira/types';
import { startTimecardEmulator, type TimecardEmulator } from '../emulators/timecard';
import { payloads } from '../src/shared/schemas';
import { DEMO, demoJiraSeed, seedDemoTimecard } from '../runtime/demoData';
import { LOCALES_FOLDER, readLocaleFiles } from '../runtime/forgeLocales';
import { createLocalApp, type InvokeContext, type LocalApp } from '../runtime/localApp';
import { OUT_DIR, type BuildReport } from './build';
import { CSP_REPORT_PATH, customUiCsp, manifestPermissions } from './csp';
import { readResources, type Surface } from './manifest';

export interface SandboxOptions {
  root: string;
  surfaces: Surface[];
  build: BuildReport;
  port: number;
  /** Use this Jira-compatible server instead of starting the emulator. */
  jiraUrl?: string;
  /** Use this timecard server instead of starting the emulator (nothing is seeded there). */
  timecardUrl?: string;
  jiraLatencyMs?: number;
  jiraFaults?: string;
  jiraRetryAfterSeconds?: number;
  /** Jira's rate limits in the emulator (none by default). */
  jiraLimits?: JiraLimits;
  log?: (line: string) => void;
}

export interface Sandbox {
  url: string;
  port: number;
  jiraUrl: string;
  timecardUrl: string;
  /** The demo timecard login (null with TIMECARD_URL: nothing was seeded there). */
  demo: { username: string | null; password: string | null; accountId: string };
  app: LocalApp;
  close(): Promise<void>;
}

const ROLES: Record<string, string> = {
  [DEMO.accountId]: 'May log work in DEMO',
  [DEMO.viewerAccountId]: 'May browse DEMO, not log work',
  [DEMO.adminAccountId]: 'Jira admin, DEMO project admin',
};

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is already in use.`);
  }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The BCP 47 language of a surface's Forge context (`?ctx=`), for its page's `lang`. */
function contextLanguage(ctx: string | null): string {
  try {
    const locale = (JSON.parse(ctx ?? '{}') as { locale?: unknown }).locale;
    if (typeof locale === 'string' && /^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$/.test(locale)) return locale.replace(/_/g, '-');
  } catch {
    // no context: English, as before
  }
  return 'en';
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(html);
}

function invalid(res: ServerResponse, message: string) {
  sendJson(res, 400, { error: { code: 'invalid-payload', message } });
}

/** Serves a file below `base` (never outside it); false when there is none. */
function serveFile(res: ServerResponse, base: string, relative: string, cache = 'no-cache'): boolean {
  const file = path.resolve(base, '.' + path.posix.normalize('/' + relative));
  if (!file.startsWith(path.resolve(base) + path.sep)) return false;
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
  createReadStream(file).pipe(res);
  return true;
}

async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('Body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorPage(title: string, detail: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px/20px -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;margin:0;padding:8px;color:#172B4D}
.msg{border-radius:3px;background:#FFEBE6;padding:16px}h2{font-size:16px;margin:0 0 8px}pre{white-space:pre-wrap;font-size:12px;margin:0}</style>
</head><body><div class="msg" role="alert"><h2>${escapeHtml(title)}</h2><pre>${escapeHtml(detail)}</pre></div></body></html>`;
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const log = options.log ?? (() => undefined);
  const started: { close(): Promise<void> }[] = [];
  let app: LocalApp | null = null;
  try {
    let jiraUrl = options.jiraUrl?.replace(/\/+$/, '');
    let jira: JiraEmulator | null = null;
    if (!jiraUrl) {
      jira = await startJiraEmulator({
        latencyMs: options.jiraLatencyMs ?? 0,
        faults: options.jiraFaults || undefined,
        retryAfterSeconds: options.jiraRetryAfterSeconds,
        limits: options.jiraLimits,
        seed: demoJiraSeed(),
      });
      started.push(jira);
      jiraUrl = jira.url;
    } else {
      await seedExternalEmulator(jiraUrl, log);
    }

    let timecardUrl = options.timecardUrl?.replace(/\/+$/, '');
    let timecard: TimecardEmulator | null = null;
    if (!timecardUrl) {
      timecard = await startTimecardEmulator({});
      started.push(timecard);
      seedDemoTimecard(timecard);
      timecardUrl = timecard.url;
    }

    app = createLocalApp({ jiraUrl, timecardUrl });
    const localApp = app;
    // Worklogs edited or deleted in the emulated Jira reach the app's trigger, as Forge delivers product events.
    if (jira) jira.onProductEvent((event) => localApp.productEvents.deliver(event));
    const people: Person[] = (demoJiraSeed().users ?? []).map((u) => ({
      accountId: u.accountId,
      displayName: u.displayName,
      timeZone: u.timeZone,
      locale: u.locale.replace('_', '-'),
      role: ROLES[u.accountId] ?? '',
    }));
    const info = {
      jiraUrl,
      timecardUrl,
      demo: timecard
        ? { username: DEMO.timecardUser, password: DEMO.timecardPassword, accountId: DEMO.accountId }
        : { username: null, password: null, accountId: DEMO.accountId },
    };
    const frameInfo = {
      ...info,
      people,
      project: { key: DEMO.projectKey, id: DEMO.projectId, name: 'Demo Project' },
      surfaces: options.surfaces.map((s) => ({
        type: s.type,
        key: s.key,
        title: s.title,
        titles: s.titles,
        render: s.render,
        resourceKey: s.resourceKey,
      })),
      unavailable: options.build.missing,
    };
    const buildDir = path.join(options.root, OUT_DIR);
    const resources = readResources(options.root);
    const permissions = manifestPermissions(options.root);
    const byKey = new Map(options.surfaces.map((s) => [s.key, s]));
    // Forge serves the translations beside every resource (`./__LOCALES__/…`, see runtime/forgeLocales.ts).
    const localeFiles = readLocaleFiles(options.root);

    async function invoke(req: IncomingMessage, res: ServerResponse) {
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return invalid(res, 'The body must be JSON: { "functionKey": string, "payload": object, "context": { "accountId": string, ... } }.');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid(res, 'The body must be a JSON object.');
      const { functionKey, payload, context } = body as { functionKey?: unknown; payload?: unknown; context?: unknown };
      if (typeof functionKey !== 'string' || functionKey === '') return invalid(res, '"functionKey" must be a resolver key.');
      if (!Object.prototype.hasOwnProperty.call(payloads, functionKey)) {
        return invalid(res, `Unknown functionKey "${functionKey.slice(0, 80)}". Known: ${Object.keys(payloads).join(', ')}.`);
      }
      if (payload !== undefined && payload !== null && (typeof payload !== 'object' || Array.isArray(payload))) {
        return invalid(res, '"payload" must be an object.');
      }
      let ctx: InvokeContext;
      // Forge always knows who acts: a call without a context is refused, never run as someone.
      if (context === undefined || context === null) {
        return invalid(
          res,
          'Send "context" with the acting person\'s "accountId", e.g. { "accountId": "demo-alice", "extension": { "type": "jira:globalPage" } }.',
        );
      }
      if (typeof context !== 'object' || Array.isArray(context)) return invalid(res, '"context" must be an object with "accountId".');
      else {
        const c = context as Record<string, unknown>;
        if (typeof c.accountId !== 'string' || c.accountId.trim() === '') return invalid(res, '"context.accountId" must be a non-empty string.');
        if (c.extension !== undefined && (typeof c.extension !== 'object' || c.extension === null || Array.isArray(c.extension))) {
          return invalid(res, '"context.extension" must be an object such as { "type": "jira:issuePanel", "issue": { "key": "DEMO-1" } }.');
        }
        ctx = c as InvokeContext;
      }
      try {
        const result = await localApp.invoke(functionKey, payload ?? {}, ctx);
        sendJson(res, 200, result === undefined ? null : result);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (/no definition for/i.test(message)) return invalid(res, `Unknown functionKey "${functionKey}".`);
        log(`Resolver ${functionKey} threw: ${error instanceof Error ? (error.stack ?? message) : message}`);
        sendJson(res, 500, { error: { code: 'internal', message: 'The resolver failed unexpectedly. See the sandbox console.' } });
      }
    }

    /** GET-only pass-through to Jira as a chosen person, for the frame's own views (issue, worklogs, issue list). */
    async function jiraProxy(req: IncomingMessage, res: ServerResponse, url: URL) {
      if (req.method !== 'GET') return sendJson(res, 405, { error: { code: 'invalid-payload', message: 'The frame only reads from Jira.' } });
      const as = String(req.headers['x-sandbox-as'] ?? url.searchParams.get('as') ?? DEMO.accountId);
      url.searchParams.delete('as');
      const target = `${jiraUrl}${url.pathname.slice('/api/jira'.length)}${url.search}`;
      for (let attempt = 0; ; attempt++) {
        let response: Response;
        try {
          response = await fetch(target, { headers: { authorization: `Bearer ${as}`, accept: 'application/json' } });
        } catch (error) {
          return sendJson(res, 502, { errorMessages: [`Jira at ${jiraUrl} did not answer: ${(error as Error).message}`] });
        }
        if ((response.status === 429 || response.status === 503) && attempt < 8) {
          const retryAfter = Number(response.headers.get('retry-after'));
          await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 5) * 1000 : 300 * 2 ** Math.min(attempt, 3));
          continue;
        }
        res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json', 'cache-control': 'no-store' });
        res.end(Buffer.from(await response.arrayBuffer()));
        return;
      }
    }

    /** The surface's page in the language of its context (as Jira's frame names it). */
    function uiKitPage(surface: Surface, lang: string): string {
      const missing = options.build.missing[surface.key];
      if (missing) return errorPage(`${surface.title} could not be built`, missing);
      const appCss = existsSync(path.join(buildDir, 'apps', `${surface.resourceKey}.css`))
        ? `<link rel="stylesheet" href="/build/apps/${surface.resourceKey}.css">`
        : '';
      // The host (bridge + renderer) runs first and defines window.__bridge; then the app's own entry file.
      return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(surface.title)}</title>
<link rel="stylesheet" href="/build/host/uikit-host.css">${appCss}
<script type="module" src="/build/host/uikit-host.js"></script>
<script type="module" src="/build/apps/${surface.resourceKey}.js"></script>
</head>
<body><div id="forge-ui-root"></div></body>
</html>`;
    }

    /** The page as built, with the bridge shim, and the CSP Forge serves it with (computed from the page as built). */
    function customUiPage(surface: Surface, origin: string): { html: string; csp: string } | null {
      const index = path.join(surface.resourcePath, 'index.html');
      if (!existsSync(index)) return null;
      const html = readFileSync(index, 'utf8');
      // Before any of the page's own scripts: the bridge (classic script from this origin, runs at once).
      const shim = '<script src="/build/customui-bridge.js"></script>';
      const page = /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}\n    ${shim}`) : shim + html;
      return { html: page, csp: customUiCsp(html, permissions, origin) };
    }

    function framePage(): string {
      return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Jira (sandbox) · Timecard for Jira</title>
<link rel="icon" href="/resources/assets/timecard.svg">
<link rel="stylesheet" href="/build/host/frame.css">
<script type="module" src="/build/host/frame.js"></script>
</head>
<body><div id="root"></div></body>
</html>`;
    }

    async function handle(req: IncomingMessage, res: ServerResponse) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const p = url.pathname;
      if (p === '/api/sandbox' && req.method === 'GET') return sendJson(res, 200, info);
      if (p === '/api/sandbox/frame' && req.method === 'GET') return sendJson(res, 200, frameInfo);
      if (p === CSP_REPORT_PATH && req.method === 'POST') {
        const report = (JSON.parse((await readBody(req)) || '{}') as { 'csp-report'?: Record<string, string> })['csp-report'] ?? {};
        log(
          `Content-Security-Policy violation on ${report['document-uri'] ?? '?'}: ${report['violated-directive'] ?? '?'} blocked ${report['blocked-uri'] ?? '?'}`,
        );
        res.writeHead(204);
        return res.end();
      }
      if (p === '/api/invoke') {
        if (req.method !== 'POST')
          return sendJson(res, 405, { error: { code: 'invalid-payload', message: 'Use POST with { functionKey, payload, context }.' } });
        return invoke(req, res);
      }
      if (p === '/api/scheduled-trigger') {
        // Forge fires the automatic-sync trigger every hour; here a script or browser test fires it.
        if (req.method !== 'POST')
          return sendJson(res, 405, { error: { code: 'invalid-payload', message: 'Use POST to fire the automatic-sync trigger.' } });
        return sendJson(res, 200, await localApp.fireScheduledTrigger());
      }
      if (p === '/api/reconcile') {
        // Forge runs the reconciliation of Jira's worklog change feeds every hour; here the frame's button runs it.
        if (req.method !== 'POST') return sendJson(res, 405, { error: { code: 'invalid-payload', message: 'Use POST to run the reconciliation.' } });
        await localApp.runReconcile();
        return sendJson(res, 200, { ran: true });
      }
      if (p.startsWith('/api/jira/')) return jiraProxy(req, res, url);
      if (p.startsWith('/api/')) return sendJson(res, 404, { error: { code: 'invalid-payload', message: `No sandbox API at ${p}` } });
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendJson(res, 405, { error: { code: 'invalid-payload', message: 'Method not allowed' } });

      if (p.startsWith('/build/')) {
        if (serveFile(res, buildDir, p.slice('/build/'.length))) return;
        return sendHtml(res, 404, errorPage('Not found', p));
      }
      const resource = /^\/resources\/([^/]+)\/(.+)$/.exec(p);
      if (resource) {
        const dir = resources[resource[1]];
        if (dir && existsSync(dir) && statSync(dir).isDirectory() && serveFile(res, dir, resource[2], 'max-age=3600')) return;
        return sendHtml(res, 404, errorPage('Not found', p));
      }
      if (p === '/uikit-host' || p === '/uikit-host/') {
        // The UI Kit host alone (bridge + renderer, no app): tests feed it ForgeDocs directly.
        return sendHtml(
          res,
          200,
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>UI Kit host</title>
<link rel="stylesheet" href="/build/host/uikit-host.css"><script type="module" src="/build/host/uikit-host.js"></script>
</head><body><div id="forge-ui-root"></div></body></html>`,
        );
      }
      const surfaceMatch = /^\/surface\/([^/]+)(\/.*)?$/.exec(p);
      if (surfaceMatch) {
        const surface = byKey.get(surfaceMatch[1]);
        if (!surface) return sendHtml(res, 404, errorPage('No such module', `manifest.yml has no module "${surfaceMatch[1]}"`));
        const rest = surfaceMatch[2] ?? '';
        const localeFile = rest.startsWith(`/${LOCALES_FOLDER}/`) ? localeFiles?.files.get(rest.slice(LOCALES_FOLDER.length + 2)) : undefined;
        if (localeFile !== undefined) return sendJson(res, 200, JSON.parse(localeFile));
        if (surface.render === 'native') return sendHtml(res, 200, uiKitPage(surface, contextLanguage(url.searchParams.get('ctx'))));
        if (rest === '') {
          res.writeHead(302, { location: `/surface/${surface.key}/${url.search}` });
          return res.end();
        }
        if (rest === '/' || rest === '/index.html') {
          const page = customUiPage(surface, `http://${req.headers.host ?? 'localhost'}`);
          if (page) return sendHtml(res, 200, page.html, { 'content-security-policy': page.csp });
          return sendHtml(
            res,
            200,
            errorPage(
              `${surface.title} is not built`,
              options.build.missing[surface.key] ?? `Run npm run build (no ${surface.resource}/index.html).`,
            ),
          );
        }
        if (serveFile(res, surface.resourcePath, rest.slice(1), 'max-age=3600')) return;
        return sendHtml(res, 404, errorPage('Not found', p));
      }
      if (p === '/favicon.ico') return serveFile(res, path.join(options.root, 'static/assets'), 'timecard.svg') || sendHtml(res, 404, '');
      // Every other path is a page of the frame (it routes on the client).
      return sendHtml(res, 200, framePage());
    }

    const server: Server = createServer((req, res) => {
      handle(req, res).catch((error) => {
        log(`Request ${req.method} ${req.url} failed: ${(error as Error).stack ?? error}`);
        if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'The sandbox server failed on this request.' } });
        else res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(options.port) : error));
      // Loopback only: the sandbox runs the app as whoever the frame says (no auth), so it must not be
      // reachable from the network. 127.0.0.1, not `localhost`: that can resolve to ::1 only, which some
      // clients do not try; the printed `http://localhost:<port>` reaches it wherever localhost has an IPv4
      // entry (every common system).
      server.listen(options.port, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    let closing: Promise<void> | null = null;
    return {
      url: `http://localhost:${port}`,
      port,
      jiraUrl,
      timecardUrl,
      demo: info.demo,
      app: localApp,
      close() {
        closing ??= (async () => {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          localApp.close();
          await Promise.allSettled(started.map((s) => s.close()));
        })();
        return closing;
      },
    };
  } catch (error) {
    app?.close();
    await Promise.allSettled(started.map((s) => s.close()));
    throw error;
  }
}

/** JIRA_URL pointing at another copy of the repo's emulator: give it the demo world if it lacks DEMO. */
async function seedExternalEmulator(jiraUrl: string, log: (line: string) => void) {
  try {
    const state = await fetch(`${jiraUrl}/__emulator/state`, { signal: AbortSignal.timeout(3000) });
    if (!state.ok) return; // not an emulator: a real Jira-compatible server is used as it is
    const snapshot = JSON.stringify(await state.json());
    if (snapshot.includes(`"${DEMO.projectKey}-1"`)) return;
    const seeded = await fetch(`${jiraUrl}/__emulator/seed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demoJiraSeed()),
    });
    if (seeded.ok) log(`Seeded the demo project ${DEMO.projectKey} into the Jira emulator at ${jiraUrl}.`);
  } catch {
    // not reachable or not an emulator: the app reports what Jira answers
  }
}
