import { MAX_QUIET_POLL_MS, nextPollDelay } from '../../../static/global-page/src/pollDelay';

describe('nextPollDelay', () => {
  it('polls at the interval while the job moves, then less and less often while it does not, up to 8 s', () => {
    expect(nextPollDelay(1000, 0, 0)).toBe(1000);
    expect(nextPollDelay(1000, 1, 0)).toBe(1500);
    expect(nextPollDelay(1000, 2, 0)).toBe(2250);
    expect(nextPollDelay(1000, 10, 0)).toBe(MAX_QUIET_POLL_MS);
  });

  it('backs off harder while polls fail, up to 30 s', () => {
    expect(nextPollDelay(1000, 0, 1)).toBe(2000);
    expect(nextPollDelay(1000, 3, 2)).toBe(4000);
    expect(nextPollDelay(1000, 0, 9)).toBe(30_000);
  });
});
