import { Body1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { ApiClient } from '../../api/api-client';
import { useResource } from '../../api/use-resource';
import { useFormatters } from '../../i18n/formatters';
import { round, type CsvTable } from '../csv';
import { useDashboardStyles } from '../dashboard.styles';
import { loaders, type OrgRollupResponse } from '../endpoints';
import { suppressionText } from '../gated';
import { Suppressed, ViewFrame } from '../ViewFrame';

export interface OrgRollupViewProps {
  api: ApiClient;
}

/**
 * The org roll-up for people allowed to see several teams. The service applies complementary suppression (a team is
 * hidden when a sibling is below k); this view only shows what it is given, suppressed teams as suppression text.
 */
export default function OrgRollupView({ api }: OrgRollupViewProps) {
  const load = useCallback((signal: AbortSignal) => loaders.org(api, signal), [api]);
  const rollup = useResource(load);
  const styles = useDashboardStyles();
  const format = useFormatters();
  return (
    <ViewFrame title="Org roll-up" csvName="org-rollup" resource={rollup} teamName={() => 'org'} toCsv={orgCsv}>
      {(r) =>
        r.teams.length === 0 ? (
          <Body1 className={styles.muted}>No teams under your org role yet.</Body1>
        ) : (
          <div className={`${styles.card} ${styles.tableWrap}`}>
            <Table size="small" aria-label="Human Debt index by team">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Team</TableHeaderCell>
                  <TableHeaderCell>Org unit</TableHeaderCell>
                  <TableHeaderCell>Human Debt index</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {r.teams.map((t) => (
                  <TableRow key={t.teamId}>
                    <TableCell>{t.name}</TableCell>
                    <TableCell>{t.orgUnit ?? ''}</TableCell>
                    <TableCell className={styles.number}>{t.index.suppressed ? <Suppressed k={t.index.k} message={t.index.message} /> : format.decimal(t.index.value)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )
      }
    </ViewFrame>
  );
}

export function orgCsv(r: OrgRollupResponse): CsvTable {
  return [['Team', 'Org unit', 'Human Debt index'], ...r.teams.map((t) => [t.name, t.orgUnit ?? '', t.index.suppressed ? suppressionText(t.index.k) : round(t.index.value)])];
}
