// Sync history: every attempt, grouped by sync run (each run can be undone, after a confirmation),
// filtered by date range and outcome, paged with a cursor, retry from a failed row, export of every
// matching entry as CSV. Each entry shows the work it was about; ids on demand. Lazy-loaded.
import { useCallback, useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import type { HistoryItem, HistoryOutcome, PayloadInput, Result } from '../../../../src/shared/contract';
import { downloadText, historyCsv } from '../csv';
import { useEnv } from '../env';
import { focusIfLost } from '../focusIfLost';
import { addDays, dayKey, formatDateTime, formatDayShort, formatTime, presetRange, type DayKey } from '../format';
import { useMessages, type Messages } from '../messages';
import { canUndoRun, groupRuns, runHeadline, runStart, untilUndone, whenInSentence, whenLabel, type HistoryRun } from '../historyRuns';
import { IssueKeyLink, OUTCOME_APPEARANCE, OutcomeLozenge } from './badges';
import ConfirmDialog from './ConfirmDialog';
import { RangePicker, type RangeValue } from './RangePicker';

export const HISTORY_PAGE_SIZE = 50;
/** Entries per call while exporting (the contract's largest page). */
export const EXPORT_PAGE_SIZE = 100;

function presets(m: Messages) {
  return [
    { id: 'last-7', label: m.t('history.presets.last7') },
    { id: 'last-30', label: m.t('history.presets.last30') },
    { id: 'this-month', label: m.t('common.thisMonth') },
    { id: 'all', label: m.t('history.presets.all') },
    { id: 'custom', label: m.t('common.custom') },
  ] as const;
}
type Preset = ReturnType<typeof presets>[number]['id'];

interface StatusOption {
  label: string;
  value: HistoryOutcome | '';
}
function statusOptions(m: Messages): StatusOption[] {
  return [
    { label: m.t('history.allOutcomes'), value: '' },
    ...(Object.keys(OUTCOME_APPEARANCE) as HistoryOutcome[]).map((value) => ({ label: m.t(`outcome.${value}.label`), value })),
  ];
}

function rangeFor(preset: Exclude<Preset, 'custom'>, today: DayKey, weekStart: number): RangeValue<Preset> {
  switch (preset) {
    case 'last-7':
      return { preset, from: addDays(today, -6), to: today };
    case 'last-30':
      return { preset, from: addDays(today, -29), to: today };
    case 'this-month': {
      const r = presetRange('this-month', today, weekStart);
      return { preset, from: r.from, to: r.to };
    }
    case 'all':
      return { preset, from: null, to: null };
  }
}

export default function HistoryScreen({
  onRecordsChanged,
}: {
  /** A retry changed a record: the page reloads its records (the Records tab and the chart). */
  onRecordsChanged?: () => void;
} = {}) {
  const { call, timeZone, locale, today, weekStart, reportError } = useEnv();
  const m = useMessages();
  const outcomeOptions = statusOptions(m);
  const [range, setRange] = useState<RangeValue<Preset>>(() => rangeFor('last-30', today, weekStart));
  const [status, setStatus] = useState<HistoryOutcome | ''>('');
  const [items, setItems] = useState<HistoryItem[]>([]);
  const [undoneRuns, setUndoneRuns] = useState<Record<string, string>>({});
  const [showIds, setShowIds] = useState(false);
  /** The run the confirmation is about, with what its undo would do once the dry run answered. */
  const [confirming, setConfirming] = useState<{ run: HistoryRun; check: Result<'undoSyncRun'> | null; working: boolean } | null>(null);
  const [nextCursor, setNextCursor] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ appearance: 'success' | 'warning' | 'error'; title: string; text: string } | null>(null);
  /** Entries gathered so far while exporting; null when no export runs. */
  const [exporting, setExporting] = useState<number | null>(null);
  const seq = useRef(0);
  // A retry reloads the entries, which can redraw the row whose Retry had the focus: once they are
  // in, a lost focus goes to that entry's row, else to the notice that says what the retry did.
  const retried = useRef<string | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const noticeRegion = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const id = retried.current;
    if (id === null || retrying !== null) return;
    retried.current = null;
    const rows = table.current?.querySelectorAll<HTMLElement>('tr[data-history-id]') ?? [];
    focusIfLost(
      Array.from(rows).find((row) => row.dataset.historyId === id),
      noticeRegion.current,
    );
  }, [items, retrying]);

  const filters = useCallback(
    (limit: number, cursor?: string): PayloadInput<'getSyncHistory'> => {
      const payload: PayloadInput<'getSyncHistory'> = { limit };
      if (range.from) payload.from = range.from;
      if (range.to) payload.to = range.to;
      if (status) payload.status = status;
      if (cursor) payload.cursor = cursor;
      return payload;
    },
    [range.from, range.to, status],
  );

  const load = useCallback(
    async (cursor?: string) => {
      const mine = ++seq.current;
      setLoading(true);
      setError(null);
      const payload = filters(HISTORY_PAGE_SIZE, cursor);
      try {
        const page = await call('getSyncHistory', payload);
        if (mine !== seq.current) return;
        setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
        setUndoneRuns((prev) => ({ ...(cursor ? prev : {}), ...(page.undoneRuns ?? {}) }));
        setNextCursor(page.nextCursor || undefined);
        setLoaded(true);
      } catch (e) {
        if (mine === seq.current) setError(reportError(e));
      } finally {
        if (mine === seq.current) setLoading(false);
      }
    },
    [call, filters, reportError],
  );

  useEffect(() => {
    setItems([]);
    setNextCursor(undefined);
    setLoaded(false);
    void load();
  }, [load]);

  const retry = async (item: HistoryItem) => {
    if (retrying !== null) return;
    retried.current = item.id;
    setRetrying(item.id);
    setNotice(null);
    try {
      const { results } = await call('syncRecords', { recordIds: [item.recordId] });
      const r = results[0];
      const title = m.t('history.retryTitle');
      if (!r) setNotice({ appearance: 'warning', title, text: m.t('history.noResult', { id: item.recordId }) });
      else if (r.outcome === 'failed')
        setNotice({
          appearance: 'error',
          title,
          text: m.t('history.failedAgain', { id: item.recordId, message: r.message ?? m.t('history.unknownError') }),
        });
      else {
        const outcome = m.t(`outcome.${r.outcome}.label`).toLocaleLowerCase(m.locale);
        const done = r.worklogId
          ? m.t('history.retriedWorklog', { id: item.recordId, outcome, worklog: r.worklogId })
          : m.t('history.retried', { id: item.recordId, outcome });
        setNotice({ appearance: 'success', title, text: r.message ? m.t('history.withMessage', { text: done, message: r.message }) : done });
      }
      // The record's state changed (synced, or failed again): the Records tab and the chart follow.
      onRecordsChanged?.();
      await load();
    } catch (e) {
      setNotice({ appearance: 'error', title: m.t('history.retryTitle'), text: reportError(e) });
    } finally {
      setRetrying(null);
    }
  };

  const askUndo = async (run: HistoryRun) => {
    setNotice(null);
    setConfirming({ run, check: null, working: false });
    try {
      const check = await call('undoSyncRun', { runId: run.runId!, dryRun: true });
      setConfirming((c) => (c?.run.key === run.key ? { ...c, check } : c));
    } catch (e) {
      setConfirming(null);
      setNotice({ appearance: 'error', title: m.t('history.undoTitle'), text: reportError(e) });
    }
  };

  const undoRun = async (run: HistoryRun) => {
    const when = whenLabel(m, runStart(run), today, { timeZone, locale });
    setConfirming((c) => (c ? { ...c, working: true } : c));
    try {
      const result = await untilUndone(() => call('undoSyncRun', { runId: run.runId! }));
      const { deleted } = result;
      setNotice(
        result.failed
          ? {
              appearance: 'warning',
              title: m.t('history.undoPartlyTitle', { when }),
              text: m.n('history.undoPartlyText', result.failed, {
                deleted: m.n('common.worklogs', deleted),
                messages: result.failures.map((f) => f.message).join(' '),
              }),
            }
          : { appearance: 'success', title: m.t('history.undoneTitle', { when }), text: m.n('history.undoneText', deleted) },
      );
      onRecordsChanged?.();
      await load();
    } catch (e) {
      setNotice({ appearance: 'error', title: m.t('history.undoTitle'), text: reportError(e) });
    } finally {
      setConfirming(null);
    }
  };

  /** Every entry that matches the filters: the loaded pages, then the rest with the cursor. */
  const exportCsv = async () => {
    if (exporting !== null) return;
    const name = `timecard-history-${range.from ?? 'all'}-${range.to ?? today}${status ? `-${status}` : ''}.csv`;
    const all = [...items];
    let cursor = nextCursor;
    setNotice(null);
    setExporting(all.length);
    try {
      while (cursor) {
        const page = await call('getSyncHistory', filters(EXPORT_PAGE_SIZE, cursor));
        all.push(...page.items);
        cursor = page.nextCursor || undefined;
        setExporting(all.length);
      }
      downloadText(name, historyCsv(all, timeZone, m));
    } catch (e) {
      setNotice({ appearance: 'error', title: m.t('history.exportTitle'), text: m.t('history.exportFailed', { error: reportError(e) }) });
    } finally {
      setExporting(null);
    }
  };

  return (
    <div className="tc-screen">
      <div className="tc-toolbar">
        <RangePicker
          label={m.t('history.dateRange')}
          presets={presets(m)}
          value={range}
          onPreset={(preset) =>
            setRange((r) =>
              preset === 'custom' ? { preset, from: r.from ?? addDays(today, -29), to: r.to ?? today } : rangeFor(preset, today, weekStart),
            )
          }
          onCustom={(from, to) => setRange({ preset: 'custom', from, to })}
        />
        <div className="tc-toolbar-end">
          <label htmlFor="tc-history-status" className="tc-label">
            {m.t('common.columns.outcome')}
          </label>
          <div className="tc-select">
            <Select<StatusOption>
              inputId="tc-history-status"
              spacing="compact"
              options={outcomeOptions}
              value={outcomeOptions.find((o) => o.value === status) ?? outcomeOptions[0]}
              onChange={(o) => setStatus(o?.value ?? '')}
              isSearchable={false}
            />
          </div>
          <Button aria-pressed={showIds} onClick={() => setShowIds((v) => !v)}>
            {showIds ? m.t('history.hideIds') : m.t('history.showIds')}
          </Button>
          {/* Not disabled while it exports: a disabled button drops the keyboard focus (exportCsv ignores a second press). */}
          <Button onClick={() => void exportCsv()} isDisabled={items.length === 0}>
            {exporting !== null
              ? m.t('history.exporting', { count: exporting })
              : m.t(nextCursor ? 'history.exportCsvMore' : 'history.exportCsv', { count: items.length })}
          </Button>
        </div>
      </div>

      {/* Always in the page, so what a retry, an export or an undo did is read out when it appears. */}
      <div ref={noticeRegion} tabIndex={-1} role="status" data-testid="history-notice" className="tc-history-notice">
        {notice ? (
          <SectionMessage appearance={notice.appearance} title={notice.title}>
            <p>{notice.text}</p>
          </SectionMessage>
        ) : null}
      </div>
      {error ? (
        <SectionMessage appearance="error" title={m.t('history.loadFailed')}>
          <p>{error}</p>
          <Button onClick={() => void load()}>{m.t('common.tryAgain')}</Button>
        </SectionMessage>
      ) : null}

      {!loaded && loading ? (
        <div className="tc-center">
          <Spinner size="large" label={m.t('app.loadingHistory')} />
        </div>
      ) : loaded && items.length === 0 ? (
        <div className="tc-empty">
          <h3>{m.t('history.empty')}</h3>
        </div>
      ) : items.length ? (
        <table ref={table} className="tc-table tc-history" aria-label={m.t('history.tableLabel')}>
          <thead>
            <tr>
              <th scope="col">{m.t('history.columns.work')}</th>
              <th scope="col">{m.t('common.columns.notes')}</th>
              <th scope="col">{m.t('common.columns.issue')}</th>
              <th scope="col">{m.t('common.columns.duration')}</th>
              <th scope="col">{m.t('common.columns.outcome')}</th>
              <th scope="col">{m.t('history.columns.details')}</th>
              {showIds ? (
                <>
                  <th scope="col">{m.t('history.columns.syncedAt')}</th>
                  <th scope="col">{m.t('common.columns.record')}</th>
                  <th scope="col">{m.t('history.columns.worklog')}</th>
                </>
              ) : null}
              <th scope="col">
                <span className="tc-visually-hidden">{m.t('history.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          {groupRuns(items).map((run) => {
            const headline = runHeadline(m, run, { today, timeZone, locale });
            const undoneAt = run.runId ? undoneRuns[run.runId] : undefined;
            return (
              <tbody key={`${run.key}-${run.items[0]!.id}`} aria-label={m.t('history.runLabel', { headline })}>
                <tr className="tc-day-row tc-run-row">
                  <th colSpan={showIds ? 9 : 6} scope="rowgroup">
                    <span className="tc-run-title">{headline}</span>
                  </th>
                  <td className="tc-nowrap">
                    {undoneAt ? (
                      <span className="tc-subtle">{m.t('history.undoneAt', { when: whenInSentence(m, undoneAt, today, { timeZone, locale }) })}</span>
                    ) : canUndoRun(run) ? (
                      <Button
                        spacing="compact"
                        onClick={() => void askUndo(run)}
                        isDisabled={confirming !== null}
                        aria-label={m.t('history.undoRun', { headline })}
                      >
                        {m.t('history.undo')}
                      </Button>
                    ) : null}
                  </td>
                </tr>
                {run.items.map((item) => (
                  <HistoryRow key={item.id} item={item} showIds={showIds} retrying={retrying} onRetry={(i) => void retry(i)} />
                ))}
              </tbody>
            );
          })}
        </table>
      ) : null}

      <UndoDialog confirming={confirming} onConfirm={(run) => void undoRun(run)} onClose={() => setConfirming(null)} />

      <div className="tc-pager">
        <span className="tc-subtle">{loaded ? m.n('history.showing', items.length) : ''}</span>
        {nextCursor ? (
          <Button onClick={() => void load(nextCursor)} isLoading={loading && loaded}>
            {m.t('history.loadMore')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function HistoryRow({
  item,
  showIds,
  retrying,
  onRetry,
}: {
  item: HistoryItem;
  showIds: boolean;
  retrying: string | null;
  onRetry: (item: HistoryItem) => void;
}) {
  const { timeZone, locale } = useEnv();
  const m = useMessages();
  const day = item.workStart ? formatDayShort(dayKey(item.workStart, timeZone), locale) : null;
  // What was logged, when rounding made it differ from what was tracked.
  const logged = item.workSeconds != null && item.timeSpentSeconds && item.timeSpentSeconds !== item.workSeconds ? item.timeSpentSeconds : null;
  return (
    <tr data-history-id={item.id} tabIndex={-1}>
      <td className="tc-nowrap">
        {day && item.workStart ? (
          `${day.weekday} ${day.date} ${formatTime(item.workStart, { timeZone, locale })}`
        ) : (
          <span className="tc-subtle">{m.t('common.record', { id: item.recordId })}</span>
        )}
      </td>
      <td className="tc-cell-notes">{item.notes ? <span title={item.notes}>{item.notes}</span> : <span className="tc-subtle">—</span>}</td>
      <td>
        {item.issueKey ? (
          <>
            <IssueKeyLink issueKey={item.issueKey} />
            {item.issueSummary ? <div className="tc-subtle">{item.issueSummary}</div> : null}
          </>
        ) : (
          <span className="tc-subtle">—</span>
        )}
      </td>
      <td className="tc-nowrap">
        {item.workSeconds != null ? (
          m.duration(item.workSeconds)
        ) : item.timeSpentSeconds ? (
          m.duration(item.timeSpentSeconds)
        ) : (
          <span className="tc-subtle">—</span>
        )}
        {logged ? <div className="tc-subtle">{m.t('history.loggedRounded', { duration: m.duration(logged) })}</div> : null}
      </td>
      <td>
        <OutcomeLozenge outcome={item.outcome} />
      </td>
      <td className="tc-history-message">
        {item.message ?? ''}
        {item.retryAt ? (
          <div className="tc-subtle" data-testid={`history-retry-${item.id}`}>
            {m.t('retries.historyWillRetryAt', { at: formatDateTime(item.retryAt, timeZone, locale) })}
          </div>
        ) : null}
      </td>
      {showIds ? (
        <>
          <td className="tc-nowrap">{formatDateTime(item.at, timeZone, locale)}</td>
          <td>{item.recordId}</td>
          <td>{item.worklogId ?? <span className="tc-subtle">—</span>}</td>
        </>
      ) : null}
      <td className="tc-nowrap">
        {item.outcome === 'failed' ? (
          <Button
            spacing="compact"
            onClick={() => onRetry(item)}
            // Neither loading nor disabled while a retry runs: either drops the keyboard focus (retry() ignores a second press).
            aria-busy={retrying === item.id}
          >
            {m.t('history.retry')}
          </Button>
        ) : null}
      </td>
    </tr>
  );
}

function UndoDialog({
  confirming,
  onConfirm,
  onClose,
}: {
  confirming: { run: HistoryRun; check: Result<'undoSyncRun'> | null; working: boolean } | null;
  onConfirm: (run: HistoryRun) => void;
  onClose: () => void;
}) {
  const { today, timeZone, locale } = useEnv();
  const m = useMessages();
  const run = confirming?.run;
  const check = confirming?.check ?? null;
  const when = run ? whenInSentence(m, runStart(run), today, { timeZone, locale }) : '';
  const count = check?.wouldDelete ?? 0;
  return (
    <ConfirmDialog
      isOpen={confirming !== null}
      title={check && count === 0 ? m.t('history.nothingToUndo') : m.t('bulk.undoTitle', { when })}
      confirmLabel={m.n('bulk.deleteWorklogs', count)}
      canConfirm={check !== null && count > 0}
      isWorking={confirming?.working ?? false}
      onConfirm={() => run && onConfirm(run)}
      onClose={onClose}
    >
      {!check ? (
        <p>
          <Spinner size="small" label={m.t('history.checkingLabel')} /> {m.t('history.checkingText')}
        </p>
      ) : count === 0 ? (
        <p>{m.t('history.nothingToUndoText')}</p>
      ) : (
        <>
          <p>{m.n('bulk.undoBody', count, { when })}</p>
          {check.kept.length ? <p>{m.n('history.keptText', check.kept.length)}</p> : null}
        </>
      )}
    </ConfirmDialog>
  );
}
