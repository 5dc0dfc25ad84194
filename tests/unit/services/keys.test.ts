// A sync state's key names its scope and record, whatever the timecard user id holds.
import { fromKeyPart, keyPart, keys, syncStateOf } from '../../../src/services/keys';

test.each(['7', 'alice', 'a:b', 'a#003a', 'ü ß/%', ''])('a keyPart gives back the id it was made from: %p', (id) => {
  expect(fromKeyPart(keyPart(id))).toBe(id);
});

test('a sync state key names its scope and record', () => {
  const scope = { server: 'abc123def456', user: 'user:7#x' };
  expect(syncStateOf(keys.syncState(scope, 42))).toEqual({ ...scope, recordId: 42 });
});

test.each(['link:abc:7:42', 'state:abc:7', 'state:abc:7:x', 'state:abc:7:42:9', 'wlrec:42'])('another key names no state: %p', (key) => {
  expect(syncStateOf(key)).toBeNull();
});
