// Forge entry point of the automatic-sync scheduled trigger (manifest: `scheduled.handler`).
import { CONSUMER_JIRA_RETRY_MS, createForgeDeps } from './adapters/forgeDeps';
import { createAutoSyncTrigger } from './resolvers/autoSyncConsumer';

const trigger = createAutoSyncTrigger(() => createForgeDeps({ jiraRetryBudgetMs: CONSUMER_JIRA_RETRY_MS }));

/** Forge ignores a scheduled trigger's answer; a web-trigger-shaped one keeps its logs free of 424s. */
export const handler = async (): Promise<{ statusCode: number }> => {
  await trigger();
  return { statusCode: 204 };
};
