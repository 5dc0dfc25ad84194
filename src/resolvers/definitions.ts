// The resolver functions, one per contract key: parse the payload, build the session, call a service.
import type { Payload, ResolverKey, Result, ErrorResult } from '../shared/contract';
import { payloads } from '../shared/schemas';
import { connectTimecard, disconnectTimecard, getConnection } from '../services/connection';
import type { Session } from '../services/context';
import { checkTimecardServer, serverHealth } from '../services/health';
import { listHistory } from '../services/history';
import { searchIssues } from '../services/issues';
import { getIssuePanel } from '../services/panel';
import { listRecordViews, unsyncRecord } from '../services/recordActions';
import { getLinkWriteBack, linkRecordAndWriteBack, setLinkWriteBack, syncRecordsAndWriteBack } from '../services/linkWriteBack';
import { getProjectSettings, getSiteSettings, saveProjectSettings, saveSiteSettings } from '../services/settings';
import { cancelBulkJob, getBulkJob, startBulkSync } from '../services/bulkJobs';
import { projectAllowsAutoSync, saveProjectAutoSync } from '../services/autoSync';
import { cancelAutoRetries, getAutoSync, saveAutoSync } from '../services/autoSyncPage';
import { retryingOnFailure } from '../services/retries/outcomes';
import { previewSettingsImpact, updateLoggedWorklogs } from '../services/settingsImpact';
import type { Deps } from '../services/ports';
import { undoBulkJobRun, undoSyncRun } from '../services/syncRuns';
import { resolveConflict } from '../services/conflicts';
import { resolveDeletedInTimecard } from '../services/timecardDeletions';
import { toErrorResult } from './errors';
import { sessionFrom, type ForgeContext } from './session';
import { sayStoredSentences } from './storedSentences';

type UseCase<K extends ResolverKey> = (session: Session, payload: Payload<K>) => Promise<Result<K>>;

const useCases: { [K in ResolverKey]: UseCase<K> } = {
  getConnection: (s) => getConnection(s),
  connectTimecard: (s, p) => connectTimecard(s, p.username, p.password),
  disconnectTimecard: (s) => disconnectTimecard(s),
  getIssuePanel: (s, p) => getIssuePanel(s, p.days ?? 30),
  listRecords: (s, p) => listRecordViews(s, p.from, p.to),
  linkRecord: (s, p) => linkRecordAndWriteBack(s, p.recordId, p.issueKey),
  getLinkWriteBack: (s) => getLinkWriteBack(s),
  setLinkWriteBack: (s, p) => setLinkWriteBack(s, p.enabled),
  searchIssues: (s, p) => searchIssues(s, p.query),
  syncRecords: (s, p) => syncRecordsAndWriteBack(s, p),
  startBulkSync: (s, p) => (p.dryRun ? startBulkSync(s, p) : retryingOnFailure(s.deps, s.actor, p.recordIds, () => startBulkSync(s, p))),
  getBulkJob: (s, p) => getBulkJob(s, p.jobId, p.withResults ?? true),
  undoBulkJob: (s, p) => undoBulkJobRun(s, p.jobId),
  undoSyncRun: (s, p) => undoSyncRun(s, p),
  cancelBulkJob: (s, p) => cancelBulkJob(s, p.jobId),
  unsyncRecord: (s, p) => unsyncRecord(s, p.recordId),
  getSyncHistory: (s, p) => listHistory(s, p),
  getProjectSettings: async (s) => {
    const project = await getProjectSettings(s);
    return { ...project, autoSyncAllowed: await projectAllowsAutoSync(s.deps.store, project.projectKey) };
  },
  saveProjectSettings: (s, p) => saveProjectSettings(s, p.settings),
  previewSettingsImpact: (s, p) => previewSettingsImpact(s, p.settings),
  updateLoggedWorklogs: (s) => updateLoggedWorklogs(s),
  // Whether the server answers, and how fast, is for Jira admins only (docs/security.md).
  getSiteSettings: async (s) => {
    const site = await getSiteSettings(s);
    return site.canEdit ? { ...site, server: await serverHealth(s.deps) } : site;
  },
  saveSiteSettings: (s, p) => saveSiteSettings(s, p.settings),
  checkTimecardServer: async (s) => ({ server: await checkTimecardServer(s) }),
  getAutoSync: (s) => getAutoSync(s),
  saveAutoSync: (s, p) => saveAutoSync(s, p),
  cancelAutoRetries: (s, p) => cancelAutoRetries(s, p),
  saveProjectAutoSync: (s, p) => saveProjectAutoSync(s, p),
  resolveConflict: (s, p) => resolveConflict(s, p.recordId, p.keep),
  resolveDeletedInTimecard: (s, p) => resolveDeletedInTimecard(s, p.recordId, p.choice),
};

export interface ResolverRequest {
  payload?: unknown;
  context?: ForgeContext;
}

export type ResolverFunction = (request: ResolverRequest) => Promise<unknown>;

export function createResolverFunctions(makeDeps: () => Deps): Record<ResolverKey, ResolverFunction> {
  const entries = (Object.keys(useCases) as ResolverKey[]).map((key) => [key, resolverFor(key, makeDeps)] as const);
  return Object.fromEntries(entries) as Record<ResolverKey, ResolverFunction>;
}

function resolverFor<K extends ResolverKey>(key: K, makeDeps: () => Deps): ResolverFunction {
  return async ({ payload, context }): Promise<Result<K> | ErrorResult> => {
    const input = payload ?? {};
    try {
      const parsed = payloads[key].parse(input) as Payload<K>;
      const session = await sessionFrom(makeDeps(), context);
      return sayStoredSentences(await useCases[key](session, parsed), session.actor.locale);
    } catch (error) {
      return toErrorResult(error, key, input, typeof context?.locale === 'string' ? context.locale : null);
    }
  };
}
