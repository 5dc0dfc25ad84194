// An in-memory stand-in for the resolvers, for the global page's component tests. It follows the
// contract: every payload is parsed with the contract's zod schema (a bad payload from the page is
// a test failure, see `violations`) and every answer is checked against the result schemas, so this
// fake cannot drift from src/shared/contract.ts.
import type { z } from 'zod';
import {
  type BulkJob,
  type ErrorCode,
  type HistoryItem,
  type HistoryOutcome,
  type IssueSummary,
  type RecordView,
  type ResolverKey,
  type Result,
  type SyncResult,
} from '../../../src/shared/contract';
import { ErrorResultSchema, HistoryItemSchema, payloads, RecordViewSchema, results } from '../../../src/shared/schemas';

/** The contract's result schemas, strict: this fake answers no field the real resolvers do not declare. */
const RESULT_SCHEMAS = new Map<string, z.ZodType>(Object.entries(results).map(([key, schema]) => [key, schema.strict()]));

class FakeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface Call {
  functionKey: string;
  payload: Record<string, unknown>;
}

export const ISSUES: IssueSummary[] = [
  { key: 'DEMO-1', summary: 'Build the timecard importer', status: 'In Progress', statusCategory: 'indeterminate' },
  { key: 'DEMO-2', summary: 'Weekly planning', status: 'To Do', statusCategory: 'new' },
  { key: 'DEMO-3', summary: 'Fix login redirect', status: 'Done', statusCategory: 'done', recent: true },
  { key: 'DEMO-4', summary: 'Ghost issue', status: 'To Do', statusCategory: 'new' },
  { key: 'DEMO-5', summary: 'Demo preparation', status: 'In Progress', statusCategory: 'indeterminate', recent: true },
];

/** A record at `HH:MM` Berlin time (UTC+1 in November) on a November 2026 day. */
export function rec(id: number, day: number, from: string, to: string | null, extra: Partial<RecordView> = {}): RecordView {
  const at = (hm: string) => {
    const [h, m] = hm.split(':').map(Number) as [number, number];
    return new Date(Date.UTC(2026, 10, day, h - 1, m)).toISOString();
  };
  const start = at(from);
  const end = to ? at(to) : null;
  const durationSeconds = Math.round(((end ? Date.parse(end) : Date.parse(start) + 1800_000) - Date.parse(start)) / 1000);
  const issueKey = extra.issueKey === undefined ? 'DEMO-1' : extra.issueKey;
  const issue = ISSUES.find((i) => i.key === issueKey);
  return {
    id,
    start,
    end,
    durationSeconds,
    loggedSeconds: 0,
    roundedSeconds: durationSeconds >= 60 ? durationSeconds : null,
    notes: `Record ${id}`,
    issueKey,
    linkSource: issueKey ? 'timecard' : null,
    status: 'not-synced',
    ...(issue ? { issueSummary: issue.summary, issueStatus: issue.status, issueStatusCategory: issue.statusCategory } : {}),
    ...extra,
  };
}

/** The week of Monday 23 to Sunday 29 November 2026 (today is Wednesday 25th). */
export function weekRecords(): RecordView[] {
  return [
    rec(1, 23, '09:00', '10:30', { notes: 'Importer: parse CSV' }),
    rec(2, 23, '11:00', '12:00', { issueKey: 'DEMO-2', notes: 'Planning', status: 'synced', worklogId: '5002', loggedSeconds: 3600 }),
    rec(3, 23, '13:00', '13:00', { notes: 'Quick call', status: 'too-short', roundedSeconds: null }),
    rec(4, 24, '09:00', '11:00', { issueKey: 'DEMO-3', notes: 'Login redirect', status: 'changed', worklogId: '5004', loggedSeconds: 3600 }),
    rec(5, 24, '11:00', '12:00', { issueKey: null, notes: 'Mentioned DEMO-2 in notes', suggestions: ['DEMO-2'] }),
    rec(8, 24, '14:00', '15:00', { issueKey: 'DEMO-4', notes: 'Ghost work' }),
    rec(7, 25, '07:00', '08:00', { issueKey: 'DEMO-2', notes: 'Retro', status: 'failed', message: 'Jira answered 503' }),
    rec(6, 25, '08:30', null, { notes: 'Still going', status: 'running', roundedSeconds: null }),
  ];
}

