export { createKvsStore, isKeyConflict } from './kvsStore';
export type { KvsClient, KvsQuery } from './kvsStore';
export { createMemoryStore, SimulatedWriteError } from './memoryStore';
export type { MemoryStore } from './memoryStore';
