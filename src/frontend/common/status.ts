// The UI Kit surfaces' words for a record's status; what a status means and how it looks is shared
// with the global page in src/shared/ui/status.ts.
import type { RecordStatus } from '../../shared/contract';

export { NOT_LOGGABLE, STATUS_APPEARANCE } from '../../shared/ui/status';

export const STATUS_LABEL = {
  'not-synced': 'Not synced',
  synced: 'Synced',
  changed: 'Changed',
  failed: 'Failed',
  running: 'Running',
  'too-short': 'Too short',
  'deleted-in-jira': 'Deleted in Jira',
  'edited-in-jira': 'Edited in Jira',
  'settings-changed': 'Settings changed',
  'logged-by-someone-else': 'Logged by someone else',
  conflict: 'Conflict',
  'deleted-in-timecard': 'Deleted in timecard',
} as const satisfies Record<RecordStatus, string>;
