import { memo, useState } from 'react';
import Button from '@atlaskit/button/new';
import type { RecordView } from '../../../../src/shared/contract';
import { useEnv } from '../env';
import { IssueBadge } from './badges';
import { IssueSearch } from './IssueSearch';

export const IssueCell = memo(function IssueCell({
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
          {/* plain buttons styled like Atlaskit's subtle compact ones: a month has ~1,000 rows */}
          <span className="tc-row-actions">
            <button type="button" className="tc-row-action" onClick={() => setEditing(true)} disabled={saving}>
              Change
            </button>
            <button type="button" className="tc-row-action" onClick={() => void save(null)} disabled={saving}>
              {saving ? 'Unlinking…' : 'Unlink'}
            </button>
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
});
