// Project settings: whether automatic sync may log this project's records (project admins switch it; others read it).
import React, { useState } from 'react';
import { Box, Heading, SectionMessage, Stack, Text } from '@forge/react';
import { LabelledToggle } from '../common/LabelledToggle';
import { useMessages } from '../common/i18n';
import { asResolverError, callResolver } from '../common/invoke';

export function AutoSyncPolicy({ initial, canEdit }: { initial: boolean; canEdit: boolean }) {
  const m = useMessages().autoSync;
  const [allowed, setAllowed] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = async (next: boolean) => {
    setBusy(true);
    try {
      setAllowed((await callResolver('saveProjectAutoSync', { allowed: next })).allowed);
      setError(null);
    } catch (e) {
      setError(asResolverError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.100">
      <Heading size="small">{m.heading}</Heading>
      {canEdit ? (
        <Box>
          <LabelledToggle
            id="project-auto-sync"
            label={m.allowed}
            isChecked={allowed}
            isDisabled={busy}
            onChange={(checked) => void change(checked)}
          />
          <Text>{m.help}</Text>
        </Box>
      ) : (
        <Text>{m.readOnly(allowed)}</Text>
      )}
      {error ? (
        <SectionMessage appearance="error" title={m.saveFailed}>
          <Text>{error}</Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
