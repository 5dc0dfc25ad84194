// Entry of the Jira-like frame.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setGlobalTheme } from '@atlaskit/tokens';
import type { FrameInfo } from './api';
import { App } from './App';
import './frame.css';

async function start() {
  void setGlobalTheme({ colorMode: 'light' }).catch(() => undefined);
  const root = createRoot(document.getElementById('root')!);
  try {
    const response = await fetch('/api/sandbox/frame');
    if (!response.ok) throw new Error(`GET /api/sandbox/frame answered ${response.status}`);
    const info = (await response.json()) as FrameInfo;
    root.render(
      <StrictMode>
        <App info={info} />
      </StrictMode>,
    );
  } catch (error) {
    root.render(<p style={{ padding: 24 }}>The sandbox server did not answer: {(error as Error).message}</p>);
  }
}

void start();
