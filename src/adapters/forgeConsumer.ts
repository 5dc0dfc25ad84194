import Resolver from '@forge/resolver';
import { InvocationError, InvocationErrorCode } from '@forge/events';

/** A Forge queue consumer around a plain function; `retryAfterSeconds` asks the queue to deliver the event again later. */
export function buildForgeConsumer(run: (body: Record<string, unknown>) => Promise<{ retryAfterSeconds?: number }>) {
  const resolver = new Resolver();
  resolver.define('run', async ({ payload }) => {
    const { retryAfterSeconds } = await run(payload as Record<string, unknown>);
    if (retryAfterSeconds === undefined) return undefined;
    return new InvocationError({ retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)), retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  });
  return resolver.getDefinitions();
}
