// The records of the issue panel as a compact list that reads from 320 px up: one row per record
// (day and time, duration → will log, status, one primary action), the rest on demand (notes, link,
// the status in words, secondary actions). Built from UI Kit's layout primitives only.
import React, { useState } from 'react';
import { Box, Button, Inline, LoadingButton, Lozenge, Stack, Text, xcss } from '@forge/react';
import type { RecordView, WorklogVersion } from '../../shared/contract';
import { useMessages } from '../common/i18n';
import { formatDay, formatTime, formatTimeRange, type Zone } from '../common/format';
import { NOT_LOGGABLE, STATUS_APPEARANCE } from '../common/status';
import { splitActions, type ActionRules, type RowAction } from './records';

export interface RowMessage {
  tone: 'error' | 'information' | 'success';
  text: string;
}

export interface RecordsListProps {
  records: RecordView[];
  zone: Zone;
  rules: ActionRules;
  /** The action running on a row, by record id. */
  busy: ReadonlyMap<number, RowAction>;
  /** Every row action is disabled (a bulk log is running). */
  locked: boolean;
  rowMessages: ReadonlyMap<number, RowMessage>;
  isLoading: boolean;
  onAction: (record: RecordView, action: RowAction) => void;
}

/** Rows shown at first and added by each "Show more". */
const PAGE_SIZE = 20;

const ACTION_APPEARANCE: Record<RowAction, 'primary' | 'default' | 'subtle'> = {
  log: 'primary',
  resync: 'primary',
  acceptLog: 'primary',
  unlog: 'default',
  linkHere: 'default',
  unlink: 'subtle',
  keepTimecard: 'primary',
  keepJira: 'default',
  removeWorklog: 'default',
  keepWorklog: 'default',
  cancelRetry: 'subtle',
};

const TONE_COLOR: Record<RowMessage['tone'], 'color.text.danger' | 'color.text.subtle' | 'color.text.success'> = {
  error: 'color.text.danger',
  information: 'color.text.subtle',
  success: 'color.text.success',
};

const rowStyle = xcss({
  borderBottomWidth: 'border.width',
  borderBottomStyle: 'solid',
  borderBottomColor: 'color.border',
  paddingBlock: 'space.100',
  minWidth: '0',
});

const versionStyle = xcss({
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.small',
  padding: 'space.075',
  minWidth: '0',
});

const detailsStyle = xcss({
  backgroundColor: 'color.background.neutral.subtle.hovered',
  borderRadius: 'radius.small',
  padding: 'space.100',
  minWidth: '0',
});

function notesOf(record: RecordView, notAvailable: string): string {
  const notes = record.notes.trim();
  if (notes !== '') return notes;
  const attributes = [record.domain, record.category, record.title].filter((part): part is string => !!part && part.trim() !== '');
  return attributes.length > 0 ? attributes.join(' / ') : notAvailable;
}

/** What a sync would log; nothing for a record that is not logged as it is (still running, too short). */
function willLog(record: RecordView): number | null {
  return NOT_LOGGABLE.has(record.status) ? null : record.roundedSeconds;
}

interface RowProps {
  record: RecordView;
  zone: Zone;
  props: RecordsListProps;
}

function ActionButton({ record, action, props }: { record: RecordView; action: RowAction; props: RecordsListProps }) {
  const messages = useMessages();
  const running = props.busy.get(record.id);
  return (
    <LoadingButton
      testId={action === 'cancelRetry' ? `record-${record.id}-cancel-retry` : undefined}
      spacing="compact"
      appearance={ACTION_APPEARANCE[action]}
      isLoading={running === action}
      isDisabled={props.locked || running !== undefined}
      onClick={() => props.onAction(record, action)}
    >
      {action === 'cancelRetry' ? messages.panel.retries.cancel : messages.panel.action[action]}
    </LoadingButton>
  );
}

/** One version of the worklog (Jira's, or the timecard's) as the person compares them. */
function VersionView({ title, version, zone, testId }: { title: string; version: WorklogVersion; zone: Zone; testId: string }) {
  const messages = useMessages();
  return (
    <Box xcss={versionStyle} testId={testId}>
      <Stack space="space.025">
        <Text weight="medium">{title}</Text>
        <Text size="small">{messages.panel.conflictStart(`${formatDay(version.started, zone)} ${formatTime(version.started, zone)}`)}</Text>
        <Text size="small">{messages.panel.conflictTime(messages.common.duration(version.seconds))}</Text>
        <Text size="small">{messages.panel.conflictComment(version.comment)}</Text>
      </Stack>
    </Box>
  );
}

