// The one sync engine (docs/architecture.md, "Where each sync decision is made").
export { syncPrepared, type RecordSynced, type SyncRun } from './engine';
export { deleteWorklogIfPresent } from './worklogDeletes';
export { withRecordLock, RECORD_BUSY, issueBusy } from './locks';
export { forEachIssueGroup } from './runner';
