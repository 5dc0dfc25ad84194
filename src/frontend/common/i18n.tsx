// The UI Kit surfaces in the person's language: Forge's own I18nProvider loads the resource file
// of the manifest's `translations` for their Jira locale, and useMessages() gives every component
// the sentences (./messages.ts) with numbers, plurals and durations in that locale.
import React, { createContext, useContext, useMemo, type ReactNode } from 'react';
import { I18nProvider, useProductContext, useTranslation } from '@forge/react';
import { createFormatter } from '../../shared/i18n/formatter';
import { resourceLocaleFor } from '../../shared/i18n/locales';
import { toIntlLocale } from './format';
import { createMessages, messages, type Messages } from './messages';
import { LoadingView } from './StatusViews';

const MessagesContext = createContext<Messages>(messages);

export function useMessages(): Messages {
  return useContext(MessagesContext);
}

// Forge's `t` answers the key itself (or the default) for a key no file has; this tells them apart.
const MISSING = '\u0000missing';

function FromForgeTranslations({ textLocale, formatLocale, children }: { textLocale: string; formatLocale: string; children: ReactNode }) {
  const i18n = useTranslation();
  const value = useMemo(() => {
    if (!i18n.ready) return null;
    const { t } = i18n;
    const lookup = (key: string) => {
      const text = t(key, MISSING);
      return text === MISSING ? null : text;
    };
    return createMessages(createFormatter({ textLocale: i18n.locale, formatLocale, lookup }), lookup);
  }, [i18n, formatLocale]);
  // While the person's resource file loads (a moment), the spinner's label comes from the bundled resource files.
  if (!value) return <LoadingView locale={textLocale} />;
  return <MessagesContext.Provider value={value}>{children}</MessagesContext.Provider>;
}

/** Wraps a surface: its texts in the resource file for the person's Jira locale (see shared/i18n/locales.ts). */
export function LocalizedSurface({ children }: { children: ReactNode }) {
  const context = useProductContext();
  if (!context) return <LoadingView locale={null} />;
  const textLocale = resourceLocaleFor(context.locale);
  return (
    <I18nProvider locale={textLocale}>
      <FromForgeTranslations textLocale={textLocale} formatLocale={toIntlLocale(context.locale)}>
        {children}
      </FromForgeTranslations>
    </I18nProvider>
  );
}
