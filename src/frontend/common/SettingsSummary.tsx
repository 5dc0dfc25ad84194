// Settings shown read-only, for people who may not change them.
import React from 'react';
import { Inline, Stack, Text } from '@forge/react';
import type { ProjectSettings } from '../../shared/contract';
import { useMessages } from './i18n';

export function SettingsSummary({ settings, scope = 'project' }: { settings: ProjectSettings; scope?: 'project' | 'site' }) {
  const messages = useMessages();
  const s = messages.settings;
  const labels = scope === 'site' ? s.site : s;
  const onOff = (value: boolean) => (value ? messages.common.yes : messages.common.no);
  const rows: [string, string][] = [
    [labels.enabled, onOff(settings.enabled)],
    [s.roundingMode, s.roundingModes[settings.roundingMode]],
    [s.roundingIncrement, s.incrementOption(settings.roundingIncrementMinutes)],
    [s.minimum, messages.common.duration(settings.minimumSeconds)],
    [s.commentTemplate, settings.commentTemplate.trim() === '' ? messages.common.notAvailable : settings.commentTemplate],
    [s.estimatePolicy, s.estimatePolicies[settings.estimatePolicy]],
    [s.notifyWatchers, onOff(settings.notifyWatchers)],
    [labels.domains, settings.domains.length > 0 ? settings.domains.join(', ') : messages.common.notAvailable],
  ];
  return (
    <Stack space="space.100">
      {rows.map(([label, value]) => (
        <Inline key={label} space="space.100">
          <Text weight="semibold">{label}</Text>
          <Text>{value}</Text>
        </Inline>
      ))}
    </Stack>
  );
}
