// A record the person must decide about: in conflict (changed in the timecard, its worklog edited
// in Jira: both versions side by side, keep one) or deleted in the timecard (remove its worklog
// after a confirmation, or keep it). Nothing is written before the person chooses.
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import type { RecordView, WorklogVersion } from '../../../../src/shared/contract';
import { useEnv } from '../env';
import { formatTime } from '../format';
import { useMessages } from '../messages';
import ConfirmDialog from './ConfirmDialog';
import { ErrorText } from './ErrorText';

export type RecordChoiceAction = 'keepJira' | 'keepTimecard' | 'removeWorklog' | 'keepWorklog';

function Version({ title, version }: { title: string; version: WorklogVersion }) {
  const m = useMessages();
  const { timeZone, locale } = useEnv();
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(version.started));
  return (
    <div className="tc-version" role="group" aria-label={title}>
      <div className="tc-version-title">{title}</div>
      <div>{m.t('choice.start', { when: `${day} ${formatTime(version.started, { timeZone, locale })}` })}</div>
      <div>{m.t('choice.time', { time: m.duration(version.seconds) })}</div>
      <div className="tc-wrap">{version.comment ? m.t('choice.comment', { text: version.comment }) : m.t('choice.noComment')}</div>
    </div>
  );
}

export function RecordChoice({
  record,
  onChoice,
}: {
  record: RecordView;
  onChoice: (record: RecordView, action: RecordChoiceAction) => Promise<string | null>;
}) {
  const m = useMessages();
  const [working, setWorking] = useState<RecordChoiceAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const actions: RecordChoiceAction[] = record.status === 'conflict' ? ['keepTimecard', 'keepJira'] : ['removeWorklog', 'keepWorklog'];

  const run = async (action: RecordChoiceAction) => {
    setWorking(action);
    setError(null);
    const failure = await onChoice(record, action);
    setWorking(null);
    setConfirming(false);
    if (failure) setError(failure);
  };

  return (
    <div className="tc-choice" data-testid={`choice-${record.id}`}>
      {record.conflict ? (
        <>
          <div className="tc-subtle">{m.t('choice.bothChanged')}</div>
          <div className="tc-versions">
            <Version title={m.t('choice.inJira')} version={record.conflict.jira} />
            <Version title={m.t('choice.inTimecard')} version={record.conflict.timecard} />
          </div>
        </>
      ) : record.status === 'deleted-in-timecard' ? (
        <div className="tc-subtle tc-wrap">{m.t('choice.goneFromTimecard')}</div>
      ) : null}
      <div className="tc-choice-actions">
        {actions.map((action) => (
          <Button
            key={action}
            spacing="compact"
            appearance={action === 'keepTimecard' ? 'primary' : 'default'}
            isLoading={working === action}
            isDisabled={working !== null}
            onClick={() => (action === 'removeWorklog' ? setConfirming(true) : void run(action))}
          >
            {m.t(`choice.${action}`)}
          </Button>
        ))}
      </div>
      <ErrorText error={error} />
      <ConfirmDialog
        isOpen={confirming}
        title={m.t('choice.removeTitle')}
        confirmLabel={m.t('choice.removeWorklog')}
        isWorking={working === 'removeWorklog'}
        onConfirm={() => void run('removeWorklog')}
        onClose={() => setConfirming(false)}
      >
        {m.t('choice.removeBody', { time: m.duration(record.loggedSeconds) })}
      </ConfirmDialog>
    </div>
  );
}
