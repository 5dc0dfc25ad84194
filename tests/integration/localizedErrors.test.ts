// The backend's sentences in the person's Jira language (docs/decisions/0021): the resolver reads
// the Forge context's `locale` and says an error (and a result's reason) from the same resource
// files the frontends use; the failure log stays English, the error id stays the same.
import { startWorld, type World } from '../support/world';
import { ok } from './syncHelpers';
import { toErrorResult } from '../../src/resolvers/errors';
import { describeJiraError } from '../../src/domain/jiraErrors';
import { AppError } from '../../src/domain/errors';

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(() => world.close());

test('project settings: the read-only reason and the refused save in German, Japanese and English', async () => {
  const german = { ...world.projectContext(), locale: 'de-DE' };
  const read = ok(await world.invoke('getProjectSettings', {}, german));
  expect(read.reason).toBe('Nur Administratoren des Projekts DEMO können diese Einstellungen ändern.');
  const saved = await world.invoke('saveProjectSettings', { settings: read.settings }, german);
  expect(saved).toEqual({ error: { code: 'no-permission', message: 'Nur Administratoren des Projekts DEMO können diese Einstellungen ändern.' } });

  const japanese = await world.invoke('saveProjectSettings', { settings: read.settings }, { ...world.projectContext(), locale: 'ja_JP' });
  expect(japanese.error.message).toBe('この設定を変更できるのはプロジェクト DEMO の管理者だけです。');
  const english = await world.invoke('saveProjectSettings', { settings: read.settings }, { ...world.projectContext(), locale: 'en-GB' });
  expect(english.error.message).toBe('Only administrators of project DEMO can change these settings.');
});

test('a refused settings save names its fields in Spanish', async () => {
  const admin = { ...world.projectContext(world.demo.adminAccountId), locale: 'es-ES' };
  const { settings } = ok(await world.invoke('getProjectSettings', {}, admin));
  const refused = await world.invoke(
    'saveProjectSettings',
    { settings: { ...settings, commentTemplate: '{notes} {cliente}', domains: ['Acme', 'acme'] } },
    admin,
  );
  expect(refused.error).toEqual({
    code: 'invalid-settings',
    message: 'Hay que corregir algunos ajustes antes de poder guardarlos.',
    fields: {
      commentTemplate: expect.stringMatching(/^Marcador desconocido \{cliente\} en la plantilla del comentario\. Puedes usar \{notes\}, /),
      domains: 'Cada dominio solo puede aparecer una vez; quita la repetición de "acme".',
    },
  });
});

test('an issue panel on an issue Jira does not know, in French (Jira 404 through the adapter)', async () => {
  const answer = await world.invoke('getIssuePanel', {}, { ...world.issueContext('DEMO-999'), locale: 'fr-FR' });
  expect(answer.error?.message ?? JSON.stringify(answer)).toMatch(/^Le ticket DEMO-999 n’existe pas dans Jira/);
});

test('Jira errors and the error id in the person language; what Jira said is kept as it said it', () => {
  const forbidden = describeJiraError(403, { errorMessages: [] }, { action: 'create', issueKey: 'PAY-12' });
  const error = new AppError(forbidden.code, forbidden.message, { text: forbidden.text });
  expect(toErrorResult(error, 'syncRecords', {}, 'es-ES').error.message).toBe('No tienes permiso para registrar trabajo en PAY-12.');
  expect(toErrorResult(error, 'syncRecords', {}, null).error.message).toBe("You don't have permission to log work on PAY-12.");

  const temporary = describeJiraError(502, { errorMessages: ['Bad gateway'] }, { action: 'create', issueKey: 'PAY-12' });
  const logged = toErrorResult(new AppError(temporary.code, temporary.message, { text: temporary.text }), 'syncRecords', {}, 'de-DE').error.message;
  expect(logged).toMatch(
    /^Jira hatte ein vorübergehendes Problem \(HTTP 502\)\. Versuchen Sie es in ein paar Minuten erneut\. Jira meldet: Bad gateway Wenn es wieder passiert, nennen Sie Ihrem Jira-Administrator die Fehler-ID [0-9A-F]{8}\.$/,
  );

  const internal = toErrorResult(new Error('boom'), 'getIssuePanel', {}, 'ja-JP').error.message;
  expect(internal).toMatch(/^こちら側で問題が発生しました。.*エラー ID [0-9A-F]{8} を Jira 管理者に伝えてください。$/);
});

