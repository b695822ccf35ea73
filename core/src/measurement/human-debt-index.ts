import { ValidationError } from '../errors';
import type { ActionDoc } from '../store/documents';
import { addWeeks, isWeekId } from '../time/iso-week';
import { CATEGORIES, HAZARD_KEYS, SCALE_POINTS, isHazardKey, type DimensionKey, type HazardKey } from './items';
import { DEFAULT_K, effectiveK, gate, type Gated } from './privacy-gate';
import { DEFAULT_WEEKS_PER_CYCLE } from './rotation';
import { aggregateMean, type Sums } from './scoring';

/**
 * The Human Debt index: an explainable 0–100 composite, higher = more debt. See docs/human-debt-index.md for the
 * formula, the weights, the reasoning and a worked example (the same numbers as the test fixture).
 *
 *   index = Σ_components  weight_c × debt_c,   with Σ weight_c = 1 over the components that have data,
 *
 * so every point of the index is the contribution of one named component, and the contributions sum to the index.
 *
 * Weights are set per group and shared equally by the group's components that have data:
 *   psychological safety 25 · team dynamics 20 · psychosocial hazards 30 · meeting load 15 · overdue actions 10.
 * A group with no data drops out and the remaining group weights are scaled up to sum to 1; a missing component
 * inside a group hands its share to the group's other components (it does not inflate other groups).
 * Scale-based components use only aggregates that pass the privacy gate (n ≥ k); one that does not is
 * 'suppressed' and treated as missing, without any number.
 */

export const HUMAN_DEBT_INDEX_VERSION = 'hdi-2026-11.1';

export type ComponentGroup = 'psychological-safety' | 'team-dynamics' | 'hazards' | 'meeting-load' | 'overdue-actions';

/** Group weights (sum 1). A change here is a new HUMAN_DEBT_INDEX_VERSION. */
export const GROUP_WEIGHTS: Readonly<Record<ComponentGroup, number>> = Object.freeze({
  'psychological-safety': 0.25,
  'team-dynamics': 0.2,
  hazards: 0.3,
  'meeting-load': 0.15,
  'overdue-actions': 0.1,
});

/** Meeting-load anchors: the value at which a metric adds no debt and the value at which it adds full debt. */
export const MEETING_LOAD_ANCHORS = Object.freeze({
  /** Focus hours (blocks of ≥ 2 h free) per person per week: 20 h → 0, 0 h → 100; the 10 h "low focus" line = 50. */
  focusHours: { noDebt: 20, fullDebt: 0 },
  /** After-hours meeting hours per person per week: 0 h → 0, 5 h → 100; the 1 h threshold = 20. */
  afterHours: { noDebt: 0, fullDebt: 5 },
  /** Share (0..1) of meetings in a back-to-back chain (< 10 min gap): 0 → 0, 1 → 100. */
  backToBackShare: { noDebt: 0, fullDebt: 1 },
});

export type TeamDynamicKey = Exclude<DimensionKey, 'psychological-safety'>;
const TEAM_DYNAMICS: readonly TeamDynamicKey[] = ['dependability', 'structure-clarity', 'meaning', 'impact'];

/** A team score on the 1..7 keyed scale and the number of people behind it. */
export interface ScaleScore {
  mean: number;
  n: number;
}

/** Team meeting load as shared from the add-in (opt-in): per-person weekly averages and the number of sharers. */
export interface MeetingLoadInput {
  sharers: number;
  focusHoursPerPerson?: number;
  afterHoursPerPerson?: number;
  /** 0..1 */
  backToBackShare?: number;
}

export interface HumanDebtInput {
  /** Team psychological safety, preferably the full Edmondson check (1..7, higher = safer). */
  psychologicalSafety?: ScaleScore;
  /** The other four team dynamics (1..7, higher = better). Psychological safety is counted once, above. */
  dynamics?: Partial<Record<TeamDynamicKey, ScaleScore>>;
  /** Hazard exposure scores (1..7, higher = more exposure). */
  hazards?: Partial<Record<HazardKey, ScaleScore>>;
  /** Optional: only when the team shares meeting load. */
  meetingLoad?: MeetingLoadInput;
  /** Retro actions and the day to judge "overdue" against (YYYY-MM-DD, team's calendar). */
  actions?: { asOf: string; items: readonly Pick<ActionDoc, 'status' | 'due'>[] };
}

export type ComponentStatus = 'included' | 'missing' | 'suppressed';

export interface IndexComponent {
  /** e.g. 'psychological-safety', 'team-dynamics/meaning', 'hazards/workload-pace', 'meeting-load/focus-hours'. */
  key: string;
  group: ComponentGroup;
  label: string;
  status: ComponentStatus;
  /** How the input becomes debt, in words a reader can check. */
  transform: string;
  /** Included components only: the input value and its unit. */
  input?: { value: number; unit: string };
  /** Included components only: 0..100. */
  debt?: number;
  /** Share of the index (0 unless included); included weights sum to 1. */
  weight: number;
  /** weight × debt, in index points; the contributions sum to the index. */
  contribution: number;
}

