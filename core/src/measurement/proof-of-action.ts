import { ValidationError } from '../errors';
import type { ActionDoc, ActionTarget } from '../store/documents';
import { addWeeks, isWeekId, isoWeekOf } from '../time/iso-week';
import { CATEGORIES, isCategoryKey, type Category, type CategoryKey, type Direction } from './items';
import { DEFAULT_K, effectiveK, gate } from './privacy-gate';
import { aggregateMean, aggregateVariance, mergeSums, type Sums } from './scoring';
import { studentTQuantile } from './student-t';

/**
 * Proof of action (docs/measurement.md): did the action move the number it targeted?
 *
 * Windows. The week the action started is mixed (part before, part after), so it belongs to neither window: the
 * baseline is the `beforeWeeks` ISO weeks before it, the follow-up the `afterWeeks` weeks after it (default 4 and 4).
 *
 * Privacy. Each week enters a window only if it passes the gate on its own (n ≥ k). Pooling weeks that are each
 * below k could publish the mean of a handful of people; with every pooled week ≥ k, anything a viewer can derive
 * by comparing windows over time (e.g. as the follow-up window fills week by week) is at most one week's aggregate
 * of ≥ k people. A window also needs `minWeeksPerWindow` such weeks (default 2). Otherwise the state is
 * 'not-enough-evidence' and the result carries no means and no counts of people at all.
 *
 * Statistics. Weekly sums are pooled per window (n = responses, Σx, Σx²), giving each window's mean and sample
 * variance. The effect is mean(after) − mean(before) with a 95 % Welch interval:
 *   se = √(s₁²/n₁ + s₂²/n₂),
 *   df = (s₁²/n₁ + s₂²/n₂)² / ( (s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1) )   (Welch–Satterthwaite),
 *   interval = effect ± t(0.975, df)·se.
 * Responses within a window are treated as independent, although the same people answer in several weeks; with a
 * rotating pulse a person answers a category about once per window, so the approximation is mild — but read the
 * interval as a guide, not a trial result.
 *
 * Decision. Direction comes from the target's category: dimensions, higher is better; hazards, lower is better.
 * 'improved' when the whole interval lies on the better side of 0, 'worsened' when it lies on the worse side,
 * otherwise 'no-detectable-change'.
 */

export const DEFAULT_BEFORE_WEEKS = 4;
export const DEFAULT_AFTER_WEEKS = 4;
export const DEFAULT_MIN_WEEKS_PER_WINDOW = 2;
export const CONFIDENCE = 0.95;

/** One week's aggregate of keyed scores for the target category (RollupDoc.aggregates[category] with its week). */
export interface WeeklySums extends Sums {
  week: string;
}

export interface ProofOfActionOptions {
  k?: number;
  beforeWeeks?: number;
  afterWeeks?: number;
  minWeeksPerWindow?: number;
  /** Last complete week; weeks after it are ignored (a week still collecting answers is not evidence yet). */
  completedThroughWeek?: string;
}

export interface ProofOfActionInput {
  target: ActionTarget;
  /** When the action started: ISO date or date-time. */
  start: string;
  /** Weekly aggregates of the target category, any order, at most one per week. */
  weekly: readonly WeeklySums[];
}

export type ProofState = 'not-enough-evidence' | 'improved' | 'no-detectable-change' | 'worsened';

export interface WindowSpan {
  fromWeek: string;
  toWeek: string;
  weeks: number;
}

/** What a window says when it cannot be shown: weeks, never people. */
export interface WindowEvidence {
  span: WindowSpan;
  /** Weeks in the window that passed the gate on their own. */
  weeksUsable: number;
  weeksNeeded: number;
}

export interface WindowStats extends WindowEvidence {
  /** Responses pooled over the usable weeks (each week ≥ k). */
  n: number;
  mean: number;
  sd: number;
}

export interface WelchInterval {
  /** mean(after) − mean(before). */
  difference: number;
  se: number;
  df: number;
  tCritical: number;
  lower: number;
  upper: number;
  confidence: number;
}

interface ProofBase {
  target: ActionTarget;
  direction: Direction;
  k: number;
  startWeek: string;
  /** One sentence that says what was compared. */
  explanation: string;
}

export type ProofOfAction =
  | (ProofBase & { state: 'not-enough-evidence'; before: WindowEvidence; after: WindowEvidence })
  | (ProofBase & {
      state: 'improved' | 'no-detectable-change' | 'worsened';
      before: WindowStats;
      after: WindowStats;
      effect: WelchInterval;
    });

