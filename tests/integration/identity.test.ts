// Identity and authority: the acting person comes only from the Forge context, a person can
// only touch their own timecard records, Jira's permissions are respected, settings need admins,
// and the timecard credential never leaves the store's secrets.
import type { Deps, Store, TimecardPort } from '../../src/services/ports';
import { startWorld, type World } from '../support/world';
import {
  addRecord,
  allWorklogs,
  brief,
  connectAs,
  listRecords,
  ok,
  openDemoWorld,
  plusMinutes,
  recentRange,
  recordIdOf,
  recordView,
  snapshot,
  sync,
  utcAt,
} from './syncHelpers';

let world: World;
let ids: Record<string, number>;

beforeEach(async () => ({ world, ids } = await openDemoWorld({ resetCounts: true })));
afterEach(() => world.close());

describe("another person's record", () => {
  let bobUserId: number;
  let bobRecord: number;

  beforeEach(() => {
    bobUserId = world.timecard.addUser('bob', 'pw-bob');
    const timein = utcAt(1, 9);
    bobRecord = addRecord(world, { timein, timeout: plusMinutes(timein, 90), notes: "Bob's work on DEMO-1", jira_issue_key: 'DEMO-1' }, bobUserId);
  });

  test('is refused by syncRecords, linkRecord and unsyncRecord, and nothing is written', async () => {
    const before = snapshot(world);

    const synced = await sync(world, [bobRecord]);
    const dry = await sync(world, [bobRecord], { dryRun: true });
    const targeted = await sync(world, [bobRecord], { issueKey: 'DEMO-3' });
    for (const [result] of [synced, dry, targeted]) {
      expect(brief(result)).toEqual({
        recordId: bobRecord,
        outcome: 'failed',
        code: 'record-not-found',
        message: expect.stringMatching(/not found among your records/),
      });
    }
    expect(await world.invoke('linkRecord', { recordId: bobRecord, issueKey: 'DEMO-1' })).toEqual({
      error: { code: 'record-not-found', message: expect.any(String) },
    });
    expect(await world.invoke('unsyncRecord', { recordId: bobRecord })).toEqual({ error: { code: 'record-not-found', message: expect.any(String) } });

    expect(world.jira.counts().writes).toBe(0);
    expect(snapshot(world)).toEqual(before);
    expect((await listRecords(world)).map((r) => r.id)).not.toContain(bobRecord);
  });

  test('mixed with own records: own ones sync, the foreign one is refused', async () => {
    const own = ids['DEMO-2 day 1'];
    const results = await sync(world, [own, bobRecord]);
    expect(results.map((r) => [r.recordId, r.outcome, r.code])).toEqual([
      [own, 'created', undefined],
      [bobRecord, 'failed', 'record-not-found'],
    ]);
    expect(allWorklogs(world).map(recordIdOf)).toEqual([own]);
  });

  test("stays refused after its owner synced it: the owner's worklog is left alone", async () => {
    // demo-admin signs in to the timecard as bob and logs bob's record (the record itself is fine).
    ok(await world.invoke('connectTimecard', { username: 'bob', password: 'pw-bob' }, { accountId: world.demo.adminAccountId }));
    const asBob = { accountId: world.demo.adminAccountId };
    expect((await listRecords(world, asBob)).map((r) => r.id)).toEqual([bobRecord]);
    const [owner] = await sync(world, [bobRecord], {}, asBob);
    expect(owner.outcome).toBe('created');
    expect(world.jira.worklogs('DEMO-1')).toEqual([expect.objectContaining({ id: owner.worklogId, authorAccountId: world.demo.adminAccountId })]);

    expect(await world.invoke('unsyncRecord', { recordId: bobRecord })).toMatchObject({ error: { code: 'record-not-found' } });
    expect((await sync(world, [bobRecord]))[0]).toMatchObject({ outcome: 'failed', code: 'record-not-found' });
    expect(world.jira.worklogs('DEMO-1').map((w) => w.id)).toEqual([owner.worklogId]);
    expect((await recordView(world, bobRecord, asBob)).status).toBe('synced');
  });
});

