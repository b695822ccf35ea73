import {
  Caption1,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { TeamSummary } from '@humandebt/core';
import { useFormatters } from '../i18n/formatters';
import { routeHref } from '../routing/hash-route';
import { useTeamsTableStyles } from './TeamsTable.styles';

export interface TeamsTableProps {
  teams: readonly TeamSummary[];
  /** Id of the heading that names the table. */
  labelledBy: string;
}

const ROLE_LABEL: Readonly<Record<TeamSummary['role'], string>> = { owner: 'Owner', member: 'Member' };

export function TeamsTable({ teams, labelledBy }: TeamsTableProps) {
  const styles = useTeamsTableStyles();
  const format = useFormatters();
  return (
    <div className={styles.surface}>
      <Table aria-labelledby={labelledBy}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Team</TableHeaderCell>
            <TableHeaderCell>Your role</TableHeaderCell>
            <TableHeaderCell>Org unit</TableHeaderCell>
            <TableHeaderCell>Members</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {teams.map((team) => (
            <TableRow key={team.teamId}>
              <TableCell>
                <div className={styles.nameCell}>
                  {/* The name opens the team's dashboard: a real link, so it works with the keyboard, in a new tab and as a deep link. */}
                  <Link
                    href={routeHref({ page: 'team', teamId: team.teamId, view: 'overview' })}
                    className={styles.name}
                  >
                    {team.name}
                  </Link>
                  {team.belowThreshold && (
                    <Caption1 className={styles.privacyNote}>
                      Fewer than {format.number(team.kThreshold)} members — this team's figures stay hidden to protect
                      privacy
                    </Caption1>
                  )}
                </div>
              </TableCell>
              <TableCell>{ROLE_LABEL[team.role]}</TableCell>
              <TableCell>{team.orgUnit ?? <span className={styles.muted}>Not set</span>}</TableCell>
              <TableCell className={styles.number}>{format.number(team.memberCount)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
