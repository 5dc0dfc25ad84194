// Admin page: the timecard server's health and the site defaults, from one getSiteSettings call.
import React, { useCallback } from 'react';
import { Heading, Stack, Text } from '@forge/react';
import type { ProjectSettings } from '../../shared/contract';
import { useMessages } from '../common/i18n';
import { callResolver } from '../common/invoke';
import { useResolver } from '../common/useResolver';
import { ErrorView, LoadingView } from '../common/StatusViews';
import { SettingsForm } from '../common/SettingsForm';
import { SettingsSummary } from '../common/SettingsSummary';
import { ServerHealthView } from './ServerHealth';

export function App() {
  const messages = useMessages();
  const { state, reload, update } = useResolver('getSiteSettings', {});

  const save = useCallback(
    async (defaults: ProjectSettings) => {
      const result = await callResolver('saveSiteSettings', { settings: { defaults } });
      update((data) => ({ ...data, settings: result.settings }));
      return result.settings.defaults;
    },
    [update],
  );

  if (state.status === 'loading') return <LoadingView />;
  if (state.status === 'error') return <ErrorView error={state.error} onRetry={() => void reload()} />;
  const { data } = state;
  const a = messages.admin;
  return (
    <Stack space="space.300">
      <Heading size="medium">{a.title}</Heading>
      {data.server ? <ServerHealthView initial={data.server} /> : <Text>{a.healthAdminsOnly}</Text>}
      <Stack space="space.150">
        <Heading size="small">{a.defaultsHeading}</Heading>
        <Text>{a.defaultsIntro}</Text>
        {data.canEdit ? (
          <SettingsForm initial={data.settings.defaults} idPrefix="site" scope="site" onSave={save} />
        ) : (
          <Stack space="space.200">
            <Text>{a.adminsOnly}</Text>
            <SettingsSummary settings={data.settings.defaults} scope="site" />
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}
