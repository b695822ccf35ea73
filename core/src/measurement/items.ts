/**
 * The item bank: every question the pulse can ask, with its keying and what it measures.
 *
 * Keying convention (one rule for the whole bank): an item's *keyed* score is the answer, or 8 − answer when
 * `reverse` is true, so that a higher keyed score always means "more of the category's construct":
 *   - for a team dynamic (kind 'dimension') more is better — more psychological safety, more dependability …;
 *   - for a psychosocial hazard (kind 'hazard') more is worse — more exposure to the hazard, i.e. more debt.
 * That direction is stated once per category in CATEGORIES (`direction`) so nothing downstream has to guess.
 *
 * The reverse flag lives on the item object, beside its wording, never in a list of positions: reordering the
 * bank, or showing items in a shuffled order, cannot break the keying.
 *
 * The bank is versioned. Answers are stored with their item ids; an id is never reused for different wording. A
 * wording change means a new id and a new ITEM_BANK_VERSION.
 */

export const ITEM_BANK_VERSION = '2026-11.1';

/** The 7-point agree scale every item uses; index 0 is answer 1. */
export const AGREE_SCALE_7 = Object.freeze([
  'Strongly disagree',
  'Disagree',
  'Somewhat disagree',
  'Neither agree nor disagree',
  'Somewhat agree',
  'Agree',
  'Strongly agree',
] as const);
export type AgreeScale7 = typeof AGREE_SCALE_7;
export const SCALE_POINTS = 7;

/** The five team dynamics of Google re:Work (Project Aristotle). Higher is better. */
export const DIMENSION_KEYS = [
  'psychological-safety',
  'dependability',
  'structure-clarity',
  'meaning',
  'impact',
] as const;
export type DimensionKey = (typeof DIMENSION_KEYS)[number];

/** Psychosocial hazard categories the pulse measures. Higher keyed score = more exposure = worse. */
export const HAZARD_KEYS = [
  'workload-pace',
  'hours',
  'control',
  'role-clarity',
  'support-supervision',
  'culture-civility',
  'recognition',
  'home-work-balance',
  'job-security',
] as const;
export type HazardKey = (typeof HAZARD_KEYS)[number];

export type CategoryKey = DimensionKey | HazardKey;
/** Same words as ActionTarget.kind in the store, so an action's target maps straight onto a category. */
export type CategoryKind = 'dimension' | 'hazard';
export type Direction = 'higher-is-better' | 'lower-is-better';

export const CATEGORY_KEYS: readonly CategoryKey[] = Object.freeze([...DIMENSION_KEYS, ...HAZARD_KEYS]);

/** Risks named in the WHO fact sheet "Mental health at work" (2022), in its own words (docs/measurement.md). */
export const WHO_2022_RISKS = Object.freeze({
  'under-use-of-skills': 'under-use of skills',
  'excessive-workload-or-pace': 'excessive workload or pace, understaffing',
  'long-unsocial-inflexible-hours': 'long, unsocial or inflexible hours',
  'lack-of-control': 'lack of control over job design or workload',
  'unsafe-physical-conditions': 'unsafe physical conditions',
  'negative-culture': 'a culture that enables negative behaviour',
  'limited-support': 'limited support or authoritarian supervision',
  'violence-harassment-bullying': 'violence, harassment, bullying',
  'discrimination-exclusion': 'discrimination and exclusion',
  'unclear-role': 'unclear role',
  'under-or-over-promotion': 'under- or over-promotion',
  'job-insecurity-pay-career': 'job insecurity, inadequate pay, poor career investment',
  'home-work-conflict': 'conflicting home/work demands',
} as const);
export type WhoRisk = keyof typeof WHO_2022_RISKS;

/** The three hazard groups of ISO 45003:2021. */
export const ISO_45003_GROUPS = Object.freeze({
  'how-work-is-organised': 'How work is organised',
  'social-factors': 'Social factors',
  'work-environment': 'Work environment, equipment and hazardous tasks',
} as const);
export type Iso45003Group = keyof typeof ISO_45003_GROUPS;

/** The 13 psychosocial factors of CSA Z1003-13 (Canada). */
export const CSA_Z1003_FACTORS = Object.freeze({
  'psychological-support': 'Psychological support',
  'organizational-culture': 'Organizational culture',
  'clear-leadership-and-expectations': 'Clear leadership and expectations',
  'civility-and-respect': 'Civility and respect',
  'psychological-demands': 'Psychological demands',
  'growth-and-development': 'Growth and development',
  'recognition-and-reward': 'Recognition and reward',
  'involvement-and-influence': 'Involvement and influence',
  'workload-management': 'Workload management',
  engagement: 'Engagement',
  balance: 'Balance',
  'psychological-protection': 'Psychological protection',
  'protection-of-physical-safety': 'Protection of physical safety',
} as const);
export type CsaZ1003Factor = keyof typeof CSA_Z1003_FACTORS;

