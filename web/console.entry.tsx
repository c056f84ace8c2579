import './styles/console-frame.css';
import './styles/console-pages.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n/index.js';
import { ConsoleApp } from './routes/console/console-app.js';

initI18n('app.consoleName');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConsoleApp />
  </StrictMode>,
);
