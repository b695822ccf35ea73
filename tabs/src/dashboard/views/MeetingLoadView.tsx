import { Body1, Caption1 } from '@fluentui/react-components';
import type { TeamMeetingLoadResponse } from '@humandebt/core';
import { useCallback } from 'react';
import { type ApiClient, useResource } from '@humandebt/web';
import { useFormatters, type Formatters } from '../../i18n/formatters';
import { ChartFigure } from '../charts/ChartFigure';
import { LineChart } from '../charts/LineChart';
import { round, type CsvTable } from '../csv';
import { useDashboardStyles } from '../dashboard.styles';
import { loaders } from '../endpoints';
import { suppressionText } from '../gated';
import { ViewFrame } from '../ViewFrame';

type Load = TeamMeetingLoadResponse;
type Figures = Extract<Load['weeks'][number]['result'], { suppressed: false }>['value'];

export const METRICS: ReadonlyArray<{
  key: keyof Figures;
  label: string;
  unit: string;
  reference?: { value: number; label: string };
}> = [
  { key: 'meetingHours', label: 'Hours in meetings', unit: 'h' },
  {
    key: 'focusHours',
    label: 'Focus hours (blocks of 2 h or more)',
    unit: 'h',
    reference: { value: 10, label: 'low focus (10 h)' },
  },
  { key: 'backToBackChains', label: 'Back-to-back chains', unit: '' },
  { key: 'backToBackHours', label: 'Hours in back-to-back chains', unit: 'h' },
  {
    key: 'afterHoursHours',
    label: 'Meeting hours outside working hours',
    unit: 'h',
    reference: { value: 1, label: '1 h' },
  },
];

export interface MeetingLoadViewProps {
  api: ApiClient;
  teamId: string;
}

/** The team's meeting load: per-person weekly averages over the people who chose to share, gated by k. */
export default function MeetingLoadView({ api, teamId }: MeetingLoadViewProps) {
  const load = useCallback((signal: AbortSignal) => loaders.meetings(api, teamId, signal), [api, teamId]);
  const meetings = useResource(load);
  const format = useFormatters();
  const styles = useDashboardStyles();
  return (
    <ViewFrame
      title="Meeting load"
      csvName="meeting-load"
      resource={meetings}
      teamName={(m) => m.team.name}
      toCsv={meetingLoadCsv}
    >
      {(m) =>
        m.weeks.length === 0 ? (
          <Body1 className={styles.muted}>
            Nobody has shared meeting load yet. People share their own weekly figures from the Human Debt add-in in
            Outlook.
          </Body1>
        ) : (
          <>
            <Caption1 className={styles.muted}>
              Per-person weekly averages over the people who chose to share from Outlook. A week is shown only when
              enough people shared.
            </Caption1>
            <div className={styles.grid}>
              {METRICS.map((metric) => (
                <MetricCard key={metric.key} load={m} metric={metric} format={format} />
              ))}
            </div>
          </>
        )
      }
    </ViewFrame>
  );
}

function MetricCard({ load, metric, format }: { load: Load; metric: (typeof METRICS)[number]; format: Formatters }) {
  const styles = useDashboardStyles();
  const value = (r: Load['weeks'][number]['result']) =>
    r.suppressed
      ? suppressionText(r.k)
      : `${format.decimal(r.value[metric.key])}${metric.unit ? ` ${metric.unit}` : ''}`;
  const released = load.weeks.flatMap((w) => (w.result.suppressed ? [] : [w.result.value[metric.key]]));
  const max = Math.max(1, metric.reference?.value ?? 0, ...released) * 1.15;
  return (
    <div className={styles.card}>
      <ChartFigure
        title={metric.label}
        headingLevel={4}
        summary={`${metric.label}, per person and week: ${load.weeks.map((w) => `${format.weekLong(w.week)} ${value(w.result)}`).join('; ')}.`}
        table={{
          columns: ['Week of', metric.label, 'People sharing'],
          rows: load.weeks.map((w) => ({
            key: w.week,
            cells: [
              format.weekLong(w.week),
              value(w.result),
              w.result.suppressed ? suppressionText(w.result.k) : format.number(w.result.n),
            ],
          })),
        }}
      >
        <LineChart
          points={load.weeks.map((w) => ({
            key: w.week,
            label: format.week(w.week),
            value: w.result.suppressed ? null : w.result.value[metric.key],
          }))}
          min={0}
          max={max}
          formatValue={(v) => format.decimal(v)}
          {...(metric.reference ? { references: [metric.reference] } : {})}
        />
      </ChartFigure>
    </div>
  );
}

export function meetingLoadCsv(m: Load): CsvTable {
  const rows: Array<Array<string | number>> = [
    ['Week', ...METRICS.map((x) => `${x.label}${x.unit ? ` (${x.unit})` : ''}`), 'People sharing'],
  ];
  for (const w of m.weeks) {
    const r = w.result;
    rows.push(
      r.suppressed
        ? [w.week, ...METRICS.map(() => suppressionText(r.k)), suppressionText(r.k)]
        : [w.week, ...METRICS.map((x) => round(r.value[x.key])), r.n],
    );
  }
  return rows;
}
