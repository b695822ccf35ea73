import { Body1, Caption1, Text } from '@fluentui/react-components';
import type { PsychologicalSafetyResponse } from '@humandebt/core';
import { useCallback } from 'react';
import { type ApiClient, useResource } from '@humandebt/web';
import { useFormatters, type Formatters } from '../../i18n/formatters';
import { ChartFigure } from '../charts/ChartFigure';
import { Histogram } from '../charts/Histogram';
import { LineChart } from '../charts/LineChart';
import { round, type CsvTable } from '../csv';
import { useDashboardStyles } from '../dashboard.styles';
import { loaders } from '../endpoints';
import { suppressionText } from '../gated';
import { Suppressed, ViewFrame } from '../ViewFrame';

type Safety = PsychologicalSafetyResponse;
type Check = Safety['checks'][number];
type Released = Extract<Check['result'], { suppressed: false }>;

export const AGREEMENT_LABEL: Readonly<Record<Released['value']['agreement'], string>> = {
  strong: 'Strong agreement',
  moderate: 'Moderate agreement',
  weak: 'Weak agreement',
  none: 'The team disagrees',
  unknown: 'Agreement unknown',
};

export interface PsychSafetyViewProps {
  api: ApiClient;
  teamId: string;
}

export default function PsychSafetyView({ api, teamId }: PsychSafetyViewProps) {
  const load = useCallback((signal: AbortSignal) => loaders.safety(api, teamId, signal), [api, teamId]);
  const safety = useResource(load);
  const format = useFormatters();
  return (
    <ViewFrame
      title="Psychological safety"
      csvName="psychological-safety"
      resource={safety}
      teamName={(s) => s.team.name}
      toCsv={(s) => safetyCsv(s)}
    >
      {(s) => <SafetyBody safety={s} format={format} />}
    </ViewFrame>
  );
}

function SafetyBody({ safety, format }: { safety: Safety; format: Formatters }) {
  const styles = useDashboardStyles();
  const latest = safety.checks.length ? safety.checks[safety.checks.length - 1] : undefined;
  const latestReleased = [...safety.checks]
    .reverse()
    .find((c): c is Check & { result: Released } => !c.result.suppressed);
  const score = (c: Check) => (c.result.suppressed ? suppressionText(c.result.k) : format.decimal(c.result.value.mean));
  return (
    <>
      <div className={styles.grid}>
        <div className={styles.card}>
          <Text as="h4" className={styles.sectionTitle}>
            Team psychological safety (Edmondson, 7 items)
          </Text>
          {!latest && (
            <Body1 className={styles.muted}>
              No full check yet. The full seven-item check runs about once a quarter.
            </Body1>
          )}
          {latest && latest.result.suppressed && (
            <Body1>
              Latest check (week of {format.weekLong(latest.week)}):{' '}
              <Suppressed k={latest.result.k} message={latest.result.message} />
            </Body1>
          )}
          {latest && !latest.result.suppressed && (
            <>
              <div className={styles.row}>
                <span className={styles.bigNumber}>{format.decimal(latest.result.value.mean)}</span>
                <Body1 className={styles.muted}>
                  on a 1–7 scale · week of {format.weekLong(latest.week)} · {format.number(latest.result.n)} responses
                </Body1>
              </div>
              <Body1>
                <strong>{AGREEMENT_LABEL[latest.result.value.agreement]}</strong>
                {latest.result.value.rwgJ !== null && (
                  <>
                    {' '}
                    (r<sub>wg(J)</sub> {format.decimal(latest.result.value.rwgJ, 2)})
                  </>
                )}
                : {latest.result.value.agreementSentence}
              </Body1>
            </>
          )}
        </div>
      </div>
      {safety.checks.length > 0 && (
        <div className={styles.card}>
          <ChartFigure
            title="Psychological safety over time"
            headingLevel={4}
            summary={`Edmondson team score by check, on a 1 to 7 scale: ${safety.checks.map((c) => `${format.weekLong(c.week)} ${score(c)}`).join('; ')}.`}
            table={{
              columns: ['Week of', 'Score (1–7)', 'Agreement'],
              rows: safety.checks.map((c) => ({
                key: c.week,
                cells: [
                  format.weekLong(c.week),
                  score(c),
                  c.result.suppressed ? suppressionText(c.result.k) : AGREEMENT_LABEL[c.result.value.agreement],
                ],
              })),
            }}
          >
            <LineChart
              points={safety.checks.map((c) => ({
                key: c.week,
                label: format.week(c.week),
                value: c.result.suppressed ? null : c.result.value.mean,
              }))}
              min={1}
              max={7}
              formatValue={(v) => format.decimal(v)}
              references={[{ value: 4, label: 'neutral (4)' }]}
            />
          </ChartFigure>
        </div>
      )}
      {safety.pulse.length > 0 && (
        <div className={styles.card}>
          <ChartFigure
            title="Weekly pulse: psychological-safety items"
            headingLevel={4}
            summary={`Weekly pulse mean on a 1 to 7 scale: ${safety.pulse.map((p) => `${format.weekLong(p.week)} ${p.result.suppressed ? suppressionText(p.result.k) : format.decimal(p.result.value.mean)}`).join('; ')}.`}
            table={{
              columns: ['Week of', 'Mean (1–7)'],
              rows: safety.pulse.map((p) => ({
                key: p.week,
                cells: [
                  format.weekLong(p.week),
                  p.result.suppressed ? suppressionText(p.result.k) : format.decimal(p.result.value.mean),
                ],
              })),
            }}
          >
            <LineChart
              points={safety.pulse.map((p) => ({
                key: p.week,
                label: format.week(p.week),
                value: p.result.suppressed ? null : p.result.value.mean,
              }))}
              min={1}
              max={7}
              formatValue={(v) => format.decimal(v)}
            />
          </ChartFigure>
        </div>
      )}
      <div className={styles.card}>
        <Text as="h4" className={styles.sectionTitle}>
          How the team answered each item
        </Text>
        {latestReleased ? (
          <>
            <Caption1 className={styles.muted}>
              Week of {format.weekLong(latestReleased.week)}. Scores from 1 to 7, keyed so that higher always means
              safer: items marked “reverse-keyed” are negatively worded, so their answers are flipped (strongly disagree
              counts as 7).
            </Caption1>
            <ItemDistributions safety={safety} check={latestReleased} format={format} />
          </>
        ) : (
          <>
            <ol className={styles.list}>
              {safety.items.map((item) => (
                <li key={item.itemId}>
                  <Body1>
                    {item.text}
                    {item.reverse ? ' (reverse-keyed)' : ''}
                  </Body1>
                </li>
              ))}
            </ol>
            {latest?.result.suppressed && (
              <Body1>
                Item distributions: <Suppressed k={latest.result.k} message={latest.result.message} />
              </Body1>
            )}
          </>
        )}
      </div>
    </>
  );
}