/** Welch's interval for mean(b) − mean(a) from two sets of sums (each n ≥ 2). */
export function welchInterval(a: Sums, b: Sums, confidence: number = CONFIDENCE): WelchInterval {
  const ma = aggregateMean(a);
  const mb = aggregateMean(b);
  const va = aggregateVariance(a);
  const vb = aggregateVariance(b);
  if (ma === null || mb === null || va === null || vb === null) {
    throw new ValidationError("Welch's interval needs at least two values in each group.");
  }
  const qa = va / a.n;
  const qb = vb / b.n;
  const difference = mb - ma;
  const se = Math.sqrt(qa + qb);
  // With no spread at all in either window df is undefined; the interval collapses to the difference either way.
  const df = qa + qb === 0 ? a.n + b.n - 2 : (qa + qb) ** 2 / ((qa * qa) / (a.n - 1) + (qb * qb) / (b.n - 1));
  const tCritical = studentTQuantile(1 - (1 - confidence) / 2, df);
  return {
    difference,
    se,
    df,
    tCritical,
    lower: difference - tCritical * se,
    upper: difference + tCritical * se,
    confidence,
  };
}

/** Proof of action for one action and the weekly aggregates of its target. */
export function proofOfAction(input: ProofOfActionInput, options: ProofOfActionOptions = {}): ProofOfAction {
  const category = targetCategory(input.target);
  const beforeWeeks = positiveInt(options.beforeWeeks ?? DEFAULT_BEFORE_WEEKS, 'beforeWeeks');
  const afterWeeks = positiveInt(options.afterWeeks ?? DEFAULT_AFTER_WEEKS, 'afterWeeks');
  const weeksNeeded = positiveInt(options.minWeeksPerWindow ?? DEFAULT_MIN_WEEKS_PER_WINDOW, 'minWeeksPerWindow');
  if (weeksNeeded > Math.min(beforeWeeks, afterWeeks)) {
    throw new ValidationError('minWeeksPerWindow cannot exceed the window length.');
  }
  const startDate = new Date(input.start);
  if (Number.isNaN(startDate.getTime())) throw new ValidationError('The action start is not a date.', [input.start]);
  const startWeek = isoWeekOf(startDate);
  const completed = options.completedThroughWeek;
  if (completed !== undefined && !isWeekId(completed)) {
    throw new ValidationError('completedThroughWeek is not an ISO week id.', [completed]);
  }

  const byWeek = indexWeeks(input.weekly);
  const k = effectiveK(options.k ?? DEFAULT_K);
  const collect = (weeks: string[]) => {
    let pooled: Sums = { n: 0, sum: 0, sumSq: 0 };
    let usable = 0;
    for (const w of weeks) {
      if (completed !== undefined && w > completed) continue;
      const sums = byWeek.get(w);
      if (sums === undefined) continue;
      const g = gate(sums.n, () => sums, k);
      if (g.suppressed) continue;
      pooled = mergeSums(pooled, g.value);
      usable++;
    }
    return { pooled, usable };
  };
  const beforeList = Array.from({ length: beforeWeeks }, (_, i) => addWeeks(startWeek, i - beforeWeeks));
  const afterList = Array.from({ length: afterWeeks }, (_, i) => addWeeks(startWeek, i + 1));
  const b = collect(beforeList);
  const a = collect(afterList);

  const span = (list: string[]): WindowSpan => ({
    fromWeek: list[0] as string,
    toWeek: list[list.length - 1] as string,
    weeks: list.length,
  });
  const beforeEvidence: WindowEvidence = { span: span(beforeList), weeksUsable: b.usable, weeksNeeded };
  const afterEvidence: WindowEvidence = { span: span(afterList), weeksUsable: a.usable, weeksNeeded };
  const base = { target: input.target, direction: category.direction, k, startWeek };
  const when = shortDate(startDate);

  if (b.usable < weeksNeeded || a.usable < weeksNeeded) {
    return {
      ...base,
      state: 'not-enough-evidence',
      before: beforeEvidence,
      after: afterEvidence,
      explanation: notEnoughSentence(beforeEvidence, afterEvidence, when, k),
    };
  }

  const effect = welchInterval(b.pooled, a.pooled);
  const stats = (e: WindowEvidence, s: Sums): WindowStats => ({
    ...e,
    n: s.n,
    mean: aggregateMean(s) as number,
    sd: Math.sqrt(aggregateVariance(s) as number),
  });
  const better = category.direction === 'higher-is-better' ? 1 : -1;
  const state: ProofState =
    better * effect.lower > 0 && better * effect.upper > 0
      ? 'improved'
      : better * effect.lower < 0 && better * effect.upper < 0
        ? 'worsened'
        : 'no-detectable-change';
  const before = stats(beforeEvidence, b.pooled);
  const after = stats(afterEvidence, a.pooled);
  return {
    ...base,
    state,
    before,
    after,
    effect,
    explanation: effectSentence(before, after, effect, category, state, when),
  };
}

