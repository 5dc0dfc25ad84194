// Saving project settings that change worklogs already logged: count them first
// (previewSettingsImpact), let the admin choose to update them, then update them in bounded calls
// (updateLoggedWorklogs) with progress until none is left.
import React, { useCallback, useRef, useState } from 'react';
import { Checkbox, HelperMessage, ProgressBar, SectionMessage, Stack, Text } from '@forge/react';
import type { ProjectSettings, Result } from '../../shared/contract';
import { ConfirmModal } from '../common/ConfirmModal';
import { asResolverError, callResolver, type ResolverError } from '../common/invoke';
import { useMessages } from '../common/i18n';
import { ErrorView } from '../common/StatusViews';

type Impact = Result<'previewSettingsImpact'>;
type Choice = 'save' | 'save-and-update' | 'cancel';

interface UpdateRun {
  running: boolean;
  total: number;
  updated: number;
  leftAlone: number;
  failed: { issueKey: string; message: string }[];
  stalled: boolean;
  error: ResolverError | null;
}

/** Calls without progress before the run gives up (the records stay busy with other syncs). */
const MAX_IDLE_CALLS = 3;
const UPDATE_CHECKBOX_ID = 'project-settings-update-logged';

export function useImpactSave(store: (settings: ProjectSettings) => Promise<ProjectSettings>) {
  const messages = useMessages();
  const [asking, setAsking] = useState<Impact | null>(null);
  const [alsoUpdate, setAlsoUpdate] = useState(false);
  const [run, setRun] = useState<UpdateRun | null>(null);
  const answer = useRef<((choice: Choice) => void) | null>(null);

  const updateLogged = useCallback(async (total: number) => {
    let state: UpdateRun = { running: true, total, updated: 0, leftAlone: 0, failed: [], stalled: false, error: null };
    setRun(state);
    let idle = 0;
    try {
      for (;;) {
        const step = await callResolver('updateLoggedWorklogs', {});
        state = { ...state, updated: state.updated + step.updated, leftAlone: step.leftAlone, failed: [...state.failed, ...step.failed] };
        setRun(state);
        if (step.remaining === 0) break;
        idle = step.updated === 0 ? idle + 1 : 0;
        if (idle >= MAX_IDLE_CALLS) {
          state = { ...state, stalled: true };
          break;
        }
      }
    } catch (error) {
      state = { ...state, error: asResolverError(error) };
    }
    setRun({ ...state, running: false });
  }, []);

  const save = useCallback(
    async (settings: ProjectSettings): Promise<ProjectSettings | null> => {
      const impact = await callResolver('previewSettingsImpact', { settings });
      if (impact.affected === 0) return store(settings);
      setAlsoUpdate(false);
      setAsking(impact);
      const choice = await new Promise<Choice>((resolve) => {
        answer.current = resolve;
      });
      setAsking(null);
      if (choice === 'cancel') return null;
      const stored = await store(settings);
      if (choice === 'save-and-update') void updateLogged(impact.outdated);
      return stored;
    },
    [store, updateLogged],
  );

  const choose = (choice: Choice) => {
    answer.current?.(choice);
    answer.current = null;
  };

  const modal = asking ? (
    <ConfirmModal
      title={messages.settings.impactTitle}
      body={messages.settings.impactBody(asking.affected, asking.complete)}
      confirmLabel={messages.settings.impactConfirm}
      onConfirm={() => choose(alsoUpdate ? 'save-and-update' : 'save')}
      onCancel={() => choose('cancel')}
    >
      {asking.unknown > 0 ? <Text>{messages.settings.impactUnknown(asking.unknown)}</Text> : null}
      <Stack space="space.050">
        <Checkbox
          id={UPDATE_CHECKBOX_ID}
          label={messages.settings.impactUpdate(asking.outdated)}
          isChecked={alsoUpdate}
          onChange={(event: { target: { checked?: boolean } }) => setAlsoUpdate(!!event.target.checked)}
        />
        <HelperMessage>{messages.settings.impactUpdateHelp}</HelperMessage>
      </Stack>
    </ConfirmModal>
  ) : null;

  return { save, modal, progress: run ? <UpdateProgress run={run} /> : null };
}

function UpdateProgress({ run }: { run: UpdateRun }) {
  const messages = useMessages();
  if (run.running) {
    return (
      <Stack space="space.050">
        <Text>{messages.settings.updateProgress(run.updated, run.total)}</Text>
        <ProgressBar ariaLabel={messages.settings.updateProgressLabel} value={run.total === 0 ? 1 : Math.min(1, run.updated / run.total)} />
      </Stack>
    );
  }
  if (run.error) return <ErrorView error={run.error} title={messages.settings.updateFailedTitle} />;
  const problems = run.failed.length > 0 || run.stalled;
  return (
    <SectionMessage
      appearance={problems ? 'warning' : 'success'}
      title={problems ? messages.settings.updateFailedTitle : messages.settings.updateDoneTitle}
    >
      <Stack space="space.050">
        <Text>{messages.settings.updateDone(run.updated, run.leftAlone)}</Text>
        {run.failed.map((failure, index) => (
          <Text key={index}>{messages.settings.updateFailed(failure.issueKey, failure.message)}</Text>
        ))}
        {run.stalled ? <Text>{messages.settings.updateStalled}</Text> : null}
      </Stack>
    </SectionMessage>
  );
}
