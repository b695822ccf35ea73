import type {
  ActionsResponse,
  DynamicsResponse,
  HazardLedgerResponse,
  PsychologicalSafetyResponse,
  TeamMeetingLoadResponse,
  TeamSummaryResponse,
} from '../api/dashboard.contracts';
import {
  CATEGORIES,
  CSA_Z1003_FACTORS,
  DIMENSION_KEYS,
  EDMONDSON_ITEMS,
  HAZARD_KEYS,
  ISO_45003_GROUPS,
  WHO_2022_RISKS,
  type CategoryKey,
  type DimensionKey,
  type HazardKey,
} from '../measurement/items';
import {
  humanDebtIndex,
  hazardLedger,
  overdueActions,
  type HumanDebtIndex,
  type HumanDebtInput,
  type MeetingLoadInput,
  type ScaleScore,
  type WeeklyCategorySums,
} from '../measurement/human-debt-index';
import { gate, resolveK } from '../measurement/privacy-gate';
import { proofOfActionForAction } from '../measurement/proof-of-action';
import {
  aggregateMean,
  aggregateSd,
  aggregateVariance,
  edmondsonFromItemAggregates,
  rwg,
} from '../measurement/scoring';
import { EDMONDSON_RESPONDENT_MEAN } from '../pulse/pulse-responses';
import type {
  ActionDoc,
  Aggregate,
  MeetingLoadDoc,
  MetricSums,
  RetroDoc,
  RollupDoc,
  TeamDoc,
} from '../store/documents';
import { addWeeks, weekStart } from '../time/iso-week';

/**
 * The team dashboard, computed from small documents only: one rollup per week, one meeting-load document per week,
 * the team's actions and its latest retro. No raw response is read, so the cost of a request depends on the number
 * of weeks shown, not on how many people answered. Every aggregate passes the privacy gate here, with the team's k.
 */

export interface DashboardInput {
  team: TeamDoc;
  memberCount: number;
  /** The week the dashboard is "as of" (normally the current week) and how many weeks to show. */
  toWeek: string;
  weeks: number;
  /** Rollups from `lookbackFrom(toWeek, weeks)` through toWeek (extra weeks feed the trailing windows). */
  rollups: readonly RollupDoc[];
  meetingLoad: readonly MeetingLoadDoc[];
  actions: readonly ActionDoc[];
  lastRetro?: RetroDoc;
  /** Today in the team's calendar, YYYY-MM-DD (for "overdue"). */
  today: string;
  tenantK?: number;
}

/** Weeks a measurement stays current: the rotation asks each category once per four-week cycle. */
export const CURRENT_WINDOW_WEEKS = 4;
/** Proof-of-action windows need one usable week each: with rotation a category is measured about once per window. */
export const PROOF_MIN_WEEKS_PER_WINDOW = 1;

export function fromWeekOf(toWeek: string, weeks: number): string {
  return addWeeks(toWeek, -(weeks - 1));
}

/** First week whose documents a dashboard for (toWeek, weeks) must read: the range plus the trailing window. */
export function lookbackFrom(toWeek: string, weeks: number): string {
  return addWeeks(fromWeekOf(toWeek, weeks), -(CURRENT_WINDOW_WEEKS + 4));
}

export function teamK(team: TeamDoc, tenantK?: number): number {
  return resolveK({ tenantK: tenantK ?? null, teamK: team.settings.kThreshold });
}

function teamRef(input: DashboardInput) {
  return {
    teamId: input.team.id,
    name: input.team.name,
    kThreshold: teamK(input.team, input.tenantK),
    memberCount: input.memberCount,
  };
}

function weekList(fromWeek: string, toWeek: string): string[] {
  const out: string[] = [];
  for (let w = fromWeek; w <= toWeek; w = addWeeks(w, 1)) out.push(w);
  return out;
}

const byWeek = <T extends { week: string }>(docs: readonly T[]) => new Map(docs.map((d) => [d.week, d]));

/** The latest aggregate of `key` within [week − (window − 1), week]. */
function latest(
  rollups: Map<string, RollupDoc>,
  key: string,
  week: string,
  window = CURRENT_WINDOW_WEEKS,
): Aggregate | undefined {
  for (let back = 0; back < window; back++) {
    const a = rollups.get(addWeeks(week, -back))?.aggregates[key];
    if (a && a.n > 0) return a;
  }
  return undefined;
}

