/** Helpers for tests that talk to the emulator over real HTTP. */
import type { JiraSeed } from './types';

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined when empty or not JSON). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  /** Raw body string (sent as-is) instead of JSON. */
  raw?: string;
  contentType?: string | null;
  headers?: Record<string, string>;
}

/** Calls the emulator as `as` (an accountId, "app", or null for no Authorization header). */
export async function call(
  baseUrl: string,
  as: string | null,
  method: string,
  path: string,
  body?: unknown,
  opts: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) };
  if (as !== null) headers.Authorization = `Bearer ${as}`;
  let payload: string | undefined;
  if (opts.raw !== undefined) payload = opts.raw;
  else if (body !== undefined) payload = JSON.stringify(body);
  const ct = opts.contentType === undefined ? (payload !== undefined ? 'application/json' : null) : opts.contentType;
  if (ct) headers['Content-Type'] = ct;
  const res = await fetch(baseUrl + path, { method, headers, body: payload });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

/** A minimal ADF document with one paragraph. */
export function adf(text: string): { type: 'doc'; version: 1; content: unknown[] } {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

const OWN = ['BROWSE_PROJECTS', 'WORK_ON_ISSUES', 'EDIT_OWN_WORKLOGS', 'DELETE_OWN_WORKLOGS'];

/**
 * Test site. alice (Los Angeles): own-worklog rights in PROJ; bob (Berlin): browse-only in PROJ;
 * carol (Kolkata): edit/delete all in PROJ and browses SEC; dave: no rights; admin: site admin.
 * OPEN lets everyone browse and work.
 */
export function testSeed(): JiraSeed {
  return {
    users: [
      { accountId: 'alice', displayName: 'Alice', timeZone: 'America/Los_Angeles', locale: 'en_US', emailAddress: 'alice@example.com' },
      { accountId: 'bob', displayName: 'Bob', timeZone: 'Europe/Berlin', locale: 'de_DE' },
      { accountId: 'carol', displayName: 'Carol', timeZone: 'Asia/Kolkata', locale: 'en_IN' },
      { accountId: 'dave', displayName: 'Dave', timeZone: 'UTC', locale: 'en_GB' },
      { accountId: 'admin', displayName: 'Admin', timeZone: 'UTC', locale: 'en_US', siteAdmin: true },
    ],
    projects: [
      {
        id: '10100',
        key: 'PROJ',
        name: 'Project',
        permissions: { alice: OWN, bob: ['BROWSE_PROJECTS'], carol: [...OWN, 'EDIT_ALL_WORKLOGS', 'DELETE_ALL_WORKLOGS', 'ADMINISTER_PROJECTS'] },
      },
      { id: '10101', key: 'SEC', name: 'Secret', permissions: { carol: ['BROWSE_PROJECTS'] } },
      { id: '10102', key: 'OPEN', name: 'Open', permissions: { '*': ['BROWSE_PROJECTS', 'WORK_ON_ISSUES'] } },
    ],
    issues: [
      { key: 'PROJ-1', summary: 'Login page redesign', status: 'To Do', projectKey: 'PROJ' },
      {
        key: 'PROJ-2',
        summary: 'Fix login timeout',
        status: 'In Progress',
        projectKey: 'PROJ',
        originalEstimateSeconds: 36000,
        remainingEstimateSeconds: 36000,
      },
      { key: 'PROJ-3', summary: 'Quarterly report <draft> & notes', status: 'Done', projectKey: 'PROJ' },
      { key: 'PROJ-4', summary: 'Database migration', status: 'To Do', projectKey: 'PROJ', issueType: 'Sub-task' },
      { key: 'PROJ-5', summary: 'Release checklist', status: 'To Do', projectKey: 'PROJ' },
      { key: 'SEC-1', summary: 'Secret login audit', status: 'To Do', projectKey: 'SEC' },
      { key: 'OPEN-1', summary: 'Open house planning', status: 'In Progress', projectKey: 'OPEN' },
    ],
  };
}

/** Sets the emulator's rate limits over its control surface (`{}` turns them off); answers what is in force. */
export async function setLimits(baseUrl: string, limits: import('./limits').JiraLimits): Promise<CallResult> {
  return call(baseUrl, null, 'POST', '/__emulator/limits', limits);
}
