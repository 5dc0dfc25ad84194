// Builds the acting Session from a Forge resolver request: identity only from the context, and the
// context itself checked as strictly as a payload (a forged or odd value is refused, never used).
import { z } from 'zod';
import { localizedError, type AppError } from '../domain/errors';
import type { LocalizedText } from '../domain/localizedText';
import { isValidTimeZone } from '../domain/time';
import { ISSUE_KEY_PATTERN, PROJECT_KEY_PATTERN } from '../shared/contract';
import type { Actor, Session } from '../services/context';
import type { Deps } from '../services/ports';
import { projectKeyOf } from '../services/settings';

export interface ForgeContext {
  accountId?: string;
  timezone?: string;
  locale?: string;
  extension?: { type?: string; issue?: { key?: string }; project?: { key?: string } };
}

/** Atlassian account ids: at most 128 characters of letters, digits, `:`, `_` and `-`. */
const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9:_-]{1,128}$/;
const LOCALE_PATTERN = /^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,3}$/;

const REFUSED = {
  accountId: { key: 'errors.session.refused.accountId' },
  issue: { key: 'errors.session.refused.issue' },
  project: { key: 'errors.session.refused.project' },
  timezone: { key: 'errors.session.refused.timezone' },
  locale: { key: 'errors.session.refused.locale' },
  extension: { key: 'errors.session.refused.extension' },
};

// Only the fields the app reads are checked; Forge adds many more (cloudId, moduleKey, …).
const ContextSchema = z.looseObject({
  accountId: z.string().regex(ACCOUNT_ID_PATTERN),
  timezone: z.string().max(64).refine(isValidTimeZone).nullish(),
  locale: z.string().regex(LOCALE_PATTERN).nullish(),
  extension: z
    .looseObject({
      type: z.string().max(100).nullish(),
      issue: z.looseObject({ key: z.string().regex(ISSUE_KEY_PATTERN).nullish() }).nullish(),
      project: z.looseObject({ key: z.string().regex(PROJECT_KEY_PATTERN).nullish() }).nullish(),
    })
    .nullish(),
});

/** The sentence for the first refused field (by its path, never the validator's words). */
function refusal(path: PropertyKey[]): LocalizedText {
  const [first, second] = path;
  if (first === 'accountId' || first === 'timezone' || first === 'locale') return REFUSED[first];
  if (first === 'extension' && (second === 'issue' || second === 'project')) return REFUSED[second];
  return REFUSED.extension;
}

function invalidContext(text: LocalizedText): AppError {
  return localizedError('invalid-context', text);
}

/** The context's fields the app uses, or `invalid-context` with a sentence (`forbidden` when no one is signed in). */
export function checkedContext(context: unknown): z.infer<typeof ContextSchema> {
  const accountId = (context as ForgeContext | undefined)?.accountId;
  if (accountId === undefined || accountId === null || accountId === '') throw localizedError('forbidden', { key: 'errors.session.signIn' });
  const parsed = ContextSchema.safeParse(context);
  if (!parsed.success) throw invalidContext(refusal(parsed.error.issues[0]?.path ?? []));
  const { issue, project } = parsed.data.extension ?? {};
  if (issue?.key && project?.key && projectKeyOf(issue.key) !== project.key) {
    throw invalidContext({ key: 'errors.session.issueNotInProject', params: { issueKey: issue.key, projectKey: project.key } });
  }
  return parsed.data;
}

export async function sessionFrom(deps: Deps, context: ForgeContext | undefined): Promise<Session> {
  const checked = checkedContext(context);
  const { accountId } = checked;
  const jira = deps.jira.asUser();
  const timeZone =
    checked.timezone ??
    (await jira
      .myself()
      .then((me) => me.timeZone)
      .catch(() => 'UTC'));
  const extension = checked.extension ?? {};
  const actor: Actor = {
    accountId,
    timeZone: isValidTimeZone(timeZone) ? timeZone : 'UTC',
    ...(checked.locale ? { locale: checked.locale } : {}),
    ...(extension.issue?.key ? { issueKey: extension.issue.key } : {}),
    ...(extension.project?.key ? { projectKey: extension.project.key } : {}),
    ...(extension.type ? { moduleType: extension.type } : {}),
  };
  return { deps, actor, jira, runId: deps.newId() };
}
