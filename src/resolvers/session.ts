// Builds the acting Session from a Forge resolver request: identity only from the context.
import { AppError } from '../domain/errors';
import { isValidTimeZone } from '../domain/time';
import type { Actor, Session } from '../services/context';
import type { Deps } from '../services/ports';

export interface ForgeContext {
  accountId?: string;
  timezone?: string;
  locale?: string;
  extension?: { type?: string; issue?: { key?: string }; project?: { key?: string } };
}

export async function sessionFrom(deps: Deps, context: ForgeContext | undefined): Promise<Session> {
  const accountId = context?.accountId;
  if (!accountId) throw new AppError('forbidden', 'Sign in to Jira to use Timecard for Jira.');
  const jira = deps.jira.asUser();
  const zone = context?.timezone && isValidTimeZone(context.timezone) ? context.timezone : undefined;
  const timeZone = zone ?? (await jira.myself().then((me) => me.timeZone).catch(() => 'UTC'));
  const extension = context?.extension ?? {};
  const actor: Actor = {
    accountId,
    timeZone: isValidTimeZone(timeZone) ? timeZone : 'UTC',
    ...(extension.issue?.key ? { issueKey: extension.issue.key } : {}),
    ...(extension.project?.key ? { projectKey: extension.project.key } : {}),
    ...(extension.type ? { moduleType: extension.type } : {}),
  };
  return { deps, actor, jira, runId: deps.newId() };
}
