import React from 'react';
import ForgeReconciler from '@forge/react';
import { LocalizedSurface } from '../common/i18n';
import { App } from './App';

ForgeReconciler.render(
  <React.StrictMode>
    <LocalizedSurface>
      <App />
    </LocalizedSurface>
  </React.StrictMode>,
);
