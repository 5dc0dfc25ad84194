// Preview results, job progress, the summary after a job (retry failed / undo, after a
// confirmation) and the undo report.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { BulkJob, RecordView, SyncResult } from '../../../../src/shared/contract';
import { useEnv } from '../env';
import { dayKey, formatDayShort, formatDuration, formatTime, pluralize } from '../format';
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
  if (!record) return <span>Record {recordId}</span>;
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
  if (results.length === 0) return null;
  const shown = results.slice(0, LIST_CAP);
  return (
    <table className="tc-table tc-table-compact">
      <caption className="tc-visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Record</th>
          <th scope="col">Issue</th>
          <th scope="col">{preview ? 'Would' : 'Outcome'}</th>
          <th scope="col">Time</th>
          <th scope="col">Reason</th>
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
              <td>{issueKey ? <IssueKeyLink issueKey={issueKey} /> : <span className="tc-subtle">None</span>}</td>
              <td>
                <OutcomeLozenge outcome={r.outcome} preview={preview} />
              </td>
              <td className="tc-nowrap">{r.timeSpentSeconds != null ? formatDuration(r.timeSpentSeconds) : ''}</td>
              <td>{r.message ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
      {results.length > shown.length ? (
        <tfoot>
          <tr>
            <td colSpan={5} className="tc-subtle">
              and {results.length - shown.length} more
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

function countItems(preview: boolean): [keyof OutcomeCounts, string][] {
  return preview
    ? [
        ['created', 'to create'],
        ['updated', 'to update'],
        ['unchanged', 'unchanged'],
        ['skipped', 'to skip'],
        ['failed', 'would fail'],
      ]
    : [
        ['created', 'created'],
        ['updated', 'updated'],
        ['unchanged', 'unchanged'],
        ['skipped', 'skipped'],
        ['failed', 'failed'],
      ];
}

function Counts({ counts, preview }: { counts: OutcomeCounts; preview: boolean }) {
  const items = countItems(preview);
  return (
    <ul className="tc-counts" aria-label={preview ? 'Preview counts' : 'Sync counts'}>
      {items.map(([key, label]) => (
        <li key={key} className={`tc-count tc-count-${key}`}>
          <span className="tc-count-n">{counts[key]}</span> {label}
        </li>
      ))}
    </ul>
  );
}

/** "Undo this sync", asking first with the count and the time. */
function UndoButton({ job, onUndo }: { job: BulkJob; onUndo: () => void }) {
  const { today, timeZone, locale } = useEnv();
  const [asking, setAsking] = useState(false);
  const when = whenInSentence(job.startedAt, today, timeZone, locale);
  return (
    <>
      <Button onClick={() => setAsking(true)}>Undo this sync</Button>
      <ConfirmDialog
        isOpen={asking}
        title={`Undo the sync of ${when}?`}
        confirmLabel={`Delete ${pluralize(job.created, 'worklog')}`}
        onConfirm={() => {
          setAsking(false);
          onUndo();
        }}
        onClose={() => setAsking(false)}
      >
        <p>
          This deletes the {pluralize(job.created, 'worklog')} the sync of {when} created in Jira. Their records stay in your timecard and show as not
          synced.
        </p>
        {job.updated ? <p>{pluralize(job.updated, 'worklog')} it only updated stay as they are.</p> : null}
      </ConfirmDialog>
    </>
  );
}

function countsText(counts: OutcomeCounts, preview: boolean): string {
  return countItems(preview)
    .map(([key, label]) => `${counts[key]} ${label}`)
    .join(', ');
}

/**
 * What a screen reader hears when the sync's state changes: one sentence per phase, and progress in
 * quarters (every poll would be too chatty; the progress bar holds the exact value). Worded apart
 * from the visible titles, which stay the page's own text.
 */
function bulkAnnouncement(phase: BulkController['phase'], error: string | null): string {
  if (error) return `That did not work: ${error}`;
  switch (phase.kind) {
    case 'idle':
      return '';
    case 'previewing':
      return `Checking ${pluralize(phase.total, 'record')} without writing…`;
    case 'preview':
      return `Preview ready: ${countsText(countOutcomes(phase.results), true)}. Nothing is written to Jira until you sync.`;
    case 'starting':
      return `Starting sync of ${pluralize(phase.recordIds.length, 'record')}…`;
    case 'running': {
      const { job } = phase;
      if (!job) return 'Waiting for the sync to start…';
      const quarter = job.total ? Math.floor((job.done * 4) / job.total) * 25 : 0;
      return `Syncing ${pluralize(job.total, 'record')}: ${quarter}% done.${job.waiting ? ` Waiting: ${job.waiting.message}` : ''}`;
    }
    case 'finished':
      return `${phase.job.cancelled ? 'Sync cancelled' : 'Sync complete'}, ${pluralize(phase.job.total, 'record')}: ${countsText(jobCounts(phase.job), false)}.`;
    case 'undoing':
      return 'Undoing this sync…';
    case 'undone':
      return `Undo complete: deleted ${pluralize(phase.undo.deleted, 'worklog')}${phase.undo.failed ? `; ${phase.undo.failed} could not be removed` : ''}.`;
  }
}

function jobCounts(job: BulkJob): OutcomeCounts {
  return { created: job.created, updated: job.updated, unchanged: job.unchanged, skipped: job.skipped, failed: job.failed };
}

export function BulkPanel(props: { bulk: BulkController; recordsById: ReadonlyMap<number, RecordView> }) {
  return (
    <>
      {/* Always in the page, so each change of its text is announced (a region added with its text is not). */}
      <div className="tc-visually-hidden" role="status" data-testid="bulk-status">
        {bulkAnnouncement(props.bulk.phase, props.bulk.error)}
      </div>
      <BulkPhase {...props} />
    </>
  );
}

function BulkPhase({
  bulk,
  recordsById,
}: {
  bulk: BulkController;
  recordsById: ReadonlyMap<number, RecordView>;
}) {
  const { phase, error } = bulk;
  const errorBox = error ? (
    <SectionMessage appearance="error" title="That did not work">
      <p>{error}</p>
    </SectionMessage>
  ) : null;

  switch (phase.kind) {
    case 'idle':
      return errorBox;
    case 'previewing':
      return (
        <div className="tc-bulk">
          <div className="tc-bulk-line">
            Checking {pluralize(phase.total, 'record')} without writing… {phase.done} of {phase.total}
          </div>
          <ProgressBar ariaLabel="Preview progress" value={phase.total ? phase.done / phase.total : 0} />
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
            title={allFail ? `Preview: all ${pluralize(counts.failed, 'record')} would fail; nothing has been written to Jira` : 'Preview: nothing has been written to Jira yet'}
          >
            <Counts counts={counts} preview />
            <ResultTable results={phase.results} recordsById={recordsById} preview caption="Preview results" />
            <div className="tc-actions">
              <Button appearance="primary" onClick={() => void bulk.sync(phase.recordIds)} isDisabled={willWrite === 0}>
                {syncLabel(willTry, phase.recordIds.length - willTry)}
              </Button>
              <Button appearance="subtle" onClick={bulk.dismiss}>
                Close preview
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
          <div className="tc-bulk-line">Starting sync of {pluralize(phase.recordIds.length, 'record')}…</div>
          <ProgressBar ariaLabel="Sync progress" isIndeterminate />
        </div>
      );
    case 'running': {
      const job = phase.job;
      return (
        <div className="tc-bulk">
          <div className="tc-bulk-line">
            {job ? (
              <>
                Syncing {pluralize(job.total, 'record')}: <strong>{job.done}</strong> of {job.total} done
                <span className="tc-subtle">
                  {' '}
                  · {job.succeeded} succeeded · {job.skipped} skipped · {job.failed} failed
                </span>
              </>
            ) : (
              'Waiting for the sync to start…'
            )}
          </div>
          <ProgressBar
            ariaLabel="Sync progress"
            isIndeterminate={!job || (job.state === 'queued' && job.done === 0)}
            value={job && job.total ? job.done / job.total : 0}
          />
          {job?.waiting ? (
            <SectionMessage appearance="warning" title="The sync is waiting">
              <p>{job.waiting.message}</p>
            </SectionMessage>
          ) : (
            <div className="tc-subtle">You can keep working; the sync runs in Jira even if you leave this page.</div>
          )}
          <div className="tc-actions">
            <Button onClick={() => void bulk.cancel()} isDisabled={bulk.cancelling}>
              {bulk.cancelling ? 'Cancelling…' : 'Cancel sync'}
            </Button>
          </div>
          {errorBox}
          {phase.pollError ? (
            <SectionMessage appearance="warning" title="Could not check progress">
              <p>{phase.pollError}</p>
              <Button onClick={bulk.resumePolling}>Check again</Button>
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
                ? `Sync cancelled: ${pluralize(job.succeeded, 'record')} synced before you cancelled`
                : allFailed
                  ? `Sync failed: all ${pluralize(failed.length, 'record')} failed, nothing was logged`
                : failed.length
                  ? `Sync finished: ${pluralize(failed.length, 'record')} failed`
                  : `Sync finished: ${pluralize(job.total, 'record')}`
            }
          >
            <Counts counts={jobCounts(job)} preview={false} />
            {failed.length ? (
              <>
                <h4 className="tc-h4">Failed</h4>
                <ResultTable results={failed} recordsById={recordsById} preview={false} caption="Failed records" />
              </>
            ) : null}
            {skipped.length ? (
              <>
                <h4 className="tc-h4">Skipped</h4>
                <ResultTable results={skipped} recordsById={recordsById} preview={false} caption="Skipped records" />
              </>
            ) : null}
            <div className="tc-actions">
              {failed.length ? (
                <Button appearance="primary" onClick={() => void bulk.retryFailed()}>
                  {`Retry failed (${failedIds(job).length})`}
                </Button>
              ) : null}
              {canUndo ? <UndoButton job={job} onUndo={() => void bulk.undo()} /> : null}
              <Button appearance="subtle" onClick={bulk.dismiss}>
                Close
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
          <Spinner size="small" label="Undoing" /> Undoing this sync: deleting the worklogs it wrote…
        </div>
      );
    case 'undone': {
      const { undo } = phase;
      return (
        <div className="tc-bulk">
          <SectionMessage
            appearance={undo.failed ? 'warning' : 'success'}
            title={
              undo.failed
                ? `Undo finished: ${pluralize(undo.failed, 'worklog')} could not be removed`
                : `Sync undone: ${pluralize(undo.deleted, 'worklog')} deleted`
            }
          >
            {undo.failed ? (
              <>
                <p>
                  {pluralize(undo.deleted, 'worklog')} deleted. These could not be undone; check them in Jira:
                </p>
                <ul className="tc-undo-failures" aria-label="Could not be undone">
                  {undo.failures.map((f) => (
                    <li key={f.recordId}>
                      <RecordLabel recordId={f.recordId} record={recordsById.get(f.recordId)} />: {f.message}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>The records are back to how they were before this sync.</p>
            )}
            {undo.kept.length > 0 ? (
              <>
                <p>Left in place (their worklogs existed before this sync, which only updated them):</p>
                <ul className="tc-undo-failures" aria-label="Left in place">
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
                Close
              </Button>
            </div>
          </SectionMessage>
          {errorBox}
        </div>
      );
    }
  }
}
