// Bulk sync state: preview (dry run, in batches of the resolver's 50-record limit), a queued job
// polled until done, its summary, retry of the failed records, and undo.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BulkJob, Result, SyncResult } from '../../../src/shared/contract';
import { errorCode, type Call } from './bridge';
import { untilUndone } from './historyRuns';
import { nextPollDelay } from './pollDelay';

export const PREVIEW_BATCH = 50;
const MAX_POLL_ERRORS = 5;

export type BulkPhase =
  | { kind: 'idle' }
  | { kind: 'previewing'; recordIds: number[]; done: number; total: number }
  | { kind: 'preview'; recordIds: number[]; results: SyncResult[] }
  | { kind: 'starting'; recordIds: number[] }
  | { kind: 'running'; jobId: string; job: BulkJob | null; pollError: string | null }
  | { kind: 'finished'; job: BulkJob }
  | { kind: 'undoing'; job: BulkJob }
  | { kind: 'undone'; job: BulkJob; undo: Result<'undoBulkJob'> };

export interface BulkController {
  phase: BulkPhase;
  error: string | null;
  busy: boolean;
  preview(recordIds: number[]): Promise<void>;
  sync(recordIds: number[]): Promise<void>;
  retryFailed(): Promise<void>;
  undo(): Promise<void>;
  /** Stops the running job: what it logged stays, the rest is marked cancelled; polling then shows the summary. */
  cancel(): Promise<void>;
  /** A cancel is on its way. */
  cancelling: boolean;
  resumePolling(): void;
  dismiss(): void;
}

interface Options {
  call: Call;
  pollIntervalMs: number;
  /** Where the running job id is kept so a reload resumes watching it. */
  storageKey: string | null;
  /** After a job finishes or is undone (records changed). */
  onSettled: () => void;
  reportError: (error: unknown) => string;
}

