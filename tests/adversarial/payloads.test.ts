// Bad payloads over every resolver key: every field (and every nested setting) swapped for values
// of the wrong kind, size or range, and keys no payload takes, top-level and nested. Each must be
// answered `invalid-payload` with a sentence that names the field in words and says what is
// allowed, and change nothing: no storage write, no Jira or timecard call.
import type { ResolverKey } from '../../src/shared/contract';
import { payloads } from '../../src/shared/schemas';
import { snapshot } from '../integration/syncHelpers';
import type { World } from '../support/world';
import { BAD_VALUES, EXTRA_KEYS, VALID, VALIDATOR_PROSE, everything, leafPaths, openWorldWithState, withExtra, withValue } from './cases';
import { count } from './tally';

let world: World;

beforeAll(async () => void (world = await openWorldWithState()));
afterAll(() => world.close());

const KEYS = Object.keys(payloads) as ResolverKey[];

function contextFor(key: ResolverKey) {
  if (key.includes('Settings')) return world.projectContext(world.demo.adminAccountId);
  return world.issueContext('DEMO-2');
}

/** Every malformed variant of the key's well-formed payload. */
function variants(key: ResolverKey): { label: string; payload: unknown }[] {
  const base = VALID[key];
  const out: { label: string; payload: unknown }[] = [];
  for (const path of leafPaths(base)) {
    for (const value of BAD_VALUES)
      out.push({ label: `${path.join('.')} = ${JSON.stringify(value)?.slice(0, 30)}`, payload: withValue(base, path, value) });
  }
  const objects = [
    [] as (string | number)[],
    ...leafPaths(base).filter((p) => {
      const v = p.reduce<any>((at, step) => at?.[step], base);
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    }),
  ];
  for (const path of objects)
    for (const extra of EXTRA_KEYS)
      out.push({ label: `${path.join('.') || '(payload)'} + ${Object.keys(extra)[0]}`, payload: withExtra(base, path, extra) });
  for (const notObject of [[], 'payload', 42, true]) out.push({ label: `payload ${JSON.stringify(notObject)}`, payload: notObject });
  return out.filter(({ payload }) => !payloads[key].safeParse(payload).success);
}

test('the well-formed payloads are well-formed, and every key has one', () => {
  expect(Object.keys(VALID).sort()).toEqual([...KEYS].sort());
  for (const key of KEYS) expect({ key, ok: payloads[key].safeParse(VALID[key]).success }).toEqual({ key, ok: true });
});

describe.each(KEYS)('%s', (key) => {
  test('refuses every malformed variant with a sentence naming the field, and changes nothing', async () => {
    const cases = variants(key);
    expect(cases.length).toBeGreaterThan(3);
    const before = everything(world);
    let handled = 0;
    for (const { label, payload } of cases) {
      const result = await world.invoke(key, payload, contextFor(key));
      const message: string = result?.error?.message ?? '';
      const good =
        result?.error?.code === 'invalid-payload' &&
        /^[A-Z].{15,300}[.]$/s.test(message) &&
        !VALIDATOR_PROSE.test(message) &&
        (/\(\w+\)|does not take “/.test(message) || /^The request must be/.test(message));
      if (good) handled++;
      else expect({ key, label, result }).toEqual({ key, label, result: 'an invalid-payload sentence naming the field' });
    }
    const after = everything(world);
    count({ tried: cases.length, handled: JSON.stringify(after) === JSON.stringify(before) ? handled : 0 });
    expect(after).toEqual(before);
  });
});

describe('the defects found by the adversarial run', () => {
  const settings = VALID.saveProjectSettings.settings as Record<string, unknown>;

  test.each([
    ['admin', { ...settings, admin: true }],
    ['__proto__', withExtra(settings, [], JSON.parse('{"__proto__": {"admin": true}}'))],
  ])('an unknown setting (%s) is refused, not dropped', async (name, inner) => {
    const before = snapshot(world);
    const project = await world.invoke('saveProjectSettings', { settings: inner }, world.projectContext(world.demo.adminAccountId));
    expect(project.error).toMatchObject({ code: 'invalid-payload', message: expect.stringContaining(`“${name}”`) });
    const site = await world.invoke('saveSiteSettings', { settings: { defaults: inner } }, world.projectContext(world.demo.adminAccountId));
    expect(site.error).toMatchObject({ code: 'invalid-payload', message: expect.stringContaining(`“${name}”`) });
    const beside = await world.invoke(
      'saveSiteSettings',
      { settings: { defaults: settings, timecardUrl: 'http://evil.example' } },
      world.projectContext(world.demo.adminAccountId),
    );
    expect(beside.error).toMatchObject({ code: 'invalid-payload', message: expect.stringContaining('“timecardUrl”') });
    expect(snapshot(world)).toEqual(before);
    count({ tried: 3, handled: 3 });
  });

  test('messages name the field in words and what is allowed, never the validator', async () => {
    const admin = world.projectContext(world.demo.adminAccountId);
    const cases: [string, unknown, unknown, RegExp][] = [
      ['connectTimecard', { password: 'x' }, undefined, /^Give your timecard username \(username\): text of 1 to 200 characters\.$/],
      ['linkRecord', { recordId: 1e21, issueKey: 'DEMO-1' }, undefined, /^The record \(recordId\) must be a timecard record id/],
      [
        'saveProjectSettings',
        { settings: { ...settings, roundingIncrementMinutes: 7 } },
        admin,
        /rounding increment \(roundingIncrementMinutes\) must be 1, 5, 6, 10, 15 or 30 minutes\./,
      ],
      ['listRecords', { from: '0000-01-01', to: '2026-01-02' }, undefined, /first day \(from\) must be a day from 1970-01-01 to 2100-12-31/],
      ['listRecords', { from: '2026-01-01', to: '9999-12-31' }, undefined, /last day \(to\) must be a day from 1970-01-01 to 2100-12-31/],
      ['getSyncHistory', { to: '9999-12-31' }, undefined, /last day \(to\) must be a day from 1970/],
    ];
    for (const [key, payload, context, expected] of cases) {
      const result = await world.invoke(key, payload, context as never);
      expect({ key, message: result.error?.message }).toEqual({ key, message: expect.stringMatching(expected) });
      expect(result.error.message).not.toMatch(VALIDATOR_PROSE);
    }
    count({ tried: cases.length, handled: cases.length });
  });
});
