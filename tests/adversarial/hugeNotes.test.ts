// A record whose notes mention 120,000 issue keys (over a megabyte): extracting them is linear,
// bounded to the start of the text and capped, so listing records answers at once with at most
// MAX_SUGGESTIONS suggestions, and other calls are not held up.
import { findIssueKeysInText, MAX_SCANNED_TEXT, MAX_SUGGESTIONS, resolveLink } from '../../src/domain/issueKeys';
import { addRecord, ok, openDemoWorld, plusMinutes, recentRange, utcAt } from '../integration/syncHelpers';
import type { World } from '../support/world';
import { count } from './tally';

const manyKeys = (n: number) => Array.from({ length: n }, (_, i) => `AB-${i + 1}`).join(' ');
const MEGABYTE_OF_KEYS = manyKeys(120_000);

test('a megabyte of keys gives the first MAX_SUGGESTIONS, read from the first MAX_SCANNED_TEXT characters only', () => {
  expect(MEGABYTE_OF_KEYS.length).toBeGreaterThan(1_000_000);
  const started = performance.now();
  const keys = findIssueKeysInText(MEGABYTE_OF_KEYS);
  const elapsed = performance.now() - started;
  expect(keys).toEqual(Array.from({ length: MAX_SUGGESTIONS }, (_, i) => `AB-${i + 1}`));
  expect(elapsed).toBeLessThan(100);
  // Distinct keys beyond the scanned start are not looked at; one cut in half is not taken.
  const late = `${'x '.repeat(MAX_SCANNED_TEXT / 2 - 2)}AB-123456 CD-1`;
  expect(findIssueKeysInText(late)).toEqual([]);
  // Repeats count once, so a short text still finds every distinct key after them.
  expect(findIssueKeysInText(`${'AB-1 '.repeat(1000)}CD-2`)).toEqual(['AB-1', 'CD-2']);
  const link = resolveLink({ jiraLink: null, timecardKey: null, notes: MEGABYTE_OF_KEYS, externalLink: 'https://jira.example/browse/ZZ-9' });
  expect(link.issueKey).toBe('ZZ-9');
  expect(link.suggestions).toHaveLength(MAX_SUGGESTIONS);
  count({ tried: 4, handled: 4 });
});

describe('through the resolvers', () => {
  let world: World;
  beforeAll(async () => ({ world } = await openDemoWorld()));
  afterAll(() => world.close());

  test('listRecords and the panel answer with capped suggestions, and a parallel call is not held up', async () => {
    const timein = utcAt(1, 7);
    const id = addRecord(world, { timein, timeout: plusMinutes(timein, 30), notes: MEGABYTE_OF_KEYS });
    const [listed, connection] = await Promise.all([world.invoke('listRecords', recentRange()), world.invoke('getConnection', {})]);
    const record = ok(listed).records.find((r: { id: number }) => r.id === id);
    expect(record).toMatchObject({ issueKey: 'AB-1', linkSource: 'suggested' });
    expect(record.suggestions).toHaveLength(MAX_SUGGESTIONS - 1);
    expect(JSON.stringify(listed).length).toBeLessThan(MEGABYTE_OF_KEYS.length + 200_000);
    expect(ok(connection).connected).toBe(true);
    count({ tried: 2, handled: 2 });
  });
});
