import type { OrgNode, OrgRollupResponse } from '../api/dashboard.contracts';
import { releaseOrgRollup, type OrgRelease, type OrgUnitCounts } from '../measurement/privacy-gate';
import { EDMONDSON_RESPONDENT_MEAN } from '../pulse/pulse-responses';
import type { MeetingLoadDoc, MetricSums, RollupDoc, TeamDoc } from '../store/documents';
import { addWeeks } from '../time/iso-week';

/**
 * The org roll-up: teams grouped by org unit under the tenant, one tree per metric. Counts decide visibility
 * (planOrgRollup: a unit is shown only when it and every gap inside it reach k; a sibling is hidden as well when
 * needed so that nobody can subtract one total from another). Each team's own figure is visible to its members on
 * its dashboard, so teams are marked `releasedElsewhere`: hiding them here would protect nothing, and they are
 * never used as the complementary cell.
 */

export interface OrgTeamData {
  team: TeamDoc;
  /** The team's rollups of the last weeks (newest measurement wins) and its meeting-load documents. */
  rollups: readonly RollupDoc[];
  meetingLoad: readonly MeetingLoadDoc[];
}

const LOOKBACK_WEEKS = 8;

type Sums = { n: number; sum: number; sumSq: number };

function latestSums(
  data: OrgTeamData,
  metric: OrgRollupResponse['metrics'][number]['key'],
  asOfWeek: string,
): Sums | undefined {
  const from = addWeeks(asOfWeek, -(LOOKBACK_WEEKS - 1));
  if (metric === 'meeting-hours') {
    const docs = data.meetingLoad
      .filter((d) => d.week >= from && d.week < asOfWeek && d.sharers > 0)
      .sort((a, b) => b.week.localeCompare(a.week));
    const m: MetricSums | undefined = docs[0]?.metrics.meetingHours;
    return m && m.n > 0 ? m : undefined;
  }
  const key = metric === 'psychological-safety' ? EDMONDSON_RESPONDENT_MEAN : metric;
  const docs = data.rollups
    .filter((r) => r.week >= from && r.week <= asOfWeek && (r.aggregates[key]?.n ?? 0) > 0)
    .sort((a, b) => b.week.localeCompare(a.week));
  return docs[0]?.aggregates[key];
}

const METRICS: Array<Omit<OrgRollupResponse['metrics'][number], 'tree'>> = [
  {
    key: 'psychological-safety',
    label: 'Psychological safety (Edmondson, latest check)',
    unit: 'mean 1–7',
    direction: 'higher-is-better',
  },
  { key: 'workload-pace', label: 'Workload and pace (latest pulse)', unit: 'mean 1–7', direction: 'lower-is-better' },
  {
    key: 'meeting-hours',
    label: 'Meeting hours per person (latest shared week)',
    unit: 'hours per week',
    direction: 'lower-is-better',
  },
];

export function orgRollup(input: {
  tenantLabel: string;
  teams: readonly OrgTeamData[];
  asOfWeek: string;
  k: number;
  orgUnits: readonly string[];
}): OrgRollupResponse {
  const all = input.orgUnits.includes('*');
  const teams = input.teams.filter(
    (t) => all || (t.team.orgUnit !== undefined && input.orgUnits.includes(t.team.orgUnit)),
  );
  const units = [...new Set(teams.map((t) => t.team.orgUnit ?? 'No org unit'))].sort();

  return {
    k: input.k,
    asOfWeek: input.asOfWeek,
    metrics: METRICS.map((m) => {
      const sums = new Map<string, Sums>();
      for (const t of teams) {
        const s = latestSums(t, m.key, input.asOfWeek);
        if (s) sums.set(`team:${t.team.id}`, s);
      }
      const teamNode = (t: OrgTeamData): OrgUnitCounts => ({
        id: `team:${t.team.id}`,
        n: sums.get(`team:${t.team.id}`)?.n ?? 0,
        releasedElsewhere: true,
      });
      const unitTeams = (u: string) => teams.filter((t) => (t.team.orgUnit ?? 'No org unit') === u);
      const unitNodes = units.map((u): OrgUnitCounts => {
        const children = unitTeams(u).map(teamNode);
        return { id: `unit:${u}`, n: children.reduce((s, c) => s + c.n, 0), children };
      });
      const root: OrgUnitCounts = { id: 'tenant', n: unitNodes.reduce((s, c) => s + c.n, 0), children: unitNodes };
      // Pooled sums of a unit = sums of its teams; a value is computed only for units the plan lets through.
      const pooled = (id: string): Sums => {
        const ids =
          id === 'tenant'
            ? [...sums.keys()]
            : id.startsWith('unit:')
              ? unitTeams(id.slice(5)).map((t) => `team:${t.team.id}`)
              : [id];
        return ids.reduce<Sums>(
          (acc, i) => {
            const s = sums.get(i);
            return s ? { n: acc.n + s.n, sum: acc.sum + s.sum, sumSq: acc.sumSq + s.sumSq } : acc;
          },
          { n: 0, sum: 0, sumSq: 0 },
        );
      };
      const released = releaseOrgRollup(
        root,
        (id) => {
          const p = pooled(id);
          return { mean: Math.round((p.sum / p.n) * 100) / 100 };
        },
        input.k,
      );
      const label = (id: string) =>
        id === 'tenant'
          ? input.tenantLabel
          : id.startsWith('unit:')
            ? id.slice(5)
            : (teams.find((t) => `team:${t.team.id}` === id)?.team.name ?? id);
      const toNode = (r: OrgRelease<{ mean: number }>): OrgNode => ({
        id: r.id,
        label: label(r.id),
        kind: r.id === 'tenant' ? 'tenant' : r.id.startsWith('unit:') ? 'unit' : 'team',
        teamCount: r.id === 'tenant' ? teams.length : r.id.startsWith('unit:') ? unitTeams(r.id.slice(5)).length : 1,
        result: JSON.parse(JSON.stringify(r.result)) as OrgNode['result'],
        children: r.children.map(toNode),
      });
      return { ...m, tree: toNode(released) };
    }),
  };
}
