import type { ProjectSettings } from '../shared/contract';
import type { CommentVars } from './comment';
import { validateTemplate } from './comment';

/** Field errors of project settings beyond what the zod schema checks; empty when valid. */
export function validateProjectSettings(settings: ProjectSettings): Record<string, string> {
  const errors: Record<string, string> = {};
  const templateError = validateTemplate(settings.commentTemplate);
  if (templateError) errors.commentTemplate = templateError;

  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const domain of settings.domains) {
    const normalized = domain.trim().toLowerCase();
    if (normalized === '') {
      errors.domains = 'Domain names cannot be empty.';
    } else if (seen.has(normalized)) {
      duplicates.push(domain.trim());
    }
    seen.add(normalized);
  }
  if (duplicates.length > 0) {
    errors.domains = `Each domain can be listed once; remove the repeated ${duplicates.map((d) => `"${d}"`).join(', ')}.`;
  }
  return errors;
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
