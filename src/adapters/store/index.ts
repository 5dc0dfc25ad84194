export { createKvsStore, isKeyConflict } from './kvsStore';
export type { KvsClient, KvsQuery } from './kvsStore';
