// The timecard server the app talks to: address, whether it answers now and how fast.
import React, { useState } from 'react';
import { Code, Heading, Inline, LoadingButton, Lozenge, SectionMessage, Stack, Text } from '@forge/react';
import type { ServerHealth } from '../../shared/contract';
import { useMessages } from '../common/i18n';
import { asResolverError, callResolver, type ResolverError } from '../common/invoke';
import { ErrorView } from '../common/StatusViews';

export function ServerHealthView({ initial }: { initial: ServerHealth }) {
  const messages = useMessages();
  const [server, setServer] = useState(initial);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const a = messages.admin;

  async function check() {
    if (checking) return;
    setChecking(true);
    setError(null);
    try {
      setServer((await callResolver('checkTimecardServer', {})).server);
    } catch (failure) {
      setError(asResolverError(failure));
    } finally {
      setChecking(false);
    }
  }

  return (
    <Stack space="space.150">
      <Heading size="small">{a.serverHeading}</Heading>
      {!server.configured ? (
        <SectionMessage appearance="warning" title={a.notConfiguredTitle}>
          <Text>{a.notConfiguredBody}</Text>
        </SectionMessage>
      ) : (
        <Stack space="space.100">
          <Inline space="space.100" alignBlock="center">
            <Text weight="semibold">{a.serverUrl}</Text>
            <Code>{server.url}</Code>
          </Inline>
          <Inline space="space.100" alignBlock="center">
            <Lozenge appearance={server.reachable ? 'success' : 'removed'}>{server.reachable ? a.reachable : a.unreachable}</Lozenge>
            {server.reachable && server.latencyMs !== null ? <Text>{a.latency(server.latencyMs)}</Text> : null}
          </Inline>
          {/* The lozenge and the latency already say it answers; the server's words only add why when it does not. */}
          {!server.reachable && server.message ? <Text>{server.message}</Text> : null}
        </Stack>
      )}
      {error ? <ErrorView error={error} /> : null}
      <Inline>
        <LoadingButton isLoading={checking} onClick={() => void check()}>
          {a.checkAgain}
        </LoadingButton>
      </Inline>
    </Stack>
  );
}
