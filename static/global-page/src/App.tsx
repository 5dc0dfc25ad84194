// "Timecard sync" global page: connection, records (range, grouping, selection, linking, bulk sync),
// history and an overview chart. History and the chart load on demand.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import type { LinkWriteBack, RecordView, Result } from '../../../src/shared/contract';
import { loadingLabelFor } from '../../../src/shared/i18n/loadingLabel';
import { call, errorText, isAuthError, loadContext, loadTranslations, type PageContext } from './bridge';
import { AutoSyncStoppedBanner } from './components/AutoSyncStoppedBanner';
import { LinkWriteBackNotice } from './components/LinkWriteBackNotice';
import { RangePicker } from './components/RangePicker';
import { recordPresets, RecordsScreen } from './components/RecordsScreen';
import type { RecordChoiceAction } from './components/RecordChoice';
import { EnvContext, type PageEnv } from './env';
import { dayKey, firstDayOfWeek, presetRange, safeTimeZone, type DateRange, type DayKey } from './format';
import { createMessages, ENGLISH, MessagesContext, useMessages, type Messages } from './messages';
import { EMPTY_SELECTION, pruneSelection, type SelectionState } from './selection';
import { useBulkJob } from './useBulkJob';
import { LoadBoundary, reloadableLazy } from './loadable';

const HistoryScreen = reloadableLazy(() => import('./components/HistoryScreen'));
const OverviewChart = reloadableLazy(() => import('./components/OverviewChart'));
const ConnectionScreen = reloadableLazy(() => import('./components/ConnectionScreen'));
const AutoSyncScreen = reloadableLazy(() => import('./components/AutoSyncScreen'));

export interface AppProps {
  /** How often a running bulk job is checked. */
  pollIntervalMs?: number;
  /** Pause after the last keystroke before the issue search asks Jira. */
  searchDebounceMs?: number;
  /** The clock (tests pin it). */
  now?: () => Date;
}

type Connection = Result<'getConnection'>;
type Boot = { ctx: PageContext; connection: Connection } | { error: unknown } | null;

const TABS = ['records', 'history', 'overview', 'connection', 'automatic'] as const;
const AUTOMATIC_TAB = TABS.indexOf('automatic');

/**
 * Why automatic logging stopped for the person, if it did: asked once when the page opens connected,
 * then kept as the Automatic tab shows it (turning it on again there clears it).
 */
function useAutoSyncStopped(connected: boolean) {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!connected) return;
    let cancelled = false;
    call('getAutoSync', {})
      .then((state) => !cancelled && setMessage(state.blocked?.message ?? null))
      // The Automatic tab says what went wrong; the banner is only for a known stop.
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [connected]);
  const update = useCallback((state: Result<'getAutoSync'>) => setMessage(state.blocked?.message ?? null), []);
  return { message: connected ? message : null, update };
}

function Loading({ label }: { label: string }) {
  return (
    <div className="tc-center">
      <Spinner size="large" label={label} />
    </div>
  );
}

export default function App({ pollIntervalMs = 1000, searchDebounceMs = 300, now = () => new Date() }: AppProps) {
  const [boot, setBoot] = useState<Boot>(null);
  const [attempt, setAttempt] = useState(0);
  // The page speaks the person's language once the context says which: until then only a spinner shows.
  const [messages, setMessages] = useState<Messages | null>(null);
  // Until then the spinner's label is in the context's language (the browser's, before the context is in).
  const [bootLocale, setBootLocale] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const context = loadContext();
    void context.then((ctx) => !cancelled && setBootLocale(ctx.locale)).catch(() => undefined);
    context
      .then(async (ctx) => createMessages(ctx.locale, (await loadTranslations(ctx.locale)) ?? undefined))
      .catch(() => ENGLISH)
      .then((m) => !cancelled && setMessages(m));
    Promise.all([context, call('getConnection', {})])
      .then(([ctx, connection]) => !cancelled && setBoot({ ctx, connection }))
      .catch((error: unknown) => !cancelled && setBoot({ error }));
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  if (messages === null) {
    return (
      <main className="tc-page">
        <Loading label={loadingLabelFor(bootLocale)} />
      </main>
    );
  }
  return (
    <MessagesContext.Provider value={messages}>
      <AppFrame boot={boot} onRetry={() => setAttempt((a) => a + 1)} pollIntervalMs={pollIntervalMs} searchDebounceMs={searchDebounceMs} now={now} />
    </MessagesContext.Provider>
  );
}

