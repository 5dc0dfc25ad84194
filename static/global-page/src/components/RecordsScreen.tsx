// Records in the chosen range, grouped by day, with selection, linking and bulk sync.
import { memo, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import Badge from '@atlaskit/badge';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { RecordView } from '../../../../src/shared/contract';
import { recordsByDay, recordText, timeTotals } from '../../../../src/shared/ui/records';
import { useEnv } from '../env';
import { formatDayHeading, formatDuration, formatRange, formatTime, pluralize, type DateRange, type DayKey } from '../format';
import { clickRow, isNotSynced, setMany, type SelectionState } from '../selection';
import type { BulkController } from '../useBulkJob';
import { StatusLozenge } from './badges';
import { BulkPanel } from './BulkPanel';
import { Checkbox } from './Checkbox';
import { IssueCell } from './IssueCell';
import { RangePicker } from './RangePicker';

export const RECORD_PRESETS = [
  { id: 'this-week', label: 'This week' },
  { id: 'last-week', label: 'Last week' },
  { id: 'this-month', label: 'This month' },
  { id: 'custom', label: 'Custom' },
] as const;

/** Rows rendered at once; larger ranges render the rest in slices so the first screen shows at once. */
export const ROW_SLICE = 150;

export interface DayGroup {
  day: DayKey;
  records: RecordView[];
  trackedSeconds: number;
  loggedSeconds: number;
}

export function groupByDay(records: readonly RecordView[], timeZone: string): DayGroup[] {
  return recordsByDay(records, timeZone).map(([day, list]) => ({ day, records: list, ...timeTotals(list) }));
}

const StatusCell = memo(function StatusCell({ record }: { record: RecordView }) {
  return (
    <>
      <StatusLozenge status={record.status} message={record.message} />
      {record.status === 'synced' && record.loggedSeconds > 0 ? (
        <div className="tc-subtle">{formatDuration(record.loggedSeconds)} logged</div>
      ) : null}
    </>
  );
});

/** What the record lasts and what a sync would log: a running record counts up, a too-short one says why it is not logged. */
function DurationCell({ record }: { record: RecordView }) {
  const { now } = useEnv();
  if (record.status === 'running') {
    const elapsed = Math.max(0, Math.floor((now().getTime() - Date.parse(record.start)) / 1000));
    return <span className="tc-subtle">running · {formatDuration(elapsed)} so far</span>;
  }
  const rounded = record.roundedSeconds;
  return (
    <>
      {formatDuration(record.durationSeconds)}
      {record.status === 'too-short' ? (
        <div className="tc-subtle tc-wrap">Not logged: {lowerFirst(record.message ?? 'shorter than the project’s minimum.')}</div>
      ) : rounded != null && Math.round(rounded / 60) !== Math.round(record.durationSeconds / 60) ? (
        <div className="tc-subtle">logs {formatDuration(rounded)}</div>
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
}: {
  record: RecordView;
  selected: boolean;
  onToggle: (id: number, checked: boolean, shift: boolean) => void;
  onLink: (recordId: number, issueKey: string | null) => Promise<string | null>;
}) {
  const { timeZone, locale } = useEnv();
  const start = formatTime(record.start, { timeZone, locale });
  const end = record.end ? formatTime(record.end, { timeZone, locale }) : 'now';
  const notes = recordText(record);
  return (
    <tr className={selected ? 'is-selected' : undefined} data-record-id={record.id}>
      <td className="tc-cell-check">
        <Checkbox
          label={`Select record ${start} ${notes || record.id}`}
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
        <span title={notes}>{notes || <span className="tc-subtle">No notes</span>}</span>
      </td>
      <td className="tc-cell-issue">
        <IssueCell record={record} onLink={onLink} />
      </td>
      <td>
        <StatusCell record={record} />
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
}) {
  const { timeZone, locale } = useEnv();
  const groups = useMemo(() => groupByDay(records ?? [], timeZone), [records, timeZone]);
  const order = useMemo(() => groups.flatMap((g) => g.records.map((r) => r.id)), [groups]);
  const recordsById = useMemo(() => new Map((records ?? []).map((r) => [r.id, r])), [records]);
  const notSyncedIds = useMemo(() => (records ?? []).filter(isNotSynced).map((r) => r.id), [records]);
  const selectedIds = order.filter((id) => selection.selected.has(id));
  const selectedSeconds = selectedIds.reduce((s, id) => s + (recordsById.get(id)?.durationSeconds ?? 0), 0);
  const allSelected = order.length > 0 && selectedIds.length === order.length;

  // Progressive rendering: a month can hold 1,000 records, each row a few Atlaskit components.
  // Start over only when other records are shown (a new range), not when one row changes.
  const [rowLimit, setRowLimit] = useState(ROW_SLICE);
  const orderKey = useMemo(() => order.join(','), [order]);
  useEffect(() => setRowLimit(ROW_SLICE), [orderKey]);
  useEffect(() => {
    if (rowLimit >= order.length) return undefined;
    const handle = setTimeout(() => setRowLimit((n) => n + ROW_SLICE), 0);
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
    const active = document.activeElement;
    if (!target || (active && active !== document.body && active.isConnected)) return;
    if (!target.disabled) target.focus();
    else bulkRegion.current?.focus();
  }, [bulk.busy]);

  const onToggle = useMemo(
    () => (id: number, checked: boolean, shift: boolean) => setSelection((s) => clickRow(s, order, id, checked, shift)),
    [order, setSelection],
  );

  return (
    <div className="tc-screen">
      <div className="tc-toolbar">
        <RangePicker
          label="Date range"
          presets={RECORD_PRESETS}
          value={range}
          onPreset={onRange}
          onCustom={onCustomRange}
        />
        <div className="tc-toolbar-end">
          <span className="tc-subtle">{formatRange(range, locale)}</span>
          <Button spacing="compact" appearance="subtle" onClick={reload} isDisabled={loading}>
            Refresh
          </Button>
        </div>
      </div>

      {warnings.length ? (
        <SectionMessage appearance="warning" title="Some records may be missing">
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </SectionMessage>
      ) : null}
      {loadError ? (
        <SectionMessage appearance="error" title="Could not load your timecard records">
          <p>{loadError}</p>
          <Button onClick={reload}>Try again</Button>
        </SectionMessage>
      ) : null}

      <div className="tc-selection-bar" role="toolbar" aria-label="Selection">
        <span className="tc-selection-count" aria-live="polite">
          <Badge appearance={selectedIds.length ? 'primary' : 'default'} max={false}>{selectedIds.length}</Badge> selected
          {selectedIds.length ? <span className="tc-subtle"> · {formatDuration(selectedSeconds)}</span> : null}
        </span>
        <span className="tc-selection-actions">
          <Button spacing="compact" appearance="subtle" onClick={() => setSelection((s) => setMany(s, order, true))} isDisabled={!order.length}>
            All
          </Button>
          <Button spacing="compact" appearance="subtle" onClick={() => setSelection(() => ({ selected: new Set(), anchor: null }))} isDisabled={!selectedIds.length}>
            None
          </Button>
          <Button
            spacing="compact"
            appearance="subtle"
            onClick={() => setSelection(() => ({ selected: new Set(notSyncedIds), anchor: null }))}
            isDisabled={!notSyncedIds.length}
          >
            {`All not synced (${notSyncedIds.length})`}
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
            Preview
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
            Sync selected
          </Button>
        </span>
      </div>

      <div ref={bulkRegion} tabIndex={-1} className="tc-bulk-region">
        <BulkPanel bulk={bulk} recordsById={recordsById} />
      </div>

      {records === null && loading ? (
        <div className="tc-center">
          <Spinner size="large" label="Loading records" />
        </div>
      ) : records && records.length === 0 ? (
        <div className="tc-empty">
          <h3>No timecard records in this range</h3>
          <p className="tc-subtle">Records you track between {formatRange(range, locale)} show up here.</p>
        </div>
      ) : records ? (
        <div className="tc-records-scroll">
          <table className={`tc-table${loading ? ' is-loading' : ''}`} aria-busy={loading}>
            <caption className="tc-visually-hidden">Timecard records, {formatRange(range, locale)}</caption>
            <thead>
              <tr>
                <th className="tc-cell-check" scope="col">
                  <Checkbox
                    label="Select all records"
                    checked={allSelected}
                    indeterminate={!allSelected && selectedIds.length > 0}
                    onChange={(checked) => setSelection((s) => setMany(s, order, checked))}
                  />
                </th>
                <th scope="col">Time</th>
                <th scope="col">Duration</th>
                <th scope="col">Notes</th>
                <th scope="col">Issue</th>
                <th scope="col">Status</th>
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
                        label={`Select ${heading}`}
                        checked={chosen === ids.length}
                        indeterminate={chosen > 0 && chosen < ids.length}
                        onChange={(checked) => setSelection((s) => setMany(s, ids, checked))}
                      />
                    </td>
                    <th colSpan={5} scope="rowgroup">
                      <span className="tc-day-title">{heading}</span>
                      <span className="tc-day-totals">
                        {pluralize(g.records.length, 'record')} · tracked {formatDuration(g.trackedSeconds)} · logged{' '}
                        {formatDuration(g.loggedSeconds)}
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
