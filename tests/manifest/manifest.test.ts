import path from 'node:path';
import { readFileSync } from 'node:fs';
import { validate } from '@forge/manifest';
import { readLocaleFiles } from '../../runtime/forgeLocales';

const manifestPath = path.resolve(__dirname, '../../manifest.yml');

describe('manifest.yml', () => {
  it('validates offline with @forge/manifest, with no error and no warning', async () => {
    const result = await validate(false, manifestPath);
    const problems = (result.errors ?? []).map((e) => `${e.level}: ${e.message} (line ${e.line})`);
    expect(problems).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('declares every surface, the resolver, the bulk-sync queue and classic scopes', () => {
    const text = readFileSync(manifestPath, 'utf8');
    for (const module of ['jira:issuePanel', 'jira:globalPage', 'jira:projectSettingsPage', 'jira:adminPage', 'consumer']) {
      expect(text).toContain(`${module}:`);
    }
    // Module titles are i18n keys of the translations; in the default locale the panel reads as before.
    expect(text).toContain('i18n: app.issuePanel.title');
    expect(readLocaleFiles(path.resolve(__dirname, '../..'))?.translate('app.issuePanel.title', 'en-US')).toBe('Log from timecard');
    expect(text).toContain('useAsConfig: true');
    expect(text).toContain('name: nodejs22.x');
    expect(text).toMatch(/backend:\n\s+- address: https:\/\//);
    for (const scope of ['read:jira-work', 'write:jira-work', 'read:jira-user', 'storage:app']) expect(text).toContain(`- ${scope}`);
  });
});
