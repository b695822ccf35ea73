import { CATEGORIES, isCategoryKey, type CategoryKey } from '../measurement/items';
import type { ActionTarget, AgreementRule } from '../store/documents';
import { cleanText, MAX_TITLE_TEXT } from './text';

/**
 * Validation of what the actions step of a retro creates: an action needs an owner on the roster, a real due date
 * not in the past, and the dimension or hazard it targets (so proof of action can measure it later). Agreements are
 * structured rules the Outlook add-in can check, never free text.
 */

export interface ActionDraftInput {
  title: unknown;
  ownerId: unknown;
  due: unknown;
  /** "dimension:<key>" or "hazard:<key>" (the category keys of the measurement item bank). */
  target: unknown;
}

export interface ActionDraft {
  title: string;
  ownerId: string;
  ownerName: string;
  due: string;
  target: ActionTarget;
}

export type DraftProblem = 'title' | 'owner' | 'due' | 'target';

export const DRAFT_MESSAGES: Readonly<Record<DraftProblem, string>> = Object.freeze({
  title: `Give the action a short title (up to ${MAX_TITLE_TEXT} characters).`,
  owner: 'Pick an owner from the team.',
  due: 'Pick a due date from today on.',
  target: 'Pick the team dynamic or hazard this action should improve.',
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

export function targetOptions(): Array<{ value: string; title: string }> {
  return (Object.keys(CATEGORIES) as CategoryKey[]).map((key) => {
    const c = CATEGORIES[key];
    return { value: `${c.kind}:${key}`, title: `${c.kind === 'dimension' ? 'Team dynamic' : 'Hazard'}: ${c.label}` };
  });
}

export function parseTarget(value: unknown): ActionTarget | undefined {
  if (typeof value !== 'string') return undefined;
  const [kind, key] = value.split(':');
  if ((kind !== 'dimension' && kind !== 'hazard') || !key || !isCategoryKey(key)) return undefined;
  if (CATEGORIES[key].kind !== kind) return undefined;
  return { kind, key };
}

export function validateActionDraft(
  input: ActionDraftInput,
  roster: readonly { id: string; displayName: string }[],
  today: string,
): { ok: true; draft: ActionDraft } | { ok: false; problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const title = cleanText(input.title, MAX_TITLE_TEXT);
  if (!title.ok) problems.push('title');
  const owner = typeof input.ownerId === 'string' ? roster.find((m) => m.id === input.ownerId) : undefined;
  if (!owner) problems.push('owner');
  const due = typeof input.due === 'string' && isCalendarDate(input.due) && input.due >= today ? input.due : undefined;
  if (!due) problems.push('due');
  const target = parseTarget(input.target);
  if (!target) problems.push('target');
  if (problems.length > 0 || !title.ok || !owner || !due || !target) return { ok: false, problems };
  return { ok: true, draft: { title: title.text, ownerId: owner.id, ownerName: owner.displayName, due, target } };
}

export type AgreementKind = AgreementRule['kind'];

export const AGREEMENT_KINDS: ReadonlyArray<{ kind: AgreementKind; title: string; hint: string }> = Object.freeze([
  { kind: 'no-meetings-after', title: 'No meetings after a time', hint: 'e.g. 16:00' },
  { kind: 'no-meetings-before', title: 'No meetings before a time', hint: 'e.g. 09:30' },
  { kind: 'focus-day', title: 'A focus day without meetings', hint: 'e.g. Wednesday' },
  { kind: 'max-attendees', title: 'At most this many attendees', hint: 'e.g. 8' },
  { kind: 'default-duration', title: 'Default meeting lengths (minutes)', hint: 'e.g. 25, 50' },
]);

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Turns the agreement form (a kind and one value) into a checkable rule, or undefined when it does not parse. */
export function parseAgreementRule(kind: unknown, value: unknown): AgreementRule | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  switch (kind) {
    case 'no-meetings-after':
    case 'no-meetings-before': {
      const t = /^\d:\d\d$/.test(v) ? `0${v}` : v;
      return TIME.test(t) ? { kind, time: t } : undefined;
    }
    case 'focus-day': {
      const n = /^[1-7]$/.test(v) ? Number(v) : WEEKDAYS.findIndex((d) => d.startsWith(v) && v.length >= 2) + 1;
      return n >= 1 && n <= 7 ? { kind, weekday: n } : undefined;
    }
    case 'max-attendees': {
      const n = Number(v);
      return Number.isInteger(n) && n >= 2 && n <= 500 ? { kind, max: n } : undefined;
    }
    case 'default-duration': {
      const minutes = v
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      if (minutes.length === 0 || minutes.length > 4 || minutes.some((m) => !Number.isInteger(m) || m < 5 || m > 240))
        return undefined;
      return { kind, minutes: [...new Set(minutes)].sort((a, b) => a - b) };
    }
    default:
      return undefined;
  }
}

export function describeRule(rule: AgreementRule): string {
  switch (rule.kind) {
    case 'no-meetings-after':
      return `No meetings after ${rule.time}`;
    case 'no-meetings-before':
      return `No meetings before ${rule.time}`;
    case 'focus-day':
      return `${(WEEKDAYS[rule.weekday - 1] ?? '').replace(/^./, (c) => c.toUpperCase())} is a focus day (no meetings)`;
    case 'max-attendees':
      return `At most ${rule.max} attendees per meeting`;
    case 'default-duration':
      return `Meetings default to ${rule.minutes.join(' or ')} minutes`;
  }
}
