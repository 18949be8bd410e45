import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { TrustApp } from './trust/TrustApp';
import './console.css';
import { applyDisplay, loadDisplay } from './display';

// Before the first paint, so a stored display mode never flashes the default one.
applyDisplay(loadDisplay());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* A trust hub serves its own console at /trust/ (each school's is under /s/<slug>/). */}
    {window.location.pathname.startsWith('/trust/') ? <TrustApp /> : <App />}
  </StrictMode>,
);