const score = (a: Aggregate | undefined): ScaleScore | undefined =>
  a && a.n > 0 ? { mean: aggregateMean(a) as number, n: a.n } : undefined;
const perPerson = (m: MetricSums | undefined): number | undefined => (m && m.n > 0 ? m.sum / m.n : undefined);

function meetingLoadInput(doc: MeetingLoadDoc | undefined): MeetingLoadInput | undefined {
  if (!doc || doc.sharers === 0) return undefined;
  const meetingHours = perPerson(doc.metrics.meetingHours);
  const b2bHours = perPerson(doc.metrics.backToBackHours);
  const focus = perPerson(doc.metrics.focusHours);
  const after = perPerson(doc.metrics.afterHoursHours);
  return {
    sharers: doc.sharers,
    ...(focus !== undefined ? { focusHoursPerPerson: focus } : {}),
    ...(after !== undefined ? { afterHoursPerPerson: after } : {}),
    // Share of meeting time spent in back-to-back chains (the shared figures carry hours, not meeting lists).
    ...(meetingHours !== undefined && b2bHours !== undefined && meetingHours > 0
      ? { backToBackShare: Math.min(1, b2bHours / meetingHours) }
      : {}),
  };
}

function indexInputFor(
  input: DashboardInput,
  rollups: Map<string, RollupDoc>,
  loads: Map<string, MeetingLoadDoc>,
  week: string,
  asOf: string,
): HumanDebtInput {
  const edmondson = latest(rollups, EDMONDSON_RESPONDENT_MEAN, week, CURRENT_WINDOW_WEEKS + 4);
  const ps = score(edmondson) ?? score(latest(rollups, 'psychological-safety', week));
  const dynamics: HumanDebtInput['dynamics'] = {};
  for (const d of DIMENSION_KEYS) {
    if (d === 'psychological-safety') continue;
    const s = score(latest(rollups, d, week));
    if (s) dynamics[d] = s;
  }
  const hazards: HumanDebtInput['hazards'] = {};
  for (const h of HAZARD_KEYS) {
    const s = score(latest(rollups, h, week));
    if (s) hazards[h] = s;
  }
  let load: MeetingLoadDoc | undefined;
  for (let back = 0; back < CURRENT_WINDOW_WEEKS && !load; back++) load = loads.get(addWeeks(week, -back));
  const meetingLoad = meetingLoadInput(load);
  // Actions as they stood at the end of that week: created by then, and not yet done by then.
  const items = input.actions
    .filter((a) => a.createdAt.slice(0, 10) <= asOf)
    .map((a) => ({ due: a.due, status: a.doneAt && a.doneAt.slice(0, 10) > asOf ? ('open' as const) : a.status }));
  return {
    ...(ps ? { psychologicalSafety: ps } : {}),
    dynamics,
    hazards,
    ...(meetingLoad ? { meetingLoad } : {}),
    actions: { asOf, items },
  };
}

const sunday = (week: string) => new Date(weekStart(week).getTime() + 6 * 86_400_000).toISOString().slice(0, 10);
const round2 = (x: number) => Math.round(x * 100) / 100;

