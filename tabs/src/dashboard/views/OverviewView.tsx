import { Body1, Caption1, Text } from '@fluentui/react-components';
import type { TeamSummaryResponse } from '@humandebt/core';
import { useEffect } from 'react';
import type { Resource } from '@humandebt/web';
import { useFormatters, type Formatters } from '../../i18n/formatters';
import { ChartFigure } from '../charts/ChartFigure';
import { LineChart } from '../charts/LineChart';
import { round, type CsvTable } from '../csv';
import { useDashboardStyles } from '../dashboard.styles';
import { suppressionText } from '../gated';
import { Suppressed, ViewFrame } from '../ViewFrame';

type Summary = TeamSummaryResponse;
type Component = Extract<Summary['index'], { available: true }>['components'][number];

/** The mark the render bench waits for: the overview's index number is on screen. */
export const INDEX_VISIBLE_MARK = 'hd:index-visible';

export interface OverviewViewProps {
  summary: Resource<Summary> & { reload(): void };
}

export function OverviewView({ summary }: OverviewViewProps) {
  const format = useFormatters();
  return (
    <ViewFrame
      title="Overview"
      csvName="overview"
      resource={summary}
      teamName={(s) => s.team.name}
      toCsv={(s) => overviewCsv(s)}
    >
      {(s) => (s.empty ? <FirstSteps teamName={s.team.name} /> : <OverviewBody summary={s} format={format} />)}
    </ViewFrame>
  );
}

function OverviewBody({ summary, format }: { summary: Summary; format: Formatters }) {
  const styles = useDashboardStyles();
  return (
    <>
      <div className={styles.grid}>
        <IndexCard summary={summary} />
        <div className={styles.card}>
          <Text as="h4" className={styles.sectionTitle}>
            What weighs most now
          </Text>
          {summary.topHazard ? (
            <>
              <Body1>{summary.topHazard.sentence}</Body1>
              <Caption1 className={styles.muted}>
                {summary.topHazard.label}: debt {format.decimal(summary.topHazard.debt)} of 100
              </Caption1>
            </>
          ) : (
            <Body1 className={styles.muted}>
              No hazard can be shown yet: none has enough responses in the last four weeks.
            </Body1>
          )}
        </div>
        <ActionsCard counts={summary.actions} />
        <LastRetroCard retro={summary.lastRetro} />
      </div>
      <ComponentsCard summary={summary} />
      <div className={styles.card}>
        <ChartFigure
          title="Human Debt index, week by week"
          headingLevel={4}
          summary={trendSummary(summary, format)}
          table={{
            columns: ['Week of', 'Human Debt index'],
            rows: summary.trend.map((p) => ({
              key: p.week,
              cells: [
                format.weekLong(p.week),
                p.index === null ? 'Not shown (too few responses or no data)' : format.decimal(p.index),
              ],
            })),
          }}
        >
          <LineChart
            points={summary.trend.map((p) => ({ key: p.week, label: format.week(p.week), value: p.index }))}
            min={0}
            max={100}
            formatValue={(v) => format.decimal(v, 0)}
          />
        </ChartFigure>
      </div>
    </>
  );
}

function IndexCard({ summary }: { summary: Summary }) {
  const styles = useDashboardStyles();
  const format = useFormatters();
  const index = summary.index;
  useEffect(() => {
    // Once per page load: the bench reads this mark as "first meaningful render".
    if (
      index.available &&
      typeof performance !== 'undefined' &&
      performance.getEntriesByName(INDEX_VISIBLE_MARK).length === 0
    ) {
      performance.mark(INDEX_VISIBLE_MARK);
    }
  }, [index.available]);
  return (
    <div className={styles.card}>
      <Text as="h4" className={styles.sectionTitle}>
        Human Debt index
      </Text>
      {index.available ? (
        <>
          <div className={styles.row}>
            <span className={styles.bigNumber} data-testid="hd-index">
              {format.decimal(index.index)}
            </span>
            <Body1 className={styles.muted}>of 100 · higher means more debt</Body1>
          </div>
          <div role="img" aria-label={trendSummary(summary, format)}>
            <LineChart
              variant="sparkline"
              points={summary.trend.map((p) => ({ key: p.week, label: format.week(p.week), value: p.index }))}
              {...sparkRange(summary)}
              formatValue={(v) => format.decimal(v, 0)}
            />
          </div>
          <Caption1 className={styles.muted}>
            The last {format.number(summary.trend.length)} weeks; each component's contribution is listed below.
          </Caption1>
        </>
      ) : index.reason === 'suppressed' ? (
        <>
          <Body1>
            <Suppressed k={index.k} message={index.message} />
          </Body1>
          <Caption1 className={styles.muted}>{index.message}</Caption1>
        </>
      ) : (
        <Body1>
          Not enough data yet: the index appears once at least one measurement has {format.number(index.k)} or more
          responses.
        </Body1>
      )}
    </div>
  );
}