describe('identity from the context only', () => {
  test('a request without an accountId is refused and changes nothing', async () => {
    const before = snapshot(world);
    for (const [key, payload] of [
      ['listRecords', { from: '2026-11-01', to: '2026-11-02' }],
      ['syncRecords', { recordIds: [ids['DEMO-2 day 1']] }],
      ['getConnection', {}],
    ] as const) {
      const result = await world.app.invoke(key, payload, { accountId: '', timezone: 'UTC', extension: { type: 'jira:globalPage' } });
      expect(result).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    }
    expect(snapshot(world)).toEqual(before);
    expect(world.jira.counts().total).toBe(0);
  });

  test('worklogs are authored by the person in the context, also when people sync at the same time', async () => {
    const ada = world.demo.adminAccountId;
    const adaUser = await connectAs(world, ada, 'ada');
    const adaRecords = [1, 2, 3, 4].map((d) => {
      const timein = utcAt(d, 10);
      return addRecord(world, { timein, timeout: plusMinutes(timein, 30), jira_issue_key: 'DEMO-4' }, adaUser);
    });
    expect((await listRecords(world, { accountId: ada })).map((r) => r.id).sort()).toEqual([...adaRecords].sort());
    const aliceRecords = [1, 2, 3, 4].map((d) => ids[`DEMO-2 day ${d}`]);
    world.jira.setLatency(20);

    const [aliceResults, adaResults] = await Promise.all([sync(world, aliceRecords), sync(world, adaRecords, {}, { accountId: ada })]);

    expect([...aliceResults, ...adaResults].every((r) => r.outcome === 'created')).toBe(true);
    expect(new Set(world.jira.worklogs('DEMO-2').map((w) => w.authorAccountId))).toEqual(new Set(['demo-alice']));
    expect(new Set(world.jira.worklogs('DEMO-4').map((w) => w.authorAccountId))).toEqual(new Set([ada]));
    expect(world.jira.counts().byAccount).toEqual({ 'demo-alice': expect.any(Number), [ada]: expect.any(Number) });
    expect(world.jira.counts().byAccount.app).toBeUndefined(); // never asApp for worklogs
  });
});

describe('Jira permissions', () => {
  test('a person who may not log work on the issue gets failed / no-permission with a readable message', async () => {
    const victor = world.demo.viewerAccountId;
    const victorUser = await connectAs(world, victor, 'victor');
    const timein = utcAt(1, 4);
    const record = addRecord(world, { timein, timeout: plusMinutes(timein, 45), notes: 'Looked at reports', jira_issue_key: 'DEMO-2' }, victorUser);
    await listRecords(world, { accountId: victor });

    const [result] = await sync(world, [record], {}, { accountId: victor });

    expect(brief(result)).toMatchObject({ recordId: record, outcome: 'failed', code: 'no-permission', issueKey: 'DEMO-2' });
    expect(result.message).toBe("You don't have permission to log work on DEMO-2.");
    expect(world.jira.worklogs('DEMO-2')).toEqual([]);
    expect(await recordView(world, record, { accountId: victor })).toMatchObject({ status: 'failed', message: result.message });
    const history = ok(await world.invoke('getSyncHistory', {}, { accountId: victor })).items;
    expect(history).toEqual([expect.objectContaining({ recordId: record, outcome: 'failed', code: 'no-permission' })]);
  });
});

