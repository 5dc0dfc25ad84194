import { AppError } from '../../../src/domain/errors';
import {
  addCalendarDays,
  formatJiraStarted,
  isDateOnly,
  isValidTimeZone,
  lastDaysRange,
  parseInstant,
  parseJiraInstant,
  resolveDateRange,
  startOfZonedDay,
  toTimecardDate,
  zonedParts,
} from '../../../src/domain/time';

const JIRA_STARTED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

function expectAppError(fn: () => unknown, code: string): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('parseJiraInstant', () => {
  it.each([
    ['2026-11-24T00:30:00.000-0800', '2026-11-24T08:30:00.000Z'],
    ['2026-11-24T14:00:00.000+0530', '2026-11-24T08:30:00.000Z'],
    ['2026-11-24T14:00:00.000+05:30', '2026-11-24T08:30:00.000Z'],
    ['2026-11-24T08:30:00.000Z', '2026-11-24T08:30:00.000Z'],
    ['2026-11-24T08:30:00Z', '2026-11-24T08:30:00.000Z'],
    ['2026-11-24T08:30Z', '2026-11-24T08:30:00.000Z'],
    ['2026-11-24T08:30:00.123456789+0000', '2026-11-24T08:30:00.123Z'],
    ['2026-11-24T21:15:00.000+1245', '2026-11-24T08:30:00.000Z'],
    ['2026-11-24T09:30:00.000+01', '2026-11-24T08:30:00.000Z'],
    ['2026-11-23T23:30:00.000-0900', '2026-11-24T08:30:00.000Z'],
    ['2024-02-29T00:00:00.000+0000', '2024-02-29T00:00:00.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseJiraInstant(text).toISOString()).toBe(iso);
  });

  it.each([
    '',
    'garbage',
    '2026-11-24',
    '2026-11-24T08:30:00', // no offset: ambiguous, refused
    '2026-13-01T00:00:00.000Z',
    '2026-02-30T00:00:00.000Z',
    '2025-02-29T00:00:00.000Z',
    '2026-11-24T24:00:00.000Z',
    '2026-11-24T08:60:00.000Z',
    '2026-11-24T08:30:00.000+2500',
    '2026-11-24T08:30:00.000+053',
  ])('refuses %p', (text) => {
    expectAppError(() => parseJiraInstant(text), 'internal');
    expect(parseInstant(text)).toBeNull();
  });

  it('parseInstant tolerates non-strings', () => {
    expect(parseInstant(null)).toBeNull();
    expect(parseInstant(undefined)).toBeNull();
  });
});

describe('formatJiraStarted', () => {
  it.each([
    // a person in UTC-8 started at 00:30 local on the 24th
    ['2026-11-24T00:30:00.000-0800', '2026-11-24T08:30:00.000+0000'],
    // UTC
    ['2026-11-24T08:30:00Z', '2026-11-24T08:30:00.000+0000'],
    // UTC+5:30 at 05:00 local is the previous day in UTC
    ['2026-11-24T05:00:00+05:30', '2026-11-23T23:30:00.000+0000'],
    ['2026-11-24T05:00:00.000+0530', '2026-11-23T23:30:00.000+0000'],
  ])('%s → %s', (input, expected) => {
    expect(formatJiraStarted(input)).toBe(expected);
    expect(formatJiraStarted(parseJiraInstant(input))).toBe(expected);
  });

  it('keeps milliseconds and pads small years', () => {
    expect(formatJiraStarted(new Date(Date.UTC(2026, 0, 5, 3, 4, 5, 7)))).toBe('2026-01-05T03:04:05.007+0000');
    const early = new Date(0);
    early.setUTCFullYear(99, 0, 1);
    expect(formatJiraStarted(early)).toBe('0099-01-01T00:00:00.000+0000');
  });

  it('always matches the only format Jira accepts', () => {
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 7 * 3_600_000 + 12_345) {
      expect(formatJiraStarted(new Date(ms))).toMatch(JIRA_STARTED);
    }
  });

  it('refuses invalid dates', () => {
    expectAppError(() => formatJiraStarted(new Date(Number.NaN)), 'internal');
    expectAppError(() => formatJiraStarted('nope'), 'internal');
  });
});

