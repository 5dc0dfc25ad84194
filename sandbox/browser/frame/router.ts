// A tiny history router for the frame. The chosen person travels in the URL (`?as=<accountId>`),
// so every page can be opened directly (and by the browser tests).
import { useEffect, useState } from 'react';

export interface Location {
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    listeners.add(update);
    return () => {
      listeners.delete(update);
    };
  }, []);
  return location;
}

/** `path` may carry its own query; the person (`as`) is kept unless the path names one. */
export function hrefFor(path: string, as?: string): string {
  const url = new URL(path, window.location.origin);
  const person = as ?? new URLSearchParams(window.location.search).get('as');
  if (person && !url.searchParams.has('as')) url.searchParams.set('as', person);
  const locale = new URLSearchParams(window.location.search).get('locale');
  if (locale && !url.searchParams.has('locale')) url.searchParams.set('locale', locale);
  return url.pathname + url.search + url.hash;
}

export function navigate(path: string, options: { replace?: boolean; as?: string } = {}): void {
  const href = hrefFor(path, options.as);
  if (href === window.location.pathname + window.location.search + window.location.hash) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.scrollTo(0, 0);
  listeners.forEach((l) => l());
}
