export { createKvsStore, isKeyConflict } from './kvsStore';
export type { KvsClient, KvsQuery, KvsTransaction } from './kvsStore';
export { UsageMeter, type StoreUsage } from './usage';
