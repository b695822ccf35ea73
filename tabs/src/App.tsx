import { FluentProvider, Spinner } from '@fluentui/react-components';
import { type ComponentType, lazy, Suspense, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import {
  type ApiClient,
  LocalDemoBanner,
  type MeAndTeamsPreload,
  TEAMS_FLUENT_THEMES,
  toFluentTheme,
  useMeAndTeams,
} from '@humandebt/web';
import { useAppStyles, useGlobalStyles } from './App.styles';
import { AppHeader } from './components/AppHeader';
import { TeamsPage } from './components/TeamsPage';
import { createFormatters, FormattersContext } from './i18n/formatters';
import { useRoute, type Route } from './routing/hash-route';
import type { DashboardProps } from './dashboard/Dashboard';
import type { TeamsHost } from './teams/teams-host';
import { HostThemeContext } from './theme/theme-context';

// The dashboard and the tab configuration page are separate chunks: "My teams" never pays for them.
const Dashboard = lazy(() => import('./dashboard/Dashboard'));
const ConfigPage = lazy(() => import('./components/ConfigPage'));

export interface AppProps {
  host: TeamsHost;
  api: ApiClient;
  /**
   * The dashboard component when main.tsx already loaded its chunk (a deep link to a team). Rendering it directly
   * skips a Suspense fallback, which React would keep on screen for at least 300 ms once shown.
   */
  dashboard?: ComponentType<DashboardProps> | undefined;
  /** Identity and teams requests main.tsx started before the first render; the app takes them over. */
  preload?: MeAndTeamsPreload | undefined;
}

/** Which page to show: Teams' configuration frame and a configured channel tab take precedence over the hash. */
export function effectiveRoute(route: Route, host: TeamsHost): Route {
  if (host.tabConfig) return { page: 'config' };
  if (route.page === 'teams' && host.tabEntityId) return { page: 'team', teamId: host.tabEntityId, view: 'overview' };
  return route;
}

export function App({ host, api, dashboard, preload }: AppProps) {
  const DashboardView = dashboard ?? Dashboard;
  useGlobalStyles();
  const styles = useAppStyles();
  const theme = useSyncExternalStore(host.subscribe, host.getTheme);
  const formatters = useMemo(() => createFormatters(host.locale), [host.locale]);
  const route = effectiveRoute(useRoute(), host);

  const { me, teams, retry } = useMeAndTeams(api, preload);

  const identity = me.status === 'ready' ? me.data : undefined;
  const knownName =
    route.page === 'team' && teams.status === 'ready'
      ? teams.data.teams.find((t) => t.teamId === route.teamId)?.name
      : undefined;

  // Coming back from a dashboard to "My teams" puts focus on the page heading, as opening a dashboard does.
  const previousPage = useRef(route.page);
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (previousPage.current !== route.page && route.page === 'teams')
      mainRef.current?.querySelector<HTMLElement>('h2')?.focus();
    previousPage.current = route.page;
  }, [route.page]);

  return (
    // color-scheme makes the CSS system colours (used by the charts in high contrast) resolve light-on-dark on the
    // dark and contrast themes even when the OS is not forcing colours.
    <FluentProvider
      theme={toFluentTheme(theme, TEAMS_FLUENT_THEMES)}
      className={styles.root}
      style={{ colorScheme: theme === 'default' ? 'light' : 'dark' }}
    >
      <HostThemeContext.Provider value={theme}>
        <FormattersContext.Provider value={formatters}>
          <AppHeader displayName={identity?.displayName} />
          <main className={styles.main} ref={mainRef}>
            {identity?.mode === 'local' && <LocalDemoBanner displayName={identity.displayName} />}
            <Suspense fallback={<Spinner size="small" labelPosition="after" label="Loading…" />}>
              {route.page === 'teams' && (
                <TeamsPage teams={teams} localMode={identity?.mode === 'local'} onRetry={retry} />
              )}
              {route.page === 'team' && (
                <DashboardView
                  api={api}
                  teamId={route.teamId}
                  view={route.view}
                  teamName={knownName}
                  showBack={!host.tabEntityId}
                />
              )}
              {route.page === 'config' && <ConfigPage teams={teams} tabConfig={host.tabConfig} onRetry={retry} />}
            </Suspense>
          </main>
        </FormattersContext.Provider>
      </HostThemeContext.Provider>
    </FluentProvider>
  );
}
