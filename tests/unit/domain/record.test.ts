import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkRecord, type TimecardRecord } from '../../../src/domain/record';
import type { TimecardRecord as PortsRecord } from '../../../src/services/ports';

const now = new Date('2026-11-24T12:00:00Z');
const record = (timein: string, timeout: string | null): TimecardRecord => ({
  id: 42,
  domain_id: 1,
  category_id: 2,
  title_id: 3,
  timein,
  timeout,
  external_link: null,
  notes: null,
  jira_issue_key: null,
});

describe('checkRecord', () => {
  it.each([
    ['2026-11-24T08:30:00Z', '2026-11-24T10:05:00Z', 5700],
    ['2026-11-24T08:30:00Z', '2026-11-24T08:30:20Z', 20],
    ['2026-11-23T12:00:00Z', '2026-11-24T12:00:00Z', 86_400], // exactly 24 h is fine
    ['2026-11-24T11:00:00Z', '2026-11-24T12:04:00Z', 3840], // ends within the clock tolerance
  ])('%s – %s is ok (%p s)', (timein, timeout, durationSeconds) => {
    expect(checkRecord(record(timein, timeout), now)).toEqual({ kind: 'ok', durationSeconds });
  });

  it('is running without a timeout', () => {
    expect(checkRecord(record('2026-11-24T08:30:00Z', null), now)).toEqual({ kind: 'running' });
  });

  it.each([
    ['2026-11-24T10:00:00Z', '2026-11-24T09:00:00Z', /ends before/],
    ['2026-11-24T10:00:00Z', '2026-11-24T10:00:00Z', /ends before \(or when\)/],
    ['2026-11-22T08:00:00Z', '2026-11-24T09:00:00Z', /49h 0m|49h, more than 24 hours/],
    ['2026-11-24T12:06:00Z', '2026-11-24T13:00:00Z', /starts in the future/],
    ['2026-11-24T11:00:00Z', '2026-11-24T14:00:00Z', /ends in the future/],
    ['yesterday', '2026-11-24T10:00:00Z', /start time "yesterday"/],
    ['2026-11-24T08:30:00Z', '10am', /end time "10am"/],
    ['garbage', null, /start time/],
  ])('%s – %s is invalid', (timein, timeout, reason) => {
    const check = checkRecord(record(timein, timeout), now);
    expect(check.kind).toBe('invalid');
    if (check.kind === 'invalid') {
      expect(check.reason).toMatch(reason);
      expect(check.reason).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe('the domain layer', () => {
  it('is pure: no file imports from services, adapters or @forge (the record type lives here, ports re-exports it)', () => {
    const dir = join(__dirname, '../../../src/domain');
    const outward = readdirSync(dir)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => `${file}: ${m[1]}`))
      .filter((line) => /services|adapters|@forge/.test(line));
    expect(outward).toEqual([]);
    // The services' name for the type is the same type.
    const same: PortsRecord = record('2026-11-24T08:30:00Z', null);
    expect(checkRecord(same, now)).toEqual({ kind: 'running' });
  });
});
