// The person's Jira language and time zone, as the sandbox lets you switch them: `?lang=de-DE&tz=Europe/Berlin`
// in the address (kept across pages like `as`), else the person's own from the Jira emulator. The
// surfaces receive them as Forge's context `locale` and `timezone`, and the resolver as its context's.
import { resourceLocaleFor } from '../../../src/shared/i18n/locales';
import type { Person, SurfaceInfo } from './api';

export interface LanguageChoice {
  locale: string;
  timeZone: string;
  /** In its own language, as Jira's language picker names it. */
  name: string;
}

export const LANGUAGES: LanguageChoice[] = [
  { locale: 'en-US', timeZone: 'America/New_York', name: 'English (US)' },
  { locale: 'de-DE', timeZone: 'Europe/Berlin', name: 'Deutsch' },
  { locale: 'fr-FR', timeZone: 'Europe/Paris', name: 'Français' },
  { locale: 'es-ES', timeZone: 'Europe/Madrid', name: 'Español' },
  { locale: 'ja-JP', timeZone: 'Asia/Tokyo', name: '日本語' },
];

/** Query parameters the frame carries from page to page. */
export const KEPT_PARAMS = ['as', 'lang', 'tz'] as const;

export function withLanguage(person: Person, query: URLSearchParams): Person {
  const locale = query.get('lang');
  const timeZone = query.get('tz');
  return { ...person, locale: locale || person.locale, timeZone: timeZone || person.timeZone };
}

/** The surface with its manifest title in the person's language (module titles are i18n keys). */
export function localizedSurface(surface: SurfaceInfo, person: Person): SurfaceInfo {
  return { ...surface, title: surface.titles?.[resourceLocaleFor(person.locale)] ?? surface.title };
}
