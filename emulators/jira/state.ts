/** In-memory Jira site: users, projects, issues, worklogs, permissions, clock. */
import type { JiraSeed, SeedProject, SeedUser, StatusName, StoredWorklog } from './types';
import { isValidTimeZone, parseJiraDateTime } from './time';

export const APP_ACCOUNT_ID = 'app';
export const MAX_WORKLOGS_PER_ISSUE = 5000;

export interface Caller {
  accountId: string;
  isApp: boolean;
  timeZone: string;
  user?: SeedUser;
}

export interface IssueRec {
  id: string;
  key: string;
  summary: string;
  status: StatusName;
  projectKey: string;
  issueType: string;
  created: number;
  updated: number;
  originalEstimateSeconds?: number;
  remainingEstimateSeconds?: number;
  /** An issue security level: only these accounts see the issue (the app only when `app` is among them). */
  securityAccounts?: string[];
}

export interface WorklogRec {
  id: string;
  issueId: string;
  authorAccountId: string;
  updateAuthorAccountId: string;
  started: number;
  timeSpentSeconds: number;
  comment?: unknown;
  visibility?: { type: string; value?: string; identifier?: string };
  properties: Map<string, unknown>;
  created: number;
  updated: number;
}

export class JiraState {
  users = new Map<string, SeedUser>();
  projects = new Map<string, SeedProject>(); // by key
  issues = new Map<string, IssueRec>(); // by id
  keyIndex = new Map<string, string>(); // key (current and old) -> issue id
  worklogs = new Map<string, WorklogRec>(); // by id
  worklogsByIssue = new Map<string, string[]>(); // issue id -> worklog ids in created order
  deleted: { worklogId: string; at: number }[] = [];
  history = new Map<string, string[]>(); // accountId -> issue ids, most recent first
  timeTrackingEnabled = true;
  defaultTimeZone = 'UTC';
  clockOffsetMs = 0;
  /** Told of every worklog written or removed (server.ts raises the product events); seeding tells nothing. */
  onWorklogChange?: (change: 'created' | 'updated' | 'deleted', w: WorklogRec, byAccountId: string) => void;
  private nextIssueId = 10000;
  private nextWorklogId = 100000;
  private lastStamp = 0;

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Non-decreasing timestamps (the clock may be moved by tests). */
  stamp(): number {
    const t = Math.max(this.now(), this.lastStamp);
    this.lastStamp = t;
    return t;
  }

  seed(data: JiraSeed): void {
    for (const tz of [data.defaultTimeZone, ...(data.users ?? []).map((u) => u.timeZone)]) {
      if (tz !== undefined && !isValidTimeZone(tz)) throw new Error(`seed: unknown time zone ${tz}`);
    }
    if (data.defaultTimeZone) this.defaultTimeZone = data.defaultTimeZone;
    if (data.timeTrackingEnabled !== undefined) this.timeTrackingEnabled = data.timeTrackingEnabled;
    for (const u of data.users ?? []) this.users.set(u.accountId, { ...u });
    for (const p of data.projects ?? []) {
      const existing = this.projects.get(p.key);
      const permissions = { ...(existing?.permissions ?? {}), ...p.permissions };
      this.projects.set(p.key, { ...p, permissions });
    }
    for (const i of data.issues ?? []) {
      if (!this.projects.has(i.projectKey)) throw new Error(`seed: unknown project ${i.projectKey} for ${i.key}`);
      const existingId = this.keyIndex.get(i.key);
      const id = i.id ?? existingId ?? String(this.nextIssueId++);
      if (Number(id) >= this.nextIssueId) this.nextIssueId = Number(id) + 1;
      const now = this.stamp();
      const prev = this.issues.get(id);
      this.issues.set(id, {
        id,
        key: i.key,
        summary: i.summary,
        status: i.status,
        projectKey: i.projectKey,
        issueType: i.issueType ?? 'Task',
        created: prev?.created ?? now,
        updated: now,
        originalEstimateSeconds: i.originalEstimateSeconds,
        remainingEstimateSeconds: i.remainingEstimateSeconds,
      });
      this.keyIndex.set(i.key, id);
    }
    for (const w of data.worklogs ?? []) {
      const issue = this.issueByKeyOrId(w.issueKey);
      if (!issue) throw new Error(`seed: unknown issue ${w.issueKey}`);
      const started = parseJiraDateTime(w.started) ?? Date.parse(w.started);
      if (Number.isNaN(started)) throw new Error(`seed: bad started ${w.started}`);
      this.addWorklog(issue, {
        authorAccountId: w.authorAccountId,
        started,
        timeSpentSeconds: w.timeSpentSeconds,
        comment: w.comment,
        properties: new Map(Object.entries(w.properties ?? {})),
      });
    }
    for (const [accountId, keys] of Object.entries(data.recentIssues ?? {})) {
      for (const k of [...keys].reverse()) {
        const issue = this.issueByKeyOrId(k);
        if (issue) this.touchHistory(accountId, issue.id);
      }
    }
  }

  issueByKeyOrId(keyOrId: string): IssueRec | undefined {
    if (/^\d+$/.test(keyOrId)) return this.issues.get(keyOrId);
    const id = this.keyIndex.get(keyOrId.toUpperCase());
    return id ? this.issues.get(id) : undefined;
  }

