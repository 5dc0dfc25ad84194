// A record as the resolvers show it (RecordView), linked to DEMO-1 and not synced; a test changes what it needs.
import type { RecordView } from '../../src/shared/contract';

export const recordView = (overrides: Partial<RecordView> = {}): RecordView => ({
  id: 1,
  start: '2026-11-24T08:00:00.000Z',
  end: '2026-11-24T09:00:00.000Z',
  durationSeconds: 3600,
  loggedSeconds: 0,
  roundedSeconds: 3600,
  notes: '',
  issueKey: 'DEMO-1',
  linkSource: 'timecard',
  status: 'not-synced',
  ...overrides,
});
