import { useState } from 'react';
import Button from '@atlaskit/button/new';
import type { RecordView } from '../../../../src/shared/contract';
import { useEnv } from '../env';
import { IssueBadge } from './badges';
import { IssueSearch } from './IssueSearch';

export function IssueCell({
  record,
  onLink,
}: {
  record: RecordView;
  /** Links (issueKey) or unlinks (null); resolves with an error text or null. */
  onLink: (recordId: number, issueKey: string | null) => Promise<string | null>;
}) {
  const { reportError } = useEnv();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (issueKey: string | null) => {
    setSaving(true);
    setError(null);
    try {
      const failure = await onLink(record.id, issueKey);
      if (failure) setError(failure);
      else setEditing(false);
    } catch (e) {
      setError(reportError(e));
    } finally {
      setSaving(false);
    }
  };

  if (editing) {
    return (
      <div>
        <IssueSearch
          label={`Link record ${record.id} to an issue`}
          suggestions={record.suggestions}
          exclude={record.issueKey}
          onPick={(key) => void save(key)}
          onCancel={() => {
            setEditing(false);
            setError(null);
          }}
        />
        {saving ? <div className="tc-subtle">Saving…</div> : null}
        {error ? <div className="tc-error-text" role="alert">{error}</div> : null}
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
          {record.linkSource === 'suggested' ? <span className="tc-subtle">suggested</span> : null}
          <span className="tc-row-actions">
            <Button spacing="compact" appearance="subtle" onClick={() => setEditing(true)} isDisabled={saving}>
              Change
            </Button>
            <Button spacing="compact" appearance="subtle" onClick={() => void save(null)} isLoading={saving}>
              Unlink
            </Button>
          </span>
        </>
      ) : (
        <Button spacing="compact" onClick={() => setEditing(true)}>
          Link issue
        </Button>
      )}
      {error ? <div className="tc-error-text" role="alert">{error}</div> : null}
    </div>
  );
}
