// Full-page surfaces: the global page (Custom UI), project settings and the admin page (UI Kit).
import { Fragment, useMemo, type ReactNode } from 'react';
import type { FrameEnv } from './App';
import { forgeContext, type SurfaceInfo } from './api';
import type { ForgeContext } from '../protocol';
import { SurfaceFrame } from './SurfaceFrame';
import { localizedSurface } from './locale';

function viewportMin(offset: number): number {
  return Math.max(480, window.innerHeight - offset);
}

function Unavailable({ surface, reason }: { surface: SurfaceInfo; reason: string }) {
  return (
    <div className="unavailable" role="alert">
      <strong>{surface.title} is not available in the sandbox.</strong>
      <pre>{reason}</pre>
    </div>
  );
}

function findSurface(env: FrameEnv, type: SurfaceInfo['type'], moduleKey: string): SurfaceInfo | undefined {
  const found = env.info.surfaces.find((s) => s.type === type && s.key === moduleKey);
  return found && localizedSurface(found, env.person);
}

function NoSuchModule({ moduleKey }: { moduleKey: string }) {
  return (
    <div className="page">
      <h1 className="page-title">App page not found</h1>
      <p>manifest.yml has no module "{moduleKey}" for this place.</p>
    </div>
  );
}

/** The surface in its iframe, or why the sandbox cannot show it. */
function HostedSurface({ env, surface, context, offset }: { env: FrameEnv; surface: SurfaceInfo; context: ForgeContext; offset: number }) {
  const reason = env.info.unavailable[surface.key];
  if (reason) return <Unavailable surface={surface} reason={reason} />;
  return <SurfaceFrame surface={surface} context={context} minHeight={viewportMin(offset)} onFlag={env.showFlag} moduleRoute={env.moduleRoute} />;
}

/** Jira's settings layout: a side navigation with the app's entry, breadcrumbs, then the surface. */
function SettingsLayout(props: {
  testId: string;
  navLabel: string;
  navTitle: string;
  navItems: string[];
  activeTitle: string;
  crumbs: string[];
  children: ReactNode;
}) {
  return (
    <div className="page settings-layout" data-testid={props.testId}>
      <nav className="settings-nav" aria-label={props.navLabel}>
        <div className="settings-nav-title">{props.navTitle}</div>
        {props.navItems.map((item) => (
          <span key={item} className="settings-nav-item is-static">
            {item}
          </span>
        ))}
        <div className="settings-nav-group">Apps</div>
        <span className="settings-nav-item is-active">{props.activeTitle}</span>
      </nav>
      <div className="settings-content">
        <div className="breadcrumbs">
          {props.crumbs.map((crumb, i) => (
            <Fragment key={crumb}>
              {i > 0 ? <span className="breadcrumbs-sep">/</span> : null}
              <span>{crumb}</span>
            </Fragment>
          ))}
        </div>
        {props.children}
      </div>
    </div>
  );
}

export function GlobalPage({ env, moduleKey }: { env: FrameEnv; moduleKey: string }) {
  const surface = findSurface(env, 'jira:globalPage', moduleKey);
  const context = useMemo(() => (surface ? forgeContext(surface, env.person) : null), [surface, env.person]);
  if (!surface || !context) return <NoSuchModule moduleKey={moduleKey} />;
  return (
    <div className="page page-app" data-testid="global-page">
      <HostedSurface env={env} surface={surface} context={context} offset={56 + 24} />
    </div>
  );
}

export function ProjectSettingsPage({ env, moduleKey }: { env: FrameEnv; moduleKey: string }) {
  const surface = findSurface(env, 'jira:projectSettingsPage', moduleKey);
  const { project } = env.info;
  const context = useMemo(
    () => (surface ? forgeContext(surface, env.person, { project: { id: project.id, key: project.key, type: 'software' } }) : null),
    [surface, env.person, project],
  );
  if (!surface || !context) return <NoSuchModule moduleKey={moduleKey} />;
  return (
    <SettingsLayout
      testId="project-settings-page"
      navLabel="Project settings"
      navTitle="Project settings"
      navItems={['Details', 'Access', 'Notifications', 'Automation', 'Features']}
      activeTitle={surface.title}
      crumbs={['Projects', project.name, 'Project settings']}
    >
      <HostedSurface env={env} surface={surface} context={context} offset={56 + 140} />
    </SettingsLayout>
  );
}

export function AdminPage({ env, moduleKey }: { env: FrameEnv; moduleKey: string }) {
  const surface = findSurface(env, 'jira:adminPage', moduleKey);
  const context = useMemo(() => (surface ? forgeContext(surface, env.person) : null), [surface, env.person]);
  if (!surface || !context) return <NoSuchModule moduleKey={moduleKey} />;
  return (
    <SettingsLayout
      testId="admin-page"
      navLabel="Jira settings"
      navTitle="Apps"
      navItems={['Find new apps', 'Manage apps', 'App requests']}
      activeTitle={surface.title}
      crumbs={['Jira settings', 'Apps']}
    >
      <HostedSurface env={env} surface={surface} context={context} offset={56 + 140} />
    </SettingsLayout>
  );
}
