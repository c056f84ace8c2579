import './styles/resident-base.css';
import './styles/resident-frame.css';
import './styles/resident-auth.css';
import './styles/resident-home.css';
import './styles/resident-me.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyElderlyMode } from './features/preferences/elderly-mode.js';
import { initI18n } from './i18n/index.js';
import { ResidentApp } from './routes/resident/resident-app.js';

initI18n('app.name');
applyElderlyMode();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ResidentApp />
  </StrictMode>,
);
