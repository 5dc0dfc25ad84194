// The Jira-like frame: top bar with the person switcher, the project sidebar, and the pages that
// host the app's surfaces (issue view with the issue panel, the global page, project settings, admin).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SandboxControls } from './SandboxControls';
import type { FrameInfo, Person, SurfaceInfo } from './api';
import { useJira } from './api';
import { AppSwitcher, BellIcon, ChevronDown, GearIcon, HelpIcon, JiraLogo, ListIcon, PlusIcon, ProjectAvatar, SearchIcon, ShieldIcon } from './icons';
import { IssueView } from './IssueView';
import { AdminPage, GlobalPage, ProjectSettingsPage } from './pages';
import { ProjectIssues, type SearchResult } from './ProjectIssues';
import { hrefFor, navigate, useLocation } from './router';
import { LANGUAGES, localizedSurface, withLanguage } from './locale';

const PERSON_KEY = 'timecard-sandbox.person';

export interface Flag {
  id: number;
  title: string;
  description?: string;
  appearance?: string;
}

export interface FrameEnv {
  info: FrameInfo;
  person: Person;
  surface(type: SurfaceInfo['type']): SurfaceInfo | undefined;
  moduleRoute(moduleKey: string): string | null;
  showFlag(flag: Record<string, unknown>): void;
}

export function statusAppearance(category: string | undefined): 'default' | 'inprogress' | 'success' {
  if (category === 'done') return 'success';
  if (category === 'indeterminate') return 'inprogress';
  return 'default';
}

export function Initials({ person, size = 24 }: { person: Pick<Person, 'displayName' | 'accountId'>; size?: number }) {
  // Jira's bold avatar colours: white initials on each reach 4.5:1.
  const colors = ['#1558BC', '#5E4DB2', '#1F845A', '#A54800', '#AE2E24'];
  const hash = [...person.accountId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const initials = person.displayName
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <span
      className="initials"
      style={{ width: size, height: size, fontSize: size * 0.42, background: colors[hash % colors.length] }}
      aria-hidden="true"
    >
      {initials}
    </span>
  );
}

function PersonSwitcher({ people, person }: { people: Person[]; person: Person }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="person-switcher" ref={ref}>
      <button
        type="button"
        className="person-button"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="person-switcher"
        onClick={() => setOpen((o) => !o)}
      >
        <Initials person={person} />
        <span className="person-name">{person.displayName}</span>
        {/* Named by its visible text (label in name), then what it does. */}
        <span className="visually-hidden">, switch person</span>
        <ChevronDown />
      </button>
      {open ? (
        <div className="menu" role="menu" aria-label="Switch person">
          <div className="menu-heading">Act as (sandbox)</div>
          {people.map((p) => (
            <button
              key={p.accountId}
              type="button"
              role="menuitemradio"
              aria-checked={p.accountId === person.accountId}
              className={`menu-item${p.accountId === person.accountId ? ' is-selected' : ''}`}
              data-testid={`person-${p.accountId}`}
              onClick={() => {
                setOpen(false);
                localStorage.setItem(PERSON_KEY, p.accountId);
                const url = new URL(window.location.href);
                url.searchParams.set('as', p.accountId);
                navigate(url.pathname + url.search, { replace: false, as: p.accountId });
              }}
            >
              <Initials person={p} size={32} />
              <span className="menu-item-text">
                <span className="menu-item-title">{p.displayName}</span>
                <span className="menu-item-sub">
                  {p.role} · {p.timeZone}
                </span>
              </span>
            </button>
          ))}
          <div className="menu-heading" id="language-heading">
            Language and time zone (sandbox)
          </div>
          <div role="group" aria-labelledby="language-heading">
            {LANGUAGES.map((language) => {
              const selected = language.locale === person.locale && language.timeZone === person.timeZone;
              return (
                <button
                  key={language.locale}
                  type="button"
                  role="menuitemradio"
                  aria-checked={selected}
                  lang={language.locale}
                  className={`menu-item${selected ? ' is-selected' : ''}`}
                  data-testid={`language-${language.locale}`}
                  onClick={() => {
                    setOpen(false);
                    const url = new URL(window.location.href);
                    url.searchParams.set('lang', language.locale);
                    url.searchParams.set('tz', language.timeZone);
                    navigate(url.pathname + url.search);
                  }}
                >
                  <span className="menu-item-text">
                    <span className="menu-item-title">{language.name}</span>
                    <span className="menu-item-sub">
                      {language.locale} · {language.timeZone}
                    </span>
                  </span>
                </button>
              );
            })}
          </div>
        </div>
      ) : null}
    </div>
  );
}

