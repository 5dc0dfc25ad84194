import Link from '@atlaskit/link';
import Lozenge from '@atlaskit/lozenge';
import Tooltip from '@atlaskit/tooltip';
import type { HistoryOutcome, RecordStatus, SyncOutcome } from '../../../../src/shared/contract';
import { STATUS_APPEARANCE, type LozengeAppearance } from '../../../../src/shared/ui/status';
import { openIssue } from '../bridge';
import { useEnv } from '../env';
import { useMessages } from '../messages';

type Appearance = LozengeAppearance;

export function StatusLozenge({ status, message }: { status: RecordStatus; message?: string }) {
  const m = useMessages();
  const lozenge = <Lozenge appearance={STATUS_APPEARANCE[status]}>{m.t(`status.${status}`)}</Lozenge>;
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

/** Every outcome a history entry can have, with its lozenge (its words are `outcome.<name>` in the messages). */
export const OUTCOME_APPEARANCE: Record<HistoryOutcome, Appearance> = {
  created: 'success',
  updated: 'inprogress',
  unchanged: 'default',
  skipped: 'moved',
  failed: 'removed',
  deleted: 'default',
  adopted: 'new',
};

export function OutcomeLozenge({ outcome, preview = false }: { outcome: HistoryOutcome | SyncOutcome; preview?: boolean }) {
  const m = useMessages();
  return <Lozenge appearance={OUTCOME_APPEARANCE[outcome]}>{m.t(`outcome.${outcome}.${preview ? 'preview' : 'label'}`)}</Lozenge>;
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
