// The languages the app speaks: one resource file each under locales/ (manifest.yml `translations`).
// Pure: runs in the UI Kit surfaces, the global page and the backend.

export const RESOURCE_LOCALES = ['en-US', 'de-DE', 'fr-FR', 'es-ES', 'ja-JP'] as const;
export type ResourceLocale = (typeof RESOURCE_LOCALES)[number];

/** The manifest's `translations.fallback.default`: every key exists here. */
export const DEFAULT_LOCALE: ResourceLocale = 'en-US';

/**
 * The resource file for a person's Jira locale (`de_DE`, `de-AT`, `ja`, `en-GB`): the same locale,
 * else the same language, else English. Jira has more locales than the app has files, and Forge's
 * own lookup only matches a file's exact key.
 */
export function resourceLocaleFor(locale: string | null | undefined): ResourceLocale {
  const tag = (locale ?? '').replace(/_/g, '-').trim().toLowerCase();
  const exact = RESOURCE_LOCALES.find((candidate) => candidate.toLowerCase() === tag);
  if (exact) return exact;
  const language = tag.split('-')[0];
  return RESOURCE_LOCALES.find((candidate) => candidate.toLowerCase().startsWith(`${language}-`)) ?? DEFAULT_LOCALE;
}
