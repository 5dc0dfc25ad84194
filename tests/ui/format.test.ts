// Time and duration formatting of the UI Kit surfaces (pure, no bridge).
import { formatDay, formatSeconds, formatTimeRange, makeZone, toIntlLocale } from '../../src/frontend/common/format';
import { messages } from '../../src/frontend/common/messages';

describe('format', () => {
  const berlin = makeZone('Europe/Berlin', 'en_GB');
  const now = new Date('2026-11-30T12:00:00Z');

  test('days and times are read in the person’s zone', () => {
    expect(formatDay('2026-11-24T23:30:00Z', berlin, now)).toBe('Wed 25 Nov');
    expect(formatDay('2026-11-24T23:30:00Z', makeZone('America/Los_Angeles', 'en-US'), now)).toBe('Tue, Nov 24');
    expect(formatDay('2025-03-01T10:00:00Z', berlin, now)).toBe('Sat, 1 Mar 2025');
  });

  test('ranges mark a next-day end and running records', () => {
    expect(formatTimeRange('2026-11-24T21:00:00Z', '2026-11-24T23:15:00Z', berlin)).toBe(`22:00–00:15 ${messages.panel.nextDay}`);
    expect(formatTimeRange('2026-11-24T08:00:00Z', null, berlin)).toBe(`09:00–${messages.panel.running}`);
    // Across the autumn DST change in Berlin (03:00 CEST → 02:00 CET).
    expect(formatTimeRange('2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', berlin)).toBe('02:30–02:30');
  });

  test('bad zones and locales fall back instead of throwing', () => {
    expect(makeZone('Mars/Olympus', 'xx_YY')).toEqual({ timeZone: 'UTC', locale: 'en-GB' });
    expect(toIntlLocale(undefined)).toBe('en-GB');
    expect(toIntlLocale('de_DE')).toBe('de-DE');
    expect(formatDay('not a date', berlin)).toBe(messages.common.notAvailable);
  });

  test('durations', () => {
    expect(formatSeconds(null)).toBe(messages.common.notAvailable);
    expect(formatSeconds(4500)).toBe('1h 15m');
    expect(formatSeconds(30)).toBe('30s');
  });
});
