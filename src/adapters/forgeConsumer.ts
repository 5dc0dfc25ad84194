// The Forge face of the bulk-sync queue consumer.
import { InvocationError, InvocationErrorCode } from '@forge/events';

/** Forge's longest retry delay (and `delayInSeconds`). */
const MAX_RETRY_AFTER_SECONDS = 900;

/**
 * The event's body. @forge/events 2+ calls a consumer function with an AsyncEvent (`{ body, jobId,
 * eventId, retryContext }`); a manifest that still routes the consumer through a resolver
 * (`resolver: { function, method }`) calls it as `{ call: { payload }, context }`. Both work.
 */
function bodyOf(event: unknown): Record<string, unknown> {
  const record = (value: unknown) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined);
  const asEvent = record(event);
  return record(asEvent?.body) ?? record(record(asEvent?.call)?.payload) ?? {};
}

/** How many times Forge has delivered this event again (`retryContext` is only there on retries). */
function retryCountOf(event: unknown): number {
  const count = (event as { retryContext?: { retryCount?: unknown } } | null)?.retryContext?.retryCount;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : 0;
}

/**
 * A Forge queue consumer around a plain function. `retryAfterSeconds` asks Forge to deliver the
 * event again later: the handler returns `InvocationError({ retryAfter })`, as @forge/events documents.
 */
export function buildForgeConsumer(run: (body: Record<string, unknown>, meta: { retryCount: number }) => Promise<{ retryAfterSeconds?: number }>) {
  return async (event: unknown, _context?: unknown): Promise<InvocationError | undefined> => {
    const { retryAfterSeconds } = await run(bodyOf(event), { retryCount: retryCountOf(event) });
    if (retryAfterSeconds === undefined) return undefined;
    const retryAfter = Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(retryAfterSeconds)));
    return new InvocationError({ retryAfter, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  };
}
