// The settings form's state: what the fields hold (text where the person types), how it
// becomes ProjectSettings, and which field an error belongs to.
import { templateProblem, renderCommentText } from '../../domain/comment';
import { sampleCommentVars, settingsProblems } from '../../domain/settings';
import { ESTIMATE_POLICIES, MAX_MINIMUM_SECONDS, ROUNDING_INCREMENTS, ROUNDING_MODES, type ProjectSettings } from '../../shared/contract';
import type { Messages } from './messages';

export const SETTINGS_FIELDS = [
  'enabled',
  'roundingMode',
  'roundingIncrementMinutes',
  'minimumSeconds',
  'commentTemplate',
  'estimatePolicy',
  'notifyWatchers',
  'domains',
] as const satisfies readonly (keyof ProjectSettings)[];
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

export type FieldErrors = Partial<Record<SettingsField, string>>;

export interface SettingsDraft {
  enabled: boolean;
  roundingMode: ProjectSettings['roundingMode'];
  roundingIncrementMinutes: ProjectSettings['roundingIncrementMinutes'];
  /** Minutes as typed. */
  minimumMinutes: string;
  commentTemplate: string;
  estimatePolicy: ProjectSettings['estimatePolicy'];
  notifyWatchers: boolean;
  /** Comma-separated, as typed. */
  domains: string;
}

const MAX_MINIMUM_MINUTES = MAX_MINIMUM_SECONDS / 60;

export function toDraft(settings: ProjectSettings): SettingsDraft {
  return {
    enabled: settings.enabled,
    roundingMode: settings.roundingMode,
    roundingIncrementMinutes: settings.roundingIncrementMinutes,
    minimumMinutes: String(Math.round((settings.minimumSeconds / 60) * 100) / 100),
    commentTemplate: settings.commentTemplate,
    estimatePolicy: settings.estimatePolicy,
    notifyWatchers: settings.notifyWatchers,
    domains: settings.domains.join(', '),
  };
}

export function parseDomains(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function parseMinimumSeconds(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const minutes = Number(trimmed);
  if (!Number.isFinite(minutes) || minutes < 0 || minutes > MAX_MINIMUM_MINUTES) return null;
  return Math.round(minutes * 60);
}

/** The settings the draft stands for, or the field errors that keep it from being sent. */
export function fromDraft(draft: SettingsDraft, messages: Messages): { settings: ProjectSettings } | { errors: FieldErrors } {
  const minimumSeconds = parseMinimumSeconds(draft.minimumMinutes);
  if (minimumSeconds === null) return { errors: { minimumSeconds: messages.settings.minimumInvalid(MAX_MINIMUM_MINUTES) } };
  return {
    settings: {
      enabled: draft.enabled,
      roundingMode: draft.roundingMode,
      roundingIncrementMinutes: draft.roundingIncrementMinutes,
      minimumSeconds,
      commentTemplate: draft.commentTemplate,
      estimatePolicy: draft.estimatePolicy,
      notifyWatchers: draft.notifyWatchers,
      domains: parseDomains(draft.domains),
    },
  };
}

/** What is wrong with the draft as the person types (the server checks the same again on save). */
export function draftErrors(draft: SettingsDraft, messages: Messages): FieldErrors {
  const built = fromDraft(draft, messages);
  const errors: FieldErrors = 'errors' in built ? { ...built.errors } : {};
  const template = templateProblem(draft.commentTemplate);
  if (template) errors.commentTemplate = messages.say(template);
  if ('settings' in built) {
    const more = settingsProblems(built.settings);
    for (const field of SETTINGS_FIELDS) if (more[field] && !errors[field]) errors[field] = messages.say(more[field]);
  }
  return errors;
}

/**
 * Server field errors keyed by the path the resolver reports (`commentTemplate`,
 * `settings.commentTemplate`, `settings.defaults.domains.1` …) → the form's fields; what matches
 * no field comes back as `other`.
 */
export function mapServerFields(fields: Record<string, string> | undefined): { byField: FieldErrors; other: string[] } {
  const byField: FieldErrors = {};
  const other: string[] = [];
  for (const [path, message] of Object.entries(fields ?? {})) {
    const field = path
      .split(/[.[\]]/)
      .filter((part) => part !== '')
      .find((part): part is SettingsField => (SETTINGS_FIELDS as readonly string[]).includes(part));
    if (field) byField[field] = byField[field] ?? message;
    else other.push(message);
  }
  return { byField, other };
}

export function previewComment(template: string): string {
  return renderCommentText(template, sampleCommentVars);
}

export const roundingModeOptions = (messages: Messages) =>
  ROUNDING_MODES.map((mode) => ({ label: messages.settings.roundingModes[mode], value: mode }));
export const incrementOptions = (messages: Messages) =>
  ROUNDING_INCREMENTS.map((minutes) => ({ label: messages.settings.incrementOption(minutes), value: minutes }));
export const estimatePolicyOptions = (messages: Messages) =>
  ESTIMATE_POLICIES.map((policy) => ({ label: messages.settings.estimatePolicies[policy], value: policy }));
