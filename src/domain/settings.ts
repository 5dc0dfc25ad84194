import type { ProjectSettings } from '../shared/contract';
import type { CommentVars } from './comment';
import { templateProblem } from './comment';
import { inEnglish, type LocalizedText } from './localizedText';

/** Field errors of project settings beyond what the zod schema checks (sentences by resource key); empty when valid. */
export function settingsProblems(settings: ProjectSettings): Record<string, LocalizedText> {
  const errors: Record<string, LocalizedText> = {};
  const templateError = templateProblem(settings.commentTemplate);
  if (templateError) errors.commentTemplate = templateError;

  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const domain of settings.domains) {
    const normalized = domain.trim().toLowerCase();
    if (normalized === '') {
      errors.domains = { key: 'errors.settings.domainEmpty' };
    } else if (seen.has(normalized)) {
      duplicates.push(domain.trim());
    }
    seen.add(normalized);
  }
  if (duplicates.length > 0) {
    errors.domains = { key: 'errors.settings.domainRepeated', params: { listed: duplicates.map((d) => `"${d}"`).join(', ') } };
  }
  return errors;
}

/** The same in English. */
export function validateProjectSettings(settings: ProjectSettings): Record<string, string> {
  return Object.fromEntries(Object.entries(settingsProblems(settings)).map(([field, text]) => [field, inEnglish(text)]));
}

/** A realistic record for the comment template preview. */
export const sampleCommentVars: CommentVars = {
  notes: 'Fixed rounding of invoice totals; reviewed PAY-15',
  domain: 'Acme',
  category: 'Payments',
  title: 'Development',
  link: 'https://acme.atlassian.net/browse/PAY-12',
  recordId: '42',
};
