// Forge entry points of Jira's side of the story (manifest: `worklogTrigger.onWorklogEvent`, the
// `avi:jira:updated|deleted:worklog` trigger; `worklogTrigger.reconcile`, the hourly scheduled trigger).
import { createForgeDeps } from './adapters/forgeDeps';
import { buildForgeEventTrigger, buildForgeScheduledTrigger } from './adapters/forgeTrigger';
import { createReconcileTrigger, createWorklogEventTrigger } from './resolvers/worklogTriggers';

export const onWorklogEvent = buildForgeEventTrigger(createWorklogEventTrigger(() => createForgeDeps()));
export const reconcile = buildForgeScheduledTrigger(createReconcileTrigger(() => createForgeDeps()));
