import { Body1, Text } from '@fluentui/react-components';
import { useEmptyTeamsStyles } from './EmptyTeams.styles';

export interface EmptyTeamsProps {
  localMode: boolean;
}

/** No teams yet: what makes a team appear here, in the order a team lead does it. */
export function EmptyTeams({ localMode }: EmptyTeamsProps) {
  const styles = useEmptyTeamsStyles();
  return (
    <div className={styles.root}>
      <Text as="h3" size={400} weight="semibold" className={styles.heading}>
        No teams yet
      </Text>
      <Body1>A team appears here once the Human Debt bot is part of it and you are one of its members.</Body1>
      <ol className={styles.steps}>
        <li>
          <Body1>Add the Human Debt app to your team in Teams: open the team, select Manage team, then Apps.</Body1>
        </li>
        <li>
          <Body1>In one of the team's channels, mention Human Debt and start the first pulse or retro.</Body1>
        </li>
        <li>
          <Body1>Come back here: the team is listed as soon as the bot has joined it.</Body1>
        </li>
      </ol>
      {localMode && (
        <Body1>
          In the local demo, <code className={styles.code}>npm run seed</code> loads a set of demo teams.
        </Body1>
      )}
    </div>
  );
}
