import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';
import { getItem } from '../../src/measurement/items';
import {
  aggregateFromValues,
  aggregateMean,
  aggregateSd,
  aggregateVariance,
  applyToRollup,
  edmondsonFromItemAggregates,
  emptyAggregate,
  isConsistentAggregate,
  keyedScore,
  rollupEntriesFor,
  rwg,
  rwgJ,
  scoreAnswers,
  scoreEdmondson,
  teamPsychologicalSafety,
  uniformNullVariance,
  validateAnswers,
} from '../../src/measurement/scoring';
import type { Aggregate } from '../../src/store/documents';

/** Raw answers to Edmondson items 1..7 as an answer set. */
const edm = (raw: number[]) => Object.fromEntries(raw.map((v, i) => [`edm-ps-${i + 1}`, v]));

/*
 * Hand-computed Edmondson fixture (items 1, 3, 5 reversed: keyed = 8 − raw).
 *
 *            raw                    keyed                  sum  respondent mean
 *   A   2 6 1 5 3 6 7   →   6 6 7 5 5 6 7                  42   6.000000
 *   B   3 5 2 5 2 5 6   →   5 5 6 5 6 5 6                  38   5.428571
 *   C   4 4 4 3 4 4 5   →   4 4 4 3 4 4 5                  28   4.000000
 *
 * Team score = mean of respondent means = (6 + 5.428571 + 4) / 3 = 15.428571 / 3 = 5.142857 → 5.14
 *
 * Item variances of keyed scores (n − 1 = 2):
 *   item 1: 6,5,4 → mean 5,      SS = 1+0+1             = 2        → s² = 1
 *   item 2: 6,5,4 → 1;   item 5: 5,6,4 → 1;   item 6: 6,5,4 → 1;   item 7: 7,6,5 → 1
 *   item 3: 7,6,4 → mean 17/3,   SS = (4/3)²+(1/3)²+(5/3)² = 42/9 → s² = 7/3 = 2.333333
 *   item 4: 5,5,3 → mean 13/3,   SS = (2/3)²+(2/3)²+(4/3)² = 24/9 → s² = 4/3 = 1.333333
 * Mean item variance s̄² = (5·1 + 7/3 + 4/3) / 7 = (26/3) / 7 = 26/21 = 1.238095
 * σ²_EU = (7² − 1)/12 = 4;  s̄²/σ²_EU = 26/84 = 13/42
 * r_wg(J) = 7(1 − 13/42) / (7(1 − 13/42) + 13/42) = (203/42) / (216/42) = 203/216 = 0.939815 → 0.94
 * Single-item r_wg: item 1 = 1 − 1/4 = 0.75;  item 3 = 1 − (7/3)/4 = 5/12 = 0.416667 → 0.42
 */
const A = edm([2, 6, 1, 5, 3, 6, 7]);
const B = edm([3, 5, 2, 5, 2, 5, 6]);
const C = edm([4, 4, 4, 3, 4, 4, 5]);

describe('reverse keying', () => {
  it('scores reverse-keyed items as 8 − answer and others as the answer', () => {
    const item1 = getItem('edm-ps-1');
    const item2 = getItem('edm-ps-2');
    if (!item1 || !item2) throw new Error('items missing');
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => keyedScore(item1, a))).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => keyedScore(item2, a))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(() => keyedScore(item1, 0)).toThrow(ValidationError);
  });

  it('keys a respondent’s Edmondson answers and averages them', () => {
    const a = scoreEdmondson(A);
    expect(a.ok && a.value.keyed).toEqual([6, 6, 7, 5, 5, 6, 7]);
    expect(a.ok && a.value.mean).toBe(6);
    const b = scoreEdmondson(B);
    expect(b.ok && b.value.keyed).toEqual([5, 5, 6, 5, 6, 5, 6]);
    expect(b.ok ? b.value.mean : NaN).toBeCloseTo(5.428571, 6);
  });

  it('keys hazard items towards exposure: agreeing "my workload is manageable" is low exposure', () => {
    const r = scoreAnswers({ 'wp-1': 6, 'wp-2': 6 }); // wp-2 reversed: 8 − 6 = 2
    expect(r.ok && r.value.items.map((i) => i.keyed)).toEqual([6, 2]);
    expect(r.ok && r.value.categories['workload-pace']).toEqual({ count: 2, mean: 4 });
  });
});