function readStoredJob(key: string | null): string | null {
  if (!key) return null;
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function storeJob(key: string | null, jobId: string | null): void {
  if (!key) return;
  try {
    if (jobId) window.sessionStorage.setItem(key, jobId);
    else window.sessionStorage.removeItem(key);
  } catch {
    // storage blocked (third-party iframe): only the resume-after-reload convenience is lost
  }
}

export function failedIds(job: BulkJob): number[] {
  return job.results.filter((r) => r.outcome === 'failed').map((r) => r.recordId);
}

export function useBulkJob({ call, pollIntervalMs, storageKey, onSettled, reportError }: Options): BulkController {
  const [phase, setPhase] = useState<BulkPhase>(() => {
    const stored = readStoredJob(storageKey);
    return stored ? { kind: 'running', jobId: stored, job: null, pollError: null } : { kind: 'idle' };
  });
  const [error, setError] = useState<string | null>(null);
  const [pollNonce, setPollNonce] = useState(0);
  const [cancelling, setCancelling] = useState(false);
  const settledRef = useRef(onSettled);
  settledRef.current = onSettled;
  const reportRef = useRef(reportError);
  reportRef.current = reportError;

  const runningJobId = phase.kind === 'running' ? phase.jobId : null;

  useEffect(() => {
    if (!runningJobId) return undefined;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let errors = 0;
    let quiet = 0;
    let seen = '';
    const tick = async () => {
      try {
        // Progress polls carry counts only; the summary's per-record results come with one final read.
        const progress = await call('getBulkJob', { jobId: runningJobId, withResults: false });
        const finished = progress.state === 'done' || progress.state === 'undone';
        const job = finished ? await call('getBulkJob', { jobId: runningJobId }) : progress;
        if (cancelled) return;
        errors = 0;
        if (finished) {
          storeJob(storageKey, null);
          setPhase({ kind: 'finished', job });
          settledRef.current();
          return;
        }
        const now = `${job.state}:${job.done}`;
        quiet = now === seen ? quiet + 1 : 0;
        seen = now;
        setPhase({ kind: 'running', jobId: runningJobId, job, pollError: null });
      } catch (e) {
        if (cancelled) return;
        errors += 1;
        const text = reportRef.current(e);
        if (errorCode(e) === 'job-not-found') {
          // Gone (expired, or another person's id in this browser): nothing left to watch. Back to
          // idle with the reason, so Preview and Sync work again and a reload does not resume it.
          storeJob(storageKey, null);
          setError(text);
          setPhase((p) => (p.kind === 'running' && p.jobId === runningJobId ? { kind: 'idle' } : p));
          return;
        }
        if (errors >= MAX_POLL_ERRORS) {
          setPhase((p) => (p.kind === 'running' ? { ...p, pollError: text } : p));
          return;
        }
      }
      timer = setTimeout(tick, nextPollDelay(pollIntervalMs, quiet, errors));
    };
    timer = setTimeout(tick, 0);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [runningJobId, pollNonce, call, pollIntervalMs, storageKey]);

  const preview = useCallback(
    async (recordIds: number[]) => {
      setError(null);
      const total = recordIds.length;
      setPhase({ kind: 'previewing', recordIds, done: 0, total });
      const results: SyncResult[] = [];
      try {
        for (let i = 0; i < total; i += PREVIEW_BATCH) {
          const batch = recordIds.slice(i, i + PREVIEW_BATCH);
          const answer = await call('syncRecords', { recordIds: batch, dryRun: true });
          results.push(...answer.results);
          setPhase({ kind: 'previewing', recordIds, done: Math.min(total, i + batch.length), total });
        }
        setPhase({ kind: 'preview', recordIds, results });
      } catch (e) {
        setError(reportRef.current(e));
        setPhase({ kind: 'idle' });
      }
    },
    [call],
  );

  const sync = useCallback(
    async (recordIds: number[]) => {
      if (recordIds.length === 0) return;
      setError(null);
      setPhase({ kind: 'starting', recordIds });
      try {
        const { jobId } = await call('startBulkSync', { recordIds });
        storeJob(storageKey, jobId);
        setPhase({ kind: 'running', jobId, job: null, pollError: null });
      } catch (e) {
        setError(reportRef.current(e));
        setPhase({ kind: 'idle' });
      }
    },
    [call, storageKey],
  );

  const retryFailed = useCallback(async () => {
    if (phase.kind !== 'finished' && phase.kind !== 'undone') return;
    await sync(failedIds(phase.job));
  }, [phase, sync]);

  const undo = useCallback(async () => {
    if (phase.kind !== 'finished') return;
    const job = phase.job;
    setError(null);
    setPhase({ kind: 'undoing', job });
    try {
      // A large undo runs in slices that each fit one resolver call; `remaining` says there is more.
      // The last slice lists every worklog that still could not be deleted.
      const undo = await untilUndone(() => call('undoBulkJob', { jobId: job.jobId }));
      setPhase({ kind: 'undone', job, undo });
      settledRef.current();
    } catch (e) {
      setError(reportRef.current(e));
      setPhase({ kind: 'finished', job });
    }
  }, [phase, call]);

  const cancel = useCallback(async () => {
    if (phase.kind !== 'running' || cancelling) return;
    setError(null);
    setCancelling(true);
    try {
      await call('cancelBulkJob', { jobId: phase.jobId });
      // The next poll reads the job as it ended.
      setPollNonce((n) => n + 1);
    } catch (e) {
      setError(reportRef.current(e));
    } finally {
      setCancelling(false);
    }
  }, [phase, cancelling, call]);

  const resumePolling = useCallback(() => {
    setPhase((p) => (p.kind === 'running' ? { ...p, pollError: null } : p));
    setPollNonce((n) => n + 1);
  }, []);

  const dismiss = useCallback(() => {
    setError(null);
    setPhase((p) => (p.kind === 'running' || p.kind === 'starting' || p.kind === 'undoing' ? p : { kind: 'idle' }));
  }, []);

  const busy = phase.kind === 'previewing' || phase.kind === 'starting' || phase.kind === 'running' || phase.kind === 'undoing';
  return { phase, error, busy, preview, sync, retryFailed, undo, cancel, cancelling, resumePolling, dismiss };
}
