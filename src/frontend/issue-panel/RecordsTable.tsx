// The records of the issue panel as a DynamicTable. Cell contents are plain UI Kit elements
// (DynamicTable evaluates function components in cells outside React, so no hooks here).
import React from 'react';
import { DynamicTable, Inline, LoadingButton, Lozenge, Stack, Text } from '@forge/react';
import type { RecordView } from '../../shared/contract';
import { messages } from '../common/messages';
import { formatDay, formatDuration, formatSeconds, formatTimeRange, type Zone } from '../common/format';
import { NOT_LOGGABLE, STATUS_APPEARANCE } from '../common/status';
import { actionsFor, type ActionRules, type RowAction } from './records';

export interface RowMessage {
  tone: 'error' | 'information' | 'success';
  text: string;
}

export interface RecordsTableProps {
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

const ACTION_APPEARANCE: Record<RowAction, 'primary' | 'default' | 'subtle'> = {
  log: 'primary',
  resync: 'primary',
  unlog: 'default',
  linkHere: 'default',
  unlink: 'subtle',
};

const TONE_COLOR: Record<RowMessage['tone'], 'color.text.danger' | 'color.text.subtle' | 'color.text.success'> = {
  error: 'color.text.danger',
  information: 'color.text.subtle',
  success: 'color.text.success',
};

function notesOf(record: RecordView): string {
  const notes = record.notes.trim();
  if (notes !== '') return notes;
  const attributes = [record.domain, record.category, record.title].filter((part): part is string => !!part && part.trim() !== '');
  return attributes.length > 0 ? attributes.join(' / ') : messages.common.notAvailable;
}

/** What a sync would log; nothing for a record that is not logged as it is (still running, too short). */
function willLog(record: RecordView): number | null {
  return NOT_LOGGABLE.has(record.status) ? null : record.roundedSeconds;
}

function linkLabel(record: RecordView): string {
  return messages.linkSource[record.linkSource ?? 'none'];
}

function statusCell(record: RecordView, rowMessage: RowMessage | undefined) {
  return (
    <Stack space="space.050" alignInline="start">
      <Lozenge appearance={STATUS_APPEARANCE[record.status]}>{messages.status[record.status]}</Lozenge>
      {record.message ? (
        <Text size="small" color="color.text.subtle">
          {record.message}
        </Text>
      ) : null}
      {rowMessage ? (
        <Text size="small" color={TONE_COLOR[rowMessage.tone]}>
          {rowMessage.text}
        </Text>
      ) : null}
    </Stack>
  );
}

function actionsCell(record: RecordView, props: RecordsTableProps) {
  const actions = actionsFor(record, props.rules);
  if (actions.length === 0) return <Text>{messages.common.notAvailable}</Text>;
  const running = props.busy.get(record.id);
  return (
    <Inline space="space.050" shouldWrap>
      {actions.map((action) => (
        <LoadingButton
          key={action}
          spacing="compact"
          appearance={ACTION_APPEARANCE[action]}
          isLoading={running === action}
          isDisabled={props.locked || running !== undefined}
          onClick={() => props.onAction(record, action)}
        >
          {messages.panel.action[action]}
        </LoadingButton>
      ))}
    </Inline>
  );
}

export function RecordsTable(props: RecordsTableProps) {
  const { records, zone } = props;
  const column = messages.panel.column;
  const head = {
    cells: [
      { key: 'when', content: column.when },
      { key: 'duration', content: column.duration },
      { key: 'willLog', content: column.willLog },
      { key: 'notes', content: column.notes },
      { key: 'link', content: column.link },
      { key: 'status', content: column.status },
      { key: 'actions', content: column.actions },
    ],
  };
  const rows = records.map((record) => ({
    key: String(record.id),
    cells: [
      {
        key: 'when',
        content: (
          <Stack space="space.0">
            <Text>{formatDay(record.start, zone)}</Text>
            <Text size="small" color="color.text.subtle">
              {formatTimeRange(record.start, record.end, zone)}
            </Text>
          </Stack>
        ),
      },
      { key: 'duration', content: <Text>{formatDuration(record.durationSeconds)}</Text> },
      { key: 'willLog', content: <Text>{formatSeconds(willLog(record))}</Text> },
      { key: 'notes', content: <Text maxLines={3}>{notesOf(record)}</Text> },
      { key: 'link', content: <Text>{linkLabel(record)}</Text> },
      { key: 'status', content: statusCell(record, props.rowMessages.get(record.id)) },
      { key: 'actions', content: actionsCell(record, props) },
    ],
  }));
  return (
    <DynamicTable
      label={messages.panel.tableCaption}
      head={head}
      rows={rows}
      rowsPerPage={20}
      isLoading={props.isLoading}
    />
  );
}
