// What a record says and adds up to, as both frontends show it.
import type { RecordView } from '../contract';
import { dayKey, type DayKey } from './format';

/** The record's notes, else what it was tracked under: "domain / category / title". */
export function recordText(record: Pick<RecordView, 'notes' | 'domain' | 'category' | 'title'>): string {
  return record.notes || [record.domain, record.category, record.title].filter(Boolean).join(' / ');
}

export interface TimeTotals {
  trackedSeconds: number;
  loggedSeconds: number;
}

/** Time tracked (the records' durations) and logged to Jira, over `records`. */
export function timeTotals(records: readonly Pick<RecordView, 'durationSeconds' | 'loggedSeconds'>[]): TimeTotals {
  const totals = { trackedSeconds: 0, loggedSeconds: 0 };
  for (const r of records) {
    totals.trackedSeconds += r.durationSeconds;
    totals.loggedSeconds += r.loggedSeconds;
  }
  return totals;
}

/** The records by the day they start on in `timeZone`, days in order, each day's records by start. */
export function recordsByDay<R extends Pick<RecordView, 'id' | 'start'>>(records: readonly R[], timeZone: string): [DayKey, R[]][] {
  const groups = new Map<DayKey, R[]>();
  const sorted = [...records].sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id);
  for (const r of sorted) {
    const day = dayKey(r.start, timeZone);
    const list = groups.get(day);
    if (list) list.push(r);
    else groups.set(day, [r]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}
