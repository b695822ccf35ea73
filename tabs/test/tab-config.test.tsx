// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '@humandebt/web';
import { designTeam, FakeFetch, localMe, platformTeam } from '@humandebt/web/test-support';
import { App } from '../src/App';
import { connectTeamsHost, type TabConfig, type TeamsContextInfo, type TeamsSdk } from '../src/teams/teams-host';
import { fakeTeamsHost } from './support/fake-host';
import { dashboardRoutes } from './support/render-dashboard';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

/** teams-js as a configurable tab sees it: a context with a frame, and the pages.config calls recorded. */
class FakeConfigSdk implements TeamsSdk {
  validity: boolean[] = [];
  saved: TabConfig[] = [];
  saveHandler: (() => Promise<void>) | undefined;
  constructor(private readonly context: TeamsContextInfo) {}
  initialize = () => Promise.resolve();
  getContext = () => Promise.resolve(this.context);
  onThemeChange(): void {}
  getAuthToken = () => Promise.resolve('sso');
  notifySuccess(): void {}
  setConfigValid(valid: boolean): void {
    this.validity.push(valid);
  }
  onConfigSave(handler: () => Promise<void>): void {
    this.saveHandler = handler;
  }
  setConfig(config: TabConfig): Promise<void> {
    this.saved.push(config);
    return Promise.resolve();
  }
}

const environment = { search: '', language: 'en-US', matchMedia: undefined, origin: 'https://hd.example.com' };

describe('configurable tab: Teams side', () => {
  it('on the configuration page, choosing a team enables Save and Save stores a deep link to its dashboard', async () => {
    const sdk = new FakeConfigSdk({ theme: 'default', locale: 'en-us', frameContext: 'settings' });
    const host = await connectTeamsHost({ loadSdk: async () => sdk, environment });
    expect(host.tabConfig).toBeDefined();
    expect(sdk.validity).toEqual([false]);

    host.tabConfig!.choose({ teamId: 'team-platform', teamName: 'Platform Engineering' });
    expect(sdk.validity).toEqual([false, true]);
    await sdk.saveHandler!();
    expect(sdk.saved).toEqual([
      {
        entityId: 'team-platform',
        contentUrl: 'https://hd.example.com/tab/#/team/team-platform',
        websiteUrl: 'https://hd.example.com/tab/#/team/team-platform',
        suggestedDisplayName: 'Human Debt: Platform Engineering',
      },
    ]);

    host.tabConfig!.choose(undefined);
    expect(sdk.validity.at(-1)).toBe(false);
    await expect(sdk.saveHandler!()).rejects.toThrow();
  });

  it('in a configured channel tab, exposes the saved team as the tab entity', async () => {
    const sdk = new FakeConfigSdk({
      theme: 'dark',
      locale: 'en-us',
      frameContext: 'content',
      entityId: 'team-platform',
    });
    const host = await connectTeamsHost({ loadSdk: async () => sdk, environment });
    expect(host.tabEntityId).toBe('team-platform');
    expect(host.tabConfig).toBeUndefined();
  });

  it('has neither in the personal tab', async () => {
    const sdk = new FakeConfigSdk({ theme: 'default', locale: 'en-us', frameContext: 'content' });
    const host = await connectTeamsHost({ loadSdk: async () => sdk, environment });
    expect(host.tabEntityId).toBeUndefined();
    expect(host.tabConfig).toBeUndefined();
  });
});

describe('configurable tab: pages', () => {
  it('the configuration page lists my teams and passes the chosen one to Teams', async () => {
    const chosen: Array<{ teamId: string; teamName: string } | undefined> = [];
    const host = {
      ...fakeTeamsHost({ mode: 'teams' }),
      tabConfig: { choose: (c: (typeof chosen)[number]) => chosen.push(c) },
    };
    const net = new FakeFetch()
      .on('/api/v1/me', { body: localMe })
      .on('/api/v1/teams', { body: { teams: [platformTeam, designTeam] } });
    render(<App host={host} api={createApiClient({ fetch: net.fetch, getToken: async () => undefined })} />);
    expect(await screen.findByRole('heading', { name: "Show a team's Human Debt dashboard in this tab" })).toBeTruthy();
    fireEvent.click(await screen.findByRole('radio', { name: 'Design Studio' }));
    expect(chosen).toEqual([{ teamId: 'team-design', teamName: 'Design Studio' }]);
  });

  it('a configured channel tab opens straight on its team’s dashboard, without a way back to "My teams"', async () => {
    const host = { ...fakeTeamsHost({ mode: 'teams' }), tabEntityId: 'team-platform' };
    const net = dashboardRoutes(new FakeFetch());
    render(<App host={host} api={createApiClient({ fetch: net.fetch, getToken: async () => undefined })} />);
    expect((await screen.findByTestId('hd-index')).textContent).toBe('42.3');
    expect(screen.queryByRole('link', { name: 'Back to my teams' })).toBeNull();
  });
});
