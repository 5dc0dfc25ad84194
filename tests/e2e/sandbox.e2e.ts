// The sandbox contract of docs/architecture.md, as scripts and outside checks use it: the ready line,
// GET /api/sandbox, POST /api/invoke (and its refusals), JIRA_URL / TIMECARD_URL, Bearer identities,
// the surfaces' pages, a busy port, and a clean stop on SIGTERM.
import { invoke, spawnSandbox, startSandbox, type RunningSandbox } from './support/sandbox';

const ALICE = 'demo-alice';
const panelContext = (issueKey: string, accountId = ALICE) => ({
  accountId,
  timezone: 'America/Los_Angeles',
  locale: 'en-US',
  extension: { type: 'jira:issuePanel', issue: { key: issueKey }, project: { key: 'DEMO', id: '10000' } },
});

async function post(sandbox: RunningSandbox, body: string): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(`${sandbox.url}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) };
}

describe('the sandbox contract (npm start)', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({});
  });

  afterAll(async () => {
    if (sandbox) await sandbox.stop();
  });

  test('prints the ready line, then the demo login', () => {
    const lines = sandbox.output().split('\n');
    const ready = lines.findIndex((l) => l === `Sandbox ready: ${sandbox.url}`);
    expect(ready).toBeGreaterThanOrEqual(0);
    expect(sandbox.url).toBe(`http://localhost:${sandbox.port}`);
    expect(lines.slice(ready + 1).join('\n')).toContain(`${sandbox.demo.username} / ${sandbox.demo.password}`);
  });

  test('GET /api/sandbox describes the servers and the demo login', async () => {
    const info = await (await fetch(`${sandbox.url}/api/sandbox`)).json();
    expect(info).toEqual({
      jiraUrl: expect.stringMatching(/^http:\/\//),
      timecardUrl: expect.stringMatching(/^http:\/\//),
      demo: { username: 'alice', password: expect.any(String), accountId: ALICE },
    });
    // Both are live emulators with the demo data.
    const myself = await fetch(`${info.jiraUrl}/rest/api/3/myself`, { headers: { authorization: `Bearer ${ALICE}` } });
    expect((await myself.json()).timeZone).toBe('America/Los_Angeles');
    const login = await fetch(`${info.timecardUrl}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: info.demo.username, password: info.demo.password }),
    });
    expect(login.status).toBe(200);
  });

  test('POST /api/invoke runs the resolver as Forge does, acting as context.accountId', async () => {
    expect(await invoke(sandbox, 'getConnection', {}, { accountId: ALICE, extension: { type: 'jira:globalPage' } })).toMatchObject({
      connected: false,
    });
    expect(
      await invoke(
        sandbox,
        'connectTimecard',
        { username: sandbox.demo.username, password: sandbox.demo.password },
        { accountId: ALICE, extension: { type: 'jira:globalPage' } },
      ),
    ).toEqual({
      connected: true,
      username: 'alice',
    });
    const panel = await invoke(sandbox, 'getIssuePanel', {}, panelContext('DEMO-1'));
    expect(panel).toMatchObject({ connected: true, issueKey: 'DEMO-1' });
    const record = panel.records.find((r: { status: string }) => r.status === 'not-synced');
    const synced = await invoke(sandbox, 'syncRecords', { recordIds: [record.id] }, panelContext('DEMO-1'));
    expect(synced.results[0]).toMatchObject({ recordId: record.id, outcome: 'created' });
    // The Jira call carried Authorization: Bearer demo-alice: she is the worklog's author.
    const worklogs = await (await fetch(`${sandbox.jiraUrl}/__emulator/worklogs?issueKey=DEMO-1`)).json();
    expect(worklogs.map((w: { authorAccountId: string }) => w.authorAccountId)).toEqual([ALICE]);
  });

  test('a bad call gets a JSON invalid-payload error with 400, never a stack trace', async () => {
    const cases = [
      '{"functionKey":"noSuchResolver","payload":{},"context":{"accountId":"demo-alice"}}',
      'not json',
      '[1,2]',
      '{"payload":{}}',
      '{"functionKey":"getConnection","payload":[1],"context":{"accountId":"demo-alice"}}',
      '{"functionKey":"getConnection","payload":{},"context":{"accountId":42}}',
      '{"functionKey":"__proto__","payload":{}}',
      // No context: Forge always knows who acts, so the sandbox does not pick someone.
      '{"functionKey":"getConnection","payload":{}}',
      '{"functionKey":"connectTimecard","payload":{"username":"alice","password":"timecard-demo"},"context":null}',
    ];
    for (const body of cases) {
      const { status, json, text } = await post(sandbox, body);
      expect([body, status]).toEqual([body, 400]);
      expect(json.error.code).toBe('invalid-payload');
      expect(typeof json.error.message).toBe('string');
      expect(text).not.toMatch(/\n\s+at |\.ts:\d+/);
    }
    // A known key with a bad payload is the resolver's own answer: an error result.
    const { status, json } = await post(
      sandbox,
      JSON.stringify({ functionKey: 'linkRecord', payload: { recordId: 'x' }, context: panelContext('DEMO-1') }),
    );
    expect(status).toBe(200);
    expect(json.error.code).toBe('invalid-payload');
  });

  test('serves the frame and each surface of the manifest, the bridge before the app code', async () => {
    const frame = await (await fetch(`${sandbox.url}/browse/DEMO-1`)).text();
    expect(frame).toContain('/build/host/frame.js');
    const panel = await (await fetch(`${sandbox.url}/surface/timecard-issue-panel/`)).text();
    expect(panel.indexOf('/build/host/uikit-host.js')).toBeGreaterThan(0);
    expect(panel.indexOf('/build/host/uikit-host.js')).toBeLessThan(panel.indexOf('/build/apps/issue-panel.js'));
    const page = await (await fetch(`${sandbox.url}/surface/timecard-sync-page/`)).text();
    const bridgeAt = page.indexOf('/build/customui-bridge.js');
    const firstModule = page.search(/<script type="module"/);
    expect(bridgeAt).toBeGreaterThan(0);
    expect(bridgeAt).toBeLessThan(firstModule);
    for (const key of ['timecard-project-settings', 'timecard-admin']) {
      expect((await fetch(`${sandbox.url}/surface/${key}/`)).status).toBe(200);
    }
  });

  test('JIRA_URL and TIMECARD_URL point it at other servers', async () => {
    const other = await startSandbox({ JIRA_URL: sandbox.jiraUrl, TIMECARD_URL: sandbox.timecardUrl });
    try {
      const info = await (await fetch(`${other.url}/api/sandbox`)).json();
      expect(info.jiraUrl).toBe(sandbox.jiraUrl);
      expect(info.timecardUrl).toBe(sandbox.timecardUrl);
      expect(other.output()).not.toContain('Demo timecard login');
      // Its resolver talks to the first sandbox's emulators, as Alice.
      const counts = async () => (await (await fetch(`${sandbox.jiraUrl}/__emulator/counts`)).json()).byAccount[ALICE] ?? 0;
      const before = await counts();
      const connected = await invoke(
        other,
        'connectTimecard',
        { username: sandbox.demo.username, password: sandbox.demo.password },
        { accountId: ALICE, extension: { type: 'jira:globalPage' } },
      );
      expect(connected).toEqual({ connected: true, username: 'alice' });
      const panel = await invoke(other, 'getIssuePanel', {}, panelContext('DEMO-1'));
      expect(panel).toMatchObject({ connected: true, issueKey: 'DEMO-1' });
      expect(await counts()).toBeGreaterThan(before);
    } finally {
      expect(await other.stop()).toBe(0);
    }
  });

  test('a busy port gives a clear message and a non-zero exit', async () => {
    const second = spawnSandbox({ PORT: String(sandbox.port) });
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toContain(`Port ${sandbox.port} is already in use`);
    expect(second.output()).not.toMatch(/\n\s+at /);
  });

  test('SIGTERM stops the web server and both emulators', async () => {
    const { url, jiraUrl, timecardUrl } = sandbox;
    expect(await sandbox.stop()).toBe(0);
    for (const target of [`${url}/api/sandbox`, `${jiraUrl}/rest/api/3/serverInfo`, `${timecardUrl}/api/login`]) {
      await expect(fetch(target, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    }
  });
});
