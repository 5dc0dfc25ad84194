// Who learns the timecard server's address (docs/security.md): a person sees the server they sign
// in to (getConnection), but neither its health nor its latency; a server-unreachable message a
// person reads names no host or port; admins get health, rationed so nobody can make the app
// hammer the server.
import { PINGS_PER_MINUTE } from '../../src/services/health';
import { ok, openDemoWorld, recentRange } from '../integration/syncHelpers';
import type { World } from '../support/world';
import { count } from './tally';

let world: World;
beforeEach(async () => ({ world } = await openDemoWorld()));
afterEach(() => world.close());

test('a person gets the sign-in server, not its health; checkTimecardServer is for admins', async () => {
  const alice = world.demo.accountId;
  expect(ok(await world.invoke('getConnection', {})).serverUrl).toBe(world.timecard.url);
  world.timecard.resetCounts();
  const site = ok(await world.invoke('getSiteSettings', {}, { accountId: alice }));
  expect(site).not.toHaveProperty('server');
  expect(await world.invoke('checkTimecardServer', {}, { accountId: alice })).toEqual({
    error: { code: 'no-permission', message: 'Only Jira administrators can see whether the timecard server answers.' },
  });
  expect(world.timecard.counts().total).toBe(0);
  count({ tried: 3, handled: 3 });
});

test('health is cached for page loads and pings are rationed per minute', async () => {
  const admin = { accountId: world.demo.adminAccountId };
  world.timecard.resetCounts();
  for (let i = 0; i < 5; i++)
    expect(ok(await world.invoke('getSiteSettings', {}, admin)).server).toMatchObject({ reachable: true, url: world.timecard.url });
  expect(world.timecard.counts().total).toBe(1);
  const checks = await Promise.all(Array.from({ length: 12 }, () => world.invoke('checkTimecardServer', {}, admin)));
  for (const check of checks) expect(ok(check).server).toMatchObject({ configured: true, url: world.timecard.url });
  expect(world.timecard.counts().total).toBeLessThanOrEqual(PINGS_PER_MINUTE);
  count({ tried: 17, handled: 17 });
});

test('server-unreachable as a person reads it names no host or port; the admin page has the detail', async () => {
  const { host, port } = new URL(world.timecard.url);
  world.timecard.setDown('refuse');
  const answers = [
    await world.invoke('listRecords', recentRange()),
    await world.invoke('connectTimecard', { username: 'alice', password: 'timecard-demo' }),
    await world.invoke('getIssuePanel', {}, world.issueContext('DEMO-2')),
  ];
  for (const answer of answers) {
    expect(answer.error).toMatchObject({ code: 'server-unreachable', message: expect.stringMatching(/^The timecard server .+\.$/) });
    expect(answer.error.message).not.toContain(host);
    expect(answer.error.message).not.toContain(port);
    expect(answer.error.message).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED/);
  }
  const health = ok(await world.invoke('checkTimecardServer', {}, { accountId: world.demo.adminAccountId })).server;
  expect(health).toMatchObject({ reachable: false, url: world.timecard.url, message: expect.stringContaining(host) });
  count({ tried: 4, handled: 4 });
});
