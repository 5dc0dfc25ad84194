// The real @forge/api, unchanged, against the Jira emulator through the local runtime globals.
import api, { fetch as forgeFetch, getAppContext, route, NeedsAuthenticationError } from '@forge/api';
import { startJiraEmulator, type JiraEmulator } from '../../emulators/jira';
import { testSeed } from '../../emulators/jira/testkit';
import { installForgeRuntime, runAsUser, type JiraRequestInfo } from '../../runtime/forgeRuntime';

let jira: JiraEmulator;
let runtime: { uninstall(): void };
const seen: JiraRequestInfo[] = [];

beforeAll(async () => {
  jira = await startJiraEmulator({ seed: testSeed() });
  runtime = installForgeRuntime({ jiraUrl: `${jira.url}/`, onJiraRequest: (info) => seen.push(info) });
});

afterAll(async () => {
  runtime.uninstall();
  await jira.close();
});

beforeEach(() => {
  seen.length = 0;
});

const myself = async (as: ReturnType<typeof api.asUser>) => (await (await as.requestJira(route`/rest/api/3/myself`)).json()).accountId;

test('asUser(accountId) acts as that account', async () => {
  expect(await myself(api.asUser('bob'))).toBe('bob');
  expect(seen).toEqual([{ method: 'GET', path: '/rest/api/3/myself', accountId: 'bob', status: 200 }]);
});

test('asUser() acts as the person of the current invocation; concurrent invocations keep their identities', async () => {
  jira.setLatency(30);
  try {
    const people = ['alice', 'bob', 'carol', 'alice', 'dave', 'bob'];
    const results = await Promise.all(
      people.map((person) =>
        runAsUser(person, async () => {
          await new Promise((r) => setTimeout(r, Math.random() * 10));
          const first = await myself(api.asUser());
          const second = await myself(api.asUser());
          return [first, second];
        }),
      ),
    );
    expect(results).toEqual(people.map((p) => [p, p]));
  } finally {
    jira.setLatency(0);
  }
});

test('asUser(id) wins over the invocation identity; asApp sends Bearer app', async () => {
  await runAsUser('alice', async () => {
    expect(await myself(api.asUser('carol'))).toBe('carol');
    const res = await api.asApp().requestJira(route`/rest/api/3/configuration`);
    expect(res.status).toBe(200);
  });
  expect(seen.map((s) => s.accountId)).toEqual(['carol', null]);
});

test('asUser() without an invocation fails like Forge does: NeedsAuthenticationError', async () => {
  await expect(api.asUser().requestJira(route`/rest/api/3/myself`)).rejects.toBeInstanceOf(NeedsAuthenticationError);
});

test('responses are real Response objects: status, headers, non-2xx not thrown', async () => {
  const res = await api.asUser('alice').requestJira(route`/rest/api/3/issue/${'NOPE-1'}`);
  expect(res).toBeInstanceOf(Response);
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/json/);
  const body = await api.asUser('alice').requestJira(route`/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jql: 'key = PROJ-1', fields: ['summary'] }),
  });
  expect((await body.json()).issues[0].key).toBe('PROJ-1');
});

test('getAppContext() works and fetch goes straight to the URL', async () => {
  const context = getAppContext();
  expect(String(context.appAri)).toMatch(/^ari:cloud:ecosystem::app\//);
  expect(context.invocationRemainingTimeInMillis()).toBeGreaterThan(0);
  const res = await forgeFetch(`${jira.url}/rest/api/3/myself`, { headers: { Authorization: 'Bearer dave' } });
  expect((await res.json()).accountId).toBe('dave');
  expect(seen).toEqual([]);
});

test('a product the local runtime does not serve answers with a platform error', async () => {
  await expect(api.asUser('alice').requestConfluence(route`/wiki/rest/api/space`)).rejects.toThrow();
});
