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
  test("a burst refusal that names the endpoint's rate (X-RateLimit-Limit) paces the endpoint", async () => {
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

  test("a per-issue refusal spaces the issue's writes, not the endpoint", async () => {
    const { pacer, call } = pacerAt();
    for (let i = 0; i < 20; i++) await call(accepted, 50);
    await call({ status: 429, reason: 'jira-per-issue-on-write', retryAfterMs: 1000, limit: 20 });
    expect(pacer.figures().endpoints).toEqual({});
    expect(pacer.figures().perIssue).toBeGreaterThan(0);
  });

  test('a per-issue refusal that names its count lets another issue write that many at once, then waits for the window', async () => {
    let now = 0;
    const pacer = createJiraPacer({ now: () => now, sleep: async (ms) => void (now += ms) });
    const write = (issueKey: string) => ({ method: 'POST', path: `/rest/api/3/issue/${issueKey}/worklog`, issueKey });
    for (let i = 0; i < 5; i++) {
      const turn = await pacer.before(write('PAY-1'));
      pacer.after(write('PAY-1'), accepted, turn);
      now += 10;
    }
    const refusedTurn = await pacer.before(write('PAY-1'));
    pacer.after(write('PAY-1'), { status: 429, reason: 'jira-per-issue-on-write', retryAfterMs: 1000, limit: 5 }, refusedTurn);
    // PAY-2: 5 writes without waiting, the 6th waits for the window (about 1.05 s).
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const turn = await pacer.before(write('PAY-2'));
      waits.push(turn.waitedMs);
      pacer.after(write('PAY-2'), accepted, turn);
    }
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits[5]).toBeGreaterThan(1000);
    expect(waits[5]).toBeLessThan(1100);
  });
});
