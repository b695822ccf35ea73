import type {
  AgreementRule,
  CalendarEvent,
  MeetingLoadSettingsInput,
  ProposedMeeting,
  Violation,
  ViolationCode,
  WhatIfResult,
} from '@humandebt/core';
import { addDays, instantAt, localDateOf, mondayOfDate } from '../calendar/local-week';
import type { CalendarRange } from '../calendar/calendar-source';
import { whatIf } from '../domain/what-if';

/**
 * What one meeting does to its day and which rules it breaks — the same words in the task pane, in the notification
 * on the compose form and in the Smart Alert on send. Pure: no DOM, no Office; the handlers' bundle includes it.
 */

/** A team agreement as the add-in knows it: the rule, its title from the retro, and whose it is. */
export interface TeamAgreement {
  teamName: string;
  title: string;
  rule: AgreementRule;
}

/** The meeting under consideration (the open appointment, or one the person tries out in the pane). */
export interface MeetingDraft {
  /** Graph id when it is already on the calendar (it is then moved, not added twice). */
  id?: string;
  start: Date;
  end: Date;
  attendeeCount: number;
  isOrganizer: boolean;
  isRecurring: boolean;
  isOnline?: boolean;
}

/** Rules that can be judged from the meeting alone, without the person's calendar. */
const CALENDAR_FREE: ReadonlySet<ViolationCode> = new Set<ViolationCode>([
  'long-meeting',
  'large-meeting',
  'after-hours',
  'no-meetings-after',
  'no-meetings-before',
  'focus-day',
  'max-attendees',
  'default-duration',
]);

const THRESHOLD_NAMES: Readonly<Record<string, string>> = {
  'long-meeting': 'Long meeting',
  'large-meeting': 'Large meeting',
  'back-to-back': 'Back-to-back meetings',
  conflict: 'Double booking',
  'after-hours': 'Outside working hours',
  'out-of-office': 'Out of office',
  'last-focus-block': 'Last focus block',
  'low-weekly-focus': 'Low focus week',
};

export interface LabelledViolation extends Violation {
  /** "Long meeting", or for an agreement "Team agreement “No meetings after 16:00” (Platform)". */
  name: string;
}

export interface AppointmentImpact {
  result: WhatIfResult;
  /** "This makes Thursday 7.5 h of meetings and removes your last focus block." */
  sentence: string;
  violations: LabelledViolation[];
  /** False when the calendar could not be read: only rules that need no calendar were checked. */
  calendarChecked: boolean;
}

/** The local dates to read so a what-if sees the whole week(s) of the meeting. */
export function rangeAround(draft: Pick<MeetingDraft, 'start' | 'end'>, timeZone: string): CalendarRange {
  const first = mondayOfDate(localDateOf(draft.start, timeZone));
  const last = addDays(
    mondayOfDate(localDateOf(new Date(Math.max(draft.start.getTime(), draft.end.getTime() - 1)), timeZone)),
    6,
  );
  // A day either side: events in other zones can cross into the week at its edges.
  return {
    start: instantAt(addDays(first, -1), '00:00', timeZone),
    end: instantAt(addDays(last, 2), '00:00', timeZone),
  };
}

export function toProposal(draft: MeetingDraft, timeZone: string): ProposedMeeting {
  const proposal: ProposedMeeting = {
    start: draft.start.toISOString(),
    end: draft.end.toISOString(),
    timeZone,
    attendeeCount: draft.attendeeCount,
    isRecurring: draft.isRecurring,
    isOnline: draft.isOnline ?? false,
    isOrganizer: draft.isOrganizer,
  };
  if (draft.id) proposal.id = draft.id;
  return proposal;
}

function sameRule(a: AgreementRule, b: AgreementRule): boolean {
  return JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
}

function nameOf(v: Violation, agreements: readonly TeamAgreement[]): string {
  if (v.source === 'agreement' && v.rule) {
    const owners = agreements.filter((a) => sameRule(a.rule, v.rule!));
    const first = owners[0];
    if (first) {
      const teams = [...new Set(owners.map((o) => o.teamName))].join(', ');
      return `Team agreement “${first.title}” (${teams})`;
    }
    return 'Team agreement';
  }
  return THRESHOLD_NAMES[v.code] ?? v.code;
}

