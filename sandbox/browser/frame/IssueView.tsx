// Jira's issue view: the issue's details and its worklogs as Jira has them (read from Jira as the
// chosen person), with the app's issue panel "Log from timecard" in the main column.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import Lozenge from '@atlaskit/lozenge';
import Spinner from '@atlaskit/spinner';
import type { FrameEnv } from './App';
import { Initials, statusAppearance } from './App';
import { adfText, forgeContext, useJira } from './api';
import type { IssueFields } from './ProjectIssues';
import { ClockIcon, TaskIcon } from './icons';
import { hrefFor, navigate } from './router';
import { SurfaceFrame } from './SurfaceFrame';

interface IssueBean {
  id: string;
  key: string;
  fields: IssueFields & {
    project: { id: string; key: string; name: string };
    issuetype: { id: string; name: string };
    created?: string;
    updated?: string;
    timetracking?: {
      originalEstimate?: string;
      remainingEstimate?: string;
      timeSpent?: string;
      originalEstimateSeconds?: number;
      remainingEstimateSeconds?: number;
      timeSpentSeconds?: number;
    };
  };
}

interface Worklog {
  id: string;
  author: { accountId: string; displayName: string };
  started: string;
  timeSpent: string;
  timeSpentSeconds: number;
  comment?: unknown;
  created: string;
}

interface WorklogPage {
  total: number;
  worklogs: Worklog[];
}

