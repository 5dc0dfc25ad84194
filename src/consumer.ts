// Forge entry point of the queue consumer: bulk-sync batches and automatic-sync runs (manifest: `consumer.handler`).
import { buildForgeConsumer } from './adapters/forgeConsumer';
import { CONSUMER_JIRA_RETRY_MS, createForgeDeps } from './adapters/forgeDeps';
import { createQueueConsumer } from './resolvers/queueConsumer';

export const handler = buildForgeConsumer(createQueueConsumer(() => createForgeDeps({ jiraRetryBudgetMs: CONSUMER_JIRA_RETRY_MS })));
