// The bundled functions of the package, called as Forge calls them (see packagedApp.ts): a panel
// with records, a sync that writes exactly one worklog, a bulk batch run by the bundled consumer,
// automatic sync fired by the bundled scheduled trigger, and one redacted log line for a failure.
import { DEMO } from '../../runtime/demoData';
import { openPackagedApp, panelOf, type PackagedApp } from './packagedApp';

let app: PackagedApp;
const logged: string[] = [];

beforeAll(async () => {
  app = await openPackagedApp();
});
afterAll(() => app?.close());

beforeEach(() => {
  logged.length = 0;
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
});
afterEach(() => jest.restoreAllMocks());

const resolve = (functionKey: string, payload: unknown, extension?: Record<string, unknown>) => app.resolve(functionKey, payload, extension);

test('the bundled resolver connects the timecard account and answers the issue panel with its records', async () => {
  expect(await resolve('connectTimecard', { username: DEMO.timecardUser, password: DEMO.timecardPassword })).toEqual({
    connected: true,
    username: DEMO.timecardUser,
  });

  const panel = await resolve('getIssuePanel', {}, panelOf('DEMO-2'));

  const { records } = app;
  const demo2 = Object.keys(records)
    .filter((name) => name.startsWith('DEMO-2 day'))
    .map((name) => String(records[name]));
  expect(panel).toMatchObject({ connected: true, issueKey: 'DEMO-2' });
  expect(panel.records.map((r: { id: string }) => String(r.id)).sort()).toEqual(expect.arrayContaining(demo2.sort()));
  expect(panel.records.filter((r: { linkSource: string }) => r.linkSource === 'timecard')).toHaveLength(demo2.length);
  expect(panel.records.every((r: { status: string }) => r.status === 'not-synced')).toBe(true);
});

test('a sync through the bundle writes exactly one worklog, and syncing again writes none', async () => {
  const { jira, records } = app;
  const recordId = records['DEMO-2 day 2'];
  const before = jira.worklogs('DEMO-2').length;

  const first = await resolve('syncRecords', { recordIds: [recordId] }, panelOf('DEMO-2'));
  expect(first.results).toEqual([expect.objectContaining({ recordId, outcome: 'created', worklogId: expect.any(String) })]);
  const again = await resolve('syncRecords', { recordIds: [recordId] }, panelOf('DEMO-2'));
  expect(again.results).toEqual([expect.objectContaining({ recordId, outcome: 'unchanged' })]);

  const worklogs = jira.worklogs('DEMO-2');
  expect(worklogs).toHaveLength(before + 1);
  const written = worklogs.find((w) => w.id === first.results[0].worklogId)!;
  expect(written.authorAccountId).toBe(DEMO.accountId);
  expect(written.properties['timecard-sync']).toMatchObject({ recordId });
});

test('a bulk job is queued by the bundled resolver and its batch processed by the bundled consumer', async () => {
  const { jira, records, published } = app;
  const ids = Object.keys(records)
    .filter((name) => name.startsWith('DEMO-5 day'))
    .map((name) => records[name]);
  const before = jira.worklogs('DEMO-5').length;

  const { jobId } = await resolve('startBulkSync', { recordIds: ids });
  expect(published.length).toBeGreaterThan(0);
  const runs = await app.drainQueue();
  expect(runs.length).toBeGreaterThan(0);
  for (const run of runs) expect(run).toMatchObject({ success: true });

  const job = await resolve('getBulkJob', { jobId });
  expect(job).toMatchObject({ jobId, state: 'done', total: ids.length, done: ids.length, succeeded: ids.length, failed: 0 });
  expect(jira.worklogs('DEMO-5')).toHaveLength(before + ids.length);
});

