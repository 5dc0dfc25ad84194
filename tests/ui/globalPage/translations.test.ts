// The global page's words in every locale of the manifest: no key missing or left over, a form for
// every plural category the locale has, no placeholder a translation invents, and the texts read
// through the messages the page uses (plural rules, numbers and durations of the locale).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createMessages, RESOURCE_LOCALES, resourceLocale, type Lookup } from '../../../static/global-page/src/messages';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = parse(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as {
  translations: { resources: { key: string; path: string }[]; fallback: { default: string } };
};
const section = (locale: string): Record<string, unknown> => {
  const resource = manifest.translations.resources.find((r) => r.key === locale)!;
  return (JSON.parse(readFileSync(path.join(ROOT, resource.path), 'utf8')) as { globalPage: Record<string, unknown> }).globalPage;
};

type Leaf = { key: string; kind: 'text'; text: string } | { key: string; kind: 'plural'; forms: Record<string, string> };
const isPlural = (node: unknown): node is Record<string, string> =>
  typeof node === 'object' && node !== null && typeof (node as Record<string, unknown>).other === 'string';

function leaves(node: Record<string, unknown>, prefix = ''): Leaf[] {
  return Object.entries(node).flatMap(([name, value]): Leaf[] => {
    const key = prefix ? `${prefix}.${name}` : name;
    if (typeof value === 'string') return [{ key, kind: 'text', text: value }];
    if (isPlural(value)) return [{ key, kind: 'plural', forms: value }];
    return leaves(value as Record<string, unknown>, key);
  });
}
const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
const lookupIn = (locale: string): Lookup => {
  const root = section(locale);
  return (key) => {
    let node: unknown = root;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    return typeof node === 'string' ? node : null;
  };
};

const english = leaves(section('en-US'));
const others = RESOURCE_LOCALES.filter((l) => l !== 'en-US');

test('the manifest has a resource for every locale the page asks for, English as the fallback', () => {
  expect(manifest.translations.resources.map((r) => r.key)).toEqual(expect.arrayContaining([...RESOURCE_LOCALES]));
  expect(manifest.translations.fallback.default).toBe('en-US');
  expect(RESOURCE_LOCALES[0]).toBe('en-US');
});

test.each(others)('%s has every key of the English section and no other', (locale) => {
  const translated = new Map(leaves(section(locale)).map((leaf) => [leaf.key, leaf]));
  const missing = english.filter((leaf) => translated.get(leaf.key)?.kind !== leaf.kind).map((leaf) => leaf.key);
  const extra = [...translated.keys()].filter((key) => !english.some((leaf) => leaf.key === key));
  expect({ missing, extra }).toEqual({ missing: [], extra: [] });
});

test.each(RESOURCE_LOCALES)('%s has a form for each plural category of the locale, and only those', (locale) => {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
  for (const leaf of leaves(section(locale))) {
    if (leaf.kind !== 'plural') continue;
    expect([leaf.key, Object.keys(leaf.forms).sort()]).toEqual([leaf.key, categories]);
  }
});

test.each(others)('%s uses the placeholders the English text fills, no other', (locale) => {
  const englishPlaceholders = new Map(
    english.map((leaf) => [leaf.key, placeholders(leaf.kind === 'text' ? leaf.text : Object.values(leaf.forms).join(' '))]),
  );
  for (const leaf of leaves(section(locale))) {
    const texts = leaf.kind === 'text' ? [leaf.text] : Object.values(leaf.forms);
    for (const text of texts) {
      const invented = [...placeholders(text)].filter((name) => !englishPlaceholders.get(leaf.key)?.has(name) && name !== 'count');
      expect([leaf.key, invented]).toEqual([leaf.key, []]);
      // …and keeps every one it fills (a singular may say "the record" instead of "1 record").
      const dropped = [...(englishPlaceholders.get(leaf.key) ?? [])].filter((name) => !placeholders(text).has(name) && name !== 'count');
      expect([leaf.key, dropped]).toEqual([leaf.key, []]);
      expect(text.trim()).not.toBe('');
    }
  }
});

test('plural forms follow the locale’s rules, numbers its digits', () => {
  const de = createMessages('de-DE', lookupIn('de-DE'));
  expect([de.n('common.records', 1), de.n('common.records', 2), de.n('common.records', 1234)]).toEqual(['1 Eintrag', '2 Einträge', '1.234 Einträge']);
  const fr = createMessages('fr-FR', lookupIn('fr-FR'));
  // French counts 0 and 1 as singular.
  expect([fr.n('common.records', 0), fr.n('common.records', 1), fr.n('common.records', 2)]).toEqual(['0 entrée', '1 entrée', '2 entrées']);
  const ja = createMessages('ja-JP', lookupIn('ja-JP'));
  expect([ja.n('common.records', 1), ja.n('common.records', 5)]).toEqual(['1 件のレコード', '5 件のレコード']);
  const es = createMessages('es-ES', lookupIn('es-ES'));
  expect(es.n('bulk.syncRecordsSkipped', 3, { skipped: 1 })).toBe('Sincronizar 3 registros (se omitirán 1)');
});

test('durations in the locale’s words; English matches the panel', () => {
  expect(createMessages('de-DE', lookupIn('de-DE')).duration(5400)).toBe('1 Std. 30 Min.');
  expect(createMessages('ja-JP', lookupIn('ja-JP')).duration(5400)).toBe('1時間30分');
  expect(createMessages('fr-FR', lookupIn('fr-FR')).duration(45)).toBe('45 s');
  expect(createMessages('en-GB').duration(5400)).toBe('1h 30m');
});

test('a key a resource lacks falls back to English, never to the key', () => {
  const partial = createMessages('de-DE', (key) => (key === 'title' ? 'Timecard-Synchronisierung' : null));
  expect(partial.t('title')).toBe('Timecard-Synchronisierung');
  expect(partial.t('records.preview')).toBe('Preview');
  expect(partial.n('common.records', 2)).toBe('2 records');
});

test('Jira locales map to the resource of their language', () => {
  expect(['de_DE', 'de-AT', 'fr_CA', 'es_MX', 'ja_JP', 'en_GB', 'pt_BR', undefined].map(resourceLocale)).toEqual([
    'de-DE',
    'de-DE',
    'fr-FR',
    'es-ES',
    'ja-JP',
    'en-US',
    'en-US',
    'en-US',
  ]);
});
