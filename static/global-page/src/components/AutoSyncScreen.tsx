// Lazy-loaded. Automatic sync: turn "Log my finished records automatically" on or off, choose how
// long after a record ends it is logged, pause; the last run (when, what it logged), the next run,
// why it stopped, and the records waiting for a retry (with "Cancel retries").
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { AUTO_SYNC_GRACE_MINUTES, type Result } from '../../../../src/shared/contract';
import { errorText } from '../bridge';
import { focusIfLost } from '../focusIfLost';
import { useEnv } from '../env';
import { formatDateTime } from '../format';
import { useMessages, type Messages, type TextKey } from '../messages';

type AutoSync = Result<'getAutoSync'>;

/** Every sentence this screen shows, from the page's translations (globalPage.automatic). */
function autoSyncText(m: Messages) {
  const t = (key: string, vars?: Record<string, string | number>) => m.t(`automatic.${key}` as TextKey, vars);
  return {
    heading: t('heading'),
    intro: t('intro'),
    toggle: t('toggle'),
    toggleHelp: t('toggleHelp'),
    grace: t('grace'),
    graceHelp: t('graceHelp'),
    graceOption: (minutes: number) =>
      minutes < 60 ? m.n('automatic.graceMinutes', minutes) : minutes < 1440 ? m.n('automatic.graceHours', minutes / 60) : t('graceDay'),
    pause: t('pause'),
    resume: t('resume'),
    paused: t('paused'),
    off: t('off'),
    blockedTitle: t('blockedTitle'),
    turnOnAgain: t('turnOnAgain'),
    lastRun: (at: string, logged: number, failed: number, skipped: number) =>
      t('lastRun', {
        at,
        summary: m.list([
          m.n('automatic.lastRunLogged', logged),
          ...(failed ? [t('lastRunFailed', { count: failed })] : []),
          ...(skipped ? [t('lastRunSkipped', { count: skipped })] : []),
        ]),
      }),
    noRunYet: t('noRunYet'),
    running: (at: string) => t('running', { at }),
    nextRun: (at: string) => t('nextRun', { at }),
    nextRunSoon: t('nextRunSoon'),
    lastChecked: (at: string) => t('lastChecked', { at }),
    openHistory: t('openHistory'),
    loggedList: t('loggedList'),
    loggedItem: (issueKey: string, duration: string, id: number) => t('loggedItem', { issueKey, duration, id }),
    retriesTitle: (count: number) => m.n('automatic.retriesTitle', count),
    retry: (id: number, at: string, message: string) => t('retry', { id, at, message }),
    cancelRetries: t('cancelRetries'),
    loading: t('loading'),
    loadFailed: t('loadFailed'),
    tryAgain: m.t('common.tryAgain'),
  };
}

