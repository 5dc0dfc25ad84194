// Records the timecard sent that could not be read, as a person reads them: in words, counted,
// with where to fix them, and only on the issue they were meant for.
import { checkRecords } from '../../../src/adapters/timecard/schemas';
import { malformedFor, malformedWarnings } from '../../../src/services/records';

const unreadable = (raw: unknown[]) => checkRecords(raw).malformed;

describe('malformedWarnings', () => {
  test('says which part is wrong, never the schema’s words', () => {
    const [sentence] = malformedWarnings(unreadable([{ id: 9001, timein: 'yesterday-ish', timeout: null }]));
    expect(sentence).toBe('One record from your timecard could not be read (its start time is not a valid date and time); fix it in your timecard.');
    expect(malformedWarnings(unreadable([{ id: 5, timeout: null }]))).toEqual([
      'One record from your timecard could not be read (its start time is missing); fix it in your timecard.',
    ]);
  });

  test('records with the same problem are counted in one sentence; others get their own', () => {
    const sentences = malformedWarnings(
      unreadable([
        { id: 1, timeout: null },
        { id: 2, timeout: null },
        { id: 3, timein: '2026-11-24T08:00:00Z', timeout: 'soon' },
        { timein: '2026-11-24T08:00:00Z' },
      ]),
    );
    expect(sentences).toEqual([
      '2 records from your timecard could not be read (its start time is missing); fix them in your timecard.',
      'One record from your timecard could not be read (its end time is not a valid date and time); fix it in your timecard.',
      'One record from your timecard could not be read (its id is missing); fix it in your timecard.',
    ]);
    for (const sentence of sentences) expect(sentence).not.toMatch(/timein|timeout|expected|date-time|Invalid/);
  });
});

describe('malformedFor', () => {
  const rows = unreadable([
    { id: 1, timein: 'x', jira_issue_key: 'DEMO-1' },
    { id: 2, timein: 'x', notes: 'Docs for DEMO-3 and DEMO-1' },
    { id: 3, timein: 'x', external_link: 'https://acme.atlassian.net/browse/DEMO-4' },
    { id: 4, timein: 'x', notes: 'no issue here' },
    { id: 5, timein: 'x', jira_issue_key: 42 },
  ]);
  test('keeps the records whose Jira field, notes or link name the issue', () => {
    expect(malformedFor(rows, 'DEMO-1').map((m) => m.id)).toEqual([1, 2]);
    expect(malformedFor(rows, 'DEMO-3').map((m) => m.id)).toEqual([2]);
    expect(malformedFor(rows, 'DEMO-4').map((m) => m.id)).toEqual([3]);
    expect(malformedFor(rows, 'DEMO-2')).toEqual([]);
  });
});
