import { ValidationError } from '../errors';
import type { Aggregate } from '../store/documents';
import {
  EDMONDSON_ITEMS,
  ITEM_BANK_VERSION,
  SCALE_POINTS,
  getItem,
  type CategoryKey,
  type CategoryKind,
  type Item,
} from './items';

/**
 * Scoring: reverse keying, respondent and team scores, within-team agreement (r_wg), and the incremental
 * aggregates the store keeps per team, week and dimension.
 *
 * Answers arrive from people (via card submits), so invalid answers come back as typed errors, not exceptions.
 * Aggregates come from our own store, so an inconsistent aggregate is a bug and throws ValidationError.
 */

/** Item id → answer on the 1..7 agree scale, as submitted. */
export type Answers = Readonly<Record<string, unknown>>;

export type AnswerError =
  | { code: 'no-answers' }
  | { code: 'unknown-item'; itemId: string }
  | { code: 'invalid-answer'; itemId: string }
  | { code: 'missing-item'; itemId: string }
  | { code: 'category-answered-twice'; category: CategoryKey };

export type MeasureResult<T, E> = { ok: true; value: T } | { ok: false; errors: E[] };

const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
const fail = <E>(errors: E[]): { ok: false; errors: E[] } => ({ ok: false, errors });

export function isValidAnswer(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= SCALE_POINTS;
}

/** Keyed score: the answer, or 8 − answer for a reverse-keyed item (A + 1 − answer on an A-point scale). */
export function keyedScore(item: Item, answer: number): number {
  if (!isValidAnswer(answer)) throw new ValidationError('An answer must be a whole number from 1 to 7.', [item.id]);
  return item.reverse ? SCALE_POINTS + 1 - answer : answer;
}

/** Every problem with an answer set; empty when it can be scored. `required` ids must be present. */
export function validateAnswers(answers: Answers, required: readonly string[] = []): AnswerError[] {
  const errors: AnswerError[] = [];
  const ids = Object.keys(answers);
  if (ids.length === 0 && required.length === 0) return [{ code: 'no-answers' }];
  for (const id of ids) {
    if (getItem(id) === undefined) errors.push({ code: 'unknown-item', itemId: id });
    else if (!isValidAnswer(answers[id])) errors.push({ code: 'invalid-answer', itemId: id });
  }
  for (const id of required) {
    if (!Object.prototype.hasOwnProperty.call(answers, id)) errors.push({ code: 'missing-item', itemId: id });
  }
  return errors;
}

export interface ScoredItem {
  itemId: string;
  category: CategoryKey;
  kind: CategoryKind;
  raw: number;
  keyed: number;
}

export interface ScoredAnswers {
  itemBankVersion: string;
  items: ScoredItem[];
  /** Mean keyed score per category this person answered (higher = more of the category; see items.ts). */
  categories: Partial<Record<CategoryKey, { count: number; mean: number }>>;
}

/** Scores one person's answer set (any mix of items). */
export function scoreAnswers(answers: Answers): MeasureResult<ScoredAnswers, AnswerError> {
  const errors = validateAnswers(answers);
  if (errors.length > 0) return fail(errors);
  const items: ScoredItem[] = [];
  const acc = new Map<CategoryKey, { count: number; sum: number }>();
  for (const [id, value] of Object.entries(answers)) {
    const item = getItem(id) as Item;
    const keyed = keyedScore(item, value as number);
    items.push({ itemId: id, category: item.category, kind: item.kind, raw: value as number, keyed });
    const a = acc.get(item.category) ?? { count: 0, sum: 0 };
    acc.set(item.category, { count: a.count + 1, sum: a.sum + keyed });
  }
  const categories: ScoredAnswers['categories'] = {};
  for (const [c, a] of acc) categories[c] = { count: a.count, mean: a.sum / a.count };
  return ok({ itemBankVersion: ITEM_BANK_VERSION, items, categories });
}