export interface FakeOptions {
  connected?: boolean;
  records?: RecordView[];
  history?: HistoryItem[];
  /** Records processed per getBulkJob call. */
  stepPerPoll?: number;
  /** Issue keys whose writes fail (as if Jira refused). */
  failingIssues?: string[];
  /** Record ids whose worklog cannot be deleted on undo. */
  undoFailures?: number[];
  /** Running jobs do not move and say why (as the real backend does when the timecard server is down). */
  waiting?: { code: string; message: string };
}

interface Job {
  job: BulkJob;
  queue: number[];
  accountId: string;
}

export class FakeBackend {
  connected: boolean;
  username = 'alice';
  records: Map<number, RecordView>;
  history: HistoryItem[];
  jobs = new Map<string, Job>();
  calls: Call[] = [];
  violations: string[] = [];
  /** Worklogs written to "Jira" (created or updated), in order. */
  writes: { recordId: number; issueKey: string; worklogId: string; kind: 'created' | 'updated' | 'deleted' }[] = [];
  failingIssues: Set<string>;
  undoFailures: Set<number>;
  stepPerPoll: number;
  /** Set: running jobs wait with this reason (clear it to let them move). */
  waiting: { code: string; message: string } | null;
  /** What connectTimecard answers instead of checking the password (e.g. the timecard server is down). */
  connectError: { code: ErrorCode; message: string } | null = null;
  /** Automatic sync as getAutoSync answers it; a test sets what a run left (last run, retries, a stop). */
  autoSync: Result<'getAutoSync'> = { enabled: false, paused: false, graceMinutes: 60, intervalMinutes: 60, retries: [] };
  private clock = Date.parse('2026-11-25T12:00:00Z');
  private nextWorklog = 6000;
  private nextJob = 1;

  constructor(options: FakeOptions = {}) {
    this.connected = options.connected ?? true;
    this.records = new Map((options.records ?? weekRecords()).map((r) => [r.id, RecordViewSchema.parse(r)]));
    this.history = (options.history ?? []).map((h) => HistoryItemSchema.parse(h));
    this.stepPerPoll = options.stepPerPoll ?? 2;
    this.failingIssues = new Set(options.failingIssues ?? ['DEMO-4']);
    this.undoFailures = new Set(options.undoFailures ?? []);
    this.waiting = options.waiting ?? null;
  }

