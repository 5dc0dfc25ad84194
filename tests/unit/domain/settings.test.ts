import { renderCommentText, validateTemplate } from '../../../src/domain/comment';
import { sampleCommentVars, validateProjectSettings } from '../../../src/domain/settings';
import { DEFAULT_PROJECT_SETTINGS, type ProjectSettings } from '../../../src/shared/contract';
import { ProjectSettingsSchema } from '../../../src/shared/schemas';

const settings = (overrides: Partial<ProjectSettings>): ProjectSettings => ({ ...DEFAULT_PROJECT_SETTINGS, ...overrides });

describe('validateProjectSettings', () => {
  it('accepts the defaults', () => {
    expect(validateProjectSettings(DEFAULT_PROJECT_SETTINGS)).toEqual({});
  });

  it('accepts distinct domains and a good template', () => {
    expect(validateProjectSettings(settings({ domains: ['Acme', 'Globex'], commentTemplate: '{domain}: {notes}\n{link}' }))).toEqual({});
  });

  it('reports the template error', () => {
    expect(validateProjectSettings(settings({ commentTemplate: '{foo}' }))).toEqual({ commentTemplate: validateTemplate('{foo}') });
  });

  it('reports domains listed twice, ignoring case', () => {
    const errors = validateProjectSettings(settings({ domains: ['Acme', 'globex', 'ACME', ' Globex '] }));
    expect(errors.domains).toMatch(/once.*"ACME", "Globex"/);
  });

  it('reports both at once', () => {
    expect(Object.keys(validateProjectSettings(settings({ domains: ['a', 'A'], commentTemplate: '{' })))).toEqual(['commentTemplate', 'domains']);
  });
});

describe('sampleCommentVars', () => {
  it('renders every placeholder', () => {
    const text = renderCommentText('{notes} {domain} {category} {title} {link} {recordId}', sampleCommentVars);
    expect(text).not.toMatch(/[{}]/);
    expect(Object.values(sampleCommentVars).every((value) => value !== null && String(value).length > 0)).toBe(true);
  });

  it('the defaults pass the schema', () => {
    expect(ProjectSettingsSchema.safeParse(DEFAULT_PROJECT_SETTINGS).success).toBe(true);
  });
});
