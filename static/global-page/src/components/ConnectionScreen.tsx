// Lazy-loaded (Atlaskit form). Connect the person's timecard account (credentials go once to the timecard server; only the
// refresh token is kept, server-side), see who is connected, disconnect.
import { useEffect, useId, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Form, { Field, FormFooter } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import type { Result } from '../../../../src/shared/contract';
import { errorCode, errorText } from '../bridge';
import { useEnv } from '../env';
import { LinkWriteBackSwitch } from './LinkWriteBackSwitch';
import { useMessages, type TextKey } from '../messages';

type Connection = Result<'getConnection'>;

// Our own words where the code says it all. `server-unreachable` is not here: the server's message
// names what failed (the address, a timeout, a TLS or DNS error), which a fixed sentence would hide.
const CODE_TEXT: Record<string, TextKey> = {
  'bad-credentials': 'connection.badCredentials',
  'not-configured': 'connection.notConfigured',
};

export default function ConnectionScreen({
  connection,
  reason,
  onChange,
}: {
  connection: Connection;
  /** Why the person is asked to connect (for example, the session expired). */
  reason: string | null;
  onChange: (connection: Connection) => void;
}) {
  const { call } = useEnv();
  const m = useMessages();
  const fallbackError = m.t('common.somethingWentWrong');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** A wrong password: the field is marked and gets the focus back, with the error read out as its description. */
  const [wrongPassword, setWrongPassword] = useState(0);
  const password = useRef<HTMLInputElement>(null);
  const errorId = useId();

  useEffect(() => {
    if (!wrongPassword) return;
    password.current?.focus();
    password.current?.select();
  }, [wrongPassword]);

  const disconnect = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('disconnectTimecard', {});
      onChange({ ...connection, connected: false, username: undefined });
    } catch (e) {
      setError(errorText(e, fallbackError));
    } finally {
      setBusy(false);
    }
  };

  if (connection.connected) {
    return (
      <div className="tc-screen tc-narrow">
        <SectionMessage appearance="success" title={m.t('connection.connectedTitle')}>
          <p>
            {m.rich('connection.signedInAs', {
              username: <strong key="username">{connection.username}</strong>,
              server: <code key="server">{connection.serverUrl}</code>,
            })}
          </p>
        </SectionMessage>
        {error ? (
          <SectionMessage appearance="error" title={m.t('connection.disconnectFailed')}>
            <p>{error}</p>
          </SectionMessage>
        ) : null}
        <div className="tc-actions">
          <Button onClick={() => void disconnect()} isLoading={busy}>
            {m.t('connection.disconnect')}
          </Button>
        </div>
        <p className="tc-subtle">{m.t('connection.disconnectNote')}</p>
        <LinkWriteBackSwitch />
      </div>
    );
  }

  return (
    <div className="tc-screen tc-narrow">
      {!connection.configured ? (
        <SectionMessage appearance="warning" title={m.t('connection.notSetUpTitle')}>
          <p>{m.t('connection.notConfigured')}</p>
        </SectionMessage>
      ) : null}
      {reason ? (
        <SectionMessage appearance="warning" title={m.t('connection.signInAgainTitle')}>
          <p>{reason}</p>
        </SectionMessage>
      ) : null}
      <h2 className="tc-h2">{m.t('connection.heading')}</h2>
      <p className="tc-subtle">
        {m.rich('connection.credentialsNote', { server: <code key="server">{connection.serverUrl || m.t('connection.theServer')}</code> })}
      </p>
      <Form<{ username: string; password: string }>
        onSubmit={async ({ username, password }) => {
          setError(null);
          try {
            const result = await call('connectTimecard', { username, password });
            onChange({ ...connection, connected: true, username: result.username });
          } catch (e) {
            const known = CODE_TEXT[errorCode(e) ?? ''];
            setError(known ? m.t(known) : errorText(e, fallbackError));
            if (errorCode(e) === 'bad-credentials') setWrongPassword((n) => n + 1);
          }
        }}
      >
        {({ formProps, submitting }) => (
          <form {...formProps} aria-label={m.t('connection.formLabel')}>
            <Field name="username" label={m.t('connection.username')} isRequired defaultValue="">
              {({ fieldProps }) => <Textfield {...fieldProps} autoComplete="username" />}
            </Field>
            <Field name="password" label={m.t('connection.password')} isRequired defaultValue="">
              {({ fieldProps }) => (
                <Textfield
                  {...fieldProps}
                  ref={password}
                  type="password"
                  autoComplete="current-password"
                  isInvalid={wrongPassword > 0 && error !== null}
                  aria-describedby={error ? `${fieldProps['aria-describedby'] ?? ''} ${errorId}`.trim() : fieldProps['aria-describedby']}
                />
              )}
            </Field>
            {error ? (
              <div className="tc-form-error" id={errorId} role="alert">
                <SectionMessage appearance="error" title={m.t('connection.notConnected')}>
                  <p>{error}</p>
                </SectionMessage>
              </div>
            ) : null}
            <FormFooter align="start">
              <Button type="submit" appearance="primary" isLoading={submitting} isDisabled={!connection.configured}>
                {m.t('connection.connect')}
              </Button>
            </FormFooter>
          </form>
        )}
      </Form>
    </div>
  );
}