function TopBar({ env }: { env: FrameEnv }) {
  const global = env.surface('jira:globalPage');
  return (
    <header className="topbar">
      <div className="topbar-start">
        <span className="icon-button" aria-hidden="true">
          <AppSwitcher />
        </span>
        <a className="brand" href={hrefFor('/')} onClick={(e) => (e.preventDefault(), navigate('/'))}>
          <JiraLogo />
          <span>Jira</span>
        </a>
        <span className="sandbox-badge" title={`Jira: ${env.info.jiraUrl} · Timecard: ${env.info.timecardUrl}`}>
          Local sandbox
        </span>
        <SandboxControls showFlag={env.showFlag} />
      </div>
      <div className="topbar-search" role="search">
        <SearchIcon />
        <span>Search</span>
      </div>
      <div className="topbar-end">
        {global ? (
          <a
            className="create-button"
            href={hrefFor(env.moduleRoute(global.key) ?? '/')}
            onClick={(e) => (e.preventDefault(), navigate(env.moduleRoute(global.key) ?? '/'))}
          >
            <PlusIcon />
            <span>{global.title}</span>
          </a>
        ) : null}
        <span className="icon-button" aria-hidden="true">
          <BellIcon />
        </span>
        <span className="icon-button" aria-hidden="true">
          <HelpIcon />
        </span>
        <PersonSwitcher people={env.info.people} person={env.person} />
      </div>
    </header>
  );
}

function NavLink({
  to,
  active,
  icon,
  children,
  testId,
}: {
  to: string;
  active: boolean;
  icon?: React.ReactNode;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <a
      className={`nav-link${active ? ' is-active' : ''}`}
      href={hrefFor(to)}
      aria-current={active ? 'page' : undefined}
      data-testid={testId}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {icon ? <span className="nav-icon">{icon}</span> : null}
      <span className="nav-text">{children}</span>
    </a>
  );
}

