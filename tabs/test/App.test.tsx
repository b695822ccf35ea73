// @vitest-environment jsdom
import { teamsDarkTheme } from '@fluentui/react-components';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '@humandebt/web';
import {
  deferred,
  designTeam,
  errorBody,
  FakeFetch,
  type FakeReply,
  localMe,
  platformTeam,
  productionMe,
} from '@humandebt/web/test-support';
import { App } from '../src/App';
import { fakeTeamsHost } from './support/fake-host';

afterEach(cleanup);

/** The CSS variables FluentProvider has written for the current theme. */
function themeCss(): string {
  return [...document.head.querySelectorAll('style')]
    .flatMap((style) => [...(style.sheet?.cssRules ?? [])].map((rule) => rule.cssText))
    .join('\n');
}

function renderApp(net: FakeFetch, host = fakeTeamsHost()) {
  const api = createApiClient({ fetch: net.fetch, getToken: () => host.getToken() });
  render(<App host={host} api={api} />);
  return host;
}

function teamsTable() {
  return screen.findByRole('table', { name: 'My teams' });
}

describe('My teams', () => {
  it('lists each team with its name, the caller’s role, org unit and member count', async () => {
    const net = new FakeFetch()
      .on('/api/v1/me', { body: productionMe })
      .on('/api/v1/teams', { body: { teams: [platformTeam, designTeam] } });
    renderApp(net);

    const table = await teamsTable();
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers).toEqual(['Team', 'Your role', 'Org unit', 'Members']);
    const [, platform, design] = within(table).getAllByRole('row');
    expect(
      within(platform!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Platform', 'Owner', 'Engineering', '12']);
    expect(within(design!).getByText('Design Studio')).toBeTruthy();
    expect(within(design!).getByText('Member')).toBeTruthy();
    expect(within(design!).getByText('Not set')).toBeTruthy();
  });

  it('marks a team below its own k with the privacy note, using that team’s k', async () => {
    const net = new FakeFetch()
      .on('/api/v1/me', { body: productionMe })
      .on('/api/v1/teams', { body: { teams: [platformTeam, designTeam] } });
    renderApp(net);

    const table = await teamsTable();
    const [, platform, design] = within(table).getAllByRole('row');
    expect(
      within(design!).getByText("Fewer than 7 members — this team's figures stay hidden to protect privacy"),
    ).toBeTruthy();
    expect(within(platform!).queryByText(/Fewer than/)).toBeNull();
  });

  it('formats numbers in the host locale', async () => {
    const big = { ...platformTeam, memberCount: 1234 };
    const net = new FakeFetch()
      .on('/api/v1/me', { body: productionMe })
      .on('/api/v1/teams', { body: { teams: [big] } });
    renderApp(net, fakeTeamsHost({ locale: 'de-DE' }));
    const table = await teamsTable();
    expect(within(table).getByText('1.234')).toBeTruthy();
  });

  it('explains how to get a first team when there is none', async () => {
    const net = new FakeFetch().on('/api/v1/me', { body: productionMe }).on('/api/v1/teams', { body: { teams: [] } });
    renderApp(net);

    expect(await screen.findByRole('heading', { name: 'No teams yet' })).toBeTruthy();
    expect(screen.getByText(/Add the Human Debt app to your team/)).toBeTruthy();
    expect(screen.getByText(/start the first pulse or retro/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    // The seed hint is only for the local demo.
    expect(screen.queryByText('npm run seed')).toBeNull();
  });

  it('shows a labelled spinner in a live region while loading', async () => {
    const pending = deferred<FakeReply>();
    const net = new FakeFetch().on('/api/v1/me', { body: productionMe }).on('/api/v1/teams', pending.promise);
    renderApp(net);

    const spinner = await screen.findByText('Loading your teams…');
    expect(spinner.closest('[aria-live="polite"]')?.getAttribute('aria-busy')).toBe('true');
    pending.resolve({ body: { teams: [platformTeam] } });
    await teamsTable();
    expect(screen.queryByText('Loading your teams…')).toBeNull();
  });

  it('shows the catalogue message on failure, and Retry fetches again', async () => {
    const net = new FakeFetch().on('/api/v1/me', { body: productionMe }).on(
      '/api/v1/teams',
      {
        status: 503,
        body: errorBody('store_unavailable', 'The service is temporarily unavailable. Please try again.', 'corr-7'),
      },
      { body: { teams: [platformTeam] } },
    );
    renderApp(net);

    expect(await screen.findByText('The service is temporarily unavailable. Please try again.')).toBeTruthy();
    expect(screen.getByText('Your teams could not be loaded')).toBeTruthy();
    expect(screen.getByText('Reference: corr-7')).toBeTruthy();
    expect(net.callsTo('/api/v1/teams')).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    await teamsTable();
    expect(net.callsTo('/api/v1/teams')).toHaveLength(2);
    expect(screen.queryByText('The service is temporarily unavailable. Please try again.')).toBeNull();
  });

  it('never shows exception text when the service is unreachable', async () => {
    const api = createApiClient({
      fetch: () => Promise.reject(new TypeError('fetch failed: ECONNREFUSED')),
      getToken: async () => undefined,
    });
    render(<App host={fakeTeamsHost()} api={api} />);
    expect(await screen.findByText(/service could not be reached/)).toBeTruthy();
    expect(screen.queryByText(/ECONNREFUSED/)).toBeNull();
  });
});

describe('local demo banner', () => {
  it('appears in local mode with the demo identity, plus the seed hint in the empty state', async () => {
    const net = new FakeFetch().on('/api/v1/me', { body: localMe }).on('/api/v1/teams', { body: { teams: [] } });
    renderApp(net);

    expect(
      await screen.findByText(
        /You are using the local demo identity Ada Lovelace\. Data is demo data on this machine\./,
      ),
    ).toBeTruthy();
    expect(screen.getByText('Local demo')).toBeTruthy();
    expect(screen.getByText('npm run seed')).toBeTruthy();
  });

  it('does not appear in production mode', async () => {
    const net = new FakeFetch()
      .on('/api/v1/me', { body: productionMe })
      .on('/api/v1/teams', { body: { teams: [platformTeam] } });
    renderApp(net);

    expect(await screen.findByText('Signed in as Grace Hopper')).toBeTruthy();
    await teamsTable();
    expect(screen.queryByText('Local demo')).toBeNull();
    expect(screen.queryByText(/local demo identity/)).toBeNull();
  });
});

describe('page structure', () => {
  it('has a header and a main landmark and exactly one h1', async () => {
    const net = new FakeFetch()
      .on('/api/v1/me', { body: productionMe })
      .on('/api/v1/teams', { body: { teams: [platformTeam] } });
    renderApp(net);
    await teamsTable();

    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    const h1s = screen.getAllByRole('heading', { level: 1 });
    expect(h1s.map((h) => h.textContent)).toEqual(['Human Debt']);
    expect(screen.getByRole('heading', { level: 2, name: 'My teams' })).toBeTruthy();
  });

  it('follows a live theme change from the host', async () => {
    const net = new FakeFetch().on('/api/v1/me', { body: productionMe }).on('/api/v1/teams', { body: { teams: [] } });
    const host = renderApp(net);
    await screen.findByRole('heading', { name: 'No teams yet' });
    const darkBackground = `--colorNeutralBackground1: ${teamsDarkTheme.colorNeutralBackground1}`;
    expect(themeCss()).not.toContain(darkBackground);
    host.setTheme('dark');
    await waitFor(() => expect(themeCss()).toContain(darkBackground));
  });
});
