import { Badge, Body1, Caption1, Text } from '@fluentui/react-components';
import type { ActionsResponse } from '@humandebt/core';
import { useCallback } from 'react';
import { type ApiClient, useResource } from '@humandebt/web';
import { useFormatters, type Formatters } from '../../i18n/formatters';
import { BeforeAfterChart } from '../charts/BeforeAfterChart';
import { ChartFigure } from '../charts/ChartFigure';
import { round, type CsvTable } from '../csv';
import { useDashboardStyles } from '../dashboard.styles';
import { loaders } from '../endpoints';
import { ViewFrame } from '../ViewFrame';

type Actions = ActionsResponse;
type Action = Actions['actions'][number];
type Proof = NonNullable<Action['proof']>;

export const STATUS_LABEL: Readonly<Record<Action['status'], string>> = {
  open: 'Open',
  'in-progress': 'In progress',
  blocked: 'Blocked',
  done: 'Done',
  dropped: 'Dropped',
};

export const VERDICT_LABEL: Readonly<Record<Proof['state'], string>> = {
  'not-enough-evidence': 'Not enough evidence yet',
  improved: 'Improved',
  'no-detectable-change': 'No detectable change',
  worsened: 'Worsened',
};

const VERDICT_COLOR: Readonly<Record<Proof['state'], 'informative' | 'success' | 'warning' | 'danger'>> = {
  'not-enough-evidence': 'informative',
  improved: 'success',
  'no-detectable-change': 'warning',
  worsened: 'danger',
};

export interface ActionsViewProps {
  api: ApiClient;
  teamId: string;
}

/** Every action with its owner, due date and status, and — for actions that target a measure — proof of action. */
export default function ActionsView({ api, teamId }: ActionsViewProps) {
  const load = useCallback((signal: AbortSignal) => loaders.actions(api, teamId, signal), [api, teamId]);
  const actions = useResource(load);
  const format = useFormatters();
  const styles = useDashboardStyles();
  return (
    <ViewFrame
      title="Actions and proof of action"
      csvName="actions"
      resource={actions}
      teamName={(a) => a.team.name}
      toCsv={actionsCsv}
    >
      {(a) =>
        a.actions.length === 0 ? (
          <Body1 className={styles.muted}>
            No actions yet. Actions are agreed at the end of a retro, each with an owner and a due date.
          </Body1>
        ) : (
          <ul className={styles.plainList} aria-label="Actions">
            {a.actions.map((action) => (
              <li key={action.id}>
                <ActionCard action={action} format={format} />
              </li>
            ))}
          </ul>
        )
      }
    </ViewFrame>
  );
}

function ActionCard({ action, format }: { action: Action; format: Formatters }) {
  const styles = useDashboardStyles();
  return (
    <article className={styles.card} aria-label={action.title}>
      <Text as="h4" className={styles.sectionTitle}>
        {action.title}
      </Text>
      <div className={styles.row}>
        <Body1>Owner: {action.ownerName}</Body1>
        <Body1>Due: {format.isoDate(action.due)}</Body1>
        <Badge
          appearance="tint"
          color={action.status === 'done' ? 'success' : action.status === 'blocked' ? 'warning' : 'informative'}
        >
          {STATUS_LABEL[action.status]}
        </Badge>
        {action.overdue && (
          <Badge appearance="filled" color="danger">
            Overdue
          </Badge>
        )}
      </div>
      <Body1>
        Targets:{' '}
        {action.target ? (
          `${action.target.label} (${action.target.kind === 'hazard' ? 'hazard' : 'team dimension'})`
        ) : (
          <span className={styles.muted}>nothing measurable</span>
        )}
      </Body1>
      {action.proof ? (
        <ProofSection proof={action.proof} format={format} />
      ) : (
        action.target && (
          <Caption1 className={styles.muted}>Proof of action starts once the action has started.</Caption1>
        )
      )}
    </article>
  );
}

