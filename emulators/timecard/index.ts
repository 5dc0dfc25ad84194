/** Timecard server emulator: see docs in server.ts and docs/timecard-api.md. */
export { startTimecardEmulator } from './server';
export type { Counts, DownMode, FailSpec, TimecardEmulator, TimecardEmulatorOptions } from './server';
export type { AttributeInput, RecordAttributeJson, RecordInput, TimeRecordJson } from './store';
export { decodeJwt, signJwt } from './jwt';