export interface EdmondsonRespondentScore {
  /** Keyed scores in Edmondson's item order 1..7. */
  keyed: number[];
  /** The respondent's mean of the 7 keyed scores. */
  mean: number;
}

const EDMONDSON_IDS = EDMONDSON_ITEMS.map((i) => i.id);

/** One respondent's Edmondson score. All seven items are required (a partial check is not the scale). Other items
 * in the same answer set (the weekly rotation) are validated but ignored here. */
export function scoreEdmondson(answers: Answers): MeasureResult<EdmondsonRespondentScore, AnswerError> {
  const errors = validateAnswers(answers, EDMONDSON_IDS);
  if (errors.length > 0) return fail(errors);
  const keyed = EDMONDSON_ITEMS.map((item) => keyedScore(item, answers[item.id] as number));
  return ok({ keyed, mean: keyed.reduce((s, v) => s + v, 0) / keyed.length });
}

// ---------------------------------------------------------------------------------------------------------------
// Agreement: r_wg (James, Demaree & Wolf 1984)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Expected variance under a uniform ("no agreement, random responding") null: σ²_EU = (A² − 1) / 12 for an A-point
 * scale. For A = 7: (49 − 1) / 12 = 4.
 */
export function uniformNullVariance(scalePoints: number = SCALE_POINTS): number {
  return (scalePoints * scalePoints - 1) / 12;
}

/**
 * Single-item agreement: r_wg = 1 − s²_x / σ²_EU, with s²_x the observed (n − 1) variance of the team's answers.
 * 1 = everyone gave the same answer; 0 = as spread as random answering. When s²_x > σ²_EU (more spread than random,
 * e.g. a team split into two camps) the raw value is negative; following James et al. we truncate to 0, so the
 * result is always in [0, 1].
 */
export function rwg(observedVariance: number, scalePoints: number = SCALE_POINTS): number {
  return clamp01(1 - observedVariance / uniformNullVariance(scalePoints));
}

/**
 * Multi-item agreement for a J-item scale:
 *
 *   r_wg(J) = J·(1 − s̄²/σ²_EU) / ( J·(1 − s̄²/σ²_EU) + s̄²/σ²_EU )
 *
 * with s̄² the mean of the J observed item variances. When s̄² ≥ σ²_EU the formula turns negative, or above 1 once
 * s̄²/σ²_EU > J/(J−1); the usual convention (James et al. 1984; Lindell & Brandt 1999) is to set r_wg(J) = 0
 * whenever s̄² ≥ σ²_EU, which we do, so the result is always in [0, 1].
 */
