/** myself, mypermissions, configuration, project, serverInfo */
import { jiraError, json, route, type Ctx, type Reply, type Route } from '../router';
import { APP_DISPLAY_NAME } from '../render';
import { formatJiraDateTime, TIME_TRACKING } from '../time';
import { ISSUE_NOT_FOUND, listParam } from './common';

type PermDef = { id: string; name: string; type: 'GLOBAL' | 'PROJECT'; description: string };

export const PERMISSIONS: Record<string, PermDef> = {
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
  },
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.' },
  WORK_ON_ISSUES: {
    id: '20',
    name: 'Work On Issues',
    type: 'PROJECT',
    description: 'Ability to log work done against an issue. Only useful if Time Tracking is turned on.',
  },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', type: 'PROJECT', description: 'Ability to administer a project in Jira.' },
  EDIT_OWN_WORKLOGS: { id: '40', name: 'Edit Own Worklogs', type: 'PROJECT', description: 'Ability to edit own worklogs made on issues.' },
  EDIT_ALL_WORKLOGS: { id: '41', name: 'Edit All Worklogs', type: 'PROJECT', description: 'Ability to edit all worklogs made on issues.' },
  DELETE_OWN_WORKLOGS: { id: '42', name: 'Delete Own Worklogs', type: 'PROJECT', description: 'Ability to delete own worklogs made on issues.' },
  DELETE_ALL_WORKLOGS: { id: '43', name: 'Delete All Worklogs', type: 'PROJECT', description: 'Ability to delete all worklogs made on issues.' },
};

function myself(ctx: Ctx): Reply {
  const c = ctx.caller;
  const self = `${ctx.baseUrl}/rest/api/3/user?accountId=${encodeURIComponent(c.accountId)}`;
  if (c.isApp) {
    return json(200, {
      self,
      accountId: c.accountId,
      accountType: 'app',
      displayName: APP_DISPLAY_NAME,
      active: true,
      timeZone: c.timeZone,
      locale: 'en_US',
    });
  }
  const u = c.user!;
  const out: Record<string, unknown> = {
    self,
    accountId: u.accountId,
    accountType: 'atlassian',
    displayName: u.displayName,
    active: u.active ?? true,
    timeZone: u.timeZone,
    locale: u.locale,
  };
  if (u.emailAddress) out.emailAddress = u.emailAddress;
  return json(200, out);
}

function myPermissions(ctx: Ctx): Reply {
  const { state, caller } = ctx;
  const keys = listParam(ctx, 'permissions');
  if (keys.length === 0) return jiraError(400, ['The permissions parameter is required. Specify a comma-separated list of permission keys.']);
  const unknown = keys.filter((k) => !PERMISSIONS[k]);
  if (unknown.length)
    return jiraError(
      400,
      unknown.map((k) => `Permission with key '${k}' does not exist.`),
    );

  let projectKeys: string[] | null = null; // null = "any project"
  const issueRef = ctx.query.get('issueKey') ?? ctx.query.get('issueId');
  const projectRef = ctx.query.get('projectKey') ?? ctx.query.get('projectId');
  if (issueRef) {
    const issue = state.issueByKeyOrId(issueRef);
    if (!issue || !state.canSee(caller, issue)) return jiraError(404, [ISSUE_NOT_FOUND]);
    projectKeys = [issue.projectKey];
  } else if (projectRef) {
    const p = [...state.projects.values()].find((x) => x.key === projectRef.toUpperCase() || x.id === projectRef);
    if (!p || !state.hasPermission(caller, p.key, 'BROWSE_PROJECTS')) return jiraError(404, [`No project could be found with key '${projectRef}'.`]);
    projectKeys = [p.key];
  }
  const candidates = projectKeys ?? [...state.projects.keys()];
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const def = PERMISSIONS[key];
    const have = def.type === 'GLOBAL' ? state.isJiraAdmin(caller) : caller.isApp || candidates.some((pk) => state.hasPermission(caller, pk, key));
    permissions[key] = { id: def.id, key, name: def.name, type: def.type, description: def.description, havePermission: have };
  }
  return json(200, { permissions });
}

function configuration(ctx: Ctx): Reply {
  const enabled = ctx.state.timeTrackingEnabled;
  return json(200, {
    votingEnabled: true,
    watchingEnabled: true,
    unassignedIssuesAllowed: true,
    subTasksEnabled: true,
    issueLinkingEnabled: true,
    timeTrackingEnabled: enabled,
    attachmentsEnabled: true,
    ...(enabled ? { timeTrackingConfiguration: { ...TIME_TRACKING } } : {}),
  });
}

function project(ctx: Ctx): Reply {
  const ref = ctx.params.projectIdOrKey;
  const p = [...ctx.state.projects.values()].find((x) => x.key === ref.toUpperCase() || x.id === ref);
  if (!p || !ctx.state.hasPermission(ctx.caller, p.key, 'BROWSE_PROJECTS')) return jiraError(404, [`No project could be found with key '${ref}'.`]);
  return json(200, {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${ctx.baseUrl}/rest/api/3/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    avatarUrls: { '48x48': `${ctx.baseUrl}/rest/api/3/universal_avatar/view/type/project/avatar/10400` },
    projectTypeKey: 'software',
    simplified: false,
    style: 'classic',
    isPrivate: false,
    properties: {},
  });
}

function serverInfo(ctx: Ctx): Reply {
  return json(200, {
    baseUrl: ctx.baseUrl,
    displayUrl: ctx.baseUrl,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100295,
    buildDate: '2025-11-01T00:00:00.000+0000',
    serverTime: formatJiraDateTime(ctx.state.now(), ctx.caller.timeZone),
    scmInfo: 'emulator',
    serverTitle: 'Jira (emulator)',
  });
}

export const miscRoutes: Route[] = [
  route('GET', '/rest/api/3/myself', myself),
  route('GET', '/rest/api/3/mypermissions', myPermissions),
  route('GET', '/rest/api/3/configuration', configuration),
  route('GET', '/rest/api/3/project/{projectIdOrKey}', project),
  route('GET', '/rest/api/3/serverInfo', serverInfo),
];