function ComponentsCard({ summary }: { summary: Summary }) {
  const styles = useDashboardStyles();
  const index = summary.index;
  const components = [...index.components].sort((a, b) => b.contribution - a.contribution);
  const total = index.available ? Math.max(index.index, 1) : 1;
  return (
    <div className={styles.card}>
      <Text as="h4" className={styles.sectionTitle}>
        What the index is made of
      </Text>
      <Caption1 className={styles.muted}>
        Each component's contribution in index points; the contributions add up to the index.
      </Caption1>
      <ul className={styles.plainList} aria-label="Index components">
        {components.map((c) => (
          <li key={c.key} className={styles.row}>
            <Text weight="semibold">{c.label}</Text>
            <ComponentValue component={c} k={index.k} total={total} indexShown={index.available} />
          </li>
        ))}
      </ul>
    </div>
  );
}

export const NOT_SHOWN_WITHOUT_INDEX = 'Not shown while the index is hidden';

function ComponentValue({
  component,
  k,
  total,
  indexShown,
}: {
  component: Component;
  k: number;
  total: number;
  indexShown: boolean;
}) {
  const styles = useDashboardStyles();
  const format = useFormatters();
  if (component.status === 'suppressed') return <Suppressed k={k} />;
  if (component.status === 'missing') return <span className={styles.muted}>No data yet</span>;
  // A share of an index nobody may see is not shown either: it would be a number without its whole.
  if (!indexShown) return <span className={styles.muted}>{NOT_SHOWN_WITHOUT_INDEX}</span>;
  return (
    <>
      <span className={styles.number}>{format.decimal(component.contribution)} points</span>
      <span className={styles.meter} aria-hidden="true">
        <span
          className={styles.meterFill}
          style={{ display: 'block', width: `${Math.min(100, (component.contribution / total) * 100)}%` }}
        />
      </span>
    </>
  );
}

function ActionsCard({ counts }: { counts: Summary['actions'] }) {
  const styles = useDashboardStyles();
  const format = useFormatters();
  const open = counts.open + counts.inProgress + counts.blocked;
  return (
    <div className={styles.card}>
      <Text as="h4" className={styles.sectionTitle}>
        Actions
      </Text>
      <div className={styles.row}>
        <span className={styles.bigNumber}>{format.number(open)}</span>
        <Body1>open</Body1>
        <span className={styles.bigNumber}>{format.number(counts.overdue)}</span>
        <Body1>overdue</Body1>
      </div>
      <Caption1 className={styles.muted}>
        {format.number(counts.inProgress)} in progress · {format.number(counts.blocked)} blocked ·{' '}
        {format.number(counts.done)} done
      </Caption1>
    </div>
  );
}

function LastRetroCard({ retro }: { retro: Summary['lastRetro'] }) {
  const styles = useDashboardStyles();
  const format = useFormatters();
  return (
    <div className={styles.card}>
      <Text as="h4" className={styles.sectionTitle}>
        Last retro
      </Text>
      {retro ? (
        <>
          <Body1>
            {retro.template} ·{' '}
            {retro.closedAt
              ? `closed ${format.isoDate(retro.closedAt)}`
              : `started ${format.isoDate(retro.startedAt)}, still running`}
          </Body1>
          <Caption1 className={styles.muted}>
            {format.number(retro.cardCount)} cards · {format.number(retro.actionCount)} actions agreed
          </Caption1>
          {retro.themes.length > 0 && (
            <ol className={styles.list} aria-label="Top themes">
              {retro.themes.slice(0, 3).map((t) => (
                <li key={t.title}>
                  <Body1>
                    {t.title} ({format.number(t.votes)} votes)
                  </Body1>
                </li>
              ))}
            </ol>
          )}
        </>
      ) : (
        <Body1 className={styles.muted}>
          No retro yet. Mention Human Debt in the team's chat and say “retro” to run one.
        </Body1>
      )}
    </div>
  );
}

