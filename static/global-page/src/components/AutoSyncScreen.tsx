// Lazy-loaded. Automatic sync: turn "Log my finished records automatically" on or off, choose how
// long after a record ends it is logged, pause; the last run (when, what it logged), the next run,
// why it stopped, and the records waiting for a retry (with "Cancel retries").
import { useCallback, useEffect, useId, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { AUTO_SYNC_GRACE_MINUTES, type Result } from '../../../../src/shared/contract';
import { errorText } from '../bridge';
import { useEnv } from '../env';
import { formatDateTime } from '../format';
import { useMessages } from '../messages';

type AutoSync = Result<'getAutoSync'>;

/** Every sentence this screen shows, in one place (for localization). */
export const AUTO_SYNC_TEXT = {
  heading: 'Automatic logging',
  intro: 'Timecard for Jira can log your finished records for you, about once an hour, even while Jira is closed.',
  toggle: 'Log my finished records automatically',
  toggleHelp:
    'Records linked to an issue are logged as you, with your projects’ rounding and minimum, never twice. The first run also logs the last 7 days’ finished records that are not logged yet.',
  grace: 'Log a record this long after it ends',
  graceHelp: 'Time to fix a typo in the timecard first.',
  graceOption: (minutes: number) =>
    minutes < 60 ? `${minutes} minutes` : minutes === 60 ? '1 hour' : minutes < 1440 ? `${minutes / 60} hours` : '1 day',
  pause: 'Pause',
  resume: 'Resume',
  paused: 'Paused: nothing is logged automatically until you resume.',
  off: 'Off: your records are logged only when you log them.',
  blockedTitle: 'Automatic logging stopped',
  turnOnAgain: 'Turn it on again',
  lastRun: (at: string, logged: string, failed: number, skipped: number) =>
    `Last run ${at}: logged ${logged}${failed ? `, ${failed} failed` : ''}${skipped ? `, ${skipped} skipped` : ''}.`,
  noRunYet: 'No run has logged anything yet.',
  running: (at: string) => `A run started ${at} is logging your records now.`,
  nextRun: (at: string) => `Next run: about ${at}.`,
  nextRunSoon: 'Next run: within the hour.',
  lastChecked: (at: string) => `Last checked ${at}.`,
  openHistory: 'What it logged is in the History tab, marked “automatic”.',
  loggedList: 'Logged by the last run',
  loggedItem: (issueKey: string, duration: string, recordId: number) => `${issueKey}: ${duration} (record ${recordId})`,
  retriesTitle: (records: string) => `${records} will be tried again`,
  retry: (recordId: number, at: string, message: string) => `Record ${recordId}: will retry at ${at}. ${message}`,
  cancelRetries: 'Cancel retries',
  loading: 'Loading automatic logging',
  loadFailed: 'Automatic logging could not be loaded.',
  tryAgain: 'Try again',
};

export default function AutoSyncScreen({ pollIntervalMs = 3000 }: { pollIntervalMs?: number }) {
  const { call, timeZone, locale } = useEnv();
  const m = useMessages();
  const fallbackError = m.t('common.somethingWentWrong');
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

  // While a run's job is logging, look again now and then until it has reported.
  useEffect(() => {
    if (!state?.running) return;
    const timer = setTimeout(() => setAttempt((a) => a + 1), pollIntervalMs);
    return () => clearTimeout(timer);
  }, [state, pollIntervalMs]);

  const change = useCallback(async (doIt: () => Promise<AutoSync>) => {
    setBusy(true);
    try {
      setState(await doIt());
      setError(null);
    } catch (e) {
      setError(errorText(e, fallbackError));
    } finally {
      setBusy(false);
    }
  }, [fallbackError]);

  if (!state) {
    return error ? (
      <SectionMessage appearance="error" title={AUTO_SYNC_TEXT.loadFailed}>
        <p>{error}</p>
        <p>
          <button className="tc-link-button" type="button" onClick={() => setAttempt((a) => a + 1)}>
            {AUTO_SYNC_TEXT.tryAgain}
          </button>
        </p>
      </SectionMessage>
    ) : (
      <p className="tc-subtle" role="status">
        {AUTO_SYNC_TEXT.loading}
      </p>
    );
  }

  const save = (enabled: boolean, extra: { paused?: boolean; graceMinutes?: (typeof AUTO_SYNC_GRACE_MINUTES)[number] } = {}) =>
    change(() => call('saveAutoSync', { enabled, ...extra }));
  const active = state.enabled && !state.paused && !state.blocked;

  return (
    <section className="tc-screen tc-narrow" aria-labelledby={`${toggleId}-heading`}>
      <h2 className="tc-h2" id={`${toggleId}-heading`}>
        {AUTO_SYNC_TEXT.heading}
      </h2>
      <p className="tc-subtle">{AUTO_SYNC_TEXT.intro}</p>
      {error ? (
        <SectionMessage appearance="error">
          <p>{error}</p>
        </SectionMessage>
      ) : null}
      {state.blocked ? (
        <SectionMessage appearance="warning" title={AUTO_SYNC_TEXT.blockedTitle}>
          <p>{state.blocked.message}</p>
          <p>
            <Button appearance="primary" isDisabled={busy} onClick={() => void save(true)}>
              {AUTO_SYNC_TEXT.turnOnAgain}
            </Button>
          </p>
        </SectionMessage>
      ) : null}
      <p>
        <input id={toggleId} type="checkbox" checked={state.enabled} disabled={busy} onChange={(e) => void save(e.target.checked)} />{' '}
        <label htmlFor={toggleId}>{AUTO_SYNC_TEXT.toggle}</label>
      </p>
      <p className="tc-subtle">{AUTO_SYNC_TEXT.toggleHelp}</p>
      <p>
        <label className="tc-label" htmlFor={graceId}>
          {AUTO_SYNC_TEXT.grace}
        </label>{' '}
        <select
          id={graceId}
          value={state.graceMinutes}
          disabled={busy || !state.enabled}
          aria-describedby={`${graceId}-help`}
          onChange={(e) => void save(state.enabled, { graceMinutes: Number(e.target.value) as (typeof AUTO_SYNC_GRACE_MINUTES)[number] })}
        >
          {AUTO_SYNC_GRACE_MINUTES.map((m) => (
            <option key={m} value={m}>
              {AUTO_SYNC_TEXT.graceOption(m)}
            </option>
          ))}
        </select>{' '}
        <span className="tc-subtle" id={`${graceId}-help`}>
          {AUTO_SYNC_TEXT.graceHelp}
        </span>
      </p>
      {state.enabled && !state.blocked ? (
        <p>
          <Button isDisabled={busy} onClick={() => void save(true, { paused: !state.paused })}>
            {state.paused ? AUTO_SYNC_TEXT.resume : AUTO_SYNC_TEXT.pause}
          </Button>
        </p>
      ) : null}
      <div role="status" aria-live="polite" className="tc-auto-status">
        {!state.enabled ? <p>{AUTO_SYNC_TEXT.off}</p> : state.paused ? <p>{AUTO_SYNC_TEXT.paused}</p> : null}
        {state.problem ? <p>{state.problem.message}</p> : null}
        {state.running ? <p>{AUTO_SYNC_TEXT.running(at(state.running.startedAt))}</p> : null}
        <p>
          {state.lastRun
            ? AUTO_SYNC_TEXT.lastRun(at(state.lastRun.at), m.n('common.records', state.lastRun.logged), state.lastRun.failed, state.lastRun.skipped)
            : AUTO_SYNC_TEXT.noRunYet}{' '}
          {state.lastRun ? AUTO_SYNC_TEXT.openHistory : null}
        </p>
        {active ? <p>{state.nextRunAt ? AUTO_SYNC_TEXT.nextRun(at(state.nextRunAt)) : AUTO_SYNC_TEXT.nextRunSoon}</p> : null}
        {state.lastCheckedAt && state.enabled ? <p className="tc-subtle">{AUTO_SYNC_TEXT.lastChecked(at(state.lastCheckedAt))}</p> : null}
      </div>
      {state.lastRun?.items?.length ? (
        <>
          <h3 className="tc-h4">{AUTO_SYNC_TEXT.loggedList}</h3>
          <ul aria-label={AUTO_SYNC_TEXT.loggedList}>
            {state.lastRun.items.map((item) => (
              <li key={item.recordId}>{AUTO_SYNC_TEXT.loggedItem(item.issueKey, m.duration(item.seconds), item.recordId)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {state.retries.length > 0 ? (
        <SectionMessage appearance="information" title={AUTO_SYNC_TEXT.retriesTitle(m.n('common.records', state.retries.length))}>
          <ul>
            {state.retries.map((r) => (
              <li key={r.recordId}>{AUTO_SYNC_TEXT.retry(r.recordId, at(r.nextAt), r.message)}</li>
            ))}
          </ul>
          <p>
            <Button isDisabled={busy} onClick={() => void change(() => call('cancelAutoRetries', {}))}>
              {AUTO_SYNC_TEXT.cancelRetries}
            </Button>
          </p>
        </SectionMessage>
      ) : null}
    </section>
  );
}
