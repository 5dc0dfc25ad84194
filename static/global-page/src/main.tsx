import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App';
import { enableTheming } from './bridge';
import { LoadBoundary } from './loadable';
import { ENGLISH } from './messages';
import './styles.css';

enableTheming();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <LoadBoundary failedTitle={ENGLISH.t('app.startFailed')}>
        <App />
      </LoadBoundary>
    </StrictMode>,
  );
}
