import {
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { HazardLedgerResponse } from '@humandebt/core';
import { useCallback } from 'react';
import { type ApiClient, useResource } from '@humandebt/web';
import { useFormatters } from '../../i18n/formatters';
import { useHostTheme } from '../../theme/theme-context';
import { chartPalette, debtStep } from '../charts/chart-palette';
import { round, type CsvTable } from '../csv';
import { useDashboardStyles } from '../dashboard.styles';
import { loaders } from '../endpoints';
import { suppressionText } from '../gated';
import { ViewFrame } from '../ViewFrame';
import { useHazardLedgerStyles } from './HazardLedgerView.styles';

type Ledger = HazardLedgerResponse;
type Cell = Ledger['weeks'][number]['cells'][string];

export const NOT_ASKED = 'Not asked';
const STEP_WORDS = ['low', 'moderate', 'raised', 'high', 'very high'] as const;

export interface HazardLedgerViewProps {
  api: ApiClient;
  teamId: string;
}

/** Debt by psychosocial hazard and week: a heatmap that is a real table, with the number or the reason in every cell. */
export default function HazardLedgerView({ api, teamId }: HazardLedgerViewProps) {
  const load = useCallback((signal: AbortSignal) => loaders.hazards(api, teamId, signal), [api, teamId]);
  const ledger = useResource(load);
  return (
    <ViewFrame
      title="Hazard ledger"
      csvName="hazards"
      resource={ledger}
      teamName={(l) => l.team.name}
      toCsv={hazardCsv}
    >
      {(l) => <Heatmap ledger={l} />}
    </ViewFrame>
  );
}

function Heatmap({ ledger }: { ledger: Ledger }) {
  const styles = useHazardLedgerStyles();
  const shared = useDashboardStyles();
  const format = useFormatters();
  const palette = chartPalette(useHostTheme());
  if (ledger.hazards.length === 0 || ledger.weeks.length === 0) {
    return <Caption1 className={shared.muted}>No hazard has been asked about in this period yet.</Caption1>;
  }
  const caption = `Debt by hazard (0 to 100, higher means more debt), by week, from the week of ${format.weekLong(ledger.range.fromWeek)} to the week of ${format.weekLong(ledger.range.toWeek)}`;
  return (
    <div className={shared.card}>
      <div className={styles.legend} aria-hidden="true">
        <Caption1>Debt:</Caption1>
        {STEP_WORDS.map((word, i) => (
          <Caption1 key={word}>
            <span className={styles.swatch} style={{ backgroundColor: palette.scale[i] }} />
            {format.number(i * 20)}–{format.number(i === 4 ? 100 : i * 20 + 19)} {word}
          </Caption1>
        ))}
      </div>
      <div className={styles.scroller} tabIndex={0} role="region" aria-label="Hazard ledger table (scrolls sideways)">
        <Table size="small" className={styles.table} aria-label={caption}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.hazardCell}>Hazard</TableHeaderCell>
              {ledger.weeks.map((w) => (
                <TableHeaderCell key={w.week} scope="col">
                  {format.week(w.week)}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {ledger.hazards.map((h) => (
              <TableRow key={h.key}>
                <TableCell className={styles.hazardCell}>
                  <span>{h.label}</span>
                  <span className={`${styles.small} ${shared.muted}`}>{h.iso45003}</span>
                </TableCell>
                {ledger.weeks.map((w) => (
                  <HeatCell key={w.week} cell={w.cells[h.key]} week={w.week} />
                ))}
              </TableRow>
            ))}
            <TableRow>
              <TableCell className={styles.hazardCell}>
                <strong>Mean debt</strong>
              </TableCell>
              {ledger.weeks.map((w) => (
                <TableCell key={w.week} className={styles.cell}>
                  {w.meanDebt === null ? (
                    <span className={shared.muted}>Not shown</span>
                  ) : (
                    <strong>{format.decimal(w.meanDebt)}</strong>
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

function HeatCell({ cell, week }: { cell: Cell | undefined; week: string }) {
  const styles = useHazardLedgerStyles();
  const shared = useDashboardStyles();
  const format = useFormatters();
  const palette = chartPalette(useHostTheme());
  if (!cell || cell.status === 'not-measured') {
    return (
      <TableCell className={styles.cell}>
        <span className={shared.muted}>{NOT_ASKED}</span>
      </TableCell>
    );
  }
  if (cell.result.suppressed) {
    return (
      <TableCell className={styles.cell}>
        <span className={shared.suppressed} title={cell.result.message}>
          {suppressionText(cell.result.k)}
        </span>
      </TableCell>
    );
  }
  const debt = cell.result.value.debt;
  const step = debtStep(debt);
  return (
    <TableCell className={styles.cell} style={{ backgroundColor: palette.scale[step], color: palette.scaleText }}>
      <span>{format.decimal(debt)}</span>
      <span className={styles.small}>{STEP_WORDS[step]}</span>
      <span
        className={styles.bar}
        aria-hidden="true"
        style={{ width: `${Math.max(4, debt)}%`, backgroundColor: palette.scaleText }}
      />
      {cell.measuredWeek !== week && <span className={styles.small}>asked wk of {format.week(cell.measuredWeek)}</span>}
    </TableCell>
  );
}

export function hazardCsv(l: Ledger): CsvTable {
  const rows: Array<Array<string | number>> = [['Hazard', 'ISO 45003 group', ...l.weeks.map((w) => w.week)]];
  for (const h of l.hazards) {
    rows.push([
      h.label,
      h.iso45003,
      ...l.weeks.map((w) => {
        const cell = w.cells[h.key];
        if (!cell || cell.status === 'not-measured') return NOT_ASKED;
        return cell.result.suppressed ? suppressionText(cell.result.k) : round(cell.result.value.debt);
      }),
    ]);
  }
  rows.push(['Mean debt', '', ...l.weeks.map((w) => (w.meanDebt === null ? 'Not shown' : round(w.meanDebt)))]);
  return rows;
}