export default function AutoSyncScreen({
  pollIntervalMs = 3000,
  onState,
}: {
  pollIntervalMs?: number;
  /** Told each state the screen shows (the page-wide banner follows whether it stopped). */
  onState?: (state: AutoSync) => void;
}) {
  const { call, timeZone, locale } = useEnv();
  const m = useMessages();
  const fallbackError = m.t('common.somethingWentWrong');
  const text = autoSyncText(m);
  const [state, setState] = useState<AutoSync | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const toggleId = useId();
  const graceId = useId();
  const at = (iso: string) => formatDateTime(iso, timeZone, locale);

  useEffect(() => {
    let cancelled = false;
    call('getAutoSync', {})
      .then((answer) => !cancelled && (setState(answer), setError(null)))
      .catch((e) => !cancelled && setError(errorText(e, fallbackError)));
    return () => {
      cancelled = true;
    };
  }, [call, attempt, fallbackError]);

  useEffect(() => {
    if (state) onState?.(state);
  }, [state, onState]);

  // While a run's job is logging, look again now and then until it has reported.
  useEffect(() => {
    if (!state?.running) return;
    const timer = setTimeout(() => setAttempt((a) => a + 1), pollIntervalMs);
    return () => clearTimeout(timer);
  }, [state, pollIntervalMs]);

  const change = useCallback(
    async (doIt: () => Promise<AutoSync>) => {
      setBusy(true);
      try {
        setState(await doIt());
        setError(null);
      } catch (e) {
        setError(errorText(e, fallbackError));
      } finally {
        setBusy(false);
      }
    },
    [fallbackError],
  );

  // "Cancel retries" goes away once the retries are gone: the focus it had goes to the tab's heading.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    focusIfLost(headingRef.current);
  }, [state]);
  const cancelRetries = () => {
    if (busy) return;
    refocus.current = true;
    void change(() => call('cancelAutoRetries', {}));
  };

  if (!state) {
    return error ? (
      <SectionMessage appearance="error" title={text.loadFailed}>
        <p>{error}</p>
        <p>
          <button className="tc-link-button" type="button" onClick={() => setAttempt((a) => a + 1)}>
            {text.tryAgain}
          </button>
        </p>
      </SectionMessage>
    ) : (
      <p className="tc-subtle" role="status">
        {text.loading}
      </p>
    );
  }

  // While a change is saved the controls stay enabled (a disabled control drops the keyboard focus) and ignore input.
  const save = (enabled: boolean, extra: { paused?: boolean; graceMinutes?: (typeof AUTO_SYNC_GRACE_MINUTES)[number] } = {}) =>
    busy ? undefined : change(() => call('saveAutoSync', { enabled, ...extra }));
  const active = state.enabled && !state.paused && !state.blocked;

  return (
    <section className="tc-screen tc-narrow" aria-labelledby={`${toggleId}-heading`}>
      <h2 className="tc-h2" id={`${toggleId}-heading`} ref={headingRef} tabIndex={-1}>
        {text.heading}
      </h2>
      <p className="tc-subtle">{text.intro}</p>
      {error ? (
        <SectionMessage appearance="error">
          <p>{error}</p>
        </SectionMessage>
      ) : null}
      {state.blocked ? (
        <SectionMessage appearance="warning" title={text.blockedTitle}>
          <p>{state.blocked.message}</p>
          <p>
            <Button appearance="primary" onClick={() => void save(true)}>
              {text.turnOnAgain}
            </Button>
          </p>
        </SectionMessage>
      ) : null}
      <p>
        <input id={toggleId} type="checkbox" checked={state.enabled} aria-disabled={busy} onChange={(e) => void save(e.target.checked)} />{' '}
        <label htmlFor={toggleId}>{text.toggle}</label>
      </p>
      <p className="tc-subtle">{text.toggleHelp}</p>
      <p>
        <label className="tc-label" htmlFor={graceId}>
          {text.grace}
        </label>{' '}
        <select
          id={graceId}
          value={state.graceMinutes}
          disabled={!state.enabled}
          aria-disabled={busy}
          aria-describedby={`${graceId}-help`}
          onChange={(e) => void save(state.enabled, { graceMinutes: Number(e.target.value) as (typeof AUTO_SYNC_GRACE_MINUTES)[number] })}
        >
          {AUTO_SYNC_GRACE_MINUTES.map((minutes) => (
            <option key={minutes} value={minutes}>
              {text.graceOption(minutes)}
            </option>
          ))}
        </select>{' '}
        <span className="tc-subtle" id={`${graceId}-help`}>
          {text.graceHelp}
        </span>
      </p>
      {state.enabled && !state.blocked ? (
        <p>
          <Button onClick={() => void save(true, { paused: !state.paused })}>{state.paused ? text.resume : text.pause}</Button>
        </p>
      ) : null}
      <div role="status" aria-live="polite" className="tc-auto-status">
        {!state.enabled ? <p>{text.off}</p> : state.paused ? <p>{text.paused}</p> : null}
        {state.problem ? <p>{state.problem.message}</p> : null}
        {state.running ? <p>{text.running(at(state.running.startedAt))}</p> : null}
        <p>
          {state.lastRun ? text.lastRun(at(state.lastRun.at), state.lastRun.logged, state.lastRun.failed, state.lastRun.skipped) : text.noRunYet}{' '}
          {state.lastRun ? text.openHistory : null}
        </p>
        {active ? <p>{state.nextRunAt ? text.nextRun(at(state.nextRunAt)) : text.nextRunSoon}</p> : null}
        {state.lastCheckedAt && state.enabled ? <p className="tc-subtle">{text.lastChecked(at(state.lastCheckedAt))}</p> : null}
      </div>
      {state.lastRun?.items?.length ? (
        <>
          <h3 className="tc-h4">{text.loggedList}</h3>
          <ul aria-label={text.loggedList}>
            {state.lastRun.items.map((item) => (
              <li key={item.recordId}>{text.loggedItem(item.issueKey, m.duration(item.seconds), item.recordId)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {state.retries.length > 0 ? (
        <SectionMessage appearance="information" title={text.retriesTitle(state.retries.length)}>
          <ul>
            {state.retries.map((r) => (
              <li key={r.recordId}>{text.retry(r.recordId, at(r.nextAt), r.message)}</li>
            ))}
          </ul>
          <p>
            <Button onClick={cancelRetries}>{text.cancelRetries}</Button>
          </p>
        </SectionMessage>
      ) : null}
    </section>
  );
}
