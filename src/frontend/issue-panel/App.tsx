// Issue panel "Log from timecard": one getIssuePanel call paints it.
import React, { useCallback } from 'react';
import { useProductContext } from '@forge/react';
import type { RecordView } from '../../shared/contract';
import { useMessages } from '../common/i18n';
import { makeZone } from '../common/format';
import { useResolver } from '../common/useResolver';
import { ConnectPrompt, ErrorView, LoadingView } from '../common/StatusViews';
import { PanelView } from './PanelView';
import { applyRecords, removeRecords, type Period } from './records';

export function App() {
  const messages = useMessages();
  const context = useProductContext();
  const { state, reload, update } = useResolver('getIssuePanel', {});

  const onRecords = useCallback((records: RecordView[]) => update((data) => ({ ...data, ...applyRecords(data, records) })), [update]);
  const onGone = useCallback((ids: number[]) => update((data) => ({ ...data, ...removeRecords(data, ids) })), [update]);
  const onPeriod = useCallback((days: Period) => void reload({ days }), [reload]);

  if (state.status === 'loading') return <LoadingView />;
  if (state.status === 'error') return <ErrorView error={state.error} onRetry={() => void reload()} />;
  const { data } = state;
  if (!data.connected) return <ConnectPrompt title={messages.panel.notConnectedTitle} body={messages.panel.notConnectedBody} />;
  const zone = makeZone(data.timeZone || context?.timezone, context?.locale);
  return <PanelView data={data} zone={zone} reloading={state.reloading} onPeriod={onPeriod} onRecords={onRecords} onGone={onGone} />;
}
