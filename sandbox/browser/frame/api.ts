// The frame's own data: the sandbox's description of itself, and Jira read as the chosen person
// (through the sandbox's GET-only pass-through, which adds `Authorization: Bearer <accountId>`).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ForgeContext, Person } from '../protocol';

export type { Person };

export interface SurfaceInfo {
  type: 'jira:issuePanel' | 'jira:globalPage' | 'jira:projectSettingsPage' | 'jira:adminPage';
  key: string;
  title: string;
  titles?: Record<string, string>;
  render: 'native' | 'custom';
  resourceKey: string;
}

export interface FrameInfo {
  jiraUrl: string;
  timecardUrl: string;
  demo: { username: string | null; password: string | null; accountId: string };
  people: Person[];
  project: { key: string; id: string; name: string };
  surfaces: SurfaceInfo[];
  unavailable: Record<string, string>;
}

export class JiraError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function jiraGet<T>(as: string, path: string): Promise<T> {
  const response = await fetch(`/api/jira${path}`, { headers: { 'x-sandbox-as': as } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const messages = (body as { errorMessages?: string[] } | null)?.errorMessages;
    throw new JiraError(response.status, messages?.join(' ') || `Jira answered ${response.status}`);
  }
  return body as T;
}

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; error: string; status?: number };

/** Loads from Jira as `as`; `reload()` keeps the current data visible until the fresh copy arrives. */
export function useJira<T>(as: string, path: string | null): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!path) return;
    const mine = ++seq.current;
    const key = `${as} ${path}`;
    if (shown.current !== key) setLoaded({ state: 'loading' });
    jiraGet<T>(as, path).then(
      (data) => {
        if (mine !== seq.current) return;
        shown.current = key;
        setLoaded({ state: 'ready', data });
      },
      (error: Error) => {
        if (mine !== seq.current) return;
        shown.current = key;
        setLoaded({ state: 'error', error: error.message, status: error instanceof JiraError ? error.status : undefined });
      },
    );
  }, [as, path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [loaded, reload];
}

const APP_ID = '00000000-0000-4000-8000-000000000000';
const ENVIRONMENT_ID = 'sandbox-development';

/** The context Jira gives a surface: who, where (extension), their time zone and locale. */
export function forgeContext(surface: SurfaceInfo, person: Person, extension: Omit<ForgeContext['extension'], 'type'> = {}): ForgeContext {
  return {
    accountId: person.accountId,
    cloudId: 'sandbox-cloud',
    siteUrl: window.location.origin,
    localId: `ari:cloud:ecosystem::extension/${APP_ID}/${ENVIRONMENT_ID}/static/${surface.key}`,
    moduleKey: surface.key,
    environmentId: ENVIRONMENT_ID,
    environmentType: 'DEVELOPMENT',
    timezone: person.timeZone,
    locale: person.locale,
    theme: { colorMode: 'light' },
    extension: { type: surface.type, ...extension },
  };
}

/** ADF (worklog comments) as plain paragraphs. */
export function adfText(doc: unknown): string[] {
  const paragraphs: string[] = [];
  const walk = (node: unknown, into: string[]): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; text?: string; content?: unknown[]; attrs?: { text?: string; url?: string } };
    if (n.type === 'text' && typeof n.text === 'string') into.push(n.text);
    else if (n.type === 'hardBreak') into.push('\n');
    else if (n.type === 'mention' && n.attrs?.text) into.push(n.attrs.text);
    else if (n.type === 'inlineCard' && n.attrs?.url) into.push(n.attrs.url);
    for (const child of n.content ?? []) {
      const childType = (child as { type?: string })?.type;
      if (childType === 'paragraph' || childType === 'heading' || childType === 'listItem' || childType === 'codeBlock') {
        const parts: string[] = [];
        walk(child, parts);
        paragraphs.push(parts.join(''));
      } else walk(child, into);
    }
  };
  const top: string[] = [];
  walk(doc, top);
  if (top.length) paragraphs.unshift(top.join(''));
  return paragraphs.filter((p) => p.trim() !== '');
}
