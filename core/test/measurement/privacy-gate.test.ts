import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';
import {
  DEFAULT_K,
  K_FLOOR,
  gate,
  planOrgRollup,
  releaseOrgRollup,
  resolveK,
  validateFilter,
  validateKSetting,
  type Gated,
  type OrgPlanNode,
  type OrgUnitCounts,
} from '../../src/measurement/privacy-gate';

const byId = (plan: OrgPlanNode): Map<string, OrgPlanNode> => {
  const m = new Map<string, OrgPlanNode>();
  const walk = (p: OrgPlanNode) => {
    m.set(p.id, p);
    p.children.forEach(walk);
  };
  walk(plan);
  return m;
};

describe('k configuration', () => {
  it('defaults to 5, never goes below 3, and lets a team tighten but not loosen its tenant', () => {
    expect(DEFAULT_K).toBe(5);
    expect(resolveK()).toBe(5);
    expect(resolveK({ tenantK: 3 })).toBe(3);
    expect(resolveK({ tenantK: 2 })).toBe(K_FLOOR); // a stored 2 is raised to 3, not trusted
    expect(resolveK({ tenantK: 0 })).toBe(3);
    expect(resolveK({ tenantK: 5, teamK: 3 })).toBe(5);
    expect(resolveK({ tenantK: 5, teamK: 8 })).toBe(8);
    expect(resolveK({ tenantK: 3, teamK: 4 })).toBe(4);
    expect(resolveK({ tenantK: Number.NaN, teamK: null })).toBe(5);
  });

  it('has a validator that rejects k below 3 instead of fixing it', () => {
    expect(validateKSetting(5)).toEqual({ ok: true, k: 5 });
    expect(validateKSetting(3)).toEqual({ ok: true, k: 3 });
    expect(validateKSetting(2)).toEqual({ ok: false, message: 'k cannot be below 3' });
    expect(validateKSetting(4.5)).toEqual({ ok: false, message: 'k must be a whole number' });
    expect(validateKSetting('5').ok).toBe(false);
    expect(validateKSetting(1000).ok).toBe(false);
  });
});

describe('gate', () => {
  it('releases at exactly k and suppresses at k − 1, without computing the hidden value', () => {
    let calls = 0;
    const produce = () => {
      calls++;
      return { mean: 4.2, histogram: [1, 0, 0, 2, 1, 0, 0] };
    };
    const below = gate(4, produce, 5);
    expect(below).toEqual({
      suppressed: true,
      k: 5,
      reason: 'below-k',
      message: 'Hidden to protect anonymity: results are shown only when at least 5 people answered.',
    });
    expect(calls).toBe(0);
    // No number, histogram or trend at all — not even as undefined keys.
    expect(Object.keys(below).sort()).toEqual(['k', 'message', 'reason', 'suppressed']);
    expect(JSON.stringify(below)).not.toMatch(/4\.2|histogram|"n"|trend/);

    const at = gate(5, produce, 5);
    expect(at.suppressed).toBe(false);
    expect(!at.suppressed && at.value.mean).toBe(4.2);
    expect(!at.suppressed && at.n).toBe(5);
    expect(calls).toBe(1);
  });

  it('never applies a k below 3, whatever the caller passes', () => {
    expect(gate(2, () => 1, 1)).toMatchObject({ suppressed: true, k: 3, reason: 'below-k' });
    expect(gate(3, () => 1, 1)).toMatchObject({ suppressed: false, k: 3 });
    expect(gate(5, () => 1, Number.NaN)).toMatchObject({ suppressed: false, k: 5 });
    expect(gate(5, () => 1, 4.2)).toMatchObject({ k: 5 });
  });

  it('fails closed on a count that is not a whole number', () => {
    expect(gate(Number.NaN, () => 1)).toMatchObject({ suppressed: true, reason: 'invalid-count' });
    expect(gate(5.5, () => 1)).toMatchObject({ suppressed: true, reason: 'invalid-count' });
    expect(gate(-1, () => 1)).toMatchObject({ suppressed: true, reason: 'invalid-count' });
  });

  it('follows a team that shrinks mid-window week by week', () => {
    const weeks = [6, 5, 4, 5].map((n) => gate(n, () => ({ mean: 5 }), 5));
    expect(weeks.map((w) => w.suppressed)).toEqual([false, false, true, false]);
  });

  it('makes it a type error to put a number on a suppressed result', () => {
    const g: Gated<{ mean: number }> = gate(1, () => ({ mean: 1 }));
    if (g.suppressed) {
      // @ts-expect-error — a Suppressed result has no value
      const v: { mean: number } = g.value;
      expect(v).toBeUndefined();
    }
  });
});

