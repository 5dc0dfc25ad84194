// A failure in a resolver leaves one log line an admin can use (error code, function, an error id
// the person is shown, a stack) and nothing a log must not hold: no token, password, record notes
// or timecard URL.
import { DEMO } from '../../runtime/demoData';
import { startWorld, type World } from '../support/world';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const NOTES = 'Salary talk with Bob';

let world: World;
let logged: jest.SpyInstance;
const failNext = { on: false };

beforeAll(async () => {
  world = await startWorld({
    app: {
      // The timecard client fails the way a buggy parser would: with the request and the body in its message.
      wrapDeps: (deps) => ({
        ...deps,
        timecard: new Proxy(deps.timecard!, {
          get: (target, key) =>
            key === 'listRecords' && failNext.on
              ? async () => {
                  failNext.on = false;
                  throw new TypeError(
                    `GET ${target.baseUrl}/api/records?access_token=${JWT} failed: {"notes":"${NOTES}","password":"${DEMO.timecardPassword}"}`,
                  );
                }
              : Reflect.get(target, key),
        }),
      }),
    },
  });
});
afterAll(() => world.close());

beforeEach(() => {
  logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => logged.mockRestore());

function expectNothingSecret(text: string) {
  const host = new URL(world.timecard.url);
  for (const secret of [JWT, NOTES, DEMO.timecardPassword, world.timecard.url, host.host, host.hostname]) expect(text).not.toContain(secret);
}

test('an unexpected failure: one redacted line with code, function, error id and stack; the person is told the id', async () => {
  failNext.on = true;
  const result = await world.invoke('getIssuePanel', {}, world.issueContext('DEMO-2'));

  expect(result).toEqual({
    error: {
      code: 'internal',
      message: expect.stringMatching(
        /^Something went wrong on our side; nothing was changed\. Try again\. If it keeps happening, quote error id [0-9A-F]{8} to your Jira admin\.$/,
      ),
    },
  });
  const errorId = /error id ([0-9A-F]{8})/.exec(result.error.message)![1];
  expect(logged).toHaveBeenCalledTimes(1);
  const [line, ...rest] = logged.mock.calls[0];
  expect(rest).toEqual([]);
  expect(line).not.toContain('\n');
  expect(line).toMatch(new RegExp(`^Timecard failure errorId=${errorId} code=internal function=getIssuePanel error=TypeError: GET <url> failed: `));
  expect(line).toMatch(/ stack=at .*src\/.*\.ts:\d+:\d+/);
  expectNothingSecret(line);
});

test("a server that cannot be reached: its code in the line, the address in neither the line nor the person's message (admins see it on the admin page)", async () => {
  world.timecard.setDown('refuse');
  try {
    const result = await world.invoke('getIssuePanel', {}, world.issueContext('DEMO-2'));
    expect(result.error.code).toBe('server-unreachable');
    // Only Jira admins learn the server's address (docs/security.md); the log never does.
    expect(result.error.message).not.toContain(new URL(world.timecard.url).host);
    expect(result.error.message).toContain('The timecard server is not answering right now');
    const errorId = /quote error id ([0-9A-F]{8})/.exec(result.error.message)![1];
    expect(logged).toHaveBeenCalledTimes(1);
    const line = logged.mock.calls[0][0] as string;
    expect(line).toMatch(
      new RegExp(`^Timecard failure errorId=${errorId} code=server-unreachable function=getIssuePanel error=AppError \\[server-unreachable\\]`),
    );
    expectNothingSecret(line);
  } finally {
    world.timecard.setDown(false);
  }
});

test('a refused request is an answer, not a failure: nothing is logged', async () => {
  const result = await world.invoke('syncRecords', { recordIds: [] });
  expect(result.error.code).toBe('invalid-payload');
  expect(logged).not.toHaveBeenCalled();
});
