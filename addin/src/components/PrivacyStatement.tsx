import { Body1, Text } from '@fluentui/react-components';
import type { TeamSummary } from '@humandebt/core';
import { useId } from 'react';
import { useFormatters } from '../i18n/formatters';
import { usePrivacyStatementStyles } from './PrivacyStatement.styles';

export interface PrivacyStatementProps {
  /** The person's teams once loaded; their thresholds make the statement concrete. */
  teams: readonly TeamSummary[] | undefined;
}

/** What leaves the device and when a team figure appears. */
export function PrivacyStatement({ teams }: PrivacyStatementProps) {
  const styles = usePrivacyStatementStyles();
  const format = useFormatters();
  const headingId = useId();
  // Each team has its own k. The smallest one is true for all of them ("at least 5" holds where k is 7, too).
  const smallestK = teams && teams.length > 0 ? Math.min(...teams.map((team) => team.kThreshold)) : undefined;
  const threshold =
    smallestK === undefined
      ? 'enough people share that no one can be singled out'
      : `at least ${format.number(smallestK)} people share`;
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={300} weight="semibold" className={styles.heading}>
        Your privacy
      </Text>
      <Body1 className={styles.text}>
        Your meeting details stay on this device. Only if you opt in, weekly totals (no titles, attendees or times) are
        shared with your team, and a team figure is shown only when {threshold}.
      </Body1>
    </section>
  );
}
