// Row actions and "Log all" of the issue panel: one call per press, a row cannot be pressed
// twice while its call runs, and every result updates the rows in place.
import { useCallback, useRef, useState } from 'react';
import { writeBackNeedsAttention, type ErrorCode, type RecordView, type SyncResult } from '../../shared/contract';
import { asResolverError, callResolver, needsReconnect, ResolverError } from '../common/invoke';
import type { Messages } from '../common/messages';
import { useMessages } from '../common/i18n';
import type { RowMessage } from './RecordsList';
import { chunks, countOutcomes, NOT_ATTEMPTED_ROUNDS, notAttempted, SYNC_CHUNK, type OutcomeCounts, type RowAction } from './records';

export interface BulkState {
  running: boolean;
  done: number;
  total: number;
  counts: OutcomeCounts;
  /** Set when a call failed and the run stopped early. */
  stopped: ResolverError | null;
}

export type Confirmation =
  { kind: 'unlog'; record: RecordView } | { kind: 'removeWorklog'; record: RecordView } | { kind: 'logAll'; records: RecordView[] };

export interface PanelActionsInput {
  issueKey: string;
  /** Applies fresher versions of records to the panel's rows. */
  onRecords: (records: RecordView[]) => void;
  /** Drops records the panel no longer shows. */
  onGone: (recordIds: number[]) => void;
}

function messageFor(result: SyncResult, messages: Messages): RowMessage | null {
  const synced = syncMessageFor(result, messages);
  const written = result.writeBack;
  // "Accept and log" for a person who writes links back: what was written to the timecard too.
  if (!written) return synced;
  if (synced) return { tone: synced.tone, text: `${synced.text} ${written.message}` };
  return { tone: writeBackNeedsAttention(written.outcome) ? 'information' : 'success', text: written.message };
}

function syncMessageFor(result: SyncResult, messages: Messages): RowMessage | null {
  if (result.outcome === 'failed') return { tone: 'error', text: result.message ?? messages.panel.outcome.failed };
  if (result.outcome === 'skipped') {
    return { tone: 'information', text: result.message ? messages.panel.skipped(result.message) : messages.panel.outcome.skipped };
  }
  if (result.outcome === 'unchanged') return { tone: 'information', text: messages.panel.outcome.unchanged };
  return null;
}