/** Convenience for a stored action: its target and its start (startedAt, else createdAt). */
export function proofOfActionForAction(
  action: Pick<ActionDoc, 'target' | 'startedAt' | 'createdAt'>,
  weekly: readonly WeeklySums[],
  options: ProofOfActionOptions = {},
): ProofOfAction {
  if (action.target === undefined) throw new ValidationError('The action does not target a dimension or hazard.');
  return proofOfAction({ target: action.target, start: action.startedAt ?? action.createdAt, weekly }, options);
}

function targetCategory(target: ActionTarget): Category {
  if (!isCategoryKey(target.key)) throw new ValidationError('Unknown action target.', [target.key]);
  const category = CATEGORIES[target.key as CategoryKey];
  if (category.kind !== target.kind) {
    throw new ValidationError(`The target ${target.key} is a ${category.kind}, not a ${target.kind}.`, [target.key]);
  }
  return category;
}

function positiveInt(v: number, name: string): number {
  if (!Number.isInteger(v) || v < 1) throw new ValidationError(`${name} must be a positive whole number.`);
  return v;
}

function indexWeeks(weekly: readonly WeeklySums[]): Map<string, Sums> {
  const map = new Map<string, Sums>();
  for (const w of weekly) {
    if (!isWeekId(w.week)) throw new ValidationError('A weekly aggregate has no valid ISO week.', [w.week]);
    if (map.has(w.week)) throw new ValidationError('Two weekly aggregates for the same week.', [w.week]);
    const plausible =
      Number.isInteger(w.n) &&
      w.n >= 0 &&
      w.sum >= w.n &&
      w.sum <= 7 * w.n &&
      // Cauchy–Schwarz: Σx² ≥ (Σx)²/n, with room for rounding.
      (w.n === 0 || w.sumSq + 1e-9 >= (w.sum * w.sum) / w.n);
    if (!plausible) throw new ValidationError('A weekly aggregate is inconsistent.', [w.week]);
    map.set(w.week, { n: w.n, sum: w.sum, sumSq: w.sumSq });
  }
  return map;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Nov" (UTC calendar date of the start). */
function shortDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** One decimal, with a real minus sign, and never "−0.0". */
export function formatPoints(x: number): string {
  const s = Math.abs(x).toFixed(1);
  return x < 0 && s !== '0.0' ? `−${s}` : s;
}

function windowPhrase(e: WindowStats, side: 'before' | 'after', when: string): string {
  const span = e.weeksUsable === e.span.weeks ? weeks(e.span.weeks) : `${e.weeksUsable} of the ${weeks(e.span.weeks)}`;
  return side === 'before' ? `${span} before ${when} (n=${e.n})` : `${span} after (n=${e.n})`;
}

function effectSentence(
  before: WindowStats,
  after: WindowStats,
  effect: WelchInterval,
  category: Category,
  state: ProofState,
  when: string,
): string {
  const size = formatPoints(Math.abs(effect.difference));
  const change =
    size === '0.0'
      ? `${category.phrase} did not change`
      : `${category.phrase} ${effect.difference > 0 ? 'rose' : 'fell'} by ${size} points`;
  const note = category.direction === 'lower-is-better' ? '; lower is better' : '';
  const interval = `(95 % interval ${formatPoints(effect.lower)} to ${formatPoints(effect.upper)}${note})`;
  const tail = state === 'no-detectable-change' ? ', which is not a detectable change' : '';
  const compared = `Compared ${windowPhrase(before, 'before', when)} with ${windowPhrase(after, 'after', when)}`;
  return `${compared}: ${change} ${interval}${tail}.`;
}

function notEnoughSentence(before: WindowEvidence, after: WindowEvidence, when: string, k: number): string {
  const parts: string[] = [];
  if (before.weeksUsable < before.weeksNeeded) {
    parts.push(`the ${weeks(before.span.weeks)} before ${when} ${have(before.span.weeks)} ${before.weeksUsable}`);
  }
  if (after.weeksUsable < after.weeksNeeded) {
    const at = parts.length > 0 ? '' : ` ${when}`;
    parts.push(`the ${weeks(after.span.weeks)} after${at} ${have(after.span.weeks)} ${after.weeksUsable}`);
  }
  return (
    `Not enough evidence yet: each window needs ${weeks(before.weeksNeeded)} with answers from at least ${k} people, ` +
    `and ${parts.join(' while ')}.`
  );
}

function have(n: number): string {
  return n === 1 ? 'has' : 'have';
}

function weeks(n: number): string {
  return n === 1 ? '1 week' : `${n} weeks`;
}
