import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './console.css';
import { applyDisplay, loadDisplay } from './display';

// Before the first paint, so a stored display mode never flashes the default one.
applyDisplay(loadDisplay());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
