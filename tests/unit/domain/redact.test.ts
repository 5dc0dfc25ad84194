import { MAX_STACK_FRAMES, redact, redactMessage, redactStack } from '../../../src/domain/redact';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redact', () => {
  test.each([
    ['a bearer token', `Authorization: Bearer ${JWT}`, [JWT, 'Bearer e']],
    ['a bare JWT', `refresh failed for ${JWT}`, [JWT]],
    ['a password in JSON', '{"username":"alice","password":"hunter2-secret"}', ['hunter2-secret']],
    ['a password in a query', 'POST /login?user=alice&password=hunter2-secret', ['hunter2-secret']],
    ['a refresh token field', 'refresh_token=abc.def.ghi', ['abc.def.ghi']],
    [
      'the timecard URL',
      'The timecard server at https://timecard.acme.internal:8443/api could not be reached',
      ['timecard.acme.internal', 'https://'],
    ],
    ['a local address', 'connect ECONNREFUSED 127.0.0.1:45123', ['127.0.0.1', '45123']],
    ['record notes quoted in a JSON snippet', 'Unexpected token \'<\', "Call with Bob about the layoffs" is not valid JSON', ['Bob', 'layoffs']],
    ['an email', 'no user alice@example.com', ['alice@example.com']],
    ['a long opaque key', 'key 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', ['9f86d081884c7d659a2feaa0c55ad015']],
  ])('removes %s', (_what, text, secrets) => {
    const out = redact(text);
    for (const secret of secrets) expect(out).not.toContain(secret);
  });

  test('keeps what says what went wrong: names, codes, identifiers, numbers', () => {
    expect(redact("Cannot read properties of undefined (reading 'worklogId')")).toBe("Cannot read properties of undefined (reading 'worklogId')");
    expect(redact('Jira had a temporary problem (HTTP 503). Try again in a few minutes.')).toBe(
      'Jira had a temporary problem (HTTP 503). Try again in a few minutes.',
    );
    expect(redact('KVS said KEY_CONFLICT for key sync:42')).toBe('KVS said KEY_CONFLICT for key sync:42');
  });

  test('removes values it is told about even where no pattern would find them', () => {
    expect(redact('talking to timecard.acme.internal failed', ['timecard.acme.internal'])).toBe('talking to <redacted> failed');
  });

  test('a message becomes one line of bounded length', () => {
    const line = redactMessage(`first\nsecond\t${'x '.repeat(400)}`);
    expect(line).not.toMatch(/\n|\t/);
    expect(line.length).toBeLessThanOrEqual(300);
  });
});

describe('redactStack', () => {
  test('keeps the first frames, cut to the app-relative path, without the error message lines', () => {
    const stack = [
      `Error: refresh failed for ${JWT}`,
      '    with more text about "Call with Bob"',
      '    at refresh (/var/task/src/adapters/timecard/index.ts:88:11)',
      '    at async connect (file:///home/ci/app/node_modules/@forge/api/out/index.js:12:3)',
      '    at Object.handler (/var/task/index.cjs:1234:56)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      ...Array.from({ length: 10 }, (_, i) => `    at frame${i} (/var/task/src/x.ts:${i}:1)`),
    ].join('\n');
    const frames = redactStack(stack);
    expect(frames).toHaveLength(MAX_STACK_FRAMES);
    expect(frames.slice(0, 4)).toEqual([
      'at refresh (src/adapters/timecard/index.ts:88:11)',
      'at async connect (node_modules/@forge/api/out/index.js:12:3)',
      'at Object.handler (index.cjs:1234:56)',
      'at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ]);
    expect(frames.join(' ')).not.toMatch(/eyJ|Bob|\/var\/task|\/home\/ci/);
  });
});
