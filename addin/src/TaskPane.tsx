import { FluentProvider, Text } from '@fluentui/react-components';
import type { MeResponse, TeamsListResponse as TeamsList } from '@humandebt/core';
import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import {
  type ApiClient,
  LocalDemoBanner,
  type Resource,
  toFluentTheme,
  useMeAndTeams,
  WEB_FLUENT_THEMES,
} from '@humandebt/web';
import { PrivacyStatement } from './components/PrivacyStatement';
import { YourTeams } from './components/YourTeams';
import { createFormatters, FormattersContext } from './i18n/formatters';
import type { OfficeHost } from './office/office-host';
import { useGlobalStyles, useTaskPaneStyles } from './TaskPane.styles';

export interface TaskPaneProps {
  host: OfficeHost;
  api: ApiClient;
  /**
   * The personal meeting-load view (this week / next week), between the identity and "Your teams". A function gets
   * the person and their teams, which the pane loads once for both.
   */
  meetingLoad?: ReactNode | ((context: MeetingLoadContext) => ReactNode);
}

export interface MeetingLoadContext {
  me: MeResponse | undefined;
  teams: Resource<TeamsList>;
}

export function TaskPane({ host, api, meetingLoad }: TaskPaneProps) {
  useGlobalStyles();
  const styles = useTaskPaneStyles();
  const theme = useSyncExternalStore(host.subscribe, host.getTheme);
  const formatters = useMemo(() => createFormatters(host.locale), [host.locale]);

  const { me, teams, retry } = useMeAndTeams(api);

  const identity = me.status === 'ready' ? me.data : undefined;
  const loadedTeams = teams.status === 'ready' ? teams.data.teams : undefined;

  return (
    <FluentProvider theme={toFluentTheme(theme, WEB_FLUENT_THEMES)} className={styles.root}>
      <FormattersContext.Provider value={formatters}>
        <header className={styles.header}>
          <Text as="h1" size={500} weight="semibold" className={styles.title}>
            Meeting load
          </Text>
          {identity && (
            <Text size={200} className={styles.identity}>
              Signed in as {identity.displayName}
            </Text>
          )}
        </header>
        <main className={styles.main}>
          {identity?.mode === 'local' && <LocalDemoBanner displayName={identity.displayName} />}
          {typeof meetingLoad === 'function' ? meetingLoad({ me: identity, teams }) : meetingLoad}
          <YourTeams teams={teams} localMode={identity?.mode === 'local'} onRetry={retry} />
          <PrivacyStatement teams={loadedTeams} />
        </main>
      </FormattersContext.Provider>
    </FluentProvider>
  );
}
