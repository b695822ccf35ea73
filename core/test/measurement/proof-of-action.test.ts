import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';
import {
  formatPoints,
  proofOfAction,
  proofOfActionForAction,
  welchInterval,
  type WeeklySums,
} from '../../src/measurement/proof-of-action';
import { studentTCdf, studentTQuantile } from '../../src/measurement/student-t';
import { addWeeks } from '../../src/time/iso-week';

describe('Student t quantile', () => {
  it('matches the t table to 3 decimals', () => {
    const table: [number, number, number][] = [
      [0.975, 1, 12.706],
      [0.975, 2, 4.303],
      [0.975, 5, 2.571],
      [0.975, 10, 2.228],
      [0.975, 20, 2.086],
      [0.975, 30, 2.042],
      [0.975, 38, 2.024],
      [0.975, 120, 1.98],
      [0.995, 10, 3.169],
      [0.95, 7, 1.895],
    ];
    for (const [p, df, t] of table) expect(studentTQuantile(p, df)).toBeCloseTo(t, 3);
  });

  it('tends to the normal 1.960 for large df and is symmetric', () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.96, 3);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959964, 6);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228, 3);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTCdf(studentTQuantile(0.975, 7.3), 7.3)).toBeCloseTo(0.975, 10); // non-integer df (Welch)
    expect(studentTQuantile(1, 5)).toBeNaN();
  });
});

describe("Welch's interval (hand-computed)", () => {
  /*
   * Before: n₁ = 10, mean 4.0, s₁² = 1.00 → Σx = 40, Σx² = 9·1 + 40²/10 = 169
   * After:  n₂ = 12, mean 4.8, s₂² = 1.44 → Σx = 57.6, Σx² = 11·1.44 + 57.6²/12 = 15.84 + 276.48 = 292.32
   * s₁²/n₁ = 0.10, s₂²/n₂ = 0.12, se = √0.22 = 0.469042
   * df = 0.22² / (0.10²/9 + 0.12²/11) = 0.0484 / (0.00111111 + 0.00130909) = 0.0484 / 0.00242020 = 19.9983
   * t(0.975, 19.9983) ≈ t(0.975, 20) = 2.085963 (+0.000012 for the 0.0017 df short) = 2.085975
   * half-width = 2.085975 · 0.469042 = 0.978409 → interval 0.8 ± 0.978409 = [−0.178409, 1.778409] → −0.18 to 1.78
   */
  it('gives the difference, Welch–Satterthwaite df and the 95 % interval to 2 decimals', () => {
    const w = welchInterval({ n: 10, sum: 40, sumSq: 169 }, { n: 12, sum: 57.6, sumSq: 292.32 });
    expect(w.difference).toBeCloseTo(0.8, 10);
    expect(w.se).toBeCloseTo(0.469042, 6);
    expect(w.df).toBeCloseTo(19.9983, 4);
    expect(w.tCritical).toBeCloseTo(2.086, 3);
    expect(w.lower).toBeCloseTo(-0.18, 2);
    expect(w.upper).toBeCloseTo(1.78, 2);
    expect(w.lower).toBeCloseTo(-0.178409, 5);
  });

  it('collapses to the difference when neither group varies', () => {
    const w = welchInterval({ n: 5, sum: 20, sumSq: 80 }, { n: 5, sum: 25, sumSq: 125 });
    expect([w.lower, w.difference, w.upper]).toEqual([1, 1, 1]);
    expect(() => welchInterval({ n: 1, sum: 4, sumSq: 16 }, { n: 5, sum: 25, sumSq: 125 })).toThrow(ValidationError);
  });
});

/*
 * Proof-of-action fixture. Action started Tuesday 3 Nov 2026 (ISO week 2026-W45, which belongs to neither window).
 * Baseline = W41–W44, follow-up = W46–W49.
 *
 * Each baseline week: answers 3, 4, 4, 5, 4 → n 5, Σx 20, Σx² 9+16+16+25+16 = 82.
 * Each follow-up week: answers 4, 5, 5, 6, 5 → n 5, Σx 25, Σx² 16+25+25+36+25 = 127.
 * Pooled over 4 weeks: before n 20, Σx 80, Σx² 328 → mean 4.0, s² = (328 − 80²/20)/19 = 8/19 = 0.421053
 *                      after  n 20, Σx 100, Σx² 508 → mean 5.0, s² = (508 − 100²/20)/19 = 8/19
 * Equal n and variances → df = 2·19 = 38;  se = √(2 · (8/19)/20) = √(0.0421053) = 0.205196
 * t(0.975, 38) = 2.024394 → half-width 0.415399 → interval 1.0 ± 0.415399 = [0.584601, 1.415399] → 0.58 to 1.42
 */
