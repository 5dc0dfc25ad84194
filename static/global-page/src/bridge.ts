// The only module that talks to @forge/bridge. Everything else gets `call` through PageEnv.
import { i18n, invoke, router, view } from '@forge/bridge';
import { makeTypedInvoke, ResolverError } from '../../../src/shared/typedInvoke';
import { safeTimeZone, toIntlLocale } from './format';
import { resourceLocale, type Lookup } from './messages';

export const call = makeTypedInvoke((functionKey, payload) => invoke(functionKey, payload));
export type Call = typeof call;

export interface PageContext {
  accountId: string | null;
  timeZone: string;
  locale: string;
  siteUrl: string | null;
}

export async function loadContext(): Promise<PageContext> {
  const ctx = (await view.getContext()) as unknown as {
    accountId?: string;
    timezone?: string;
    locale?: string;
    siteUrl?: string;
  };
  return {
    accountId: ctx?.accountId ?? null,
    timeZone: safeTimeZone(ctx?.timezone),
    locale: toIntlLocale(ctx?.locale),
    siteUrl: ctx?.siteUrl ?? null,
  };
}

/**
 * The page's texts in `locale`, through Forge's i18n: the bridge reads the resources of the
 * manifest's `translations` that Forge serves beside the page (`__LOCALES__/`), falling back as the
 * manifest says. Null when they cannot be read: the page then speaks its bundled English.
 */
export async function loadTranslations(locale: string): Promise<Lookup | null> {
  try {
    const translate = await i18n.createTranslationFunction(resourceLocale(locale));
    const missing = '\u0000';
    return (key) => {
      const text = translate(`globalPage.${key}`, missing);
      return text === missing ? null : text;
    };
  } catch {
    return null;
  }
}

/** Follows Jira's theme (light/dark) inside the iframe; harmless where the host does not support it. */
export function enableTheming(): void {
  try {
    void Promise.resolve(view.theme.enable()).catch(() => undefined);
  } catch {
    // not available outside Jira
  }
}

/** Opens an issue in a new tab so the page keeps its selection and any running job. */
export function openIssue(key: string): void {
  try {
    void Promise.resolve(router.open(`/browse/${encodeURIComponent(key)}`)).catch(() => undefined);
  } catch {
    // not available outside Jira
  }
}

export { ResolverError };

export function errorCode(error: unknown): string | null {
  return error instanceof ResolverError ? error.code : null;
}

/** The error's own sentence, else `fallback` (the page's "Something went wrong. Try again."). */
export function errorText(error: unknown, fallback: string): string {
  if (error instanceof ResolverError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}

/** Errors after which the person has to sign in to the timecard server again. */
export function isAuthError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'not-connected' || code === 'reconnect-timecard';
}