export function dashboardSummary(input: DashboardInput): TeamSummaryResponse {
  const k = teamK(input.team, input.tenantK);
  const rollups = byWeek(input.rollups);
  const loads = byWeek(input.meetingLoad);
  const fromWeek = fromWeekOf(input.toWeek, input.weeks);
  const index = shownIndex(humanDebtIndex(indexInputFor(input, rollups, loads, input.toWeek, input.today), { k }), k);
  const trend = weekList(fromWeek, input.toWeek).map((week) => {
    const asOf = week === input.toWeek ? input.today : sunday(week);
    const r = humanDebtIndex(indexInputFor(input, rollups, loads, week, asOf), { k });
    // A week with only the overdue-actions component says nothing about people; show no point for it.
    const people = r.components.some((c) => c.status === 'included' && c.group !== 'overdue-actions');
    return { week, index: r.available && people ? round2(r.index) : null };
  });

  let topHazard: TeamSummaryResponse['topHazard'] = null;
  for (const h of HAZARD_KEYS) {
    const a = latest(rollups, h, input.toWeek);
    if (!a) continue;
    const g = gate(a.n, () => (((aggregateMean(a) as number) - 1) / 6) * 100, k);
    if (!g.suppressed && (!topHazard || g.value > topHazard.debt)) {
      const label = CATEGORIES[h].label;
      topHazard = { key: h, label, debt: round2(g.value), sentence: `${label} weighs most on the team right now.` };
    }
  }

  const overdue = overdueActions(input.today, input.actions).overdue;
  const count = (s: ActionDoc['status']) => input.actions.filter((a) => a.status === s).length;
  const retro = input.lastRetro;
  return {
    team: teamRef(input),
    range: { fromWeek, toWeek: input.toWeek },
    index,
    trend,
    topHazard,
    actions: {
      total: input.actions.length,
      open: count('open'),
      inProgress: count('in-progress'),
      blocked: count('blocked'),
      done: count('done'),
      overdue,
    },
    lastRetro: retro
      ? {
          id: retro.id,
          template: retro.template,
          startedAt: retro.startedAt,
          ...(retro.closedAt ? { closedAt: retro.closedAt } : {}),
          // Vote totals are only known once voting closed; an open retro shows themes without totals.
          themes: retro.themes.map((t) => ({
            title: t.title,
            votes: retro.phase === 'closed' ? (retro.voteTotals[t.id] ?? 0) : 0,
          })),
          actionCount: retro.actionIds.length,
          cardCount: retro.cards.length,
        }
      : null,
    empty: input.rollups.every((r) => r.respondents === 0),
  };
}

/**
 * The index is about people: it is shown only when at least one component built from answers or shared figures is
 * included. An index made of overdue actions alone would read like a team score while saying nothing about anyone.
 */
function shownIndex(index: HumanDebtIndex, k: number): TeamSummaryResponse['index'] {
  const people = index.components.some((c) => c.status === 'included' && c.group !== 'overdue-actions');
  if (index.available && people) return { ...index, index: round2(index.index) };
  const suppressed = index.components.some((c) => c.status === 'suppressed');
  return {
    available: false,
    version: index.version,
    k,
    reason: suppressed ? 'suppressed' : 'no-data',
    message: suppressed
      ? `Hidden to protect anonymity: the index is shown only when at least ${k} people answered or shared.`
      : 'No pulse answers or shared meeting figures yet.',
    components: index.components,
  };
}

const AGREEMENT_SENTENCES: Record<'strong' | 'moderate' | 'weak' | 'none' | 'unknown', string> = {
  strong: 'The team largely agrees: the score describes most people.',
  moderate: 'The team moderately agrees: read the score together with the item spread.',
  weak: 'The team disagrees: some people feel much less safe than others. Look at the items, not only the mean.',
  none: 'No agreement: answers are as spread as random ones. The mean hides very different experiences.',
  unknown: 'Agreement cannot be computed for this check.',
};

/** r_wg(J) bands after LeBreton & Senter (2008): ≥ .71 strong, .51–.70 moderate, .31–.50 weak, ≤ .30 none. */
export function agreementBand(rwgJ: number | null): keyof typeof AGREEMENT_SENTENCES {
  if (rwgJ === null) return 'unknown';
  if (rwgJ > 0.7) return 'strong';
  if (rwgJ > 0.5) return 'moderate';
  if (rwgJ > 0.3) return 'weak';
  return 'none';
}

