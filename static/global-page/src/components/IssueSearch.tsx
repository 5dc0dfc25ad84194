// Debounced issue search (Jira's issue picker behind `searchIssues`): recent issues first, then
// matches; keys the record's notes mention are offered on top. Arrow keys, Enter and Escape work.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import type { IssueSummary } from '../../../../src/shared/contract';
import { useEnv } from '../env';
import { useMessages } from '../messages';

const KEY_LIKE = /^[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]*$/;

interface Option {
  key: string;
  summary: string;
  status: string;
  group: 'Suggested' | 'Recent' | 'Matches';
}

export function recentFirst(issues: readonly IssueSummary[]): IssueSummary[] {
  return [...issues.filter((i) => i.recent), ...issues.filter((i) => !i.recent)];
}

export function IssueSearch({
  label,
  suggestions = [],
  exclude,
  onPick,
  onCancel,
}: {
  label: string;
  suggestions?: readonly string[];
  exclude?: string | null;
  onPick: (issueKey: string) => void;
  onCancel: () => void;
}) {
  const { call, searchDebounceMs, reportError } = useEnv();
  const m = useMessages();
  const linkToKey = m.t('search.linkToKey');
  const [query, setQuery] = useState('');
  const [issues, setIssues] = useState<IssueSummary[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const seq = useRef(0);
  const listId = useId();

  useEffect(() => {
    const q = query.trim();
    const handle = setTimeout(
      async () => {
        const mine = ++seq.current;
        setLoading(true);
        try {
          const answer = await call('searchIssues', { query: q });
          if (mine !== seq.current) return;
          setIssues(recentFirst(answer.issues));
          setError(null);
          setActive(0);
        } catch (e) {
          if (mine === seq.current) setError(reportError(e));
        } finally {
          if (mine === seq.current) setLoading(false);
        }
      },
      q === '' ? 0 : searchDebounceMs,
    );
    return () => clearTimeout(handle);
  }, [query, call, searchDebounceMs, reportError]);

  const options = useMemo<Option[]>(() => {
    const seen = new Set<string>(exclude ? [exclude] : []);
    const out: Option[] = [];
    const q = query.trim().toUpperCase();
    for (const key of suggestions) {
      if (seen.has(key) || (q && !key.includes(q))) continue;
      seen.add(key);
      const known = issues?.find((i) => i.key === key);
      out.push({ key, summary: known?.summary ?? '', status: known?.status ?? '', group: 'Suggested' });
    }
    for (const issue of issues ?? []) {
      if (seen.has(issue.key)) continue;
      seen.add(issue.key);
      out.push({ key: issue.key, summary: issue.summary, status: issue.status, group: issue.recent ? 'Recent' : 'Matches' });
    }
    if (KEY_LIKE.test(q) && !seen.has(q)) out.push({ key: q, summary: linkToKey, status: '', group: 'Matches' });
    return out;
  }, [issues, suggestions, exclude, query, linkToKey]);

  const choose = (index: number) => {
    const option = options[index];
    if (option) onPick(option.key);
  };

  return (
    <div className="tc-picker" role="group" aria-label={label}>
      <div className="tc-picker-row">
        <Textfield
          autoFocus
          isCompact
          aria-label={m.t('search.label')}
          placeholder={m.t('search.placeholder')}
          value={query}
          role="combobox"
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={options[active] ? `${listId}-${active}` : undefined}
          onChange={(e) => setQuery((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(options.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              choose(active);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onCancel();
            }
          }}
          elemAfterInput={
            loading ? (
              <span className="tc-picker-spinner">
                <Spinner size="small" label={m.t('search.searching')} />
              </span>
            ) : null
          }
        />
        <Button spacing="compact" appearance="subtle" onClick={onCancel}>
          {m.t('common.cancel')}
        </Button>
      </div>
      {error ? <div className="tc-error-text">{error}</div> : null}
      <ul className="tc-picker-list" role="listbox" id={listId} aria-label={m.t('search.list')}>
        {options.map((o, i) => (
          <li
            key={o.key}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'is-active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(i)}
          >
            {i === 0 || options[i - 1]?.group !== o.group ? <span className="tc-picker-group">{m.t(`search.groups.${o.group}`)}</span> : null}
            <span className="tc-picker-key">{o.key}</span>
            <span className="tc-picker-summary">{o.summary}</span>
            {o.status ? <span className="tc-picker-status">{o.status}</span> : null}
          </li>
        ))}
        {issues && options.length === 0 && !loading ? <li className="tc-picker-empty">{m.t('search.noMatches')}</li> : null}
      </ul>
    </div>
  );
}
