// The project's issue list (Jira's "List" view), read from Jira as the chosen person.
import Lozenge from '@atlaskit/lozenge';
import Spinner from '@atlaskit/spinner';
import type { FrameEnv } from './App';
import { statusAppearance } from './App';
import type { Loaded } from './api';
import { TaskIcon } from './icons';
import { hrefFor, navigate } from './router';

export interface IssueFields {
  summary: string;
  status?: { name: string; statusCategory?: { key: string } };
  issuetype?: { name: string };
}

export interface SearchResult {
  issues: { id: string; key: string; fields: IssueFields }[];
}

export function ProjectIssues({ env, search }: { env: FrameEnv; search: Loaded<SearchResult> }) {
  const { project } = env.info;
  return (
    <div className="page">
      <div className="breadcrumbs">
        <span>Projects</span>
        <span className="breadcrumbs-sep">/</span>
        <span>{project.name}</span>
      </div>
      <h1 className="page-title">Issues</h1>
      {search.state === 'loading' ? (
        <Spinner size="medium" label="Loading issues" />
      ) : search.state === 'error' ? (
        <p className="error-text">Jira did not list the issues: {search.error}</p>
      ) : (
        <table className="issue-table" aria-label={`Issues of ${project.key}`}>
          <thead>
            <tr>
              <th style={{ width: 40 }}>Type</th>
              <th style={{ width: 100 }}>Key</th>
              <th>Summary</th>
              <th style={{ width: 140 }}>Status</th>
            </tr>
          </thead>
          <tbody>
            {search.data.issues.map((issue) => (
              <tr key={issue.key}>
                <td>
                  <TaskIcon />
                </td>
                <td>
                  <a href={hrefFor(`/browse/${issue.key}`)} onClick={(e) => (e.preventDefault(), navigate(`/browse/${issue.key}`))}>
                    {issue.key}
                  </a>
                </td>
                <td>
                  <a
                    className="quiet-link"
                    href={hrefFor(`/browse/${issue.key}`)}
                    onClick={(e) => (e.preventDefault(), navigate(`/browse/${issue.key}`))}
                  >
                    {issue.fields.summary}
                  </a>
                </td>
                <td>
                  <Lozenge appearance={statusAppearance(issue.fields.status?.statusCategory?.key)}>{issue.fields.status?.name ?? ''}</Lozenge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">
        Open an issue to see the <strong>Log from timecard</strong> panel beside its worklogs. You act as <strong>{env.person.displayName}</strong> (
        {env.person.role}); switch person at the top right.
      </p>
    </div>
  );
}
