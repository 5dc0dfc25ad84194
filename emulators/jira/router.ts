/** Route table and reply helpers. */
import type { Caller, JiraState } from './state';

export interface Reply {
  status: number;
  body?: unknown;
  /** Plain-text body (used instead of `body`). */
  text?: string;
  headers?: Record<string, string>;
}

export interface Ctx {
  state: JiraState;
  caller: Caller;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  baseUrl: string;
}

export type Handler = (ctx: Ctx) => Reply;

export interface Route {
  method: string;
  pattern: string;
  /** Changes state (counted in `writes`). */
  write: boolean;
  /** Needs a JSON body (POST/PUT). */
  jsonBody: boolean;
  handler: Handler;
}

export function route(method: string, pattern: string, handler: Handler, opts: { write?: boolean } = {}): Route {
  const hasBody = method === 'POST' || method === 'PUT';
  return { method, pattern, write: opts.write ?? method !== 'GET', jsonBody: hasBody, handler };
}

export function json(status: number, body?: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export function jiraError(status: number, errorMessages: string[], errors: Record<string, string> = {}): Reply {
  return { status, body: { errorMessages, errors } };
}

export type Match =
  { kind: 'ok'; route: Route; params: Record<string, string> } | { kind: 'method'; allowed: string[] } | { kind: 'bad-encoding' } | { kind: 'none' };

export class Router {
  constructor(private readonly routes: Route[]) {}

  match(method: string, path: string): Match {
    const raw = path.split('/').filter((s, i) => i > 0 || s !== '');
    let segments: string[];
    try {
      segments = raw.map((s) => decodeURIComponent(s));
    } catch {
      return { kind: 'bad-encoding' };
    }
    const allowed: string[] = [];
    for (const r of this.routes) {
      const params = matchPattern(r.pattern, segments);
      if (!params) continue;
      if (r.method !== method) {
        allowed.push(r.method);
        continue;
      }
      return { kind: 'ok', route: r, params };
    }
    return allowed.length ? { kind: 'method', allowed } : { kind: 'none' };
  }
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split('/').filter((s) => s !== '');
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.startsWith('{') && p.endsWith('}')) {
      if (segments[i] === '') return null;
      params[p.slice(1, -1)] = segments[i];
    } else if (p !== segments[i]) {
      return null;
    }
  }
  return params;
}
