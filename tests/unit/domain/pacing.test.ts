import {
  CUT_HOLD_MS,
  DECREASE,
  endpointOf,
  ISSUE_CEILING_SHARE,
  ISSUE_PROBE_PER_SECOND,
  IssueSpacing,
  RateGate,
  scopeOf,
} from '../../../src/domain/pacing';
import { IssueWindows } from '../../../src/domain/issueWindows';

describe('scopeOf', () => {
  it('maps each documented RateLimit-Reason to the scope it limits', () => {
    expect(scopeOf('jira-burst-based')).toBe('burst');
    expect(scopeOf('jira-per-issue-on-write')).toBe('per-issue');
    expect(scopeOf('jira-quota-global-based')).toBe('quota');
    expect(scopeOf('Jira-Quota-Tenant-Based')).toBe('quota');
    expect(scopeOf(null)).toBe('unknown');
    expect(scopeOf('jira-cost-based')).toBe('unknown');
  });
});

describe('endpointOf', () => {
  it('names the method and the path template Jira keeps one bucket for', () => {
    expect(endpointOf('post', '/rest/api/3/issue/PAY-12/worklog?expand=properties')).toBe('POST /rest/api/3/issue/{issueIdOrKey}/worklog');
    expect(endpointOf('PUT', '/rest/api/3/issue/10001/worklog/20002?notifyUsers=false')).toBe('PUT /rest/api/3/issue/{issueIdOrKey}/worklog/{id}');
    expect(endpointOf('GET', '/rest/api/3/issue/PAY-1/worklog/7/properties/timecard-sync')).toBe(
      'GET /rest/api/3/issue/{issueIdOrKey}/worklog/{id}/properties/{propertyKey}',
    );
    expect(endpointOf('GET', '/rest/api/3/issue/picker?query=x')).toBe('GET /rest/api/3/issue/picker');
    expect(endpointOf('POST', '/rest/api/3/search/jql')).toBe('POST /rest/api/3/search/jql');
  });
});

describe('RateGate (AIMD on the rate)', () => {
  it('lets everything through until Jira first refuses, then cuts to a share of what Jira accepted and spaces calls', () => {
    const gate = new RateGate();
    expect(gate.reserve(0)).toBe(0);
    expect(gate.reserve(0)).toBe(0);
    // 50 accepted over one second, then a refusal.
    for (let t = 0; t < 1000; t += 20) gate.onAccepted(t, false);
    expect(gate.onRefused(1000)).toBe(true);
    expect(gate.rate).toBeCloseTo(50 * DECREASE, 0);
    const first = gate.reserve(1000);
    const second = gate.reserve(1000);
    expect(first).toBeGreaterThan(1000);
    expect(second - first).toBeCloseTo(1000 / gate.rate, 5);
  });

  it('cuts once per volley of refusals, and again after the hold', () => {
    const gate = new RateGate();
    for (let t = 0; t < 1000; t += 10) gate.onAccepted(t, false);
    gate.onRefused(1000);
    const once = gate.rate;
    expect(gate.onRefused(1000 + CUT_HOLD_MS - 1)).toBe(false);
    expect(gate.rate).toBe(once);
    expect(gate.onRefused(1000 + CUT_HOLD_MS)).toBe(true);
    expect(gate.rate).toBeLessThan(once);
  });

  it('grows additively, about 4 calls a second each second, only while it holds calls back', () => {
    const gate = new RateGate();
    for (let t = 0; t < 1000; t += 50) gate.onAccepted(t, false);
    gate.onRefused(1000);
    const cut = gate.rate;
    let t = 1000;
    // A second of accepted calls at the gate's rate that the gate held back.
    for (let i = 0; i < Math.round(cut); i++) gate.onAccepted((t += 1000 / cut), true);
    expect(gate.rate - cut).toBeGreaterThan(3.5);
    expect(gate.rate - cut).toBeLessThan(4.5);
    const grown = gate.rate;
    // Calls the gate did not hold back (the callers are slower than the gate) do not grow it.
    for (let i = 0; i < 100; i++) gate.onAccepted((t += 100), false);
    expect(gate.rate).toBe(grown);
  });

  it('never grows past the steady rate a burst refusal names (X-RateLimit-Limit)', () => {
    const gate = new RateGate();
    for (let t = 0; t < 1000; t += 10) gate.onAccepted(t, false);
    gate.onRefused(1000, 10);
    expect(gate.rate).toBeCloseTo(10 * DECREASE, 5);
    let t = 1000;
    for (let i = 0; i < 100; i++) gate.onAccepted((t += 100), true);
    expect(gate.rate).toBe(10);
  });

  it('never goes below one call a second, even when Jira accepts nothing', () => {
    const gate = new RateGate();
    for (let i = 0; i < 20; i++) gate.onRefused(i * CUT_HOLD_MS);
    expect(gate.rate).toBe(1);
  });
});

