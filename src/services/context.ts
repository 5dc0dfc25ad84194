// Who is acting and where, as taken from the Forge resolver context (never from a payload).
import type { Deps, JiraPort } from './ports';

export interface Actor {
  accountId: string;
  /** The person's Jira time zone (Forge context `timezone`), falling back to UTC. */
  timeZone: string;
  /** The person's Jira locale (Forge context `locale`), for the sentences a result carries. */
  locale?: string;
  issueKey?: string;
  projectKey?: string;
  moduleType?: string;
}

/** Everything a use case needs: the adapters plus the acting person and their Jira client. */
export interface Session {
  deps: Deps;
  actor: Actor;
  jira: JiraPort;
  /** Groups the history entries one resolver call writes into one sync run (a bulk job's entries use its job id). */
  runId?: string;
}
