// The person's own switch: links made in Jira written to the record's Jira issue in the timecard (off by default).
import { useEffect, useId, useState } from 'react';
import Toggle from '@atlaskit/toggle';
import { errorText } from '../bridge';
import { useMessages } from '../messages';
import { useEnv } from '../env';

export function LinkWriteBackSwitch() {
  const { call } = useEnv();
  const m = useMessages();
  const fallbackError = m.t('common.somethingWentWrong');
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    let live = true;
    call('getLinkWriteBack', {})
      .then((r) => live && setEnabled(r.enabled))
      .catch(() => live && setError(m.t('writeBack.loadFailed')));
    return () => {
      live = false;
    };
  }, [call, m]);

  const change = async (next: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setEnabled((await call('setLinkWriteBack', { enabled: next })).enabled);
    } catch (e) {
      setError(m.t('writeBack.saveFailed', { reason: errorText(e, fallbackError) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="tc-write-back">
      <div className="tc-write-back-row">
        <Toggle
          id={`${id}-toggle`}
          isChecked={enabled === true}
          isDisabled={enabled === null || busy}
          onChange={(e) => void change(e.currentTarget.checked)}
          descriptionId={`${id}-help`}
          label={m.t('writeBack.switchLabel')}
        />
        {/* The toggle is its own <label> (named by `label`): a second one would name it twice. */}
        <span>{m.t('writeBack.switchLabel')}</span>
      </div>
      <p className="tc-subtle" id={`${id}-help`}>
        {m.t('writeBack.switchHelp')}
      </p>
      {error ? (
        <div className="tc-error-text" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
