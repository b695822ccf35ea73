import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createApiClient } from './api/api-client';
import { connectTeamsHost } from './teams/teams-host';

async function start(): Promise<void> {
  // Resolves quickly in both cases: Teams answers at once, and outside Teams the wait is bounded (standalone mode).
  const host = await connectTeamsHost();
  document.documentElement.lang = host.locale;
  const api = createApiClient({ fetch: window.fetch.bind(window), getToken: () => host.getToken() });
  const container = document.getElementById('root');
  if (!container) return;
  createRoot(container).render(
    <StrictMode>
      <App host={host} api={api} />
    </StrictMode>,
  );
  host.notifyReady();
}

void start();
