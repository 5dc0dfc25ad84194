// The pacer's reading of Jira's answers, on a fake clock: which refusals change the pace.
import { createJiraPacer, type PacedAnswer } from '../../../src/adapters/jira/pacer';

const WORKLOG = { method: 'POST', path: '/rest/api/3/issue/PAY-1/worklog', issueKey: 'PAY-1' };
const ENDPOINT = 'POST /rest/api/3/issue/{issueIdOrKey}/worklog';
const accepted: PacedAnswer = { status: 201, reason: null, retryAfterMs: null, limit: 40 };

function pacerAt() {
  let now = 0;
  const pacer = createJiraPacer({ now: () => now, sleep: async (ms) => void (now += ms) });
  /** One call a `gapMs` after the last, answered `answer`. */
  const call = async (answer: PacedAnswer, gapMs = 20) => {
    now += gapMs;
    const turn = await pacer.before(WORKLOG);
    return pacer.after(WORKLOG, answer, turn);
  };
  return { pacer, call };
}

describe('createJiraPacer', () => {
  test('a burst refusal that names the endpoint\'s rate (X-RateLimit-Limit) paces the endpoint', async () => {
    const { pacer, call } = pacerAt();
    for (let i = 0; i < 50; i++) await call(accepted);
    expect(await call({ status: 429, reason: 'jira-burst-based', retryAfterMs: 1000, limit: 40 })).toBe('burst');
    expect(pacer.figures().endpoints[ENDPOINT]).toBeLessThanOrEqual(40);
  });

  test('a 429 that names no rate (a hiccup, with or without a reason) is retried but does not slow the endpoint', async () => {
    const { pacer, call } = pacerAt();
    for (let i = 0; i < 50; i++) await call(accepted);
    expect(await call({ status: 429, reason: 'jira-burst-based', retryAfterMs: 1000, limit: null })).toBe('burst');
    expect(await call({ status: 429, reason: null, retryAfterMs: null, limit: null }, 2500)).toBe('unknown');
    expect(pacer.figures().endpoints).toEqual({});
    expect(pacer.figures().refused).toMatchObject({ burst: 1, unknown: 1 });
    expect(pacer.figures().perIssue).toBeUndefined();
  });

  test('a per-issue refusal spaces the issue\'s writes, not the endpoint', async () => {
    const { pacer, call } = pacerAt();
    for (let i = 0; i < 20; i++) await call(accepted, 50);
    await call({ status: 429, reason: 'jira-per-issue-on-write', retryAfterMs: 1000, limit: 20 });
    expect(pacer.figures().endpoints).toEqual({});
    expect(pacer.figures().perIssue).toBeGreaterThan(0);
  });
});