describe('IssueSpacing', () => {
  it('spaces the writes of every issue at what one issue taught, each issue on its own', () => {
    const spacing = new IssueSpacing();
    for (let t = 0; t < 2000; t += 100) spacing.onAccepted('A-1', t, false); // 10 a second
    spacing.onRefused('A-1', 2000);
    expect(spacing.rate).toBeCloseTo(10 * DECREASE, 0);
    const a1 = spacing.reserve('A-1', 2000);
    const a2 = spacing.reserve('A-1', 2000);
    expect(a2 - a1).toBeCloseTo(1000 / spacing.rate, 5);
    // Another issue is spaced the same, but not behind A-1's writes.
    const b1 = spacing.reserve('B-1', 2000);
    const b2 = spacing.reserve('B-1', 2000);
    expect(b1).toBe(2000);
    expect(b2 - b1).toBeCloseTo(1000 / spacing.rate, 5);
  });

  it('grows back quickly to just under the rate Jira refused, then only slowly past it', () => {
    const spacing = new IssueSpacing();
    for (let t = 0; t < 2000; t += 100) spacing.onAccepted('A-1', t, false); // 10 a second
    spacing.onRefused('A-1', 2000);
    expect(spacing.ceiling).toBeCloseTo(10 * ISSUE_CEILING_SHARE, 5);
    // Half a second of writes the spacing held back, on one issue: back at the ceiling, not past it.
    let t = 2000;
    const start = spacing.rate;
    spacing.onAccepted('A-1', (t += 1000 / spacing.rate), true);
    expect(spacing.rate).toBeGreaterThan(start + 0.3);
    while (spacing.rate < spacing.ceiling && t < 2500) spacing.onAccepted('A-1', (t += 1000 / spacing.rate), true);
    expect(t).toBeLessThan(2500);
    expect(spacing.rate).toBeCloseTo(10 * ISSUE_CEILING_SHARE, 5);
    // Past the ceiling, ISSUE_PROBE_PER_SECOND each second.
    const ten = t + 10_000;
    while (t < ten) spacing.onAccepted('A-1', (t += 1000 / spacing.rate), true);
    expect(spacing.rate - 10 * ISSUE_CEILING_SHARE).toBeCloseTo(10 * ISSUE_PROBE_PER_SECOND, 1);
  });

  it('lowers the ceiling when Jira refuses the spaced writes too', () => {
    const spacing = new IssueSpacing();
    for (let t = 0; t < 2000; t += 50) spacing.onAccepted('A-1', t, false); // 20 a second
    spacing.onRefused('A-1', 2000);
    const first = spacing.ceiling;
    // Spaced writes refused again after the volley's hold: the rule is tighter than the first refusal told.
    let t = 2000;
    while (t < 4500) spacing.onAccepted('A-1', (t += 1000 / spacing.rate), true);
    spacing.onRefused('A-1', t);
    expect(spacing.ceiling).toBeLessThan(first);
    expect(spacing.rate).toBeLessThanOrEqual(spacing.ceiling);
  });
});

