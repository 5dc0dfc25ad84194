// Forge entry point of the bulk-sync queue consumer (manifest: `consumer.handler`).
import { buildForgeConsumer } from './adapters/forgeConsumer';
import { createForgeDeps } from './adapters/forgeDeps';
import { createBulkConsumer } from './resolvers/bulkConsumer';

export const handler = buildForgeConsumer(createBulkConsumer(createForgeDeps));
