// The sentence engine both frontends and the backend share: placeholders, numbers in the
// person's locale, plural forms by Intl.PluralRules, and the resource file for a Jira locale.
import { createFormatter, valueAt } from '../../../src/shared/i18n/formatter';
import { resourceLocaleFor } from '../../../src/shared/i18n/locales';

const resource = {
  worklogs: { one: '{count} worklog', many: '{count} de worklogs', other: '{count} worklogs' },
  range: 'From {from} to {to}',
  nested: { deep: 'deep text' },
};
const lookup = (key: string) => valueAt(resource, key);

test('fills placeholders, formats numbers in the person locale, and leaves unknown ones visible', () => {
  const f = createFormatter({ textLocale: 'de-DE', formatLocale: 'de-DE', lookup });
  expect(f.text('range', { from: 1234, to: 'B' })).toBe('From 1.234 to B');
  expect(f.text('range', { from: 'A' })).toBe('From A to {to}');
  expect(f.text('nested.deep')).toBe('deep text');
});

test('chooses the plural form by the language rules, falling back to other', () => {
  const fr = createFormatter({ textLocale: 'fr-FR', lookup });
  expect(fr.plural('worklogs', 0)).toBe('0 worklog'); // French: 0 is "one"
  expect(fr.plural('worklogs', 2)).toBe('2 worklogs');
  expect(fr.plural('worklogs', 1000000)).toBe('1\u202f000\u202f000 de worklogs'); // narrow no-break spaces
  const en = createFormatter({ textLocale: 'en-US', lookup });
  expect(en.plural('worklogs', 0)).toBe('0 worklogs');
  expect(en.plural('worklogs', 1)).toBe('1 worklog');
  const ja = createFormatter({ textLocale: 'ja-JP', lookup: (key) => (key.endsWith('.one') ? null : lookup(key)) });
  expect(ja.plural('worklogs', 1)).toBe('1 worklogs');
});

test('a key no file has reads as the key (never an empty text)', () => {
  const f = createFormatter({ textLocale: 'en-US', lookup });
  expect(f.text('missing.key')).toBe('missing.key');
  expect(f.plural('missing', 2)).toBe('missing');
});

test.each([
  ['de_DE', 'de-DE'],
  ['de-AT', 'de-DE'],
  ['ja', 'ja-JP'],
  ['fr_CA', 'fr-FR'],
  ['es-MX', 'es-ES'],
  ['en-GB', 'en-US'],
  ['pt_BR', 'en-US'],
  ['', 'en-US'],
  [null, 'en-US'],
])('Jira locale %p reads the %s resource file', (jira, file) => {
  expect(resourceLocaleFor(jira)).toBe(file);
});