describe('toTimecardDate', () => {
  it('gives the timecard server its strict format', () => {
    expect(toTimecardDate(new Date('2026-11-01T00:00:00Z'))).toBe('2026-11-01T00:00:00.000Z');
    expect(toTimecardDate(parseJiraInstant('2026-11-01T00:00:00.000-0700'))).toBe('2026-11-01T07:00:00.000Z');
    expect(toTimecardDate(new Date('2026-11-01T00:00:00Z'))).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['America/Los_Angeles', true],
    ['Pacific/Chatham', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['', false],
    [undefined, false],
  ])('%p → %p', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});

describe('zonedParts', () => {
  it.each([
    ['2026-11-24T08:30:00Z', 'America/Los_Angeles', '2026-11-24', '00:30', 'Tue'],
    ['2026-11-24T07:30:00Z', 'America/Los_Angeles', '2026-11-23', '23:30', 'Mon'],
    ['2026-11-23T23:30:00Z', 'Asia/Kolkata', '2026-11-24', '05:00', 'Tue'],
    ['2026-11-24T08:30:00Z', 'UTC', '2026-11-24', '08:30', 'Tue'],
    ['2026-11-24T10:15:00Z', 'Pacific/Chatham', '2026-11-25', '00:00', 'Wed'],
    ['2026-03-29T01:00:00Z', 'Europe/Berlin', '2026-03-29', '03:00', 'Sun'],
    ['2026-03-29T00:59:59Z', 'Europe/Berlin', '2026-03-29', '01:59', 'Sun'],
    ['2026-11-24T00:00:00Z', 'Europe/Berlin', '2026-11-24', '01:00', 'Tue'],
  ])('%s in %s', (instant, zone, date, time, weekday) => {
    expect(zonedParts(instant, zone)).toEqual({ date, time, weekday });
    expect(zonedParts(new Date(instant), zone)).toEqual({ date, time, weekday });
  });

  it('refuses unknown zones', () => {
    expectAppError(() => zonedParts(new Date(), 'Mars/Olympus'), 'internal');
  });
});

describe('calendar days', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-24', -6, '2026-11-18'],
  ])('%s %+d → %s', (day, n, expected) => {
    expect(addCalendarDays(day, n)).toBe(expected);
  });
  it('knows what is date-only', () => {
    expect(isDateOnly('2026-11-24')).toBe(true);
    expect(isDateOnly('2026-02-30')).toBe(false);
    expect(isDateOnly('2026-11-24T00:00:00Z')).toBe(false);
  });
});

describe('startOfZonedDay', () => {
  it.each([
    ['2026-11-24', 'UTC', '2026-11-24T00:00:00.000Z'],
    ['2026-11-24', 'America/Los_Angeles', '2026-11-24T08:00:00.000Z'],
    ['2026-03-08', 'America/Los_Angeles', '2026-03-08T08:00:00.000Z'], // DST starts at 02:00 that day
    ['2026-03-09', 'America/Los_Angeles', '2026-03-09T07:00:00.000Z'],
    ['2026-11-01', 'America/Los_Angeles', '2026-11-01T07:00:00.000Z'], // DST ends at 02:00 that day
    ['2026-11-02', 'America/Los_Angeles', '2026-11-02T08:00:00.000Z'],
    ['2026-11-24', 'Asia/Kolkata', '2026-11-23T18:30:00.000Z'],
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', 'Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    ['2026-11-24', 'Pacific/Chatham', '2026-11-23T10:15:00.000Z'], // +13:45
    ['2026-06-15', 'Pacific/Chatham', '2026-06-14T11:15:00.000Z'], // +12:45
    ['2026-04-05', 'Pacific/Chatham', '2026-04-04T10:15:00.000Z'], // DST ends at 03:45 that day
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'], // midnight skipped: day starts 01:00
    ['2026-04-05', 'America/Santiago', '2026-04-05T04:00:00.000Z'], // midnight repeats the hour before
  ])('%s in %s starts at %s', (day, zone, iso) => {
    const start = startOfZonedDay(day, zone);
    expect(start.toISOString()).toBe(iso);
    expect(zonedParts(start, zone).date).toBe(day);
    expect(zonedParts(new Date(start.getTime() - 1000), zone).date).toBe(addCalendarDays(day, -1));
  });

  it('gives 23 and 25 hour days around DST', () => {
    const hours = (day: string, zone: string): number =>
      (startOfZonedDay(addCalendarDays(day, 1), zone).getTime() - startOfZonedDay(day, zone).getTime()) / 3_600_000;
    expect(hours('2026-03-08', 'America/Los_Angeles')).toBe(23);
    expect(hours('2026-11-01', 'America/Los_Angeles')).toBe(25);
    expect(hours('2026-03-29', 'Europe/Berlin')).toBe(23);
    expect(hours('2026-10-25', 'Europe/Berlin')).toBe(25);
    expect(hours('2026-11-24', 'Asia/Kolkata')).toBe(24);
  });

  it('refuses bad days', () => {
    expectAppError(() => startOfZonedDay('2026-02-30', 'UTC'), 'invalid-payload');
  });
});

