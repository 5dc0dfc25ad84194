// Per-person storage prefixes: account `acct` never reads the history of `acct:2` (nor of any id
// that begins like its own), and history stored under the keys used before is moved to the new
// ones on the person's next read, each entry to its own person.
import { keyPart, keys } from '../../src/services/keys';
import type { HistoryItem } from '../../src/shared/contract';
import { ok } from '../integration/syncHelpers';
import { startWorld, type World } from '../support/world';
import { count } from './tally';

let world: World;
beforeEach(async () => void (world = await startWorld({ connected: false, demoRecords: false })));
afterEach(() => world.close());

const context = (accountId: string) => ({ accountId, timezone: 'UTC', extension: { type: 'jira:globalPage' } });
const entry = (accountId: string, recordId: number): HistoryItem => ({
  id: `e-${recordId}`,
  at: new Date(Date.UTC(2026, 10, recordId)).toISOString(),
  accountId,
  recordId,
  issueKey: 'DEMO-1',
  worklogId: null,
  outcome: 'created',
  message: null,
});
const history = async (accountId: string) =>
  ok(await world.app.invoke('getSyncHistory', {}, context(accountId))).items.map((i: HistoryItem) => [i.accountId, i.recordId]);

test('no id is the prefix of another: acct, acct:2, acct#2 and acct:2:3 each see only their own', async () => {
  const ids = ['acct', 'acct:2', 'acct_2', 'acct:2:3', '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077'];
  ids.forEach((id, i) => void world.app.store.set(keys.history(id, new Date(Date.UTC(2026, 10, i + 1)), `e-${i}`), entry(id, i + 1)));
  for (const [i, id] of ids.entries()) expect(await history(id)).toEqual([[id, i + 1]]);
  for (const a of ids) for (const b of ids) if (a !== b) expect(keys.historyPrefix(b).startsWith(keys.historyPrefix(a))).toBe(false);
  expect(keyPart('acct:2')).not.toContain(':');
  expect(keyPart('acct#003a2')).not.toBe(keyPart('acct:2'));
  count({ tried: ids.length, handled: ids.length });
});

test('history under the old keys moves to the new ones, each entry to its own person', async () => {
  const store = world.app.store;
  const legacy = (id: string, at: number, entryId: string) => `hist:${id}:${String(9_999_999_999_999 - at).padStart(13, '0')}:${entryId}`;
  // The old layout: `557058:abc`'s prefix `hist:557058:abc:` also covered `557058:abc:7`'s entries.
  await store.set(legacy('557058:abc', Date.UTC(2026, 10, 1), 'a1'), entry('557058:abc', 1));
  await store.set(legacy('557058:abc', Date.UTC(2026, 10, 2), 'a2'), { ...entry('557058:abc', 2), accountId: undefined });
  await store.set(legacy('557058:abc:7', Date.UTC(2026, 10, 3), 'b1'), entry('557058:abc:7', 3));
  await store.set(legacy('plain-id', Date.UTC(2026, 10, 4), 'c1'), entry('plain-id', 4));

  expect(await history('557058:abc')).toEqual([
    ['557058:abc', 2],
    ['557058:abc', 1],
  ]);
  expect(await history('557058:abc:7')).toEqual([['557058:abc:7', 3]]);
  expect(await history('plain-id')).toEqual([['plain-id', 4]]); // never needed moving: same key
  const left = Object.keys(store.dump()).filter((k) => k.startsWith('hist:557058:abc:'));
  expect(left).toEqual([]);
  // A second read moves nothing more and answers the same.
  expect(await history('557058:abc')).toEqual([
    ['557058:abc', 2],
    ['557058:abc', 1],
  ]);
  count({ tried: 4, handled: 4, lost: 0 });
});