test('a refused payload names its field and what is allowed in German and Japanese, English without a locale', async () => {
  const inGerman = await world.invoke('connectTimecard', { password: 'x' }, { locale: 'de-DE' });
  expect(inGerman.error).toEqual({
    code: 'invalid-payload',
    message: 'Angabe fehlt – Ihr Timecard-Benutzername (username): ein Text mit 1 bis 200 Zeichen.',
    fields: { username: 'Angabe fehlt – Ihr Timecard-Benutzername: ein Text mit 1 bis 200 Zeichen.' },
  });
  const admin = world.projectContext(world.demo.adminAccountId);
  const { settings } = ok(await world.invoke('getProjectSettings', {}, admin));
  const increment = await world.invoke(
    'saveProjectSettings',
    { settings: { ...settings, roundingIncrementMinutes: 7 } },
    { ...admin, locale: 'ja-JP' },
  );
  expect(increment.error.message).toBe('丸めの単位（roundingIncrementMinutes）は1、5、6、10、15、または 30 分にしてください。');
  const extra = await world.invoke('listRecords', { from: '2026-01-01', to: '2026-01-02', admin: true }, { locale: 'de-DE' });
  expect(extra.error.message).toBe('Unbekannte Angabe in dieser Anfrage: „admin“; entfernen Sie sie.');
  const english = await world.invoke('connectTimecard', { password: 'x' });
  expect(english.error.message).toBe('Give your timecard username (username): text of 1 to 200 characters.');
});

test('the hourly allowance refusal in German (the Jira emulator’s budget used up), English without a locale', async () => {
  world.jira.setLimits({ quota: { points: 1, windowSeconds: 3600 } });
  ok(await world.invoke('getIssuePanel', {}, world.issueContext('DEMO-1')));
  const german = await world.invoke('getIssuePanel', {}, { ...world.issueContext('DEMO-1'), locale: 'de-DE' });
  expect(german.error).toMatchObject({ code: 'rate-limited' });
  expect(german.error.message).toMatch(
    /^Das stündliche Kontingent von Jira für Apps ist aufgebraucht\. Versuchen Sie es in etwa \d+ Minuten erneut; eine laufende Synchronisierung macht dann von selbst weiter\./,
  );
  const english = await world.invoke('getIssuePanel', {}, world.issueContext('DEMO-1'));
  expect(english.error.message).toMatch(
    /^Jira's hourly allowance for apps is used up\. Try again in about \d+ minutes; a running sync carries on by itself then\./,
  );
});

test('a 503 the adapter gives up on, in Japanese', async () => {
  // Jira asks for more waiting than a resolver may spend: the app gives up at once and says when to try again.
  world.jira.failNext(5, { status: 503, method: 'GET', headers: { 'Retry-After': '9' } });
  const japanese = await world.invoke('getIssuePanel', {}, { ...world.issueContext('DEMO-1'), locale: 'ja-JP' });
  expect(japanese.error).toMatchObject({ code: 'rate-limited' });
  expect(japanese.error.message).toMatch(/^Jira は一時的に利用できません。約 9 秒後にもう一度お試しください。/);
});

test('the admin page says the server health in French: the answer, then an unreachable server; English without a locale', async () => {
  const french = { accountId: world.demo.adminAccountId, locale: 'fr-FR' };
  const first = ok(await world.invoke('checkTimecardServer', {}, french));
  const host = new URL(world.timecard.url).host;
  expect(first.server).toMatchObject({
    reachable: true,
    message: expect.stringMatching(new RegExp(`^Le serveur timecard à l’adresse ${host.replace(/\./g, '\\.')} répond \\(\\d+ ms\\)\\.$`)),
  });
  expect(first.server).not.toHaveProperty('messageText');
  const site = ok(await world.invoke('getSiteSettings', {}, { accountId: world.demo.adminAccountId }));
  expect(site.server.message).toMatch(new RegExp(`^The timecard server at ${host.replace(/\./g, '\\.')} answers \\(\\d+ ms\\)\\.$`));

  world.timecard.setDown('refuse');
  const last = ok(await world.invoke('checkTimecardServer', {}, french));
  expect(last.server).toMatchObject({
    reachable: false,
    message: expect.stringMatching(/^Le serveur timecard à l’adresse .* est injoignable \(.*\)\. Vérifiez l’adresse/),
  });
});
