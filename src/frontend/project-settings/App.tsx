// Project settings page: one getProjectSettings call paints it; project admins edit, others read.
import React, { useCallback } from 'react';
import { Heading, SectionMessage, Stack, Text } from '@forge/react';
import type { ProjectSettings } from '../../shared/contract';
import { useMessages } from '../common/i18n';
import { callResolver } from '../common/invoke';
import { useResolver } from '../common/useResolver';
import { ErrorView, LoadingView } from '../common/StatusViews';
import { SettingsForm } from '../common/SettingsForm';
import { SettingsSummary } from '../common/SettingsSummary';
import { useImpactSave } from './useImpactSave';
import { AutoSyncPolicy } from './AutoSyncPolicy';

export function App() {
  const messages = useMessages();
  const { state, reload, update } = useResolver('getProjectSettings', {});

  const store = useCallback(
    async (settings: ProjectSettings) => {
      const result = await callResolver('saveProjectSettings', { settings });
      update((data) => ({ ...data, settings: result.settings }));
      return result.settings;
    },
    [update],
  );
  // Worklogs already logged that the change would write differently: asked about before saving.
  const { save, modal, progress } = useImpactSave(store);

  if (state.status === 'loading') return <LoadingView />;
  if (state.status === 'error') return <ErrorView error={state.error} onRetry={() => void reload()} />;
  const { data } = state;
  return (
    <Stack space="space.200">
      <Heading size="medium">{messages.settings.projectTitle(data.projectKey)}</Heading>
      <Text>{messages.settings.projectIntro}</Text>
      {data.canEdit ? (
        <Stack space="space.200">
          {progress}
          <SettingsForm initial={data.settings} idPrefix="project" onSave={save} />
          {modal}
        </Stack>
      ) : (
        <Stack space="space.200">
          <SectionMessage appearance="information" title={messages.settings.readOnlyTitle}>
            <Text>{data.reason ?? messages.settings.readOnlyDefault}</Text>
          </SectionMessage>
          <SettingsSummary settings={data.settings} />
        </Stack>
      )}
      {data.autoSyncAllowed === undefined ? null : <AutoSyncPolicy initial={data.autoSyncAllowed} canEdit={data.canEdit} />}
    </Stack>
  );
}