export interface HazardMapping {
  who2022: readonly WhoRisk[];
  iso45003: Iso45003Group;
  csaZ1003: readonly CsaZ1003Factor[];
}

interface CategoryBase<K extends CategoryKey> {
  key: K;
  /** Title for headings ("Workload and pace"). */
  label: string;
  /** Lower-case phrase for sentences ("workload and pace rose by …"). */
  phrase: string;
}
export interface DimensionCategory extends CategoryBase<DimensionKey> {
  kind: 'dimension';
  direction: 'higher-is-better';
}
export interface HazardCategory extends CategoryBase<HazardKey> {
  kind: 'hazard';
  direction: 'lower-is-better';
  mapping: HazardMapping;
}
export type Category = DimensionCategory | HazardCategory;

function dimension(key: DimensionKey, label: string): DimensionCategory {
  return { key, kind: 'dimension', direction: 'higher-is-better', label, phrase: label.toLowerCase() };
}
function hazard(key: HazardKey, label: string, mapping: HazardMapping): HazardCategory {
  return { key, kind: 'hazard', direction: 'lower-is-better', label, phrase: label.toLowerCase(), mapping };
}

/**
 * Category metadata. Hazard mappings: WHO 2022 risk(s) it measures, the ISO 45003 group it belongs to, and the
 * CSA Z1003 factor(s) it touches. No pulse category covers WHO "unsafe physical conditions" or the ISO group
 * "work environment, equipment and hazardous tasks": a weekly team pulse is the wrong instrument for those.
 * CSA Z1003 has no job-security factor; job security maps to growth and development (WHO pairs job insecurity
 * with poor career investment) — a judgement call, flagged here so it is not mistaken for a standard's mapping.
 */
export const CATEGORIES: Readonly<Record<CategoryKey, Category>> = deepFreeze({
  'psychological-safety': dimension('psychological-safety', 'Psychological safety'),
  dependability: dimension('dependability', 'Dependability'),
  'structure-clarity': dimension('structure-clarity', 'Structure and clarity'),
  meaning: dimension('meaning', 'Meaning'),
  impact: dimension('impact', 'Impact'),
  'workload-pace': hazard('workload-pace', 'Workload and pace', {
    who2022: ['excessive-workload-or-pace'],
    iso45003: 'how-work-is-organised',
    csaZ1003: ['workload-management', 'psychological-demands'],
  }),
  hours: hazard('hours', 'Working hours', {
    who2022: ['long-unsocial-inflexible-hours'],
    iso45003: 'how-work-is-organised',
    csaZ1003: ['workload-management', 'balance'],
  }),
  control: hazard('control', 'Control over work', {
    who2022: ['lack-of-control'],
    iso45003: 'how-work-is-organised',
    csaZ1003: ['involvement-and-influence'],
  }),
  'role-clarity': hazard('role-clarity', 'Role clarity', {
    who2022: ['unclear-role'],
    iso45003: 'how-work-is-organised',
    csaZ1003: ['clear-leadership-and-expectations'],
  }),
  'support-supervision': hazard('support-supervision', 'Support and supervision', {
    who2022: ['limited-support'],
    iso45003: 'social-factors',
    csaZ1003: ['psychological-support', 'clear-leadership-and-expectations'],
  }),
  'culture-civility': hazard('culture-civility', 'Culture and civility', {
    who2022: ['negative-culture', 'violence-harassment-bullying', 'discrimination-exclusion'],
    iso45003: 'social-factors',
    csaZ1003: ['civility-and-respect', 'organizational-culture', 'psychological-protection'],
  }),
  recognition: hazard('recognition', 'Recognition', {
    who2022: ['under-use-of-skills', 'under-or-over-promotion'],
    iso45003: 'social-factors',
    csaZ1003: ['recognition-and-reward', 'engagement'],
  }),
  'home-work-balance': hazard('home-work-balance', 'Home–work balance', {
    who2022: ['home-work-conflict'],
    iso45003: 'social-factors',
    csaZ1003: ['balance'],
  }),
  'job-security': hazard('job-security', 'Job security', {
    who2022: ['job-insecurity-pay-career'],
    iso45003: 'how-work-is-organised',
    csaZ1003: ['growth-and-development'],
  }),
});

