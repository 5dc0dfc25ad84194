import { formatDuration, recordDurationSeconds, roundDurationSeconds, type RoundingIncrement, type RoundingMode } from '../../../src/domain/duration';
import { AppError } from '../../../src/domain/errors';

describe('recordDurationSeconds', () => {
  it('measures whole seconds between timecard instants', () => {
    expect(recordDurationSeconds('2026-11-24T08:30:00Z', '2026-11-24T10:05:00Z')).toBe(5700);
  });
  it('is negative when the record ends before it starts', () => {
    expect(recordDurationSeconds('2026-11-24T10:00:00Z', '2026-11-24T09:00:00Z')).toBe(-3600);
  });
  it('understands offsets', () => {
    expect(recordDurationSeconds('2026-11-24T00:30:00.000-0800', '2026-11-24T09:00:00Z')).toBe(1800);
  });
  it('throws on unreadable dates', () => {
    expect(() => recordDurationSeconds('yesterday', '2026-11-24T10:00:00Z')).toThrow(AppError);
  });
});

describe('roundDurationSeconds', () => {
  const m = 60;
  // [seconds, increment, nearest, up, down]
  const table: [number, RoundingIncrement, number, number, number][] = [
    [0, 1, 60, 60, 60],
    [20, 1, 60, 60, 60],
    [29, 1, 60, 60, 60],
    [59, 1, 60, 60, 60],
    [60, 1, 60, 60, 60],
    [89, 1, 60, 120, 60],
    [90, 1, 120, 120, 60],
    [91, 1, 120, 120, 60],
    [450, 1, 8 * m, 8 * m, 7 * m],
    [3600, 1, 3600, 3600, 3600],
    [5700, 1, 5700, 5700, 5700],
    [59, 5, 60, 5 * m, 60],
    [60, 5, 60, 5 * m, 60],
    [90, 5, 60, 5 * m, 60],
    [149, 5, 60, 5 * m, 60],
    [150, 5, 5 * m, 5 * m, 60],
    [450, 5, 10 * m, 10 * m, 5 * m],
    [59, 6, 60, 6 * m, 60],
    [60, 6, 60, 6 * m, 60],
    [90, 6, 60, 6 * m, 60],
    [180, 6, 6 * m, 6 * m, 60],
    [450, 6, 6 * m, 12 * m, 6 * m],
    [59, 10, 60, 10 * m, 60],
    [60, 10, 60, 10 * m, 60],
    [90, 10, 60, 10 * m, 60],
    [450, 10, 10 * m, 10 * m, 60],
    [299, 10, 60, 10 * m, 60],
    [300, 10, 10 * m, 10 * m, 60],
    [59, 15, 60, 15 * m, 60],
    [60, 15, 60, 15 * m, 60],
    [90, 15, 60, 15 * m, 60],
    [449, 15, 60, 15 * m, 60],
    [450, 15, 15 * m, 15 * m, 60],
    [5700, 15, 90 * m, 105 * m, 90 * m],
    [59, 30, 60, 30 * m, 60],
    [60, 30, 60, 30 * m, 60],
    [90, 30, 60, 30 * m, 60],
    [450, 30, 60, 30 * m, 60],
    [900, 30, 30 * m, 30 * m, 60],
    [5400, 30, 90 * m, 90 * m, 90 * m],
    [5401, 30, 90 * m, 120 * m, 90 * m],
  ];
  const cases = table.flatMap(([seconds, increment, nearest, up, down]) =>
    (
      [
        ['nearest', nearest],
        ['up', up],
        ['down', down],
      ] as [RoundingMode, number][]
    ).map(([mode, expected]) => [seconds, mode, increment, expected] as const),
  );

  it.each(cases)('%p s, %s to %p min → %p s', (seconds, mode, increment, expected) => {
    expect(roundDurationSeconds(seconds, mode, increment)).toBe(expected);
  });

  it.each([1, 5, 6, 10, 15, 30] as RoundingIncrement[])('always whole minutes, never under 60, up never loses time (increment %p)', (increment) => {
    const violations: string[] = [];
    for (let seconds = 0; seconds <= 4 * 3600; seconds += 7) {
      for (const mode of ['nearest', 'up', 'down'] as RoundingMode[]) {
        const rounded = roundDurationSeconds(seconds, mode, increment);
        const ok =
          rounded % 60 === 0 &&
          rounded >= 60 &&
          (rounded === 60 || rounded % (increment * 60) === 0) &&
          (mode !== 'up' || rounded >= seconds) &&
          (mode !== 'down' || rounded === 60 || rounded <= seconds) &&
          Math.abs(rounded - seconds) <= Math.max(increment * 60, 60);
        if (!ok) violations.push(`${seconds}s ${mode} → ${rounded}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('refuses non-numbers', () => {
    expect(() => roundDurationSeconds(Number.NaN, 'up', 1)).toThrow(AppError);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0m'],
    [1, '1s'],
    [30, '30s'],
    [59, '59s'],
    [60, '1m'],
    [2700, '45m'],
    [3600, '1h'],
    [5700, '1h 35m'],
    [7200, '2h'],
    [90_000, '25h'],
    [3599, '1h'],
    [-5700, '-1h 35m'],
  ])('%p s → %p', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});
