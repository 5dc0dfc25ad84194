// Bulk sync jobs (docs/architecture.md, "Bulk jobs"; ADR 0004): a job is split into batches whose
// issues never overlap (so one issue is only ever written by one worker), each batch runs from the
// queue as the person who started the job, and every record's result is saved as it finishes, so
// a killed or timed-out worker resumes where it stopped. The open page can drive the same batches.
// One file per job in bulk/: start, batch, poll, stop, undo, and the job's storage (jobStore).
export { groupIntoBatches, startBulkSync, type BulkEventBody } from './bulk/start';
export { runBatch } from './bulk/batch';
export { cancelBulkJob, getBulkJob } from './bulk/poll';
export { endIfWaitedTooLong, noteWaiting, waitCauseOf } from './bulk/stop';
export { undoBulkJob } from './bulk/undo';
