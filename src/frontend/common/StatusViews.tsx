// Loading, error and "connect your timecard" views shared by the UI Kit surfaces.
import React from 'react';
import { Button, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import { useMessages } from './i18n';
import { loadingLabelFor } from '../../shared/i18n/loadingLabel';
import { needsReconnect, type ResolverError } from './invoke';
import { openTimecardPage } from './navigation';

/** A spinner labelled in the surface's language; outside LocalizedSurface (its texts still loading), for `locale`. */
export function LoadingView({ locale }: { locale?: string | null }) {
  const messages = useMessages();
  return <Spinner size="large" label={locale === undefined ? messages.common.loading : loadingLabelFor(locale)} />;
}

/** A short explanation and the one button that leads to the global page, where accounts are connected. */
export function ConnectPrompt({ title, body }: { title: string; body: string }) {
  const messages = useMessages();
  return (
    <SectionMessage appearance="information" title={title}>
      <Stack space="space.100" alignInline="start">
        <Text>{body}</Text>
        <Button appearance="primary" onClick={() => void openTimecardPage()}>
          {messages.common.openTimecardPage}
        </Button>
      </Stack>
    </SectionMessage>
  );
}

export function ReconnectPrompt() {
  const messages = useMessages();
  return <ConnectPrompt title={messages.common.reconnectTitle} body={messages.common.reconnectBody} />;
}

/** A resolver error with its sentence and Retry; errors that need a reconnect lead to the global page instead. */
export function ErrorView({ error, onRetry, title }: { error: ResolverError; onRetry?: () => void; title?: string }) {
  const messages = useMessages();
  if (needsReconnect(error)) return <ReconnectPrompt />;
  return (
    <SectionMessage appearance="error" title={title ?? messages.common.errorTitle}>
      <Stack space="space.100" alignInline="start">
        <Text>{error.message}</Text>
        {onRetry ? <Button onClick={onRetry}>{messages.common.retry}</Button> : null}
      </Stack>
    </SectionMessage>
  );
}
