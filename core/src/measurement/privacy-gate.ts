import { z } from 'zod';
import { ValidationError } from '../errors';

/**
 * The privacy gate (docs/measurement.md). Every aggregate that leaves the service — pulse scores, retro statistics,
 * meeting load, proof of action, the Human Debt index — goes through `gate`. It is the only place that turns a count and a
 * number into something a person may see.
 *
 * Anchors: Viva Insights minimum group 5; Viva Glint 5 with a floor of 3 and suppression of the next-smallest group.
 *
 * Three layers:
 *   1. `gate(n, produce, k)`: below k → a Suppressed result that has no number, histogram or trend field at all
 *      (the type forbids them and `produce` is never called, so nothing can leak by accident).
 *   2. `planOrgRollup` / `releaseOrgRollup`: org roll-ups with complementary suppression, so nobody can subtract
 *      visible totals from a parent total to isolate a small group.
 *   3. `validateFilter`: a filter that would cut a group below k, or that together with anything already shown
 *      would let someone isolate fewer than k people, is refused — never silently widened or rounded.
 */

export const DEFAULT_K = 5;
/** No configuration can take k below this. */
export const K_FLOOR = 3;
/** Upper bound the validator accepts; anything larger is almost certainly a typo. */
export const K_MAX = 100;

/** Runtime schema for a configured k (tenant or team setting). Rejects values below the floor instead of fixing them. */
export const KThresholdSetting = z
  .number()
  .int({ error: 'k must be a whole number' })
  .min(K_FLOOR, { error: `k cannot be below ${K_FLOOR}` })
  .max(K_MAX, { error: `k cannot be above ${K_MAX}` });

export type KValidation = { ok: true; k: number } | { ok: false; message: string };

/** Config validator: a k below 3 (or not a whole number) is an error, not something to quietly correct. */
export function validateKSetting(value: unknown): KValidation {
  const parsed = KThresholdSetting.safeParse(value);
  if (parsed.success) return { ok: true, k: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? 'k is not valid' };
}

export interface KConfig {
  /** The tenant's k; also the minimum for every team in the tenant. Default 5. */
  tenantK?: number | null;
  /** A team may ask for a larger k than its tenant, never a smaller one. */
  teamK?: number | null;
}

/**
 * The k that applies to one team: max(3, tenant k or 5, team k). A stored value below 3 — which the validator would
 * have refused — is raised to 3 here rather than trusted; a team can only tighten its tenant's setting.
 */
export function resolveK(config: KConfig = {}): number {
  const tenant = sanitizeK(config.tenantK) ?? DEFAULT_K;
  const team = sanitizeK(config.teamK) ?? 0;
  return Math.max(K_FLOOR, tenant, team);
}

function sanitizeK(value: number | null | undefined): number | undefined {
  if (value === null || value === undefined || !Number.isFinite(value)) return undefined;
  return Math.max(K_FLOOR, Math.ceil(value));
}

/** k as the gate applies it: never below the floor, rounded up; a non-number fails closed to the default. */
export function effectiveK(k: number): number {
  return Number.isFinite(k) ? Math.max(K_FLOOR, Math.ceil(k)) : DEFAULT_K;
}

export type SuppressionReason =
  /** Fewer than k people in this group. */
  | 'below-k'
  /** Enough people, but hidden so that a smaller sibling cannot be recovered by subtraction. */
  | 'complementary'
  /** Enough people, but this total minus the groups shown would isolate fewer than k people. */
  | 'would-reveal-smaller-group'
  /** The count was not a non-negative whole number: fail closed. */
  | 'invalid-count';

export interface Released<T> {
  readonly suppressed: false;
  readonly k: number;
  /** Number of people behind the value (≥ k). */
  readonly n: number;
  readonly value: T;
}

/**
 * A suppressed aggregate. It carries why and the k used — and by construction nothing else: the `never` fields
 * make it a type error to attach a number, histogram or trend, and the object is built from scratch by the gate.
 */
export interface Suppressed {
  readonly suppressed: true;
  readonly k: number;
  readonly reason: SuppressionReason;
  /** Safe to show a person; contains no count. */
  readonly message: string;
  readonly n?: never;
  readonly value?: never;
  readonly mean?: never;
  readonly histogram?: never;
  readonly trend?: never;
}

export type Gated<T> = Released<T> | Suppressed;

const MESSAGES: Record<SuppressionReason, (k: number) => string> = {
  'below-k': (k) => `Hidden to protect anonymity: results are shown only when at least ${k} people answered.`,
  complementary: () => `Hidden so that a smaller group's result cannot be worked out by subtracting totals.`,
  'would-reveal-smaller-group': (k) =>
    `Hidden because, together with the groups shown, this total would reveal a group of fewer than ${k} people.`,
  'invalid-count': () => 'Hidden because the number of people behind this result could not be confirmed.',
};

