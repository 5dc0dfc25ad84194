// The loading spinner's label in the person's language before their resource file has arrived
// (Forge's I18nProvider and @forge/bridge's i18n fetch it after the first paint): this one key,
// `common.loading`, is taken from every resource file at build time. Pure; both frontends use it.
// Only each file's small `common` section is imported, so the bundlers leave the rest out.
import { resourceLocaleFor, type ResourceLocale } from './locales';
import { common as enUS } from '../../../locales/en-US.json';
import { common as deDE } from '../../../locales/de-DE.json';
import { common as frFR } from '../../../locales/fr-FR.json';
import { common as esES } from '../../../locales/es-ES.json';
import { common as jaJP } from '../../../locales/ja-JP.json';

const LOADING: Record<ResourceLocale, string> = {
  'en-US': enUS.loading,
  'de-DE': deDE.loading,
  'fr-FR': frFR.loading,
  'es-ES': esES.loading,
  'ja-JP': jaJP.loading,
};

/**
 * "Loading" for a Jira locale (`de_DE`, `ja-JP`, …). Before Forge's context has arrived the locale is
 * not known yet: the browser's language is the best guess then (the surface runs in the browser).
 */
export function loadingLabelFor(locale: string | null | undefined): string {
  return LOADING[resourceLocaleFor(locale ?? globalThis.navigator?.language)];
}
