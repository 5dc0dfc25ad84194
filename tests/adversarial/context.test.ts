// Forged or odd Forge contexts over every resolver key: an account id, issue key, project key,
// time zone or locale that no real Jira would send (too long, of the wrong type, with characters
// an id never has, or an issue of another project) is answered `invalid-context` with a sentence,
// and changes nothing. A missing account id stays `forbidden`.
import type { ResolverKey } from '../../src/shared/contract';
import { payloads } from '../../src/shared/schemas';
import type { World } from '../support/world';
import { VALID, everything, openWorldWithState } from './cases';
import { count } from './tally';

let world: World;

beforeAll(async () => void (world = await openWorldWithState()));
afterAll(() => world.close());

const KEYS = Object.keys(payloads) as ResolverKey[];

function forgeries(): { label: string; context: Record<string, unknown> }[] {
  const base = world.issueContext('DEMO-2');
  const ext = base.extension!;
  return [
    { label: 'accountId of 600 characters', context: { ...base, accountId: 'a'.repeat(600) } },
    { label: 'accountId with /', context: { ...base, accountId: 'demo-alice/../demo-admin' } },
    { label: 'accountId a number', context: { ...base, accountId: 42 } },
    { label: 'accountId an object', context: { ...base, accountId: { id: 'demo-alice' } } },
    { label: 'issue key of 600 characters', context: { ...base, extension: { ...ext, issue: { key: `DEMO-${'1'.repeat(595)}` } } } },
    { label: 'issue key a number', context: { ...base, extension: { ...ext, issue: { key: 42 } } } },
    { label: 'issue key with a path', context: { ...base, extension: { ...ext, issue: { key: 'DEMO-1/worklog' } } } },
    { label: 'issue a string', context: { ...base, extension: { ...ext, issue: 'DEMO-2' } } },
    { label: 'project key A; DROP', context: { ...base, extension: { ...ext, project: { key: 'A; DROP' } } } },
    { label: 'issue of another project', context: { ...base, extension: { ...ext, project: { key: 'SEC' } } } },
    { label: 'time zone that does not exist', context: { ...base, timezone: 'Mars/Olympus' } },
    { label: 'time zone of 600 characters', context: { ...base, timezone: 'E'.repeat(600) } },
    { label: 'locale of 100 characters', context: { ...base, locale: 'x'.repeat(100) } },
    { label: 'extension a string', context: { ...base, extension: 'jira:issuePanel' } },
  ];
}

describe.each(KEYS)('%s', (key) => {
  test('refuses forged contexts with invalid-context and a sentence, and changes nothing', async () => {
    const cases = forgeries();
    const before = everything(world);
    let handled = 0;
    for (const { label, context } of cases) {
      const result = await world.app.invoke(key, VALID[key], context as never);
      const good = (result as any)?.error?.code === 'invalid-context' && /^[A-Z].{20,300}\.$/.test((result as any).error.message);
      if (good) handled++;
      else expect({ key, label, result }).toEqual({ key, label, result: 'invalid-context with a sentence' });
    }
    const after = everything(world);
    count({ tried: cases.length, handled: JSON.stringify(after) === JSON.stringify(before) ? handled : 0 });
    expect(after).toEqual(before);
  });
});

test('a missing account id is still forbidden, and real Forge contexts pass', async () => {
  for (const accountId of [undefined, '']) {
    const result = await world.app.invoke('getConnection', {}, { ...world.issueContext('DEMO-2'), accountId } as never);
    expect(result).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
  }
  const real = [
    world.issueContext('DEMO-2'),
    world.projectContext(),
    {
      accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
      timezone: 'Asia/Kolkata',
      locale: 'pt_BR',
      extension: { type: 'jira:globalPage' },
      cloudId: 'x',
      moduleKey: 'y',
    },
    {
      accountId: 'demo-alice',
      timezone: null,
      locale: null,
      extension: {
        type: 'jira:issuePanel',
        issue: { key: 'DEMO-2', id: '10002', type: 'Task' },
        project: { key: 'DEMO', id: '10000', type: 'software' },
      },
    },
  ];
  for (const context of real) {
    const result = await world.app.invoke('getConnection', {}, context as never);
    expect((result as any).error).toBeUndefined();
  }
  count({ tried: 6, handled: 6 });
});