export interface GroupSummary {
  group: ComponentGroup;
  baseWeight: number;
  /** After re-normalising over groups that have data; 0 when the group has none. */
  weight: number;
  /** Mean debt of the group's included components; undefined when none. */
  debt?: number;
  contribution: number;
}

export type HumanDebtIndex =
  | {
      available: true;
      version: string;
      k: number;
      /** 0..100, higher = more debt; exactly Σ contribution. */
      index: number;
      groups: GroupSummary[];
      components: IndexComponent[];
    }
  | { available: false; version: string; k: number; reason: 'no-data'; components: IndexComponent[] };

interface Draft {
  key: string;
  group: ComponentGroup;
  label: string;
  transform: string;
  state: { status: 'included'; value: number; unit: string; debt: number } | { status: 'missing' | 'suppressed' };
}

const POSITIVE_TRANSFORM = 'debt = (7 − mean) / 6 × 100 (mean on the 1–7 scale, higher is better)';
const HAZARD_TRANSFORM = 'debt = (mean − 1) / 6 × 100 (exposure on the 1–7 scale, higher is worse)';

/** 1..7 with higher = better → 0..100 debt. */
export function positiveScaleDebt(mean: number): number {
  return clamp((SCALE_POINTS - mean) / (SCALE_POINTS - 1)) * 100;
}
/** 1..7 with higher = more exposure → 0..100 debt. */
export function hazardScaleDebt(mean: number): number {
  return clamp((mean - 1) / (SCALE_POINTS - 1)) * 100;
}
/** Linear between the no-debt and full-debt anchors, clamped to 0..100. */
export function anchoredDebt(value: number, anchors: { noDebt: number; fullDebt: number }): number {
  return clamp((value - anchors.noDebt) / (anchors.fullDebt - anchors.noDebt)) * 100;
}

