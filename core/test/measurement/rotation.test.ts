import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors';
import { CATEGORY_KEYS, EDMONDSON_ITEMS, pulseItemsInCategory } from '../../src/measurement/items';
import {
  MAX_WEEKLY_ITEMS,
  MIN_WEEKLY_ITEMS,
  composePulse,
  cycleSchedule,
  validateRotation,
  weekIndexOf,
} from '../../src/measurement/rotation';
import { rotationKeyInput, respondentKeyInput } from '../../src/measurement/pseudonym';
import { addWeeks } from '../../src/time/iso-week';

const people = Array.from({ length: 40 }, (_, i) => `person-key-${i}`);
const teams = ['team-a', 'team-b', 'team-c'];
const setKey = (ids: string[]) => [...ids].sort().join(',');

describe('week index', () => {
  it('counts whole weeks and crosses year ends', () => {
    expect(weekIndexOf('1970-W02')).toBe(0);
    expect(weekIndexOf(addWeeks('2026-W52', 2)) - weekIndexOf('2026-W52')).toBe(2);
    expect(weekIndexOf('2027-W01') - weekIndexOf('2026-W53')).toBe(1);
  });
});

describe('weekly pulse composition', () => {
  it('covers every category exactly once within each cycle, for every team', () => {
    for (const team of teams) {
      for (let cycle = 0; cycle < 30; cycle++) {
        const seen = cycleSchedule(team, cycle).flat();
        expect(seen.sort()).toEqual([...CATEGORY_KEYS].sort());
      }
    }
  });

  it('asks each person 3–5 items a week, at most one per category, all from the non-Edmondson bank', () => {
    for (const team of teams) {
      for (const p of people) {
        for (let w = 2900; w < 2960; w++) {
          const plan = composePulse({ teamSeed: team, personSeed: p, week: w, edmondsonEveryWeeks: 'off' });
          expect(plan.weeklyItems.length).toBeGreaterThanOrEqual(MIN_WEEKLY_ITEMS);
          expect(plan.weeklyItems.length).toBeLessThanOrEqual(MAX_WEEKLY_ITEMS);
          const cats = plan.weeklyItems.map((i) => i.category);
          expect(new Set(cats).size).toBe(cats.length);
          expect(plan.weeklyItems.every((i) => i.instrument === 'pulse')).toBe(true);
        }
      }
    }
  });

  it('covers every category for every person over each cycle', () => {
    const p = people[3] as string;
    for (let cycle = 700; cycle < 720; cycle++) {
      const cats: string[] = [];
      for (let w = cycle * 4; w < cycle * 4 + 4; w++) {
        cats.push(...composePulse({ teamSeed: 'team-a', personSeed: p, week: w }).weeklyItems.map((i) => i.category));
      }
      expect(cats.sort()).toEqual([...CATEGORY_KEYS].sort());
    }
  });

  it('never gives a person the same item set two weeks in a row — not even one repeated item', () => {
    for (const team of teams) {
      for (const p of people) {
        let previous: string[] | undefined;
        for (let w = 2900; w < 3000; w++) {
          const ids = composePulse({ teamSeed: team, personSeed: p, week: w }).weeklyItems.map((i) => i.id);
          if (previous !== undefined) {
            expect(setKey(ids)).not.toBe(setKey(previous));
            expect(ids.filter((id) => previous?.includes(id))).toEqual([]);
          }
          previous = ids;
        }
      }
    }
  });

  it('rotates a person through every item of a category over successive cycles', () => {
    const p = 'person-key-7';
    for (const category of CATEGORY_KEYS) {
      const seen = new Set<string>();
      const m = pulseItemsInCategory(category).length;
      for (let cycle = 500; cycle < 500 + m; cycle++) {
        for (let w = cycle * 4; w < cycle * 4 + 4; w++) {
          for (const i of composePulse({ teamSeed: 'team-a', personSeed: p, week: w }).weeklyItems) {
            if (i.category === category) seen.add(i.id);
          }
        }
      }
      expect(seen.size).toBe(m);
    }
  });

  it('gives different people different draws, while the team shares the week’s categories', () => {
    const week = '2026-W48';
    const plans = people.map((p) => composePulse({ teamSeed: 'team-a', personSeed: p, week }));
    const categorySets = new Set(plans.map((p) => p.categories.join(',')));
    expect(categorySets.size).toBe(1); // one set of categories for the whole team: weekly rollups count everyone
    const itemSets = new Set(plans.map((p) => setKey(p.weeklyItems.map((i) => i.id))));
    expect(itemSets.size).toBeGreaterThan(15); // 40 people, ≤ 3^4 = 81 possible sets
    // Two specific people differ in at least one week of a cycle.
    const a = [0, 1, 2, 3].map((w) => composePulse({ teamSeed: 't', personSeed: 'alice', week: 4000 + w }));
    const b = [0, 1, 2, 3].map((w) => composePulse({ teamSeed: 't', personSeed: 'bob', week: 4000 + w }));
    expect(a.map((p) => setKey(p.weeklyItems.map((i) => i.id)))).not.toEqual(
      b.map((p) => setKey(p.weeklyItems.map((i) => i.id))),
    );
    // Different teams get different schedules.
    expect(cycleSchedule('team-a', 10)).not.toEqual(cycleSchedule('team-b', 10));
  });

  it('is deterministic: same seeds and week, same pulse, with no stored state', () => {
    const one = composePulse({ teamSeed: 'team-a', personSeed: 'k1', week: '2026-W48' });
    const two = composePulse({ teamSeed: 'team-a', personSeed: 'k1', week: weekIndexOf('2026-W48') });
    expect(two.items.map((i) => i.id)).toEqual(one.items.map((i) => i.id));
  });

  it('adds the full Edmondson check (all 7 together) every 4 weeks by default, for everyone in the same week', () => {
    const weeks = Array.from({ length: 12 }, (_, i) => 3000 + i);
    const withCheck = weeks.filter((w) => composePulse({ teamSeed: 't', personSeed: 'p', week: w }).edmondson);
    expect(withCheck).toEqual([3000, 3004, 3008]);
    const plan = composePulse({ teamSeed: 't', personSeed: 'p', week: 3000 });
    expect(plan.items.slice(0, 7)).toEqual([...EDMONDSON_ITEMS]);
    expect(plan.items.length).toBe(7 + plan.weeklyItems.length);
    expect(composePulse({ teamSeed: 't', personSeed: 'other', week: 3000 }).edmondson).toBe(true);
    expect(composePulse({ teamSeed: 't', personSeed: 'p', week: 3000, edmondsonEveryWeeks: 'off' }).edmondson).toBe(
      false,
    );
  });

  it('accepts 3-week cycles (5, 5, 4 items) and refuses cycles that break the 3–5 bound', () => {
    const sizes = cycleSchedule('t', 1, 3).map((w) => w.length);
    expect(sizes).toEqual([5, 5, 4]);
    expect(cycleSchedule('t', 1, 4).map((w) => w.length)).toEqual([4, 4, 3, 3]);
    expect(() => validateRotation(14, 5)).toThrow(ConfigError);
    expect(() => validateRotation(14, 2)).toThrow(ConfigError);
    expect(() => composePulse({ teamSeed: 't', personSeed: 'p', week: 1, weeksPerCycle: 6 })).toThrow(ConfigError);
  });
});

describe('pseudonym inputs', () => {
  it('are unambiguous and purpose-separated', () => {
    expect(respondentKeyInput('ab', 'c')).not.toBe(respondentKeyInput('a', 'bc'));
    expect(respondentKeyInput('p1', 'u1')).not.toBe(rotationKeyInput('p1', 'u1'));
    expect(respondentKeyInput('p1', 'u1')).toBe('humandebt/respondent/v1:2:p1:u1');
  });
});
