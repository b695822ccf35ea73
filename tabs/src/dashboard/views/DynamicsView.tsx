import { Body1, Caption1 } from '@fluentui/react-components';
import type { DynamicsResponse } from '@humandebt/core';
import { useCallback } from 'react';
import { type ApiClient, useResource } from '@humandebt/web';
import { useFormatters, type Formatters } from '../../i18n/formatters';
import { ChartFigure } from '../charts/ChartFigure';
import { LineChart } from '../charts/LineChart';
import { round, type CsvTable } from '../csv';
import { useDashboardStyles } from '../dashboard.styles';
import { loaders } from '../endpoints';
import { suppressionText } from '../gated';
import { Suppressed, ViewFrame } from '../ViewFrame';

type Dynamics = DynamicsResponse;
type Series = Dynamics['dimensions'][number];

export interface DynamicsViewProps {
  api: ApiClient;
  teamId: string;
}

/** The five team dynamics (Project Aristotle), each over the weeks it was asked. */
export default function DynamicsView({ api, teamId }: DynamicsViewProps) {
  const load = useCallback((signal: AbortSignal) => loaders.dynamics(api, teamId, signal), [api, teamId]);
  const dynamics = useResource(load);
  const format = useFormatters();
  const styles = useDashboardStyles();
  return (
    <ViewFrame
      title="Team dynamics"
      csvName="team-dynamics"
      resource={dynamics}
      teamName={(d) => d.team.name}
      toCsv={dynamicsCsv}
    >
      {(d) =>
        d.dimensions.length === 0 ? (
          <Body1 className={styles.muted}>No team-dynamics questions have been asked in this period yet.</Body1>
        ) : (
          <>
            <Caption1 className={styles.muted}>
              Scores from 1 to 7. The pulse asks about each dynamic about once every four weeks, so each line has a
              point only in the weeks it was asked.
            </Caption1>
            <div className={styles.grid}>
              {d.dimensions.map((s) => (
                <SeriesCard key={s.key} series={s} format={format} />
              ))}
            </div>
          </>
        )
      }
    </ViewFrame>
  );
}

function SeriesCard({ series, format }: { series: Series; format: Formatters }) {
  const styles = useDashboardStyles();
  const latest = series.weeks.length ? series.weeks[series.weeks.length - 1] : undefined;
  const text = (r: Series['weeks'][number]['result']) =>
    r.suppressed ? suppressionText(r.k) : format.decimal(r.value.mean);
  const better = series.direction === 'higher-is-better' ? 'higher is better' : 'lower is better';
  return (
    <div className={styles.card}>
      <ChartFigure
        title={series.label}
        headingLevel={4}
        summary={`${series.label}, ${better}: ${series.weeks.length ? series.weeks.map((w) => `${format.weekLong(w.week)} ${text(w.result)}`).join('; ') : 'not asked in this period'}.`}
        table={{
          columns: ['Week of', 'Mean (1–7)'],
          rows: series.weeks.map((w) => ({ key: w.week, cells: [format.weekLong(w.week), text(w.result)] })),
        }}
      >
        <LineChart
          points={series.weeks.map((w) => ({
            key: w.week,
            label: format.week(w.week),
            value: w.result.suppressed ? null : w.result.value.mean,
          }))}
          min={1}
          max={7}
          formatValue={(v) => format.decimal(v)}
        />
      </ChartFigure>
      <Body1>
        Latest:{' '}
        {latest ? (
          latest.result.suppressed ? (
            <Suppressed k={latest.result.k} message={latest.result.message} />
          ) : (
            <strong className={styles.number}>{format.decimal(latest.result.value.mean)}</strong>
          )
        ) : (
          <span className={styles.muted}>not asked yet</span>
        )}{' '}
        <span className={styles.muted}>({better})</span>
      </Body1>
    </div>
  );
}

export function dynamicsCsv(d: Dynamics): CsvTable {
  const rows: Array<Array<string | number>> = [['Dynamic', 'Direction', 'Week', 'Mean (1-7)', 'Responses']];
  for (const s of d.dimensions) {
    for (const w of s.weeks) {
      rows.push([
        s.label,
        s.direction,
        w.week,
        w.result.suppressed ? suppressionText(w.result.k) : round(w.result.value.mean),
        w.result.suppressed ? '' : w.result.n,
      ]);
    }
  }
  return rows;
}