/** Jira's `started` ("2025-01-10T08:00:00.000-0800") as a Date. */
function parseJiraTime(value: string): Date {
  return new Date(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h}h` : '', m || !h ? `${m}m` : ''].filter(Boolean).join(' ');
}

function TimeTracking({ tt }: { tt: NonNullable<IssueBean['fields']['timetracking']> }) {
  const spent = tt.timeSpentSeconds ?? 0;
  const remaining = tt.remainingEstimateSeconds ?? 0;
  const total = Math.max(spent + remaining, tt.originalEstimateSeconds ?? 0, 1);
  return (
    <div className="time-tracking" data-testid="time-tracking">
      <div className="tt-bar" aria-hidden="true">
        <div className="tt-bar-fill" style={{ width: `${Math.min(100, (spent / total) * 100)}%` }} />
      </div>
      <div className="tt-legend">
        <span data-testid="time-logged">{spent ? `${tt.timeSpent} logged` : 'No time logged'}</span>
        <span>{tt.remainingEstimate ? `${tt.remainingEstimate} remaining` : ''}</span>
      </div>
    </div>
  );
}

export function IssueView({ env, issueKey }: { env: FrameEnv; issueKey: string }) {
  const { person } = env;
  const [issue, reloadIssue] = useJira<IssueBean>(
    person.accountId,
    `/rest/api/3/issue/${issueKey}?fields=summary,status,issuetype,project,timetracking,created,updated`,
  );
  const [worklogs, reloadWorklogs] = useJira<WorklogPage>(person.accountId, `/rest/api/3/issue/${issueKey}/worklog?maxResults=100`);
  const panel = env.surface('jira:issuePanel');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refresh = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      reloadIssue();
      reloadWorklogs();
    }, 250);
  }, [reloadIssue, reloadWorklogs]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const bean = issue.state === 'ready' ? issue.data : null;
  const context = useMemo(
    () =>
      panel && bean
        ? forgeContext(panel, person, {
            issue: { key: bean.key, id: bean.id, type: bean.fields.issuetype.name, typeId: bean.fields.issuetype.id },
            project: { id: bean.fields.project.id, key: bean.fields.project.key, type: 'software' },
            isNewToIssue: false,
          })
        : null,
    // The panel reloads only when the person or the issue changes, not when Jira is re-read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [panel, person, bean?.id],
  );

  const dateTime = useMemo(
    () => new Intl.DateTimeFormat(person.locale, { timeZone: person.timeZone, dateStyle: 'medium', timeStyle: 'short' }),
    [person.locale, person.timeZone],
  );

  if (issue.state === 'loading') {
    return (
      <div className="page">
        <Spinner size="large" label="Loading issue" />
      </div>
    );
  }
  if (issue.state === 'error' || !bean) {
    return (
      <div className="page">
        <h1 className="page-title">{issueKey}</h1>
        <p className="error-text">{issue.state === 'error' ? `Jira did not show this issue to ${person.displayName}: ${issue.error}` : ''}</p>
      </div>
    );
  }

  const f = bean.fields;
  const wl = worklogs.state === 'ready' ? worklogs.data : null;
  const totalLogged = wl ? wl.worklogs.reduce((sum, w) => sum + w.timeSpentSeconds, 0) : 0;
  return (
    <div className="issue-view" data-testid="issue-view" data-issue-key={bean.key}>
      <div className="issue-main">
        <div className="breadcrumbs">
          <span>Projects</span>
          <span className="breadcrumbs-sep">/</span>
          <a href={hrefFor('/')} onClick={(e) => (e.preventDefault(), navigate('/'))}>
            {f.project.name}
          </a>
          <span className="breadcrumbs-sep">/</span>
          <TaskIcon />
          <span data-testid="issue-key">{bean.key}</span>
        </div>
        <h1 className="issue-summary" data-testid="issue-summary">
          {f.summary}
        </h1>

        <section className="issue-section">
          <h2 className="section-title">Description</h2>
          <p className="placeholder-text">Add a description…</p>
        </section>

        {panel ? (
          <section className="forge-panel" aria-label={panel.title} data-testid="issue-panel">
            <header className="forge-panel-header">
              <img src="/resources/assets/timecard.svg" alt="" width={20} height={20} />
              <h2 className="forge-panel-title">{panel.title}</h2>
            </header>
            {env.info.unavailable[panel.key] ? (
              <pre className="error-text">{env.info.unavailable[panel.key]}</pre>
            ) : context ? (
              <SurfaceFrame
                surface={panel}
                context={context}
                minHeight={96}
                onInvoked={refresh}
                onFlag={env.showFlag}
                moduleRoute={env.moduleRoute}
              />
            ) : null}
          </section>
        ) : null}

        <section className="issue-section activity">
          <div className="activity-header">
            <h2 className="section-title">Activity</h2>
            <div className="activity-tabs" role="tablist" aria-label="Activity">
              <span role="tab" aria-selected="false">
                Comments
              </span>
              <span role="tab" aria-selected="false">
                History
              </span>
              <span role="tab" aria-selected="true" className="is-selected">
                Work log
              </span>
            </div>
            <button type="button" className="subtle-button" onClick={() => (reloadIssue(), reloadWorklogs())}>
              Refresh
            </button>
          </div>
          {worklogs.state === 'loading' ? (
            <Spinner size="small" label="Loading worklogs" />
          ) : worklogs.state === 'error' ? (
            <p className="error-text">Jira did not list the worklogs: {worklogs.error}</p>
          ) : wl && wl.worklogs.length === 0 ? (
            <p className="placeholder-text" data-testid="worklogs-empty">
              No work has yet been logged on this issue.
            </p>
          ) : (
            <ol className="worklogs" aria-label="Worklogs" data-testid="worklogs" data-count={wl?.total ?? 0} data-total-seconds={totalLogged}>
              {[...(wl?.worklogs ?? [])]
                .sort((a, b) => parseJiraTime(b.started).getTime() - parseJiraTime(a.started).getTime())
                .map((w) => (
                  <li key={w.id} className="worklog" data-testid="worklog" data-worklog-id={w.id}>
                    <Initials person={w.author} size={32} />
                    <div className="worklog-body">
                      <div className="worklog-line">
                        <strong>{w.author.displayName}</strong> logged <strong className="worklog-time">{w.timeSpent}</strong>
                        <span className="worklog-date">{dateTime.format(parseJiraTime(w.started))}</span>
                      </div>
                      {adfText(w.comment).map((text, i) => (
                        <p key={i} className="worklog-comment">
                          {text}
                        </p>
                      ))}
                    </div>
                  </li>
                ))}
            </ol>
          )}
        </section>
      </div>

      <aside className="issue-side">
        <div className="status-row">
          <span className={`status-button status-${statusAppearance(f.status?.statusCategory?.key)}`} data-testid="issue-status">
            {f.status?.name}
          </span>
        </div>
        <div className="details">
          <div className="details-header">Details</div>
          <dl className="details-list">
            <dt>Type</dt>
            <dd>
              <TaskIcon /> {f.issuetype.name}
            </dd>
            <dt>Status</dt>
            <dd>
              <Lozenge appearance={statusAppearance(f.status?.statusCategory?.key)}>{f.status?.name ?? ''}</Lozenge>
            </dd>
            <dt>
              <ClockIcon /> Time tracking
            </dt>
            <dd>{f.timetracking ? <TimeTracking tt={f.timetracking} /> : null}</dd>
            <dt>Original estimate</dt>
            <dd>{f.timetracking?.originalEstimate ?? 'None'}</dd>
            <dt>Worklogs</dt>
            <dd data-testid="worklog-summary">{wl ? `${wl.total} · ${formatDuration(totalLogged)}` : '…'}</dd>
          </dl>
        </div>
        <p className="side-note">
          Viewing as <strong>{person.displayName}</strong> · times in {person.timeZone}
        </p>
      </aside>
    </div>
  );
}