  callsOf(functionKey: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.functionKey === functionKey).map((c) => c.payload);
  }

  /** What the bridge's `invoke` answers. */
  async invoke(functionKey: string, rawPayload: unknown): Promise<unknown> {
    const payload = JSON.parse(JSON.stringify(rawPayload ?? {})) as Record<string, unknown>;
    this.calls.push({ functionKey, payload });
    const key = functionKey as ResolverKey;
    const schema = payloads[key];
    if (!schema) {
      this.violations.push(`unknown resolver ${functionKey}`);
      return { error: { code: 'invalid-payload', message: `Unknown function ${functionKey}` } };
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      this.violations.push(`${functionKey}: ${parsed.error.message}`);
      return { error: { code: 'invalid-payload', message: parsed.error.message } };
    }
    let result: unknown;
    try {
      result = this.answer(key, parsed.data as never);
    } catch (e) {
      if (e instanceof FakeError) result = { error: { code: e.code, message: e.message } };
      else throw e;
    }
    const check = 'error' in (result as object) ? ErrorResultSchema : RESULT_SCHEMAS.get(key);
    if (check) {
      const ok = check.safeParse(result);
      if (!ok.success) this.violations.push(`answer of ${functionKey} breaks the contract: ${ok.error.message}`);
    }
    await new Promise((r) => setTimeout(r, 1));
    return JSON.parse(JSON.stringify(result));
  }

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  /** Links are not written back to the timecard here (the real resolvers' write-back: tests/ui/globalPage/linkWriteBack.test.tsx). */
  private linkWriteBack = false;

  private requireConnected() {
    if (!this.connected) throw new FakeError('not-connected', 'Connect your timecard account first.');
  }

  private answer(key: ResolverKey, p: any): unknown {
    switch (key) {
      case 'getConnection':
        return {
          connected: this.connected,
          ...(this.connected ? { username: this.username } : {}),
          serverUrl: 'https://timecard.example.com',
          configured: true,
        };
      case 'connectTimecard':
        if (this.connectError) throw new FakeError(this.connectError.code, this.connectError.message);
        if (p.password !== 'secret') throw new FakeError('bad-credentials', 'Wrong username or password.');
        this.connected = true;
        this.username = p.username;
        return { connected: true, username: p.username };
      case 'disconnectTimecard':
        this.connected = false;
        return { connected: false };
      case 'listRecords': {
        this.requireConnected();
        const from = Date.parse(`${p.from}T00:00:00+01:00`);
        const to = Date.parse(`${p.to}T00:00:00+01:00`) + 86_400_000;
        const records = [...this.records.values()].filter((r) => Date.parse(r.start) >= from && Date.parse(r.start) < to);
        return { records, timeZone: 'Europe/Berlin', warnings: [] };
      }
      case 'searchIssues': {
        const q = String(p.query).toLowerCase();
        const issues = q
          ? ISSUES.filter((i) => i.key.toLowerCase().includes(q) || i.summary.toLowerCase().includes(q))
          : ISSUES.filter((i) => i.recent);
        return { issues };
      }
      case 'linkRecord': {
        const r = this.record(p.recordId);
        const issue = p.issueKey ? ISSUES.find((i) => i.key === p.issueKey) : null;
        if (p.issueKey && !issue) throw new FakeError('issue-not-found', `Issue ${p.issueKey} does not exist or you cannot see it.`);
        const next: RecordView = {
          ...r,
          issueKey: issue ? issue.key : null,
          linkSource: issue ? 'jira' : null,
          issueSummary: issue?.summary,
          issueStatus: issue?.status,
          issueStatusCategory: issue?.statusCategory,
        };
        if (!issue) {
          delete next.issueSummary;
          delete next.issueStatus;
          delete next.issueStatusCategory;
        }
        this.records.set(r.id, next);
        return { record: next };
      }
      case 'getLinkWriteBack':
        return { enabled: this.linkWriteBack };
      case 'setLinkWriteBack':
        this.linkWriteBack = p.enabled;
        return { enabled: this.linkWriteBack };
      case 'unsyncRecord': {
        const r = this.record(p.recordId);
        const next: RecordView = { ...r, status: 'not-synced', loggedSeconds: 0 };
        delete next.worklogId;
        this.records.set(r.id, next);
        return { record: next };
      }
      case 'syncRecords':
        return { results: (p.recordIds as number[]).map((id) => this.syncOne(id, Boolean(p.dryRun), null)) };
      case 'startBulkSync': {
        const jobId = `job-${String(this.nextJob++).padStart(6, '0')}`;
        const ids = p.recordIds as number[];
        this.jobs.set(jobId, {
          accountId: 'user-1',
          queue: [...ids],
          job: {
            jobId,
            state: 'queued',
            dryRun: Boolean(p.dryRun),
            total: ids.length,
            done: 0,
            succeeded: 0,
            failed: 0,
            skipped: 0,
            created: 0,
            updated: 0,
            unchanged: 0,
            startedAt: this.now(),
            results: [],
          },
        });
        return { jobId };
      }
      case 'getBulkJob': {
        const entry = this.jobs.get(p.jobId);
        if (!entry) throw new FakeError('job-not-found', 'No such sync job.');
        const { job } = entry;
        if (job.state === 'queued') job.state = 'running';
        else if (job.state === 'running' && this.waiting) job.waiting = { ...this.waiting, since: this.now() };
        else if (job.state === 'running') {
          delete job.waiting;
          for (const id of entry.queue.splice(0, this.stepPerPoll)) {
            const result = this.syncOne(id, job.dryRun, job.jobId);
            job.results.push(result);
            job.done += 1;
            job[result.outcome] += 1;
            if (result.outcome === 'created' || result.outcome === 'updated' || result.outcome === 'unchanged') job.succeeded += 1;
          }
          if (entry.queue.length === 0) {
            job.state = 'done';
            job.finishedAt = this.now();
          }
        }
        return JSON.parse(JSON.stringify(job));
      }
      case 'cancelBulkJob': {
        const entry = this.jobs.get(p.jobId);
        if (!entry) throw new FakeError('job-not-found', 'No such sync job.');
        const { job } = entry;
        if (job.state === 'queued' || job.state === 'running') {
          for (const recordId of entry.queue.splice(0)) {
            job.results.push({
              recordId,
              outcome: 'failed',
              code: 'cancelled',
              message: 'You cancelled this sync before this record was synced. Sync it again whenever you like.',
            });
            job.done += 1;
            job.failed += 1;
          }
          delete job.waiting;
          job.state = 'done';
          job.cancelled = true;
          job.finishedAt = this.now();
        }
        return JSON.parse(JSON.stringify(job));
      }
      case 'undoBulkJob': {
        const entry = this.jobs.get(p.jobId);
        if (!entry) throw new FakeError('job-not-found', 'No such sync job.');
        let deleted = 0;
        const failures: { recordId: number; message: string }[] = [];
        const kept: { recordId: number; message: string }[] = [];
        for (const r of entry.job.results) {
          if (r.outcome === 'updated')
            kept.push({ recordId: r.recordId, message: 'Its worklog existed before this sync and was only updated, so it was left in place.' });
          if (r.outcome !== 'created') continue;
          if (this.undoFailures.has(r.recordId)) {
            failures.push({ recordId: r.recordId, message: 'The worklog was edited in Jira after this sync; left as it is.' });
            continue;
          }
          const record = this.record(r.recordId);
          const next: RecordView = { ...record, status: 'not-synced', loggedSeconds: 0 };
          delete next.worklogId;
          this.records.set(record.id, next);
          this.writes.push({ recordId: r.recordId, issueKey: r.issueKey ?? '', worklogId: r.worklogId ?? '', kind: 'deleted' });
          this.log(r.recordId, record.issueKey, r.worklogId ?? null, 'deleted', null, entry.job.jobId, null);
          deleted += 1;
        }
        entry.job.state = 'undone';
        return { deleted, failed: failures.length, failures, kept };
      }
      case 'getSyncHistory': {
        let items = this.history;
        if (p.status) items = items.filter((h) => h.outcome === p.status);
        if (p.from) items = items.filter((h) => h.at.slice(0, 10) >= p.from);
        if (p.to) items = items.filter((h) => h.at.slice(0, 10) <= p.to);
        const start = p.cursor ? Number(p.cursor) : 0;
        const limit = p.limit ?? 20;
        const page = items.slice(start, start + limit);
        return { items: page, ...(start + limit < items.length ? { nextCursor: String(start + limit) } : {}) };
      }
      case 'getAutoSync':
        return this.autoSync;
      case 'saveAutoSync': {
        this.requireConnected();
        const { blocked: _cleared, ...rest } = this.autoSync;
        this.autoSync = {
          ...(p.enabled ? rest : this.autoSync),
          enabled: p.enabled,
          paused: p.enabled ? (p.paused ?? this.autoSync.paused) : false,
          graceMinutes: p.graceMinutes ?? this.autoSync.graceMinutes,
          ...(p.enabled ? {} : { retries: [] }),
        };
        return this.autoSync;
      }
      case 'cancelAutoRetries':
        this.autoSync = { ...this.autoSync, retries: [] };
        return this.autoSync;
      default:
        throw new FakeError('internal', `The fake does not answer ${key}`);
    }
  }

  private record(id: number): RecordView {
    const r = this.records.get(id);
    if (!r) throw new FakeError('record-not-found', `Record ${id} not found.`);
    return r;
  }

  private log(
    recordId: number,
    issueKey: string | null,
    worklogId: string | null,
    outcome: HistoryOutcome,
    message: string | null,
    jobId: string | null,
    seconds: number | null,
  ) {
    this.history.unshift({
      id: `h-${this.history.length + 1}-${recordId}`,
      at: this.now(),
      accountId: 'demo-alice',
      recordId,
      issueKey,
      worklogId,
      outcome,
      message,
      code: null,
      jobId,
      timeSpentSeconds: seconds,
    });
  }

  /** One record's sync (or dry run). */
  private syncOne(id: number, dryRun: boolean, jobId: string | null): SyncResult {
    const r = this.records.get(id);
    if (!r) return { recordId: id, outcome: 'failed', message: 'Record not found', code: 'record-not-found' };
    const base = { recordId: id, ...(r.issueKey ? { issueKey: r.issueKey } : {}) };
    let result: SyncResult;
    if (r.status === 'running') result = { ...base, outcome: 'skipped', message: 'Still running in the timecard' };
    else if (r.status === 'too-short' || r.roundedSeconds === null)
      result = { ...base, outcome: 'skipped', message: 'Shorter than the minimum of 1 minute' };
    else if (!r.issueKey) result = { ...base, outcome: 'skipped', message: 'No issue linked' };
    else if (r.status === 'synced') result = { ...base, outcome: 'unchanged', worklogId: r.worklogId, timeSpentSeconds: r.loggedSeconds };
    else if (this.failingIssues.has(r.issueKey))
      result = { ...base, outcome: 'failed', code: 'issue-not-found', message: `Issue ${r.issueKey} does not exist or you cannot see it` };
    else if (r.status === 'changed' || r.status === 'edited-in-jira')
      result = { ...base, outcome: 'updated', worklogId: r.worklogId, timeSpentSeconds: r.roundedSeconds };
    else result = { ...base, outcome: 'created', worklogId: dryRun ? undefined : String(this.nextWorklog++), timeSpentSeconds: r.roundedSeconds };
    if (result.worklogId === undefined) delete result.worklogId;
    if (dryRun) return result;

    if (result.outcome === 'created' || result.outcome === 'updated') {
      const next: RecordView = { ...r, status: 'synced', worklogId: result.worklogId, loggedSeconds: r.roundedSeconds ?? 0 };
      delete next.message;
      this.records.set(id, next);
      this.writes.push({ recordId: id, issueKey: r.issueKey!, worklogId: result.worklogId!, kind: result.outcome });
    } else if (result.outcome === 'failed') {
      this.records.set(id, { ...r, status: 'failed', message: result.message });
    }
    this.log(id, r.issueKey, result.worklogId ?? null, result.outcome, result.message ?? null, jobId, result.timeSpentSeconds ?? null);
    return result;
  }
}

/** `count` history entries, newest first, one a minute back from 25 Nov 2026 11:59 UTC. */
export function historyItems(count: number): HistoryItem[] {
  const outcomes: HistoryOutcome[] = ['created', 'updated', 'failed', 'skipped', 'unchanged'];
  return Array.from({ length: count }, (_, i) => {
    const outcome = outcomes[i % outcomes.length]!;
    return {
      id: `seed-${i + 1}`,
      at: new Date(Date.parse('2026-11-25T11:59:00Z') - i * 3600_000).toISOString(),
      accountId: 'demo-alice',
      recordId: 100 + i,
      issueKey: 'DEMO-1',
      worklogId: outcome === 'created' || outcome === 'updated' ? String(9000 + i) : null,
      outcome,
      message: outcome === 'failed' ? 'Jira answered 503' : outcome === 'skipped' ? 'Still running' : null,
      code: outcome === 'failed' ? 'jira-error' : null,
      jobId: null,
      timeSpentSeconds: outcome === 'created' || outcome === 'updated' ? 1800 : null,
    };
  });
}
