import type { HostTheme } from '@humandebt/web';
import type { TeamsHost } from '../../src/teams/teams-host';

/** A TeamsHost with a theme the test can switch, as Teams would on a theme change. */
export function fakeTeamsHost(init: Partial<Pick<TeamsHost, 'mode' | 'locale'>> & { theme?: HostTheme } = {}) {
  let theme: HostTheme = init.theme ?? 'default';
  const listeners = new Set<(theme: HostTheme) => void>();
  const host: TeamsHost & { setTheme(next: HostTheme): void } = {
    mode: init.mode ?? 'standalone',
    locale: init.locale ?? 'en-US',
    getTheme: () => theme,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getToken: () => Promise.resolve(undefined),
    notifyReady: () => undefined,
    setTheme(next) {
      theme = next;
      for (const listener of listeners) listener(next);
    },
  };
  return host;
}
