// The overview chart's bars on long ranges: per week up to half a year, per month beyond.
import { bucketTotals, dailyTotals, grainFor } from '../../../static/global-page/src/components/OverviewChart';
import { rec } from './fakeBackend';

test('a month is drawn per day, a quarter per week, a year per month', () => {
  expect(grainFor('2026-11-01', '2026-11-30')).toBe('day');
  expect(grainFor('2026-11-01', '2026-12-01')).toBe('day');
  expect(grainFor('2026-09-01', '2026-11-30')).toBe('week');
  expect(grainFor('2025-12-01', '2026-11-30')).toBe('month');
});

test("weeks start on the locale's first day and sum their days; months sum theirs", () => {
  const records = [rec(1, 2, '09:00', '10:00'), rec(2, 8, '09:00', '11:00', { loggedSeconds: 3600 }), rec(3, 9, '09:00', '09:30')];
  const days = dailyTotals(records, '2026-11-01', '2026-11-30', 'Europe/Berlin');
  // Monday-first weeks: Sun 1 Nov is alone in the week of 26 Oct; 2–8 Nov; 9–15 Nov …
  const weeks = bucketTotals(days, 'week', 1, 'en-GB');
  expect(weeks.slice(0, 3).map((w) => [w.heading, w.trackedSeconds, w.loggedSeconds])).toEqual([
    ['Week of Monday 26 October', 0, 0],
    ['Week of Monday 2 November', 3 * 3600, 3600],
    ['Week of Monday 9 November', 1800, 0],
  ]);
  expect(weeks).toHaveLength(6);
  // Sunday-first weeks put 8 Nov (a Sunday) with the 9th.
  expect(
    bucketTotals(days, 'week', 7, 'en-US')
      .slice(0, 2)
      .map((w) => w.trackedSeconds),
  ).toEqual([3600, 2 * 3600 + 1800]);
  const months = bucketTotals(dailyTotals(records, '2026-10-01', '2026-11-30', 'Europe/Berlin'), 'month', 1, 'en-GB');
  expect(months.map((m) => [m.heading, m.trackedSeconds, m.label.top])).toEqual([
    ['October 2026', 0, 'Oct'],
    ['November 2026', 3.5 * 3600, 'Nov'],
  ]);
});
