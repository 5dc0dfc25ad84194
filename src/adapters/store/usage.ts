// What a store costs: KVS requests, the items read and written, and their bytes (Forge bills KVS
// reads and writes since January 2026). Both stores count the same way, as KVS would bill them:
// a batch request reads or writes each of its items; a delete is a write. KVS's per-minute write
// limit counts a request in 10 KB units (rounded up): `writeUnits`.
import { REQUEST_UNIT_BYTES } from './rules';

export interface StoreUsage {
  requests: number;
  /** Requests that wrote (a transaction or batch of several keys is one). */
  writeRequests: number;
  reads: number;
  /** Keys written (or deleted). */
  writes: number;
  bytesRead: number;
  bytesWritten: number;
  /** Write requests in KVS's 10 KB units (a request of up to 10 KB is one). */
  writeUnits: number;
}

const zero = (): StoreUsage => ({ requests: 0, writeRequests: 0, reads: 0, writes: 0, bytesRead: 0, bytesWritten: 0, writeUnits: 0 });
const bytesOf = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8'));

export class UsageMeter {
  private counts = zero();

  /** One request that read these values (undefined: a key that was not there). */
  read(values: unknown[]): void {
    this.counts.requests++;
    this.counts.reads += Math.max(1, values.length);
    for (const value of values) this.counts.bytesRead += bytesOf(value);
  }

  /** One request that wrote these values (undefined: a delete). */
  write(values: unknown[]): void {
    this.counts.requests++;
    this.counts.writeRequests++;
    this.counts.writes += values.length;
    const bytes = values.reduce<number>((sum, value) => sum + bytesOf(value), 0);
    this.counts.bytesWritten += bytes;
    this.counts.writeUnits += Math.max(1, Math.ceil(bytes / REQUEST_UNIT_BYTES));
  }

  snapshot(): StoreUsage {
    return { ...this.counts };
  }

  reset(): void {
    this.counts = zero();
  }
}
