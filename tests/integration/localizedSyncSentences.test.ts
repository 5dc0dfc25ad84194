// Sentences about a record (skip and failure reasons, statuses, the history) are stored by their
// resource key and said when read, in the reader's Jira language (docs/decisions/0026): a sync run
// in German reads back in Japanese, and the English `message` stays for whoever has no locale.
import type { World } from '../support/world';
import { addRecord, connectAs, listRecords, ok, openDemoWorld, plusMinutes, recordView, sync, utcAt } from './syncHelpers';

let world: World;
let ids: Record<string, number>;

beforeEach(async () => ({ world, ids } = await openDemoWorld()));
afterEach(() => world.close());

const german = { locale: 'de-DE' };
const japanese = { locale: 'ja-JP' };

async function historyOf(recordId: number, context: Record<string, unknown>) {
  const { items } = ok(await world.invoke('getSyncHistory', {}, context));
  return items.filter((item: { recordId: number }) => item.recordId === recordId);
}

test('a skip reason: said in German by the sync, in Japanese by the history and the record list, in English without a locale', async () => {
  const admin = world.projectContext(world.demo.adminAccountId);
  const { settings } = ok(await world.invoke('getProjectSettings', {}, admin));
  ok(await world.invoke('saveProjectSettings', { settings: { ...settings, minimumSeconds: 300 } }, admin));
  const record = ids['too short']!;

  const [result] = await sync(world, [record], {}, german);
  expect(result).toMatchObject({ outcome: 'skipped', message: 'Kürzer als 5 Min., das Minimum dieses Projekts.' });
  expect(result).not.toHaveProperty('messageText');

  const [entry] = await historyOf(record, japanese);
  expect(entry).toMatchObject({ outcome: 'skipped', message: 'このプロジェクトの最小時間 5分 より短いです。' });
  expect((await listRecords(world, japanese)).find((r) => r.id === record)).toMatchObject({
    status: 'too-short',
    message: 'このプロジェクトの最小時間 5分 より短いです。',
  });
  const [english] = await historyOf(record, {});
  expect(english.message).toBe("Shorter than this project's minimum of 5m.");
});

test('a failure reason: Jira refuses the worklog; the sync says it in German, the stored state and the history in Japanese', async () => {
  const victor = world.demo.viewerAccountId;
  const victorUser = await connectAs(world, victor, 'victor');
  const timein = utcAt(1, 4);
  const record = addRecord(world, { timein, timeout: plusMinutes(timein, 45), notes: 'Looked at reports', jira_issue_key: 'DEMO-2' }, victorUser);
  await listRecords(world, { accountId: victor });

  const [result] = await sync(world, [record], {}, { accountId: victor, ...german });
  expect(result).toMatchObject({
    outcome: 'failed',
    code: 'no-permission',
    message: 'Sie haben keine Berechtigung, Arbeit an DEMO-2 zu protokollieren.',
  });
  expect(world.jira.worklogs('DEMO-2')).toEqual([]);

  const inJapanese = { accountId: victor, ...japanese };
  const japaneseRefusal = 'DEMO-2 に作業を記録する権限がありません。';
  expect(await recordView(world, record, inJapanese)).toMatchObject({ status: 'failed', message: japaneseRefusal });
  expect(await historyOf(record, inJapanese)).toEqual([
    expect.objectContaining({ outcome: 'failed', code: 'no-permission', message: japaneseRefusal }),
  ]);
  const panel = ok(await world.invoke('getIssuePanel', {}, { ...world.issueContext('DEMO-2', victor), ...german }));
  expect(panel.records.find((r: { id: number }) => r.id === record)).toMatchObject({
    status: 'failed',
    message: 'Sie haben keine Berechtigung, Arbeit an DEMO-2 zu protokollieren.',
  });
});

test('a bulk job started in German reads its results in Japanese, and in English without a locale', async () => {
  const record = ids['running']!;
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: [record] }, german));
  const readIn = async (context: Record<string, unknown>) => {
    for (let polls = 0; ; polls++) {
      const job = ok(await world.invoke('getBulkJob', { jobId }, context));
      if (job.state === 'done') return job;
      if (polls > 200) throw new Error(`job not done: ${JSON.stringify(job)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  expect((await readIn(japanese)).results).toEqual([
    expect.objectContaining({ recordId: record, outcome: 'skipped', message: 'タイムカードでまだ計測中です。先に停止してください。' }),
  ]);
  expect((await readIn({})).results[0].message).toBe('Still running in the timecard: stop it first.');
});

test('a record id the timecard does not have: its result in Spanish, the refused single action in French', async () => {
  const [result] = await sync(world, [987654], {}, { locale: 'es-ES' });
  expect(result).toMatchObject({
    outcome: 'failed',
    code: 'record-not-found',
    message:
      'No se encontró el registro 987654 de la hoja de horas entre tus registros. Puede que se haya eliminado o que sea de otra persona; actualiza la lista.',
  });
  const unsync = await world.invoke('unsyncRecord', { recordId: 987654 }, { locale: 'fr-FR' });
  expect(unsync.error).toEqual({
    code: 'record-not-found',
    message: expect.stringMatching(/^L’entrée 987654 de la feuille de temps est introuvable/),
  });
});
