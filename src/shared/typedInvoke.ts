// A typed wrapper over @forge/bridge `invoke` used by both frontends. The bridge function is
// passed in so this module stays free of @forge imports and runs in tests unchanged.
import { isErrorResult, type ErrorResult, type PayloadInput, type Result, type ResolverKey } from './contract';

export type RawInvoke = (functionKey: string, payload?: Record<string, unknown>) => Promise<unknown>;

/** A resolver's error result, thrown so callers can `catch` it; `code` is the contract's error code. */
export class ResolverError extends Error {
  readonly code: string;
  readonly fields?: Record<string, string>;
  constructor(error: ErrorResult['error']) {
    super(error.message);
    this.name = 'ResolverError';
    this.code = error.code;
    this.fields = error.fields;
  }
}

export function makeTypedInvoke(raw: RawInvoke) {
  return async function call<K extends ResolverKey>(key: K, payload: PayloadInput<K>): Promise<Result<K>> {
    let result: unknown;
    try {
      result = await raw(key, payload as Record<string, unknown>);
    } catch (error) {
      throw new ResolverError({ code: 'internal', message: error instanceof Error ? error.message : String(error) });
    }
    if (isErrorResult(result)) throw new ResolverError(result.error);
    return result as Result<K>;
  };
}

export type TypedInvoke = ReturnType<typeof makeTypedInvoke>;
