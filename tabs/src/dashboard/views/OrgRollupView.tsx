import {
  Body1,
  Caption1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useCallback } from 'react';
import type { OrgNode, OrgRollupResponse } from '@humandebt/core';
import { type ApiClient, useResource } from '@humandebt/web';
import { useFormatters } from '../../i18n/formatters';
import { round, type CsvCell, type CsvTable } from '../csv';
import { useDashboardStyles } from '../dashboard.styles';
import { loaders } from '../endpoints';
import { suppressionText } from '../gated';
import { Suppressed, ViewFrame } from '../ViewFrame';

export interface OrgRollupViewProps {
  api: ApiClient;
}

interface Row {
  node: OrgNode;
  depth: number;
}

function flatten(node: OrgNode, depth = 0, out: Row[] = []): Row[] {
  out.push({ node, depth });
  for (const c of node.children) flatten(c, depth + 1, out);
  return out;
}

/**
 * The org roll-up for holders of the org role: one tree per measure (organisation → org unit → team). The service
 * decides what may be shown — a unit is hidden when it, or what is left of it after subtracting the units shown,
 * would be fewer than k people — and this view shows exactly that, hidden cells as their reason.
 */
export default function OrgRollupView({ api }: OrgRollupViewProps) {
  const load = useCallback((signal: AbortSignal) => loaders.org(api, signal), [api]);
  const rollup = useResource(load);
  const styles = useDashboardStyles();
  const format = useFormatters();
  return (
    <ViewFrame title="Org roll-up" csvName="org-rollup" resource={rollup} teamName={() => 'org'} toCsv={orgCsv}>
      {(r) => (
        <>
          <Body1 className={styles.muted}>
            Figures for week {r.asOfWeek}. A group is shown only when at least {r.k} people are behind it, and never
            when subtracting the groups shown would reveal fewer than {r.k}.
          </Body1>
          {r.metrics.map((m) => (
            <section key={m.key} className={`${styles.card} ${styles.tableWrap}`} aria-labelledby={`org-${m.key}`}>
              <Subtitle2 as="h3" id={`org-${m.key}`}>
                {m.label}
              </Subtitle2>
              <Caption1 className={styles.muted}>
                {m.unit}; {m.direction === 'higher-is-better' ? 'higher is better' : 'lower is better'}
              </Caption1>
              <Table size="small" aria-label={m.label}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Group</TableHeaderCell>
                    <TableHeaderCell>Teams</TableHeaderCell>
                    <TableHeaderCell>Value</TableHeaderCell>
                    <TableHeaderCell>People</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {flatten(m.tree).map(({ node, depth }) => (
                    <TableRow key={node.id} aria-level={depth + 1}>
                      <TableCell>
                        <span style={{ paddingInlineStart: `${depth * 1.25}rem` }}>{node.label}</span>
                      </TableCell>
                      <TableCell className={styles.number}>{format.number(node.teamCount)}</TableCell>
                      <TableCell className={styles.number}>
                        {node.result.suppressed ? (
                          <Suppressed k={node.result.k} message={node.result.message} />
                        ) : (
                          format.decimal(node.result.value.mean)
                        )}
                      </TableCell>
                      <TableCell className={styles.number}>
                        {node.result.suppressed ? '—' : format.number(node.result.n)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </section>
          ))}
        </>
      )}
    </ViewFrame>
  );
}

export function orgCsv(r: OrgRollupResponse): CsvTable {
  const rows: CsvCell[][] = [['Measure', 'Group', 'Level', 'Value', 'People']];
  for (const m of r.metrics) {
    for (const { node } of flatten(m.tree)) {
      rows.push([
        m.label,
        node.label,
        node.kind,
        node.result.suppressed ? suppressionText(node.result.k) : round(node.result.value.mean),
        node.result.suppressed ? '' : String(node.result.n),
      ]);
    }
  }
  return rows;
}
