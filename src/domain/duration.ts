import { AppError, localizedError } from './errors';
import { parseInstant } from './time';

export type RoundingMode = 'nearest' | 'up' | 'down';
export type RoundingIncrement = 1 | 5 | 6 | 10 | 15 | 30;

/** Jira refuses worklogs under one minute. */
export const JIRA_MINIMUM_SECONDS = 60;

/** Whole seconds between two timecard instants (negative when the record ends before it starts). */
export function recordDurationSeconds(timein: string, timeout: string): number {
  const start = parseInstant(timein);
  const end = parseInstant(timeout);
  if (!start || !end) {
    throw localizedError('internal', { key: 'errors.dates.recordTimes', params: { timein, timeout } });
  }
  return Math.round((end.getTime() - start.getTime()) / 1000);
}

/**
 * Seconds to log in Jira: whole minutes, a multiple of the increment. A result of zero
 * (possible with 'down' or 'nearest' on short records) becomes Jira's 60 s minimum rather
 * than a whole increment, so a 20 s record never turns into 30 minutes.
 */
export function roundDurationSeconds(seconds: number, mode: RoundingMode, incrementMinutes: RoundingIncrement): number {
  if (!Number.isFinite(seconds)) throw new AppError('internal', `Cannot round a duration of ${seconds} seconds.`);
  const step = incrementMinutes * 60;
  const steps = seconds / step;
  let rounded: number;
  if (mode === 'up') rounded = Math.ceil(steps) * step;
  else if (mode === 'down') rounded = Math.floor(steps) * step;
  else rounded = Math.floor(steps + 0.5) * step; // half up: 7m30s at 15 min → 15 min
  return Math.max(rounded, JIRA_MINIMUM_SECONDS);
}

/** Jira-style duration: "1h 35m", "45m", "2h"; "30s" under a minute; "0m" for nothing. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (seconds === 0) return '0m';
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const totalMinutes = Math.round(seconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes}m`;
  return minutes === 0 ? `${hours}h` : `${hours}h ${minutes}m`;
}