/** A team with no data yet: how to get the first numbers. */
function FirstSteps({ teamName }: { teamName: string }) {
  const styles = useDashboardStyles();
  return (
    <div className={styles.card}>
      <Text as="h4" className={styles.sectionTitle}>
        No data for {teamName} yet
      </Text>
      <Body1>The dashboard fills in after the team's first pulse and first retro. Here is how to start:</Body1>
      <ol className={styles.list}>
        <li>
          <Body1>
            <strong>Run the first pulse:</strong> in the team's channel, mention Human Debt and say “pulse”. Everyone
            gets a few short questions in a private 1:1 chat; answers are anonymous.
          </Body1>
        </li>
        <li>
          <Body1>
            <strong>Run the first retro:</strong> mention Human Debt and say “retro”. Cards are collected privately and
            revealed shuffled; agree actions with an owner and a due date.
          </Body1>
        </li>
        <li>
          <Body1>
            <strong>Come back next week:</strong> figures appear once enough people have answered — never for fewer than
            the team's privacy threshold.
          </Body1>
        </li>
      </ol>
    </div>
  );
}

/** A sparkline shows the shape of the trend, so it spans the trend's own range (±5 points), not 0–100. */
function sparkRange(summary: Summary): { min: number; max: number } {
  const values = summary.trend.flatMap((p) => (p.index === null ? [] : [p.index]));
  if (values.length === 0) return { min: 0, max: 100 };
  return { min: Math.max(0, Math.min(...values) - 5), max: Math.min(100, Math.max(...values) + 5) };
}

function trendSummary(summary: Summary, format: Formatters): string {
  const shown = summary.trend.filter((p) => p.index !== null) as Array<{ week: string; index: number }>;
  if (shown.length === 0) return 'Human Debt index trend: no week has a value to show yet.';
  const first = shown[0]!;
  const last = shown[shown.length - 1]!;
  return `Human Debt index trend over ${format.number(summary.trend.length)} weeks: from ${format.decimal(first.index)} in the week of ${format.weekLong(first.week)} to ${format.decimal(last.index)} in the week of ${format.weekLong(last.week)}.`;
}

export function overviewCsv(s: Summary): CsvTable {
  const rows: Array<Array<string | number>> = [['Section', 'Item', 'Week', 'Value']];
  if (s.empty) {
    rows.push(['Status', 'No data yet', '', 'Run the first pulse and retro']);
    return rows;
  }
  rows.push([
    'Human Debt index',
    'Index (0-100, higher = more debt)',
    s.range.toWeek,
    s.index.available
      ? round(s.index.index)
      : s.index.reason === 'suppressed'
        ? suppressionText(s.index.k)
        : 'Not enough data yet',
  ]);
  for (const c of [...s.index.components].sort((a, b) => b.contribution - a.contribution)) {
    const value =
      c.status === 'suppressed'
        ? suppressionText(s.index.k)
        : c.status === 'missing'
          ? 'No data yet'
          : s.index.available
            ? round(c.contribution)
            : NOT_SHOWN_WITHOUT_INDEX;
    rows.push(['Component', c.label, '', value]);
  }
  for (const p of s.trend)
    rows.push([
      'Trend',
      'Human Debt index',
      p.week,
      p.index === null ? 'Not shown (too few responses or no data)' : round(p.index),
    ]);
  if (s.topHazard) rows.push(['Top hazard', s.topHazard.label, '', s.topHazard.sentence]);
  const a = s.actions;
  rows.push(
    ['Actions', 'Open', '', a.open + a.inProgress + a.blocked],
    ['Actions', 'Overdue', '', a.overdue],
    ['Actions', 'In progress', '', a.inProgress],
    ['Actions', 'Blocked', '', a.blocked],
    ['Actions', 'Done', '', a.done],
  );
  if (s.lastRetro) {
    rows.push(
      ['Last retro', 'Template', '', s.lastRetro.template],
      ['Last retro', 'Cards', '', s.lastRetro.cardCount],
      ['Last retro', 'Actions agreed', '', s.lastRetro.actionCount],
    );
    for (const t of s.lastRetro.themes.slice(0, 3)) rows.push(['Last retro theme', t.title, '', t.votes]);
  }
  return rows;
}
