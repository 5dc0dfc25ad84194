/**
 * Forge product events the emulated site raises for worklogs (`avi:jira:created|updated|deleted:worklog`),
 * delivered to whoever listens (the local Forge runtime delivers them to the app's trigger function).
 * Payload as Forge documents it: `{ eventType, worklog }`, plus `atlassianId` (who caused it). Deleting
 * an issue raises no worklog events (Forge: "for deletions, cascading events aren't emitted").
 */
import { renderWorklog } from './render';
import { APP_ACCOUNT_ID, type JiraState, type WorklogRec } from './state';

export const WORKLOG_EVENT_TYPES = ['avi:jira:created:worklog', 'avi:jira:updated:worklog', 'avi:jira:deleted:worklog'] as const;
export type WorklogEventType = (typeof WORKLOG_EVENT_TYPES)[number];

export interface WorklogProductEvent {
  eventType: WorklogEventType;
  atlassianId?: string;
  worklog: Record<string, unknown>;
}

export type ProductEventListener = (event: WorklogProductEvent) => void;

export class ProductEvents {
  private readonly listeners = new Set<ProductEventListener>();
  /** Every event raised, oldest first (the control surface lists them). */
  readonly raised: WorklogProductEvent[] = [];

  constructor(
    private readonly state: JiraState,
    private readonly baseUrl: () => string,
  ) {}

  listen(listener: ProductEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Raises the event for `w` as `byAccountId` did it; the worklog is rendered as the app reads it (UTC). */
  worklog(eventType: WorklogEventType, w: WorklogRec, byAccountId: string): void {
    const reader = { accountId: APP_ACCOUNT_ID, isApp: true, timeZone: 'UTC' };
    const event: WorklogProductEvent = {
      eventType,
      ...(byAccountId === APP_ACCOUNT_ID ? {} : { atlassianId: byAccountId }),
      worklog: renderWorklog(this.state, this.baseUrl(), reader, w, false),
    };
    this.raised.push(event);
    for (const listener of this.listeners) listener(structuredClone(event));
  }
}
