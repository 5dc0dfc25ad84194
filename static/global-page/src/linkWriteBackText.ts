// The words of writing links back to the timecard, in one place for the global page.
import type { LinkWriteBack } from '../../../src/shared/contract';

export const WRITE_BACK_TEXT = {
  switchLabel: 'Write links I make here to my timecard',
  switchHelp:
    'When you link a record to an issue on this page or in an issue panel, the app also sets the record’s Jira issue in your timecard, so the timecard shows it too. Everything else in the record stays as it is; a record that is still running is not written.',
  loadFailed: 'Could not read this setting. Reload the page to try again.',
  saveFailed: 'Could not save this setting. Try again.',
  noticeTitle: {
    written: 'Written to your timecard',
    unchanged: 'Your timecard already shows it',
    'not-written': 'Not written to your timecard',
    failed: 'Not written to your timecard',
    check: 'Check the record in your timecard',
  } satisfies Record<LinkWriteBack['outcome'], string>,
  dismiss: 'Dismiss',
};
