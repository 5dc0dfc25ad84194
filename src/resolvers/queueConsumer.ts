// The one queue's consumer: bulk-sync batches, and the automatic-sync runs of one person each.
import type { Deps } from '../services/ports';
import { createAutoSyncConsumer, isAutoSyncEvent } from './autoSyncConsumer';
import { createBulkConsumer, type ConsumerAnswer } from './bulkConsumer';

export function createQueueConsumer(makeDeps: () => Deps, budgetMs?: number) {
  const bulk = createBulkConsumer(makeDeps, budgetMs);
  const automatic = createAutoSyncConsumer(makeDeps);
  return (body: unknown, meta: { retryCount?: number } = {}): Promise<ConsumerAnswer> => (isAutoSyncEvent(body) ? automatic(body) : bulk(body, meta));
}