const START = '2026-11-03T09:30:00Z';
const weeks = (first: string, count: number, s: Omit<WeeklySums, 'week'>): WeeklySums[] =>
  Array.from({ length: count }, (_, i) => ({ week: addWeeks(first, i), ...s }));
const LOW = { n: 5, sum: 20, sumSq: 82 };
const HIGH = { n: 5, sum: 25, sumSq: 127 };
const beforeWeeks = (s = LOW) => weeks('2026-W41', 4, s);
const afterWeeks = (s = HIGH) => weeks('2026-W46', 4, s);

describe('proof of action', () => {
  it('reports an improvement in a dimension with the hand-computed interval and a sentence that says what was compared', () => {
    const r = proofOfAction({
      target: { kind: 'dimension', key: 'psychological-safety' },
      start: START,
      weekly: [...beforeWeeks(), ...afterWeeks(), { week: '2026-W45', n: 6, sum: 6, sumSq: 6 }],
    });
    if (r.state === 'not-enough-evidence') throw new Error('expected evidence');
    expect(r.state).toBe('improved');
    expect(r.direction).toBe('higher-is-better');
    expect(r.startWeek).toBe('2026-W45');
    expect(r.before).toMatchObject({
      n: 20,
      mean: 4,
      weeksUsable: 4,
      span: { fromWeek: '2026-W41', toWeek: '2026-W44' },
    });
    expect(r.after).toMatchObject({
      n: 20,
      mean: 5,
      weeksUsable: 4,
      span: { fromWeek: '2026-W46', toWeek: '2026-W49' },
    });
    expect(r.before.sd).toBeCloseTo(Math.sqrt(8 / 19), 10);
    expect(r.effect.df).toBeCloseTo(38, 10);
    expect(r.effect.se).toBeCloseTo(0.205196, 6);
    expect(r.effect.tCritical).toBeCloseTo(2.024394, 5);
    expect(r.effect.lower).toBeCloseTo(0.58, 2);
    expect(r.effect.upper).toBeCloseTo(1.42, 2);
    expect(r.explanation).toBe(
      'Compared 4 weeks before 3 Nov (n=20) with 4 weeks after (n=20): ' +
        'psychological safety rose by 1.0 points (95 % interval 0.6 to 1.4).',
    );
  });

  it('counts a fall in a hazard as an improvement (lower is better) and says so', () => {
    const r = proofOfAction({
      target: { kind: 'hazard', key: 'workload-pace' },
      start: START,
      weekly: [...beforeWeeks(HIGH), ...afterWeeks(LOW)],
    });
    expect(r.state).toBe('improved');
    expect(r.direction).toBe('lower-is-better');
    expect(r.explanation).toBe(
      'Compared 4 weeks before 3 Nov (n=20) with 4 weeks after (n=20): ' +
        'workload and pace fell by 1.0 points (95 % interval −1.4 to −0.6; lower is better).',
    );
  });

  it('reports worsened for a dimension that fell and for a hazard that rose', () => {
    const dim = proofOfAction({
      target: { kind: 'dimension', key: 'meaning' },
      start: START,
      weekly: [...beforeWeeks(HIGH), ...afterWeeks(LOW)],
    });
    expect(dim.state).toBe('worsened');
    const haz = proofOfAction({
      target: { kind: 'hazard', key: 'hours' },
      start: START,
      weekly: [...beforeWeeks(LOW), ...afterWeeks(HIGH)],
    });
    expect(haz.state).toBe('worsened');
  });

  it('reports no detectable change when the interval spans zero', () => {
    // After weeks: 3, 4, 5, 5, 4 → Σx 21, Σx² 91; pooled mean 4.2 vs 4.0, interval ≈ −0.26 to 0.66.
    const r = proofOfAction({
      target: { kind: 'dimension', key: 'impact' },
      start: START,
      weekly: [...beforeWeeks(), ...afterWeeks({ n: 5, sum: 21, sumSq: 91 })],
    });
    if (r.state === 'not-enough-evidence') throw new Error('expected evidence');
    expect(r.state).toBe('no-detectable-change');
    expect(r.effect.lower).toBeLessThan(0);
    expect(r.effect.upper).toBeGreaterThan(0);
    expect(r.explanation).toBe(
      'Compared 4 weeks before 3 Nov (n=20) with 4 weeks after (n=20): ' +
        'impact rose by 0.2 points (95 % interval −0.3 to 0.7), which is not a detectable change.',
    );
  });

  it('gates every week by k: exactly k counts, k − 1 does not', () => {
    const atK = proofOfAction(
      { target: { kind: 'dimension', key: 'meaning' }, start: START, weekly: [...beforeWeeks(), ...afterWeeks()] },
      { k: 5 },
    );
    expect(atK.state).toBe('improved');
    const belowK = proofOfAction(
      { target: { kind: 'dimension', key: 'meaning' }, start: START, weekly: [...beforeWeeks(), ...afterWeeks()] },
      { k: 6 },
    );
    expect(belowK.state).toBe('not-enough-evidence');
    expect(belowK.k).toBe(6);
  });

  it('handles a team that shrinks mid-window: small weeks drop out, and with too few left no numbers are shown', () => {
    const shrinking = [
      { week: '2026-W46', n: 6, sum: 30, sumSq: 152 },
      { week: '2026-W47', n: 5, sum: 25, sumSq: 127 },
      { week: '2026-W48', n: 4, sum: 20, sumSq: 102 },
      { week: '2026-W49', n: 4, sum: 20, sumSq: 102 },
    ];
    const r = proofOfAction({
      target: { kind: 'dimension', key: 'meaning' },
      start: START,
      weekly: [...beforeWeeks(), ...shrinking],
    });
    if (r.state === 'not-enough-evidence') throw new Error('two weeks are still enough');
    expect(r.after.weeksUsable).toBe(2);
    expect(r.after.n).toBe(11); // only the weeks with ≥ 5 people
    expect(r.explanation).toMatch(/with 2 of the 4 weeks after \(n=11\)/);

    const worse = shrinking.map((w, i) => (i === 0 ? w : { ...w, n: 4, sum: 20, sumSq: 102 }));
    const none = proofOfAction({
      target: { kind: 'dimension', key: 'meaning' },
      start: START,
      weekly: [...beforeWeeks(), ...worse],
    });
    expect(none.state).toBe('not-enough-evidence');
    expect(none.explanation).toBe(
      'Not enough evidence yet: each window needs 2 weeks with answers from at least 5 people, ' +
        'and the 4 weeks after 3 Nov have 1.',
    );
    // No means, sds or counts of people anywhere in the result.
    const json = JSON.stringify(none);
    expect(json).not.toMatch(/"mean"|"sd"|"n"|"effect"|"sum"/);
    expect(Object.keys(none.after).sort()).toEqual(['span', 'weeksNeeded', 'weeksUsable']);
  });

  it('waits for weeks that are still collecting answers and uses configurable windows', () => {
    const weekly = [...beforeWeeks(), ...afterWeeks()];
    const early = proofOfAction(
      { target: { kind: 'dimension', key: 'meaning' }, start: START, weekly },
      { completedThroughWeek: '2026-W46' },
    );
    expect(early.state).toBe('not-enough-evidence');
    expect(early.after.weeksUsable).toBe(1);
    const short = proofOfAction(
      { target: { kind: 'dimension', key: 'meaning' }, start: START, weekly },
      { beforeWeeks: 2, afterWeeks: 2 },
    );
    expect(short.state).toBe('improved');
    expect(short.explanation).toMatch(/^Compared 2 weeks before 3 Nov \(n=10\) with 2 weeks after \(n=10\)/);
  });

  it('says which window lacks evidence when both do', () => {
    const r = proofOfAction({ target: { kind: 'dimension', key: 'meaning' }, start: START, weekly: [] });
    expect(r.explanation).toBe(
      'Not enough evidence yet: each window needs 2 weeks with answers from at least 5 people, ' +
        'and the 4 weeks before 3 Nov have 0 while the 4 weeks after have 0.',
    );
  });

  it('uses the action document’s start and refuses bad input', () => {
    const weekly = [...beforeWeeks(), ...afterWeeks()];
    const r = proofOfActionForAction(
      { target: { kind: 'dimension', key: 'dependability' }, startedAt: START, createdAt: '2026-10-01T00:00:00Z' },
      weekly,
    );
    expect(r.startWeek).toBe('2026-W45');
    expect(() => proofOfActionForAction({ createdAt: START }, weekly)).toThrow(ValidationError);
    expect(() => proofOfAction({ target: { kind: 'hazard', key: 'meaning' }, start: START, weekly })).toThrow(
      ValidationError,
    );
    expect(() => proofOfAction({ target: { kind: 'dimension', key: 'nope' }, start: START, weekly })).toThrow(
      ValidationError,
    );
    expect(() =>
      proofOfAction({
        target: { kind: 'dimension', key: 'meaning' },
        start: START,
        weekly: [...weekly, weekly[0] as WeeklySums],
      }),
    ).toThrow(ValidationError);
    expect(() =>
      proofOfAction({
        target: { kind: 'dimension', key: 'meaning' },
        start: START,
        weekly: [{ week: '2026-W46', n: 5, sum: 50, sumSq: 500 }],
      }),
    ).toThrow(ValidationError);
    expect(() => proofOfAction({ target: { kind: 'dimension', key: 'meaning' }, start: 'soon', weekly })).toThrow(
      ValidationError,
    );
  });

  it('formats points with one decimal and a real minus sign', () => {
    expect(formatPoints(0.583)).toBe('0.6');
    expect(formatPoints(-1.415)).toBe('−1.4');
    expect(formatPoints(-0.04)).toBe('0.0');
  });
});
