// What the frame and the surfaces' iframes say to each other (same origin, via postMessage).

export const FRAME_MESSAGE_SOURCE = 'timecard-forge-sandbox';

/** The context a Forge surface receives (`view.getContext()`, and the resolver's `context`). */
/** A person the sandbox frame can act as. */
export interface Person {
  accountId: string;
  displayName: string;
  timeZone: string;
  locale: string;
  role: string;
}

export interface ForgeContext {
  accountId: string;
  cloudId: string;
  siteUrl: string;
  localId: string;
  moduleKey: string;
  environmentId: string;
  environmentType: string;
  timezone: string;
  locale: string;
  extension: {
    type: string;
    issue?: { key: string; id?: string; type?: string; typeId?: string };
    project?: { id: string; key: string; type?: string };
    [more: string]: unknown;
  };
  [more: string]: unknown;
}

export type FrameMessage =
  | { source: typeof FRAME_MESSAGE_SOURCE; type: 'resize'; height: number; modal?: boolean }
  | { source: typeof FRAME_MESSAGE_SOURCE; type: 'navigate'; location: Record<string, unknown> }
  | { source: typeof FRAME_MESSAGE_SOURCE; type: 'invoked'; functionKey: string }
  | { source: typeof FRAME_MESSAGE_SOURCE; type: 'flag'; flag: Record<string, unknown> };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type OutgoingMessage = DistributiveOmit<FrameMessage, 'source'>;

export function isFrameMessage(data: unknown): data is FrameMessage {
  return typeof data === 'object' && data !== null && (data as { source?: unknown }).source === FRAME_MESSAGE_SOURCE;
}
