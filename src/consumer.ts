// Forge entry point of the bulk-sync queue consumer (manifest: `consumer.handler`).
import { buildForgeConsumer } from './adapters/forgeConsumer';
import { CONSUMER_JIRA_RETRY_MS, createForgeDeps } from './adapters/forgeDeps';
import { createBulkConsumer } from './resolvers/bulkConsumer';

export const handler = buildForgeConsumer(createBulkConsumer(() => createForgeDeps({ jiraRetryBudgetMs: CONSUMER_JIRA_RETRY_MS })));
