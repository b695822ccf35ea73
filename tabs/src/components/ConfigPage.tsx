import { Body1, Link, Radio, RadioGroup, Spinner, Text } from '@fluentui/react-components';
import type { TeamsListResponse } from '@humandebt/core';
import { useId, useState } from 'react';
import { ErrorNotice, type Resource } from '@humandebt/web';
import { routeHref } from '../routing/hash-route';
import type { TabConfigHost } from '../teams/teams-host';
import { useTeamsPageStyles } from './TeamsPage.styles';

export interface ConfigPageProps {
  teams: Resource<TeamsListResponse>;
  /** Teams' configuration bridge; undefined outside Teams (the page then only links to the dashboards). */
  tabConfig: TabConfigHost | undefined;
  onRetry(): void;
}

/**
 * The configurable tab's set-up page: the team owner picks which Human Debt team this channel or group-chat tab
 * shows. Choosing a team enables Teams' Save button; Save stores a content URL that opens that team's dashboard.
 */
export default function ConfigPage({ teams, tabConfig, onRetry }: ConfigPageProps) {
  const styles = useTeamsPageStyles();
  const headingId = useId();
  const [chosen, setChosen] = useState<string>('');
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={600} weight="semibold" className={styles.heading}>
        Show a team's Human Debt dashboard in this tab
      </Text>
      {!tabConfig && (
        <Body1>This page sets up a Teams tab. Outside Teams, open a dashboard from My teams instead.</Body1>
      )}
      <div aria-live="polite" aria-busy={teams.status === 'loading'}>
        {teams.status === 'loading' && <Spinner size="small" labelPosition="after" label="Loading your teams…" />}
        {teams.status === 'error' && (
          <ErrorNotice title="Your teams could not be loaded" error={teams.error} onRetry={onRetry} />
        )}
      </div>
      {teams.status === 'ready' &&
        (teams.data.teams.length === 0 ? (
          <Body1>You are not a member of any Human Debt team yet. Add the Human Debt app to the team first.</Body1>
        ) : (
          <RadioGroup
            aria-labelledby={headingId}
            value={chosen}
            onChange={(_e, data) => {
              setChosen(data.value);
              const team = teams.data.teams.find((t) => t.teamId === data.value);
              tabConfig?.choose(team ? { teamId: team.teamId, teamName: team.name } : undefined);
            }}
          >
            {teams.data.teams.map((t) => (
              <Radio key={t.teamId} value={t.teamId} label={t.name} />
            ))}
          </RadioGroup>
        ))}
      {chosen && !tabConfig && (
        <Link href={routeHref({ page: 'team', teamId: chosen, view: 'overview' })}>Open this team's dashboard</Link>
      )}
    </section>
  );
}
