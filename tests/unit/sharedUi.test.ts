// The UI helpers both frontends share (src/shared/ui): formatting in the person's zone and locale,
// what each status means, a record's text and its totals.
import { RECORD_STATUSES, type RecordView } from '../../src/shared/contract';
import { recordView } from '../support/recordView';
import { dayKey, firstDayOfWeek, formatTime, makeZone, NOT_AVAILABLE } from '../../src/shared/ui/format';
import { recordsByDay, recordText, timeTotals } from '../../src/shared/ui/records';
import { countsAsNotSynced, isUnlogged, needsBulkSync, needsFirstLog, needsResync } from '../../src/shared/ui/status';

const record = recordView;

test('a day and a time are read in the person’s zone, in their locale', () => {
  expect(dayKey('2026-11-24T23:30:00Z', 'Europe/Berlin')).toBe('2026-11-25');
  expect(dayKey(new Date('2026-11-24T23:30:00Z'), 'America/Los_Angeles')).toBe('2026-11-24');
  expect(formatTime('2026-11-24T08:05:00Z', makeZone('Europe/Berlin', 'de_DE'))).toBe('09:05');
  expect(formatTime('2026-11-24T08:05:00Z', makeZone('Asia/Tokyo', 'ja-JP'))).toBe('17:05');
  expect(formatTime('2026-11-24T20:05:00Z', makeZone('America/New_York', 'en-US'))).toMatch(/^03:05\sPM$/);
  expect(formatTime('not a date', makeZone('UTC', 'en-GB'))).toBe(NOT_AVAILABLE);
});

test('weeks start on the locale’s first day, with or without Intl week info', () => {
  expect(firstDayOfWeek('de-DE')).toBe(1);
  expect(firstDayOfWeek('fr-FR')).toBe(1);
  expect(firstDayOfWeek('en-US')).toBe(7);
  expect(firstDayOfWeek('ja-JP')).toBe(7);
  expect(firstDayOfWeek('ar-EG')).toBe(6);
  expect(firstDayOfWeek('not a locale')).toBe(1);
  // The table an engine without week info falls back to gives the same answers.
  const proto = Intl.Locale.prototype as unknown as Record<string, unknown>;
  const saved = { get: Object.getOwnPropertyDescriptor(proto, 'getWeekInfo'), info: Object.getOwnPropertyDescriptor(proto, 'weekInfo') };
  try {
    Object.defineProperty(proto, 'getWeekInfo', { value: undefined, configurable: true });
    Object.defineProperty(proto, 'weekInfo', { value: undefined, configurable: true });
    expect(['de-DE', 'fr-FR', 'es-ES', 'en-US', 'ja-JP', 'ar-EG', 'en-GB'].map(firstDayOfWeek)).toEqual([1, 1, 1, 7, 7, 6, 1]);
  } finally {
    if (saved.get) Object.defineProperty(proto, 'getWeekInfo', saved.get);
    else delete proto.getWeekInfo;
    if (saved.info) Object.defineProperty(proto, 'weekInfo', saved.info);
    else delete proto.weekInfo;
  }
});

test('each status predicate names its own statuses', () => {
  const pick = (predicate: (s: RecordView['status']) => boolean) => RECORD_STATUSES.filter(predicate);
  expect(pick(isUnlogged)).toEqual(['not-synced', 'failed']);
  expect(pick(needsFirstLog)).toEqual(['not-synced', 'failed', 'deleted-in-jira']);
  expect(pick(needsResync)).toEqual(['changed', 'edited-in-jira', 'settings-changed']);
  expect(pick(needsBulkSync)).toEqual(['not-synced', 'changed', 'failed']);
  expect(pick(countsAsNotSynced)).toEqual(['not-synced', 'changed', 'failed', 'deleted-in-jira']);
});

test('a record reads as its notes, else what it was tracked under', () => {
  expect(recordText(record({ notes: 'Fixed PAY-12', domain: 'acme' }))).toBe('Fixed PAY-12');
  expect(recordText(record({ notes: '', domain: 'acme', category: 'dev', title: 'Review' }))).toBe('acme / dev / Review');
  expect(recordText(record({ notes: '', title: 'Review' }))).toBe('Review');
});

test('records by day in the zone, with their totals', () => {
  const records = [
    record({ id: 3, start: '2026-11-24T23:30:00Z', durationSeconds: 600, loggedSeconds: 600 }),
    record({ id: 2, start: '2026-11-24T08:00:00Z', durationSeconds: 3600 }),
    record({ id: 1, start: '2026-11-24T08:00:00Z', durationSeconds: 1800, loggedSeconds: 1800 }),
  ];
  const days = recordsByDay(records, 'Europe/Berlin');
  expect(days.map(([day, list]) => [day, list.map((r) => r.id)])).toEqual([
    ['2026-11-24', [1, 2]],
    ['2026-11-25', [3]],
  ]);
  expect(timeTotals(days[0]![1])).toEqual({ trackedSeconds: 5400, loggedSeconds: 1800 });
});
