// Preview results, job progress, the summary after a job (retry failed / undo, after a
// confirmation) and the undo report.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { BulkJob, RecordView, SyncResult } from '../../../../src/shared/contract';
import { useEnv } from '../env';
import { dayKey, formatDayShort, formatTime } from '../format';
import { useMessages, type Messages } from '../messages';
import { recordText } from '../../../../src/shared/ui/records';
import { countOutcomes, type OutcomeCounts } from '../../../../src/shared/ui/status';
import { whenInSentence } from '../historyRuns';
import { syncLabel } from '../selection';
import { failedIds, type BulkController } from '../useBulkJob';
import { IssueKeyLink, OutcomeLozenge } from './badges';
import ConfirmDialog from './ConfirmDialog';

const LIST_CAP = 100;

function RecordLabel({ recordId, record }: { recordId: number; record?: RecordView }) {
  const { timeZone, locale } = useEnv();
  const m = useMessages();
  if (!record) return <span>{m.t('common.record', { id: recordId })}</span>;
  const day = formatDayShort(dayKey(record.start, timeZone), locale);
  return (
    <span>
      <span className="tc-nowrap">
        {day.weekday} {day.date} {formatTime(record.start, { timeZone, locale })}
      </span>{' '}
      <span className="tc-subtle">{recordText(record)}</span>
    </span>
  );
}

