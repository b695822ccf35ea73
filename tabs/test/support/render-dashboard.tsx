import { render } from '@testing-library/react';
import { createApiClient, type HostTheme } from '@humandebt/web';
import { type FakeFetch, localMe, platformTeam } from '@humandebt/web/test-support';
import { App } from '../../src/App';
import { fakeTeamsHost } from './fake-host';
import { actions, dynamics, hazards, meetingLoad, safety, summary } from './dashboard-fixtures';

/** A FakeFetch answering every dashboard endpoint of `teamId` with the standard fixtures (override with `.on`). */
export function dashboardRoutes(net: FakeFetch, teamId = 'team-platform'): FakeFetch {
  const base = `/api/v1/teams/${teamId}`;
  return net
    .on('/api/v1/me', { body: localMe })
    .on('/api/v1/teams', { body: { teams: [{ ...platformTeam, teamId }] } })
    .on(`${base}/summary`, { body: summary })
    .on(`${base}/psychological-safety`, { body: safety })
    .on(`${base}/dynamics`, { body: dynamics })
    .on(`${base}/hazards`, { body: hazards })
    .on(`${base}/meeting-load`, { body: meetingLoad })
    .on(`${base}/actions`, { body: actions });
}

/** Renders the whole tab at `hash` (e.g. '#/team/team-platform/hazards'), as a deep link would open it. */
export function renderAt(hash: string, net: FakeFetch, init: { theme?: HostTheme; locale?: string } = {}) {
  window.location.hash = hash;
  const host = fakeTeamsHost(init);
  const api = createApiClient({ fetch: net.fetch, getToken: () => host.getToken() });
  const view = render(<App host={host} api={api} />);
  return { host, ...view };
}
