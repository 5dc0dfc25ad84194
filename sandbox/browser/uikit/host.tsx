// The UI Kit host inside a surface's iframe. Loaded before the app's own entry file: it defines
// window.__bridge (so @forge/react and @forge/bridge find it when the app's code is evaluated) and
// renders every ForgeDoc the app's reconciler sends with `reconcile` — with Atlaskit, as Jira does.
import React, { Component, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { setGlobalTheme } from '@atlaskit/tokens';
import { createBridge, locationToPath, postToFrame, readContext, reportSize } from '../bridge';
import { isForgeDoc, someNode, type ForgeDoc } from './forgeDoc';
import { ForgeDocView, type HostActions } from './renderer';
import './host.css';

const context = readContext();
let latest: ForgeDoc | null = null;
let appError: string | null = null;
let version = 0;
let scheduled = false;

class Boundary extends Component<{ children: ReactNode; version: number }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(previous: { version: number }) {
    // A new document from the app gets another chance.
    if (this.state.error && previous.version !== this.props.version) this.setState({ error: null });
  }
  override render() {
    if (this.state.error) return <HostError title="The sandbox could not render this UI Kit document" detail={this.state.error.message} />;
    return this.props.children;
  }
}

function HostError({ title, detail }: { title: string; detail: string }) {
  return (
    <div className="uik-host-error" role="alert">
      <strong>{title}</strong>
      <pre>{detail}</pre>
    </div>
  );
}

const host: HostActions = {
  navigate(url, newTab) {
    postToFrame({ type: 'navigate', location: { url, type: newTab ? 'new-tab' : 'same-tab' } });
  },
};

const container = document.getElementById('forge-ui-root') ?? document.body.appendChild(document.createElement('div'));
const root = createRoot(container);

let sendSize: () => void = () => undefined;

function render() {
  scheduled = false;
  version++;
  requestAnimationFrame(() => requestAnimationFrame(() => sendSize()));
  root.render(
    <React.StrictMode>
      {/* Jira renders UI Kit inside its page's main landmark; this document stands for that part of the page. */}
      <main>
        <Boundary version={version}>
          {appError ? <HostError title="The app failed" detail={appError} /> : null}
          {latest ? <ForgeDocView doc={latest} host={host} /> : null}
        </Boundary>
      </main>
    </React.StrictMode>,
  );
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(render);
}

window.__bridge = createBridge(context, {
  onReconcile(forgeDoc) {
    if (isForgeDoc(forgeDoc)) latest = forgeDoc;
    schedule();
  },
  onError(error) {
    appError = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
    schedule();
  },
});

window.addEventListener('error', (event) => {
  appError = event.message;
  schedule();
});

void setGlobalTheme({ colorMode: 'light' }).catch(() => undefined);

// The frame sizes the iframe to the content; an open modal (portalled to <body>) counts too.
sendSize = reportSize(
  () => {
    let height = container.getBoundingClientRect().height;
    for (const dialog of Array.from(document.querySelectorAll('[role="dialog"]'))) {
      height = Math.max(height, dialog.getBoundingClientRect().bottom + window.scrollY + 24);
    }
    return height;
  },
  () => ({ modal: someNode(latest, (node) => node.type === 'Modal') }),
);

// Relative links inside the surface that are not UI Kit Links (e.g. in text) still go to the frame.
document.addEventListener('click', (event) => {
  const anchor = (event.target as HTMLElement | null)?.closest?.('a[href^="/"]') as HTMLAnchorElement | null;
  if (!anchor || event.defaultPrevented) return;
  event.preventDefault();
  postToFrame({
    type: 'navigate',
    location: { url: locationToPath({ url: anchor.getAttribute('href') }, context), type: anchor.target === '_blank' ? 'new-tab' : 'same-tab' },
  });
});
