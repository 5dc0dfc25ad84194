// The resource files of manifest.yml's `translations`: every locale has every key of the default
// locale and no other, each plural message has exactly the forms its language's plural rules
// pick (Intl.PluralRules), and each sentence uses the same placeholders in every language.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_LOCALE, RESOURCE_LOCALES } from '../../../src/shared/i18n/locales';
import { placeholdersOf } from '../../../src/shared/i18n/formatter';

const root = path.resolve(__dirname, '../../..');
const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as {
  translations: { resources: { key: string; path: string }[]; fallback: { default: string } };
};
const files = new Map(manifest.translations.resources.map((r) => [r.key, JSON.parse(readFileSync(path.join(root, r.path), 'utf8')) as unknown]));
const CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

type Leaf = { kind: 'text'; text: string } | { kind: 'plural'; forms: Record<string, string> };

const isPlural = (value: object) => Object.keys(value).length > 0 && Object.keys(value).every((k) => CATEGORIES.has(k)) && 'other' in value;

/** Dotted key → sentence or plural message. */
function leaves(value: unknown, prefix = '', into = new Map<string, Leaf>()): Map<string, Leaf> {
  if (typeof value === 'string') into.set(prefix, { kind: 'text', text: value });
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    if (isPlural(value)) into.set(prefix, { kind: 'plural', forms: value as Record<string, string> });
    else for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, into);
  } else into.set(prefix, { kind: 'text', text: `<not a string: ${JSON.stringify(value)}>` });
  return into;
}

// A plural message's {count} is checked per form below (a `one` form may spell the number out).
const placeholders = (leaf: Leaf) =>
  leaf.kind === 'text'
    ? placeholdersOf(leaf.text)
    : [...new Set(Object.values(leaf.forms).flatMap(placeholdersOf))].filter((p) => p !== 'count').sort();

const english = leaves(files.get(DEFAULT_LOCALE));

test('the manifest names one file per locale the app speaks, and the default is English', () => {
  expect([...files.keys()].sort()).toEqual([...RESOURCE_LOCALES].sort());
  expect(manifest.translations.fallback.default).toBe(DEFAULT_LOCALE);
  expect(english.size).toBeGreaterThan(100);
});

describe.each(RESOURCE_LOCALES.filter((l) => l !== DEFAULT_LOCALE))('%s', (locale) => {
  const translated = leaves(files.get(locale));

  test('has every key of the default locale, and no other', () => {
    expect([...english.keys()].filter((key) => !translated.has(key))).toEqual([]);
    expect([...translated.keys()].filter((key) => !english.has(key))).toEqual([]);
  });

  test('uses the same placeholders as the default locale in every sentence', () => {
    const differing = [...english].flatMap(([key, leaf]) => {
      const other = translated.get(key);
      if (!other) return [];
      const want = placeholders(leaf).join(',');
      const got = placeholders(other).join(',');
      return want === got ? [] : [`${key}: {${want}} in ${DEFAULT_LOCALE}, {${got}} here`];
    });
    expect(differing).toEqual([]);
  });

  test('translates: most sentences differ from English', () => {
    const same = [...english].filter(([key, leaf]) => leaf.kind === 'text' && (translated.get(key) as Leaf & { text?: string })?.text === leaf.text);
    expect(same.length / english.size).toBeLessThan(0.15);
  });
});

describe.each(RESOURCE_LOCALES)('plural messages in %s', (locale) => {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();

  test(`have exactly the forms ${locale} needs (${categories.join(', ')}), each with its count`, () => {
    const wrong = [...leaves(files.get(locale))].flatMap(([key, leaf]) => {
      if (leaf.kind !== 'plural') return [];
      const forms = Object.keys(leaf.forms).sort();
      const problems = forms.join(',') === categories.join(',') ? [] : [`${key}: forms ${forms.join(', ')}`];
      for (const [form, text] of Object.entries(leaf.forms))
        if (!placeholdersOf(text).includes('count') && form !== 'one') problems.push(`${key}.${form}: no {count}`);
      return problems;
    });
    expect(wrong).toEqual([]);
  });
});

test('a plural message of English is a plural message in every locale', () => {
  const plurals = [...english].filter(([, leaf]) => leaf.kind === 'plural').map(([key]) => key);
  expect(plurals.length).toBeGreaterThan(10);
  for (const locale of RESOURCE_LOCALES) {
    const translated = leaves(files.get(locale));
    expect(plurals.filter((key) => translated.get(key)?.kind !== 'plural')).toEqual([]);
  }
});