function hoursText(hours: number): string {
  const rounded = Math.round(hours * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} h`;
}

function weekdayName(date: string): string {
  return new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** "This makes Thursday 7.5 h of meetings and removes your last focus block." from the first day the meeting touches. */
export function impactSentence(result: WhatIfResult): string {
  const day = result.days[0];
  if (!result.ok || !day) return 'This meeting could not be checked.';
  const name = weekdayName(day.date);
  const hours = `This makes ${name} ${hoursText(day.meetingHours.after)} of meetings`;
  const { before, after } = day.focusBlocks;
  let focus: string;
  if (before > 0 && after === 0) focus = 'removes your last focus block';
  else if (after < before) focus = `leaves ${after} focus ${after === 1 ? 'block' : 'blocks'}`;
  else if (after === 0) focus = 'there is no focus block that day';
  else focus = `keeps ${after === 1 ? 'your' : `all ${after}`} focus ${after === 1 ? 'block' : 'blocks'}`;
  const chains = day.backToBackChains.change > 0 ? ', and it adds a back-to-back chain' : '';
  return `${hours} and ${focus}${chains}.`;
}

/**
 * Evaluates a meeting against the person's calendar (or, when `events` is undefined because the calendar could not
 * be read, against the rules that need none) and the team's agreements.
 */
export function evaluateMeeting(
  draft: MeetingDraft,
  events: readonly CalendarEvent[] | undefined,
  agreements: readonly TeamAgreement[],
  settings: MeetingLoadSettingsInput,
  now: Date,
): AppointmentImpact {
  const result = whatIf(
    events ?? [],
    settings,
    toProposal(draft, settings.timeZone),
    agreements.map((a) => a.rule),
    {
      notBefore: now.toISOString(),
    },
  );
  const calendarChecked = events !== undefined;
  const kept = calendarChecked ? result.violations : result.violations.filter((v) => CALENDAR_FREE.has(v.code));
  return {
    result,
    sentence: calendarChecked
      ? impactSentence(result)
      : 'Your calendar could not be read here, so only the meeting itself was checked.',
    violations: kept.map((v) => ({ ...v, name: nameOf(v, agreements) })),
    calendarChecked,
  };
}

/** The Smart Alert text: which rules, why, and the first concrete suggestion. At most 500 characters. */
export function smartAlertText(impact: AppointmentImpact): string {
  const n = impact.violations.length;
  const lines = [`This meeting breaks ${n === 1 ? 'a rule' : `${n} rules`} for healthy meeting load:`];
  for (const v of impact.violations) lines.push(`• ${v.name}: ${v.message}`);
  const suggestion =
    impact.violations.find((v) => v.suggestion.kind !== 'decline-with-note')?.suggestion ??
    impact.violations[0]?.suggestion;
  if (suggestion) lines.push(`Suggestion: ${suggestion.text}`);
  if (impact.calendarChecked && impact.result.days[0]) lines.push(impactSentence(impact.result));
  lines.push('Choose Send Anyway to send it as it is.');
  return fit(lines, 500);
}

/** The notification on the compose form: the day's load with this meeting, and which rules it breaks. ≤ 150 chars. */
export function notificationText(impact: AppointmentImpact): string {
  const names = impact.violations.map((v) => shortName(v));
  const rules = names.length > 0 ? ` Breaks: ${[...new Set(names)].join(', ')}.` : ' Within your meeting-load limits.';
  const day = impact.calendarChecked
    ? impactSentence(impact.result)
    : 'Calendar not readable here; the meeting itself was checked.';
  const text = `${day}${rules}`;
  return text.length <= 150 ? text : `${text.slice(0, 149).trimEnd()}…`;
}

function shortName(v: LabelledViolation): string {
  if (v.source === 'agreement') {
    const m = /“(.+)”/.exec(v.name);
    return m?.[1] ? `“${m[1]}”` : 'a team agreement';
  }
  return v.name.toLowerCase();
}

/** Joins lines, dropping whole violation lines from the end (never cutting a sentence) until the text fits. */
function fit(lines: string[], max: number): string {
  const out = [...lines];
  while (out.join('\n').length > max && out.length > 3) {
    // Keep the heading, the first violation and the closing line; drop from the middle.
    out.splice(out.length - 2, 1);
  }
  const text = out.join('\n');
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
