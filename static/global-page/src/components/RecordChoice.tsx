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

export type RecordChoiceAction = 'keepJira' | 'keepTimecard' | 'removeWorklog' | 'keepWorklog';

const LABEL: Record<RecordChoiceAction, string> = {
  keepJira: 'Keep Jira’s',
  keepTimecard: 'Keep the timecard’s',
  removeWorklog: 'Remove the worklog',
  keepWorklog: 'Keep it',
};

function Version({ title, version }: { title: string; version: WorklogVersion }) {
  const m = useMessages();
  const { timeZone, locale } = useEnv();
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(version.started));
  return (
    <div className="tc-version" role="group" aria-label={title}>
      <div className="tc-version-title">{title}</div>
      <div>
        Start: {day} {formatTime(version.started, { timeZone, locale })}
      </div>
      <div>Time: {m.duration(version.seconds)}</div>
      <div className="tc-wrap">Comment: {version.comment || '(none)'}</div>
    </div>
  );
}

export function RecordChoice({ record, onChoice }: { record: RecordView; onChoice: (record: RecordView, action: RecordChoiceAction) => Promise<string | null> }) {
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
          <div className="tc-subtle">Changed in both places: which one stays?</div>
          <div className="tc-versions">
            <Version title="In Jira" version={record.conflict.jira} />
            <Version title="In your timecard" version={record.conflict.timecard} />
          </div>
        </>
      ) : record.status === 'deleted-in-timecard' ? (
        <div className="tc-subtle tc-wrap">No longer in your timecard; its worklog is still in Jira.</div>
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
            {LABEL[action]}
          </Button>
        ))}
      </div>
      {error ? (
        <div className="tc-error-text" role="alert">
          {error}
        </div>
      ) : null}
      <ConfirmDialog
        isOpen={confirming}
        title="Remove this worklog from Jira?"
        confirmLabel="Remove the worklog"
        isWorking={working === 'removeWorklog'}
        onConfirm={() => void run('removeWorklog')}
        onClose={() => setConfirming(false)}
      >
        The record is no longer in your timecard. This deletes its worklog in Jira ({m.duration(record.loggedSeconds)}); it cannot be logged again from the
        timecard.
      </ConfirmDialog>
    </div>
  );
}