function AppFrame({
  boot,
  onRetry,
  pollIntervalMs,
  searchDebounceMs,
  now,
}: {
  boot: Boot;
  onRetry: () => void;
  pollIntervalMs: number;
  searchDebounceMs: number;
  now: () => Date;
}) {
  const m = useMessages();
  return (
    <main className="tc-page" lang={m.language}>
      <header className="tc-header">
        <div>
          <Heading size="large" as="h1">
            {m.t('title')}
          </Heading>
          <p className="tc-subtle tc-lede">{m.t('app.lede')}</p>
        </div>
      </header>
      {boot === null ? (
        <Loading label={m.t('common.loading')} />
      ) : 'error' in boot ? (
        <SectionMessage appearance="error" title={m.t('app.startFailed')}>
          <p>{errorText(boot.error, m.t('common.somethingWentWrong'))}</p>
          <p>
            <button className="tc-link-button" type="button" onClick={onRetry}>
              {m.t('common.tryAgain')}
            </button>
          </p>
        </SectionMessage>
      ) : (
        <Page
          ctx={boot.ctx}
          initialConnection={boot.connection}
          pollIntervalMs={pollIntervalMs}
          searchDebounceMs={searchDebounceMs}
          today={dayKey(now(), boot.ctx.timeZone)}
          now={now}
        />
      )}
    </main>
  );
}