describe('settings need administrators', () => {
  test('a person who is not a project admin can read but not save project settings', async () => {
    const read = ok(await world.invoke('getProjectSettings', {}, world.projectContext()));
    expect(read).toMatchObject({ canEdit: false, projectKey: 'DEMO', reason: expect.stringMatching(/administrators of project DEMO/) });
    const before = snapshot(world);
    const saved = await world.invoke('saveProjectSettings', { settings: { ...read.settings, enabled: false } }, world.projectContext());
    expect(saved).toEqual({ error: { code: 'no-permission', message: expect.stringMatching(/administrators of project DEMO/) } });
    const site = await world.invoke('saveSiteSettings', { settings: { defaults: read.settings } });
    expect(site).toEqual({ error: { code: 'no-permission', message: expect.stringMatching(/Jira administrators/) } });
    expect(snapshot(world)).toEqual(before);
  });

  test('an unknown placeholder is refused with invalid-settings on commentTemplate; a valid template is used by the next sync', async () => {
    const admin = world.projectContext(world.demo.adminAccountId);
    const { settings, canEdit } = ok(await world.invoke('getProjectSettings', {}, admin));
    expect(canEdit).toBe(true);
    const before = snapshot(world);

    const refused = await world.invoke('saveProjectSettings', { settings: { ...settings, commentTemplate: '{notes} for {customer}' } }, admin);
    expect(refused).toEqual({
      error: { code: 'invalid-settings', message: expect.any(String), fields: { commentTemplate: expect.stringContaining('customer') } },
    });
    const siteRefused = await world.invoke('saveSiteSettings', { settings: { defaults: { ...settings, commentTemplate: '{nope}' } } }, admin);
    expect(siteRefused.error).toMatchObject({ code: 'invalid-settings', fields: { 'defaults.commentTemplate': expect.any(String) } });
    expect(snapshot(world)).toEqual(before);

    const template = '{domain} / {title}: {notes} (#{recordId})';
    expect(
      ok(await world.invoke('saveProjectSettings', { settings: { ...settings, commentTemplate: template } }, admin)).settings.commentTemplate,
    ).toBe(template);
    const id = ids['DEMO-2 day 1'];
    await sync(world, [id]);
    expect(JSON.stringify(world.jira.worklogs('DEMO-2')[0].comment)).toContain(`Acme Corp / Backend: Reports: time zone handling (#${id})`);
  });

  test('site defaults apply to projects without their own settings', async () => {
    const admin = { accountId: world.demo.adminAccountId };
    const site = ok(await world.invoke('getSiteSettings', {}, admin));
    expect(site).toMatchObject({ canEdit: true, server: { reachable: true, configured: true } });
    ok(
      await world.invoke(
        'saveSiteSettings',
        { settings: { defaults: { ...site.settings.defaults, roundingMode: 'up', roundingIncrementMinutes: 30 } } },
        admin,
      ),
    );
    const [result] = await sync(world, [ids['DEMO-5 day 1']]); // 1 h 40 min → 2 h
    expect(result).toMatchObject({ outcome: 'created', timeSpentSeconds: 7200 });
  });
});

describe('the timecard credential', () => {
  test('bad credentials are refused; tokens are kept only as secrets and never returned', async () => {
    const bad = await world.invoke('connectTimecard', { username: 'alice', password: 'wrong' }, { accountId: world.demo.adminAccountId });
    expect(bad).toEqual({ error: { code: 'bad-credentials', message: expect.any(String) } });

    const connected = ok(await world.invoke('connectTimecard', { username: 'alice', password: 'timecard-demo' }));
    expect(connected).toEqual({ connected: true, username: 'alice' });
    const secrets = world.app.store.dumpSecrets();
    expect(Object.keys(secrets)).toEqual(['rt:demo-alice']); // the refresh token only
    const tokens = Object.values(secrets).map(String);
    await sync(world, [ids['DEMO-2 day 1']]);
    const everythingVisible = JSON.stringify([
      world.app.store.dump(),
      await world.invoke('getConnection', {}),
      await listRecords(world),
      allWorklogs(world),
    ]);
    for (const token of tokens) expect(everythingVisible).not.toContain(token);
    expect(everythingVisible).not.toContain('timecard-demo');

    expect(ok(await world.invoke('disconnectTimecard', {}))).toEqual({ connected: false });
    expect(Object.keys(world.app.store.dumpSecrets()).filter((k) => k.endsWith(':demo-alice'))).toEqual([]);
    expect(await world.invoke('listRecords', { from: '2026-11-01', to: '2026-11-02' })).toMatchObject({ error: { code: 'not-connected' } });
  });
});

/**
 * A fresh world (demo person connected) whose app sees a clock `skew.ms` ahead, whose timecard
 * client reports every token it gets and uses, and whose store reports every write.
 */