describe('org roll-up: complementary suppression', () => {
  it('hides the next-smallest sibling when one is below k, so the parent total stays safe to show', () => {
    // P = 20 = A 2 + B 6 + C 12. Showing P, B and C would give A = P − B − C (2 people).
    // Hide B too: P − C = A + B = 8 people ≥ 5.
    const plan = byId(
      planOrgRollup(
        {
          id: 'P',
          n: 20,
          children: [
            { id: 'A', n: 2 },
            { id: 'B', n: 6 },
            { id: 'C', n: 12 },
          ],
        },
        5,
      ),
    );
    expect(plan.get('A')).toMatchObject({ visible: false, reason: 'below-k' });
    expect(plan.get('B')).toMatchObject({ visible: false, reason: 'complementary' });
    expect(plan.get('C')).toMatchObject({ visible: true });
    expect(plan.get('P')).toMatchObject({ visible: true });
  });

  it('repeats while the parent total minus the visible siblings would still reveal fewer than k', () => {
    // P = 15 = A 1 + B 3 + C 3 + D 8: three siblings below k, hidden mass 1 + 3 + 3 = 7 ≥ 5 → D and P stay.
    const plan1 = byId(
      planOrgRollup(
        {
          id: 'P',
          n: 15,
          children: [
            { id: 'A', n: 1 },
            { id: 'B', n: 3 },
            { id: 'C', n: 3 },
            { id: 'D', n: 8 },
          ],
        },
        5,
      ),
    );
    expect(plan1.get('D')).toMatchObject({ visible: true });
    expect(plan1.get('P')).toMatchObject({ visible: true });
    // P = 17 = A 1 + B 5 + C 5 + D 6: gap 1 → hide B (smallest; the tie with C is broken by id) → gap 6 ≥ 5.
    const plan2 = byId(
      planOrgRollup(
        {
          id: 'P',
          n: 17,
          children: [
            { id: 'A', n: 1 },
            { id: 'B', n: 5 },
            { id: 'C', n: 5 },
            { id: 'D', n: 6 },
          ],
        },
        5,
      ),
    );
    expect(plan2.get('B')).toMatchObject({ visible: false, reason: 'complementary' });
    expect(plan2.get('C')).toMatchObject({ visible: true });
    // k = 8, P = 27 = A 1 + B 8 + C 8 + D 10: gap 1 → hide B → 9 ≥ 8 after one round.
    const plan3 = byId(
      planOrgRollup(
        {
          id: 'P',
          n: 27,
          children: [
            { id: 'A', n: 1 },
            { id: 'B', n: 8 },
            { id: 'C', n: 8 },
            { id: 'D', n: 10 },
          ],
        },
        8,
      ),
    );
    expect(plan3.get('B')).toMatchObject({ visible: false, reason: 'complementary' });
    expect(plan3.get('C')).toMatchObject({ visible: true });
    // Hiding a sibling only helps if it removes people the observer cannot otherwise account for. B's people are
    // all visible through B1 and B2, so hiding B would change nothing (P − B1 − B2 − C still = A): skip to C.
    // (A visible sibling's unexplained part is 0 or ≥ k, so one useful round always suffices; the loop exists for
    // these zero-gain siblings.)
    const plan4 = byId(
      planOrgRollup(
        {
          id: 'P',
          n: 24,
          children: [
            { id: 'A', n: 2 },
            {
              id: 'B',
              n: 10,
              children: [
                { id: 'B1', n: 5 },
                { id: 'B2', n: 5 },
              ],
            },
            { id: 'C', n: 12 },
          ],
        },
        5,
      ),
    );
    expect(plan4.get('B')).toMatchObject({ visible: true });
    expect(plan4.get('C')).toMatchObject({ visible: false, reason: 'complementary' });
    expect(plan4.get('P')).toMatchObject({ visible: true });
  });

  it('does not hide more than needed when the small siblings together already reach k', () => {
    // A 2 + C 4 = 6 ≥ 5: P − B reveals only the combined 6 people.
    const plan = byId(
      planOrgRollup(
        {
          id: 'P',
          n: 20,
          children: [
            { id: 'A', n: 2 },
            { id: 'C', n: 4 },
            { id: 'B', n: 14 },
          ],
        },
        5,
      ),
    );
    expect(plan.get('B')).toMatchObject({ visible: true });
    expect(plan.get('P')).toMatchObject({ visible: true });
  });

  it('treats people sitting directly in a unit like a small sibling', () => {
    // P = 13 = B 6 + C 6 + 1 person directly in P: P − B − C would be that one person.
    const plan = byId(
      planOrgRollup(
        {
          id: 'P',
          n: 13,
          children: [
            { id: 'B', n: 6 },
            { id: 'C', n: 6 },
          ],
        },
        5,
      ),
    );
    expect([plan.get('B')?.visible, plan.get('C')?.visible].filter((v) => v === false)).toHaveLength(1);
    expect(plan.get('P')).toMatchObject({ visible: true });
  });

  it('hides the parent total when no sibling can absorb the small group (the other is shown elsewhere anyway)', () => {
    // A 4 and B 5; B is a team whose own dashboard shows its score. Hiding B here would not stop P − B = A.
    const plan = byId(
      planOrgRollup(
        {
          id: 'P',
          n: 9,
          children: [
            { id: 'A', n: 4 },
            { id: 'B', n: 5, releasedElsewhere: true },
          ],
        },
        5,
      ),
    );
    expect(plan.get('B')).toMatchObject({ visible: true });
    expect(plan.get('P')).toMatchObject({ visible: false, reason: 'would-reveal-smaller-group' });
  });

  it('carries a hidden parent’s small group up to the grandparent', () => {
    // G = P 9 + Q 10. P = A 4 + B 5 (B shown elsewhere) → P hidden. At G: Q shown, B known ⇒ G − Q − B = A (4)!
    // So G must hide Q (complementary): then G − B = A + Q = 14.
    const root: OrgUnitCounts = {
      id: 'G',
      n: 19,
      children: [
        {
          id: 'P',
          n: 9,
          children: [
            { id: 'A', n: 4 },
            { id: 'B', n: 5, releasedElsewhere: true },
          ],
        },
        { id: 'Q', n: 10 },
      ],
    };
    const plan = byId(planOrgRollup(root, 5));
    expect(plan.get('P')?.visible).toBe(false);
    expect(plan.get('Q')).toMatchObject({ visible: false, reason: 'complementary' });
    expect(plan.get('G')?.visible).toBe(true);
  });

  it('releases values only for visible units and never computes the others', () => {
    const asked: string[] = [];
    const out = releaseOrgRollup(
      {
        id: 'P',
        n: 20,
        children: [
          { id: 'A', n: 2 },
          { id: 'B', n: 6 },
          { id: 'C', n: 12 },
        ],
      },
      (id) => {
        asked.push(id);
        return { mean: id.length };
      },
      5,
    );
    expect(asked.sort()).toEqual(['C', 'P']);
    expect(out.result.suppressed).toBe(false);
    const [a, b, c] = out.children;
    expect(a?.result).toMatchObject({ suppressed: true, reason: 'below-k' });
    expect(b?.result).toMatchObject({ suppressed: true, reason: 'complementary' });
    expect(c?.result.suppressed).toBe(false);
    expect(Object.keys(b?.result ?? {}).sort()).toEqual(['k', 'message', 'reason', 'suppressed']);
  });

  it('rejects impossible trees', () => {
    expect(() => planOrgRollup({ id: 'P', n: 5, children: [{ id: 'A', n: 6 }] })).toThrow(ValidationError);
    expect(() => planOrgRollup({ id: 'P', n: 10, children: [{ id: 'P', n: 6 }] })).toThrow(ValidationError);
    expect(() => planOrgRollup({ id: 'P', n: 2.5 })).toThrow(ValidationError);
  });

  /*
   * The attack test. Build random org trees with real people, let the plan decide, then play the attacker: from the
   * released totals (this view plus units shown elsewhere) the smallest groups one can isolate by subtraction are,
   * for each released unit X, X's members minus the members of released units strictly inside it. Every such group
   * must be empty or have at least k people. Nested totals allow nothing finer (their indicator vectors are
   * linearly independent and these differences are exactly the cells of the partition they generate).
   */
  it('survives a subtraction attack on 500 random org trees', () => {
    let seed = 12345;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    type Unit = { id: string; direct: string[]; children: Unit[]; elsewhere: boolean };
    let counter = 0;
    const makeUnit = (depth: number): Unit => {
      const id = `u${counter++}`;
      const direct = Array.from({ length: rand() < 0.5 ? 0 : Math.floor(rand() * 4) }, (_, i) => `${id}-p${i}`);
      const kids = depth < 2 ? Math.floor(rand() * 4) : 0;
      const children = Array.from({ length: kids }, () => makeUnit(depth + 1));
      if (kids === 0) direct.push(...Array.from({ length: 1 + Math.floor(rand() * 9) }, (_, i) => `${id}-m${i}`));
      return { id, direct, children, elsewhere: kids === 0 && rand() < 0.3 };
    };
    const members = (u: Unit): string[] => [...u.direct, ...u.children.flatMap(members)];
    const toCounts = (u: Unit): OrgUnitCounts => ({
      id: u.id,
      n: members(u).length,
      children: u.children.map(toCounts),
      releasedElsewhere: u.elsewhere,
    });
    let hiddenSomething = 0;
    for (let t = 0; t < 500; t++) {
      const k = 3 + Math.floor(rand() * 4);
      const root = makeUnit(0);
      const plan = byId(planOrgRollup(toCounts(root), k));
      const released: { id: string; set: Set<string> }[] = [];
      const walk = (u: Unit) => {
        const p = plan.get(u.id) as OrgPlanNode;
        const set = new Set(members(u));
        if (p.visible || (u.elsewhere && set.size >= k)) released.push({ id: u.id, set });
        if (p.visible) expect(set.size).toBeGreaterThanOrEqual(k);
        else hiddenSomething++;
        u.children.forEach(walk);
      };
      walk(root);
      for (const x of released) {
        const isolated = new Set(x.set);
        for (const y of released) {
          if (y.id === x.id || y.set.size >= x.set.size) continue;
          if ([...y.set].every((m) => x.set.has(m))) for (const m of y.set) isolated.delete(m);
        }
        expect(isolated.size === 0 || isolated.size >= k).toBe(true);
      }
    }
    expect(hiddenSomething).toBeGreaterThan(100); // the trees really exercised suppression
  });
});

