// A LocalizedText in the person's Jira locale, from the resource files bundled with the functions
// (the backend only: the UI Kit surfaces say sentences with Forge's translations, see
// src/frontend/common/messages.ts). A key missing in a locale reads in English, as Forge's fallback does.
import { valueAt } from '../shared/i18n/formatter';
import { DEFAULT_LOCALE, resourceLocaleFor, type ResourceLocale } from '../shared/i18n/locales';
import { sayWith, type LocalizedText, type Lookup } from './localizedText';
import enUS from '../../locales/en-US.json';
import deDE from '../../locales/de-DE.json';
import frFR from '../../locales/fr-FR.json';
import esES from '../../locales/es-ES.json';
import jaJP from '../../locales/ja-JP.json';

const RESOURCES: Record<ResourceLocale, unknown> = { 'en-US': enUS, 'de-DE': deDE, 'fr-FR': frFR, 'es-ES': esES, 'ja-JP': jaJP };

// One lookup a language, so that its formatters are made once (localizedText.ts).
const LOOKUPS = new Map<ResourceLocale, Lookup>();

function lookupFor(textLocale: ResourceLocale): Lookup {
  let lookup = LOOKUPS.get(textLocale);
  if (!lookup) {
    lookup = (key: string) => valueAt(RESOURCES[textLocale], key) ?? valueAt(RESOURCES[DEFAULT_LOCALE], key);
    LOOKUPS.set(textLocale, lookup);
  }
  return lookup;
}

export function say(text: LocalizedText, locale?: string | null): string {
  const textLocale = resourceLocaleFor(locale);
  const lookup = lookupFor(textLocale);
  return sayWith(text, lookup, textLocale, formatLocaleOf(locale) ?? textLocale);
}

/** The locale numbers are written in; none for a tag Intl refuses (a forged context is refused in words too). */
function formatLocaleOf(locale: string | null | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.getCanonicalLocales(locale.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}
