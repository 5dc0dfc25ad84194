// Sentences stored by key (docs/decisions/0026): every `sync.*` key the backend names exists in
// every locale, and a result is said in the reader's language on the way out, older entries that
// kept only their English included.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { RESOURCE_LOCALES } from '../../../src/shared/i18n/locales';
import { sayStoredSentences } from '../../../src/resolvers/storedSentences';
import { stored } from '../../../src/domain/localizedText';
import { WAIT_CAUSES, endedText, waitingText } from '../../../src/domain/jobWaiting';

const root = path.resolve(__dirname, '../../..');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });

const keysNamed = (pattern: RegExp) =>
  [
    ...new Set(
      files(path.join(root, 'src'))
        .filter((file) => !file.includes(`${path.sep}frontend${path.sep}`))
        .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(pattern)].map((m) => m[1]!)),
    ),
  ].sort();

const syncKeys = keysNamed(/key: '(sync\.[A-Za-z.]+)'/g);
// The refusals the backend raises by a key it spells out (those made from a code are checked where they are made).
const errorKeys = keysNamed(/key: '(errors\.[A-Za-z.]+)'/g);
// The admin page's health sentences (what the timecard adapter's ping and the health service say).
const healthKeys = keysNamed(/key: '(admin\.health\.[A-Za-z.]+)'/g);

test('the backend names the sync sentences by key', () => {
  expect(syncKeys.length).toBeGreaterThan(40);
  expect(syncKeys).toEqual(expect.arrayContaining(['sync.skip.tooShort', 'sync.failure.internal', 'sync.status.editedInJira']));
});

/** A sentence at the key: a string, or a plural message (an object of CLDR categories). */
const hasMessage = (resource: unknown, key: string): boolean => {
  const found = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resource);
  return typeof found === 'string' || (typeof found === 'object' && found !== null && typeof (found as { other?: unknown }).other === 'string');
};

// The keys made from a cause (`sync.job.waiting.<cause>`) are not spelled in the source.
const causeKeys = WAIT_CAUSES.flatMap((cause) => [waitingText(cause).key, endedText(cause).key]);

test('the backend names its refusals by key: conflicts, deleted records, unlinking, undo, automatic sync, the context', () => {
  expect(errorKeys).toEqual(
    expect.arrayContaining([
      'errors.conflict.nothingToChoose',
      'errors.deletedInTimecard.backInTimecard',
      'errors.records.noWorklog',
      'errors.undo.preview',
      'errors.undo.waiting',
      'errors.autoSync.notAdmin',
      'errors.session.refused.timezone',
      'errors.session.issueNotInProject',
      'errors.jira.quotaOut',
      'errors.jira.gaveUp.unavailable',
      'errors.jira.platformRefused',
      'errors.jira.notUnderstood.worklog',
      'errors.timecard.recordGone',
      'errors.timecard.recordRefused',
    ]),
  );
  expect(syncKeys).toEqual(
    expect.arrayContaining(['sync.conflict.keptJira', 'sync.deletedInTimecard.status', 'sync.writeBack.notWritten.running', 'sync.undo.keptUpdated']),
  );
});

test.each(RESOURCE_LOCALES)('every refusal the backend names by key is in %s', (locale) => {
  const resource = JSON.parse(readFileSync(path.join(root, 'locales', `${locale}.json`), 'utf8')) as unknown;
  expect(errorKeys.filter((key) => !hasMessage(resource, key))).toEqual([]);
});

test.each(RESOURCE_LOCALES)('every health sentence of the admin page is in %s', (locale) => {
  expect(healthKeys).toEqual(
    expect.arrayContaining(['admin.health.answers', 'admin.health.notConfigured', 'admin.health.rationed', 'admin.health.timeout']),
  );
  const resource = JSON.parse(readFileSync(path.join(root, 'locales', `${locale}.json`), 'utf8')) as unknown;
  expect(healthKeys.filter((key) => !hasMessage(resource, key))).toEqual([]);
});

test.each(RESOURCE_LOCALES)('every sync sentence the backend names is in %s', (locale) => {
  const resource = JSON.parse(readFileSync(path.join(root, 'locales', `${locale}.json`), 'utf8')) as unknown;
  expect([...syncKeys, ...causeKeys].filter((key) => !hasMessage(resource, key))).toEqual([]);
});

describe('sayStoredSentences', () => {
  const skipped = { recordId: 7, outcome: 'skipped', ...stored({ key: 'sync.skip.turnedOff', params: { projectKey: 'PAY' } }) };

  test('says every stored sentence of a result in the locale, however deep, and leaves the key out of the answer', () => {
    const said = sayStoredSentences({ results: [skipped], job: { record: { message: skipped.message, messageText: skipped.messageText } } }, 'fr-FR');
    expect(said.results[0]).toEqual({ recordId: 7, outcome: 'skipped', message: 'La synchronisation timecard est désactivée pour le projet PAY.' });
    expect(said.job.record.message).toBe('La synchronisation timecard est désactivée pour le projet PAY.');
    expect(skipped.message).toBe('Timecard sync is turned off for project PAY.');
  });

  test('an entry stored before keys were kept keeps its English; other fields and values pass unchanged', () => {
    const old = { items: [{ recordId: 1, message: 'Shorter than the minimum.', code: null, at: '2026-11-01T00:00:00.000Z' }], nextCursor: null };
    expect(sayStoredSentences(old, 'ja-JP')).toEqual(old);
    expect(sayStoredSentences({ message: null }, 'de-DE')).toEqual({ message: null });
  });

  test('an undo failure and a write-back that quote an error say the error in the same language', () => {
    const undo = { failures: [{ recordId: 3, ...stored({ key: 'errors.jira.worklogGone', params: { issueKey: 'PAY-1' } }) }], kept: [] };
    expect(sayStoredSentences(undo, 'de-DE').failures).toEqual([
      { recordId: 3, message: 'Das Arbeitsprotokoll oder der Vorgang PAY-1 existiert in Jira nicht mehr, oder Sie können ihn nicht mehr sehen.' },
    ]);
    const writeBack = {
      outcome: 'failed',
      ...stored({ key: 'sync.writeBack.failedInternal', params: { quote: { key: 'errors.quoteErrorId', params: { errorId: 'e-1' } } } }),
    };
    expect(writeBack.message).toBe(
      'The link is kept in Jira, but it could not be written to your timecard. Try linking it again later. If it keeps happening, quote error id e-1 to your Jira admin.',
    );
    expect(sayStoredSentences(writeBack, 'ja-JP').message).toMatch(/^リンクは Jira に残っていますが、タイムカードに書き込めませんでした。.*e-1/);
  });

  test('a nested sentence and a duration are said in the same language', () => {
    const edited = stored({
      key: 'sync.status.editedInJira',
      params: {
        changes: {
          key: 'sync.jiraEdit.two',
          params: {
            first: {
              key: 'sync.jiraEdit.seconds',
              params: {
                now: { key: 'common.duration.minutes', params: { minutes: 1 } },
                sent: { key: 'common.duration.hoursMinutes', params: { hours: 1, minutes: 35 } },
              },
            },
            second: { key: 'sync.jiraEdit.comment' },
          },
        },
      },
    });
    expect(edited.message).toBe('Someone edited this worklog in Jira: it now has 1m instead of 1h 35m and its comment was changed.');
    expect(sayStoredSentences(edited, 'de-DE').message).toBe(
      'Jemand hat dieses Arbeitsprotokoll in Jira bearbeitet (es hat jetzt 1 Min. statt 1 Std. 35 Min. und sein Kommentar wurde geändert).',
    );
  });
});
