import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '@humandebt/web';
import { App } from './App';
import { prefetchSummary } from './dashboard/prefetch';
import { parseRoute } from './routing/hash-route';
import { connectTeamsHost } from './teams/teams-host';

async function start(): Promise<void> {
  // Resolves quickly in both cases: Teams answers at once, and outside Teams the wait is bounded (standalone mode).
  const connecting = connectTeamsHost();
  const api = createApiClient({ fetch: window.fetch.bind(window), getToken: async () => (await connecting).getToken() });

  // A deep link to a dashboard loads the dashboard's code and asks for its summary while the Teams handshake runs,
  // instead of one after the other (first meaningful render budget: 400 ms).
  const route = parseRoute(window.location.hash);
  const dashboardChunk = route.page === 'team' ? import('./dashboard/Dashboard').catch(() => undefined) : undefined;
  if (route.page === 'team') prefetchSummary(api, route.teamId);

  const host = await connecting;
  // The chunk is preloaded with the entry (see vite.config.ts), so this wait is normally nil; rendering it directly
  // avoids a Suspense fallback and React's minimum time for showing one.
  const dashboard = (await dashboardChunk)?.default;
  document.documentElement.lang = host.locale;
  const container = document.getElementById('root');
  if (!container) return;
  createRoot(container).render(
    <StrictMode>
      <App host={host} api={api} dashboard={dashboard} />
    </StrictMode>,
  );
  host.notifyReady();
}

void start();
