// The person's own switch: links made in Jira written to the record's Jira issue in the timecard (off by default).
import { useEffect, useId, useRef, useState } from 'react';
import Toggle from '@atlaskit/toggle';
import { errorText } from '../bridge';
import { useMessages } from '../messages';
import { useEnv } from '../env';
import { ErrorText } from './ErrorText';

export function LinkWriteBackSwitch() {
  const { call } = useEnv();
  const m = useMessages();
  const fallbackError = m.t('common.somethingWentWrong');
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // Named by the words beside it. Atlaskit's toggle is its own <label>, so a <label for> would be a
  // second one (axe: form-field-multiple-labels), and its `label` prop names it by a hidden copy
  // (axe: label-title-only); it does not pass aria-labelledby on, so it is set on its input here.
  useEffect(() => input.current?.setAttribute('aria-labelledby', `${id}-label`));

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
    // Not disabled while it saves (that would drop the keyboard focus): a second press waits for the first.
    if (busy) return;
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
          ref={input}
          id={`${id}-toggle`}
          isChecked={enabled === true}
          isDisabled={enabled === null}
          onChange={(e) => void change(e.currentTarget.checked)}
          descriptionId={`${id}-help`}
        />
        <span id={`${id}-label`}>{m.t('writeBack.switchLabel')}</span>
      </div>
      <p className="tc-subtle" id={`${id}-help`}>
        {m.t('writeBack.switchHelp')}
      </p>
      <ErrorText error={error} />
    </div>
  );
}