function Page({
  ctx,
  initialConnection,
  pollIntervalMs,
  searchDebounceMs,
  today,
  now,
}: {
  ctx: PageContext;
  initialConnection: Connection;
  pollIntervalMs: number;
  searchDebounceMs: number;
  today: DayKey;
  now: () => Date;
}) {
  const m = useMessages();
  const [connection, setConnection] = useState(initialConnection);
  const [authReason, setAuthReason] = useState<string | null>(null);
  const [timeZone, setTimeZone] = useState(ctx.timeZone);
  const weekStart = useMemo(() => firstDayOfWeek(ctx.locale), [ctx.locale]);
  const [tab, setTab] = useState(0);
  const autoStopped = useAutoSyncStopped(connection.connected);

  const fallbackError = m.t('common.somethingWentWrong');
  const reportError = useCallback(
    (error: unknown) => {
      const text = errorText(error, fallbackError);
      if (isAuthError(error)) {
        setConnection((c) => ({ ...c, connected: false }));
        setAuthReason(text);
      }
      return text;
    },
    [fallbackError],
  );

  const env = useMemo<PageEnv>(
    () => ({ call, timeZone, locale: ctx.locale, today, now, weekStart, siteUrl: ctx.siteUrl, searchDebounceMs, reportError }),
    [timeZone, ctx.locale, ctx.siteUrl, today, now, weekStart, searchDebounceMs, reportError],
  );

  // Records of the chosen range, shared by the Records screen and the chart.
  const [range, setRange] = useState<DateRange>(() => presetRange('this-week', today, weekStart));
  const [records, setRecords] = useState<RecordView[] | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selection, setSelectionState] = useState<SelectionState>(EMPTY_SELECTION);
  const seq = useRef(0);

  const loadRecords = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const answer = await call('listRecords', { from: range.from, to: range.to });
      if (mine !== seq.current) return;
      setRecords(answer.records);
      setWarnings(answer.warnings ?? []);
      setLoadError(null);
      if (answer.timeZone) setTimeZone(safeTimeZone(answer.timeZone));
      setSelectionState((s) =>
        pruneSelection(
          s,
          answer.records.map((r) => r.id),
        ),
      );
    } catch (e) {
      if (mine === seq.current) setLoadError(reportError(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [range.from, range.to, reportError]);

  useEffect(() => {
    if (connection.connected) void loadRecords();
  }, [connection.connected, loadRecords]);

  const bulk = useBulkJob({
    call,
    pollIntervalMs,
    storageKey: `timecard-sync.job.${ctx.accountId ?? 'me'}`,
    // After a sync (or its undo) the records show their new state; the selection has done its job.
    onSettled: () => {
      setSelectionState(EMPTY_SELECTION);
      void loadRecords();
    },
    reportError,
  });

  const setSelection = useCallback((update: (s: SelectionState) => SelectionState) => setSelectionState(update), []);

  const [writeBack, setWriteBack] = useState<LinkWriteBack | null>(null);
  const onLink = useCallback(async (recordId: number, issueKey: string | null) => {
    const { record, writeBack: written } = await call('linkRecord', { recordId, issueKey });
    setRecords((rs) => (rs ? rs.map((r) => (r.id === record.id ? record : r)) : rs));
    setWriteBack(written ?? null);
    return null;
  }, []);

  // What the last choice did, read out: its buttons (or its row) are gone once it is made.
  const [choiceDone, setChoiceDone] = useState<string | null>(null);
  // A conflict or a record deleted in the timecard: the person's choice, then the row as it is now (or gone); or a retry cancelled.
  const onChoice = useCallback(
    async (record: RecordView, action: RecordChoiceAction | 'cancelRetry'): Promise<string | null> => {
      setChoiceDone(null);
      try {
        if (action === 'cancelRetry') {
          await call('cancelAutoRetries', { recordIds: [record.id] });
          setRecords((rs) => (rs ? rs.map((r) => (r.id === record.id ? { ...r, retry: undefined } : r)) : rs));
        } else if (action === 'keepJira' || action === 'keepTimecard') {
          const { record: now } = await call('resolveConflict', { recordId: record.id, keep: action === 'keepJira' ? 'jira' : 'timecard' });
          setRecords((rs) => (rs ? rs.map((r) => (r.id === now.id ? now : r)) : rs));
        } else {
          await call('resolveDeletedInTimecard', { recordId: record.id, choice: action === 'removeWorklog' ? 'remove' : 'keep' });
          setRecords((rs) => (rs ? rs.filter((r) => r.id !== record.id) : rs));
        }
        // A cancelled retry says so on its row (RetryNote), read out there.
        if (action !== 'cancelRetry') setChoiceDone(m.t(`choice.done.${action}`));
        return null;
      } catch (error) {
        return errorText(error, m.t('common.somethingWentWrong'));
      }
    },
    [m],
  );

  const onPreset = (preset: DateRange['preset']) => {
    if (preset === 'custom') setRange((r) => ({ ...r, preset }));
    else setRange(presetRange(preset, today, weekStart));
  };
  const onCustomRange = (from: DayKey, to: DayKey) => setRange({ preset: 'custom', from, to });

  const connectedTabs = connection.connected;

  return (
    <EnvContext.Provider value={env}>
      {!connectedTabs ? (
        <LoadBoundary failedTitle={m.t('load.connectionForm')} onRetry={ConnectionScreen.retry}>
          <ConnectionScreen
            connection={connection}
            reason={authReason}
            onChange={(c) => {
              setConnection(c);
              if (c.connected) setAuthReason(null);
            }}
          />
        </LoadBoundary>
      ) : (
        <>
          {/* On the Automatic tab its own warning says it, next to "Turn it on again". */}
          {autoStopped.message && tab !== AUTOMATIC_TAB ? (
            <AutoSyncStoppedBanner message={autoStopped.message} onOpen={() => setTab(AUTOMATIC_TAB)} />
          ) : null}
          <Tabs id="timecard-sync-tabs" selected={tab} onChange={setTab}>
            <TabList>
              {TABS.map((t) => (
                <Tab key={t}>{m.t(`app.tabs.${t}`)}</Tab>
              ))}
            </TabList>
            <TabPanel>
              <div className="tc-panel">
                <div className="tc-visually-hidden" role="status" data-testid="choice-status">
                  {tab === 0 ? choiceDone : null}
                </div>
                {tab === 0 && writeBack ? <LinkWriteBackNotice notice={writeBack} onDismiss={() => setWriteBack(null)} /> : null}
                {tab === 0 ? (
                  <RecordsScreen
                    range={range}
                    onRange={onPreset}
                    onCustomRange={onCustomRange}
                    records={records}
                    warnings={warnings}
                    loading={loading}
                    loadError={loadError}
                    reload={() => void loadRecords()}
                    selection={selection}
                    setSelection={setSelection}
                    bulk={bulk}
                    onLink={onLink}
                    onChoice={onChoice}
                  />
                ) : null}
              </div>
            </TabPanel>
            <LazyTab shown={tab === 1} loadingLabel={m.t('app.loadingHistory')} failedTitle={m.t('load.history')} onRetry={HistoryScreen.retry}>
              <HistoryScreen onRecordsChanged={() => void loadRecords()} />
            </LazyTab>
            <LazyTab shown={tab === 2} loadingLabel={m.t('app.loadingChart')} failedTitle={m.t('load.chart')} onRetry={OverviewChart.retry}>
              <div className="tc-toolbar tc-toolbar-top">
                <RangePicker label={m.t('app.chartRange')} presets={recordPresets(m)} value={range} onPreset={onPreset} onCustom={onCustomRange} />
              </div>
              <OverviewChart records={records} from={range.from} to={range.to} loading={loading} />
            </LazyTab>
            <LazyTab shown={tab === 3} loadingLabel={m.t('common.loading')} failedTitle={m.t('load.connection')} onRetry={ConnectionScreen.retry}>
              <ConnectionScreen
                connection={connection}
                reason={null}
                onChange={(c) => {
                  setConnection(c);
                  if (!c.connected) setTab(0);
                }}
              />
            </LazyTab>
            <LazyTab shown={tab === 4} loadingLabel={m.t('common.loading')} failedTitle={m.t('load.automatic')} onRetry={AutoSyncScreen.retry}>
              <AutoSyncScreen pollIntervalMs={pollIntervalMs * 3} onState={autoStopped.update} />
            </LazyTab>
          </Tabs>
        </>
      )}
    </EnvContext.Provider>
  );
}

/** A tab whose screen is a lazy chunk: loaded only when the tab is first shown. */
function LazyTab({
  shown,
  loadingLabel,
  failedTitle,
  onRetry,
  children,
}: {
  shown: boolean;
  loadingLabel: string;
  failedTitle: string;
  onRetry: () => void;
  children: ReactNode;
}) {
  return (
    <TabPanel>
      <div className="tc-panel">
        {shown ? (
          <LoadBoundary failedTitle={failedTitle} onRetry={onRetry} loadingLabel={loadingLabel}>
            {children}
          </LoadBoundary>
        ) : null}
      </div>
    </TabPanel>
  );
}