async function watchedWorld() {
  const skew = { ms: 0 };
  const seen = {
    logins: [] as { accessToken: string; refreshToken: string }[],
    refreshed: [] as string[],
    used: [] as string[],
    writes: [] as string[],
  };
  const watchStore = (store: Store): Store =>
    new Proxy(store, {
      get(target, name, receiver) {
        const real = Reflect.get(target, name, receiver);
        if (typeof real !== 'function') return real;
        const writes = typeof name === 'string' && /^(set|delete)/.test(name);
        return (...args: unknown[]) => {
          if (writes) seen.writes.push(`${String(name)} ${String(args[0])}`);
          return real.apply(target, args);
        };
      },
    });
  const wrapDeps = (deps: Deps): Deps => {
    const timecard = deps.timecard!;
    const wrapped: TimecardPort = Object.create(timecard);
    wrapped.login = async (...args) => {
      const tokens = await timecard.login(...args);
      seen.logins.push(tokens);
      return tokens;
    };
    wrapped.refresh = async (refreshToken) => {
      const accessToken = await timecard.refresh(refreshToken);
      seen.refreshed.push(accessToken);
      return accessToken;
    };
    wrapped.listRecords = async (accessToken, ...rest) => {
      seen.used.push(accessToken);
      return timecard.listRecords(accessToken, ...rest);
    };
    wrapped.attributes = async (accessToken) => {
      seen.used.push(accessToken);
      return timecard.attributes(accessToken);
    };
    return { ...deps, store: watchStore(deps.store), timecard: wrapped, clock: { now: () => new Date(Date.now() + skew.ms) } };
  };
  await world.close();
  world = await startWorld({ app: { wrapDeps } });
  ids = world.demo.records;
  return { skew, seen };
}

