// Helpers shared by the integration tests of syncing (sync protocol, contract, identity, time
// zones, resilience, time budget, record actions). Everything goes through the real resolver handler and the emulators.
import type { StoredWorklog } from '../../emulators/jira/types';
import type { Deps } from '../../src/services/ports';
import { startWorld, type World, type WorldOptions } from '../support/world';

export const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant, in UTC. */
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A `listRecords` range that covers the demo's two weeks and today, whatever the zone. */
export function recentRange(daysBack = 20): { from: string; to: string } {
  const now = Date.now();
  return { from: isoDay(now - daysBack * DAY_MS), to: isoDay(now + 2 * DAY_MS) };
}

/** A record instant `daysAgo` days back at `hh:mm` UTC, second precision with Z (as the timecard sends it). */
export function utcAt(daysAgo: number, hour: number, minute = 0): string {
  const base = Math.floor(Date.now() / DAY_MS) * DAY_MS - daysAgo * DAY_MS;
  return new Date(base + hour * 3_600_000 + minute * 60_000).toISOString().replace('.000Z', 'Z');
}

export function plusMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

/** Fails the test with the resolver's error instead of a confusing `undefined` further on. */
export function ok<T = any>(result: any): T {
  if (result && typeof result === 'object' && 'error' in result) {
    throw new Error(`Resolver answered an error: ${JSON.stringify(result.error)}`);
  }
  return result as T;
}

export async function listRecords(world: World, context: Record<string, unknown> = {}): Promise<any[]> {
  return ok(await world.invoke('listRecords', recentRange(), context)).records;
}

/**
 * A fresh demo world with the person's records indexed (what opening the page does), so syncs find
 * them by id; `resetCounts` zeroes the Jira emulator's call counts after that.
 */
export async function openDemoWorld(
  options: WorldOptions & { resetCounts?: boolean; acceptSuggestions?: boolean } = {},
): Promise<{ world: World; ids: Record<string, number> }> {
  const { resetCounts, acceptSuggestions: accept, ...worldOptions } = options;
  const world = await startWorld(worldOptions);
  await listRecords(world);
  if (accept) await acceptSuggestions(world);
  if (resetCounts) world.jira.resetCounts();
  return { world, ids: world.demo.records };
}

/** Accepts every suggestion (links the record to the issue it mentions), as a person pressing Accept does: only then is it logged. */
export async function acceptSuggestions(world: World, context: Record<string, unknown> = {}): Promise<number[]> {
  const suggested = (await listRecords(world, context)).filter((r) => r.linkSource === 'suggested');
  for (const r of suggested) ok(await world.invoke('linkRecord', { recordId: r.id, issueKey: r.issueKey }, context));
  return suggested.map((r) => r.id);
}

export async function recordView(world: World, recordId: number, context: Record<string, unknown> = {}): Promise<any> {
  const found = (await listRecords(world, context)).find((r) => r.id === recordId);
  if (!found) throw new Error(`Record ${recordId} is not in listRecords`);
  return found;
}

export async function sync(world: World, recordIds: number[], extra: Record<string, unknown> = {}, context: Record<string, unknown> = {}) {
  return ok<{ results: any[] }>(await world.invoke('syncRecords', { recordIds, ...extra }, context)).results;
}

/** A sync result without its nested record view (readable in assertion diffs). */
export const brief = (r: any) => {
  const { record: _record, ...rest } = r;
  return rest;
};

/** Every worklog in the Jira emulator on the given issues (default: the demo's). */
export function allWorklogs(world: World, issueKeys = world.demo.issueKeys): StoredWorklog[] {
  return issueKeys.flatMap((key) => world.jira.worklogs(key));
}

/** The timecard record id a worklog's `timecard-sync` property names (undefined for other worklogs). */
export function recordIdOf(w: StoredWorklog): number | undefined {
  return (w.properties['timecard-sync'] as { recordId?: number } | undefined)?.recordId;
}