function Sidebar({ env, path, issues }: { env: FrameEnv; path: string; issues: SearchResult['issues'] }) {
  const { project } = env.info;
  const global = env.surface('jira:globalPage');
  const settings = env.surface('jira:projectSettingsPage');
  const admin = env.surface('jira:adminPage');
  return (
    <nav className="sidebar" aria-label="Project navigation">
      <div className="sidebar-inner">
        <div className="sidebar-project">
          <ProjectAvatar size={32} />
          <div>
            <div className="sidebar-project-name">{project.name}</div>
            <div className="sidebar-project-type">Software project</div>
          </div>
        </div>
        <div className="nav-section">
          <NavLink to="/" active={path === '/'} icon={<ListIcon />} testId="nav-issues">
            Issues
          </NavLink>
          <ul className="nav-issues" aria-label={`Issues of ${project.key}`}>
            {issues.map((issue) => (
              <li key={issue.key}>
                <NavLink to={`/browse/${issue.key}`} active={path === `/browse/${issue.key}`} testId={`nav-issue-${issue.key}`}>
                  <span className="nav-issue-key">{issue.key}</span> {issue.fields.summary}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
        <div className="nav-section">
          <div className="nav-heading">Apps</div>
          {global ? (
            <NavLink
              to={env.moduleRoute(global.key)!}
              active={path === env.moduleRoute(global.key)}
              icon={<img src="/resources/assets/timecard.svg" alt="" width={16} height={16} />}
              testId="nav-global-page"
            >
              {global.title}
            </NavLink>
          ) : null}
        </div>
        <div className="nav-section nav-bottom">
          {settings ? (
            <NavLink
              to={env.moduleRoute(settings.key)!}
              active={path === env.moduleRoute(settings.key)}
              icon={<GearIcon />}
              testId="nav-project-settings"
            >
              Project settings
            </NavLink>
          ) : null}
          {admin ? (
            <NavLink to={env.moduleRoute(admin.key)!} active={path === env.moduleRoute(admin.key)} icon={<ShieldIcon />} testId="nav-admin">
              Admin · {admin.title}
            </NavLink>
          ) : null}
        </div>
      </div>
    </nav>
  );
}

function Flags({ flags, dismiss }: { flags: Flag[]; dismiss: (id: number) => void }) {
  return (
    <div className="flags" aria-live="polite">
      {flags.map((flag) => (
        <div key={flag.id} className={`flag flag-${flag.appearance ?? 'info'}`} role="status">
          <div className="flag-title">{flag.title}</div>
          {flag.description ? <div className="flag-description">{flag.description}</div> : null}
          <button type="button" className="flag-close" aria-label="Dismiss" onClick={() => dismiss(flag.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

export function App({ info }: { info: FrameInfo }) {
  const location = useLocation();
  const requested = location.query.get('as') ?? localStorage.getItem(PERSON_KEY) ?? info.demo.accountId;
  const person = useMemo(
    () => withLanguage(info.people.find((p) => p.accountId === requested) ?? info.people[0], location.query),
    [info.people, requested, location.query],
  );
  const [flags, setFlags] = useState<Flag[]>([]);

  const routes = useMemo(() => {
    const map = new Map<string, string>();
    for (const s of info.surfaces) {
      if (s.type === 'jira:globalPage') map.set(s.key, `/jira/apps/${s.key}`);
      if (s.type === 'jira:projectSettingsPage') map.set(s.key, `/jira/software/projects/${info.project.key}/settings/apps/${s.key}`);
      if (s.type === 'jira:adminPage') map.set(s.key, `/jira/settings/apps/${s.key}`);
    }
    return map;
  }, [info]);

  const showFlag = useCallback((flag: Record<string, unknown>) => {
    const id = Date.now() + Math.random();
    setFlags((fs) => [
      ...fs,
      {
        id,
        title: String(flag.title ?? ''),
        description: flag.description ? String(flag.description) : undefined,
        appearance: String(flag.type ?? 'info'),
      },
    ]);
    setTimeout(() => setFlags((fs) => fs.filter((f) => f.id !== id)), 6000);
  }, []);

  const env = useMemo<FrameEnv>(
    () => ({
      info,
      person,
      surface: (type) => {
        const found = info.surfaces.find((s) => s.type === type);
        return found && localizedSurface(found, person);
      },
      moduleRoute: (key) => routes.get(key) ?? null,
      showFlag,
    }),
    [info, person, routes, showFlag],
  );

  const [search] = useJira<SearchResult>(
    person.accountId,
    `/rest/api/3/search/jql?jql=${encodeURIComponent(`project = ${info.project.key} ORDER BY key ASC`)}&fields=summary,status,issuetype&maxResults=50`,
  );
  const issues = search.state === 'ready' ? search.data.issues : [];

  // Keep the chosen person in the address (so reloads and shared links act as the same person).
  useEffect(() => {
    if (location.query.get('as') !== person.accountId) {
      const url = new URL(window.location.href);
      url.searchParams.set('as', person.accountId);
      window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
  }, [location, person.accountId]);

  const path = location.path.replace(/\/+$/, '') || '/';
  let page: React.ReactNode;
  let match: RegExpExecArray | null;
  if ((match = /^\/module\/([^/]+)$/.exec(path))) {
    const to = routes.get(decodeURIComponent(match[1]));
    page = <Redirect to={to ?? '/'} />;
  } else if ((match = /^\/browse\/([A-Z][A-Z0-9_]*-\d+)$/i.exec(path))) {
    page = <IssueView key={`${person.accountId} ${person.locale} ${person.timeZone} ${match[1]}`} env={env} issueKey={match[1].toUpperCase()} />;
  } else if ((match = /^\/jira\/apps\/([^/]+)$/.exec(path))) {
    page = <GlobalPage key={`${person.accountId} ${person.locale} ${person.timeZone}`} env={env} moduleKey={decodeURIComponent(match[1])} />;
  } else if ((match = /^\/jira\/software\/projects\/([^/]+)\/settings\/apps\/([^/]+)$/.exec(path))) {
    page = <ProjectSettingsPage key={`${person.accountId} ${person.locale} ${person.timeZone}`} env={env} moduleKey={decodeURIComponent(match[2])} />;
  } else if (/^\/projects\/[^/]+\/settings$/.test(path)) {
    const settings = env.surface('jira:projectSettingsPage');
    page = <Redirect to={settings ? routes.get(settings.key)! : '/'} />;
  } else if ((match = /^\/jira\/settings\/apps\/([^/]+)$/.exec(path))) {
    page = <AdminPage key={`${person.accountId} ${person.locale} ${person.timeZone}`} env={env} moduleKey={decodeURIComponent(match[1])} />;
  } else if (path === '/') {
    page = <ProjectIssues env={env} search={search} />;
  } else {
    page = (
      <div className="page">
        <h1 className="page-title">Page not found</h1>
        <p>
          There is no sandbox page at <code>{path}</code>.
        </p>
      </div>
    );
  }

  return (
    <div className="frame">
      <TopBar env={env} />
      <div className="frame-body">
        <Sidebar env={env} path={path} issues={issues} />
        <main className="content" data-testid="frame-content">
          {page}
        </main>
      </div>
      <Flags flags={flags} dismiss={(id) => setFlags((fs) => fs.filter((f) => f.id !== id))} />
    </div>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
