import { createContext, useContext } from 'react';
import type { Call } from './bridge';
import type { DayKey } from './format';

export interface PageEnv {
  call: Call;
  timeZone: string;
  locale: string;
  today: DayKey;
  /** The clock (tests pin it): a running record's elapsed time. */
  now: () => Date;
  /** 1 = Monday ... 7 = Sunday */
  weekStart: number;
  siteUrl: string | null;
  searchDebounceMs: number;
  /** Shows an error; returns its text. Auth errors send the person back to the Connection screen. */
  reportError: (error: unknown) => string;
}

export const EnvContext = createContext<PageEnv | null>(null);

export function useEnv(): PageEnv {
  const env = useContext(EnvContext);
  if (!env) throw new Error('PageEnv missing');
  return env;
}
