// The history as sync runs: consecutive entries of one run are one group with a headline
// ("Today 11:54 · 16 records, 31h 20m, Nov 23–29").
import { SUCCESS_OUTCOMES, type HistoryItem, type HistoryOutcome } from '../../../src/shared/contract';
import { addDays, dayKey, formatTime, type DayKey, type Zone } from './format';
import type { Messages } from './messages';

export interface HistoryRun {
  /** The run id, or the entry's own id for entries written before runs were kept. */
  key: string;
  runId: string | null;
  items: HistoryItem[];
}

/** Consecutive entries of one run (the history is newest first; a run's entries are written together). */
export function groupRuns(items: readonly HistoryItem[]): HistoryRun[] {
  const runs: HistoryRun[] = [];
  for (const item of items) {
    const last = runs.at(-1);
    if (item.runId && last?.runId === item.runId) last.items.push(item);
    else runs.push({ key: item.runId ?? item.id, runId: item.runId ?? null, items: [item] });
  }
  return runs;
}

const LOGGED: ReadonlySet<HistoryOutcome> = new Set(SUCCESS_OUTCOMES);

function when(m: Messages, instant: string, today: DayKey, zone: Zone, inSentence: boolean): string {
  const day = dayKey(instant, zone.timeZone);
  const time = formatTime(instant, zone);
  if (day === today) return m.t(inSentence ? 'history.todayInSentence' : 'history.today', { time });
  if (day === addDays(today, -1)) return m.t(inSentence ? 'history.yesterdayInSentence' : 'history.yesterday', { time });
  const year = day.slice(0, 4) !== today.slice(0, 4) ? { year: 'numeric' as const } : {};
  const date = new Intl.DateTimeFormat(zone.locale, { timeZone: zone.timeZone, month: 'short', day: 'numeric', ...year });
  return m.t('history.dateTime', { date: date.format(new Date(instant)), time });
}

/** "Today 11:54", "Yesterday 09:10", or "Nov 20, 14:02": when the run started. */
export function whenLabel(m: Messages, instant: string, today: DayKey, zone: Zone): string {
  return when(m, instant, today, zone, false);
}

/** whenLabel inside a sentence: "the sync of today 11:54". */
export function whenInSentence(m: Messages, instant: string, today: DayKey, zone: Zone): string {
  return when(m, instant, today, zone, true);
}

/** Calls an undo until it has nothing `remaining` (a long one answers in slices): the last answer, with every slice's deletions added up. */
export async function untilUndone<R extends { deleted: number; remaining?: number }>(slice: () => Promise<R>): Promise<R> {
  let answer = await slice();
  let deleted = answer.deleted;
  while ((answer.remaining ?? 0) > 0) {
    answer = await slice();
    deleted += answer.deleted;
  }
  return { ...answer, deleted };
}

/** The days the run's work was on: "Nov 24" or "Nov 23 – 29". */
function workSpan(items: readonly HistoryItem[], timeZone: string, locale: string): string | null {
  const starts = items.flatMap((i) => (i.workStart ? [Date.parse(i.workStart)] : [])).filter((t) => !Number.isNaN(t));
  if (starts.length === 0) return null;
  const fmt = new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric' });
  const [first, last] = [Math.min(...starts), Math.max(...starts)];
  return dayKey(new Date(first), timeZone) === dayKey(new Date(last), timeZone) ? fmt.format(first) : fmt.formatRange(first, last);
}

export function runStart(run: HistoryRun): string {
  return run.items.reduce((earliest, i) => (i.at < earliest ? i.at : earliest), run.items[0]!.at);
}

/** "Today 11:54 · 16 records, 31h 20m, Nov 23 – 29 · 2 failed"; a run of automatic sync says so: "Today 11:54 · automatic · …". */
export function runHeadline(m: Messages, run: HistoryRun, env: { today: DayKey; timeZone: string; locale: string }): string {
  const records = new Set(run.items.map((i) => i.recordId)).size;
  const removed = run.items.every((i) => i.outcome === 'deleted');
  const seconds = run.items.reduce((s, i) => s + (i.timeSpentSeconds && (removed || LOGGED.has(i.outcome)) ? i.timeSpentSeconds : 0), 0);
  const failed = run.items.filter((i) => i.outcome === 'failed').length;
  const what = removed ? m.n('history.worklogsRemoved', run.items.length) : m.n('common.records', records);
  const span = workSpan(run.items, env.timeZone, env.locale);
  const facts = m.list([what, ...(seconds ? [m.duration(seconds)] : []), ...(span ? [span] : [])]);
  const automatic = run.items.some((i) => i.trigger === 'automatic');
  return [
    whenLabel(m, runStart(run), env.today, env),
    ...(automatic ? [m.t('history.automatic')] : []),
    facts,
    ...(failed ? [m.n('history.failedCount', failed)] : []),
  ].join(' · ');
}

/** Whether undo has anything to offer: the run created a worklog (an undo of its own cannot be undone here). */
export function canUndoRun(run: HistoryRun): boolean {
  return run.runId !== null && run.items.some((i) => i.outcome === 'created');
}
