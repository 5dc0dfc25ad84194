// Parts of the page that load on demand, and what the page shows when a part fails. A lazy chunk can
// fail to arrive (a network blip, or a redeploy that replaced the app's files while the page was
// open); without a boundary React would unmount the whole page and leave it blank.
import { Component, lazy, Suspense, useState, type ComponentProps, type ComponentType, type ContextType, type ReactNode } from 'react';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { MessagesContext, useMessages } from './messages';

/** A lazy component whose chunk is requested again after `retry()` (React.lazy keeps a failure forever). */
export interface Reloadable<P> {
  (props: P): ReactNode;
  retry(): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function reloadableLazy<C extends ComponentType<any>>(load: () => Promise<{ default: C }>): Reloadable<ComponentProps<C>> {
  let Loaded = lazy(load);
  const Part = ((props: ComponentProps<C>) => <Loaded {...props} />) as Reloadable<ComponentProps<C>>;
  Part.retry = () => {
    Loaded = lazy(load);
  };
  return Part;
}

interface BoundaryProps {
  /** The message's title when the part fails ("Could not show the history"). */
  failedTitle: string;
  /** Called before the children render again (e.g. `Reloadable.retry`). */
  onRetry?: () => void;
  children: ReactNode;
}

class Boundary extends Component<BoundaryProps & { onReset: () => void }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static override contextType = MessagesContext;
  declare context: ContextType<typeof MessagesContext>;

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const m = this.context;
    return (
      <SectionMessage appearance="error" title={this.props.failedTitle}>
        <p>{error.message || m.t('load.somethingWentWrong')}</p>
        <p>
          <button
            className="tc-link-button"
            type="button"
            onClick={() => {
              this.props.onRetry?.();
              this.props.onReset();
            }}
          >
            {m.t('common.tryAgain')}
          </button>
          {' · '}
          {/* After a new version of the app was deployed, only a fresh page has its files. */}
          <button className="tc-link-button" type="button" onClick={() => window.location.reload()}>
            {m.t('load.reloadPage')}
          </button>
        </p>
      </SectionMessage>
    );
  }
}

/** Shows a spinner (or `fallback`) while its lazy children load, and a message with "Try again" if they fail. */
export function LoadBoundary({
  failedTitle,
  onRetry,
  children,
  loadingLabel,
  fallback,
}: BoundaryProps & { loadingLabel?: string; fallback?: ReactNode }) {
  const m = useMessages();
  // A new key mounts a fresh boundary (and fresh children) after "Try again".
  const [attempt, setAttempt] = useState(0);
  return (
    <Boundary key={attempt} failedTitle={failedTitle} onRetry={onRetry} onReset={() => setAttempt((a) => a + 1)}>
      <Suspense
        fallback={
          fallback ?? (
            <div className="tc-center">
              <Spinner size="large" label={loadingLabel ?? m.t('common.loading')} />
            </div>
          )
        }
      >
        {children}
      </Suspense>
    </Boundary>
  );
}
