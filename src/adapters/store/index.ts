export { createKvsStore, isKeyConflict, isRateLimited } from './kvsStore';
export type { KvsClient, KvsQuery, KvsStoreOptions, KvsTransaction } from './kvsStore';
export { createMemoryStore, SimulatedWriteError } from './memoryStore';
export type { MemoryStore, WriteAttempt, WriteOp, FaultOptions } from './memoryStore';
export { UsageMeter, type StoreUsage } from './usage';