function suppressed(k: number, reason: SuppressionReason): Suppressed {
  return Object.freeze({ suppressed: true, k, reason, message: MESSAGES[reason](k) });
}

/**
 * THE gate. `n` is the number of distinct people behind the aggregate; `produce` computes the value and is only
 * called when the aggregate may be released. `forced` lets the roll-up and filter rules suppress an aggregate that
 * has enough people on its own.
 */
export function gate<T>(
  n: number,
  produce: () => T,
  k: number = DEFAULT_K,
  forced?: 'complementary' | 'would-reveal-smaller-group',
): Gated<T> {
  const kk = effectiveK(k);
  if (!Number.isInteger(n) || n < 0) return suppressed(kk, 'invalid-count');
  if (n < kk) return suppressed(kk, 'below-k');
  if (forced !== undefined) return suppressed(kk, forced);
  return Object.freeze({ suppressed: false, k: kk, n, value: produce() });
}

export function isReleased<T>(g: Gated<T>): g is Released<T> {
  return !g.suppressed;
}

// ---------------------------------------------------------------------------------------------------------------
// Org roll-ups
// ---------------------------------------------------------------------------------------------------------------

export interface OrgUnitCounts {
  id: string;
  /** Everyone counted in this unit: its child units plus people who sit directly in it. */
  n: number;
  children?: readonly OrgUnitCounts[];
  /**
   * True when this unit's aggregate is visible somewhere else anyway (typically a team's own dashboard). Hiding it
   * here would not stop anyone subtracting it, so it is never used as a complementary cell and it counts as known.
   */
  releasedElsewhere?: boolean;
}

export interface OrgPlanNode {
  id: string;
  n: number;
  visible: boolean;
  reason?: SuppressionReason;
  children: OrgPlanNode[];
}

/**
 * Decides, from counts alone, which units of an org tree may be shown.
 *
 * Model. Released totals of a tree form a nested (laminar) family. From them an observer can compute, for each
 * released unit X, exactly the aggregate of its "gap": the people in X not covered by released units inside X
 * (X's direct members plus hidden descendants). Nothing finer can be derived from nested totals. So the rule is:
 *
 *     a unit is shown only if n ≥ k and its gap is 0 or ≥ k,
 *
 * where "released" includes units that are visible elsewhere. Working bottom-up, when a unit's gap is between 1 and
 * k−1 (a sibling below k, or a handful of people directly in the unit), we hide the smallest visible sibling that is
 * not shown elsewhere ("complementary suppression", next-smallest first) and repeat while the gap is still too
 * small. When no sibling can absorb it, the unit's own total is hidden instead ("would-reveal-smaller-group"), and
 * that hidden mass moves up into its parent's gap, where the same rule runs again.
 *
 * Hiding a sibling helps only by the part of it an observer cannot otherwise account for (its own gap, which is 0
 * or ≥ k because it was safe to show). So one useful round always closes the gap; the loop moves past siblings
 * whose people are all visible through their own sub-units (gain 0). We do not hide an extra sibling once the
 * hidden mass is already ≥ k (e.g. two small siblings of 2 and 4 with k = 5): the parent then reveals only a
 * combined group of ≥ k, and hiding more would cost information for nothing.
 *
 * Scope: this protects against subtraction within one nested hierarchy. Teams shown on their own dashboards must be
 * flagged `releasedElsewhere`; cross-cutting groupings (filters) go through validateFilter.
 */
export function planOrgRollup(root: OrgUnitCounts, k: number = DEFAULT_K): OrgPlanNode {
  const kk = effectiveK(k);
  const seen = new Set<string>();
  const plan = planNode(root, kk, seen);
  return plan;
}

interface InternalNode extends OrgPlanNode {
  elsewhere: boolean;
  children: InternalNode[];
}

