// The files Forge serves beside every UI resource for its i18n, from the manifest's `translations`:
// `__LOCALES__/i18n-info.json` (which locales there are and how they fall back) and
// `__LOCALES__/<locale>.json` (each resource file as it is). @forge/bridge's i18n fetches them
// relative to the page (`./__LOCALES__/…`), so the sandbox answers them under every surface. Forge
// CLI writes the same folder on deploy (@forge/cli-shared's I18nResourceBundlingService).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const LOCALES_FOLDER = '__LOCALES__';

interface ManifestTranslations {
  resources: { key: string; path: string }[];
  fallback: { default: string } & Record<string, unknown>;
}

function manifestTranslations(root: string): ManifestTranslations | null {
  const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as { translations?: ManifestTranslations };
  return manifest.translations ?? null;
}

/** The body of `__LOCALES__/<name>` for the app in `root`, or null when there is no such file. */
export function translationFile(root: string, name: string): string | null {
  const translations = manifestTranslations(root);
  if (!translations) return null;
  if (name === 'i18n-info.json') {
    // `translations` would hold the manifest's own i18n values (module titles); the bridge reads only `config`.
    const config = { locales: translations.resources.map((r) => r.key).sort(), fallback: translations.fallback };
    return JSON.stringify({ translations: {}, config });
  }
  const resource = translations.resources.find((r) => `${r.key}.json` === name);
  return resource ? readFileSync(path.join(root, resource.path), 'utf8') : null;
}
