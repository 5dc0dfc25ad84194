import Link from '@atlaskit/link';
import Lozenge from '@atlaskit/lozenge';
import Tooltip from '@atlaskit/tooltip';
import type { HistoryOutcome, RecordStatus, SyncOutcome } from '../../../../src/shared/contract';
import { STATUS_APPEARANCE, type LozengeAppearance } from '../../../../src/shared/ui/status';
import { STATUS_LABEL } from '../../../../src/frontend/common/status';
import { openIssue } from '../bridge';
import { useEnv } from '../env';

type Appearance = LozengeAppearance;

export function StatusLozenge({ status, message }: { status: RecordStatus; message?: string }) {
  const lozenge = <Lozenge appearance={STATUS_APPEARANCE[status]}>{STATUS_LABEL[status]}</Lozenge>;
  if (!message) return lozenge;
  return (
    <Tooltip content={message}>
      {(props) => (
        <span {...props} tabIndex={0} className="tc-tip-target">
          {lozenge}
        </span>
      )}
    </Tooltip>
  );
}

export const OUTCOME: Record<HistoryOutcome, { label: string; preview: string; appearance: Appearance }> = {
  created: { label: 'Created', preview: 'Would create', appearance: 'success' },
  updated: { label: 'Updated', preview: 'Would update', appearance: 'inprogress' },
  unchanged: { label: 'Unchanged', preview: 'No change', appearance: 'default' },
  skipped: { label: 'Skipped', preview: 'Would skip', appearance: 'moved' },
  failed: { label: 'Failed', preview: 'Would fail', appearance: 'removed' },
  deleted: { label: 'Deleted', preview: 'Would delete', appearance: 'default' },
  adopted: { label: 'Adopted', preview: 'Would adopt', appearance: 'new' },
};

export function OutcomeLozenge({ outcome, preview = false }: { outcome: HistoryOutcome | SyncOutcome; preview?: boolean }) {
  const o = OUTCOME[outcome];
  return <Lozenge appearance={o.appearance}>{preview ? o.preview : o.label}</Lozenge>;
}

function categoryAppearance(category: string | undefined): Appearance {
  const c = (category ?? '').toLowerCase();
  if (c === 'done' || c === 'complete') return 'success';
  if (c === 'indeterminate' || c === 'in progress' || c === 'inprogress') return 'inprogress';
  return 'default';
}

export function IssueKeyLink({ issueKey, summary }: { issueKey: string; summary?: string }) {
  const { siteUrl } = useEnv();
  const href = siteUrl ? `${siteUrl.replace(/\/$/, '')}/browse/${issueKey}` : `/browse/${issueKey}`;
  const link = (
    <Link
      href={href}
      onClick={(e) => {
        e.preventDefault();
        openIssue(issueKey);
      }}
    >
      {issueKey}
    </Link>
  );
  if (!summary) return link;
  return (
    <Tooltip content={`${issueKey}: ${summary}`}>
      {(props) => (
        <span {...props} className="tc-tip-target">
          {link}
        </span>
      )}
    </Tooltip>
  );
}

export function IssueBadge({
  issueKey,
  summary,
  status,
  statusCategory,
}: {
  issueKey: string;
  summary?: string;
  status?: string;
  statusCategory?: string;
}) {
  return (
    <span className="tc-issue-badge">
      <IssueKeyLink issueKey={issueKey} summary={summary} />
      {status ? <Lozenge appearance={categoryAppearance(statusCategory)}>{status}</Lozenge> : null}
    </span>
  );
}
