// Above the records: the period, the totals and "Log all not synced (N)".
import React from 'react';
import { Box, Inline, Label, LoadingButton, Select, Stack, Text } from '@forge/react';
import type { Totals } from '../../shared/contract';
import { useMessages } from '../common/i18n';
import { PERIODS, isPeriod, type Period } from './records';

export const PERIOD_FIELD_ID = 'timecard-panel-period';

export interface ToolbarProps {
  days: Period;
  totals: Totals | null;
  logAllCount: number;
  logAllRunning: boolean;
  logAllDisabled: boolean;
  periodDisabled: boolean;
  onPeriod: (days: Period) => void;
  onLogAll: () => void;
}

export function Toolbar(props: ToolbarProps) {
  const messages = useMessages();
  const periodOptions = PERIODS.map((days) => ({ label: messages.panel.periodOption(days), value: days }));
  const selected = periodOptions.find((option) => option.value === props.days) ?? periodOptions[0];
  return (
    <Stack space="space.100">
      <Inline space="space.200" alignBlock="end" spread="space-between" shouldWrap>
        <Box>
          <Label labelFor={PERIOD_FIELD_ID}>{messages.panel.periodLabel}</Label>
          <Select
            id={PERIOD_FIELD_ID}
            options={periodOptions}
            value={selected}
            isDisabled={props.periodDisabled}
            onChange={(option: { value: unknown } | null) => {
              if (option && isPeriod(option.value) && option.value !== props.days) props.onPeriod(option.value);
            }}
          />
        </Box>
        {props.totals && props.logAllCount > 0 ? (
          <LoadingButton appearance="primary" isLoading={props.logAllRunning} isDisabled={props.logAllDisabled} onClick={props.onLogAll}>
            {messages.panel.logAll(props.logAllCount)}
          </LoadingButton>
        ) : null}
      </Inline>
      {props.totals ? (
        <Inline space="space.200" shouldWrap>
          <Text>{messages.panel.totalsTracked(messages.common.duration(props.totals.trackedSeconds))}</Text>
          <Text>{messages.panel.totalsLogged(messages.common.duration(props.totals.loggedSeconds))}</Text>
          <Text>{messages.panel.totalsNotLogged(messages.common.duration(props.totals.notLoggedSeconds))}</Text>
        </Inline>
      ) : null}
    </Stack>
  );
}
