import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient, preloadMeAndTeams, settledWithin } from '@humandebt/web';
import { App, effectiveRoute } from './App';
import { prefetchSummary } from './dashboard/prefetch';
import { parseRoute } from './routing/hash-route';
import { connectTeamsHost } from './teams/teams-host';

/**
 * How long the first render may wait for the first answers (identity, teams, a dashboard's summary) once the code and
 * the host are ready. They normally arrive well within it, and the page then renders once, complete, instead of a
 * spinner replaced a moment later by a second, full render (first meaningful render budget: 400 ms). A slow service
 * still gets the spinner after this.
 */
const FIRST_ANSWERS_WAIT_MS = 150;

async function start(): Promise<void> {
  // Resolves quickly in both cases: Teams answers at once, and outside Teams the wait is bounded (standalone mode).
  const connecting = connectTeamsHost();
  const api = createApiClient({
    fetch: window.fetch.bind(window),
    getToken: async () => (await connecting).getToken(),
  });

  // A deep link to a dashboard loads the dashboard's code and asks for its summary while the Teams handshake runs,
  // instead of one after the other.
  const linked = parseRoute(window.location.hash);
  const dashboardChunk = linked.page === 'team' ? import('./dashboard/Dashboard').catch(() => undefined) : undefined;
  const summary = linked.page === 'team' ? prefetchSummary(api, linked.teamId) : undefined;
  const meAndTeams = preloadMeAndTeams(api);

  const host = await connecting;
  // A configured channel tab learns its team from Teams, not from the address: its summary can only start now.
  const route = effectiveRoute(linked, host);
  const dashboardSummary = route.page === 'team' ? prefetchSummary(api, route.teamId) : undefined;
  // The chunk is preloaded with the entry (see vite.config.ts), so this wait is normally nil; rendering it directly
  // avoids a Suspense fallback and React's minimum time for showing one.
  const dashboard =
    route.page === 'team'
      ? (await (dashboardChunk ?? import('./dashboard/Dashboard').catch(() => undefined)))?.default
      : undefined;
  await settledWithin([dashboardSummary ?? summary, meAndTeams.me, meAndTeams.teams], FIRST_ANSWERS_WAIT_MS);

  document.documentElement.lang = host.locale;
  const container = document.getElementById('root');
  if (!container) return;
  createRoot(container).render(
    <StrictMode>
      <App host={host} api={api} dashboard={dashboard} preload={meAndTeams} />
    </StrictMode>,
  );
  host.notifyReady();
}

void start();
