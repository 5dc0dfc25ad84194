import type { Result } from '../shared/contract';
import type { Session } from './context';

export async function searchIssues(session: Session, query: string): Promise<Result<'searchIssues'>> {
  return { issues: await session.jira.pickIssues(query.trim()) };
}
