import { Spinner, Text } from '@fluentui/react-components';
import type { TeamsListResponse } from '@humandebt/core';
import { useId } from 'react';
import { ErrorNotice, type Resource } from '@humandebt/web';
import { EmptyTeams } from './EmptyTeams';
import { TeamsTable } from './TeamsTable';
import { useTeamsPageStyles } from './TeamsPage.styles';

export interface TeamsPageProps {
  teams: Resource<TeamsListResponse>;
  /** In local mode the empty state also explains how to load the demo data. */
  localMode: boolean;
  onRetry(): void;
}

/** "My teams": the teams the caller belongs to, with their role and whether the team is large enough to show figures. */
export function TeamsPage({ teams, localMode, onRetry }: TeamsPageProps) {
  const styles = useTeamsPageStyles();
  const headingId = useId();
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={600} weight="semibold" className={styles.heading} tabIndex={-1}>
        My teams
      </Text>
      {/* The live region stays mounted, so screen readers announce both "loading" and a failure when they appear. */}
      <div className={styles.status} aria-live="polite" aria-busy={teams.status === 'loading'}>
        {teams.status === 'loading' && (
          <Spinner size="small" labelPosition="after" label="Loading your teams…" className={styles.spinner} />
        )}
        {teams.status === 'error' && (
          <ErrorNotice title="Your teams could not be loaded" error={teams.error} onRetry={onRetry} />
        )}
      </div>
      {teams.status === 'ready' &&
        (teams.data.teams.length > 0 ? (
          <TeamsTable teams={teams.data.teams} labelledBy={headingId} />
        ) : (
          <EmptyTeams localMode={localMode} />
        ))}
    </section>
  );
}
