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

type Connection = Result<'getConnection'>;

// Our own words where the code says it all. `server-unreachable` is not here: the server's message
// names what failed (the address, a timeout, a TLS or DNS error), which a fixed sentence would hide.
const CODE_TEXT: Record<string, string> = {
  'bad-credentials': 'The timecard server did not accept that username and password.',
  'not-configured': 'The timecard server address has not been set up yet. Ask your Jira admin.',
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
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (connection.connected) {
    return (
      <div className="tc-screen tc-narrow">
        <SectionMessage appearance="success" title="Your timecard account is connected">
          <p>
            Signed in as <strong>{connection.username}</strong> on <code>{connection.serverUrl}</code>. Worklogs are written
            to Jira as you.
          </p>
        </SectionMessage>
        {error ? (
          <SectionMessage appearance="error" title="Could not disconnect">
            <p>{error}</p>
          </SectionMessage>
        ) : null}
        <div className="tc-actions">
          <Button onClick={() => void disconnect()} isLoading={busy}>
            Disconnect
          </Button>
        </div>
        <p className="tc-subtle">
          Disconnecting removes the saved sign-in. Worklogs already in Jira stay where they are.
        </p>
        <LinkWriteBackSwitch />
      </div>
    );
  }

  return (
    <div className="tc-screen tc-narrow">
      {!connection.configured ? (
        <SectionMessage appearance="warning" title="The timecard server is not set up">
          <p>{CODE_TEXT['not-configured']}</p>
        </SectionMessage>
      ) : null}
      {reason ? (
        <SectionMessage appearance="warning" title="Sign in to your timecard again">
          <p>{reason}</p>
        </SectionMessage>
      ) : null}
      <h2 className="tc-h2">Connect your timecard account</h2>
      <p className="tc-subtle">
        Your username and password go once to <code>{connection.serverUrl || 'the timecard server'}</code> and are not
        stored; the app keeps only a sign-in token.
      </p>
      <Form<{ username: string; password: string }>
        onSubmit={async ({ username, password }) => {
          setError(null);
          try {
            const result = await call('connectTimecard', { username, password });
            onChange({ ...connection, connected: true, username: result.username });
          } catch (e) {
            setError(CODE_TEXT[errorCode(e) ?? ''] ?? errorText(e));
            if (errorCode(e) === 'bad-credentials') setWrongPassword((n) => n + 1);
          }
        }}
      >
        {({ formProps, submitting }) => (
          <form {...formProps} aria-label="Connect timecard">
            <Field name="username" label="Timecard username" isRequired defaultValue="">
              {({ fieldProps }) => <Textfield {...fieldProps} autoComplete="username" />}
            </Field>
            <Field name="password" label="Password" isRequired defaultValue="">
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
                <SectionMessage appearance="error" title="Not connected">
                  <p>{error}</p>
                </SectionMessage>
              </div>
            ) : null}
            <FormFooter align="start">
              <Button type="submit" appearance="primary" isLoading={submitting} isDisabled={!connection.configured}>
                Connect
              </Button>
            </FormFooter>
          </form>
        )}
      </Form>
    </div>
  );
}
