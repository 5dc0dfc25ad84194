import { memo, useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import type { RecordView } from '../../../../src/shared/contract';
import { hasWorklog } from '../../../../src/shared/ui/status';
import { useEnv } from '../env';
import { useMessages } from '../messages';
import { IssueBadge } from './badges';
import { IssueSearch } from './IssueSearch';
import { ErrorText } from './ErrorText';

export const IssueCell = memo(function IssueCell({
  record,
  onLink,
}: {
  record: RecordView;
  /** Links (issueKey) or unlinks (null); resolves with an error text or null. */
  onLink: (recordId: number, issueKey: string | null) => Promise<string | null>;
}) {
  const { reportError } = useEnv();
  const m = useMessages();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState<'accept' | 'unlink' | 'pick' | null>(null);
  const [error, setError] = useState<string | null>(null);
  // When the search closes (an issue chosen, Escape, Cancel), the focus goes back to the cell's
  // button that opened it ("Link issue", or "Change" once linked), not to the page.
  const trigger = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);
  useEffect(() => {
    if (editing || !returnFocus) return;
    trigger.current?.focus();
    setReturnFocus(false);
  }, [editing, returnFocus, record.issueKey]);
  const close = () => {
    setEditing(false);
    setReturnFocus(true);
  };

  const save = async (issueKey: string | null, how: 'accept' | 'unlink' | 'pick' = 'pick') => {
    setSaving(how);
    setError(null);
    try {
      const failure = await onLink(record.id, issueKey);
      if (failure) setError(failure);
      else if (editing) close();
    } catch (e) {
      setError(reportError(e));
    } finally {
      setSaving(null);
    }
  };

  const suggested = record.linkSource === 'suggested';

  if (editing) {
    return (
      <div>
        <IssueSearch
          label={m.t('issue.linkRecord', { id: record.id })}
          suggestions={record.suggestions}
          exclude={record.issueKey}
          onPick={(key) => void save(key)}
          onCancel={() => {
            close();
            setError(null);
          }}
        />
        {saving ? <div className="tc-subtle">{m.t('issue.saving')}</div> : null}
        <ErrorText error={error} />
      </div>
    );
  }

  return (
    <div className="tc-issue-cell">
      {record.issueKey ? (
        <>
          <IssueBadge
            issueKey={record.issueKey}
            summary={record.issueSummary}
            status={record.issueStatus}
            statusCategory={record.issueStatusCategory}
          />
          {suggested ? <span className="tc-subtle">{m.t('issue.suggested')}</span> : null}
          {/* plain buttons styled like Atlaskit's subtle compact ones: a month has ~1,000 rows */}
          <span className="tc-row-actions">
            {suggested ? (
              <button
                type="button"
                className="tc-row-action"
                onClick={() => void save(record.issueKey, 'accept')}
                disabled={saving !== null}
                title={m.t('issue.acceptTitle', { key: record.issueKey })}
              >
                {saving === 'accept' ? m.t('issue.accepting') : m.t('issue.accept')}
              </button>
            ) : null}
            <button type="button" className="tc-row-action" ref={trigger} onClick={() => setEditing(true)} disabled={saving !== null}>
              {m.t('issue.change')}
            </button>
            {/* A record with a worklog stays linked until it is unlogged: the server refuses to unlink it. */}
            {hasWorklog(record) ? null : (
              <button type="button" className="tc-row-action" onClick={() => void save(null, 'unlink')} disabled={saving !== null}>
                {saving === 'unlink' ? m.t('issue.unlinking') : m.t('issue.unlink')}
              </button>
            )}
          </span>
        </>
      ) : (
        <Button spacing="compact" ref={trigger} onClick={() => setEditing(true)}>
          {m.t('issue.linkIssue')}
        </Button>
      )}
      <ErrorText error={error} />
    </div>
  );
});
