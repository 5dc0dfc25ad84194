// Records in the chosen range, grouped by day, with selection, linking and bulk sync.
import { memo, startTransition, useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import Badge from '@atlaskit/badge';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { RecordView } from '../../../../src/shared/contract';
import { recordsByDay, recordText, timeTotals } from '../../../../src/shared/ui/records';
import { useEnv } from '../env';
import { focusIfLost } from '../focusIfLost';
import { formatDayHeading, formatRange, formatTime, type DateRange, type DayKey } from '../format';
import { useMessages, type Messages } from '../messages';
import { clickRow, isNotSynced, setMany, type SelectionState } from '../selection';
import type { BulkController } from '../useBulkJob';
import { StatusLozenge } from './badges';
import { BulkPanel } from './BulkPanel';
import { Checkbox } from './Checkbox';
import { IssueCell } from './IssueCell';
import { RangePicker } from './RangePicker';
import { RecordChoice, type RecordChoiceAction } from './RecordChoice';
import { RetryNote } from './RetryNote';

export function recordPresets(m: Messages) {
  return [
    { id: 'this-week', label: m.t('records.presets.thisWeek') },
    { id: 'last-week', label: m.t('records.presets.lastWeek') },
    { id: 'this-month', label: m.t('common.thisMonth') },
    { id: 'custom', label: m.t('common.custom') },
  ] as const;
}

/**
 * Rows rendered first: a little more than a tall screen holds, so the first screen shows at once
 * however long the range; the rest follow in slices of ROW_SLICE.
 */
const FIRST_SLICE = 40;
/** Rows each later slice adds. */
const ROW_SLICE = 150;

export interface DayGroup {
  day: DayKey;
  records: RecordView[];
  trackedSeconds: number;
  loggedSeconds: number;
}

export function groupByDay(records: readonly RecordView[], timeZone: string): DayGroup[] {
  return recordsByDay(records, timeZone).map(([day, list]) => ({ day, records: list, ...timeTotals(list) }));
}

/** The person's choice on a record, or `cancelRetry`: stop trying it again without them (ADR 0028). */
export type OnChoice = (record: RecordView, action: RecordChoiceAction | 'cancelRetry') => Promise<string | null>;

const StatusCell = memo(function StatusCell({ record, onChoice }: { record: RecordView; onChoice: OnChoice }) {
  const m = useMessages();
  return (
    <>
      <StatusLozenge status={record.status} message={record.message} />
      {record.status === 'synced' && record.loggedSeconds > 0 ? (
        <div className="tc-subtle">{m.t('records.loggedAmount', { duration: m.duration(record.loggedSeconds) })}</div>
      ) : null}
      {record.status === 'conflict' || record.status === 'deleted-in-timecard' ? <RecordChoice record={record} onChoice={onChoice} /> : null}
      <RetryNote record={record} onCancel={(r) => onChoice(r, 'cancelRetry')} />
    </>
  );
});

/** What the record lasts and what a sync would log: a running record counts up, a too-short one says why it is not logged. */
function DurationCell({ record }: { record: RecordView }) {
  const { now } = useEnv();
  const m = useMessages();
  if (record.status === 'running') {
    const elapsed = Math.max(0, Math.floor((now().getTime() - Date.parse(record.start)) / 1000));
    return <span className="tc-subtle">{m.t('records.runningSoFar', { duration: m.duration(elapsed) })}</span>;
  }
  const rounded = record.roundedSeconds;
  return (
    <>
      {m.duration(record.durationSeconds)}
      {record.status === 'too-short' ? (
        <div className="tc-subtle tc-wrap">{m.t('records.notLogged', { reason: lowerFirst(record.message ?? m.t('records.tooShortReason')) })}</div>
      ) : rounded != null && Math.round(rounded / 60) !== Math.round(record.durationSeconds / 60) ? (
        <div className="tc-subtle">{m.t('records.logsRounded', { duration: m.duration(rounded) })}</div>
      ) : null}
    </>
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

const RecordRow = memo(function RecordRow({
  record,
  selected,
  onToggle,
  onLink,
  onChoice,
}: {
  record: RecordView;
  selected: boolean;
  onToggle: (id: number, checked: boolean, shift: boolean) => void;
  onLink: (recordId: number, issueKey: string | null) => Promise<string | null>;
  onChoice: OnChoice;
}) {
  const { timeZone, locale } = useEnv();
  const m = useMessages();
  const start = formatTime(record.start, { timeZone, locale });
  const end = record.end ? formatTime(record.end, { timeZone, locale }) : m.t('records.now');
  const notes = recordText(record);
  return (
    // Focusable by script only: where the focus goes when a choice removes the control that had it.
    <tr className={selected ? 'is-selected' : undefined} data-record-id={record.id} tabIndex={-1}>
      <td className="tc-cell-check">
        <Checkbox
          label={m.t('records.selectRecord', { time: start, text: notes || String(record.id) })}
          checked={selected}
          onChange={(checked, shift) => onToggle(record.id, checked, shift)}
        />
      </td>
      <td className="tc-nowrap">
        {start} – {end}
      </td>
      <td className="tc-nowrap">
        <DurationCell record={record} />
      </td>
      <td className="tc-cell-notes">
        <span title={notes}>{notes || <span className="tc-subtle">{m.t('records.noNotes')}</span>}</span>
      </td>
      <td className="tc-cell-issue">
        <IssueCell record={record} onLink={onLink} />
      </td>
      <td>
        <StatusCell record={record} onChoice={onChoice} />
      </td>
    </tr>
  );
});

export function RecordsScreen({
  range,
  onRange,
  onCustomRange,
  records,
  warnings,
  loading,
  loadError,
  reload,
  selection,
  setSelection,
  bulk,
  onLink,
  onChoice,
}: {
  range: DateRange;
  onRange: (preset: DateRange['preset']) => void;
  onCustomRange: (from: DayKey, to: DayKey) => void;
  records: RecordView[] | null;
  warnings: string[];
  loading: boolean;
  loadError: string | null;
  reload: () => void;
  selection: SelectionState;
  setSelection: (update: (s: SelectionState) => SelectionState) => void;
  bulk: BulkController;
  onLink: (recordId: number, issueKey: string | null) => Promise<string | null>;
  onChoice: OnChoice;
}) {
  const { timeZone, locale } = useEnv();
  const m = useMessages();
  const range_ = formatRange(range, m);
  const groups = useMemo(() => groupByDay(records ?? [], timeZone), [records, timeZone]);
  const order = useMemo(() => groups.flatMap((g) => g.records.map((r) => r.id)), [groups]);
  const recordsById = useMemo(() => new Map((records ?? []).map((r) => [r.id, r])), [records]);
  const notSyncedIds = useMemo(() => (records ?? []).filter(isNotSynced).map((r) => r.id), [records]);
  const selectedIds = order.filter((id) => selection.selected.has(id));
  const selectedSeconds = selectedIds.reduce((s, id) => s + (recordsById.get(id)?.durationSeconds ?? 0), 0);
  const allSelected = order.length > 0 && selectedIds.length === order.length;

  // Progressive rendering: a month can hold 1,000 records, each row a few Atlaskit components.
  // Start over only when other records are shown (a new range), not when one row changes.
  const [rowLimit, setRowLimit] = useState(FIRST_SLICE);
  const orderKey = useMemo(() => order.join(','), [order]);
  useEffect(() => setRowLimit(FIRST_SLICE), [orderKey]);
  useEffect(() => {
    if (rowLimit >= order.length) return undefined;
    // A transition: React renders the slice in small steps, so paint and input are never held up by it.
    const handle = setTimeout(() => startTransition(() => setRowLimit((n) => n + ROW_SLICE)), 0);
    return () => clearTimeout(handle);
  }, [rowLimit, order.length]);
  const shownGroups = useMemo(() => {
    let budget = rowLimit;
    const out: DayGroup[] = [];
    for (const g of groups) {
      if (budget <= 0) break;
      out.push(budget >= g.records.length ? g : { ...g, records: g.records.slice(0, budget) });
      budget -= g.records.length;
    }
    return out;
  }, [groups, rowLimit]);

  // Preview and Sync are disabled while they run, which drops the focus to the page: once the work
  // is done it goes back to the button the person pressed (or, when that is disabled now, to the
  // summary of what happened).
  const previewButton = useRef<HTMLButtonElement>(null);
  const syncButton = useRef<HTMLButtonElement>(null);
  const bulkRegion = useRef<HTMLDivElement>(null);
  const pressed = useRef<RefObject<HTMLButtonElement | null> | null>(null);
  useEffect(() => {
    if (bulk.busy) return;
    const target = pressed.current?.current;
    pressed.current = null;
    if (target) focusIfLost(target.disabled ? null : target, bulkRegion.current);
  }, [bulk.busy]);

  // A choice on a row (keep one version, remove or keep a worklog, don't retry) takes away the
  // button it was made with: once the records show its result, the focus goes to the row, or when
  // the row went with it to the row after it (else before it, else the table, or what says the range is empty).
  const table = useRef<HTMLTableElement>(null);
  const empty = useRef<HTMLDivElement>(null);
  const choiceMade = useRef<{ id: number; neighbours: (number | undefined)[]; settled: boolean } | null>(null);
  // Read through a ref, so the rows (memoised) keep one handler while the records change.
  const orderNow = useRef(order);
  orderNow.current = order;
  const onRowChoice = useCallback<OnChoice>(
    async (record, action) => {
      const shown = orderNow.current;
      const at = shown.indexOf(record.id);
      const made = { id: record.id, neighbours: [shown[at + 1], shown[at - 1]], settled: false };
      choiceMade.current = made;
      const failure = await onChoice(record, action);
      if (choiceMade.current === made) {
        if (failure === null) made.settled = true;
        else choiceMade.current = null;
      }
      return failure;
    },
    [onChoice],
  );
  useEffect(() => {
    const made = choiceMade.current;
    if (!made?.settled) return;
    choiceMade.current = null;
    const row = (id: number) => table.current?.querySelector<HTMLElement>(`tr[data-record-id="${id}"]`);
    focusIfLost(row(made.id), ...made.neighbours.map((id) => (id === undefined ? null : row(id))), table.current, empty.current);
  }, [records]);

  const onToggle = useMemo(
    () => (id: number, checked: boolean, shift: boolean) => setSelection((s) => clickRow(s, order, id, checked, shift)),
    [order, setSelection],
  );

  return (
    <div className="tc-screen">
      <div className="tc-toolbar">
        <RangePicker label={m.t('records.dateRange')} presets={recordPresets(m)} value={range} onPreset={onRange} onCustom={onCustomRange} />
        <div className="tc-toolbar-end">
          <span className="tc-subtle">{range_}</span>
          <Button spacing="compact" appearance="subtle" onClick={reload} isDisabled={loading}>
            {m.t('common.refresh')}
          </Button>
        </div>
      </div>

      {warnings.length ? (
        <SectionMessage appearance="warning" title={m.t('records.someMissing')}>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </SectionMessage>
      ) : null}
      {loadError ? (
        <SectionMessage appearance="error" title={m.t('records.loadFailed')}>
          <p>{loadError}</p>
          <Button onClick={reload}>{m.t('common.tryAgain')}</Button>
        </SectionMessage>
      ) : null}

      <div className="tc-selection-bar" role="toolbar" aria-label={m.t('records.selectionToolbar')}>
        <span className="tc-selection-count" aria-live="polite">
          {m.richN('records.selected', selectedIds.length, {
            count: (
              <Badge key="count" appearance={selectedIds.length ? 'primary' : 'default'} max={false}>
                {selectedIds.length}
              </Badge>
            ),
          })}
          {selectedIds.length ? <span className="tc-subtle"> · {m.duration(selectedSeconds)}</span> : null}
        </span>
        <span className="tc-selection-actions">
          <Button spacing="compact" appearance="subtle" onClick={() => setSelection((s) => setMany(s, order, true))} isDisabled={!order.length}>
            {m.t('records.selectAllShown')}
          </Button>
          <Button
            spacing="compact"
            appearance="subtle"
            onClick={() => setSelection(() => ({ selected: new Set(), anchor: null }))}
            isDisabled={!selectedIds.length}
          >
            {m.t('records.selectNone')}
          </Button>
          <Button
            spacing="compact"
            appearance="subtle"
            onClick={() => setSelection(() => ({ selected: new Set(notSyncedIds), anchor: null }))}
            isDisabled={!notSyncedIds.length}
          >
            {m.t('records.allNotSynced', { count: notSyncedIds.length })}
          </Button>
        </span>
        <span className="tc-selection-sync">
          <Button
            ref={previewButton}
            onClick={() => {
              pressed.current = previewButton;
              void bulk.preview(selectedIds);
            }}
            isDisabled={!selectedIds.length || bulk.busy}
          >
            {m.t('records.preview')}
          </Button>
          <Button
            ref={syncButton}
            appearance="primary"
            onClick={() => {
              pressed.current = syncButton;
              void bulk.sync(selectedIds);
            }}
            isDisabled={!selectedIds.length || bulk.busy}
            isLoading={bulk.phase.kind === 'starting'}
          >
            {m.t('records.syncSelected')}
          </Button>
        </span>
      </div>

      <div ref={bulkRegion} tabIndex={-1} className="tc-bulk-region">
        <BulkPanel bulk={bulk} recordsById={recordsById} />
      </div>

      {records === null && loading ? (
        <div className="tc-center">
          <Spinner size="large" label={m.t('records.loadingRecords')} />
        </div>
      ) : records && records.length === 0 ? (
        <div ref={empty} tabIndex={-1} className="tc-empty" data-testid="records-empty">
          <h3>{m.t('records.emptyTitle')}</h3>
          <p className="tc-subtle">{m.t('records.emptyText', { range: range_ })}</p>
        </div>
      ) : records ? (
        <div className="tc-records-scroll">
          <table ref={table} tabIndex={-1} className={`tc-table${loading ? ' is-loading' : ''}`} aria-busy={loading}>
            <caption className="tc-visually-hidden">{m.t('records.caption', { range: range_ })}</caption>
            <thead>
              <tr>
                <th className="tc-cell-check" scope="col">
                  <Checkbox
                    label={m.t('records.selectAll')}
                    checked={allSelected}
                    indeterminate={!allSelected && selectedIds.length > 0}
                    onChange={(checked) => setSelection((s) => setMany(s, order, checked))}
                  />
                </th>
                <th scope="col">{m.t('common.columns.time')}</th>
                <th scope="col">{m.t('common.columns.duration')}</th>
                <th scope="col">{m.t('common.columns.notes')}</th>
                <th scope="col">{m.t('common.columns.issue')}</th>
                <th scope="col">{m.t('common.columns.status')}</th>
              </tr>
            </thead>
            {shownGroups.map((shown) => {
              const g = groups.find((x) => x.day === shown.day) ?? shown;
              const ids = g.records.map((r) => r.id);
              const chosen = ids.filter((id) => selection.selected.has(id)).length;
              const heading = formatDayHeading(g.day, locale);
              return (
                <tbody key={g.day} aria-label={heading}>
                  <tr className="tc-day-row">
                    <td className="tc-cell-check">
                      <Checkbox
                        label={m.t('records.selectDay', { day: heading })}
                        checked={chosen === ids.length}
                        indeterminate={chosen > 0 && chosen < ids.length}
                        onChange={(checked) => setSelection((s) => setMany(s, ids, checked))}
                      />
                    </td>
                    <th colSpan={5} scope="rowgroup">
                      <span className="tc-day-title">{heading}</span>
                      <span className="tc-day-totals">
                        {m.t('records.dayTotals', {
                          records: m.n('common.records', g.records.length),
                          tracked: m.duration(g.trackedSeconds),
                          logged: m.duration(g.loggedSeconds),
                        })}
                      </span>
                    </th>
                  </tr>
                  {shown.records.map((r) => (
                    <RecordRow
                      key={r.id}
                      record={r}
                      selected={selection.selected.has(r.id)}
                      onToggle={onToggle}
                      onLink={onLink}
                      onChoice={onRowChoice}
                    />
                  ))}
                </tbody>
              );
            })}
          </table>
        </div>
      ) : null}
    </div>
  );
}