function ResultTable({
  results,
  recordsById,
  preview,
  caption,
}: {
  results: readonly SyncResult[];
  recordsById: ReadonlyMap<number, RecordView>;
  preview: boolean;
  caption: string;
}) {
  const m = useMessages();
  if (results.length === 0) return null;
  const shown = results.slice(0, LIST_CAP);
  return (
    <table className="tc-table tc-table-compact">
      <caption className="tc-visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{m.t('common.columns.record')}</th>
          <th scope="col">{m.t('common.columns.issue')}</th>
          <th scope="col">{preview ? m.t('bulk.columns.would') : m.t('common.columns.outcome')}</th>
          <th scope="col">{m.t('common.columns.time')}</th>
          <th scope="col">{m.t('bulk.columns.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((r) => {
          const record = r.record ?? recordsById.get(r.recordId);
          const issueKey = r.issueKey ?? record?.issueKey ?? null;
          return (
            <tr key={r.recordId} data-record-id={r.recordId}>
              <td>
                <RecordLabel recordId={r.recordId} record={record} />
              </td>
              <td>{issueKey ? <IssueKeyLink issueKey={issueKey} /> : <span className="tc-subtle">{m.t('common.none')}</span>}</td>
              <td>
                <OutcomeLozenge outcome={r.outcome} preview={preview} />
              </td>
              <td className="tc-nowrap">{r.timeSpentSeconds != null ? m.duration(r.timeSpentSeconds) : ''}</td>
              <td>{r.message ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
      {results.length > shown.length ? (
        <tfoot>
          <tr>
            <td colSpan={5} className="tc-subtle">
              {m.t('bulk.andMore', { count: results.length - shown.length })}
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

const COUNTED: readonly (keyof OutcomeCounts)[] = ['created', 'updated', 'unchanged', 'skipped', 'failed'];

function countLabel(m: Messages, key: keyof OutcomeCounts, preview: boolean): string {
  return m.t(preview ? `bulk.previewCount.${key}` : `bulk.syncCount.${key}`);
}

function Counts({ counts, preview }: { counts: OutcomeCounts; preview: boolean }) {
  const m = useMessages();
  return (
    <ul className="tc-counts" aria-label={preview ? m.t('bulk.previewCounts') : m.t('bulk.syncCounts')}>
      {COUNTED.map((key) => (
        <li key={key} className={`tc-count tc-count-${key}`}>
          {m.rich('bulk.countItem', {
            count: (
              <span key="n" className="tc-count-n">
                {counts[key]}
              </span>
            ),
            label: countLabel(m, key, preview),
          })}
        </li>
      ))}
    </ul>
  );
}

/** "Undo this sync", asking first with the count and the time. */
function UndoButton({ job, onUndo }: { job: BulkJob; onUndo: () => void }) {
  const { today, timeZone, locale } = useEnv();
  const m = useMessages();
  const [asking, setAsking] = useState(false);
  const when = whenInSentence(m, job.startedAt, today, { timeZone, locale });
  return (
    <>
      <Button onClick={() => setAsking(true)}>{m.t('bulk.undoThisSync')}</Button>
      <ConfirmDialog
        isOpen={asking}
        title={m.t('bulk.undoTitle', { when })}
        confirmLabel={m.n('bulk.deleteWorklogs', job.created)}
        onConfirm={() => {
          setAsking(false);
          onUndo();
        }}
        onClose={() => setAsking(false)}
      >
        <p>{m.n('bulk.undoBody', job.created, { when })}</p>
        {job.updated ? <p>{m.n('bulk.updatedStay', job.updated)}</p> : null}
      </ConfirmDialog>
    </>
  );
}

function countsText(m: Messages, counts: OutcomeCounts, preview: boolean): string {
  return m.list(COUNTED.map((key) => m.t('bulk.countItem', { count: counts[key], label: countLabel(m, key, preview) })));
}

/**
 * What a screen reader hears when the sync's state changes: one sentence per phase, and progress in
 * quarters (every poll would be too chatty; the progress bar holds the exact value). Worded apart
 * from the visible titles, which stay the page's own text.
 */
function bulkAnnouncement(m: Messages, phase: BulkController['phase'], error: string | null): string {
  if (error) return m.t('bulk.announce.error', { error });
  switch (phase.kind) {
    case 'idle':
      return '';
    case 'previewing':
      return m.n('bulk.announce.previewing', phase.total);
    case 'preview':
      return m.t('bulk.announce.preview', { counts: countsText(m, countOutcomes(phase.results), true) });
    case 'starting':
      return m.n('bulk.starting', phase.recordIds.length);
    case 'running': {
      const { job } = phase;
      if (!job) return m.t('bulk.waitingToStart');
      const quarter = job.total ? Math.floor((job.done * 4) / job.total) / 4 : 0;
      const percent = new Intl.NumberFormat(m.locale, { style: 'percent' }).format(quarter);
      const progress = m.n('bulk.announce.running', job.total, { percent });
      return job.waiting ? `${progress} ${m.t('bulk.announce.waiting', { message: job.waiting.message })}` : progress;
    }
    case 'finished':
      return m.n(phase.job.cancelled ? 'bulk.announce.cancelled' : 'bulk.announce.finished', phase.job.total, {
        counts: countsText(m, jobCounts(phase.job), false),
      });
    case 'undoing':
      return m.t('bulk.announce.undoing');
    case 'undone':
      return phase.undo.failed
        ? m.n('bulk.announce.undonePartly', phase.undo.failed, { worklogs: m.n('common.worklogs', phase.undo.deleted) })
        : m.n('bulk.announce.undone', phase.undo.deleted);
  }
}

function jobCounts(job: BulkJob): OutcomeCounts {
  return { created: job.created, updated: job.updated, unchanged: job.unchanged, skipped: job.skipped, failed: job.failed };
}

export function BulkPanel(props: { bulk: BulkController; recordsById: ReadonlyMap<number, RecordView> }) {
  const m = useMessages();
  return (
    <>
      {/* Always in the page, so each change of its text is announced (a region added with its text is not). */}
      <div className="tc-visually-hidden" role="status" data-testid="bulk-status">
        {bulkAnnouncement(m, props.bulk.phase, props.bulk.error)}
      </div>
      <BulkPhase {...props} />
    </>
  );
}

function BulkPhase({ bulk, recordsById }: { bulk: BulkController; recordsById: ReadonlyMap<number, RecordView> }) {
  const { phase, error } = bulk;
  const m = useMessages();
  const errorBox = error ? (
    <SectionMessage appearance="error" title={m.t('bulk.errorTitle')}>
      <p>{error}</p>
    </SectionMessage>
  ) : null;

  switch (phase.kind) {
    case 'idle':
      return errorBox;
    case 'previewing':
      return (
        <div className="tc-bulk">
          <div className="tc-bulk-line">{m.n('bulk.checking', phase.total, { done: phase.done, total: phase.total })}</div>
          <ProgressBar ariaLabel={m.t('bulk.previewProgress')} value={phase.total ? phase.done / phase.total : 0} />
        </div>
      );
    case 'preview': {
      const counts = countOutcomes(phase.results);
      const willWrite = phase.results.filter((r) => r.outcome === 'created' || r.outcome === 'updated').length;
      // Records the sync would try (a failure may have cleared by then); skipped and unchanged ones it would not.
      const willTry = willWrite + counts.failed;
      // Every record would fail: an error, not a note (the sync would change nothing).
      const allFail = counts.failed > 0 && counts.failed === phase.results.length;
      const appearance = allFail ? 'error' : counts.failed > 0 ? 'warning' : 'information';
      return (
        <div className="tc-bulk">
          <SectionMessage
            appearance={appearance}
            testId={`preview-${appearance}`}
            title={allFail ? m.n('bulk.previewAllFail', counts.failed) : m.t('bulk.previewTitle')}
          >
            <Counts counts={counts} preview />
            <ResultTable results={phase.results} recordsById={recordsById} preview caption={m.t('bulk.previewResults')} />
            <div className="tc-actions">
              <Button appearance="primary" onClick={() => void bulk.sync(phase.recordIds)} isDisabled={willWrite === 0}>
                {syncLabel(m, willTry, phase.recordIds.length - willTry)}
              </Button>
              <Button appearance="subtle" onClick={bulk.dismiss}>
                {m.t('bulk.closePreview')}
              </Button>
            </div>
          </SectionMessage>
          {errorBox}
        </div>
      );
    }
    case 'starting':
      return (
        <div className="tc-bulk">
          <div className="tc-bulk-line">{m.n('bulk.starting', phase.recordIds.length)}</div>
          <ProgressBar ariaLabel={m.t('bulk.syncProgress')} isIndeterminate />
        </div>
      );
    case 'running': {
      const job = phase.job;
      return (
        <div className="tc-bulk">
          <div className="tc-bulk-line">
            {job ? (
              <>
                {m.richN('bulk.runningLine', job.total, { done: <strong key="done">{job.done}</strong>, total: job.total })}
                <span className="tc-subtle">{m.t('bulk.runningCounts', { succeeded: job.succeeded, skipped: job.skipped, failed: job.failed })}</span>
              </>
            ) : (
              m.t('bulk.waitingToStart')
            )}
          </div>
          <ProgressBar
            ariaLabel={m.t('bulk.syncProgress')}
            isIndeterminate={!job || (job.state === 'queued' && job.done === 0)}
            value={job && job.total ? job.done / job.total : 0}
          />
          {job?.waiting ? (
            <SectionMessage appearance="warning" title={m.t('bulk.waitingTitle')}>
              <p>{job.waiting.message}</p>
            </SectionMessage>
          ) : (
            <div className="tc-subtle">{m.t('bulk.keepWorking')}</div>
          )}
          <div className="tc-actions">
            <Button onClick={() => void bulk.cancel()} isDisabled={bulk.cancelling}>
              {bulk.cancelling ? m.t('bulk.cancelling') : m.t('bulk.cancelSync')}
            </Button>
          </div>
          {errorBox}
          {phase.pollError ? (
            <SectionMessage appearance="warning" title={m.t('bulk.pollFailed')}>
              <p>{phase.pollError}</p>
              <Button onClick={bulk.resumePolling}>{m.t('bulk.checkAgain')}</Button>
            </SectionMessage>
          ) : null}
        </div>
      );
    }
    case 'finished': {
      const { job } = phase;
      const failed = job.results.filter((r) => r.outcome === 'failed');
      const skipped = job.results.filter((r) => r.outcome === 'skipped');
      const canUndo = !job.dryRun && job.created > 0;
      const allFailed = failed.length > 0 && failed.length === job.total;
      const appearance = allFailed ? 'error' : failed.length ? 'warning' : 'success';
      return (
        <div className="tc-bulk">
          <SectionMessage
            appearance={appearance}
            testId={`summary-${appearance}`}
            title={
              job.cancelled
                ? m.n('bulk.cancelledTitle', job.succeeded)
                : allFailed
                  ? m.n('bulk.allFailedTitle', failed.length)
                  : failed.length
                    ? m.n('bulk.someFailedTitle', failed.length)
                    : m.n('bulk.finishedTitle', job.total)
            }
          >
            <Counts counts={jobCounts(job)} preview={false} />
            {failed.length ? (
              <>
                <h4 className="tc-h4">{m.t('bulk.failedHeading')}</h4>
                <ResultTable results={failed} recordsById={recordsById} preview={false} caption={m.t('bulk.failedCaption')} />
              </>
            ) : null}
            {skipped.length ? (
              <>
                <h4 className="tc-h4">{m.t('bulk.skippedHeading')}</h4>
                <ResultTable results={skipped} recordsById={recordsById} preview={false} caption={m.t('bulk.skippedCaption')} />
              </>
            ) : null}
            <div className="tc-actions">
              {failed.length ? (
                <Button appearance="primary" onClick={() => void bulk.retryFailed()}>
                  {m.t('bulk.retryFailed', { count: failedIds(job).length })}
                </Button>
              ) : null}
              {canUndo ? <UndoButton job={job} onUndo={() => void bulk.undo()} /> : null}
              <Button appearance="subtle" onClick={bulk.dismiss}>
                {m.t('common.close')}
              </Button>
            </div>
          </SectionMessage>
          {errorBox}
        </div>
      );
    }
    case 'undoing':
      return (
        <div className="tc-bulk">
          <Spinner size="small" label={m.t('bulk.undoingLabel')} /> {m.t('bulk.undoingText')}
        </div>
      );
    case 'undone': {
      const { undo } = phase;
      return (
        <div className="tc-bulk">
          <SectionMessage
            appearance={undo.failed ? 'warning' : 'success'}
            title={undo.failed ? m.n('bulk.undoPartlyTitle', undo.failed) : m.n('bulk.undoneTitle', undo.deleted)}
          >
            {undo.failed ? (
              <>
                <p>{m.n('bulk.undonePartlyText', undo.deleted)}</p>
                <ul className="tc-undo-failures" aria-label={m.t('bulk.couldNotUndo')}>
                  {undo.failures.map((f) => (
                    <li key={f.recordId}>
                      <RecordLabel recordId={f.recordId} record={recordsById.get(f.recordId)} />: {f.message}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{m.t('bulk.recordsBack')}</p>
            )}
            {undo.kept.length > 0 ? (
              <>
                <p>{m.t('bulk.leftInPlaceText')}</p>
                <ul className="tc-undo-failures" aria-label={m.t('bulk.leftInPlace')}>
                  {undo.kept.map((k) => (
                    <li key={k.recordId}>
                      <RecordLabel recordId={k.recordId} record={recordsById.get(k.recordId)} />
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <div className="tc-actions">
              <Button appearance="subtle" onClick={bulk.dismiss}>
                {m.t('common.close')}
              </Button>
            </div>
          </SectionMessage>
          {errorBox}
        </div>
      );
    }
  }
}
