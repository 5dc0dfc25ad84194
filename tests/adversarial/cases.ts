// Inputs the adversarial suite sends: one well-formed payload per resolver key (so a refusal can
// only come from what was changed), the values it swaps into them, and forged contexts.
import { DEFAULT_PROJECT_SETTINGS, type ResolverKey } from '../../src/shared/contract';
import { openDemoWorld, recentRange, snapshot, sync } from '../integration/syncHelpers';
import type { World } from '../support/world';

export const VALID: Record<ResolverKey, Record<string, unknown>> = {
  getConnection: {},
  connectTimecard: { username: 'alice', password: 'not-her-password' },
  disconnectTimecard: {},
  getIssuePanel: { days: 7 },
  listRecords: recentRange(),
  linkRecord: { recordId: 1, issueKey: 'DEMO-1' },
  getLinkWriteBack: {},
  setLinkWriteBack: { enabled: false },
  searchIssues: { query: 'demo' },
  syncRecords: { recordIds: [1], issueKey: 'DEMO-1', dryRun: true },
  startBulkSync: { recordIds: [1], dryRun: true },
  getBulkJob: { jobId: 'abcdefgh-1234', withResults: false },
  undoBulkJob: { jobId: 'abcdefgh-1234' },
  cancelBulkJob: { jobId: 'abcdefgh-1234' },
  undoSyncRun: { runId: 'abcdefgh-1234', dryRun: true },
  unsyncRecord: { recordId: 1 },
  getSyncHistory: { from: '2026-01-01', to: '2026-02-01', status: 'created', recordId: 1, cursor: 'c', limit: 5 },
  getProjectSettings: {},
  saveProjectSettings: { settings: DEFAULT_PROJECT_SETTINGS },
  previewSettingsImpact: { settings: DEFAULT_PROJECT_SETTINGS },
  updateLoggedWorklogs: {},
  getSiteSettings: {},
  saveSiteSettings: { settings: { defaults: DEFAULT_PROJECT_SETTINGS } },
  checkTimecardServer: {},
  getAutoSync: {},
  saveAutoSync: { enabled: false, paused: false, graceMinutes: 60 },
  cancelAutoRetries: { recordIds: [1] },
  saveProjectAutoSync: { allowed: true },
  resolveConflict: { recordId: 1, keep: 'jira' },
  resolveDeletedInTimecard: { recordId: 1, choice: 'keep' },
};

/** Swapped into every field (and nested setting) in turn; those the schema accepts there are skipped. */
export const BAD_VALUES: unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  1e21,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  '   ',
  'x'.repeat(600),
  'DEMO-1; DROP',
  [],
  [null],
  {},
  true,
  '0000-01-01',
  '9999-12-31',
  '1969-12-31',
  '2101-01-01',
  '2026-02-30',
];

/** Keys no payload takes, at the top and inside objects. */
export const EXTRA_KEYS: Record<string, unknown>[] = [
  { admin: true },
  JSON.parse('{"__proto__": {"admin": true}}'),
  { timecardUrl: 'http://evil.example' },
  { accountId: 'demo-admin' },
];

/** Every leaf path of a payload (into objects; an array's first item). */
export function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...(value.length > 0 ? leafPaths(value[0], [...prefix, 0]) : [])];
  if (value && typeof value === 'object') {
    const inner = Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
    return prefix.length > 0 ? [prefix, ...inner] : inner;
  }
  return [prefix];
}

/** `base` with the value at `path` replaced (deleted for undefined). */
export function withValue(base: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let at = copy;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(at)) delete at[last];
  else at[last] = value;
  return copy;
}

/** `base` with extra keys added to the object at `path` (the payload itself for []). */
export function withExtra(base: unknown, path: (string | number)[], extra: Record<string, unknown>): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let at = copy;
  for (const step of path) at = at[step] as Record<string, unknown>;
  for (const key of Object.keys(extra)) Object.defineProperty(at, key, { value: extra[key], enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Validator prose that must never reach a person. */
export const VALIDATOR_PROSE =
  /expected (string|number|int|boolean|object|array|one of)|received|Invalid input|Invalid option|Too (big|small)|Unrecognized key|<=|>=|9007199254740991|ZodError|-0{5,}\d|"10000-/i;

/** A demo world with one record already synced (so there is state a bad call could damage). */
export async function openWorldWithState(): Promise<World> {
  const { world } = await openDemoWorld();
  await sync(world, [world.demo.records['DEMO-2 day 1']]);
  return world;
}

/** Everything a refused call must leave as it was: store, worklogs, Jira writes, calls to either server. */
export function everything(world: World) {
  return { ...snapshot(world), jira: world.jira.counts().total, timecard: world.timecard.counts().total };
}
