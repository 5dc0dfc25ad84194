/** Timecard server emulator: see docs in server.ts and /work/shared/design/TIMECARD_API.md. */
export { startTimecardEmulator } from './server';
export type { Counts, DownMode, FailSpec, TimecardEmulator, TimecardEmulatorOptions } from './server';
export type { AttributeInput, RecordAttributeJson, RecordInput, TimeRecordJson } from './store';
export { decodeJwt, signJwt } from './jwt';
