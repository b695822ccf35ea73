// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '@humandebt/web';
import { designTeam, errorBody, FakeFetch, localMe, platformTeam, productionMe } from '@humandebt/web/test-support';
import type { OfficeHost } from '../src/office/office-host';
import { TaskPane } from '../src/TaskPane';

afterEach(cleanup);

function standaloneHost(): OfficeHost {
  return {
    mode: 'standalone',
    locale: 'en-US',
    getTheme: () => 'default',
    subscribe: () => () => undefined,
    getToken: () => Promise.resolve(undefined),
  };
}

function renderPane(net: FakeFetch, extra: { meetingLoad?: ReactNode } = {}) {
  const host = standaloneHost();
  const api = createApiClient({ fetch: net.fetch, getToken: () => host.getToken() });
  render(<TaskPane host={host} api={api} {...extra} />);
}

async function teamList() {
  return screen.findByRole('list', { name: 'Your teams' });
}

describe('task pane', () => {
  it('shows the header, the signed-in identity and the person’s teams with role, org unit and size', async () => {
    const net = new FakeFetch()
      .on('/api/v1/me', { body: productionMe })
      .on('/api/v1/teams', { body: { teams: [platformTeam, designTeam] } });
    renderPane(net);

    expect(screen.getByRole('heading', { level: 1, name: 'Meeting load' })).toBeTruthy();
    expect(await screen.findByText('Signed in as Grace Hopper')).toBeTruthy();
    const items = within(await teamList()).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByText('Platform')).toBeTruthy();
    expect(within(items[0]!).getByText('Owner · Engineering · 12 members')).toBeTruthy();
    expect(within(items[1]!).getByText('Member · 4 members')).toBeTruthy();
  });

  it('notes a team below its own k, with that team’s k', async () => {
    const net = new FakeFetch()
      .on('/api/v1/me', { body: productionMe })
      .on('/api/v1/teams', { body: { teams: [platformTeam, designTeam] } });
    renderPane(net);

    const [platform, design] = within(await teamList()).getAllByRole('listitem');
    expect(
      within(design!).getByText("Fewer than 7 members — this team's figures stay hidden to protect privacy"),
    ).toBeTruthy();
    expect(within(platform!).queryByText(/Fewer than/)).toBeNull();
  });

  it('states the privacy rule with the smallest k of the person’s teams', async () => {
    const net = new FakeFetch()
      .on('/api/v1/me', { body: productionMe })
      .on('/api/v1/teams', { body: { teams: [platformTeam, designTeam] } });
    renderPane(net);
    await teamList();

    const privacy = screen.getByRole('region', { name: 'Your privacy' });
    expect(privacy.textContent).toContain('Your meeting details stay on this device.');
    expect(privacy.textContent).toContain('weekly totals (no titles, attendees or times)');
    expect(privacy.textContent).toContain('a team figure is shown only when at least 5 people share.');
  });

  it('explains what to do when the person has no team yet', async () => {
    const net = new FakeFetch().on('/api/v1/me', { body: productionMe }).on('/api/v1/teams', { body: { teams: [] } });
    renderPane(net);

    expect(await screen.findByText('You are not in a team that uses Human Debt yet.')).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Your teams' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Your privacy' }).textContent).toContain(
      'enough people share that no one can be singled out',
    );
  });

  it('shows the catalogue message on failure, and Retry fetches again', async () => {
    const net = new FakeFetch()
      .on('/api/v1/me', { body: productionMe })
      .on(
        '/api/v1/teams',
        { status: 401, body: errorBody('unauthenticated', 'Sign-in is required.') },
        { body: { teams: [platformTeam] } },
      );
    renderPane(net);

    expect(await screen.findByText('Sign-in is required.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await teamList();
    expect(net.callsTo('/api/v1/teams')).toHaveLength(2);
    expect(screen.queryByText('Sign-in is required.')).toBeNull();
  });

  it('shows the local demo banner only in local mode', async () => {
    const local = new FakeFetch().on('/api/v1/me', { body: localMe }).on('/api/v1/teams', { body: { teams: [] } });
    renderPane(local);
    expect(await screen.findByText(/You are using the local demo identity Ada Lovelace\./)).toBeTruthy();
    expect(screen.getByText('npm run seed')).toBeTruthy();
    cleanup();

    const production = new FakeFetch()
      .on('/api/v1/me', { body: productionMe })
      .on('/api/v1/teams', { body: { teams: [] } });
    renderPane(production);
    await screen.findByText('Signed in as Grace Hopper');
    expect(screen.queryByText('Local demo')).toBeNull();
  });

  it('renders a meeting-load panel in its slot when one is given', async () => {
    const net = new FakeFetch().on('/api/v1/me', { body: productionMe }).on('/api/v1/teams', { body: { teams: [] } });
    renderPane(net, { meetingLoad: <section aria-label="This week">12 h in meetings</section> });
    expect(screen.getByRole('region', { name: 'This week' }).textContent).toBe('12 h in meetings');
    await screen.findByText('Signed in as Grace Hopper');
  });
});
