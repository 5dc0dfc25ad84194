// Sentences the backend says (errors, reasons), by their key in the same resource files the
// frontends read (locales/*.json, section "errors"). A service raises one as a LocalizedText;
// the resolver says it in the person's Jira locale (Forge context `locale`), and the failure log
// and anything that has no locale keep the English. See docs/decisions/0021.
import { createFormatter, valueAt, type MessageParams } from '../shared/i18n/formatter';
import { DEFAULT_LOCALE, resourceLocaleFor, type ResourceLocale } from '../shared/i18n/locales';
import enUS from '../../locales/en-US.json';
import deDE from '../../locales/de-DE.json';
import frFR from '../../locales/fr-FR.json';
import esES from '../../locales/es-ES.json';
import jaJP from '../../locales/ja-JP.json';

export interface LocalizedText {
  /** Dotted key under the resource files' "errors" section, e.g. `errors.jira.noPermission.create`. */
  key: string;
  /** Placeholder values (a sentence of its own is said in the same language); a number `count` picks the plural form. */
  params?: Record<string, string | number | LocalizedText>;
}

const RESOURCES: Record<ResourceLocale, unknown> = { 'en-US': enUS, 'de-DE': deDE, 'fr-FR': frFR, 'es-ES': esES, 'ja-JP': jaJP };

/** `text` in the person's locale (a key missing there reads in English, as Forge's fallback does). */
export function say(text: LocalizedText, locale?: string | null): string {
  const textLocale = resourceLocaleFor(locale);
  const lookup = (key: string) => valueAt(RESOURCES[textLocale], key) ?? valueAt(RESOURCES[DEFAULT_LOCALE], key);
  const f = createFormatter({ textLocale, formatLocale: locale ? locale.replace(/_/g, '-') : textLocale, lookup });
  const params: MessageParams = Object.fromEntries(
    Object.entries(text.params ?? {}).map(([name, value]) => [name, typeof value === 'object' ? say(value, locale) : value]),
  );
  const { count } = params;
  return typeof count === 'number' && lookup(text.key) === null ? f.plural(text.key, count, params) : f.text(text.key, params);
}

export const inEnglish = (text: LocalizedText): string => say(text, DEFAULT_LOCALE);
