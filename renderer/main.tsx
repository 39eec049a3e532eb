// The renderer's entry: pick the API transport, load the translations, mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client.ts';
import { Root } from './app/Root.tsx';
import { initI18n } from './i18n/i18n.ts';
import './styles.css';

const api = createApiClient();

void initI18n().then(() => {
  const container = document.getElementById('root');
  if (container === null) throw new Error('index.html has no #root');
  createRoot(container).render(
    <StrictMode>
      <Root api={api} />
    </StrictMode>,
  );
});