export function dashboardPsychologicalSafety(input: DashboardInput): PsychologicalSafetyResponse {
  const k = teamK(input.team, input.tenantK);
  const fromWeek = fromWeekOf(input.toWeek, input.weeks);
  const inRange = input.rollups
    .filter((r) => r.week >= fromWeek && r.week <= input.toWeek)
    .sort((a, b) => a.week.localeCompare(b.week));
  const checks: PsychologicalSafetyResponse['checks'] = [];
  const pulse: PsychologicalSafetyResponse['pulse'] = [];
  for (const r of inRange) {
    const respondents = r.aggregates[EDMONDSON_RESPONDENT_MEAN];
    if (respondents && respondents.n > 0) {
      const result = gate(
        respondents.n,
        () => {
          const items = Object.fromEntries(EDMONDSON_ITEMS.map((i) => [i.id, r.aggregates[i.id]!]));
          const team = edmondsonFromItemAggregates(items);
          const band = agreementBand(team.rwgJ);
          return {
            mean: round2(aggregateMean(respondents) as number),
            respondentSd: nullableRound(aggregateSd(respondents)),
            rwgJ: nullableRound(team.rwgJ),
            agreement: band,
            agreementSentence: AGREEMENT_SENTENCES[band],
            items: EDMONDSON_ITEMS.map((i) => {
              const a = r.aggregates[i.id]!;
              const variance = aggregateVariance(a);
              return {
                itemId: i.id,
                mean: round2(aggregateMean(a) as number),
                rwg: variance === null ? null : round2(rwg(variance)),
                histogram: [...a.histogram],
              };
            }),
          };
        },
        k,
      );
      checks.push({ week: r.week, result: plain(result) });
    }
    const p = r.aggregates['psychological-safety'];
    if (p && p.n > 0)
      pulse.push({ week: r.week, result: plain(gate(p.n, () => ({ mean: round2(aggregateMean(p) as number) }), k)) });
  }
  return {
    team: teamRef(input),
    range: { fromWeek, toWeek: input.toWeek },
    items: EDMONDSON_ITEMS.map((i) => ({
      itemId: i.id,
      number: i.sourceNumber ?? 0,
      text: i.text,
      reverse: i.reverse,
    })),
    checks,
    pulse,
  };
}

function series(input: DashboardInput, keys: readonly CategoryKey[]) {
  const k = teamK(input.team, input.tenantK);
  const fromWeek = fromWeekOf(input.toWeek, input.weeks);
  const inRange = input.rollups
    .filter((r) => r.week >= fromWeek && r.week <= input.toWeek)
    .sort((a, b) => a.week.localeCompare(b.week));
  return keys.map((key) => {
    const c = CATEGORIES[key];
    const weeks = inRange
      .filter((r) => (r.aggregates[key]?.n ?? 0) > 0)
      .map((r) => {
        const a = r.aggregates[key]!;
        return { week: r.week, result: plain(gate(a.n, () => ({ mean: round2(aggregateMean(a) as number) }), k)) };
      });
    return { key, label: c.label, kind: c.kind, direction: c.direction, weeks };
  });
}

export function dashboardDynamics(input: DashboardInput): DynamicsResponse {
  const fromWeek = fromWeekOf(input.toWeek, input.weeks);
  return {
    team: teamRef(input),
    range: { fromWeek, toWeek: input.toWeek },
    dimensions: series(input, DIMENSION_KEYS as readonly DimensionKey[]),
  };
}

export function dashboardHazards(input: DashboardInput): HazardLedgerResponse {
  const k = teamK(input.team, input.tenantK);
  const fromWeek = fromWeekOf(input.toWeek, input.weeks);
  const sums: WeeklyCategorySums[] = [];
  for (const r of input.rollups) {
    for (const h of HAZARD_KEYS) {
      const a = r.aggregates[h];
      if (a && a.n > 0) sums.push({ week: r.week, dimension: h, n: a.n, sum: a.sum, sumSq: a.sumSq });
    }
  }
  const ledger = hazardLedger(sums, { k, fromWeek, toWeek: input.toWeek });
  const byLedgerWeek = new Map(ledger.map((l) => [l.week, l]));
  return {
    team: teamRef(input),
    range: { fromWeek, toWeek: input.toWeek },
    hazards: HAZARD_KEYS.map((h: HazardKey) => {
      const c = CATEGORIES[h];
      const mapping = c.kind === 'hazard' ? c.mapping : undefined;
      // Labels, not keys: the tab and the CSV show these words as they are.
      return {
        key: h,
        label: c.label,
        iso45003: mapping ? ISO_45003_GROUPS[mapping.iso45003] : '',
        who2022: (mapping?.who2022 ?? []).map((r) => WHO_2022_RISKS[r]),
        csaZ1003: (mapping?.csaZ1003 ?? []).map((f) => CSA_Z1003_FACTORS[f]),
      };
    }),
    weeks: weekList(fromWeek, input.toWeek).map((week) => {
      const l = byLedgerWeek.get(week);
      const cells: HazardLedgerResponse['weeks'][number]['cells'] = {};
      for (const h of HAZARD_KEYS) {
        const cell = l?.hazards[h];
        if (!cell || cell.status === 'not-measured') cells[h] = { status: 'not-measured' };
        else
          cells[h] = {
            status: 'measured',
            measuredWeek: cell.measuredWeek,
            result: plain(
              cell.result.suppressed
                ? cell.result
                : {
                    ...cell.result,
                    value: { mean: round2(cell.result.value.mean), debt: round2(cell.result.value.debt) },
                  },
            ),
          };
      }
      return { week, cells, meanDebt: l?.meanDebt === undefined ? null : round2(l.meanDebt) };
    }),
  };
}

