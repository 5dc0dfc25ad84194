// Sentences from the resource files: `{name}` placeholders filled in, numbers in the person's
// locale, and plurals chosen by Intl.PluralRules (a plural message is an object of CLDR
// categories: `{ "one": "…", "other": "…" }`, and the test requires each locale's categories).

/** One resource string by its dotted key (`panel.logAll`), or null when no file has it. */
export type Lookup = (key: string) => string | null;

export type MessageParams = Record<string, string | number>;

export interface Formatter {
  /** The resource file's locale (the words and the plural rules). */
  readonly textLocale: string;
  /** The person's own locale (numbers, dates). */
  readonly formatLocale: string;
  text(key: string, params?: MessageParams): string;
  /** The plural form for `count` (also `{count}` in the sentence). */
  plural(key: string, count: number, params?: MessageParams): string;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The placeholder names a sentence uses (the resource test compares them across locales). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]).sort();
}

export function createFormatter(options: { textLocale: string; formatLocale?: string; lookup: Lookup }): Formatter {
  const { textLocale, lookup } = options;
  const formatLocale = options.formatLocale ?? textLocale;
  const rules = new Intl.PluralRules(textLocale);
  const numbers = new Intl.NumberFormat(formatLocale);
  const fill = (template: string, params: MessageParams) =>
    template.replace(PLACEHOLDER, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  return {
    textLocale,
    formatLocale,
    text: (key, params = {}) => fill(lookup(key) ?? key, params),
    plural: (key, count, params = {}) => {
      const form = lookup(`${key}.${rules.select(count)}`) ?? lookup(`${key}.other`) ?? key;
      return fill(form, { count, ...params });
    },
  };
}

/** A resource file's value at a dotted key, as Forge's translator reads it. */
export function valueAt(resource: unknown, key: string): string | null {
  let value: unknown = resource;
  for (const step of key.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[step];
  }
  return typeof value === 'string' ? value : null;
}

/** The resource sentences a duration is said with (`{ seconds }`, `{ minutes }`, `{ hours }`, `{ hours, minutes }`). */
export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'hoursMinutes';

/** "1h 35m", "45m", "30s", "0m" in the words `say` gives each unit (the rule of domain/duration's formatDuration). */
export function durationInWords(seconds: number, say: (unit: DurationUnit, params: MessageParams) => string): string {
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.abs(seconds);
  if (abs > 0 && abs < 60) return sign + say('seconds', { seconds: Math.round(abs) });
  const totalMinutes = Math.round(abs / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return sign + say('minutes', { minutes });
  return sign + (minutes === 0 ? say('hours', { hours }) : say('hoursMinutes', { hours, minutes }));
}