export function usePanelActions({ issueKey, onRecords, onGone }: PanelActionsInput) {
  const messages = useMessages();
  const [busy, setBusy] = useState<ReadonlyMap<number, RowAction>>(new Map());
  const [rowMessages, setRowMessages] = useState<ReadonlyMap<number, RowMessage>>(new Map());
  const [actionError, setActionError] = useState<ResolverError | null>(null);
  // What a choice did to a row it then removes (or leaves unchanged to the eye): said in the panel's status region.
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [bulk, setBulk] = useState<BulkState | null>(null);
  // Refs, not state: a second press in the same tick must already see the first one.
  const busyIds = useRef(new Set<number>());
  const bulkRunning = useRef(false);

  const setRowMessage = useCallback((id: number, message: RowMessage | null) => {
    setRowMessages((previous) => {
      const next = new Map(previous);
      if (message) next.set(id, message);
      else next.delete(id);
      return next;
    });
  }, []);

  const applyResults = useCallback(
    (results: SyncResult[]) => {
      onRecords(results.flatMap((r) => (r.record ? [r.record] : [])));
      setRowMessages((previous) => {
        const next = new Map(previous);
        for (const result of results) {
          const message = messageFor(result, messages);
          if (message) next.set(result.recordId, message);
          else next.delete(result.recordId);
        }
        return next;
      });
      const reconnect = results.find((r) => r.outcome === 'failed' && needsReconnect({ code: r.code ?? '' }));
      if (reconnect) setActionError(new ResolverError({ code: reconnect.code as ErrorCode, message: reconnect.message ?? '' }));
    },
    [onRecords, messages],
  );

  const perform = useCallback(
    async (record: RecordView, action: RowAction) => {
      const id = record.id;
      if (busyIds.current.has(id) || bulkRunning.current) return;
      busyIds.current.add(id);
      setBusy((previous) => new Map(previous).set(id, action));
      setRowMessage(id, null);
      setActionError(null);
      setNotice(null);
      try {
        if (action === 'log' || action === 'resync' || action === 'acceptLog') {
          // Accepting a suggestion links the record here as part of the same call.
          const payload = action === 'acceptLog' ? { recordIds: [id], issueKey } : { recordIds: [id] };
          const { results } = await callResolver('syncRecords', payload);
          applyResults(results.filter((r) => r.recordId === id));
        } else if (action === 'unlog') {
          const { record: updated } = await callResolver('unsyncRecord', { recordId: id });
          onRecords([updated]);
        } else if (action === 'keepJira' || action === 'keepTimecard') {
          const { record: updated, result } = await callResolver('resolveConflict', {
            recordId: id,
            keep: action === 'keepJira' ? 'jira' : 'timecard',
          });
          if (result) applyResults([result]);
          onRecords([updated]);
          if (action === 'keepJira') setRowMessage(id, { tone: 'success', text: messages.panel.keptJira });
          else setNotice(messages.panel.keptTimecard);
        } else if (action === 'cancelRetry') {
          await callResolver('cancelAutoRetries', { recordIds: [id] });
          const { retry: _cancelled, ...withoutRetry } = record;
          onRecords([withoutRetry]);
          setRowMessage(id, { tone: 'success', text: messages.panel.retries.cancelled });
        } else if (action === 'removeWorklog' || action === 'keepWorklog') {
          await callResolver('resolveDeletedInTimecard', { recordId: id, choice: action === 'removeWorklog' ? 'remove' : 'keep' });
          onGone([id]);
          setNotice(action === 'removeWorklog' ? messages.panel.removedWorklog : messages.panel.keptWorklog);
        } else {
          const { record: updated, writeBack } = await callResolver('linkRecord', {
            recordId: id,
            issueKey: action === 'linkHere' ? issueKey : null,
          });
          onRecords([updated]);
          // For people who write links back to their timecard: what was written there.
          if (writeBack) setRowMessage(id, { tone: writeBackNeedsAttention(writeBack.outcome) ? 'information' : 'success', text: writeBack.message });
        }
      } catch (error) {
        const failure = asResolverError(error);
        setRowMessage(id, { tone: 'error', text: failure.message });
        setActionError(failure);
      } finally {
        busyIds.current.delete(id);
        setBusy((previous) => {
          const next = new Map(previous);
          next.delete(id);
          return next;
        });
      }
    },
    [applyResults, issueKey, messages.panel, onGone, onRecords, setRowMessage],
  );

  /** A row's button: Unlog asks first, the others run at once. */
  const onAction = useCallback(
    (record: RecordView, action: RowAction) => {
      if (busyIds.current.has(record.id) || bulkRunning.current) return;
      if (action === 'unlog' || action === 'removeWorklog')
        setConfirmation(action === 'unlog' ? { kind: 'unlog', record } : { kind: 'removeWorklog', record });
      else void perform(record, action);
    },
    [perform],
  );

  const askLogAll = useCallback((records: RecordView[]) => {
    if (bulkRunning.current || records.length === 0) return;
    setConfirmation({ kind: 'logAll', records });
  }, []);

  const logAll = useCallback(
    async (records: RecordView[]) => {
      if (bulkRunning.current) return;
      bulkRunning.current = true;
      const ids = records.map((r) => r.id);
      let state: BulkState = { running: true, done: 0, total: ids.length, counts: countOutcomes([]), stopped: null };
      setBulk(state);
      setActionError(null);
      try {
        // Records a call did not get to (it ran out of time while Jira was slow) are sent again, a
        // few rounds at most; only final results count as done, so the progress never runs ahead.
        let pending = ids;
        rounds: for (let round = 0; round <= NOT_ATTEMPTED_ROUNDS && pending.length > 0; round += 1) {
          const again: number[] = [];
          for (const chunk of chunks(pending, SYNC_CHUNK)) {
            try {
              const { results } = await callResolver('syncRecords', { recordIds: chunk });
              const resend = round < NOT_ATTEMPTED_ROUNDS ? results.filter(notAttempted) : [];
              const final = results.filter((r) => !resend.includes(r));
              applyResults(final);
              again.push(...resend.map((r) => r.recordId));
              state = { ...state, done: state.done + final.length, counts: countOutcomes(final, state.counts) };
              setBulk(state);
            } catch (error) {
              const failure = asResolverError(error);
              state = { ...state, stopped: failure };
              setActionError(failure);
              break rounds;
            }
          }
          pending = again;
        }
      } finally {
        bulkRunning.current = false;
        setBulk({ ...state, running: false });
      }
    },
    [applyResults],
  );

  const confirm = useCallback(() => {
    const current = confirmation;
    setConfirmation(null);
    if (!current) return;
    if (current.kind === 'logAll') void logAll(current.records);
    else void perform(current.record, current.kind);
  }, [confirmation, logAll, perform]);

  const cancel = useCallback(() => setConfirmation(null), []);

  /** Forget per-row messages and the last summary (a new period was loaded). */
  const reset = useCallback(() => {
    setRowMessages(new Map());
    setBulk((previous) => (previous?.running ? previous : null));
    setActionError(null);
    setNotice(null);
  }, []);

  return {
    busy,
    rowMessages,
    actionError,
    notice,
    confirmation,
    bulk,
    onAction,
    askLogAll,
    confirm,
    cancel,
    reset,
    dismissError: () => setActionError(null),
  };
}