function planNode(unit: OrgUnitCounts, k: number, seen: Set<string>): InternalNode {
  if (seen.has(unit.id)) throw new ValidationError('An org unit appears twice in the roll-up.', [unit.id]);
  seen.add(unit.id);
  if (!Number.isInteger(unit.n) || unit.n < 0) {
    throw new ValidationError('An org unit count is not a non-negative whole number.', [unit.id]);
  }
  const children = (unit.children ?? []).map((c) => planNode(c, k, seen));
  const childTotal = children.reduce((s, c) => s + c.n, 0);
  if (childTotal > unit.n) {
    throw new ValidationError('An org unit counts fewer people than its child units together.', [unit.id]);
  }
  const node: InternalNode = {
    id: unit.id,
    n: unit.n,
    visible: true,
    children,
    elsewhere: unit.releasedElsewhere === true && unit.n >= k,
  };
  if (unit.n < k) {
    node.visible = false;
    node.reason = 'below-k';
    return node;
  }
  let gapSize = gap(node);
  while (gapSize > 0 && gapSize < k) {
    const candidate = children
      .filter((c) => c.visible && !c.elsewhere && c.n - knownInside(c) > 0)
      .sort((a, b) => a.n - b.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
    if (candidate === undefined) break;
    candidate.visible = false;
    candidate.reason = 'complementary';
    gapSize = gap(node);
  }
  if (gapSize > 0 && gapSize < k) {
    node.visible = false;
    node.reason = 'would-reveal-smaller-group';
  }
  return node;
}

/** People an observer can account for inside this unit from released totals. */
function knownMass(node: InternalNode): number {
  return node.visible || node.elsewhere ? node.n : knownInside(node);
}
function knownInside(node: InternalNode): number {
  return node.children.reduce((s, c) => s + knownMass(c), 0);
}
function gap(node: InternalNode): number {
  return node.n - knownInside(node);
}

export interface OrgRelease<T> {
  id: string;
  result: Gated<T>;
  children: OrgRelease<T>[];
}

/**
 * Applies an org plan through the gate. `valueOf` is called only for units that may be shown, so a hidden unit's
 * value is never even computed.
 */
export function releaseOrgRollup<T>(
  root: OrgUnitCounts,
  valueOf: (id: string) => T,
  k: number = DEFAULT_K,
): OrgRelease<T> {
  const kk = effectiveK(k);
  const walk = (p: OrgPlanNode): OrgRelease<T> => ({
    id: p.id,
    result: gate(
      p.n,
      () => valueOf(p.id),
      kk,
      p.visible ? undefined : p.reason === 'complementary' ? 'complementary' : 'would-reveal-smaller-group',
    ),
    children: p.children.map(walk),
  });
  return walk(planOrgRollup(root, kk));
}

// ---------------------------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------------------------

export interface FilterRequest {
  /** Pseudonymous keys of everyone in the group being narrowed. The group's own total counts as already shown. */
  group: readonly string[];
  /** Keys the filter keeps. */
  selected: readonly string[];
  /** Sets already shown to this viewer from the same data (earlier filters, sub-groups). */
  released?: readonly (readonly string[])[];
}

export type FilterRefusalReason =
  'filter-below-k' | 'remainder-below-k' | 'would-isolate-small-group' | 'not-within-group';

export type FilterDecision =
  { allowed: true; k: number } | { allowed: false; k: number; reason: FilterRefusalReason; message: string };

const FILTER_MESSAGES: Record<FilterRefusalReason, (k: number) => string> = {
  'filter-below-k': (k) => `This filter would show fewer than ${k} people, so it cannot be applied.`,
  'remainder-below-k': (k) =>
    `This filter would leave fewer than ${k} people outside it, who could then be worked out from the total.`,
  'would-isolate-small-group': (k) =>
    `Together with results already shown, this filter would let someone work out the answers of fewer than ${k} people.`,
  'not-within-group': () => 'This filter selects people outside the group.',
};

/**
 * Validates a filter before any number is computed. Refuses — never widens, rounds or otherwise adjusts — when:
 *   - the filtered set has fewer than k people ('filter-below-k');
 *   - the people it leaves out are 1..k−1 (group total − filtered total isolates them: 'remainder-below-k');
 *   - together with the group total and every set already shown to this viewer from the same data, it would let
 *     someone isolate fewer than k people by adding and subtracting totals ('would-isolate-small-group').
 *
 * The last rule works on "cells": people grouped by which of the shown sets (group, earlier filters, this filter)
 * they belong to. Every shown total is a sum of whole cells, so any sum or difference of shown totals is too, and
 * if every cell has at least k people no combination can single out fewer than k. This is stricter than checking
 * pairs of queries — which misses e.g. group − filter A − filter B leaving two people — and is exact enough to
 * be safe against any number of repeated queries, provided `released` really lists what was shown.
 */
export function validateFilter(request: FilterRequest, k: number = DEFAULT_K): FilterDecision {
  const kk = effectiveK(k);
  const refuse = (reason: FilterRefusalReason): FilterDecision => ({
    allowed: false,
    k: kk,
    reason,
    message: FILTER_MESSAGES[reason](kk),
  });
  const group = new Set(request.group);
  const selected = new Set(request.selected);
  for (const s of selected) if (!group.has(s)) return refuse('not-within-group');
  if (selected.size < kk) return refuse('filter-below-k');
  const remainder = group.size - selected.size;
  if (remainder > 0 && remainder < kk) return refuse('remainder-below-k');
  const shown = [...(request.released ?? []).map((r) => new Set(r)), selected];
  const cells = new Map<string, number>();
  for (const member of group) {
    const signature = shown.map((set) => (set.has(member) ? '1' : '0')).join('');
    cells.set(signature, (cells.get(signature) ?? 0) + 1);
  }
  for (const size of cells.values()) if (size < kk) return refuse('would-isolate-small-group');
  return { allowed: true, k: kk };
}
