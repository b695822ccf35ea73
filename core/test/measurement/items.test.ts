import { describe, expect, it } from 'vitest';
import {
  AGREE_SCALE_7,
  ALL_ITEMS,
  CATEGORIES,
  CATEGORY_KEYS,
  CSA_Z1003_FACTORS,
  DIMENSION_KEYS,
  EDMONDSON_ITEMS,
  HAZARD_KEYS,
  ISO_45003_GROUPS,
  ITEM_BANK_VERSION,
  MEETING_METRIC_HAZARDS,
  PULSE_ITEMS,
  WHO_2022_RISKS,
  getItem,
  isCategoryKey,
  itemsInCategory,
  pulseItemsInCategory,
} from '../../src/measurement/items';

describe('item bank', () => {
  it('is versioned', () => {
    expect(ITEM_BANK_VERSION).toBe('2026-11.1');
  });

  it("holds Edmondson's seven items with the exact 1999 wording and reverse keying on 1, 3 and 5", () => {
    const expected: [string, boolean][] = [
      ['If you make a mistake on this team, it is often held against you.', true],
      ['Members of this team are able to bring up problems and tough issues.', false],
      ['People on this team sometimes reject others for being different.', true],
      ['It is safe to take a risk on this team.', false],
      ['It is difficult to ask other members of this team for help.', true],
      ['No one on this team would deliberately act in a way that undermines my efforts.', false],
      ['Working with members of this team, my unique skills and talents are valued and utilized.', false],
    ];
    expect(EDMONDSON_ITEMS.map((i) => [i.text, i.reverse])).toEqual(expected);
    expect(EDMONDSON_ITEMS.map((i) => i.sourceNumber)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const i of EDMONDSON_ITEMS) {
      expect(i.category).toBe('psychological-safety');
      expect(i.instrument).toBe('edmondson-1999');
    }
  });

  it('keeps the keying on the item object, so it survives reordering', () => {
    const shuffled = [...EDMONDSON_ITEMS].reverse();
    const reversedTexts = shuffled.filter((i) => i.reverse).map((i) => i.sourceNumber);
    expect(reversedTexts.sort()).toEqual([1, 3, 5]);
  });

  it('gives every item a unique stable id, a known category, wording and the 7-point agree scale', () => {
    const ids = ALL_ITEMS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const i of ALL_ITEMS) {
      expect(isCategoryKey(i.category)).toBe(true);
      expect(i.kind).toBe(CATEGORIES[i.category].kind);
      expect(i.text.length).toBeGreaterThan(10);
      expect(i.scale).toEqual(AGREE_SCALE_7);
      expect(i.scale).toHaveLength(7);
      expect(getItem(i.id)).toBe(i);
    }
    expect(AGREE_SCALE_7[0]).toBe('Strongly disagree');
    expect(AGREE_SCALE_7[6]).toBe('Strongly agree');
    expect(getItem('nope')).toBeUndefined();
  });

  it('has 2–3 pulse items in every one of the 14 categories, with some reverse-keyed items overall', () => {
    expect(CATEGORY_KEYS).toHaveLength(DIMENSION_KEYS.length + HAZARD_KEYS.length);
    expect(DIMENSION_KEYS).toEqual(['psychological-safety', 'dependability', 'structure-clarity', 'meaning', 'impact']);
    for (const c of CATEGORY_KEYS) {
      const n = pulseItemsInCategory(c).length;
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(3);
    }
    expect(PULSE_ITEMS.some((i) => i.reverse)).toBe(true);
    expect(PULSE_ITEMS.some((i) => !i.reverse)).toBe(true);
    expect(itemsInCategory('psychological-safety')).toHaveLength(
      7 + pulseItemsInCategory('psychological-safety').length,
    );
  });

  it('states the direction of every category: dimensions higher-is-better, hazards lower-is-better', () => {
    for (const d of DIMENSION_KEYS) expect(CATEGORIES[d].direction).toBe('higher-is-better');
    for (const h of HAZARD_KEYS) expect(CATEGORIES[h].direction).toBe('lower-is-better');
  });

  it('maps every hazard to WHO 2022 risks, one ISO 45003 group and CSA Z1003 factors that exist', () => {
    expect(HAZARD_KEYS).toEqual([
      'workload-pace',
      'hours',
      'control',
      'role-clarity',
      'support-supervision',
      'culture-civility',
      'recognition',
      'home-work-balance',
      'job-security',
    ]);
    expect(Object.keys(CSA_Z1003_FACTORS)).toHaveLength(13);
    for (const h of HAZARD_KEYS) {
      const c = CATEGORIES[h];
      if (c.kind !== 'hazard') throw new Error('hazard expected');
      expect(c.mapping.who2022.length).toBeGreaterThan(0);
      for (const r of c.mapping.who2022) expect(WHO_2022_RISKS[r]).toBeTypeOf('string');
      expect(ISO_45003_GROUPS[c.mapping.iso45003]).toBeTypeOf('string');
      expect(c.mapping.csaZ1003.length).toBeGreaterThan(0);
      for (const f of c.mapping.csaZ1003) expect(CSA_Z1003_FACTORS[f]).toBeTypeOf('string');
    }
    const workload = CATEGORIES['workload-pace'];
    expect(workload.kind === 'hazard' && workload.mapping.iso45003).toBe('how-work-is-organised');
    const culture = CATEGORIES['culture-civility'];
    expect(culture.kind === 'hazard' && culture.mapping.iso45003).toBe('social-factors');
  });

  it('maps meeting-load figures to hazard categories', () => {
    expect(MEETING_METRIC_HAZARDS['afterHoursHours']).toEqual(['hours', 'home-work-balance']);
    for (const list of Object.values(MEETING_METRIC_HAZARDS)) {
      for (const h of list) expect(HAZARD_KEYS).toContain(h);
    }
  });

  it('is frozen so no caller can change wording or keying at run time', () => {
    const first = EDMONDSON_ITEMS[0];
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(EDMONDSON_ITEMS)).toBe(true);
    expect(() => {
      (first as { reverse: boolean }).reverse = false;
    }).toThrow();
  });
});