function clamp(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

export function humanDebtIndex(input: HumanDebtInput, options: { k?: number } = {}): HumanDebtIndex {
  const k = effectiveK(options.k ?? DEFAULT_K);
  const drafts: Draft[] = [];

  const scale = (
    key: string,
    group: ComponentGroup,
    label: string,
    score: ScaleScore | undefined,
    kind: 'positive' | 'hazard',
  ): void => {
    const transform = kind === 'positive' ? POSITIVE_TRANSFORM : HAZARD_TRANSFORM;
    const base = { key, group, label, transform };
    if (score === undefined) {
      drafts.push({ ...base, state: { status: 'missing' } });
      return;
    }
    if (!(score.mean >= 1 && score.mean <= SCALE_POINTS)) {
      throw new ValidationError('A scale score must be between 1 and 7.', [key]);
    }
    const g = gate(score.n, () => score.mean, k);
    if (g.suppressed) {
      drafts.push({ ...base, state: { status: 'suppressed' } });
      return;
    }
    const debt = kind === 'positive' ? positiveScaleDebt(g.value) : hazardScaleDebt(g.value);
    drafts.push({ ...base, state: { status: 'included', value: g.value, unit: 'mean 1–7', debt } });
  };

  scale('psychological-safety', 'psychological-safety', 'Psychological safety', input.psychologicalSafety, 'positive');
  for (const d of TEAM_DYNAMICS) {
    scale(`team-dynamics/${d}`, 'team-dynamics', CATEGORIES[d].label, input.dynamics?.[d], 'positive');
  }
  for (const h of HAZARD_KEYS) {
    scale(`hazards/${h}`, 'hazards', CATEGORIES[h].label, input.hazards?.[h], 'hazard');
  }
  drafts.push(...meetingLoadDrafts(input.meetingLoad, k));
  drafts.push(overdueDraft(input.actions));

  return combine(drafts, k);
}

function meetingLoadDrafts(load: MeetingLoadInput | undefined, k: number): Draft[] {
  const specs = [
    {
      key: 'meeting-load/focus-hours',
      label: 'Focus time',
      unit: 'hours per person per week',
      value: load?.focusHoursPerPerson,
      anchors: MEETING_LOAD_ANCHORS.focusHours,
      transform: 'debt = (20 − focus hours) / 20 × 100, clamped to 0–100',
    },
    {
      key: 'meeting-load/after-hours',
      label: 'After-hours meetings',
      unit: 'hours per person per week',
      value: load?.afterHoursPerPerson,
      anchors: MEETING_LOAD_ANCHORS.afterHours,
      transform: 'debt = after-hours / 5 × 100, clamped to 0–100',
    },
    {
      key: 'meeting-load/back-to-back',
      label: 'Back-to-back meetings',
      unit: 'share of meetings',
      value: load?.backToBackShare,
      anchors: MEETING_LOAD_ANCHORS.backToBackShare,
      transform: 'debt = back-to-back share × 100',
    },
  ];
  // Meeting load is a people aggregate like any other: fewer than k sharers and none of it is used.
  const shared = load === undefined ? undefined : gate(load.sharers, () => load, k);
  return specs.map((s): Draft => {
    const base = { key: s.key, group: 'meeting-load' as const, label: s.label, transform: s.transform };
    if (shared === undefined || s.value === undefined) return { ...base, state: { status: 'missing' } };
    if (shared.suppressed) return { ...base, state: { status: 'suppressed' } };
    if (!Number.isFinite(s.value) || s.value < 0)
      throw new ValidationError('A meeting-load value is not valid.', [s.key]);
    return {
      ...base,
      state: { status: 'included', value: s.value, unit: s.unit, debt: anchoredDebt(s.value, s.anchors) },
    };
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Overdue = not done and not dropped, with a due date before asOf. Share of actions due before asOf (dropped
 * ones excluded: dropping an action on purpose is a decision, not debt). */
export function overdueActions(
  asOf: string,
  items: readonly Pick<ActionDoc, 'status' | 'due'>[],
): { due: number; overdue: number } {
  if (!DATE.test(asOf)) throw new ValidationError('asOf must be a YYYY-MM-DD date.', [asOf]);
  let due = 0;
  let overdue = 0;
  for (const a of items) {
    if (!DATE.test(a.due)) throw new ValidationError('An action due date must be YYYY-MM-DD.', [a.due]);
    if (a.status === 'dropped' || !(a.due < asOf)) continue;
    due++;
    if (a.status !== 'done') overdue++;
  }
  return { due, overdue };
}

function overdueDraft(actions: HumanDebtInput['actions']): Draft {
  const base = {
    key: 'overdue-actions',
    group: 'overdue-actions' as const,
    label: 'Overdue retro actions',
    transform: 'debt = overdue ÷ actions due so far × 100',
  };
  if (actions === undefined) return { ...base, state: { status: 'missing' } };
  const { due, overdue } = overdueActions(actions.asOf, actions.items);
  if (due === 0) return { ...base, state: { status: 'missing' } };
  const share = overdue / due;
  return { ...base, state: { status: 'included', value: share, unit: 'share of actions due', debt: share * 100 } };
}

function combine(drafts: Draft[], k: number): HumanDebtIndex {
  const groups = Object.keys(GROUP_WEIGHTS) as ComponentGroup[];
  const included = (g: ComponentGroup) => drafts.filter((d) => d.group === g && d.state.status === 'included');
  const present = groups.filter((g) => included(g).length > 0);
  const totalBase = present.reduce((s, g) => s + GROUP_WEIGHTS[g], 0);

  const components: IndexComponent[] = drafts.map((d) => {
    const out: IndexComponent = {
      key: d.key,
      group: d.group,
      label: d.label,
      status: d.state.status,
      transform: d.transform,
      weight: 0,
      contribution: 0,
    };
    if (d.state.status !== 'included') return out;
    const weight = GROUP_WEIGHTS[d.group] / totalBase / included(d.group).length;
    return {
      ...out,
      input: { value: d.state.value, unit: d.state.unit },
      debt: d.state.debt,
      weight,
      contribution: weight * d.state.debt,
    };
  });

  if (present.length === 0) {
    return { available: false, version: HUMAN_DEBT_INDEX_VERSION, k, reason: 'no-data', components };
  }
  const summaries: GroupSummary[] = groups.map((g) => {
    const mine = components.filter((c) => c.group === g && c.status === 'included');
    const weight = mine.length > 0 ? GROUP_WEIGHTS[g] / totalBase : 0;
    const contribution = mine.reduce((s, c) => s + c.contribution, 0);
    const summary: GroupSummary = { group: g, baseWeight: GROUP_WEIGHTS[g], weight, contribution };
    return mine.length > 0
      ? { ...summary, debt: mine.reduce((s, c) => s + (c.debt as number), 0) / mine.length }
      : summary;
  });
  return {
    available: true,
    version: HUMAN_DEBT_INDEX_VERSION,
    k,
    index: components.reduce((s, c) => s + c.contribution, 0),
    groups: summaries,
    components,
  };
}

/**
 * Rounds the index and its contributions for display so that the rounded contributions still add up to the rounded
 * index (largest-remainder rounding), keeping "every point is traceable" true on screen as well.
 */
export function roundContributions(
  result: Extract<HumanDebtIndex, { available: true }>,
  decimals = 1,
): { index: number; contributions: { key: string; contribution: number }[] } {
  const f = 10 ** decimals;
  const target = Math.round(result.index * f);
  const items = result.components.map((c) => ({ key: c.key, raw: c.contribution * f }));
  const floors = items.map((i) => Math.floor(i.raw));
  let left = target - floors.reduce((s, v) => s + v, 0);
  const order = items
    .map((i, idx) => ({ idx, rem: i.raw - Math.floor(i.raw) }))
    .sort((a, b) => b.rem - a.rem || a.idx - b.idx);
  for (const o of order) {
    if (left <= 0) break;
    floors[o.idx] = (floors[o.idx] as number) + 1;
    left--;
  }
  return {
    index: target / f,
    contributions: items.map((i, idx) => ({ key: i.key, contribution: (floors[idx] as number) / f })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Hazard ledger: debt by hazard category per week
// ---------------------------------------------------------------------------------------------------------------

/** One week's aggregate of one category (from RollupDoc.aggregates[category], with its week). */
export interface WeeklyCategorySums extends Sums {
  week: string;
  dimension: string;
}

export type LedgerCell =
  | { status: 'not-measured' }
  | {
      status: 'measured';
      /** The week the value comes from (the rotation asks each hazard about once a cycle). */
      measuredWeek: string;
      result: Gated<{ mean: number; debt: number }>;
    };

export interface LedgerWeek {
  week: string;
  hazards: Record<HazardKey, LedgerCell>;
  /** Mean debt of the hazards shown this week; undefined when none can be shown. */
  meanDebt?: number;
  hazardsShown: number;
}

export interface HazardLedgerOptions {
  k?: number;
  fromWeek?: string;
  toWeek?: string;
  /**
   * How many weeks a measurement stays on the ledger after the week it was taken, so the ledger is not mostly empty
   * under rotation. Default 3 (a 4-week cycle asks each hazard once).
   */
  carryForwardWeeks?: number;
}

/**
 * Debt by hazard category per week. Each cell is the latest measurement of that hazard no older than
 * carryForwardWeeks, passed through the gate; debt = (mean − 1) / 6 × 100. Rollups that are not hazard
 * categories (dimensions, item-level rollups) are ignored.
 */
export function hazardLedger(rollups: readonly WeeklyCategorySums[], options: HazardLedgerOptions = {}): LedgerWeek[] {
  const k = effectiveK(options.k ?? DEFAULT_K);
  const carry = options.carryForwardWeeks ?? DEFAULT_WEEKS_PER_CYCLE - 1;
  if (!Number.isInteger(carry) || carry < 0) throw new ValidationError('carryForwardWeeks must be a whole number ≥ 0.');
  const byHazard = new Map<HazardKey, Map<string, Sums>>();
  const allWeeks: string[] = [];
  for (const r of rollups) {
    if (!isWeekId(r.week)) throw new ValidationError('A rollup has no valid ISO week.', [r.week]);
    if (!isHazardKey(r.dimension)) continue;
    const m = byHazard.get(r.dimension) ?? new Map<string, Sums>();
    if (m.has(r.week)) throw new ValidationError('Two rollups for the same hazard and week.', [r.dimension, r.week]);
    m.set(r.week, { n: r.n, sum: r.sum, sumSq: r.sumSq });
    byHazard.set(r.dimension, m);
    allWeeks.push(r.week);
  }
  for (const w of [options.fromWeek, options.toWeek]) {
    if (w !== undefined && !isWeekId(w)) throw new ValidationError('Not an ISO week id.', [w]);
  }
  const sorted = allWeeks.sort();
  const from = options.fromWeek ?? sorted[0];
  const to = options.toWeek ?? sorted[sorted.length - 1];
  if (from === undefined || to === undefined || from > to) return [];

  const out: LedgerWeek[] = [];
  for (let week = from; week <= to; week = addWeeks(week, 1)) {
    const hazards = {} as Record<HazardKey, LedgerCell>;
    let shown = 0;
    let debtSum = 0;
    for (const h of HAZARD_KEYS) {
      let cell: LedgerCell = { status: 'not-measured' };
      for (let back = 0; back <= carry; back++) {
        const w = addWeeks(week, -back);
        const sums = byHazard.get(h)?.get(w);
        if (sums === undefined) continue;
        const result = gate(
          sums.n,
          () => {
            const mean = aggregateMean(sums) as number;
            return { mean, debt: hazardScaleDebt(mean) };
          },
          k,
        );
        cell = { status: 'measured', measuredWeek: w, result };
        if (!result.suppressed) {
          shown++;
          debtSum += result.value.debt;
        }
        break;
      }
      hazards[h] = cell;
    }
    const entry: LedgerWeek = { week, hazards, hazardsShown: shown };
    out.push(shown > 0 ? { ...entry, meanDebt: debtSum / shown } : entry);
  }
  return out;
}