/** Record ids that have more than one worklog. */
export function duplicates(worklogs: StoredWorklog[]): number[] {
  const seen = new Map<number, number>();
  for (const w of worklogs) {
    const id = recordIdOf(w);
    if (id !== undefined) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}

/** What "nothing written" compares: Jira writes and worklogs, the app's whole store. */
export function snapshot(world: World, issueKeys = world.demo.issueKeys) {
  return {
    jiraWrites: world.jira.counts().writes,
    worklogs: JSON.stringify(allWorklogs(world, issueKeys)),
    store: JSON.stringify(world.app.store.dump()),
  };
}

/** Adds a finished record for the demo person (or `userId`) and returns its id. */
export function addRecord(
  world: World,
  record: { timein: string; timeout?: string | null; notes?: string | null; jira_issue_key?: string | null; external_link?: string | null },
  userId = world.demo.timecardUserId,
): number {
  return world.timecard.addRecord(userId, { notes: null, jira_issue_key: null, ...record }).id;
}

/** Connects a Jira person to a (new) timecard account and returns that account's timecard user id. */
export async function connectAs(world: World, accountId: string, username: string, password = 'pw-' + username): Promise<number> {
  let userId: number;
  try {
    userId = world.timecard.addUser(username, password);
  } catch {
    throw new Error(`Could not add timecard user ${username}`);
  }
  ok(await world.invoke('connectTimecard', { username, password }, { accountId }));
  return userId;
}

/** Adds Jira users (with the demo project's work permissions) to the emulator. */
export function addJiraPeople(world: World, people: { accountId: string; timeZone: string }[]): void {
  world.jira.seed({
    users: people.map((p) => ({ accountId: p.accountId, displayName: p.accountId, timeZone: p.timeZone, locale: 'en_US' })),
    projects: [
      {
        id: world.demo.projectId,
        key: world.demo.projectKey,
        name: 'Demo Project',
        permissions: Object.fromEntries(
          people.map((p) => [p.accountId, ['BROWSE_PROJECTS', 'WORK_ON_ISSUES', 'EDIT_OWN_WORKLOGS', 'DELETE_OWN_WORKLOGS']]),
        ),
      },
    ],
  });
}

/**
 * Watches the app's HTTP writes to Jira worklogs (the requests themselves, through the global
 * fetch the local Forge runtime uses): how many were in flight at once per issue and overall.
 */
export function watchWorklogWrites(jiraUrl: string) {
  const original = globalThis.fetch;
  const inFlight = new Map<string, number>();
  let overall = 0;
  const stats = { maxPerIssue: 0, maxOverall: 0, writes: 0, perIssue: new Map<string, number>() };
  globalThis.fetch = (async (input: any, init?: any) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = String(init?.method ?? 'GET').toUpperCase();
    const match = /\/rest\/api\/3\/issue\/([^/]+)\/worklog/.exec(url);
    if (!url.startsWith(jiraUrl) || !match || method === 'GET') return original(input, init);
    const issue = decodeURIComponent(match[1]);
    inFlight.set(issue, (inFlight.get(issue) ?? 0) + 1);
    overall++;
    stats.writes++;
    stats.perIssue.set(issue, (stats.perIssue.get(issue) ?? 0) + 1);
    stats.maxPerIssue = Math.max(stats.maxPerIssue, inFlight.get(issue)!);
    stats.maxOverall = Math.max(stats.maxOverall, overall);
    try {
      const response = await original(input, init);
      await response
        .clone()
        .arrayBuffer()
        .catch(() => undefined); // the answer has fully arrived
      return response;
    } finally {
      inFlight.set(issue, inFlight.get(issue)! - 1);
      overall--;
    }
  }) as typeof fetch;
  return { stats, restore: () => void (globalThis.fetch = original) };
}

/** A test's hold on the app's clock (`shiftMs` ahead of now) and queue (`onPush` sees every push first: a hook to break something then). */
export interface ShiftedApp {
  shiftMs: number;
  onPush: ((events: { body: Record<string, unknown> }[]) => void) | null;
  /** A fresh world without demo records whose app runs on that clock and queue (shift and hook reset). */
  start(): Promise<World>;
}

export function shiftedApp(): ShiftedApp {
  const app: ShiftedApp = {
    shiftMs: 0,
    onPush: null,
    start() {
      app.shiftMs = 0;
      app.onPush = null;
      const wrapDeps = (deps: Deps): Deps => ({
        ...deps,
        clock: { now: () => new Date(Date.now() + app.shiftMs) },
        queue: {
          push: async (events) => {
            app.onPush?.(events);
            return deps.queue.push(events);
          },
        },
      });
      return startWorld({ demoRecords: false, app: { wrapDeps } });
    },
  };
  return app;
}