export function dashboardActions(input: DashboardInput): ActionsResponse {
  const k = teamK(input.team, input.tenantK);
  const weekly = (key: string) =>
    input.rollups.flatMap((r) => {
      const a = r.aggregates[key];
      return a && a.n > 0 ? [{ week: r.week, n: a.n, sum: a.sum, sumSq: a.sumSq }] : [];
    });
  const sorted = [...input.actions].sort((a, b) =>
    a.due === b.due ? a.id.localeCompare(b.id) : a.due.localeCompare(b.due),
  );
  return {
    team: teamRef(input),
    actions: sorted.map((a) => {
      const label = a.target && a.target.key in CATEGORIES ? CATEGORIES[a.target.key as CategoryKey].label : undefined;
      let proof: ActionsResponse['actions'][number]['proof'] = null;
      if (a.target && label && a.startedAt) {
        const p = proofOfActionForAction(a, weekly(a.target.key), {
          k,
          minWeeksPerWindow: PROOF_MIN_WEEKS_PER_WINDOW,
          completedThroughWeek: addWeeks(input.toWeek, -1),
        });
        const evidence = (e: {
          span: { fromWeek: string; toWeek: string };
          weeksUsable: number;
          weeksNeeded: number;
        }) => ({
          fromWeek: e.span.fromWeek,
          toWeek: e.span.toWeek,
          weeksUsable: e.weeksUsable,
          weeksNeeded: e.weeksNeeded,
        });
        proof =
          p.state === 'not-enough-evidence'
            ? { state: p.state, explanation: p.explanation, before: evidence(p.before), after: evidence(p.after) }
            : {
                state: p.state,
                explanation: p.explanation,
                direction: p.direction,
                before: { ...evidence(p.before), n: p.before.n, mean: round2(p.before.mean), sd: round2(p.before.sd) },
                after: { ...evidence(p.after), n: p.after.n, mean: round2(p.after.mean), sd: round2(p.after.sd) },
                effect: {
                  difference: round2(p.effect.difference),
                  lower: round2(p.effect.lower),
                  upper: round2(p.effect.upper),
                  confidence: p.effect.confidence,
                },
              };
      }
      return {
        id: a.id,
        title: a.title,
        ownerName: a.ownerName,
        due: a.due,
        status: a.status,
        overdue: a.due < input.today && a.status !== 'done' && a.status !== 'dropped',
        target: a.target && label ? { kind: a.target.kind, key: a.target.key, label } : null,
        startedAt: a.startedAt ?? null,
        sourceRetroId: a.sourceRetroId ?? null,
        proof,
      };
    }),
  };
}

export function dashboardMeetingLoad(input: DashboardInput): TeamMeetingLoadResponse {
  const k = teamK(input.team, input.tenantK);
  const fromWeek = fromWeekOf(input.toWeek, input.weeks);
  const loads = byWeek(input.meetingLoad);
  const weeks: TeamMeetingLoadResponse['weeks'] = [];
  for (const week of weekList(fromWeek, input.toWeek)) {
    const doc = loads.get(week);
    if (!doc || doc.sharers === 0) continue;
    const m = (key: string) => round2(perPerson(doc.metrics[key]) ?? 0);
    weeks.push({
      week,
      result: plain(
        gate(
          doc.sharers,
          () => ({
            meetingHours: m('meetingHours'),
            focusHours: m('focusHours'),
            backToBackChains: m('backToBackChains'),
            backToBackHours: m('backToBackHours'),
            afterHoursHours: m('afterHoursHours'),
          }),
          k,
        ),
      ),
    });
  }
  return { team: teamRef(input), range: { fromWeek, toWeek: input.toWeek }, weeks };
}

/** The gate's results are frozen objects; responses are plain data. */
function plain<T>(g: T): T {
  return JSON.parse(JSON.stringify(g)) as T;
}

function nullableRound(x: number | null): number | null {
  return x === null ? null : round2(x);
}
