// The typed resolver call every UI Kit surface uses: @forge/bridge `invoke`, checked against
// the contract, error results thrown as ResolverError.
import { invoke } from '@forge/bridge';
import { makeTypedInvoke, ResolverError } from '../../shared/typedInvoke';

export const callResolver = makeTypedInvoke((functionKey, payload) => invoke(functionKey, payload));

export { ResolverError };

/** Anything thrown by a call, as a ResolverError (unexpected throws become `internal`). */
export function asResolverError(error: unknown): ResolverError {
  if (error instanceof ResolverError) return error;
  return new ResolverError({ code: 'internal', message: error instanceof Error ? error.message : String(error) });
}

/** Codes that mean the person has to (re)connect their timecard account on the global page. */
export function needsReconnect(error: { code: string } | null | undefined): boolean {
  return error?.code === 'not-connected' || error?.code === 'reconnect-timecard';
}