export function rwgJ(itemVariances: readonly number[], scalePoints: number = SCALE_POINTS): number {
  const J = itemVariances.length;
  if (J === 0) throw new ValidationError('r_wg(J) needs at least one item variance.');
  const meanVar = itemVariances.reduce((s, v) => s + v, 0) / J;
  const ratio = meanVar / uniformNullVariance(scalePoints);
  if (ratio >= 1) return 0;
  const num = J * (1 - ratio);
  return clamp01(num / (num + ratio));
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

export interface ItemAgreement {
  itemId: string;
  n: number;
  /** Mean keyed score. */
  mean: number;
  /** Sample variance (n − 1); null with one answer. Keying does not change it. */
  variance: number | null;
  /** r_wg for this item; null with one answer. */
  rwg: number | null;
}

export interface TeamPsychologicalSafety {
  itemBankVersion: string;
  /** Respondents (complete Edmondson answer sets). The caller must pass this through the privacy gate. */
  n: number;
  /** Team score: the mean of respondent means after reverse keying (1..7, higher = safer). */
  mean: number;
  /** Spread of respondent means (n − 1); null with one respondent. */
  respondentSd: number | null;
  items: ItemAgreement[];
  /** Mean of the seven item variances; null with one respondent. */
  meanItemVariance: number | null;
  /** r_wg(J) with J = 7; null with one respondent. */
  rwgJ: number | null;
}

export interface RespondentError {
  /** Position of the answer set in the input. */
  respondent: number;
  errors: AnswerError[];
}

/** Team psychological safety from complete Edmondson answer sets: mean of respondent means, plus agreement. */
export function teamPsychologicalSafety(
  responses: readonly Answers[],
): MeasureResult<TeamPsychologicalSafety, RespondentError> {
  if (responses.length === 0) return fail([{ respondent: -1, errors: [{ code: 'no-answers' }] }]);
  const scored: EdmondsonRespondentScore[] = [];
  const errors: RespondentError[] = [];
  responses.forEach((r, i) => {
    const s = scoreEdmondson(r);
    if (s.ok) scored.push(s.value);
    else errors.push({ respondent: i, errors: s.errors });
  });
  if (errors.length > 0) return fail(errors);
  const perItem = EDMONDSON_IDS.map((_id, j) => aggregateFromValues(scored.map((s) => s.keyed[j] as number)));
  const itemStats: ItemAgreement[] = perItem.map((a, j) => {
    const variance = aggregateVariance(a);
    return {
      itemId: EDMONDSON_IDS[j] as string,
      n: a.n,
      mean: aggregateMean(a) as number,
      variance,
      rwg: variance === null ? null : rwg(variance),
    };
  });
  const respondentMeans = aggregateFromValues(
    scored.map((s) => s.mean),
    false,
  );
  const variances = itemStats.map((s) => s.variance);
  const complete = variances.every((v): v is number => v !== null);
  return ok({
    itemBankVersion: ITEM_BANK_VERSION,
    n: scored.length,
    mean: aggregateMean(respondentMeans) as number,
    respondentSd: aggregateSd(respondentMeans),
    items: itemStats,
    meanItemVariance: complete ? variances.reduce((s, v) => s + v, 0) / variances.length : null,
    rwgJ: complete ? rwgJ(variances) : null,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Incremental aggregates (the shape of each entry of RollupDoc.aggregates)
// ---------------------------------------------------------------------------------------------------------------

/** Sufficient statistics: enough for mean, variance and Welch's test. */
export type Sums = Pick<Aggregate, 'n' | 'sum' | 'sumSq'>;
/** Sums plus the answer histogram (counts of 1..7 at index 0..6). */
export type { Aggregate };

export function emptyAggregate(): Aggregate {
  return { n: 0, sum: 0, sumSq: 0, histogram: new Array<number>(SCALE_POINTS).fill(0) };
}

/** Mean = sum / n; null when n = 0. */
export function aggregateMean(a: Sums): number | null {
  return a.n > 0 ? a.sum / a.n : null;
}

/**
 * Sample variance from sums: s² = (Σx² − (Σx)²/n) / (n − 1); null when n < 2. Tiny negative values from floating
 * point cancellation are clamped to 0.
 */
export function aggregateVariance(a: Sums): number | null {
  if (a.n < 2) return null;
  const v = (a.sumSq - (a.sum * a.sum) / a.n) / (a.n - 1);
  return v < 0 ? 0 : v;
}

export function aggregateSd(a: Sums): number | null {
  const v = aggregateVariance(a);
  return v === null ? null : Math.sqrt(v);
}

/** Aggregate of a list of values. With `histogram` (default) every value must be a whole number 1..7. */
export function aggregateFromValues(values: readonly number[], histogram = true): Aggregate {
  let a = emptyAggregate();
  if (!histogram) {
    for (const v of values) a = { ...a, n: a.n + 1, sum: a.sum + v, sumSq: a.sumSq + v * v };
    return a;
  }
  for (const v of values) a = applyToRollup(a, v);
  return a;
}

/**
 * Adds one keyed score to an aggregate and returns the new aggregate (the input is not changed); any other fields
 * of the object are carried over.
 */
export function applyToRollup<T extends Aggregate>(rollup: T, value: number): T {
  if (!isValidAnswer(value)) throw new ValidationError('A rollup value must be a whole number from 1 to 7.');
  if (rollup.histogram.length !== SCALE_POINTS) {
    throw new ValidationError(`A rollup histogram must have ${SCALE_POINTS} counts.`);
  }
  const histogram = rollup.histogram.slice();
  histogram[value - 1] = (histogram[value - 1] as number) + 1;
  return { ...rollup, n: rollup.n + 1, sum: rollup.sum + value, sumSq: rollup.sumSq + value * value, histogram };
}

/** Pools two sets of sums (e.g. weeks of a window). */
export function mergeSums(a: Sums, b: Sums): Sums {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq };
}

/** True when n, sum and sumSq agree with the histogram — a cheap integrity check for stored rollups. */
export function isConsistentAggregate(a: Aggregate): boolean {
  if (a.histogram.length !== SCALE_POINTS) return false;
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  a.histogram.forEach((count, i) => {
    n += count;
    sum += count * (i + 1);
    sumSq += count * (i + 1) * (i + 1);
  });
  return n === a.n && sum === a.sum && sumSq === a.sumSq;
}

export interface RollupEntry {
  /** Key in RollupDoc.aggregates: a category key for weekly-pulse items, an item id for every item. */
  dimension: string;
  /** Keyed score 1..7. */
  value: number;
}

/**
 * What one person's answers add to the rollups of their team and week:
 *   - every answered item adds its keyed score to the item's own rollup (dimension = item id). The seven Edmondson
 *     item rollups give the team score and r_wg(J) (see edmondsonFromItemAggregates);
 *   - every weekly-pulse item also adds its keyed score to its category's rollup (dimension = category key). The
 *     rotation asks at most one item per category per person per week, so a category rollup's n is a count of
 *     people, which is what the privacy gate needs. Two answers in one category are refused for that reason.
 */
export function rollupEntriesFor(answers: Answers): MeasureResult<RollupEntry[], AnswerError> {
  const errors = validateAnswers(answers);
  if (errors.length > 0) return fail(errors);
  const entries: RollupEntry[] = [];
  const seen = new Set<CategoryKey>();
  const twice = new Set<CategoryKey>();
  for (const [id, value] of Object.entries(answers)) {
    const item = getItem(id) as Item;
    const keyed = keyedScore(item, value as number);
    entries.push({ dimension: id, value: keyed });
    if (item.instrument === 'pulse') {
      if (seen.has(item.category)) twice.add(item.category);
      seen.add(item.category);
      entries.push({ dimension: item.category, value: keyed });
    }
  }
  if (twice.size > 0) return fail([...twice].map((category) => ({ code: 'category-answered-twice', category })));
  return ok(entries);
}

export interface EdmondsonFromAggregates {
  n: number;
  mean: number;
  itemVariances: number[];
  rwgJ: number | null;
}

/**
 * Team psychological safety from the seven Edmondson item rollups of one pulse (keyed scores). With complete
 * answer sets every item has the same n, and the mean of respondent means equals Σ sums / (7·n) — the grand mean —
 * so the rollups give the same team score as the raw answers. Unequal counts mean an incomplete set slipped in,
 * which the service must not store, so they throw.
 */
export function edmondsonFromItemAggregates(aggregates: Readonly<Record<string, Sums>>): EdmondsonFromAggregates {
  const list = EDMONDSON_IDS.map((id) => {
    const a = aggregates[id];
    if (a === undefined) throw new ValidationError('An Edmondson item rollup is missing.', [id]);
    return a;
  });
  const n = list[0]?.n ?? 0;
  if (n < 1 || list.some((a) => a.n !== n)) {
    throw new ValidationError('Edmondson item rollups must all count the same respondents.');
  }
  const variances = list.map(aggregateVariance);
  const itemVariances = variances.every((v): v is number => v !== null) ? variances : [];
  return {
    n,
    mean: list.reduce((s, a) => s + a.sum, 0) / (list.length * n),
    itemVariances,
    rwgJ: itemVariances.length === list.length ? rwgJ(itemVariances) : null,
  };
}