export type Instrument = 'edmondson-1999' | 'pulse';

export interface Item {
  /** Stable id; never reused for other wording. */
  readonly id: string;
  readonly instrument: Instrument;
  readonly kind: CategoryKind;
  readonly category: CategoryKey;
  readonly text: string;
  /** Score = 8 − answer. Attached to the wording, never to a position. */
  readonly reverse: boolean;
  readonly scale: AgreeScale7;
  /** Position in the original instrument (Edmondson items only), for citing, not for keying. */
  readonly sourceNumber?: number;
}

function item(
  id: string,
  category: CategoryKey,
  text: string,
  reverse: boolean,
  extra: { instrument?: Instrument; sourceNumber?: number } = {},
): Item {
  const cat = CATEGORIES[category];
  const out: Item = {
    id,
    instrument: extra.instrument ?? 'pulse',
    kind: cat.kind,
    category,
    text,
    reverse,
    scale: AGREE_SCALE_7,
  };
  return extra.sourceNumber === undefined ? out : { ...out, sourceNumber: extra.sourceNumber };
}

const edm = (n: number, text: string, reverse: boolean): Item =>
  item(`edm-ps-${n}`, 'psychological-safety', text, reverse, { instrument: 'edmondson-1999', sourceNumber: n });

/**
 * Edmondson, A. (1999). Psychological safety and learning behavior in work teams. Administrative Science
 * Quarterly 44(2), 350–383. Exact original wording; items 1, 3 and 5 are reverse-keyed.
 */
export const EDMONDSON_ITEMS: readonly Item[] = deepFreeze([
  edm(1, 'If you make a mistake on this team, it is often held against you.', true),
  edm(2, 'Members of this team are able to bring up problems and tough issues.', false),
  edm(3, 'People on this team sometimes reject others for being different.', true),
  edm(4, 'It is safe to take a risk on this team.', false),
  edm(5, 'It is difficult to ask other members of this team for help.', true),
  edm(6, 'No one on this team would deliberately act in a way that undermines my efforts.', false),
  edm(7, 'Working with members of this team, my unique skills and talents are valued and utilized.', false),
]);

/**
 * Our own short items for the weekly rotating pulse: three per category, mixed keying so acquiescence does not
 * masquerade as a score. Dimension items: agreeing = more of the good thing unless reversed. Hazard items:
 * agreeing = more exposure unless reversed.
 */
