// A record waiting for a retry without the person (it failed for a passing reason; ADR 0028): when
// it is tried again, in the person's zone and language, and "Don't retry" (a real button: Tab, Enter).
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import type { RecordView } from '../../../../src/shared/contract';
import { useEnv } from '../env';
import { formatDateTime, formatTime } from '../format';
import { useMessages } from '../messages';
import { ErrorText } from './ErrorText';

export function RetryNote({ record, onCancel }: { record: RecordView; onCancel: (record: RecordView) => Promise<string | null> }) {
  const m = useMessages();
  const { timeZone, locale } = useEnv();
  const [working, setWorking] = useState(false);
  const [outcome, setOutcome] = useState<{ error: string } | 'cancelled' | null>(null);
  if (outcome === 'cancelled')
    return (
      <div className="tc-subtle tc-wrap" role="status">
        {m.t('retries.cancelled')}
      </div>
    );
  if (!record.retry) return null;
  const cancel = async () => {
    setWorking(true);
    const error = await onCancel(record);
    setWorking(false);
    setOutcome(error === null ? 'cancelled' : { error });
  };
  return (
    <div className="tc-subtle tc-wrap" data-testid={`retry-${record.id}`}>
      {m.t('retries.willRetryAt', { at: formatDateTime(record.retry.nextAt, timeZone, locale) })}{' '}
      <Button
        spacing="compact"
        appearance="subtle"
        isLoading={working}
        aria-label={m.t('retries.cancelLabel', { time: formatTime(record.start, { timeZone, locale }) })}
        onClick={() => void cancel()}
      >
        {m.t('retries.cancel')}
      </Button>
      <ErrorText error={outcome?.error} />
    </div>
  );
}