describe('answer validation returns typed errors', () => {
  it('flags unknown items, non-integers, out-of-range values and missing required items', () => {
    const errors = validateAnswers({ 'edm-ps-1': 0, 'edm-ps-2': 4.5, 'edm-ps-3': '5', bogus: 3, 'edm-ps-4': 8 }, [
      'edm-ps-7',
    ]);
    expect(errors).toEqual([
      { code: 'invalid-answer', itemId: 'edm-ps-1' },
      { code: 'invalid-answer', itemId: 'edm-ps-2' },
      { code: 'invalid-answer', itemId: 'edm-ps-3' },
      { code: 'unknown-item', itemId: 'bogus' },
      { code: 'invalid-answer', itemId: 'edm-ps-4' },
      { code: 'missing-item', itemId: 'edm-ps-7' },
    ]);
    expect(validateAnswers({})).toEqual([{ code: 'no-answers' }]);
    expect(validateAnswers({ 'ps-1': 1, 'edm-ps-7': 7 })).toEqual([]);
  });

  it('refuses a partial Edmondson check', () => {
    const partial = { ...A };
    delete partial['edm-ps-5'];
    const r = scoreEdmondson(partial);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([{ code: 'missing-item', itemId: 'edm-ps-5' }]);
  });

  it('reports which respondent was invalid in a team score', () => {
    const r = teamPsychologicalSafety([A, { ...B, 'edm-ps-2': 9 }]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([{ respondent: 1, errors: [{ code: 'invalid-answer', itemId: 'edm-ps-2' }] }]);
  });
});

describe('team psychological safety and agreement (hand-computed fixture)', () => {
  const r = teamPsychologicalSafety([A, B, C]);
  if (!r.ok) throw new Error('fixture must score');
  const t = r.value;

  it('is the mean of respondent means after reverse keying', () => {
    expect(t.n).toBe(3);
    expect(t.mean).toBeCloseTo(5.14, 2);
    expect(t.mean).toBeCloseTo(108 / 21, 10); // (42 + 38 + 28) / 7 / 3
  });

  it('computes item variances, single-item r_wg and r_wg(J) with σ²_EU = 4', () => {
    expect(uniformNullVariance(7)).toBe(4);
    expect(uniformNullVariance(5)).toBe(2);
    expect(t.items.map((i) => i.variance)).toEqual([1, 1, 7 / 3, 4 / 3, 1, 1, 1].map((v) => expect.closeTo(v, 10)));
    expect(t.items[0]?.rwg).toBeCloseTo(0.75, 2);
    expect(t.items[2]?.rwg).toBeCloseTo(0.42, 2);
    expect(t.meanItemVariance).toBeCloseTo(26 / 21, 10);
    expect(t.rwgJ).toBeCloseTo(0.94, 2);
    expect(t.rwgJ).toBeCloseTo(203 / 216, 10);
  });

  it('gives the same team score and r_wg(J) from the seven item rollups as from raw answers', () => {
    const aggs: Record<string, Aggregate> = {};
    for (const answers of [A, B, C]) {
      const entries = rollupEntriesFor(answers);
      if (!entries.ok) throw new Error('entries');
      for (const e of entries.value) {
        const current: Aggregate = aggs[e.dimension] ?? emptyAggregate();
        aggs[e.dimension] = applyToRollup(current, e.value);
      }
    }
    const fromRollups = edmondsonFromItemAggregates(aggs);
    expect(fromRollups.n).toBe(3);
    expect(fromRollups.mean).toBeCloseTo(t.mean, 12);
    expect(fromRollups.rwgJ).toBeCloseTo(t.rwgJ as number, 12);
    expect(() => edmondsonFromItemAggregates({})).toThrow(ValidationError);
  });
});

describe('r_wg bounds', () => {
  it('is 1 for perfect agreement and is truncated to 0 when answers are more spread than random', () => {
    expect(rwg(0)).toBe(1);
    // A team split into camps: answers 1,1,7,7 → mean 4, SS = 4·9 = 36, s² = 12 > 4 → raw 1 − 3 = −2 → 0.
    expect(rwg(aggregateVariance(aggregateFromValues([1, 1, 7, 7])) as number)).toBe(0);
    expect(rwgJ([0, 0, 0])).toBe(1);
    // s̄² = 4.4 ≥ 4: the raw formula gives 7(−0.1)/(7(−0.1)+1.1) = −1.75 → 0.
    expect(rwgJ([4.4, 4.4, 4.4, 4.4, 4.4, 4.4, 4.4])).toBe(0);
    // s̄² = 6 > σ²·J/(J−1) = 4.667: raw 7(−0.5)/(7(−0.5)+1.5) = 1.75 (> 1!) → 0, not 1.
    expect(rwgJ([6, 6, 6, 6, 6, 6, 6])).toBe(0);
    expect(() => rwgJ([])).toThrow(ValidationError);
  });
});

describe('incremental aggregates', () => {
  /*
   * Values 5, 6, 7, 2: n = 4, Σx = 20, Σx² = 25 + 36 + 49 + 4 = 114.
   * mean = 20/4 = 5;  s² = (114 − 20²/4) / 3 = 14/3 = 4.666667;  s = 2.160247 → 2.16
   * histogram (counts of 1..7) = [0, 1, 0, 0, 1, 1, 1]
   */
  it('accumulates n, Σx, Σx² and the histogram and derives mean, variance and sd', () => {
    let agg = emptyAggregate();
    for (const v of [5, 6, 7, 2]) agg = applyToRollup(agg, v);
    expect(agg).toEqual({ n: 4, sum: 20, sumSq: 114, histogram: [0, 1, 0, 0, 1, 1, 1] });
    expect(aggregateMean(agg)).toBe(5);
    expect(aggregateVariance(agg)).toBeCloseTo(4.67, 2);
    expect(aggregateSd(agg)).toBeCloseTo(2.16, 2);
    expect(isConsistentAggregate(agg)).toBe(true);
    expect(aggregateMean(emptyAggregate())).toBeNull();
    expect(aggregateVariance(applyToRollup(emptyAggregate(), 3))).toBeNull();
  });

  it('returns a new rollup document and leaves the input (and its etag) intact', () => {
    const doc = {
      tenantId: 't',
      teamId: 'team',
      id: '2026-W48:meaning',
      type: 'rollup' as const,
      week: '2026-W48',
      dimension: 'meaning',
      n: 1,
      sum: 4,
      sumSq: 16,
      histogram: [0, 0, 0, 1, 0, 0, 0],
      _etag: '"abc"',
    };
    const next = applyToRollup(doc, 6);
    expect(next).toEqual({ ...doc, n: 2, sum: 10, sumSq: 52, histogram: [0, 0, 0, 1, 0, 1, 0] });
    expect(doc.n).toBe(1);
    expect(doc.histogram).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(() => applyToRollup(doc, 8)).toThrow(ValidationError);
    expect(() => applyToRollup(doc, 2.5)).toThrow(ValidationError);
    expect(() => applyToRollup({ ...doc, histogram: [0, 0] }, 2)).toThrow(ValidationError);
    expect(isConsistentAggregate({ n: 2, sum: 10, sumSq: 50, histogram: [0, 0, 0, 1, 0, 1, 0] })).toBe(false);
  });

  it('feeds each weekly-pulse answer to its item and its category, and refuses two answers in one category', () => {
    const r = rollupEntriesFor({ 'me-2': 2, 'wp-1': 5 });
    expect(r.ok && r.value).toEqual([
      { dimension: 'me-2', value: 6 },
      { dimension: 'meaning', value: 6 },
      { dimension: 'wp-1', value: 5 },
      { dimension: 'workload-pace', value: 5 },
    ]);
    const twice = rollupEntriesFor({ 'me-1': 2, 'me-3': 5 });
    expect(!twice.ok && twice.errors).toEqual([{ code: 'category-answered-twice', category: 'meaning' }]);
    const edmOnly = rollupEntriesFor({ 'edm-ps-1': 2 });
    expect(edmOnly.ok && edmOnly.value).toEqual([{ dimension: 'edm-ps-1', value: 6 }]);
  });
});
