// The two functions Jira invokes without a person: the worklog product-event trigger and the
// scheduled reconciliation of the change feeds. Thin: read the event, call the service.
import { logFailure } from '../services/failureLog';
import type { Deps } from '../services/ports';
import { reconcileWorklogs, type ReconcileReport } from '../services/reconcile';
import { applyWorklogChange, changeFromEvent, type ChangeOutcome } from '../services/worklogEvents';

/** `avi:jira:updated:worklog` / `avi:jira:deleted:worklog` (manifest `trigger`). Other events are ignored. */
export function createWorklogEventTrigger(makeDeps: () => Deps) {
  return async (event: unknown): Promise<ChangeOutcome | 'ignored'> => {
    const change = changeFromEvent(event);
    if (!change) return 'ignored';
    try {
      return await applyWorklogChange(makeDeps(), change);
    } catch (error) {
      // Forge does not retry a trigger: the scheduled reconciliation catches this change up.
      logFailure(error, 'internal', { task: `applying ${change.kind === 'deleted' ? 'a worklog deletion' : 'a worklog edit'} from Jira` });
      return 'busy';
    }
  };
}

/** The scheduled trigger (manifest `scheduledTrigger`, hourly). */
export function createReconcileTrigger(makeDeps: () => Deps) {
  return async (): Promise<ReconcileReport | null> => {
    try {
      return await reconcileWorklogs(makeDeps());
    } catch (error) {
      logFailure(error, 'internal', { task: "reconciling Jira's worklog change feeds" });
      return null;
    }
  };
}
