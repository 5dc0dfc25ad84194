import { toAdf } from '../../../src/domain/comment';
import { hashOf, stableStringify, worklogHash } from '../../../src/domain/hash';

describe('stableStringify', () => {
  it.each<[unknown, string]>([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: 1, x: [3, { d: 1, c: 2 }] } }, '{"z":{"x":[3,{"c":2,"d":1}],"y":1}}'],
    [[3, 1, 2], '[3,1,2]'],
    [{ a: undefined, b: null }, '{"b":null}'],
    [[undefined, () => 1], '[null,null]'],
    ['text "quoted"', '"text \\"quoted\\""'],
    [Number.NaN, 'null'],
    [undefined, 'null'],
    [new Date('2026-11-24T08:30:00Z'), '"2026-11-24T08:30:00.000Z"'],
    [BigInt(12), '"12"'],
    [true, 'true'],
  ])('%p → %s', (value, expected) => {
    expect(stableStringify(value)).toBe(expected);
  });

  it('matches JSON.stringify for plain values with sorted keys', () => {
    const value = { list: [1, 'two', { three: 3 }], nested: { ok: true, n: -1.5 } };
    expect(JSON.parse(stableStringify(value))).toEqual(value);
  });

  it('refuses cycles but allows shared references', () => {
    const shared = { x: 1 };
    expect(stableStringify({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => stableStringify(cyclic)).toThrow(TypeError);
  });
});

describe('hashOf', () => {
  it('ignores key order', () => {
    expect(hashOf({ a: 1, b: { c: 2, d: 3 } })).toBe(hashOf({ b: { d: 3, c: 2 }, a: 1 }));
  });

  it('is 128 bits of hex', () => {
    expect(hashOf('x')).toMatch(/^[0-9a-f]{32}$/);
  });

  // Pinned so an accidental change to the algorithm (which would mark every synced record
  // as changed) fails here. The lanes are cyrb53's, which gives 7929297801672961 for 'a'.
  it.each<[unknown, string]>([
    ['', 'ada151798dddd9f7bffb78d36d355268'],
    [{ issueKey: 'PAY-12', seconds: 5700 }, 'b4fadd3715f6eff120d29e123648d026'],
    [{ seconds: 5700, issueKey: 'PAY-12' }, 'b4fadd3715f6eff120d29e123648d026'],
    ['héllo ✓ 日本', '86c3af9b5b4cbfafae813e555acd83b7'],
  ])('has a pinned value for %p', (value, expected) => {
    expect(hashOf(value)).toBe(expected);
  });

  it('tells apart values that differ a little', () => {
    const hashes = new Set<string>();
    for (let i = 0; i < 5000; i++) hashes.add(hashOf({ recordId: i, seconds: 60 * (i % 7) }));
    expect(hashes.size).toBe(5000);
    expect(hashOf([1, 2])).not.toBe(hashOf([2, 1]));
    expect(hashOf('1')).not.toBe(hashOf(1));
  });
});

describe('worklogHash', () => {
  const base = {
    issueKey: 'PAY-12',
    started: '2026-11-24T08:30:00.000+0000',
    timeSpentSeconds: 5700,
    comment: toAdf('Fixed rounding https://example.com'),
  };

  it('changes with what is sent', () => {
    const hash = worklogHash(base);
    expect(worklogHash({ ...base, issueKey: 'PAY-13' })).not.toBe(hash);
    expect(worklogHash({ ...base, timeSpentSeconds: 5760 })).not.toBe(hash);
    expect(worklogHash({ ...base, started: '2026-11-24T08:31:00.000+0000' })).not.toBe(hash);
    expect(worklogHash({ ...base, comment: toAdf('Fixed rounding') })).not.toBe(hash);
  });

  it('does not change with how the same thing is written', () => {
    const hash = worklogHash(base);
    expect(worklogHash({ ...base, issueKey: ' pay-12' })).toBe(hash);
    expect(worklogHash({ ...base, started: '2026-11-24T00:30:00.000-0800' })).toBe(hash);
    expect(worklogHash({ ...base, comment: JSON.parse(JSON.stringify(base.comment)) })).toBe(hash);
    const reordered = { version: 1, content: base.comment.content, type: 'doc' };
    expect(worklogHash({ ...base, comment: reordered })).toBe(hash);
    expect(worklogHash({ timeSpentSeconds: 5700, comment: base.comment, started: base.started, issueKey: 'PAY-12' })).toBe(hash);
  });
});
