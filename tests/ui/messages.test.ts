// "No text hard-coded twice": every user-facing sentence of the UI Kit surfaces lives once in
// src/frontend/common/messages.ts, and the components spell none themselves.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { messages } from '../../src/frontend/common/messages';
import { formatDuration, safeTimeZone, toIntlLocale } from '../../src/frontend/common/format';
import { STATUS_LABEL } from '../../src/frontend/common/status';
import * as pageFormat from '../../static/global-page/src/format';
import { ENGLISH } from '../../static/global-page/src/messages';

function strings(value: unknown, path: string, into: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') into.push([path, value]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, into);
  return into;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

const FRONTEND = join(__dirname, '../../src/frontend');

describe('messages', () => {
  test('every string in messages.ts is there once', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const [path, text] of strings(messages, '')) {
      if (seen.has(text)) duplicates.push(`"${text}" at ${seen.get(text)} and ${path}`);
      else seen.set(text, path);
    }
    expect(duplicates).toEqual([]);
  });

  test('components contain no user-facing text of their own', () => {
    const offenders: string[] = [];
    for (const file of files(FRONTEND).filter((f) => f.endsWith('.tsx'))) {
      const source = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '');
      const where = relative(FRONTEND, file);
      // Text between JSX tags: `>Save<`, `> Log all <`.
      for (const match of source.matchAll(/(?<![=-])>([^<>{}\n]*[A-Za-z]{2,}[^<>{}\n]*)</g))
        offenders.push(`${where}: JSX text "${match[1].trim()}"`);
      // Literal strings in props the host shows.
      for (const match of source.matchAll(
        /\b(title|label|header|description|caption|placeholder|ariaLabel|content)=["']([^"']*[A-Za-z][^"']*)["']/g,
      )) {
        offenders.push(`${where}: ${match[1]}="${match[2]}"`);
      }
    }
    expect(offenders).toEqual([]);
  });

  test('every status and link source has its words', () => {
    expect(Object.keys(messages.status).sort()).toEqual(
      [
        'changed',
        'conflict',
        'deleted-in-jira',
        'deleted-in-timecard',
        'edited-in-jira',
        'failed',
        'logged-by-someone-else',
        'not-synced',
        'running',
        'settings-changed',
        'synced',
        'too-short',
      ].sort(),
    );
    expect(Object.keys(messages.linkSource).sort()).toEqual(['jira', 'none', 'suggested', 'timecard']);
  });
});

describe('one source for both frontends', () => {
  test("the panel's status words are the ones the global page shows", () => {
    expect(messages.status).toBe(STATUS_LABEL);
    for (const [status, label] of Object.entries(STATUS_LABEL)) expect(ENGLISH.t(`status.${status as keyof typeof STATUS_LABEL}`)).toBe(label);
  });

  test("the global page's durations, zones and locales are the UI Kit surfaces' own", () => {
    // The page says durations in the person's language; in English, in the same words as the panel.
    for (const seconds of [0, 30, 59, 60, 90, 3600, 5400, 5520, 86_400, -900]) expect(ENGLISH.duration(seconds)).toBe(formatDuration(seconds));
    expect(ENGLISH.duration(30)).toBe('30s');
    expect(pageFormat.safeTimeZone).toBe(safeTimeZone);
    expect(pageFormat.toIntlLocale).toBe(toIntlLocale);
  });
});