describe('filters', () => {
  const team = Array.from({ length: 12 }, (_, i) => `m${i}`);

  it('refuses a filter that cuts the group below k — at k − 1 — and allows exactly k', () => {
    expect(validateFilter({ group: team, selected: team.slice(0, 4) }, 5)).toEqual({
      allowed: false,
      k: 5,
      reason: 'filter-below-k',
      message: 'This filter would show fewer than 5 people, so it cannot be applied.',
    });
    expect(validateFilter({ group: team, selected: team.slice(0, 5) }, 5)).toEqual({ allowed: true, k: 5 });
  });

  it('refuses a filter that leaves fewer than k people outside it (group total − filtered total)', () => {
    const r = validateFilter({ group: team, selected: team.slice(0, 10) }, 5);
    expect(r).toMatchObject({ allowed: false, reason: 'remainder-below-k' });
    expect(validateFilter({ group: team, selected: team }, 5).allowed).toBe(true);
    expect(validateFilter({ group: team, selected: team.slice(0, 7) }, 5).allowed).toBe(true);
  });

  it('stops a differencing attack with two overlapping groups', () => {
    // "Location = Oslo" (m0..m5) was shown; now "Oslo or on-call" adds one person (m6): the difference is m6.
    const shown = [team.slice(0, 6)];
    const r = validateFilter({ group: team, selected: team.slice(0, 7), released: shown }, 5);
    expect(r).toMatchObject({ allowed: false, reason: 'would-isolate-small-group' });
    // Overlapping the other way: earlier m0..m6, now m1..m7 → one person out, one in.
    const r2 = validateFilter({ group: team, selected: team.slice(1, 8), released: [team.slice(0, 7)] }, 5);
    expect(r2).toMatchObject({ allowed: false, reason: 'would-isolate-small-group' });
  });

  it('stays consistent over repeated queries with different filters', () => {
    const released: string[][] = [];
    const ask = (selected: string[]) => {
      const d = validateFilter({ group: team, selected, released }, 5);
      if (d.allowed) released.push(selected);
      return d.allowed;
    };
    expect(ask(team.slice(0, 5))).toBe(true); // m0..m4
    expect(ask(team.slice(0, 6))).toBe(false); // (m0..m5) − (m0..m4) = m5 alone
    // Disjoint from the first and 5 ≥ k, and 7 outside it — but group − first − this = m10, m11: a three-way
    // subtraction that checking pairs of queries would miss.
    expect(ask(team.slice(5, 10))).toBe(false);
    expect(ask(team.slice(0, 7))).toBe(false); // (m0..m6) − (m0..m4) = 2 people
    expect(ask(team.slice(3, 9))).toBe(false); // overlap m3, m4: cells of 3, 2, 4, 3 people
    expect(ask(team.slice(5, 12))).toBe(true); // the complement of the first: cells of 5 and 7
    expect(ask(team.slice(0, 10))).toBe(false); // remainder 2
    expect(released).toEqual([team.slice(0, 5), team.slice(5, 12)]);
    // Whatever was released, every cell (people with the same membership pattern) has ≥ k people.
    const cells = new Map<string, number>();
    for (const m of team) {
      const sig = released.map((r) => (r.includes(m) ? 1 : 0)).join('');
      cells.set(sig, (cells.get(sig) ?? 0) + 1);
    }
    expect([...cells.values()].every((n) => n >= 5)).toBe(true);
  });

  it('refuses members outside the group and never adjusts the request', () => {
    const selected = [...team.slice(0, 6), 'stranger'];
    const r = validateFilter({ group: team, selected }, 5);
    expect(r).toMatchObject({ allowed: false, reason: 'not-within-group' });
    expect(selected).toHaveLength(7);
  });
});