function ItemDistributions({
  safety,
  check,
  format,
}: {
  safety: Safety;
  check: Check & { result: Released };
  format: Formatters;
}) {
  const styles = useDashboardStyles();
  const byId = new Map(check.result.value.items.map((i) => [i.itemId, i]));
  return (
    <ol className={styles.plainList}>
      {safety.items.map((item) => {
        const stats = byId.get(item.itemId);
        return (
          <li key={item.itemId}>
            <ChartFigure
              title={`${format.number(item.number)}. ${item.text}${item.reverse ? ' (reverse-keyed)' : ''}`}
              headingLevel={4}
              summary={
                stats
                  ? `Keyed scores 1 to 7: ${stats.histogram.map((c, i) => `${format.number(i + 1)}: ${format.number(c)}`).join(', ')}; mean ${format.decimal(stats.mean)}.`
                  : 'No answers shown.'
              }
              table={{
                columns: ['Keyed score', 'Responses'],
                rows: stats
                  ? stats.histogram.map((c, i) => ({ key: String(i), cells: [format.number(i + 1), format.number(c)] }))
                  : [],
              }}
            >
              {stats ? (
                <>
                  <Caption1>Mean {format.decimal(stats.mean)}</Caption1>
                  <Histogram counts={stats.histogram} formatValue={(v) => format.number(v)} />
                </>
              ) : (
                <Caption1>Not shown</Caption1>
              )}
            </ChartFigure>
          </li>
        );
      })}
    </ol>
  );
}

export function safetyCsv(s: Safety): CsvTable {
  const rows: Array<Array<string | number>> = [['Section', 'Item', 'Week', 'Value', 'Agreement', 'Responses']];
  for (const c of s.checks) {
    if (c.result.suppressed)
      rows.push(['Edmondson score (1-7)', 'Team score', c.week, suppressionText(c.result.k), '', '']);
    else
      rows.push([
        'Edmondson score (1-7)',
        'Team score',
        c.week,
        round(c.result.value.mean),
        AGREEMENT_LABEL[c.result.value.agreement],
        c.result.n,
      ]);
  }
  for (const p of s.pulse) {
    rows.push([
      'Weekly pulse (1-7)',
      'Psychological-safety items',
      p.week,
      p.result.suppressed ? suppressionText(p.result.k) : round(p.result.value.mean),
      '',
      p.result.suppressed ? '' : p.result.n,
    ]);
  }
  const latest = [...s.checks].reverse().find((c) => !c.result.suppressed);
  if (latest && !latest.result.suppressed) {
    const byId = new Map(latest.result.value.items.map((i) => [i.itemId, i]));
    for (const item of s.items) {
      const stats = byId.get(item.itemId);
      if (!stats) continue;
      const label = `${item.number}. ${item.text}${item.reverse ? ' (reverse-keyed)' : ''}`;
      rows.push(['Item mean (1-7)', label, latest.week, round(stats.mean), '', '']);
      stats.histogram.forEach((count, i) =>
        rows.push([`Item keyed score ${i + 1} (responses)`, label, latest.week, count, '', '']),
      );
    }
  }
  return rows;
}