  moveIssue(oldKey: string, newKey: string): void {
    const issue = this.issueByKeyOrId(oldKey);
    if (!issue) throw new Error(`moveIssue: unknown issue ${oldKey}`);
    const projectKey = newKey.replace(/-\d+$/, '');
    if (!this.projects.has(projectKey)) throw new Error(`moveIssue: unknown project ${projectKey}`);
    if (this.keyIndex.has(newKey) && this.keyIndex.get(newKey) !== issue.id) throw new Error(`moveIssue: ${newKey} exists`);
    issue.key = newKey;
    issue.projectKey = projectKey;
    issue.updated = this.stamp();
    this.keyIndex.set(newKey, issue.id);
  }

  // ---- permissions ----

  /** Project permission check; the app identity holds every permission. */
  hasPermission(caller: Caller, projectKey: string, perm: string): boolean {
    if (caller.isApp) return true;
    const p = this.projects.get(projectKey);
    if (!p) return false;
    return [...(p.permissions[caller.accountId] ?? []), ...(p.permissions['*'] ?? [])].includes(perm);
  }

  canSee(caller: Caller, issue: IssueRec): boolean {
    if (issue.securityAccounts && !issue.securityAccounts.includes(caller.accountId)) return false;
    return this.hasPermission(caller, issue.projectKey, 'BROWSE_PROJECTS');
  }

  isJiraAdmin(caller: Caller): boolean {
    return caller.isApp || caller.user?.siteAdmin === true;
  }

  // ---- worklogs ----

  worklogsOf(issueId: string): WorklogRec[] {
    return (this.worklogsByIssue.get(issueId) ?? []).map((id) => this.worklogs.get(id)!);
  }

  addWorklog(
    issue: IssueRec,
    w: Pick<WorklogRec, 'authorAccountId' | 'started' | 'timeSpentSeconds' | 'comment' | 'properties' | 'visibility'>,
  ): WorklogRec {
    const t = this.stamp();
    const rec: WorklogRec = {
      ...w,
      id: String(this.nextWorklogId++),
      issueId: issue.id,
      updateAuthorAccountId: w.authorAccountId,
      created: t,
      updated: t,
    };
    this.worklogs.set(rec.id, rec);
    const list = this.worklogsByIssue.get(issue.id) ?? [];
    list.push(rec.id);
    this.worklogsByIssue.set(issue.id, list);
    issue.updated = t;
    return rec;
  }

  /** A worklog was changed in place by `byAccountId` (REST update or an edit in Jira's own UI). */
  touchWorklog(rec: WorklogRec, byAccountId: string): void {
    rec.updateAuthorAccountId = byAccountId;
    rec.updated = this.stamp();
    const issue = this.issues.get(rec.issueId);
    if (issue) issue.updated = rec.updated;
    this.onWorklogChange?.('updated', rec, byAccountId);
  }

  removeWorklog(rec: WorklogRec, byAccountId = rec.authorAccountId): void {
    this.worklogs.delete(rec.id);
    const list = this.worklogsByIssue.get(rec.issueId) ?? [];
    this.worklogsByIssue.set(
      rec.issueId,
      list.filter((id) => id !== rec.id),
    );
    this.deleted.push({ worklogId: rec.id, at: this.stamp() });
    const issue = this.issues.get(rec.issueId);
    if (issue) issue.updated = this.now();
    this.onWorklogChange?.('deleted', rec, byAccountId);
  }

  /**
   * Deletes an issue with its worklogs. Jira raises no worklog events for them (no cascading
   * events), and the emulator does not list them in `worklog/deleted` either (Jira's docs do not
   * say that it does): only reading the worklogs by id shows they are gone.
   */
  deleteIssue(keyOrId: string): void {
    const issue = this.issueByKeyOrId(keyOrId);
    if (!issue) throw new Error(`deleteIssue: unknown issue ${keyOrId}`);
    for (const id of this.worklogsByIssue.get(issue.id) ?? []) this.worklogs.delete(id);
    this.worklogsByIssue.delete(issue.id);
    this.issues.delete(issue.id);
    for (const [key, id] of this.keyIndex) if (id === issue.id) this.keyIndex.delete(key);
  }

  totalSpent(issueId: string): number {
    return this.worklogsOf(issueId).reduce((s, w) => s + w.timeSpentSeconds, 0);
  }

  touchHistory(accountId: string, issueId: string): void {
    const list = (this.history.get(accountId) ?? []).filter((id) => id !== issueId);
    list.unshift(issueId);
    this.history.set(accountId, list.slice(0, 50));
  }

  toStored(w: WorklogRec): StoredWorklog {
    const issue = this.issues.get(w.issueId);
    return {
      id: w.id,
      issueId: w.issueId,
      issueKey: issue?.key ?? '',
      authorAccountId: w.authorAccountId,
      updateAuthorAccountId: w.updateAuthorAccountId,
      started: new Date(w.started).toISOString(),
      timeSpentSeconds: w.timeSpentSeconds,
      comment: w.comment === undefined ? undefined : structuredClone(w.comment),
      visibility: w.visibility ? { ...w.visibility } : undefined,
      properties: structuredClone(Object.fromEntries(w.properties)),
      created: new Date(w.created).toISOString(),
      updated: new Date(w.updated).toISOString(),
    };
  }

  snapshot(): unknown {
    return {
      timeTrackingEnabled: this.timeTrackingEnabled,
      now: new Date(this.now()).toISOString(),
      users: [...this.users.values()],
      projects: [...this.projects.values()],
      issues: [...this.issues.values()].map((i) => ({
        ...i,
        created: new Date(i.created).toISOString(),
        updated: new Date(i.updated).toISOString(),
      })),
      worklogs: [...this.worklogs.values()].map((w) => this.toStored(w)),
      deletedWorklogs: this.deleted.map((d) => ({ worklogId: d.worklogId, deletedAt: new Date(d.at).toISOString() })),
    };
  }
}
