// The connected issue panel: toolbar, messages, the records table and the confirmations.
import React, { useCallback, useMemo, useState } from 'react';
import { Box, Button, EmptyState, ProgressBar, SectionMessage, Stack, Text } from '@forge/react';
import type { RecordView, Result } from '../../shared/contract';
import { useMessages } from '../common/i18n';
import type { Zone } from '../common/format';
import { ConfirmModal } from '../common/ConfirmModal';
import { ErrorView } from '../common/StatusViews';
import { RecordsList } from './RecordsList';
import { Toolbar } from './Toolbar';
import { usePanelActions, type BulkState } from './usePanelActions';
import { isPeriod, logAllCandidates, sumSeconds, type Period } from './records';

export interface PanelViewProps {
  data: Result<'getIssuePanel'>;
  zone: Zone;
  reloading: boolean;
  onPeriod: (days: Period) => void;
  onRecords: (records: RecordView[]) => void;
  onGone: (recordIds: number[]) => void;
}

function BulkProgress({ bulk }: { bulk: BulkState }) {
  const messages = useMessages();
  if (bulk.running) {
    return (
      <Stack space="space.050">
        <Text>{messages.panel.logAllProgress(bulk.done, bulk.total)}</Text>
        <ProgressBar ariaLabel={messages.panel.logAllProgressLabel} value={bulk.total === 0 ? 1 : bulk.done / bulk.total} />
      </Stack>
    );
  }
  const problems = bulk.counts.failed > 0 || bulk.stopped !== null;
  return (
    <SectionMessage appearance={problems ? 'warning' : 'success'} title={messages.panel.summaryTitle}>
      <Text>{messages.panel.summary(bulk.counts)}</Text>
      {bulk.stopped ? <Text>{messages.panel.summaryStopped(bulk.done, bulk.total)}</Text> : null}
    </SectionMessage>
  );
}

export function PanelView({ data, zone, reloading, onPeriod, onRecords, onGone }: PanelViewProps) {
  const messages = useMessages();
  const actions = usePanelActions({ issueKey: data.issueKey, onRecords, onGone });
  const [unreadableDismissed, setUnreadableDismissed] = useState(false);
  const [requestedDays, setRequestedDays] = useState<Period>(isPeriod(data.days) ? data.days : 30);
  const days = reloading ? requestedDays : isPeriod(data.days) ? data.days : requestedDays;
  const canWrite = data.canLogWork && data.settings.enabled;
  const candidates = useMemo(() => logAllCandidates(data.records, data.issueKey), [data.records, data.issueKey]);
  const bulkRunning = actions.bulk?.running === true;
  const { reset } = actions;

  const changePeriod = useCallback(
    (next: Period) => {
      setRequestedDays(next);
      reset();
      onPeriod(next);
    },
    [onPeriod, reset],
  );

  const confirmation = actions.confirmation;
  let modal: React.ReactNode = null;
  if (confirmation?.kind === 'unlog') {
    modal = (
      <ConfirmModal
        title={messages.panel.unlogTitle}
        body={messages.panel.unlogBody(messages.common.duration(confirmation.record.loggedSeconds))}
        confirmLabel={messages.panel.unlogConfirm}
        appearance="danger"
        onConfirm={actions.confirm}
        onCancel={actions.cancel}
      />
    );
  } else if (confirmation?.kind === 'removeWorklog') {
    modal = (
      <ConfirmModal
        title={messages.panel.removeWorklogTitle}
        body={messages.panel.removeWorklogBody(messages.common.duration(confirmation.record.loggedSeconds))}
        confirmLabel={messages.panel.action.removeWorklog}
        appearance="danger"
        onConfirm={actions.confirm}
        onCancel={actions.cancel}
      />
    );
  } else if (confirmation?.kind === 'logAll') {
    const count = confirmation.records.length;
    const total = messages.common.duration(sumSeconds(confirmation.records, (r) => r.roundedSeconds ?? r.durationSeconds));
    modal = (
      <ConfirmModal
        title={messages.panel.logAllTitle}
        body={messages.panel.logAllBody(count, total)}
        confirmLabel={messages.panel.logAllConfirm(count)}
        onConfirm={actions.confirm}
        onCancel={actions.cancel}
      />
    );
  }

  const empty = data.records.length === 0;
  return (
    <Stack space="space.200">
      <Toolbar
        days={days}
        totals={empty ? null : data.totals}
        logAllCount={canWrite ? candidates.length : 0}
        logAllRunning={bulkRunning}
        logAllDisabled={bulkRunning || reloading || actions.busy.size > 0}
        periodDisabled={bulkRunning}
        onPeriod={changePeriod}
        onLogAll={() => actions.askLogAll(candidates)}
      />
      {data.canLogWork && !data.settings.enabled ? (
        <SectionMessage appearance="information">
          <Text>{messages.panel.projectDisabled}</Text>
        </SectionMessage>
      ) : null}
      {data.unreadable.length > 0 && !unreadableDismissed ? (
        <SectionMessage appearance="warning" title={messages.panel.unreadableTitle}>
          <Stack space="space.100" alignInline="start">
            {data.unreadable.map((sentence, index) => (
              <Text key={index}>{sentence}</Text>
            ))}
            <Button spacing="compact" onClick={() => setUnreadableDismissed(true)}>
              {messages.panel.dismiss}
            </Button>
          </Stack>
        </SectionMessage>
      ) : null}
      {data.warnings.length > 0 ? (
        <SectionMessage appearance="warning">
          {data.warnings.map((warning, index) => (
            <Text key={index}>{warning}</Text>
          ))}
        </SectionMessage>
      ) : null}
      {/* Always rendered, so a screen reader announces the error or the Log all summary when it appears
          inside (a status region that appears with its text is not read). The progress stays outside:
          read at every record it would drown the rest. */}
      <Box role="status" testId="panel-status">
        {actions.notice ? <Text>{actions.notice}</Text> : null}
        {actions.actionError ? <ErrorView error={actions.actionError} title={messages.panel.actionFailedTitle} /> : null}
        {actions.bulk && !actions.bulk.running ? <BulkProgress bulk={actions.bulk} /> : null}
      </Box>
      {actions.bulk?.running ? <BulkProgress bulk={actions.bulk} /> : null}
      {empty ? (
        <EmptyState header={messages.panel.emptyTitle(days)} description={messages.panel.emptyHint(data.issueKey)} />
      ) : (
        <RecordsList
          records={data.records}
          zone={zone}
          rules={{ issueKey: data.issueKey, canWrite }}
          busy={actions.busy}
          locked={bulkRunning}
          rowMessages={actions.rowMessages}
          isLoading={reloading}
          onAction={actions.onAction}
        />
      )}
      {modal}
    </Stack>
  );
}
