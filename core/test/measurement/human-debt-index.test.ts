import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';
import {
  GROUP_WEIGHTS,
  HUMAN_DEBT_INDEX_VERSION,
  anchoredDebt,
  hazardLedger,
  hazardScaleDebt,
  humanDebtIndex,
  overdueActions,
  positiveScaleDebt,
  roundContributions,
  type HumanDebtInput,
  type IndexComponent,
} from '../../src/measurement/human-debt-index';

/*
 * The worked example of docs/human-debt-index.md (k = 5).
 *
 * Psychological safety (Edmondson, n 8): mean 5.2 → (7 − 5.2)/6 × 100 = 30.00
 * Team dynamics: dependability 5.5 → 25.00; structure & clarity 4.0 → 50.00; meaning 6.1 → 15.00; impact: no data
 * Hazards (exposure, (mean − 1)/6 × 100): workload 4.9 → 65.00; hours 3.4 → 40.00; control 2.5 → 25.00;
 *   role clarity n 4 < k → suppressed; support 2.2 → 20.00; culture 1.6 → 10.00; recognition 3.1 → 35.00;
 *   home–work 3.7 → 45.00; job security: no data        → 7 included, Σ 240, group mean 34.2857
 * Meeting load (6 sharers ≥ k): focus 8 h → (20 − 8)/20 = 60.00; after-hours 2 h → 2/5 = 40.00; back-to-back 0.35
 *   → 35.00; group mean 45.00
 * Overdue actions as of 2026-11-26: due before then and not dropped: 5; not done: 2 → 40.00
 *
 * All five groups have data, so the group weights stay 0.25 / 0.20 / 0.30 / 0.15 / 0.10, shared inside a group:
 *   PS 0.25 × 30 = 7.50
 *   dynamics 0.20/3 each: 25 → 1.6667, 50 → 3.3333, 15 → 1.0000          (group 6.0000)
 *   hazards 0.30/7 each: 65 → 2.7857, 40 → 1.7143, 25 → 1.0714, 20 → 0.8571, 10 → 0.4286, 35 → 1.5000,
 *                        45 → 1.9286                                        (group 10.2857)
 *   meeting load 0.05 each: 60 → 3.00, 40 → 2.00, 35 → 1.75                (group 6.7500)
 *   actions 0.10 × 40 = 4.00
 * Index = 7.50 + 6.00 + 10.2857 + 6.75 + 4.00 = 34.5357 → 34.54
 */
const example: HumanDebtInput = {
  psychologicalSafety: { mean: 5.2, n: 8 },
  dynamics: {
    dependability: { mean: 5.5, n: 8 },
    'structure-clarity': { mean: 4.0, n: 7 },
    meaning: { mean: 6.1, n: 8 },
  },
  hazards: {
    'workload-pace': { mean: 4.9, n: 8 },
    hours: { mean: 3.4, n: 8 },
    control: { mean: 2.5, n: 6 },
    'role-clarity': { mean: 6.5, n: 4 },
    'support-supervision': { mean: 2.2, n: 8 },
    'culture-civility': { mean: 1.6, n: 7 },
    recognition: { mean: 3.1, n: 8 },
    'home-work-balance': { mean: 3.7, n: 8 },
  },
  meetingLoad: { sharers: 6, focusHoursPerPerson: 8, afterHoursPerPerson: 2, backToBackShare: 0.35 },
  actions: {
    asOf: '2026-11-26',
    items: [
      { due: '2026-11-02', status: 'done' },
      { due: '2026-11-10', status: 'open' },
      { due: '2026-11-16', status: 'in-progress' },
      { due: '2026-11-20', status: 'done' },
      { due: '2026-11-25', status: 'done' },
      { due: '2026-11-26', status: 'open' }, // due today: not overdue yet
      { due: '2026-11-05', status: 'dropped' }, // dropped on purpose: not debt
    ],
  },
};

const component = (components: IndexComponent[], key: string): IndexComponent => {
  const c = components.find((x) => x.key === key);
  if (!c) throw new Error(`no component ${key}`);
  return c;
};

describe('debt transforms', () => {
  it('maps scales and anchors onto 0–100', () => {
    expect(positiveScaleDebt(7)).toBe(0);
    expect(positiveScaleDebt(1)).toBe(100);
    expect(positiveScaleDebt(4)).toBe(50);
    expect(hazardScaleDebt(1)).toBe(0);
    expect(hazardScaleDebt(7)).toBe(100);
    expect(anchoredDebt(10, { noDebt: 20, fullDebt: 0 })).toBe(50); // the low-focus line
    expect(anchoredDebt(30, { noDebt: 20, fullDebt: 0 })).toBe(0);
    expect(anchoredDebt(1, { noDebt: 0, fullDebt: 5 })).toBe(20); // the after-hours threshold
    expect(anchoredDebt(9, { noDebt: 0, fullDebt: 5 })).toBe(100);
  });

  it('counts overdue actions against those due before the day', () => {
    expect(overdueActions('2026-11-26', example.actions?.items ?? [])).toEqual({ due: 5, overdue: 2 });
    expect(() => overdueActions('26/11/2026', [])).toThrow(ValidationError);
  });
});