export const PULSE_ITEMS: readonly Item[] = deepFreeze([
  // Psychological safety (short pulse form; the full Edmondson check runs monthly)
  item('ps-1', 'psychological-safety', 'On this team I can say "I don\'t know" without it counting against me.', false),
  item(
    'ps-2',
    'psychological-safety',
    'I hold back concerns in team discussions because speaking up feels risky.',
    true,
  ),
  item('ps-3', 'psychological-safety', 'When I disagree with a team decision, I feel able to say so.', false),
  // Dependability
  item('dep-1', 'dependability', 'When teammates commit to something, they follow through.', false),
  item('dep-2', 'dependability', 'I often have to chase teammates to get agreed work done.', true),
  item('dep-3', 'dependability', 'I can count on this team to deliver good work on time.', false),
  // Structure and clarity
  item('sc-1', 'structure-clarity', "Our team's goals for the coming weeks are clear to me.", false),
  item('sc-2', 'structure-clarity', 'I understand how our team decides what to work on next.', false),
  item('sc-3', 'structure-clarity', "Our team's plans change so often that I lose track of what matters.", true),
  // Meaning
  item('me-1', 'meaning', 'The work I do on this team matters to me personally.', false),
  item('me-2', 'meaning', 'Much of my work feels pointless.', true),
  item('me-3', 'meaning', 'I find my work on this team worthwhile.', false),
  // Impact
  item('im-1', 'impact', 'I can see how my work makes a difference for the people it serves.', false),
  item('im-2', 'impact', "I understand how our team's work contributes to the organisation's goals.", false),
  item('im-3', 'impact', 'I rarely find out whether my work had any effect.', true),
  // Workload and pace (hazard)
  item('wp-1', 'workload-pace', 'I have more work than I can do well in the time available.', false),
  item('wp-2', 'workload-pace', 'My workload is manageable.', true),
  item('wp-3', 'workload-pace', 'I have to work at a pace I cannot keep up for long.', false),
  // Working hours (hazard)
  item('hr-1', 'hours', 'I work outside my normal working hours to keep up.', false),
  item('hr-2', 'hours', 'I can take proper breaks during my working day.', true),
  item('hr-3', 'hours', 'Last-minute demands make my working hours hard to plan.', false),
  // Control over work (hazard)
  item('co-1', 'control', 'I have a say in how I do my work.', true),
  item('co-2', 'control', 'Decisions about my workload are made without asking me.', false),
  item('co-3', 'control', 'I can decide the order in which I do my tasks.', true),
  // Role clarity (hazard: role ambiguity and conflicting demands)
  item('rc-1', 'role-clarity', 'I get conflicting requests from different people about my work.', false),
  item('rc-2', 'role-clarity', 'I know exactly what my responsibilities are.', true),
  item('rc-3', 'role-clarity', 'I am unsure what counts as doing a good job in my role.', false),
  // Support and supervision (hazard)
  item('su-1', 'support-supervision', 'When work gets difficult, I can get help from my manager.', true),
  item('su-2', 'support-supervision', 'I can rely on colleagues to help when I am stuck.', true),
  item('su-3', 'support-supervision', 'My manager tells me what to do without listening to my view.', false),
  // Culture and civility (hazard)
  item('cc-1', 'culture-civility', 'People here treat each other with respect.', true),
  item(
    'cc-2',
    'culture-civility',
    'In the past month I have experienced or seen rude, belittling or excluding behaviour at work.',
    false,
  ),
  item('cc-3', 'culture-civility', 'Unacceptable behaviour at work is dealt with when it is raised.', true),
  // Recognition (hazard)
  item('re-1', 'recognition', 'My contributions are noticed and acknowledged.', true),
  item('re-2', 'recognition', 'Others get the credit for work I have done.', false),
  item('re-3', 'recognition', 'My skills are put to good use in my work.', true),
  // Home–work balance (hazard)
  item('hw-1', 'home-work-balance', 'The demands of my job interfere with my home and family life.', false),
  item('hw-2', 'home-work-balance', 'I can switch off from work in my own time.', true),
  item('hw-3', 'home-work-balance', 'I have to cancel personal plans because of work.', false),
  // Job security (hazard)
  item('js-1', 'job-security', 'I worry about losing my job.', false),
  item('js-2', 'job-security', 'I feel secure about my future in this organisation.', true),
  item('js-3', 'job-security', 'Upcoming changes in the organisation make me uncertain about my job.', false),
]);

export const ALL_ITEMS: readonly Item[] = Object.freeze([...EDMONDSON_ITEMS, ...PULSE_ITEMS]);

const BY_ID: ReadonlyMap<string, Item> = new Map(ALL_ITEMS.map((i) => [i.id, i]));

const PULSE_BY_CATEGORY: ReadonlyMap<CategoryKey, readonly Item[]> = new Map(
  CATEGORY_KEYS.map((c) => [c, Object.freeze(PULSE_ITEMS.filter((i) => i.category === c))]),
);

export function getItem(id: string): Item | undefined {
  return BY_ID.get(id);
}

export function isKnownItemId(id: string): boolean {
  return BY_ID.has(id);
}

/** Weekly-pulse items of one category (the Edmondson items are not part of the rotation). */
export function pulseItemsInCategory(category: CategoryKey): readonly Item[] {
  return PULSE_BY_CATEGORY.get(category) ?? [];
}

/** Every item (either instrument) of one category. */
export function itemsInCategory(category: CategoryKey): readonly Item[] {
  return ALL_ITEMS.filter((i) => i.category === category);
}

export function isCategoryKey(value: string): value is CategoryKey {
  return Object.prototype.hasOwnProperty.call(CATEGORIES, value);
}
export function isDimensionKey(value: string): value is DimensionKey {
  return (DIMENSION_KEYS as readonly string[]).includes(value);
}
export function isHazardKey(value: string): value is HazardKey {
  return (HAZARD_KEYS as readonly string[]).includes(value);
}

export function categoryOf(key: CategoryKey): Category {
  return CATEGORIES[key];
}

/**
 * Which hazard categories each meeting-load figure feeds, so meeting load counts towards debt by hazard like every
 * pulse item does; keyed by the figure names of core/src/meeting-load (LoadFigures).
 */
export const MEETING_METRIC_HAZARDS: Readonly<Record<string, readonly HazardKey[]>> = deepFreeze({
  meetingHours: ['workload-pace'],
  focusHours: ['workload-pace', 'control'],
  backToBack: ['workload-pace'],
  afterHoursHours: ['hours', 'home-work-balance'],
  conflicts: ['role-clarity', 'workload-pace'],
  longMeetings: ['workload-pace'],
  largeMeetings: ['workload-pace'],
  recurringShare: ['control'],
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
