// Project and site settings. Permissions are checked with Jira, as the person, on every read
// (to tell the page whether to offer editing) and again on every save.
import { localizedError } from '../domain/errors';
import type { LocalizedText } from '../domain/localizedText';
import { say } from '../domain/sayInLanguage';
import { settingsProblems } from '../domain/settings';
import { DEFAULT_PROJECT_SETTINGS, type ProjectSettings, type Result, type SiteSettings } from '../shared/contract';
import type { Session } from './context';
import { keys } from './keys';
import type { Store } from './ports';

const PROJECT_ADMIN = 'ADMINISTER_PROJECTS';
const JIRA_ADMIN = 'ADMINISTER';

export async function loadSiteSettings(store: Store): Promise<SiteSettings> {
  const stored = await store.get<SiteSettings>(keys.siteSettings());
  return stored ?? { defaults: DEFAULT_PROJECT_SETTINGS };
}

export async function loadProjectSettings(store: Store, projectKey: string): Promise<ProjectSettings> {
  const stored = await store.get<ProjectSettings>(keys.projectSettings(projectKey));
  return stored ?? (await loadSiteSettings(store)).defaults;
}

/** Settings for several projects at once (by project key), each falling back to the site defaults. */
export async function loadSettingsFor(store: Store, projectKeys: string[]): Promise<Map<string, ProjectSettings>> {
  const unique = [...new Set(projectKeys)];
  const stored = await store.getMany<ProjectSettings>(unique.map(keys.projectSettings));
  const needsDefaults = unique.some((p) => !stored.has(keys.projectSettings(p)));
  const defaults = needsDefaults ? (await loadSiteSettings(store)).defaults : DEFAULT_PROJECT_SETTINGS;
  return new Map(unique.map((p) => [p, stored.get(keys.projectSettings(p)) ?? defaults]));
}

export function projectKeyOf(issueKey: string): string {
  return issueKey.slice(0, issueKey.lastIndexOf('-'));
}

/** Why someone who is not a project admin only views the settings (and why a save is refused). */
export const projectAdminsOnly = (projectKey: string): LocalizedText => ({ key: 'errors.settings.projectAdminsOnly', params: { projectKey } });

export function requireProject(session: Session): string {
  const projectKey = session.actor.projectKey;
  if (!projectKey) throw localizedError('invalid-payload', { key: 'errors.settings.noProject' });
  return projectKey;
}

export async function canAdministerProject(session: Session, projectKey: string): Promise<boolean> {
  const permissions = await session.jira.myPermissions([PROJECT_ADMIN], { projectKey });
  return permissions[PROJECT_ADMIN] === true;
}

export async function isJiraAdmin(session: Session): Promise<boolean> {
  const permissions = await session.jira.myPermissions([JIRA_ADMIN], { global: true });
  return permissions[JIRA_ADMIN] === true;
}

export async function getProjectSettings(session: Session): Promise<Result<'getProjectSettings'>> {
  const projectKey = requireProject(session);
  const [settings, canEdit] = await Promise.all([loadProjectSettings(session.deps.store, projectKey), canAdministerProject(session, projectKey)]);
  return {
    settings,
    canEdit,
    projectKey,
    ...(canEdit ? {} : { reason: say(projectAdminsOnly(projectKey), session.actor.locale) }),
  };
}

function rejectInvalid(settings: ProjectSettings, locale: string | undefined, fieldPrefix = ''): void {
  const errors = settingsProblems(settings);
  const fields = Object.fromEntries(Object.entries(errors).map(([k, v]) => [fieldPrefix + k, say(v, locale)]));
  if (Object.keys(fields).length > 0) {
    throw localizedError('invalid-settings', { key: 'errors.settings.needFixing' }, { fields });
  }
}

export async function saveProjectSettings(session: Session, settings: ProjectSettings): Promise<Result<'saveProjectSettings'>> {
  const projectKey = requireProject(session);
  if (!(await canAdministerProject(session, projectKey))) {
    throw localizedError('no-permission', projectAdminsOnly(projectKey));
  }
  const normalized = { ...settings, domains: normalizeDomains(settings.domains) };
  rejectInvalid(normalized, session.actor.locale);
  await session.deps.store.set(keys.projectSettings(projectKey), normalized);
  return { settings: normalized };
}

function normalizeDomains(domains: string[]): string[] {
  return domains.map((d) => d.trim()).filter((d) => d.length > 0);
}

export async function getSiteSettings(session: Session): Promise<Omit<Result<'getSiteSettings'>, 'server'>> {
  const [settings, canEdit] = await Promise.all([loadSiteSettings(session.deps.store), isJiraAdmin(session)]);
  return { settings, canEdit };
}

export async function saveSiteSettings(session: Session, settings: SiteSettings): Promise<Result<'saveSiteSettings'>> {
  if (!(await isJiraAdmin(session))) {
    throw localizedError('no-permission', { key: 'errors.settings.siteAdminsOnly' });
  }
  const normalized = { defaults: { ...settings.defaults, domains: normalizeDomains(settings.defaults.domains) } };
  rejectInvalid(normalized.defaults, session.actor.locale, 'defaults.');
  await session.deps.store.set(keys.siteSettings(), normalized);
  return { settings: normalized };
}
