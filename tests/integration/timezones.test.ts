// A worklog's `started` is the record's instant, whoever logs it and wherever they are: people
// in UTC-8, UTC and UTC+5:30 whose Forge context zone differs from their Jira profile zone.
import { call } from '../../emulators/jira/testkit';
import { startWorld, type World } from '../support/world';
import { addJiraPeople, addRecord, connectAs, isoDay, ok, plusMinutes, sync, utcAt } from './syncHelpers';

let world: World;

beforeAll(async () => {
  world = await startWorld({ demoRecords: false });
});

afterAll(async () => {
  await world.close();
});

interface Person {
  accountId: string;
  /** Forge context `timezone` (undefined: the app must ask /myself). */
  context: string | undefined;
  /** The zone of the Jira profile (/myself), which Jira also renders `started` in. */
  profile: string;
  /** Offset of the effective zone in late November, in minutes. */
  offsetMinutes: number;
}

const people: Person[] = [
  { accountId: 'tz-pacific', context: 'America/Los_Angeles', profile: 'Asia/Kolkata', offsetMinutes: -480 },
  { accountId: 'tz-utc', context: 'UTC', profile: 'America/Los_Angeles', offsetMinutes: 0 },
  { accountId: 'tz-india', context: 'Asia/Kolkata', profile: 'UTC', offsetMinutes: 330 },
  { accountId: 'tz-profile-only', context: undefined, profile: 'Asia/Kolkata', offsetMinutes: 330 },
];

// Instants near day boundaries: late evening UTC (next day in India), early morning UTC (the day
// before in California), and one with seconds.
const instants = [utcAt(3, 23, 45), utcAt(2, 7, 30), new Date(Date.parse(utcAt(1, 12, 0)) + 17_000).toISOString().replace('.000Z', 'Z')];
const localDay = (instant: string, offsetMinutes: number) => isoDay(Date.parse(instant) + offsetMinutes * 60_000);

describe.each(people)('$accountId (context $context, Jira profile $profile)', (person) => {
  const context = { accountId: person.accountId, timezone: person.context };
  const recordIds: number[] = [];

  beforeAll(async () => {
    addJiraPeople(world, [{ accountId: person.accountId, timeZone: person.profile }]);
    const userId = await connectAs(world, person.accountId, `tc-${person.accountId}`);
    for (const timein of instants) {
      recordIds.push(addRecord(world, { timein, timeout: plusMinutes(timein, 50), notes: 'Zone check', jira_issue_key: 'DEMO-3' }, userId));
    }
  });

  test('the effective zone is the context zone, else the Jira profile zone', async () => {
    const listed = ok(await world.invoke('listRecords', { from: isoDay(Date.now() - 6 * 86_400_000), to: isoDay(Date.now()) }, context));
    expect(listed.timeZone).toBe(person.context ?? person.profile);
  });

  test('listing by calendar day uses the person’s zone', async () => {
    for (const [i, timein] of instants.entries()) {
      const day = localDay(timein, person.offsetMinutes);
      const onDay = ok(await world.invoke('listRecords', { from: day, to: day }, context)).records.map((r: any) => r.id);
      expect({ timein, day, found: onDay.includes(recordIds[i]) }).toEqual({ timein, day, found: true });
      const otherDay = isoDay(Date.parse(timein) + (person.offsetMinutes >= 0 ? -1 : 1) * 86_400_000 + person.offsetMinutes * 60_000);
      const notOnOther = ok(await world.invoke('listRecords', { from: otherDay, to: otherDay }, context)).records.map((r: any) => r.id);
      expect(notOnOther).not.toContain(recordIds[i]);
    }
  });

  test("each worklog's started is the record's instant, sent in Jira's exact format", async () => {
    const sent: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (input: any, init?: any) => {
      if (String(init?.method).toUpperCase() === 'POST' && String(input).includes('/worklog?')) sent.push(JSON.parse(init.body).started);
      return original(input, init);
    }) as typeof fetch;
    let results;
    try {
      results = await sync(world, recordIds, {}, context);
    } finally {
      globalThis.fetch = original;
    }

    expect(results.map((r) => r.outcome)).toEqual(['created', 'created', 'created']);
    expect(sent.sort()).toEqual(instants.map((t) => new Date(t).toISOString().replace('Z', '+0000')).sort());
    for (const [i, result] of results.entries()) {
      const stored = world.jira.worklogs('DEMO-3').find((w) => w.id === result.worklogId)!;
      expect({ record: instants[i], stored: stored.started }).toEqual({ record: instants[i], stored: new Date(instants[i]).toISOString() });
      expect(stored.authorAccountId).toBe(person.accountId);

      // Jira renders `started` in the reader's profile zone: a different string, the same instant.
      const read = await call(world.jira.url, person.accountId, 'GET', `/rest/api/3/issue/DEMO-3/worklog/${result.worklogId}`);
      expect(Date.parse(read.body.started.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))).toBe(Date.parse(instants[i]));
      if (person.profile !== 'UTC') expect(read.body.started).not.toMatch(/\+0000$/);
    }
  });

  test('after the sync the records show as synced, not as edited in Jira', async () => {
    const listed = ok(await world.invoke('listRecords', { from: isoDay(Date.now() - 6 * 86_400_000), to: isoDay(Date.now()) }, context));
    const mine = listed.records.filter((r: any) => recordIds.includes(r.id));
    expect(mine.map((r: any) => [r.start, r.status])).toEqual(
      [...instants]
        .sort()
        .reverse()
        .map((t) => [t, 'synced']),
    );
    expect((await sync(world, recordIds, {}, context)).map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });
});
