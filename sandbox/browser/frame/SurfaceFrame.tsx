// One app surface in an iframe, as Jira hosts Forge surfaces: the iframe loads the surface with its
// Forge context, grows with its content, and the surface's router calls and flags reach the frame.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ForgeContext } from '../protocol';
import { isFrameMessage } from '../protocol';
import { locationToPath } from '../bridge';
import { hrefFor, navigate } from './router';
import type { SurfaceInfo } from './api';

export interface SurfaceFrameProps {
  surface: SurfaceInfo;
  context: ForgeContext;
  /** Smallest height (px); page surfaces fill the window. */
  minHeight?: number;
  /** After the surface called a resolver that may have changed something. */
  onInvoked?: (functionKey: string) => void;
  onFlag?: (flag: Record<string, unknown>) => void;
  /** Module key → frame path (for router.navigate({ target: 'module' })). */
  moduleRoute: (moduleKey: string) => string | null;
}

export function SurfaceFrame({ surface, context, minHeight = 80, onInvoked, onFlag, moduleRoute }: SurfaceFrameProps) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(minHeight);
  const [modal, setModal] = useState(false);
  const src = useMemo(
    () => `/surface/${encodeURIComponent(surface.key)}/?ctx=${encodeURIComponent(JSON.stringify(context))}`,
    [surface.key, context],
  );
  const handlers = useRef({ onInvoked, onFlag, moduleRoute });
  handlers.current = { onInvoked, onFlag, moduleRoute };

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || event.source !== ref.current?.contentWindow || !isFrameMessage(event.data)) return;
      const message = event.data;
      switch (message.type) {
        case 'resize':
          setHeight(message.height);
          setModal(!!message.modal);
          break;
        case 'invoked':
          handlers.current.onInvoked?.(message.functionKey);
          break;
        case 'flag':
          handlers.current.onFlag?.(message.flag);
          break;
        case 'navigate': {
          const location = message.location;
          let path = locationToPath(location, context);
          const module = /^\/module\/([^/?#]+)/.exec(path);
          if (module) path = handlers.current.moduleRoute(decodeURIComponent(module[1])) ?? '/';
          if (/^https?:\/\//i.test(path) && !path.startsWith(window.location.origin)) {
            window.open(path, '_blank', 'noopener');
          } else if (location.type === 'new-tab') {
            window.open(hrefFor(path.replace(window.location.origin, '')), '_blank');
          } else {
            navigate(path.replace(window.location.origin, ''));
          }
          break;
        }
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [context]);

  useEffect(() => {
    if (modal) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [modal]);

  const shown = Math.max(minHeight, modal ? Math.max(height, 560) : height);
  // A modal of the surface covers the whole page, as in Jira: the frame dims everything else and
  // lifts the surface above its blanket (the surface's own blanket dims the surface).
  return (
    <>
      {modal ? <div className="frame-blanket" aria-hidden="true" /> : null}
      <iframe
        ref={ref}
        className={`surface-frame${modal ? ' surface-frame--modal' : ''}`}
        title={surface.title}
        src={src}
        data-surface={surface.key}
        data-surface-type={surface.type}
        style={{ height: shown }}
      />
    </>
  );
}
