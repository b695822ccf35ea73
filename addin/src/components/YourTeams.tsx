import { Body1, Caption1, Spinner, Text } from '@fluentui/react-components';
import type { TeamsListResponse, TeamSummary } from '@humandebt/core';
import { useId } from 'react';
import { ErrorNotice, type Resource } from '@humandebt/web';
import { useFormatters, type Formatters } from '../i18n/formatters';
import { useYourTeamsStyles } from './YourTeams.styles';

export interface YourTeamsProps {
  teams: Resource<TeamsListResponse>;
  localMode: boolean;
  onRetry(): void;
}

const ROLE_LABEL: Readonly<Record<TeamSummary['role'], string>> = { owner: 'Owner', member: 'Member' };

/** The teams the person belongs to: where their opt-in weekly totals would count. */
export function YourTeams({ teams, localMode, onRetry }: YourTeamsProps) {
  const styles = useYourTeamsStyles();
  const format = useFormatters();
  const headingId = useId();
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={400} weight="semibold" className={styles.heading}>
        Your teams
      </Text>
      <div className={styles.status} aria-live="polite" aria-busy={teams.status === 'loading'}>
        {teams.status === 'loading' && (
          <Spinner size="tiny" labelPosition="after" label="Loading your teams…" className={styles.spinner} />
        )}
        {teams.status === 'error' && (
          <ErrorNotice title="Your teams could not be loaded" error={teams.error} onRetry={onRetry} />
        )}
      </div>
      {teams.status === 'ready' &&
        (teams.data.teams.length > 0 ? (
          <ul className={styles.list} role="list" aria-labelledby={headingId}>
            {teams.data.teams.map((team) => (
              <li key={team.teamId} className={styles.item}>
                <Text className={styles.name}>{team.name}</Text>
                <Caption1 className={styles.meta}>{describe(team, format)}</Caption1>
                {team.belowThreshold && (
                  <Caption1 className={styles.privacyNote}>
                    Fewer than {format.number(team.kThreshold)} members — this team's figures stay hidden to protect
                    privacy
                  </Caption1>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <div className={styles.empty}>
            <Body1>You are not in a team that uses Human Debt yet.</Body1>
            <Body1>
              Ask your team lead to add the Human Debt app to your team in Teams; the team then appears here.
            </Body1>
            {localMode && (
              <Body1>
                In the local demo, <code className={styles.code}>npm run seed</code> loads a set of demo teams.
              </Body1>
            )}
          </div>
        ))}
    </section>
  );
}

/** "Owner · Platform · 12 members": the role, the org unit when there is one, and the team size. */
function describe(team: TeamSummary, format: Formatters): string {
  const members = `${format.number(team.memberCount)} ${team.memberCount === 1 ? 'member' : 'members'}`;
  return [ROLE_LABEL[team.role], team.orgUnit, members].filter(Boolean).join(' · ');
}
