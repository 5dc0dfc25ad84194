// Row selection: plain click toggles one row; shift-click sets every row between the last clicked
// row (the anchor) and this one to the clicked row's new state, in the order shown.
import type { RecordView } from '../../../src/shared/contract';
import { needsBulkSync } from '../../../src/shared/ui/status';
import type { Messages } from './messages';

export interface SelectionState {
  selected: ReadonlySet<number>;
  anchor: number | null;
}

export const EMPTY_SELECTION: SelectionState = { selected: new Set(), anchor: null };

export function clickRow(state: SelectionState, order: readonly number[], id: number, checked: boolean, shiftKey: boolean): SelectionState {
  const next = new Set(state.selected);
  const from = state.anchor === null ? -1 : order.indexOf(state.anchor);
  const to = order.indexOf(id);
  if (shiftKey && from !== -1 && to !== -1) {
    const [lo, hi] = from < to ? [from, to] : [to, from];
    for (const rowId of order.slice(lo, hi + 1)) {
      if (checked) next.add(rowId);
      else next.delete(rowId);
    }
  } else if (checked) {
    next.add(id);
  } else {
    next.delete(id);
  }
  return { selected: next, anchor: id };
}

export function setMany(state: SelectionState, ids: readonly number[], checked: boolean): SelectionState {
  const next = new Set(state.selected);
  for (const id of ids) {
    if (checked) next.add(id);
    else next.delete(id);
  }
  return { selected: next, anchor: state.anchor };
}

/**
 * What "All not synced" picks: a record with an issue the person or their timecard chose. A
 * suggested issue is a guess from the notes, so it is left out; the person can still tick such a
 * row by hand (or Accept the suggestion), and then it is logged to the issue shown.
 */
export function isNotSynced(record: RecordView): boolean {
  return record.issueKey !== null && record.linkSource !== 'suggested' && needsBulkSync(record.status);
}

/** Drops ids that are no longer shown (after a reload or a range change). */
export function pruneSelection(state: SelectionState, visible: readonly number[]): SelectionState {
  const keep = new Set(visible);
  const selected = new Set([...state.selected].filter((id) => keep.has(id)));
  const anchor = state.anchor !== null && keep.has(state.anchor) ? state.anchor : null;
  if (selected.size === state.selected.size && anchor === state.anchor) return state;
  return { selected, anchor };
}

/** "Sync 5 records (2 will be skipped)": the records a sync would write, and the rest. */
export function syncLabel(m: Messages, toSync: number, skipped: number): string {
  if (toSync === 0) return skipped ? m.t('bulk.nothingToSyncSkipped', { skipped }) : m.t('bulk.nothingToSync');
  return skipped ? m.n('bulk.syncRecordsSkipped', toSync, { skipped }) : m.n('bulk.syncRecords', toSync);
}
