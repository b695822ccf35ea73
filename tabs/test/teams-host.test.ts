import { describe, expect, it, vi } from 'vitest';
import type { HostTheme } from '@humandebt/web';
import {
  connectTeamsHost,
  couldBeHosted,
  parseTeamsTheme,
  type BrowserEnvironment,
  type TeamsSdk,
} from '../src/teams/teams-host';

const browser: BrowserEnvironment = { search: '', language: 'de-DE', matchMedia: undefined };

/** A hand-written stand-in for teams-js: each method does what the test scripts. */
class FakeTeamsSdk implements TeamsSdk {
  initializeCalls = 0;
  notified = 0;
  private themeHandler: ((theme: string) => void) | undefined;
  constructor(
    private readonly behaviour: {
      initialize?: () => Promise<void>;
      context?: { theme?: string; locale?: string };
      token?: string;
    } = {},
  ) {}
  initialize(): Promise<void> {
    this.initializeCalls++;
    return this.behaviour.initialize?.() ?? Promise.resolve();
  }
  getContext() {
    return Promise.resolve(this.behaviour.context ?? {});
  }
  onThemeChange(handler: (theme: string) => void): void {
    this.themeHandler = handler;
  }
  getAuthToken(): Promise<string> {
    return this.behaviour.token ? Promise.resolve(this.behaviour.token) : Promise.reject(new Error('no SSO'));
  }
  notifySuccess(): void {
    this.notified++;
  }
  /** What Teams does when the person switches theme. */
  switchTheme(theme: string): void {
    this.themeHandler?.(theme);
  }
}

describe('connectTeamsHost outside Teams', () => {
  it('does not load teams-js at all in a plain browser tab (no frame, no opener, no native bridge)', async () => {
    let loads = 0;
    const host = await connectTeamsHost({
      loadSdk: async () => {
        loads++;
        return new FakeTeamsSdk();
      },
      environment: { ...browser, hostable: false },
    });
    expect(loads).toBe(0);
    expect(host.mode).toBe('standalone');
    await expect(host.getToken()).resolves.toBeUndefined();
  });

  it('tells a possible host the way teams-js does', () => {
    const top = { self: 1, parent: 1, opener: null };
    expect(couldBeHosted(top)).toBe(false);
    expect(couldBeHosted({ ...top, parent: 2 })).toBe(true); // framed: Teams web and desktop
    expect(couldBeHosted({ ...top, opener: {} })).toBe(true); // a pop-up Teams opened
    expect(couldBeHosted({ ...top, nativeInterface: {} })).toBe(true); // Teams mobile's web view
  });

  it('falls back to standalone when app.initialize() rejects (a top-level browser window)', async () => {
    const sdk = new FakeTeamsSdk({
      initialize: () => Promise.reject(new Error('Initialization Failed. No Parent window found.')),
    });
    const host = await connectTeamsHost({ loadSdk: async () => sdk, environment: browser });
    expect(sdk.initializeCalls).toBe(1);
    expect(host.mode).toBe('standalone');
    expect(host.locale).toBe('de-DE');
    expect(host.getTheme()).toBe('default');
    await expect(host.getToken()).resolves.toBeUndefined();
  });

  it('falls back to standalone when app.initialize() never answers (a non-Teams iframe)', async () => {
    // A fake clock: it gives up exactly at its timeout, whatever the machine's speed.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const sdk = new FakeTeamsSdk({ initialize: () => new Promise<void>(() => undefined) });
      let host: Awaited<ReturnType<typeof connectTeamsHost>> | undefined;
      void connectTeamsHost({ loadSdk: async () => sdk, timeoutMs: 30, environment: browser }).then((h) => {
        host = h;
      });
      await vi.advanceTimersByTimeAsync(29);
      expect(sdk.initializeCalls).toBe(1);
      expect(host, 'still waiting for initialize()').toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(host?.mode).toBe('standalone');
    } finally {
      vi.useRealTimers();
    }
  });

  it('falls back to standalone when the SDK chunk cannot be loaded', async () => {
    const host = await connectTeamsHost({
      loadSdk: () => Promise.reject(new Error('chunk failed')),
      environment: browser,
    });
    expect(host.mode).toBe('standalone');
  });

  it('honours ?theme= so tests can switch themes without Teams', async () => {
    const host = await connectTeamsHost({
      loadSdk: () => Promise.reject(new Error('outside Teams')),
      environment: { ...browser, search: '?theme=contrast' },
    });
    expect(host.getTheme()).toBe('contrast');
  });
});

describe('connectTeamsHost inside Teams', () => {
  it('reads theme and locale from the Teams context and uses SSO tokens', async () => {
    const sdk = new FakeTeamsSdk({ context: { theme: 'dark', locale: 'en-gb' }, token: 'sso-token' });
    const host = await connectTeamsHost({ loadSdk: async () => sdk, environment: browser });
    expect(host.mode).toBe('teams');
    expect(host.getTheme()).toBe('dark');
    expect(host.locale).toBe('en-GB');
    await expect(host.getToken()).resolves.toBe('sso-token');
    host.notifyReady();
    expect(sdk.notified).toBe(1);
  });

  it('reports live theme changes to subscribers until they unsubscribe', async () => {
    const sdk = new FakeTeamsSdk({ context: { theme: 'default', locale: 'en-us' } });
    const host = await connectTeamsHost({ loadSdk: async () => sdk, environment: browser });
    const seen: HostTheme[] = [];
    const stop = host.subscribe((theme) => seen.push(theme));
    sdk.switchTheme('contrast');
    stop();
    sdk.switchTheme('dark');
    expect(seen).toEqual(['contrast']);
    expect(host.getTheme()).toBe('dark');
  });

  it('falls back to the browser language when Teams reports no locale', async () => {
    const sdk = new FakeTeamsSdk({ context: { theme: 'default' } });
    const host = await connectTeamsHost({ loadSdk: async () => sdk, environment: browser });
    expect(host.locale).toBe('de-DE');
  });
});

describe('parseTeamsTheme', () => {
  it('keeps the three known themes and treats anything else as default', () => {
    expect(parseTeamsTheme('default')).toBe('default');
    expect(parseTeamsTheme('dark')).toBe('dark');
    expect(parseTeamsTheme('contrast')).toBe('contrast');
    expect(parseTeamsTheme('glass')).toBe('default');
    expect(parseTeamsTheme(undefined)).toBe('default');
  });
});