describe('Human Debt index (worked example)', () => {
  const r = humanDebtIndex(example, { k: 5 });
  if (!r.available) throw new Error('expected an index');

  it('matches the hand computation to the second decimal', () => {
    expect(r.version).toBe(HUMAN_DEBT_INDEX_VERSION);
    expect(r.index).toBeCloseTo(34.54, 2);
  });

  it('lists every component with its debt, weight and contribution, and the contributions sum to the index', () => {
    expect(r.components).toHaveLength(1 + 4 + 9 + 3 + 1);
    const expected: [string, number, number][] = [
      ['psychological-safety', 30, 7.5],
      ['team-dynamics/dependability', 25, 1.6667],
      ['team-dynamics/structure-clarity', 50, 3.3333],
      ['team-dynamics/meaning', 15, 1.0],
      ['hazards/workload-pace', 65, 2.7857],
      ['hazards/hours', 40, 1.7143],
      ['hazards/control', 25, 1.0714],
      ['hazards/support-supervision', 20, 0.8571],
      ['hazards/culture-civility', 10, 0.4286],
      ['hazards/recognition', 35, 1.5],
      ['hazards/home-work-balance', 45, 1.9286],
      ['meeting-load/focus-hours', 60, 3.0],
      ['meeting-load/after-hours', 40, 2.0],
      ['meeting-load/back-to-back', 35, 1.75],
      ['overdue-actions', 40, 4.0],
    ];
    for (const [key, debt, contribution] of expected) {
      const c = component(r.components, key);
      expect(c.status).toBe('included');
      expect(c.debt).toBeCloseTo(debt, 2);
      expect(c.contribution).toBeCloseTo(contribution, 3);
    }
    const sum = r.components.reduce((s, c) => s + c.contribution, 0);
    expect(sum).toBeCloseTo(r.index, 12);
    expect(r.components.filter((c) => c.status === 'included').reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
    expect(r.groups.map((g) => [g.group, g.weight])).toEqual(
      Object.entries(GROUP_WEIGHTS).map(([g, w]) => [g, expect.closeTo(w, 12)]),
    );
    expect(r.groups.find((g) => g.group === 'hazards')?.debt).toBeCloseTo(34.29, 2);
  });

  it('shows suppressed and missing components without any number', () => {
    const role = component(r.components, 'hazards/role-clarity');
    expect(role).toMatchObject({ status: 'suppressed', weight: 0, contribution: 0 });
    expect(role.input).toBeUndefined();
    expect(role.debt).toBeUndefined();
    expect(JSON.stringify(role)).not.toContain('6.5');
    expect(component(r.components, 'team-dynamics/impact')).toMatchObject({ status: 'missing', contribution: 0 });
    expect(component(r.components, 'hazards/job-security').status).toBe('missing');
  });

  it('rounds for display so the shown contributions still add up to the shown index', () => {
    const shown = roundContributions(r, 1);
    expect(shown.index).toBe(34.5);
    const total = shown.contributions.reduce((s, c) => s + Math.round(c.contribution * 10), 0);
    expect(total).toBe(345);
    expect(shown.contributions.find((c) => c.key === 'hazards/workload-pace')?.contribution).toBe(2.8);
  });
});

describe('Human Debt index re-normalisation', () => {
  it('re-normalises over the groups that have data', () => {
    /*
     * Without meeting load and actions the present group weights 0.25 + 0.20 + 0.30 = 0.75 are scaled to 1:
     * index = (7.50 + 6.00 + 10.2857) / 0.75 = 23.7857 / 0.75 = 31.7143 → 31.71
     */
    const { meetingLoad: _m, actions: _a, ...rest } = example;
    const r = humanDebtIndex(rest, { k: 5 });
    if (!r.available) throw new Error('expected an index');
    expect(r.index).toBeCloseTo(31.71, 2);
    expect(component(r.components, 'psychological-safety').weight).toBeCloseTo(0.25 / 0.75, 12);
    expect(r.groups.find((g) => g.group === 'meeting-load')).toMatchObject({ weight: 0, contribution: 0 });
  });

  it('re-normalises inside a group: a missing hazard does not inflate the other groups', () => {
    const withJob = humanDebtIndex(
      { ...example, hazards: { ...example.hazards, 'job-security': { mean: 1.0, n: 8 } } },
      { k: 5 },
    );
    if (!withJob.available) throw new Error('expected an index');
    // Hazard group: 8 included, Σ debt 240 + 0 = 240 → mean 30 → group contribution 0.30 × 30 = 9.00
    // Index = 7.50 + 6.00 + 9.00 + 6.75 + 4.00 = 33.25
    expect(withJob.index).toBeCloseTo(33.25, 2);
    expect(component(withJob.components, 'psychological-safety').contribution).toBeCloseTo(7.5, 10);
  });

  it('drops meeting load shared by fewer than k people', () => {
    const r = humanDebtIndex({ ...example, meetingLoad: { ...example.meetingLoad, sharers: 4 } }, { k: 5 });
    if (!r.available) throw new Error('expected an index');
    const focus = component(r.components, 'meeting-load/focus-hours');
    expect(focus.status).toBe('suppressed');
    expect(focus.input).toBeUndefined();
    // (7.50 + 6.00 + 10.2857 + 4.00) / 0.85 = 27.7857 / 0.85 = 32.6891 → 32.69
    expect(r.index).toBeCloseTo(32.69, 2);
  });

  it('is unavailable, with every component listed, when nothing can be used', () => {
    const r = humanDebtIndex({ psychologicalSafety: { mean: 3, n: 2 } }, { k: 5 });
    expect(r.available).toBe(false);
    expect(r.components.find((c) => c.key === 'psychological-safety')?.status).toBe('suppressed');
    expect(JSON.stringify(r)).not.toMatch(/"index"|"debt"/);
  });

  it('refuses scale scores outside 1–7', () => {
    expect(() => humanDebtIndex({ psychologicalSafety: { mean: 0, n: 9 } })).toThrow(ValidationError);
  });
});

describe('hazard ledger', () => {
  /*
   * W45 workload-pace n 6, Σx 30 → mean 5.0 → debt (5 − 1)/6 × 100 = 66.67
   * W45 hours n 4 → suppressed (k 5)
   * W46 culture-civility n 5, Σx 10 → mean 2.0 → debt 16.67
   * W48 workload-pace n 5, Σx 10 → mean 2.0 → debt 16.67 (replaces W45's value from W48 on)
   */
  const rollups = [
    { week: '2026-W45', dimension: 'workload-pace', n: 6, sum: 30, sumSq: 156 },
    { week: '2026-W45', dimension: 'hours', n: 4, sum: 16, sumSq: 66 },
    { week: '2026-W45', dimension: 'meaning', n: 6, sum: 30, sumSq: 156 },
    { week: '2026-W46', dimension: 'culture-civility', n: 5, sum: 10, sumSq: 22 },
    { week: '2026-W48', dimension: 'workload-pace', n: 5, sum: 10, sumSq: 22 },
  ];
  const ledger = hazardLedger(rollups, { k: 5, toWeek: '2026-W50' });

  it('gives debt by hazard per week, carrying a measurement through the rest of its cycle', () => {
    expect(ledger.map((w) => w.week)).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49', '2026-W50']);
    const w45 = ledger[0];
    const wl = w45?.hazards['workload-pace'];
    expect(wl?.status === 'measured' && !wl.result.suppressed && wl.result.value.debt).toBeCloseTo(66.67, 2);
    expect(w45?.meanDebt).toBeCloseTo(66.67, 2);
    const w46 = ledger[1];
    // W46: workload carried from W45 (66.67) and culture (16.67) → mean 41.67
    expect(w46?.hazardsShown).toBe(2);
    expect(w46?.meanDebt).toBeCloseTo(41.67, 2);
    const w48wl = ledger[3]?.hazards['workload-pace'];
    expect(w48wl?.status === 'measured' && w48wl.measuredWeek).toBe('2026-W48');
    expect(w48wl?.status === 'measured' && !w48wl.result.suppressed && w48wl.result.value.debt).toBeCloseTo(16.67, 2);
    // W45's culture value is not there yet; W50 no longer carries W46 culture (4 weeks old).
    expect(w45?.hazards['culture-civility'].status).toBe('not-measured');
    expect(ledger[5]?.hazards['culture-civility'].status).toBe('not-measured');
    expect(ledger[5]?.hazards['job-security'].status).toBe('not-measured');
  });

  it('passes every cell through the gate and ignores non-hazard rollups', () => {
    const hours = ledger[0]?.hazards.hours;
    expect(hours?.status).toBe('measured');
    expect(hours?.status === 'measured' && hours.result).toMatchObject({ suppressed: true, reason: 'below-k' });
    expect(JSON.stringify(hours)).not.toMatch(/"mean"|"debt"/);
    expect(Object.keys(ledger[0]?.hazards ?? {})).not.toContain('meaning');
  });

  it('returns nothing for no rollups and refuses duplicates', () => {
    expect(hazardLedger([])).toEqual([]);
    expect(() => hazardLedger([rollups[0], rollups[0]].filter((r) => r !== undefined))).toThrow(ValidationError);
  });
});
