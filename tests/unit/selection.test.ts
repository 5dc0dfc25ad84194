// What the global page's "All not synced" picks: never a suggestion, never a worklog that only the
// settings would write differently.
import { isNotSynced } from '../../static/global-page/src/selection';
import { RECORD_STATUSES } from '../../src/shared/contract';
import { recordView } from '../support/recordView';

const record = recordView;

test('by status: not synced, changed in the timecard, failed', () => {
  const picked = RECORD_STATUSES.filter((status) => isNotSynced(record({ status })));
  expect(picked).toEqual(['not-synced', 'changed', 'failed']);
  expect(isNotSynced(record({ status: 'settings-changed', loggedSeconds: 3600, worklogId: '7' }))).toBe(false);
});

test('a suggestion is left out until accepted', () => {
  expect(isNotSynced(record({ linkSource: 'suggested' }))).toBe(false);
  expect(isNotSynced(record({ linkSource: 'jira' }))).toBe(true);
});
