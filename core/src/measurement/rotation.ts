import { mulberry32, shuffleWith } from '../util/random';
import { ConfigError, ValidationError } from '../errors';
import { isWeekId, weekStart } from '../time/iso-week';
import {
  CATEGORY_KEYS,
  EDMONDSON_ITEMS,
  ITEM_BANK_VERSION,
  pulseItemsInCategory,
  type CategoryKey,
  type Item,
} from './items';

/**
 * Pulse composition. Deterministic from seeds and the week, so no state is stored and any instance of the service
 * computes the same pulse for the same person and week.
 *
 * Two levels, on purpose:
 *   - WHICH CATEGORIES a week asks is decided per team (seed: e.g. the team id). Within a cycle of 4 weeks the 14
 *     categories (5 dynamics + 9 hazards) are shuffled and dealt into weeks of 4, 4, 3 and 3, so every category is
 *     asked exactly once per cycle. Because everyone in the team gets the same categories in a week, a category's
 *     weekly rollup counts the whole team's respondents — if each person got their own categories, a team of 8
 *     would put ~2 people in each category per week and the privacy gate (k ≥ 3) would hide almost everything.
 *   - WHICH ITEM of a category a person sees is decided per person (seed: a pseudonymous rotation key) and rotates
 *     by one position every cycle, so a person walks through all of a category's items over successive cycles and
 *     two people in the same week usually see different wording of the same construct.
 *
 * Guarantees (tested): every category once per cycle; 3–5 items a week; at most one item per category per week;
 * never the same item two weeks in a row for a person (within a cycle the weeks' categories are disjoint; across a
 * cycle boundary a repeated category shows its next item, and every category has ≥ 2 items).
 *
 * The full Edmondson check (all 7 items together) is added for everyone every `edmondsonEveryWeeks` weeks (default
 * 4, i.e. roughly monthly), in the same week for the whole team so the team score has all respondents.
 */

export const DEFAULT_WEEKS_PER_CYCLE = 4;
export const MIN_WEEKLY_ITEMS = 3;
export const MAX_WEEKLY_ITEMS = 5;
export const DEFAULT_EDMONDSON_EVERY_WEEKS = 4;

/** Monday of ISO week 1970-W02 (1970-01-05): week index 0. */
const EPOCH_MONDAY = Date.UTC(1970, 0, 5);
const WEEK_MS = 7 * 86_400_000;

/** Whole weeks since 1970-W02 for an ISO week id ("2026-W48"). */
export function weekIndexOf(weekId: string): number {
  if (!isWeekId(weekId)) throw new ValidationError('Not an ISO week id.', [weekId]);
  return Math.round((weekStart(weekId).getTime() - EPOCH_MONDAY) / WEEK_MS);
}

export interface PulsePlanOptions {
  /** Team-level seed (e.g. the team id): decides the categories of each week. */
  teamSeed: string;
  /** Pseudonymous person key (see rotationKeyInput): decides which item of a category the person sees. */
  personSeed: string;
  /** ISO week id or week index (weekIndexOf). */
  week: string | number;
  weeksPerCycle?: number;
  /** Categories in the rotation; default all 14. */
  categories?: readonly CategoryKey[];
  /** Weeks between full Edmondson checks; 'off' to never add it. Default 4. */
  edmondsonEveryWeeks?: number | 'off';
}

export interface PulsePlan {
  itemBankVersion: string;
  weekIndex: number;
  cycleIndex: number;
  /** 0-based position of this week in its cycle. */
  weekInCycle: number;
  /** Categories the team is asked this week. */
  categories: CategoryKey[];
  /** The rotating items for this person, one per category, in category order. */
  weeklyItems: Item[];
  /** True when the full Edmondson check runs this week. */
  edmondson: boolean;
  /** What to show: the Edmondson items (when due) followed by the weekly items. */
  items: Item[];
}

