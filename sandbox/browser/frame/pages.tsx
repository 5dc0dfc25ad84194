// Full-page surfaces: the global page (Custom UI), project settings and the admin page (UI Kit).
import { useMemo } from 'react';
import type { FrameEnv } from './App';
import { forgeContext, type SurfaceInfo } from './api';
import { SurfaceFrame } from './SurfaceFrame';

function useViewportMin(offset: number): number {
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
  return env.info.surfaces.find((s) => s.type === type && s.key === moduleKey);
}

function NoSuchModule({ moduleKey }: { moduleKey: string }) {
  return (
    <div className="page">
      <h1 className="page-title">App page not found</h1>
      <p>manifest.yml has no module "{moduleKey}" for this place.</p>
    </div>
  );
}

export function GlobalPage({ env, moduleKey }: { env: FrameEnv; moduleKey: string }) {
  const surface = findSurface(env, 'jira:globalPage', moduleKey);
  const context = useMemo(() => (surface ? forgeContext(surface, env.person) : null), [surface, env.person]);
  const min = useViewportMin(56 + 24);
  if (!surface || !context) return <NoSuchModule moduleKey={moduleKey} />;
  const reason = env.info.unavailable[surface.key];
  return (
    <div className="page page-app" data-testid="global-page">
      {reason ? <Unavailable surface={surface} reason={reason} /> : <SurfaceFrame surface={surface} context={context} minHeight={min} onFlag={env.showFlag} moduleRoute={env.moduleRoute} />}
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
  const min = useViewportMin(56 + 140);
  if (!surface || !context) return <NoSuchModule moduleKey={moduleKey} />;
  const reason = env.info.unavailable[surface.key];
  return (
    <div className="page settings-layout" data-testid="project-settings-page">
      <nav className="settings-nav" aria-label="Project settings">
        <div className="settings-nav-title">Project settings</div>
        {['Details', 'Access', 'Notifications', 'Automation', 'Features'].map((item) => (
          <span key={item} className="settings-nav-item is-static">
            {item}
          </span>
        ))}
        <div className="settings-nav-group">Apps</div>
        <span className="settings-nav-item is-active">{surface.title}</span>
      </nav>
      <div className="settings-content">
        <div className="breadcrumbs">
          <span>Projects</span>
          <span className="breadcrumbs-sep">/</span>
          <span>{project.name}</span>
          <span className="breadcrumbs-sep">/</span>
          <span>Project settings</span>
        </div>
        {reason ? <Unavailable surface={surface} reason={reason} /> : <SurfaceFrame surface={surface} context={context} minHeight={min} onFlag={env.showFlag} moduleRoute={env.moduleRoute} />}
      </div>
    </div>
  );
}

export function AdminPage({ env, moduleKey }: { env: FrameEnv; moduleKey: string }) {
  const surface = findSurface(env, 'jira:adminPage', moduleKey);
  const context = useMemo(() => (surface ? forgeContext(surface, env.person) : null), [surface, env.person]);
  const min = useViewportMin(56 + 140);
  if (!surface || !context) return <NoSuchModule moduleKey={moduleKey} />;
  const reason = env.info.unavailable[surface.key];
  return (
    <div className="page settings-layout" data-testid="admin-page">
      <nav className="settings-nav" aria-label="Jira settings">
        <div className="settings-nav-title">Apps</div>
        {['Find new apps', 'Manage apps', 'App requests'].map((item) => (
          <span key={item} className="settings-nav-item is-static">
            {item}
          </span>
        ))}
        <div className="settings-nav-group">Apps</div>
        <span className="settings-nav-item is-active">{surface.title}</span>
      </nav>
      <div className="settings-content">
        <div className="breadcrumbs">
          <span>Jira settings</span>
          <span className="breadcrumbs-sep">/</span>
          <span>Apps</span>
        </div>
        {reason ? <Unavailable surface={surface} reason={reason} /> : <SurfaceFrame surface={surface} context={context} minHeight={min} onFlag={env.showFlag} moduleRoute={env.moduleRoute} />}
      </div>
    </div>
  );
}
