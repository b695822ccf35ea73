import { FluentProvider } from '@fluentui/react-components';
import { MeResponse, TeamsListResponse } from '@humandebt/core';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useAppStyles, useGlobalStyles } from './App.styles';
import type { ApiClient } from './api/api-client';
import { useResource } from './api/use-resource';
import { AppHeader } from './components/AppHeader';
import { LocalDemoBanner } from './components/LocalDemoBanner';
import { TeamsPage } from './components/TeamsPage';
import { createFormatters, FormattersContext } from './i18n/formatters';
import type { TeamsHost } from './teams/teams-host';
import { toFluentTheme } from './theme/host-theme';

export interface AppProps {
  host: TeamsHost;
  api: ApiClient;
}

export function App({ host, api }: AppProps) {
  useGlobalStyles();
  const styles = useAppStyles();
  const theme = useSyncExternalStore(host.subscribe, host.getTheme);
  const formatters = useMemo(() => createFormatters(host.locale), [host.locale]);

  const loadMe = useCallback((signal: AbortSignal) => api.getJson('/api/v1/me', MeResponse, { signal }), [api]);
  const loadTeams = useCallback((signal: AbortSignal) => api.getJson('/api/v1/teams', TeamsListResponse, { signal }), [api]);
  const me = useResource(loadMe);
  const teams = useResource(loadTeams);

  const { status: meStatus, reload: reloadMe } = me;
  const { reload: reloadTeams } = teams;
  const retry = useCallback(() => {
    reloadTeams();
    // Both calls usually fail together (service down, sign-in): one Retry brings both back.
    if (meStatus === 'error') reloadMe();
  }, [meStatus, reloadMe, reloadTeams]);

  const identity = me.status === 'ready' ? me.data : undefined;

  return (
    <FluentProvider theme={toFluentTheme(theme)} className={styles.root}>
      <FormattersContext.Provider value={formatters}>
        <AppHeader displayName={identity?.displayName} />
        <main className={styles.main}>
          {identity?.mode === 'local' && <LocalDemoBanner displayName={identity.displayName} />}
          <TeamsPage teams={teams} localMode={identity?.mode === 'local'} onRetry={retry} />
        </main>
      </FormattersContext.Provider>
    </FluentProvider>
  );
}