/** Checks that the categories can be dealt into weeks of 3..5; throws ConfigError otherwise. */
export function validateRotation(categoryCount: number, weeksPerCycle: number): void {
  if (!Number.isInteger(weeksPerCycle) || weeksPerCycle < 1) {
    throw new ConfigError('weeksPerCycle must be a positive whole number.');
  }
  const smallest = Math.floor(categoryCount / weeksPerCycle);
  const largest = Math.ceil(categoryCount / weeksPerCycle);
  if (smallest < MIN_WEEKLY_ITEMS || largest > MAX_WEEKLY_ITEMS) {
    throw new ConfigError(
      `${categoryCount} categories in ${weeksPerCycle} weeks would give ${smallest}–${largest} items a week; ` +
        `${MIN_WEEKLY_ITEMS}–${MAX_WEEKLY_ITEMS} are allowed.`,
    );
  }
}

/** The team's category schedule for one cycle: weeksPerCycle disjoint groups covering every category once. */
export function cycleSchedule(
  teamSeed: string,
  cycleIndex: number,
  weeksPerCycle: number = DEFAULT_WEEKS_PER_CYCLE,
  categories: readonly CategoryKey[] = CATEGORY_KEYS,
): CategoryKey[][] {
  const unique = [...new Set(categories)];
  validateRotation(unique.length, weeksPerCycle);
  for (const c of unique) {
    if (pulseItemsInCategory(c).length < 2) throw new ConfigError('A rotated category needs at least two items.', [c]);
  }
  const shuffled = shuffle(unique, prng(`categories|${teamSeed}|${cycleIndex}`));
  const base = Math.floor(shuffled.length / weeksPerCycle);
  const extra = shuffled.length % weeksPerCycle;
  const weeks: CategoryKey[][] = [];
  let at = 0;
  for (let w = 0; w < weeksPerCycle; w++) {
    const size = base + (w < extra ? 1 : 0);
    // Keep a stable display order inside a week (the bank's category order), independent of the shuffle.
    weeks.push(sortByBank(shuffled.slice(at, at + size)));
    at += size;
  }
  return weeks;
}

/** The item of `category` a person sees in a cycle: their own starting offset, advanced by one each cycle. */
export function itemForPerson(personSeed: string, category: CategoryKey, cycleIndex: number): Item {
  const items = pulseItemsInCategory(category);
  if (items.length === 0) throw new ConfigError('Category has no pulse items.', [category]);
  const offset = hash32(`item|${personSeed}|${category}`);
  const index = mod(offset + cycleIndex, items.length);
  return items[index] as Item;
}

/** Composes one person's pulse for one week. */
export function composePulse(options: PulsePlanOptions): PulsePlan {
  const weeksPerCycle = options.weeksPerCycle ?? DEFAULT_WEEKS_PER_CYCLE;
  const weekIndex = typeof options.week === 'number' ? options.week : weekIndexOf(options.week);
  if (!Number.isInteger(weekIndex)) throw new ValidationError('A week index must be a whole number.');
  const cycleIndex = Math.floor(weekIndex / weeksPerCycle);
  const weekInCycle = mod(weekIndex, weeksPerCycle);
  const schedule = cycleSchedule(options.teamSeed, cycleIndex, weeksPerCycle, options.categories);
  const categories = schedule[weekInCycle] ?? [];
  const weeklyItems = categories.map((c) => itemForPerson(options.personSeed, c, cycleIndex));
  const every = options.edmondsonEveryWeeks ?? DEFAULT_EDMONDSON_EVERY_WEEKS;
  if (every !== 'off' && (!Number.isInteger(every) || every < 1)) {
    throw new ConfigError('edmondsonEveryWeeks must be a positive whole number or "off".');
  }
  const edmondson = every !== 'off' && mod(weekIndex, every) === 0;
  return {
    itemBankVersion: ITEM_BANK_VERSION,
    weekIndex,
    cycleIndex,
    weekInCycle,
    categories,
    weeklyItems,
    edmondson,
    items: [...(edmondson ? EDMONDSON_ITEMS : []), ...weeklyItems],
  };
}

// --- deterministic pseudo-randomness (no Math.random: the same inputs must give the same pulse everywhere) ------

/** 32-bit string hash (MurmurHash3-style mixing of FNV-1a), unsigned. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32 generator seeded from a string; returns floats in [0, 1). */
function prng(seed: string): () => number {
  return mulberry32(hash32(seed));
}

const shuffle = shuffleWith;

function sortByBank(cats: CategoryKey[]): CategoryKey[] {
  return cats.sort((x, y) => CATEGORY_KEYS.indexOf(x) - CATEGORY_KEYS.indexOf(y));
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}
