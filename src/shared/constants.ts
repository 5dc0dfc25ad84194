// The contract's plain values (no zod): what the UI Kit surfaces need at runtime. Forge's
// NativeUIBundler builds them without a way to leave zod out, so they import this module, not
// ./contract (which re-exports all of it). See docs/decisions/0006-forge-bundlers-build-the-package.md.

export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,9}-[1-9][0-9]*$/;

export const ROUNDING_MODES = ['nearest', 'up', 'down'] as const;
export const ROUNDING_INCREMENTS = [1, 5, 6, 10, 15, 30] as const;
export const ESTIMATE_POLICIES = ['auto', 'leave'] as const;
export const MAX_MINIMUM_SECONDS = 4 * 3600;
export const MAX_TEMPLATE_LENGTH = 2000;
/** The periods the issue panel offers (any whole number of days up to a year is accepted). */
export const PANEL_PERIODS = [7, 30, 90] as const;

export const ERROR_CODES = [
  'invalid-payload',
  'not-connected',
  'reconnect-timecard',
  'bad-credentials',
  'server-unreachable',
  'not-configured',
  'record-not-found',
  'issue-not-found',
  'no-issue',
  'no-permission',
  'forbidden',
  'time-tracking-disabled',
  'worklog-cap',
  'rate-limited',
  'sync-in-progress',
  'invalid-settings',
  'job-not-found',
  'jira-error',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorResult {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}

export function isErrorResult(value: unknown): value is ErrorResult {
  return typeof value === 'object' && value !== null && 'error' in value;
}

export const DEFAULT_COMMENT_TEMPLATE = '{notes}';
export const COMMENT_PLACEHOLDERS = ['notes', 'domain', 'category', 'title', 'link', 'recordId'] as const;