/** A conflict's two versions side by side (one under the other when narrow) and the person's choice. */
function ChoiceView({ record, choices, zone, props }: { record: RecordView; choices: RowAction[]; zone: Zone; props: RecordsListProps }) {
  const messages = useMessages();
  const id = `record-${record.id}`;
  return (
    <Stack space="space.075" testId={`${id}-choice`}>
      {record.conflict ? (
        <>
          <Text size="small" weight="medium">
            {messages.panel.conflictTitle}
          </Text>
          <Inline space="space.100" shouldWrap>
            <VersionView title={messages.panel.conflictJira} version={record.conflict.jira} zone={zone} testId={`${id}-jira-version`} />
            <VersionView title={messages.panel.conflictTimecard} version={record.conflict.timecard} zone={zone} testId={`${id}-timecard-version`} />
          </Inline>
        </>
      ) : record.message ? (
        <Text size="small">{record.message}</Text>
      ) : null}
      <Inline space="space.050" shouldWrap>
        {choices.map((action) => (
          <ActionButton key={action} record={record} action={action} props={props} />
        ))}
      </Inline>
    </Stack>
  );
}

function RecordRow({ record, zone, props }: RowProps) {
  const messages = useMessages();
  const [open, setOpen] = useState(false);
  const { primary, choices, secondary } = splitActions(record, props.rules);
  const rowMessage = props.rowMessages.get(record.id);
  const id = `record-${record.id}`;
  return (
    <Box role="listitem" testId={id} xcss={rowStyle}>
      <Stack space="space.075">
        <Inline space="space.100" spread="space-between" alignBlock="start">
          <Stack space="space.0" testId={`${id}-when`}>
            <Text weight="medium">{formatDay(record.start, zone)}</Text>
            <Text size="small" color="color.text.subtle">
              {formatTimeRange(record.start, record.end, zone, messages.panel)}
            </Text>
          </Stack>
          <Lozenge appearance={STATUS_APPEARANCE[record.status]} testId={`${id}-status`}>
            {messages.status[record.status]}
          </Lozenge>
        </Inline>
        <Inline space="space.100" spread="space-between" alignBlock="center" shouldWrap>
          <Inline space="space.050" alignBlock="center">
            <Text testId={`${id}-duration`}>{messages.common.duration(record.durationSeconds)}</Text>
            <Text color="color.text.subtlest">{messages.panel.arrow}</Text>
            <Text weight="medium" testId={`${id}-will-log`}>
              {messages.common.duration(willLog(record))}
            </Text>
          </Inline>
          <Inline space="space.050" alignBlock="center">
            {primary ? <ActionButton record={record} action={primary} props={props} /> : null}
            <Button spacing="compact" appearance="subtle" onClick={() => setOpen((was) => !was)}>
              {open ? messages.panel.hideDetails : messages.panel.details}
            </Button>
          </Inline>
        </Inline>
        {choices.length > 0 ? <ChoiceView record={record} choices={choices} zone={zone} props={props} /> : null}
        {record.retry ? (
          <Inline space="space.050" alignBlock="center" shouldWrap>
            <Text size="small" color="color.text.subtle" testId={`${id}-retry`}>
              {messages.panel.retries.willRetryAt(`${formatDay(record.retry.nextAt, zone)} ${formatTime(record.retry.nextAt, zone)}`)}
            </Text>
            <ActionButton record={record} action="cancelRetry" props={props} />
          </Inline>
        ) : null}
        {/* Always there, so what an action did is read out when it appears inside. */}
        <Box role="status" testId={`${id}-message`}>
          {rowMessage ? (
            <Text size="small" color={TONE_COLOR[rowMessage.tone]}>
              {rowMessage.text}
            </Text>
          ) : null}
        </Box>
        {open ? (
          <Box xcss={detailsStyle} testId={`${id}-details`}>
            <Stack space="space.075">
              <Text testId={`${id}-notes`}>{notesOf(record, messages.common.notAvailable)}</Text>
              <Text size="small" color="color.text.subtle" testId={`${id}-link`}>
                {messages.linkSource[record.linkSource ?? 'none']}
              </Text>
              {record.message ? (
                <Text size="small" color="color.text.subtle">
                  {record.message}
                </Text>
              ) : null}
              {secondary.length > 0 ? (
                <Inline space="space.050" shouldWrap>
                  {secondary.map((action) => (
                    <ActionButton key={action} record={record} action={action} props={props} />
                  ))}
                </Inline>
              ) : null}
            </Stack>
          </Box>
        ) : null}
      </Stack>
    </Box>
  );
}

export function RecordsList(props: RecordsListProps) {
  const messages = useMessages();
  const { records, zone } = props;
  const [limit, setLimit] = useState(PAGE_SIZE);
  const shown = records.slice(0, limit);
  const more = records.length - shown.length;
  return (
    <Stack space="space.100">
      <Box role="list" testId="records-list">
        {shown.map((record) => (
          <RecordRow key={record.id} record={record} zone={zone} props={props} />
        ))}
      </Box>
      {props.isLoading ? <Text color="color.text.subtle">{messages.common.loading}</Text> : null}
      {more > 0 ? (
        <Box>
          <Button appearance="subtle" onClick={() => setLimit((n) => n + PAGE_SIZE)}>
            {messages.panel.showMore(Math.min(more, PAGE_SIZE), more)}
          </Button>
        </Box>
      ) : null}
    </Stack>
  );
}