function ProofSection({ proof, format }: { proof: Proof; format: Formatters }) {
  const styles = useDashboardStyles();
  const verdict = (
    <div className={styles.row}>
      <Text weight="semibold">Did it work?</Text>
      <Badge appearance="tint" color={VERDICT_COLOR[proof.state]}>
        {VERDICT_LABEL[proof.state]}
      </Badge>
    </div>
  );
  if (proof.state === 'not-enough-evidence') {
    return (
      <>
        {verdict}
        <Body1>{proof.explanation}</Body1>
        <Caption1 className={styles.muted}>
          Before: {format.number(proof.before.weeksUsable)} of {format.number(proof.before.weeksNeeded)} weeks with
          enough responses · After: {format.number(proof.after.weeksUsable)} of {format.number(proof.after.weeksNeeded)}{' '}
          weeks
        </Caption1>
      </>
    );
  }
  const better = proof.direction === 'higher-is-better' ? 'higher is better' : 'lower is better';
  const windowLabel = (w: { fromWeek: string; toWeek: string }) =>
    `${format.week(w.fromWeek)} – ${format.week(w.toWeek)}`;
  return (
    <>
      {verdict}
      <Body1>{proof.explanation}</Body1>
      <ChartFigure
        title="Before and after"
        headingLevel={4}
        summary={`Before (${windowLabel(proof.before)}) mean ${format.decimal(proof.before.mean)}; after (${windowLabel(proof.after)}) mean ${format.decimal(proof.after.mean)}; change ${format.signed(proof.effect.difference)} with a ${format.number(Math.round(proof.effect.confidence * 100))} % interval from ${format.signed(proof.effect.lower)} to ${format.signed(proof.effect.upper)}; ${better}.`}
        table={{
          columns: ['Window', 'Weeks', 'Responses', 'Mean', 'Standard deviation'],
          rows: [
            {
              key: 'before',
              cells: [
                'Before',
                windowLabel(proof.before),
                format.number(proof.before.n),
                format.decimal(proof.before.mean),
                format.decimal(proof.before.sd, 2),
              ],
            },
            {
              key: 'after',
              cells: [
                'After',
                windowLabel(proof.after),
                format.number(proof.after.n),
                format.decimal(proof.after.mean),
                format.decimal(proof.after.sd, 2),
              ],
            },
            {
              key: 'effect',
              cells: [
                'Change (after − before)',
                `${format.number(Math.round(proof.effect.confidence * 100))} % interval`,
                '',
                format.signed(proof.effect.difference),
                `${format.signed(proof.effect.lower)} to ${format.signed(proof.effect.upper)}`,
              ],
            },
          ],
        }}
      >
        <BeforeAfterChart
          before={{ mean: proof.before.mean, label: 'Before' }}
          after={{ mean: proof.after.mean, label: 'After' }}
          effect={proof.effect}
          min={1}
          max={7}
          formatValue={(v) => format.decimal(v)}
          formatSigned={(v) => format.signed(v)}
        />
      </ChartFigure>
      <Caption1 className={styles.muted}>On the 1–7 scale of the targeted measure; {better}.</Caption1>
    </>
  );
}

export function actionsCsv(a: Actions): CsvTable {
  const rows: Array<Array<string | number>> = [
    [
      'Action',
      'Owner',
      'Due',
      'Status',
      'Overdue',
      'Target',
      'Verdict',
      'Explanation',
      'Before mean',
      'Before responses',
      'After mean',
      'After responses',
      'Change',
      'Interval lower',
      'Interval upper',
    ],
  ];
  for (const x of a.actions) {
    const p = x.proof;
    const base = [
      x.title,
      x.ownerName,
      x.due.slice(0, 10),
      STATUS_LABEL[x.status],
      x.overdue ? 'yes' : 'no',
      x.target?.label ?? '',
    ];
    if (!p) rows.push([...base, '', '', '', '', '', '', '', '', '']);
    else if (p.state === 'not-enough-evidence')
      rows.push([...base, VERDICT_LABEL[p.state], p.explanation, '', '', '', '', '', '', '']);
    else
      rows.push([
        ...base,
        VERDICT_LABEL[p.state],
        p.explanation,
        round(p.before.mean),
        p.before.n,
        round(p.after.mean),
        p.after.n,
        round(p.effect.difference),
        round(p.effect.lower),
        round(p.effect.upper),
      ]);
  }
  return rows;
}
