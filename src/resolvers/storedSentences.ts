// Sentences stored for later (a record's state, the history, a bulk job's results) keep their
// resource key as `messageText` beside their English `message` (docs/decisions/0026). On the way
// out of a resolver every such `message` is said in the person's Jira locale, whoever stored it and
// in whatever language, and the key is left out (the answer keeps the contract's shape). A sentence
// stored before keys were kept has no key and stays as it is.
import type { LocalizedText } from '../domain/localizedText';
import { say } from '../domain/sayInLanguage';

const isText = (value: unknown): value is LocalizedText =>
  typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';

export function sayStoredSentences<T>(value: T, locale: string | null | undefined): T {
  if (Array.isArray(value)) return value.map((item: unknown) => sayStoredSentences(item, locale)) as T;
  if (value === null || typeof value !== 'object') return value;
  const { messageText, ...rest } = value as Record<string, unknown>;
  const said: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(rest)) said[name] = sayStoredSentences(field, locale);
  if (typeof said.message === 'string' && isText(messageText)) said.message = say(messageText, locale);
  return said as T;
}
