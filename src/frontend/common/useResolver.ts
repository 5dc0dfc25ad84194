// Loads one resolver result for first paint (one call, started on mount, no waterfall) and
// lets the surface reload it or patch it in place.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PayloadInput, ResolverKey, Result } from '../../shared/contract';
import { asResolverError, callResolver, type ResolverError } from './invoke';

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; data: T; reloading: boolean } | { status: 'error'; error: ResolverError };

export interface ResolverState<K extends ResolverKey> {
  state: Loadable<Result<K>>;
  /** Calls again (with a new payload, or the last one); the current data stays visible meanwhile. */
  reload: (payload?: PayloadInput<K>) => Promise<Result<K> | undefined>;
  /** Replaces the loaded data in place (after an action returned a fresher piece of it). */
  update: (change: (data: Result<K>) => Result<K>) => void;
}

export function useResolver<K extends ResolverKey>(key: K, initialPayload: PayloadInput<K>): ResolverState<K> {
  const [state, setState] = useState<Loadable<Result<K>>>({ status: 'loading' });
  const lastPayload = useRef(initialPayload);
  const sequence = useRef(0);
  const started = useRef(false);

  const reload = useCallback(
    async (payload?: PayloadInput<K>) => {
      if (payload !== undefined) lastPayload.current = payload;
      const mine = ++sequence.current;
      setState((previous) => (previous.status === 'ready' ? { ...previous, reloading: true } : { status: 'loading' }));
      try {
        const data = await callResolver(key, lastPayload.current);
        if (mine === sequence.current) setState({ status: 'ready', data, reloading: false });
        return data;
      } catch (error) {
        if (mine === sequence.current) setState({ status: 'error', error: asResolverError(error) });
        return undefined;
      }
    },
    [key],
  );

  useEffect(() => {
    // StrictMode runs mount effects twice in development; the first call is the only one.
    if (started.current) return;
    started.current = true;
    void reload();
  }, [reload]);

  const update = useCallback((change: (data: Result<K>) => Result<K>) => {
    setState((previous) => (previous.status === 'ready' ? { ...previous, data: change(previous.data) } : previous));
  }, []);

  return { state, reload, update };
}
