// Sentences the backend says (errors, reasons), by their key in the same resource files the
// frontends read (locales/*.json). A service raises one as a LocalizedText; the resolver says it
// in the person's Jira locale (./sayInLanguage.ts), a UI Kit surface with its own messages, and
// the failure log and anything without a locale keep the English. See docs/decisions/0021.
// Only the default file is imported here: the domain runs in the UI Kit bundles too.
import { createFormatter, durationInWords, valueAt, type MessageParams } from '../shared/i18n/formatter';
import { DEFAULT_LOCALE } from '../shared/i18n/locales';
import enUS from '../../locales/en-US.json';

export interface LocalizedText {
  /** Dotted key in the resource files, e.g. `errors.jira.noPermission.create`. */
  key: string;
  /** Placeholder values (a sentence of its own is said in the same language); a number `count` picks the plural form. */
  params?: Record<string, string | number | LocalizedText>;
}

export type Lookup = (key: string) => string | null;

// A formatter holds Intl objects, costly to make: one per lookup and pair of locales, not one a sentence.
const formatters = new WeakMap<Lookup, Map<string, ReturnType<typeof createFormatter>>>();

function formatterFor(lookup: Lookup, textLocale: string, formatLocale: string) {
  let byLocales = formatters.get(lookup);
  if (!byLocales) formatters.set(lookup, (byLocales = new Map()));
  const key = `${textLocale}|${formatLocale}`;
  let f = byLocales.get(key);
  if (!f) byLocales.set(key, (f = createFormatter({ textLocale, formatLocale, lookup })));
  return f;
}

/** `text` with `lookup`'s words: nested sentences first, a number `count` picks the plural form. */
export function sayWith(text: LocalizedText, lookup: Lookup, textLocale: string, formatLocale: string = textLocale): string {
  const f = formatterFor(lookup, textLocale, formatLocale);
  const params: MessageParams = Object.fromEntries(
    Object.entries(text.params ?? {}).map(([name, value]) => [
      name,
      typeof value === 'object' ? sayWith(value, lookup, textLocale, formatLocale) : value,
    ]),
  );
  const { count } = params;
  return typeof count === 'number' && lookup(text.key) === null ? f.plural(text.key, count, params) : f.text(text.key, params);
}

const englishLookup: Lookup = (key) => valueAt(enUS, key);

export const inEnglish = (text: LocalizedText): string => sayWith(text, englishLookup, DEFAULT_LOCALE);

/**
 * A sentence kept for later (a record's state, the history, a job's results): its English as
 * `message` (the failure log, the CSV, older readers) and its key as `messageText`, which the
 * resolver says in the reader's language (docs/decisions/0026).
 */
export interface StoredSentence {
  message: string;
  messageText: LocalizedText;
}

export const stored = (text: LocalizedText): StoredSentence => ({ message: inEnglish(text), messageText: text });

/** `messageText` of a sentence that may have been stored before keys were kept (nothing then). */
export const textOf = (sentence: { messageText?: LocalizedText }): { messageText?: LocalizedText } =>
  sentence.messageText ? { messageText: sentence.messageText } : {};

/** A duration as a sentence of `common.duration` ("1h 35m" in the reader's words; the rule of durationInWords). */
export function durationText(seconds: number): LocalizedText {
  let text: LocalizedText = { key: 'common.duration.minutes', params: { minutes: 0 } };
  durationInWords(Math.abs(seconds), (unit, params) => {
    text = { key: `common.duration.${unit}`, params };
    return '';
  });
  return text;
}
