// The `__LOCALES__` folder Forge serves beside every resource: the manifest's `translations`
// resource files under their locale keys, and `i18n-info.json` (the locales, the fallbacks, and
// the module titles' i18n keys in each locale), built as @forge/cli-shared's
// I18nResourceBundlingService builds it on `forge deploy`. @forge/bridge's i18n (and so
// @forge/react's I18nProvider) fetches `./__LOCALES__/<file>` relative to the surface.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { valueAt } from '../src/shared/i18n/formatter';

export const LOCALES_FOLDER = '__LOCALES__';

interface Translations {
  resources: { key: string; path: string }[];
  fallback: Record<string, string | string[]>;
}

/** Every `{ i18n: key }` (and `title__i18n`-style value) in the manifest's modules. */
function i18nKeys(modules: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(modules)) modules.forEach((item) => i18nKeys(item, into));
  else if (modules && typeof modules === 'object') {
    for (const [name, value] of Object.entries(modules)) {
      if (name === 'i18n' && typeof value === 'string') into.add(value);
      else if (name.endsWith('__i18n') && typeof value === 'string') into.add(value);
      else i18nKeys(value, into);
    }
  }
  return into;
}

export interface LocaleFiles {
  /** File name in `__LOCALES__` → its JSON text. */
  files: Map<string, string>;
  defaultLocale: string;
  /** Module title (or other i18n key) in a locale, with the default locale as fallback. */
  translate(key: string, locale: string): string | null;
}

export function readLocaleFiles(root: string): LocaleFiles | null {
  const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as { modules?: unknown; translations?: Translations };
  const translations = manifest.translations;
  if (!translations) return null;
  const resources = new Map(translations.resources.map((r) => [r.key, JSON.parse(readFileSync(path.join(root, r.path), 'utf8')) as unknown]));
  const defaultLocale = String(translations.fallback.default);
  const info = {
    translations: Object.fromEntries(
      [...i18nKeys(manifest.modules)].map((key) => [
        key,
        Object.fromEntries([...resources].flatMap(([locale, resource]) => (valueAt(resource, key) ? [[locale, valueAt(resource, key)]] : []))),
      ]),
    ),
    config: { locales: [...resources.keys()].sort(), fallback: translations.fallback },
  };
  const files = new Map<string, string>([['i18n-info.json', JSON.stringify(info)]]);
  for (const [locale, resource] of resources) files.set(`${locale}.json`, JSON.stringify(resource));
  return {
    files,
    defaultLocale,
    translate: (key, locale) => valueAt(resources.get(locale), key) ?? valueAt(resources.get(defaultLocale), key),
  };
}
