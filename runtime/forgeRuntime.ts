// A local stand-in for the Forge runtime globals, so `@forge/api` runs unchanged in tests and the
// sandbox: Jira product calls go to a Jira-compatible server (the emulator) with
// `Authorization: Bearer <accountId>` for asUser and `Bearer app` for asApp.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What @forge/api passes as the first argument of `__forge_fetch__`. */
export interface ForgeFetchTarget {
  type: string; // 'fpp' (first-party product), 'tpp' (external auth), 'kvs', ...
  provider?: string; // 'user' | 'app' | 'none'
  remote?: string; // 'jira' | 'confluence' | 'stargate' | 'kvs' ...
  accountId?: string;
}

export interface JiraRequestInfo {
  method: string;
  path: string;
  /** null for asApp. */
  accountId: string | null;
  status: number | null;
  error?: string;
}

export interface ForgeRuntimeOptions {
  jiraUrl: string;
  onJiraRequest?(info: JiraRequestInfo): void;
  /** How outgoing HTTP is sent (default: Node's fetch). */
  fetch?: typeof fetch;
  /** Remaining invocation time reported by getAppContext() (default 25 s). */
  remainingTimeMs?: () => number;
  /** Answers @forge/kvs's calls (see forgePlatformWire.ts); without it they fail as not available locally. */
  kvs?(path: string, init?: RequestInit): Promise<Response>;
  /** Answers @forge/events's queue calls (asApp to stargate, /webhook/queue/...). */
  queue?(path: string, init?: RequestInit): Promise<Response>;
}

interface Invocation {
  accountId: string;
}

const invocation = new AsyncLocalStorage<Invocation>();

/** Runs `fn` as an invocation by `accountId`: `asUser()` inside it (and everything it awaits) acts as that person. */
export function runAsUser<T>(accountId: string, fn: () => T): T {
  return invocation.run({ accountId }, fn);
}

export function currentAccountId(): string | undefined {
  return invocation.getStore()?.accountId;
}

type Globals = { __forge_runtime__?: unknown; __forge_fetch__?: unknown };

function noopMetrics() {
  const counter = () => ({ incr() {}, decr() {} });
  const timing = () => ({ measure: () => ({ stop() {} }) });
  return { counter, timing, gauge: () => ({ set() {} }) };
}

function platformError(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ code, message }), {
    status,
    headers: { 'content-type': 'application/json', 'forge-proxy-error': code },
  });
}

export function installForgeRuntime(options: ForgeRuntimeOptions): { uninstall(): void } {
  const g = globalThis as Globals;
  const previous = { runtime: g.__forge_runtime__, fetch: g.__forge_fetch__ };
  const jiraUrl = options.jiraUrl.replace(/\/+$/, '');
  const send = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
  const appId = randomUUID();

  g.__forge_runtime__ = {
    metrics: noopMetrics(),
    appContext: {
      appId,
      appVersion: '1.0.0',
      environmentId: randomUUID(),
      environmentType: 'DEVELOPMENT',
      invocationId: randomUUID(),
      installationId: randomUUID(),
      moduleKey: 'local-sandbox',
      license: undefined,
      permissions: { scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'storage:app'], external: {} },
    },
    lambdaContext: { getRemainingTimeInMillis: options.remainingTimeMs ?? (() => 25_000) },
    tracing: { traceId: randomUUID().replace(/-/g, ''), spanId: randomUUID().slice(0, 16) },
  };

  async function toJira(target: ForgeFetchTarget, path: string, init: RequestInit = {}): Promise<Response> {
    const asApp = target.provider === 'app' || target.provider === 'none';
    const accountId = asApp ? null : (target.accountId ?? currentAccountId() ?? null);
    const method = (init.method ?? 'GET').toUpperCase();
    if (!asApp && accountId === null) {
      // What Forge does when there is no user to act for: @forge/api turns this into NeedsAuthenticationError.
      options.onJiraRequest?.({ method, path, accountId: null, status: 401, error: 'no user' });
      return platformError(401, 'NEEDS_AUTHENTICATION_ERR', 'asUser() was called outside a user invocation');
    }
    const headers = new Headers(init.headers as HeadersInit | undefined);
    headers.set('Authorization', `Bearer ${accountId ?? 'app'}`);
    try {
      const response = await send(`${jiraUrl}${path}`, { ...init, headers });
      options.onJiraRequest?.({ method, path, accountId, status: response.status });
      return response;
    } catch (error) {
      options.onJiraRequest?.({ method, path, accountId, status: null, error: (error as Error).message });
      throw error;
    }
  }

  g.__forge_fetch__ = async (target: ForgeFetchTarget, path: string, init?: RequestInit): Promise<Response> => {
    if (target.type === 'fpp' && target.remote === 'jira') return toJira(target, path, init);
    if (target.type === 'kvs' && options.kvs) return options.kvs(path, init);
    if (target.type === 'fpp' && target.remote === 'stargate' && path.startsWith('/webhook/queue/') && options.queue)
      return options.queue(path, init);
    // @forge/api 8's `fetch` is the global fetch and never comes here; older versions and
    // external-auth calls pass an absolute URL.
    if (/^https?:\/\//i.test(path)) return send(path, init);
    return platformError(501, 'NOT_AVAILABLE_LOCALLY', `The local Forge runtime does not serve ${target.type}/${target.remote ?? ''} ${path}`);
  };

  return {
    uninstall() {
      g.__forge_runtime__ = previous.runtime;
      g.__forge_fetch__ = previous.fetch;
    },
  };
}
