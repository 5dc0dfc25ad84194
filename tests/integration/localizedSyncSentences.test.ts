// Sentences about a record (skip and failure reasons, statuses, the history) are stored by their
// resource key and said when read, in the reader's Jira language (docs/decisions/0026): a sync run
// in German reads back in Japanese, and the English `message` stays for whoever has no locale.
import { adf } from '../../emulators/jira/testkit';
import type { World } from '../support/world';
import { addRecord, connectAs, listRecords, ok, openDemoWorld, plusMinutes, recentRange, recordView, sync, utcAt } from './syncHelpers';

let world: World;
let ids: Record<string, number>;

beforeEach(async () => ({ world, ids } = await openDemoWorld()));
afterEach(() => world.close());

const german = { locale: 'de-DE' };
const japanese = { locale: 'ja-JP' };

async function jobDone(jobId: string, context: Record<string, unknown>) {
  for (let polls = 0; ; polls++) {
    const job = ok(await world.invoke('getBulkJob', { jobId }, context));
    if (job.state === 'done') return job;
    if (polls > 200) throw new Error(`job not done: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function loggedRecord(name: string): Promise<{ recordId: number; worklogId: string; issueKey: string }> {
  const recordId = ids[name]!;
  const [result] = await sync(world, [recordId]);
  expect(result.outcome).toBe('created');
  return { recordId, worklogId: result.worklogId, issueKey: result.issueKey };
}

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

test("a conflict: keeping Jira's version is said in German, read back in Japanese; choosing again is refused in Japanese", async () => {
  const { recordId, worklogId, issueKey } = await loggedRecord('DEMO-2 day 2');
  const record = world.timecard.records(world.demo.timecardUserId).find((r) => r.id === recordId)!;
  world.timecard.updateRecord(recordId, { timeout: plusMinutes(record.timein, 200) });
  world.jira.editWorklog(issueKey, worklogId, { timeSpentSeconds: 1800, comment: adf('Pairing, done in Jira') }, 'demo-admin');
  await world.app.productEvents.idle();
  expect((await recordView(world, recordId, german)).status).toBe('conflict');

  ok(await world.invoke('resolveConflict', { recordId, keep: 'jira' }, german));
  const [kept] = await historyOf(recordId, german);
  expect(kept).toMatchObject({
    outcome: 'unchanged',
    message: 'Die Version des Arbeitsprotokolls aus Jira wurde behalten; in Jira wurde nichts geschrieben.',
  });
  expect((await historyOf(recordId, japanese))[0].message).toBe('作業ログは Jira 側の内容を残しました。Jira には何も書き込んでいません。');
  expect((await historyOf(recordId, {}))[0].message).toBe("Kept Jira's version of the worklog; nothing was written to Jira.");

  const again = await world.invoke('resolveConflict', { recordId, keep: 'jira' }, japanese);
  expect(again.error).toEqual({
    code: 'invalid-payload',
    message: 'この記録にはもう選ぶものがありません（作業ログとタイムカードが一致したか、再び変更されました）。一覧を更新してください。',
  });
});

test('deleted in the timecard: the record reads in Japanese, removing its worklog is kept in the history in German', async () => {
  const removed = await loggedRecord('DEMO-2 day 2');
  world.timecard.deleteRecord(removed.recordId);

  const listed = ok(await world.invoke('listRecords', recentRange(), japanese));
  expect(listed.records.find((r: { id: number }) => r.id === removed.recordId)).toMatchObject({
    status: 'deleted-in-timecard',
    message: 'この記録はタイムカードにもうありませんが、その作業ログはまだ Jira にあります。作業ログを削除するか、残してください。',
  });
  expect(ok(await world.invoke('resolveDeletedInTimecard', { recordId: removed.recordId, choice: 'remove' }, german))).toEqual({
    recordId: removed.recordId,
    outcome: 'removed',
  });
  expect(world.jira.worklogs(removed.issueKey).some((w) => w.id === removed.worklogId)).toBe(false);
  const [entry] = await historyOf(removed.recordId, german);
  expect(entry).toMatchObject({ outcome: 'deleted', message: 'Entfernt: Der Eintrag wurde in der Zeiterfassung gelöscht' });

  const still = await loggedRecord('DEMO-2 day 4');
  const refused = await world.invoke('resolveDeletedInTimecard', { recordId: still.recordId, choice: 'remove' }, german);
  expect(refused.error).toEqual({
    code: 'invalid-payload',
    message:
      'Dieser Eintrag ist wieder in Ihrer Zeiterfassung, daher bleibt sein Arbeitsprotokoll bestehen. Aktualisieren Sie die Liste, um ihn zu sehen.',
  });
});

test('a link written back to the timecard says what it did in German, and why it wrote nothing in Japanese', async () => {
  ok(await world.invoke('setLinkWriteBack', { enabled: true }));
  const written = ok(await world.invoke('linkRecord', { recordId: ids['notes day 1'], issueKey: 'DEMO-3' }, german));
  expect(written.writeBack).toEqual({ outcome: 'written', message: 'Ihre Zeiterfassung zeigt diesen Eintrag jetzt ebenfalls bei DEMO-3.' });

  const running = ok(await world.invoke('linkRecord', { recordId: ids['running'], issueKey: 'DEMO-4' }, japanese));
  expect(running.writeBack).toEqual({
    outcome: 'not-written',
    message:
      'リンクは Jira に残っていますが、タイムカードには何も書き込まれていません。記録はまだ計測中です。終了してからもう一度リンクしてください（今書き込むと退勤の打刻が取り消されるおそれがあります）。',
  });
});

test('undo refusals: a preview in German, a run the history does not have in Japanese; unlinking a logged record in German', async () => {
  const { jobId } = ok(await world.invoke('startBulkSync', { recordIds: [ids['DEMO-2 day 2']!], dryRun: true }, german));
  await jobDone(jobId, german);
  const preview = await world.invoke('undoBulkJob', { jobId }, german);
  expect(preview.error).toEqual({ code: 'invalid-payload', message: 'Eine Vorschau schreibt nichts, daher gibt es nichts rückgängig zu machen.' });

  const unknownRun = await world.invoke('undoSyncRun', { runId: 'run-that-never-was' }, japanese);
  expect(unknownRun.error).toEqual({
    code: 'job-not-found',
    message: '同期履歴にその実行はありません。作業ログを書き込まなかったか、別の人の実行です。',
  });

  const { recordId } = await loggedRecord('DEMO-2 day 4');
  const unlink = await world.invoke('linkRecord', { recordId, issueKey: null }, german);
  expect(unlink.error).toEqual({
    code: 'invalid-payload',
    message:
      'Dieser Eintrag hat ein Arbeitsprotokoll bei DEMO-2. Nehmen Sie die Buchung zuerst zurück, oder verknüpfen Sie ihn mit einem anderen Vorgang, um das Arbeitsprotokoll dorthin zu verschieben.',
  });
});

test('automatic sync: a person who is not a project admin is refused in Japanese; a context naming no real time zone in German', async () => {
  const notAdmin = await world.invoke('saveProjectAutoSync', { allowed: false }, { ...world.projectContext(), ...japanese });
  expect(notAdmin.error).toEqual({
    code: 'no-permission',
    message: 'このプロジェクトの記録を自動で記録してよいかを変更できるのは、プロジェクト管理者だけです。',
  });
  const badZone = await world.invoke('listRecords', recentRange(), { timezone: 'Mars/Olympus_Mons', ...german });
  expect(badZone.error).toEqual({
    code: 'invalid-context',
    message: 'Diese Anfrage nennt eine Zeitzone, die es nicht gibt. Prüfen Sie die Zeitzone in Ihrem Jira-Profil und laden Sie dann die Seite neu.',
  });
});

test('a date range the app refuses, and a job it does not have, are said in the person’s language', async () => {
  const backwards = await world.invoke('listRecords', { from: '2026-11-20', to: '2026-11-10' }, { locale: 'fr-FR' });
  expect(backwards.error).toEqual({ code: 'invalid-payload', message: 'Le début de la période doit précéder sa fin.' });
  const tooLong = await world.invoke('listRecords', { from: '2024-01-01', to: '2026-11-10' }, { locale: 'es-ES' });
  expect(tooLong.error).toEqual({ code: 'invalid-payload', message: 'El intervalo de fechas puede abarcar como máximo 366 días.' });
  const noJob = await world.invoke('getBulkJob', { jobId: 'job-that-never-was' }, german);
  expect(noJob.error).toEqual({
    code: 'job-not-found',
    message: 'Diesen Synchronisierungsauftrag gibt es nicht (er ist vielleicht abgelaufen, oder jemand anderes hat ihn gestartet).',
  });
});

test('a record the timecard sent that cannot be read is warned about in German in the list, and in Japanese on the panel', async () => {
  // The demo timecard has one row meant for DEMO-1 whose start time is not a date.
  const { warnings } = ok(await world.invoke('listRecords', recentRange(), german));
  expect(warnings).toEqual([
    'Ein Eintrag aus Ihrer Zeiterfassung konnte nicht gelesen werden (Startzeit: kein gültiges Datum mit Uhrzeit); korrigieren Sie ihn in Ihrer Zeiterfassung.',
  ]);
  const panel = ok(await world.invoke('getIssuePanel', {}, { ...world.issueContext('DEMO-1'), ...japanese }));
  expect(panel.unreadable).toEqual([
    'タイムカードの記録 1 件を読み取れませんでした（開始時刻が有効な日時ではありません）。タイムカードで修正してください。',
  ]);
});

test("a record waiting for a retry: its reason is said in the reader's language, as its history entry is", async () => {
  const recordId = ids['DEMO-1 today']!;
  await listRecords(world);
  world.jira.failNext(1, { method: 'POST', pathIncludes: '/worklog', status: 500 });
  const [failed] = await sync(world, [recordId], {}, german);
  expect(failed).toMatchObject({ outcome: 'failed', code: 'jira-error' });

  const [inEnglish] = ok(await world.invoke('getAutoSync', {})).retries;
  const [inJapanese] = ok(await world.invoke('getAutoSync', {}, japanese)).retries;
  const [entry] = await historyOf(recordId, japanese);
  expect(inJapanese).toMatchObject({ recordId, message: entry.message });
  expect(inJapanese.message).not.toBe(inEnglish.message);
  expect(inJapanese.message).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/);
  expect(inJapanese).not.toHaveProperty('messageText');
});