// Runs before the automatic-sync test, which logs every finished linked record (this one's too).
test('the bundled worklog trigger marks a record whose worklog was edited in Jira, and the bundled reconciliation runs as the app', async () => {
  const { jira, records } = app;
  const recordId = records['DEMO-2 day 3'];
  const events: { eventType: string }[] = [];
  const stop = jira.onProductEvent((e) => events.push(e));
  try {
    const { results } = await resolve('syncRecords', { recordIds: [recordId] }, panelOf('DEMO-2'));
    expect(results[0]).toMatchObject({ outcome: 'created' });
    const ownWrite = events.find((e) => e.eventType === 'avi:jira:created:worklog')!;
    // Not subscribed (the manifest lists updated and deleted only), and nothing to do with it anyway.
    expect((await app.run('worklog-events', ownWrite, '')).body).toBe('ignored');

    jira.editWorklog('DEMO-2', results[0].worklogId, { timeSpentSeconds: 300 }, DEMO.adminAccountId);
    const edited = events.find((e) => e.eventType === 'avi:jira:updated:worklog')!;
    const first = await app.run('worklog-events', edited, '');
    expect(first).toMatchObject({ success: true, body: 'marked' });
    expect((await app.run('worklog-events', edited, '')).body).toBe('unchanged');

    const reconciled = await app.run(
      'worklog-reconcile',
      { context: { cloudId: 'c', moduleKey: 'worklog-reconcile-hourly' }, contextToken: 't' },
      '',
    );
    expect(reconciled).toMatchObject({ success: true, body: { statusCode: 204 } });
  } finally {
    stop();
  }
});

test('the bundled scheduled trigger queues automatic sync, and the bundled consumer logs the finished records as the person', async () => {
  const { jira } = app;
  const count = () => DEMO.issueKeys.reduce((n, key) => n + jira.worklogs(key).length, 0);
  expect(await resolve('saveAutoSync', { enabled: true, graceMinutes: 15 })).toMatchObject({ enabled: true, graceMinutes: 15 });
  const before = count();

  // Forge calls a scheduled trigger with no user and this request.
  const fired = await app.run(
    'auto-sync-tick',
    { context: { cloudId: '00000000-0000-4000-8000-000000000001', moduleKey: 'auto-sync-trigger' }, contextToken: 'token' },
    '',
  );
  expect(fired).toMatchObject({ success: true, body: { statusCode: 204 } });
  const runs = await app.drainQueue();
  for (const run of runs) expect(run).toMatchObject({ success: true });

  const view = await resolve('getAutoSync', {});
  expect(view.lastRun.logged).toBeGreaterThan(0);
  expect(count()).toBe(before + view.lastRun.logged);
  const history = await resolve('getSyncHistory', { limit: 5 });
  expect(history.items[0]).toMatchObject({ trigger: 'automatic', accountId: DEMO.accountId });
});

test('a failure in the bundled resolver leaves one redacted log line whose error id the person is shown', async () => {
  const { timecard } = app;
  timecard.setDown('refuse');
  try {
    const result = await resolve('getIssuePanel', {}, panelOf('DEMO-2'));
    expect(result.error.code).toBe('server-unreachable');
    const errorId = /quote error id ([0-9A-F]{8})/.exec(result.error.message)![1];
    expect(logged).toEqual([
      expect.stringMatching(new RegExp(`^Timecard failure errorId=${errorId} code=server-unreachable function=getIssuePanel error=AppError`)),
    ]);
    const { hostname, port } = new URL(timecard.url);
    expect(logged[0]).not.toMatch(new RegExp(`https?:|${hostname.replace(/\./g, '\\.')}|${port}|${DEMO.timecardPassword}`));
  } finally {
    timecard.setDown(false);
  }
});

test('the bundled resolver says its sentences in the context language (the resource files are in the bundle)', async () => {
  const { timecard } = app;
  timecard.setDown('refuse');
  try {
    const context = {
      extension: panelOf('DEMO-2'),
      timezone: DEMO.timeZone,
      locale: 'de-DE',
      cloudId: '00000000-0000-4000-8000-000000000001',
      moduleKey: 'timecard',
    };
    const result = await app.run('resolver', { call: { functionKey: 'getIssuePanel', payload: {} }, context }, DEMO.accountId);
    expect(result.body.error.code).toBe('server-unreachable');
    expect(result.body.error.message).toMatch(
      /^Der Timecard-Server antwortet gerade nicht; .* nennen Sie Ihrem Jira-Administrator die Fehler-ID [0-9A-F]{8}\.$/,
    );
  } finally {
    timecard.setDown(false);
  }
});
