// RFC 4180 CSV: fields with a comma, quote, CR or LF (or edge spaces) are quoted, quotes doubled,
// rows end with CRLF. Text that a spreadsheet would run as a formula gets a leading apostrophe.
import type { HistoryItem } from '../../../src/shared/contract';
import { formatIsoLocal } from './format';
import { ENGLISH, type Messages } from './messages';

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The columns the history shows (the work first), then the ids it shows on demand. */
const HISTORY_CSV_COLUMNS = [
  'workStart',
  'notes',
  'issue',
  'issueSummary',
  'durationSeconds',
  'loggedSeconds',
  'outcome',
  'message',
  'syncedAt',
  'syncedAtUtc',
  'record',
  'worklog',
  'run',
  'code',
] as const;

/**
 * The history as a spreadsheet: headers in the person's language; times in their zone as
 * `YYYY-MM-DD HH:mm:ss` (which every spreadsheet reads as a date, whatever its locale) and in UTC
 * as ISO 8601; durations in whole seconds; the outcome and code as the stable names filters use.
 */
export function historyCsv(items: HistoryItem[], timeZone: string, m: Messages = ENGLISH): string {
  return toCsv(
    HISTORY_CSV_COLUMNS.map((column) => m.t(`history.csv.${column}`)),
    items.map((item) => [
      item.workStart ? formatIsoLocal(item.workStart, timeZone) : null,
      item.notes,
      item.issueKey,
      item.issueSummary,
      item.workSeconds,
      item.timeSpentSeconds,
      item.outcome,
      item.message,
      formatIsoLocal(item.at, timeZone),
      item.at,
      item.recordId,
      item.worklogId,
      item.runId ?? item.jobId,
      item.code,
    ]),
  );
}

/** Offers `text` as a file download (UTF-8 with BOM so spreadsheet apps pick the encoding). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const blob = new Blob(['\uFEFF', text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