describe('resolveDateRange', () => {
  it('makes date-only bounds whole zoned days, the end inclusive', () => {
    const { start, end } = resolveDateRange('2026-11-01', '2026-11-01', 'America/Los_Angeles');
    expect(start.toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-02T08:00:00.000Z');
  });

  it('works across zones', () => {
    expect(resolveDateRange('2026-11-24', '2026-11-30', 'Asia/Kolkata')).toEqual({
      start: new Date('2026-11-23T18:30:00.000Z'),
      end: new Date('2026-11-30T18:30:00.000Z'),
    });
  });

  it('takes date-times with offsets as instants, the end exclusive', () => {
    expect(resolveDateRange('2026-11-24T00:00:00-08:00', '2026-11-25T00:00:00.000Z', 'Europe/Berlin')).toEqual({
      start: new Date('2026-11-24T08:00:00.000Z'),
      end: new Date('2026-11-25T00:00:00.000Z'),
    });
  });

  it('mixes forms', () => {
    const { start, end } = resolveDateRange('2026-11-24', '2026-11-24T12:00:00Z', 'UTC');
    expect([start.toISOString(), end.toISOString()]).toEqual(['2026-11-24T00:00:00.000Z', '2026-11-24T12:00:00.000Z']);
  });

  it('refuses an empty or reversed range', () => {
    expect(expectAppError(() => resolveDateRange('2026-11-25', '2026-11-24', 'UTC'), 'invalid-payload').message).toMatch(/before/);
    expectAppError(() => resolveDateRange('2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z', 'UTC'), 'invalid-payload');
  });

  it('allows at most maxDays whole days, DST included', () => {
    expect(() => resolveDateRange('2026-01-01', '2027-01-01', 'Europe/Berlin')).not.toThrow(); // 366 days
    expect(() => resolveDateRange('2024-01-01', '2024-12-31', 'America/Los_Angeles')).not.toThrow(); // leap year
    expect(expectAppError(() => resolveDateRange('2026-01-01', '2027-01-02', 'Europe/Berlin'), 'invalid-payload').message).toMatch(/366 days/);
    expect(() => resolveDateRange('2026-10-25', '2026-10-31', 'Europe/Berlin', 7)).not.toThrow(); // 7 days, one of 25 h
    expectAppError(() => resolveDateRange('2026-10-25', '2026-11-01', 'Europe/Berlin', 7), 'invalid-payload'); // 8 days
    expect(() => resolveDateRange('2026-03-22', '2026-03-29', 'Europe/Berlin', 8)).not.toThrow(); // 8 days, one of 23 h
    expectAppError(() => resolveDateRange('2026-03-22', '2026-03-30', 'Europe/Berlin', 8), 'invalid-payload');
  });

  it('refuses text that is not a date', () => {
    expect(expectAppError(() => resolveDateRange('last week', '2026-11-24', 'UTC'), 'invalid-payload').message).toMatch(/not a date/);
    expectAppError(() => resolveDateRange('2026-11-24', '2026-11-31', 'UTC'), 'invalid-payload');
  });
});

describe('lastDaysRange', () => {
  const now = new Date('2026-11-24T05:00:00Z'); // still the 23rd in Los Angeles

  it('covers today and the days before, in the zone', () => {
    expect(lastDaysRange(7, now, 'America/Los_Angeles')).toEqual({
      start: new Date('2026-11-17T08:00:00.000Z'),
      end: new Date('2026-11-24T08:00:00.000Z'),
    });
    expect(lastDaysRange(1, now, 'Asia/Kolkata')).toEqual({
      start: new Date('2026-11-23T18:30:00.000Z'),
      end: new Date('2026-11-24T18:30:00.000Z'),
    });
  });

  it('spans DST changes in whole days', () => {
    const range = lastDaysRange(30, new Date('2026-11-10T12:00:00Z'), 'America/Los_Angeles');
    expect(range.start.toISOString()).toBe('2026-10-12T07:00:00.000Z');
    expect(range.end.toISOString()).toBe('2026-11-11T08:00:00.000Z');
  });

  it('refuses a count that is not a positive whole number', () => {
    expectAppError(() => lastDaysRange(0, now, 'UTC'), 'invalid-payload');
    expectAppError(() => lastDaysRange(1.5, now, 'UTC'), 'invalid-payload');
  });
});