describe('the timecard access token', () => {
  test('is never stored: after connecting and using the app the store holds only the refresh token', async () => {
    const { skew, seen } = await watchedWorld();
    seen.writes.length = 0;
    world.timecard.resetCounts();

    ok(await world.invoke('connectTimecard', { username: world.demo.timecardUser, password: world.demo.timecardPassword }));
    await listRecords(world);
    ok(await world.invoke('getIssuePanel', {}, world.issueContext('DEMO-2')));
    await sync(world, [ids['DEMO-2 day 1']]);
    ok(await world.invoke('getConnection', {}));
    skew.ms = 15 * 60_000; // past the cache's 14 minutes: refreshed (in memory only)
    await listRecords(world);
    ok(await world.invoke('getIssuePanel', {}, world.issueContext('DEMO-2')));

    expect(world.timecard.counts().byRoute['POST /api/refresh']).toBe(1);
    const login = seen.logins.at(-1)!;
    const accessTokens = [login.accessToken, ...seen.refreshed];
    expect(new Set(accessTokens).size).toBe(2);
    expect(new Set(seen.used)).toEqual(new Set(accessTokens)); // the login's token, then the refreshed one
    expect(world.app.store.dumpSecrets()).toEqual({ [`rt:${world.demo.accountId}`]: login.refreshToken });
    const stored = JSON.stringify([world.app.store.dump(), world.app.store.dumpSecrets()]);
    for (const token of accessTokens) expect(stored).not.toContain(token);
    expect(seen.writes.filter((w) => /Secret /.test(w))).toEqual([`setSecret rt:${world.demo.accountId}`]);
    expect(seen.writes.filter((w) => / at:/.test(w))).toEqual([]);
  });

  test('a reconnect as the same Jira person uses the new sign-in, never the old access token', async () => {
    const { seen } = await watchedWorld();
    await listRecords(world);
    const first = seen.logins[0];
    expect(seen.used.at(-1)).toBe(first.accessToken); // the sign-in's token is used without a refresh

    // The same timecard account again: the new sign-in's token, no refresh.
    world.timecard.resetCounts();
    ok(await world.invoke('connectTimecard', { username: world.demo.timecardUser, password: world.demo.timecardPassword }));
    await listRecords(world);
    const second = seen.logins[1];
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(seen.used.at(-1)).toBe(second.accessToken);
    expect(world.timecard.counts().byRoute['POST /api/refresh']).toBeUndefined();

    // Another timecard account (the old token is still valid on the server): its records only.
    const bobUserId = world.timecard.addUser('bob', 'pw-bob');
    const bobRecord = addRecord(world, { timein: utcAt(1, 9), timeout: plusMinutes(utcAt(1, 9), 60), jira_issue_key: 'DEMO-1' }, bobUserId);
    ok(await world.invoke('connectTimecard', { username: 'bob', password: 'pw-bob' }));
    expect((await listRecords(world)).map((r) => r.id)).toEqual([bobRecord]);
    expect(seen.used.at(-1)).toBe(seen.logins[2].accessToken);

    // Disconnected: no cached token is reachable any more.
    const calls = world.timecard.counts().total;
    ok(await world.invoke('disconnectTimecard', {}));
    expect(await world.invoke('listRecords', recentRange())).toMatchObject({ error: { code: 'not-connected' } });
    expect(world.app.store.dumpSecrets()).toEqual({});
    expect(world.timecard.counts().total).toBe(calls);
  });

  test('a reconnect in another warm container (another copy of the app, same storage) makes this one drop its cached token', async () => {
    const { seen } = await watchedWorld();
    await listRecords(world);
    const before = seen.used.at(-1)!;
    expect(before).toBe(seen.logins[0].accessToken); // cached here, and still valid on the server

    let other: typeof import('../../runtime/localApp') | undefined;
    jest.isolateModules(() => {
      other = require('../../runtime/localApp');
    });
    const container = other!.createLocalApp({ jiraUrl: world.jira.url, timecardUrl: world.timecard.url, store: world.app.store });
    const bobUserId = world.timecard.addUser('bob', 'pw-bob');
    const bobRecord = addRecord(world, { timein: utcAt(1, 9), timeout: plusMinutes(utcAt(1, 9), 60), jira_issue_key: 'DEMO-1' }, bobUserId);
    try {
      const context = { accountId: world.demo.accountId, timezone: world.demo.timeZone, extension: { type: 'jira:globalPage' } };
      ok(await container.invoke('connectTimecard', { username: 'bob', password: 'pw-bob' }, context));
    } finally {
      container.close();
    }
    world.timecard.resetCounts();

    expect((await listRecords(world)).map((r) => r.id)).toEqual([bobRecord]);
    expect(seen.used.at(-1)).not.toBe(before);
    expect(world.timecard.counts().byRoute['POST /api/refresh']).toBe(1); // this container never saw bob's sign-in
  });

  test('warm issue-panel loads call the timecard once each; a refresh happens only when the cached token is too old', async () => {
    const { skew } = await watchedWorld();
    const panel = async () => {
      world.timecard.resetCounts();
      ok(await world.invoke('getIssuePanel', {}, world.issueContext('DEMO-2')));
      return world.timecard.counts();
    };
    await panel(); // the first load may also read the record attributes
    const warm = [await panel(), await panel(), await panel()];
    expect(warm.map((c) => c.total)).toEqual([1, 1, 1]);
    expect(warm.map((c) => c.byRoute['POST /api/refresh'] ?? 0)).toEqual([0, 0, 0]);

    skew.ms = 14 * 60_000 + 1000; // the sign-in's token is past the cache's 14 minutes
    const later = [await panel(), await panel(), await panel()];
    expect(later.map((c) => c.byRoute['POST /api/refresh'] ?? 0)).toEqual([1, 0, 0]);
    expect(later.map((c) => c.total)).toEqual([2, 1, 1]);

    skew.ms = 2 * (14 * 60_000 + 1000); // the refreshed token is too old too: loads at the same time share one refresh
    world.timecard.resetCounts();
    await Promise.all([1, 2, 3].map(() => world.invoke('getIssuePanel', {}, world.issueContext('DEMO-2')).then(ok)));
    expect(world.timecard.counts().byRoute['POST /api/refresh']).toBe(1);
  });
});
