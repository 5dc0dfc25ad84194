// The loading spinner's label in the person's language before their resource file has arrived:
// Forge's I18nProvider fetches it after the first paint, so this one key (`common.loading`) is
// taken from every resource file at build time.
import { resourceLocaleFor, type ResourceLocale } from '../../shared/i18n/locales';
import enUS from '../../../locales/en-US.json';
import deDE from '../../../locales/de-DE.json';
import frFR from '../../../locales/fr-FR.json';
import esES from '../../../locales/es-ES.json';
import jaJP from '../../../locales/ja-JP.json';

const LOADING: Record<ResourceLocale, string> = {
  'en-US': enUS.common.loading,
  'de-DE': deDE.common.loading,
  'fr-FR': frFR.common.loading,
  'es-ES': esES.common.loading,
  'ja-JP': jaJP.common.loading,
};

/**
 * "Loading" for a Jira locale (`de_DE`, `ja-JP`, …). Before Forge's context has arrived the locale is
 * not known yet: the browser's language is the best guess then (the surface runs in the browser).
 */
export function loadingLabelFor(locale: string | null | undefined): string {
  return LOADING[resourceLocaleFor(locale ?? globalThis.navigator?.language)];
}
