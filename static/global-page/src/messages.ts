// Every text the global page shows, by key, in the person's language. The words live in the
// manifest's `translations` resources (locales/<locale>.json, section "globalPage"), which
// @forge/bridge's i18n reads (see bridge.ts: loadTranslations). English is bundled as well: it
// stands in for a key a resource lacks, and for the page's first spinner while the resources load.
// Plurals are ICU-style keys per plural category (`{ "one": …, "other": … }`), chosen with
// Intl.PluralRules; `{name}` placeholders are filled with numbers formatted for the locale.
import { createContext, useContext, type ReactNode } from 'react';
import { globalPage as english } from '../../../locales/en-US.json';
import { durationInWords, valueAt } from '../../../src/shared/i18n/formatter';
import { DEFAULT_LOCALE, resourceLocaleFor } from '../../../src/shared/i18n/locales';

type English = typeof english;
interface Plural {
  other: string;
}
type Dot<A extends string, B extends string> = `${A}.${B}`;
type TextKeys<T> = {
  [K in keyof T & string]: T[K] extends string ? K : T[K] extends Plural ? never : Dot<K, TextKeys<T[K]>>;
}[keyof T & string];
type PluralKeys<T> = {
  [K in keyof T & string]: T[K] extends string ? never : T[K] extends Plural ? K : Dot<K, PluralKeys<T[K]>>;
}[keyof T & string];

/** A key of a plain text. */
export type TextKey = TextKeys<English>;
/** A key of a text with plural forms. */
export type PluralKey = PluralKeys<English>;
export type Vars = Record<string, string | number>;

/** Finds the resource's text for a key of the "globalPage" section (`records.caption`, `common.records.one`), or null. */
export type Lookup = (key: string) => string | null;

export { RESOURCE_LOCALES } from '../../../src/shared/i18n/locales';
/** The resource locale for a Jira locale (`de_DE`, `de-AT`, `en-GB`): itself, else one of the same language, else English. */
export const resourceLocale = resourceLocaleFor;

const englishText = (key: string): string | null => valueAt(english, key);

export interface Messages {
  /** The Intl locale numbers, dates and plural rules follow. */
  locale: string;
  /** The language the words are in (the resource's locale; English without resources), for `lang`. */
  language: string;
  t(key: TextKey, vars?: Vars): string;
  /** The plural form for `count` (available as `{count}`, formatted). */
  n(key: PluralKey, count: number, vars?: Vars): string;
  /** A text with React nodes in its placeholders (a `<strong>` number, a `<code>` address). */
  rich(key: TextKey, nodes: Record<string, ReactNode>): ReactNode[];
  /** The same for a plural text. */
  richN(key: PluralKey, count: number, nodes: Record<string, ReactNode>): ReactNode[];
  /** "1h 30m", "45m", "30s": a duration in the locale's words. */
  duration(seconds: number): string;
  /** A list of items in the locale's way ("a, b, c"). */
  list(items: readonly string[]): string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

const NO_RESOURCES: Lookup = () => null;

export function createMessages(locale: string, lookup: Lookup = NO_RESOURCES): Messages {
  const rules = new Intl.PluralRules(locale);
  const englishRules = new Intl.PluralRules('en-US');
  const numbers = new Intl.NumberFormat(locale);
  const value = (v: string | number) => (typeof v === 'number' ? numbers.format(v) : v);
  const fill = (template: string, vars: Vars) => template.replace(PLACEHOLDER, (whole, name: string) => (name in vars ? value(vars[name]!) : whole));
  const text = (key: string) => lookup(key) ?? englishText(key) ?? key;
  const pluralText = (key: string, count: number) =>
    lookup(`${key}.${rules.select(count)}`) ??
    lookup(`${key}.other`) ??
    englishText(`${key}.${englishRules.select(count)}`) ??
    englishText(`${key}.other`) ??
    key;
  const split = (template: string, nodes: Record<string, ReactNode>): ReactNode[] =>
    template.split(/(\{\w+\})/).flatMap((piece) => {
      const name = /^\{(\w+)\}$/.exec(piece)?.[1];
      if (name && name in nodes) {
        const node = nodes[name];
        return [typeof node === 'number' ? numbers.format(node) : node];
      }
      return piece === '' ? [] : [piece];
    });
  const messages: Messages = {
    locale,
    language: lookup === NO_RESOURCES ? DEFAULT_LOCALE : resourceLocale(locale),
    t: (key, vars = {}) => fill(text(key), vars),
    n: (key, count, vars = {}) => fill(pluralText(key, count), { count, ...vars }),
    rich: (key, nodes) => split(text(key), nodes),
    richN: (key, count, nodes) => split(fill(pluralText(key, count), { count }), nodes),
    duration: (seconds) => (Number.isFinite(seconds) ? durationInWords(seconds, (unit, params) => messages.t(`duration.${unit}`, params)) : ''),
    list: (items) => items.join(text('common.listSeparator')),
  };
  return messages;
}

/** English, before (or without) the resources: what a component shows outside a loaded page. */
export const ENGLISH = createMessages('en-GB');

export const MessagesContext = createContext<Messages>(ENGLISH);

export function useMessages(): Messages {
  return useContext(MessagesContext);
}