describe('IssueWindows (N writes per window, learned from a refusal that names N)', () => {
  it('lets a fresh issue write N at once, then waits for the window; other issues are not held', () => {
    const windows = new IssueWindows();
    expect(windows.known()).toBe(false);
    // 10 writes 40 ms apart are accepted, the 11th refused with Retry-After 1 s.
    for (let i = 0; i < 11; i++) expect(windows.reserve('A-1', i * 40)).toBe(i * 40);
    windows.onRefused('A-1', 420, 10, 1000);
    expect(windows.known()).toBe(true);
    // The window is at most from the oldest of the 10 to when Jira lets the next in: 1.42 s.
    expect(windows.rate()).toBeCloseTo((10 / 1420) * 1000, 5);
    expect(windows.reserve('A-1', 420)).toBe(1420);
    // A fresh issue writes 10 at once, the 11th waits until the first has left the window.
    for (let i = 0; i < 10; i++) expect(windows.reserve('B-1', 500)).toBe(500);
    expect(windows.reserve('B-1', 500)).toBe(1920);
  });

  it('keeps the tightest bound of a window, and each named count its own window', () => {
    const windows = new IssueWindows();
    for (let i = 0; i < 4; i++) windows.reserve('A-1', i * 100);
    windows.onRefused('A-1', 300, 3, 2000); // 3 per at most 2.3 s (from the first of the 3 to 300 ms + 2 s)
    expect(windows.rate()).toBeCloseTo((3 / 2300) * 1000, 5);
    for (let i = 0; i < 4; i++) windows.reserve('B-1', 5000 + i * 100);
    windows.onRefused('B-1', 5300, 3, 1000); // every refusal bounds the window: at most 1.3 s
    expect(windows.rate()).toBeCloseTo((3 / 1300) * 1000, 5);
    for (let i = 0; i < 4; i++) windows.reserve('D-1', 7000 + i * 100);
    windows.onRefused('D-1', 7300, 3, 2000); // a looser bound does not replace it
    expect(windows.rate()).toBeCloseTo((3 / 1300) * 1000, 5);
    for (let i = 0; i < 6; i++) windows.reserve('C-1', 9000 + i);
    windows.onRefused('C-1', 9005, 5, 30_000); // another rule: 5 per at most 30.005 s
    expect(windows.rate()).toBeCloseTo((5 / 30_005) * 1000, 5);
  });

  it('takes a refusal that came before the named count was booked here as a guess, the longest one, until a bound comes', () => {
    const windows = new IssueWindows();
    // Someone else wrote E-1 too: Jira counted 3, only 2 are the app's.
    windows.reserve('E-1', 0);
    windows.reserve('E-1', 100);
    windows.reserve('E-1', 200);
    windows.onRefused('E-1', 200, 3, 1000); // a guess: from the app's first write, 1.2 s
    windows.reserve('F-1', 300);
    windows.reserve('F-1', 400);
    windows.onRefused('F-1', 400, 3, 2000); // a longer guess wins: 2.1 s
    expect(windows.rate()).toBeCloseTo((3 / 2100) * 1000, 5);
    for (let i = 0; i < 4; i++) windows.reserve('G-1', 5000 + i * 100);
    windows.onRefused('G-1', 5300, 3, 1000); // a bound replaces the guesses: 1.3 s
    expect(windows.rate()).toBeCloseTo((3 / 1300) * 1000, 5);
  });

  it('narrows a loose window by probing halfway into it once the window holds writes back, one probe at a time', () => {
    const windows = new IssueWindows();
    // Each write is sent when booked and answered 20 ms later.
    const write = (key: string, now: number) => {
      const at = windows.reserve(key, now);
      return { at, answer: (accepted = true) => windows.onAnswered(key, at, at, at + 20, accepted) };
    };
    for (let i = 0; i < 3; i++) write('A-1', i * 100).answer();
    const refused = write('A-1', 300);
    windows.onRefused('A-1', 320, 3, 1000, { at: refused.at, sentAt: refused.at }); // whole-second Retry-After: at most 1.32 s
    // And longer than from the oldest write's answer (20 ms) to the refused write's sending (300 ms).
    expect(windows.windowOf(3)).toEqual({ lower: 280, upper: 1320 });
    // Z-1 fills its window; its held writes go a window after the write 3 back was answered.
    for (let i = 0; i < 3; i++) write('Z-1', 2000).answer();
    const held = [0, 1, 2, 3].map(() => {
      const w = write('Z-1', 2000);
      w.answer();
      return w.at;
    });
    // The 4th is held too, though the window has held back 3 already: a refused probe would be more
    // than 1 % of the writes accepted so far (10).
    expect(held).toEqual([3340, 3340, 3340, 3360 + 1320]);
    // After 100 more writes accepted (one each to other issues), B-1's first held write goes halfway
    // into [280, 1320] ms after the write 3 back was sent.
    for (let i = 0; i < 100; i++) write(`W-${i}`, 5000).answer();
    for (let i = 0; i < 3; i++) write('B-1', 5000).answer();
    const probe = write('B-1', 5020);
    expect(probe.at).toBe(5000 + 800);
    // While it is under way, C-1 does not probe as well.
    for (let i = 0; i < 3; i++) write('C-1', 5100).answer();
    expect(write('C-1', 5100).at).toBe(5120 + 1320);
    // Accepted 20 ms later, with 3 accepted writes before it (the oldest sent at 5000): at most 820 ms.
    probe.answer();
    expect(windows.windowOf(3)).toEqual({ lower: 280, upper: 820 });
    expect(windows.rate()).toBeCloseTo((3 / 820) * 1000, 5);
  });

  it('raises the lower bound when a probe is refused, and stops probing once the window is known closely', () => {
    const windows = new IssueWindows();
    const write = (key: string, now: number) => {
      const at = windows.reserve(key, now);
      return { at, answer: () => windows.onAnswered(key, at, at, at + 20, true) };
    };
    const refuse = (key: string, at: number) => windows.onRefused(key, at + 20, 3, 1000, { at, sentAt: at });
    // Enough writes accepted for 10 refused probes (1 % of them).
    for (let i = 0; i < 1000; i++) write(`W-${i}`, 0).answer();
    for (let i = 0; i < 3; i++) write('A-1', i * 10).answer();
    refuse('A-1', write('A-1', 30).at); // [10, 1050]: from the first answer (20) to the refused sending (30)
    expect(windows.windowOf(3)).toEqual({ lower: 10, upper: 1050 });
    for (let i = 0; i < 6; i++) write('B-1', 2000).answer();
    const probe = write('B-1', 3090);
    expect(probe.at).toBe(3070 + 530); // halfway into [10, 1050] after the write 3 back was sent
    refuse('B-1', probe.at);
    // Sent 510 ms after the write 3 back was answered (3090): the window is longer than that.
    expect(windows.windowOf(3)).toEqual({ lower: 510, upper: 1050 });
    // Probes go on until the interval is within 4 % of the window, 40 ms, or what 2.5 round trips
    // blur (50 ms); Jira's rule here: 1 s from a write's arrival (10 ms after its sending) to the next's.
    for (let round = 1; round <= 20; round++) {
      const key = `P-${round}`;
      const start = 10_000 * round;
      for (let i = 0; i < 3; i++) write(key, start).answer();
      const next = write(key, start);
      if (next.at + 10 - (start + 10) >= 1000) next.answer();
      else refuse(key, next.at);
    }
    const learned = windows.windowOf(3)!;
    expect(learned.lower).toBeLessThan(1000);
    expect(learned.upper).toBeGreaterThanOrEqual(1000);
    expect(learned.upper - learned.lower).toBeLessThanOrEqual(50);
    expect(learned.upper).toBeLessThan(1050);
  });
});
