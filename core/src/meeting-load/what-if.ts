import type { AgreementRule } from '../store/documents';
import { aggregateWeeks, buildDayTable, computeDays, mondayOf } from './engine';
import {
  FLAG_OOF,
  FLAG_ORGANIZER,
  normalizeEvents,
  parseIsoDateTime,
  type SortedCalendar,
  sortCalendar,
} from './normalize';
import { resolveMeetingLoadSettings } from './settings';
import {
  civilDayToDate,
  DAY_MS,
  MINUTE_MS,
  parseClockTime,
  weekdayOfCivilDay,
  type ZoneClock,
  zoneClock,
} from './time-zone';
import type {
  DayFigures,
  EventError,
  MeetingLoadReport,
  MeetingLoadSettings,
  MeetingLoadSettingsInput,
  WeekFigures,
} from './types';

/**
 * What-if: the figures of a person's calendar with one proposed meeting added (or an existing one moved), the
 * before/after delta of the days and weeks it touches, and the rules it would break — generic thresholds
 * (docs/measurement.md) and the team's own agreements — each with a machine code, a sentence and one concrete
 * suggestion.
 *
 * Agreement times ("no meetings after 16:00") are read in the person's time zone.
 */

export interface ProposedMeeting {
  /** When an existing meeting is being changed, its id: the original is left out of the "after" picture. */
  id?: string;
  start: string;
  end: string;
  timeZone: string;
  attendeeCount?: number;
  isRecurring?: boolean;
  isOnline?: boolean;
  /** False for an invitation the person received: suggestions become "decline with a note". Default true. */
  isOrganizer?: boolean;
}

export interface WhatIfOptions {
  /** Suggested new times are not earlier than this instant (ISO), e.g. now. */
  notBefore?: string;
  /** How many days from the proposal's day to search for a new time. Default 14. */
  searchDays?: number;
}

export interface Delta {
  before: number;
  after: number;
  change: number;
}

export interface DayDelta {
  date: string;
  meetingHours: Delta;
  focusBlocks: Delta;
  focusHours: Delta;
  backToBackChains: Delta;
  afterHoursHours: Delta;
  conflicts: Delta;
  workingTimeShare: Delta;
}

export interface WeekDelta {
  week: string;
  meetingHours: Delta;
  focusBlocks: Delta;
  focusHours: Delta;
  backToBackChains: Delta;
  afterHoursHours: Delta;
  conflicts: Delta;
}

export type ThresholdViolationCode =
  | 'long-meeting'
  | 'large-meeting'
  | 'back-to-back'
  | 'conflict'
  | 'after-hours'
  | 'out-of-office'
  | 'last-focus-block'
  | 'low-weekly-focus';
export type AgreementViolationCode = AgreementRule['kind'];
export type ViolationCode = ThresholdViolationCode | AgreementViolationCode;

export type SuggestionKind = 'shorten' | 'make-async' | 'new-time' | 'protect-focus' | 'decline-with-note';

export interface Suggestion {
  kind: SuggestionKind;
  /** One sentence a person can act on. */
  text: string;
  /** For "shorten": the suggested length. */
  minutes?: number;
  /** For a new time (or a shortened meeting): local ISO times in the person's zone. */
  start?: string;
  end?: string;
  /** For "decline-with-note": a polite note to send with the answer. */
  note?: string;
}

export interface Violation {
  code: ViolationCode;
  source: 'threshold' | 'agreement';
  /** The agreement that is broken, for source 'agreement'. */
  rule?: AgreementRule;
  message: string;
  suggestion: Suggestion;
}

export interface WhatIfResult {
  /** False when the proposed meeting itself is not valid; then nothing else is computed. */
  ok: boolean;
  proposalErrors: EventError[];
  /** Agreements that could not be checked (malformed), with the reason. */
  agreementErrors: string[];
  /** Invalid calendar events that were skipped. */
  errors: EventError[];
  /** Figures over the ISO week(s) the proposal touches, without and with it. */
  before: MeetingLoadReport;
  after: MeetingLoadReport;
  days: DayDelta[];
  weeks: WeekDelta[];
  /** One line per affected day, e.g. "Tue 31 Mar: meeting hours 6.0 → 7.5, focus blocks 1 → 0". */
  summary: string[];
  violations: Violation[];
}

const PROPOSED_ID = '\u0000proposed';
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ROUND_MS = 5 * MINUTE_MS;

function dayLabel(cd: number): string {
  const d = new Date(cd * DAY_MS);
  return `${WEEKDAYS[weekdayOfCivilDay(cd) - 1]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

function hours(x: number): string {
  return x.toFixed(1);
}

function duration(minutes: number): string {
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  return m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function delta(before: number, after: number): Delta {
  return { before, after, change: after - before };
}

type ValidAgreement = AgreementRule & { minutesOfDay?: number };

export function validateAgreements(rules: readonly unknown[]): { valid: ValidAgreement[]; errors: string[] } {
  const valid: ValidAgreement[] = [];
  const errors: string[] = [];
  rules.forEach((raw, i) => {
    const r = raw as Partial<Record<string, unknown>> | null;
    const where = `agreement #${i}`;
    if (typeof r !== 'object' || r === null) {
      errors.push(`${where}: not an object`);
      return;
    }
    switch (r['kind']) {
      case 'no-meetings-after':
      case 'no-meetings-before': {
        const minutes = parseClockTime(r['time'], r['kind'] === 'no-meetings-after');
        if (minutes === undefined) errors.push(`${where} (${r['kind']}): time must be HH:mm`);
        else valid.push({ kind: r['kind'], time: r['time'] as string, minutesOfDay: minutes });
        return;
      }
      case 'focus-day': {
        const w = r['weekday'];
        if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > 7) {
          errors.push(`${where} (focus-day): weekday must be 1 (Monday) … 7 (Sunday)`);
        } else valid.push({ kind: 'focus-day', weekday: w });
        return;
      }
      case 'max-attendees': {
        const max = r['max'];
        if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
          errors.push(`${where} (max-attendees): max must be a whole number ≥ 1`);
        } else valid.push({ kind: 'max-attendees', max });
        return;
      }
      case 'default-duration': {
        const list = r['minutes'];
        if (
          !Array.isArray(list) ||
          list.length === 0 ||
          !list.every((m) => typeof m === 'number' && Number.isFinite(m) && m > 0)
        ) {
          errors.push(`${where} (default-duration): minutes must be a non-empty list of positive numbers`);
        } else valid.push({ kind: 'default-duration', minutes: [...(list as number[])].sort((a, b) => a - b) });
        return;
      }
      default:
        errors.push(`${where}: unknown kind ${JSON.stringify(r['kind'])}`);
    }
  });
  return { valid, errors };
}

function emptyReport(cfg: MeetingLoadSettings, errors: EventError[]): MeetingLoadReport {
  return {
    timeZone: cfg.timeZone,
    from: '',
    to: '',
    truncated: false,
    days: [],
    weeks: [],
    errors,
    countedMeetings: 0,
    excluded: {
      declined: 0,
      free: 0,
      workingElsewhere: 0,
      tentative: 0,
      allDay: 0,
      allDayOutOfOffice: 0,
      outOfOffice: 0,
    },
  };
}

/** A copy of a sorted calendar without one id and with one extra interval inserted in start order. */
function withProposal(
  cal: SortedCalendar,
  replaceId: string | undefined,
  p: { start: number; end: number; attendees: number; flags: number },
): { cal: SortedCalendar; index: number } {
  const n = cal.count;
  const start = new Float64Array(n + 1);
  const end = new Float64Array(n + 1);
  const attendees = new Int32Array(n + 1);
  const flags = new Uint8Array(n + 1);
  const ids: string[] = [];
  let k = 0;
  let index = -1;
  const put = (s: number, e: number, a: number, f: number, id: string): void => {
    start[k] = s;
    end[k] = e;
    attendees[k] = a;
    flags[k] = f;
    ids.push(id);
    k++;
  };
  for (let i = 0; i < n; i++) {
    if (replaceId !== undefined && cal.ids[i] === replaceId) continue;
    if (index < 0 && cal.start[i]! > p.start) {
      index = k;
      put(p.start, p.end, p.attendees, p.flags, PROPOSED_ID);
    }
    put(cal.start[i]!, cal.end[i]!, cal.attendees[i]!, cal.flags[i]!, cal.ids[i]!);
  }
  if (index < 0) {
    index = k;
    put(p.start, p.end, p.attendees, p.flags, PROPOSED_ID);
  }
  return {
    cal: {
      count: k,
      start: start.subarray(0, k),
      end: end.subarray(0, k),
      attendees: attendees.subarray(0, k),
      flags: flags.subarray(0, k),
      ids,
      oofDays: cal.oofDays,
    },
    index,
  };
}

/** Free gaps of [a, b) windows around sorted, merged busy intervals. */
function longestFreeGap(windows: readonly number[], busy: readonly number[]): number {
  let best = 0;
  for (let w = 0; w < windows.length; w += 2) {
    const a = windows[w]!;
    const b = windows[w + 1]!;
    let free = a;
    for (let k = 0; k < busy.length; k += 2) {
      const s = busy[k]!;
      const e = busy[k + 1]!;
      if (e <= a || s >= b) continue;
      if (s > free) best = Math.max(best, Math.min(s, b) - free);
      if (e > free) free = e;
    }
    if (b > free) best = Math.max(best, b - free);
  }
  return best;
}

/** [a, b) windows minus sorted, merged [s, e) intervals. */
function subtract(windows: readonly number[], cut: readonly number[]): number[] {
  const out: number[] = [];
  for (let w = 0; w < windows.length; w += 2) {
    let a = windows[w]!;
    const b = windows[w + 1]!;
    for (let k = 0; k < cut.length && a < b; k += 2) {
      const s = cut[k]!;
      const e = cut[k + 1]!;
      if (e <= a || s >= b) continue;
      if (s > a) out.push(a, s);
      a = Math.max(a, e);
    }
    if (a < b) out.push(a, b);
  }
  return out;
}

/** Merges [s, e) pairs given in start order. */
function merge(pairs: number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < pairs.length; k += 2) {
    const s = pairs[k]!;
    const e = pairs[k + 1]!;
    const last = out.length - 1;
    if (last > 0 && s <= out[last]!) out[last] = Math.max(out[last]!, e);
    else out.push(s, e);
  }
  return out;
}

interface Context {
  cfg: MeetingLoadSettings;
  clock: ZoneClock;
  base: SortedCalendar;
  agreements: ValidAgreement[];
  start: number;
  end: number;
  notBefore: number;
  searchDays: number;
}

/**
 * The nearest time for the same meeting that breaks none of the time rules: inside working hours and the agreements'
 * hours, not on a focus day or an out-of-office day, no overlap and a full back-to-back gap on both sides, and — on a
 * day that has a focus block — leaving one. Same day first (closest to the proposed time), then the following days.
 */
function findSlot(ctx: Context): { start: number; end: number } | undefined {
  const { cfg, clock, base } = ctx;
  const dur = ctx.end - ctx.start;
  const gap = cfg.thresholds.backToBackGapMinutes * MINUTE_MS;
  const focusMs = cfg.thresholds.focusBlockMinutes * MINUTE_MS;
  const firstCd = clock.civilDayOf(ctx.start);
  const table = buildDayTable(clock, cfg, firstCd, firstCd + ctx.searchDays - 1, base.oofDays);
  const wall = clock.localFields(ctx.start);
  const focusDays = new Set(ctx.agreements.flatMap((a) => (a.kind === 'focus-day' ? [a.weekday] : [])));
  for (let i = 0; i < table.count; i++) {
    const cd = firstCd + i;
    const ws = table.workStart[i]!;
    const we = table.workEnd[i]!;
    if (ws !== ws || table.outOfOffice[i] === 1 || focusDays.has(weekdayOfCivilDay(cd))) continue;
    const d = new Date(cd * DAY_MS);
    const at = (minutes: number): number =>
      clock.toUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), Math.floor(minutes / 60), minutes % 60);
    let lo = Math.max(ws, ctx.notBefore);
    let hi = we;
    for (const a of ctx.agreements) {
      if (a.kind === 'no-meetings-before') lo = Math.max(lo, at(a.minutesOfDay!));
      if (a.kind === 'no-meetings-after') hi = Math.min(hi, at(a.minutesOfDay!));
    }
    if (hi - lo < dur) continue;
    const ds = table.dayStart[i]!;
    const de = table.dayStart[i + 1]!;
    const oof: number[] = [];
    const busy: number[] = [];
    const padded: number[] = [];
    for (let k = 0; k < base.count; k++) {
      const s = base.start[k]!;
      const e = base.end[k]!;
      if (s >= de + gap) break;
      if (e <= ds - gap || e === s) continue;
      if (base.flags[k]! & FLAG_OOF) oof.push(s, e);
      else {
        busy.push(s, e);
        padded.push(s - gap, e + gap);
      }
    }
    const workWindows = subtract([ws, we], merge(oof));
    const busyMerged = merge(busy);
    const hadFocus = longestFreeGap(workWindows, busyMerged) >= focusMs;
    const free = subtract(subtract([lo, hi], merge(oof)), merge(padded));
    const target = i === 0 ? ctx.start : at(wall.hour * 60 + wall.minute);
    let best: number | undefined;
    for (let w = 0; w < free.length; w += 2) {
      const a = free[w]!;
      const b = free[w + 1]!;
      const first = Math.ceil(a / ROUND_MS) * ROUND_MS;
      const last = Math.floor((b - dur) / ROUND_MS) * ROUND_MS;
      if (last < first) continue;
      const near = Math.min(last, Math.max(first, Math.round(target / ROUND_MS) * ROUND_MS));
      for (const c of [near, first, last]) {
        if (c === ctx.start) continue;
        if (hadFocus) {
          const withIt = merge(insertPair(busyMerged, c, c + dur));
          if (longestFreeGap(workWindows, withIt) < focusMs) continue;
        }
        if (best === undefined || Math.abs(c - target) < Math.abs(best - target)) best = c;
      }
    }
    if (best !== undefined) return { start: best, end: best + dur };
  }
  return undefined;
}

function insertPair(sorted: readonly number[], s: number, e: number): number[] {
  const out: number[] = [];
  let placed = false;
  for (let k = 0; k < sorted.length; k += 2) {
    if (!placed && sorted[k]! > s) {
      out.push(s, e);
      placed = true;
    }
    out.push(sorted[k]!, sorted[k + 1]!);
  }
  if (!placed) out.push(s, e);
  return out;
}

/**
 * Evaluates a proposed meeting against the person's calendar, the thresholds and the team's agreements.
 * Invalid calendar events are skipped and reported; an invalid proposal gives `ok: false` with the reasons.
 * Invalid settings throw a ValidationError (configuration, as in analyzeMeetingLoad).
 */
export function whatIf(
  events: readonly unknown[],
  settings: MeetingLoadSettingsInput | MeetingLoadSettings,
  proposed: ProposedMeeting,
  agreements: readonly AgreementRule[],
  options: WhatIfOptions = {},
): WhatIfResult {
  const cfg = resolveMeetingLoadSettings(settings);
  const clock = zoneClock(cfg.timeZone)!;
  const { valid: rules, errors: agreementErrors } = validateAgreements(agreements);
  const organizer = proposed.isOrganizer !== false;
  const pid = typeof proposed.id === 'string' && proposed.id.length > 0 ? proposed.id : PROPOSED_ID;
  const pNorm = normalizeEvents(
    [
      {
        id: pid,
        start: proposed.start,
        end: proposed.end,
        timeZone: proposed.timeZone,
        showAs: 'busy',
        responseStatus: organizer ? 'organizer' : 'accepted',
        isAllDay: false,
        isOrganizer: organizer,
        attendeeCount: proposed.attendeeCount ?? 0,
        isRecurring: proposed.isRecurring ?? false,
        isOnline: proposed.isOnline ?? false,
      },
    ],
    cfg,
  );
  const norm = normalizeEvents(events, cfg);
  if (pNorm.errors.length > 0 || pNorm.count !== 1) {
    const report = emptyReport(cfg, norm.errors);
    return {
      ok: false,
      proposalErrors: pNorm.errors.map((e) => ({
        ...e,
        message: e.message.replace(/^Event [^:]*:/, 'Proposed meeting:'),
      })),
      agreementErrors,
      errors: norm.errors,
      before: report,
      after: report,
      days: [],
      weeks: [],
      summary: [],
      violations: [],
    };
  }
  const pStart = pNorm.start[0]!;
  const pEnd = pNorm.end[0]!;
  const pAttendees = pNorm.attendees[0]!;
  const durMin = (pEnd - pStart) / MINUTE_MS;

  const sortedBefore = sortCalendar(norm);
  const replaceId = pid === PROPOSED_ID ? undefined : pid;
  const { cal: sortedAfter, index: pIndex } = withProposal(sortedBefore, replaceId, {
    start: pStart,
    end: pEnd,
    attendees: pAttendees,
    flags: pNorm.flags[0]! | (organizer ? FLAG_ORGANIZER : 0),
  });
  const base: SortedCalendar = withoutIndex(sortedAfter, pIndex);

  const firstCd = clock.civilDayOf(pStart);
  const lastCd = pEnd > pStart ? clock.civilDayOf(pEnd - 1000) : firstCd;
  const fromCd = mondayOf(firstCd);
  const toCd = mondayOf(lastCd) + 6;
  const table = buildDayTable(clock, cfg, fromCd, toCd, sortedBefore.oofDays);
  const daysBefore = computeDays(sortedBefore, table, cfg, clock);
  const daysAfter = computeDays(sortedAfter, table, cfg, clock);
  const weeksBefore = aggregateWeeks(daysBefore, cfg);
  const weeksAfter = aggregateWeeks(daysAfter, cfg);
  const report = (days: DayFigures[], weeks: WeekFigures[], counted: number): MeetingLoadReport => ({
    timeZone: cfg.timeZone,
    from: civilDayToDate(fromCd),
    to: civilDayToDate(toCd),
    truncated: false,
    days,
    weeks,
    errors: norm.errors,
    countedMeetings: counted,
    excluded: norm.excluded,
  });
  const replaced = replaceId !== undefined && sortedBefore.ids.includes(replaceId) ? 1 : 0;
  const before = report(daysBefore, weeksBefore, norm.countedMeetings);
  const after = report(daysAfter, weeksAfter, norm.countedMeetings - replaced + 1);

  // ---- Deltas ---------------------------------------------------------------------------------------------------
  const dayDeltas: DayDelta[] = [];
  const summary: string[] = [];
  for (let cd = firstCd; cd <= lastCd; cd++) {
    const b = daysBefore[cd - fromCd]!;
    const a = daysAfter[cd - fromCd]!;
    const dd: DayDelta = {
      date: a.date,
      meetingHours: delta(b.meetingHours, a.meetingHours),
      focusBlocks: delta(b.focusBlockCount, a.focusBlockCount),
      focusHours: delta(b.focusHours, a.focusHours),
      backToBackChains: delta(b.backToBack.chains, a.backToBack.chains),
      afterHoursHours: delta(b.afterHoursHours, a.afterHoursHours),
      conflicts: delta(b.conflicts.meetings, a.conflicts.meetings),
      workingTimeShare: delta(b.workingTimeShare, a.workingTimeShare),
    };
    dayDeltas.push(dd);
    const parts = [
      `meeting hours ${hours(b.meetingHours)} → ${hours(a.meetingHours)}`,
      `focus blocks ${b.focusBlockCount} → ${a.focusBlockCount}`,
    ];
    if (dd.backToBackChains.change !== 0)
      parts.push(`back-to-back chains ${b.backToBack.chains} → ${a.backToBack.chains}`);
    if (dd.afterHoursHours.change !== 0)
      parts.push(`after-hours ${hours(b.afterHoursHours)} h → ${hours(a.afterHoursHours)} h`);
    if (dd.conflicts.change !== 0) parts.push(`conflicting meetings ${b.conflicts.meetings} → ${a.conflicts.meetings}`);
    summary.push(`${dayLabel(cd)}: ${parts.join(', ')}`);
  }
  const weekDeltas: WeekDelta[] = weeksAfter.map((a, i) => {
    const b = weeksBefore[i]!;
    return {
      week: a.week,
      meetingHours: delta(b.meetingHours, a.meetingHours),
      focusBlocks: delta(b.focusBlockCount, a.focusBlockCount),
      focusHours: delta(b.focusHours, a.focusHours),
      backToBackChains: delta(b.backToBack.chains, a.backToBack.chains),
      afterHoursHours: delta(b.afterHoursHours, a.afterHoursHours),
      conflicts: delta(b.conflicts.meetings, a.conflicts.meetings),
    };
  });

  // ---- Violations -----------------------------------------------------------------------------------------------
  const th = cfg.thresholds;
  const gapMs = th.backToBackGapMinutes * MINUTE_MS;
  const ctx: Context = {
    cfg,
    clock,
    base,
    agreements: rules,
    start: pStart,
    end: pEnd,
    notBefore: options.notBefore === undefined ? -Infinity : instantOrMinusInfinity(options.notBefore),
    searchDays: Math.max(1, Math.min(60, Math.floor(options.searchDays ?? 14))),
  };
  let slotCache: { start: number; end: number } | undefined | null = null;
  const slot = (): { start: number; end: number } | undefined => {
    if (slotCache === null) slotCache = findSlot(ctx);
    return slotCache;
  };
  const slotLabel = (s: { start: number; end: number }): string =>
    `${dayLabel(clock.civilDayOf(s.start))} ${clock.formatTime(s.start)}–${clock.formatTime(s.end)}`;
  const violations: Violation[] = [];
  const add = (code: ViolationCode, message: string, suggestion: Suggestion, rule?: AgreementRule): void => {
    const v: Violation = { code, source: rule ? 'agreement' : 'threshold', message, suggestion };
    if (rule) v.rule = stripInternal(rule);
    violations.push(v);
  };
  /** A new-time suggestion (or, for an invitation, a note that proposes it). */
  const moveSuggestion = (reason: string, kind: 'new-time' | 'protect-focus' = 'new-time'): Suggestion => {
    const s = slot();
    if (!organizer) {
      const note = s
        ? `Thanks for the invitation. ${reason} Could we move it to ${slotLabel(s)}?`
        : `Thanks for the invitation. ${reason} Could we handle this asynchronously instead?`;
      const out: Suggestion = {
        kind: 'decline-with-note',
        text: 'Decline with a note that proposes another time.',
        note,
      };
      if (s) Object.assign(out, { start: clock.formatIso(s.start), end: clock.formatIso(s.end) });
      return out;
    }
    if (!s) {
      return {
        kind: 'make-async',
        text: `No ${duration(durMin)} slot in the next ${ctx.searchDays} days keeps to working hours, breaks and the team's agreements: could this be handled asynchronously?`,
      };
    }
    return {
      kind,
      text:
        kind === 'protect-focus'
          ? `Move it to ${slotLabel(s)} so a ${duration(th.focusBlockMinutes)} focus block stays free.`
          : `Move it to ${slotLabel(s)}.`,
      start: clock.formatIso(s.start),
      end: clock.formatIso(s.end),
    };
  };
  const shortenSuggestion = (minutes: number, why: string): Suggestion => {
    const end = pStart + minutes * MINUTE_MS;
    if (!organizer) {
      return {
        kind: 'decline-with-note',
        text: 'Decline with a note that asks for a shorter meeting.',
        note: `Thanks for the invitation. ${why} Could we do it in ${duration(minutes)}?`,
      };
    }
    return {
      kind: 'shorten',
      text: `Shorten it to ${duration(minutes)} (ending ${clock.formatTime(end)}).`,
      minutes,
      start: clock.formatIso(pStart),
      end: clock.formatIso(end),
    };
  };
  const asyncSuggestion = (why: string, organizerText: string): Suggestion =>
    organizer
      ? { kind: 'make-async', text: organizerText }
      : {
          kind: 'decline-with-note',
          text: 'Decline with a note and follow the outcome asynchronously.',
          note: `Thanks for the invitation. ${why} I'll follow the written notes instead — please send them my way.`,
        };
  const durationRule = rules.find((r) => r.kind === 'default-duration');
  const allowedDurations = durationRule?.kind === 'default-duration' ? durationRule.minutes : [25, 50];

  // Long meeting.
  if (durMin > th.longMeetingMinutes) {
    const target = [...allowedDurations].reverse().find((m) => m <= th.longMeetingMinutes) ?? th.longMeetingMinutes;
    add(
      'long-meeting',
      `It lasts ${duration(durMin)}, longer than ${duration(th.longMeetingMinutes)}.`,
      shortenSuggestion(target, `Long meetings are hard on everyone's focus.`),
    );
  }
  // Large meeting.
  if (pAttendees > th.largeMeetingAttendees) {
    add(
      'large-meeting',
      `It has ${pAttendees} attendees, more than ${th.largeMeetingAttendees}.`,
      asyncSuggestion(
        'It is a large meeting and my part in it is small.',
        `Make it asynchronous (a written update or a recording) or invite only the people who must decide (at most ${th.largeMeetingAttendees}).`,
      ),
    );
  }
  // Conflicts and back-to-back, against the calendar without the proposal.
  if (pEnd > pStart) {
    const overlaps: string[] = [];
    let prevEnd = -Infinity;
    let nextStart = Infinity;
    for (let k = 0; k < base.count; k++) {
      const s = base.start[k]!;
      const e = base.end[k]!;
      if (s >= pEnd + gapMs) break;
      if (e === s || base.flags[k]! & FLAG_OOF) continue;
      if (s < pEnd && e > pStart) overlaps.push(`${clock.formatTime(s)}–${clock.formatTime(e)}`);
      else if (e <= pStart && e > prevEnd) prevEnd = e;
      else if (s >= pEnd && s < nextStart) nextStart = s;
    }
    if (overlaps.length > 0) {
      add(
        'conflict',
        `It overlaps ${overlaps.length === 1 ? 'a meeting' : `${overlaps.length} meetings`} you already have (${overlaps.join(', ')}).`,
        moveSuggestion('I am already booked at that time.'),
      );
    }
    const tightBefore = pStart - prevEnd < gapMs;
    const tightAfter = nextStart - pEnd < gapMs;
    if (tightBefore || tightAfter) {
      const chain = chainOf(sortedAfter, pIndex, gapMs);
      const details: string[] = [];
      if (tightBefore) details.push(`the meeting before ends at ${clock.formatTime(prevEnd)}`);
      if (tightAfter) details.push(`the next one starts at ${clock.formatTime(nextStart)}`);
      let suggestion: Suggestion;
      const shortenTo = tightAfter && !tightBefore ? (nextStart - gapMs - pStart) / MINUTE_MS : 0;
      if (shortenTo >= Math.max(5, durMin / 2) && organizer) {
        suggestion = shortenSuggestion(Math.floor(shortenTo / 5) * 5, '');
        suggestion.text = `Shorten it to ${duration(suggestion.minutes!)} so there is a ${duration(th.backToBackGapMinutes)} break before the next meeting.`;
      } else {
        suggestion = moveSuggestion(`I would otherwise have ${chain.meetings} meetings in a row without a break.`);
      }
      add(
        'back-to-back',
        `It leaves no ${duration(th.backToBackGapMinutes)} break: ${details.join(' and ')}. That makes ${chain.meetings} meetings in a row (${duration(chain.minutes)}) without a break.`,
        suggestion,
      );
    }
  }
  // After hours and out of office, per local day it touches.
  let outsideMs = 0;
  let outsideZero = false;
  const oofDates: string[] = [];
  for (let cd = firstCd; cd <= lastCd; cd++) {
    const i = cd - fromCd;
    const ds = table.dayStart[i]!;
    const de = table.dayStart[i + 1]!;
    const a = Math.max(pStart, ds);
    const b = Math.min(pEnd, de);
    if (table.outOfOffice[i] === 1) {
      oofDates.push(dayLabel(cd));
      continue;
    }
    const ws = table.workStart[i]!;
    const we = table.workEnd[i]!;
    if (ws !== ws) {
      outsideMs += b - a;
      if (b === a) outsideZero = true;
      continue;
    }
    const inside = Math.max(0, Math.min(b, we) - Math.max(a, ws));
    outsideMs += b - a - inside;
    if (b === a && (a < ws || a >= we)) outsideZero = true;
  }
  let timedOof = false;
  for (let k = 0; k < base.count && base.start[k]! < pEnd; k++) {
    if (base.flags[k]! & FLAG_OOF && base.end[k]! > pStart) timedOof = true;
  }
  if (oofDates.length > 0 || timedOof) {
    add(
      'out-of-office',
      oofDates.length > 0
        ? `You are out of office on ${oofDates.join(', ')}.`
        : 'It overlaps time you marked as out of office.',
      moveSuggestion('I am out of office then.'),
    );
  }
  if (outsideMs > 0 || outsideZero) {
    const week = weeksAfter.find((w) => w.week === daysAfter[firstCd - fromCd]!.week)!;
    const wh = cfg.workingHours;
    add(
      'after-hours',
      `${outsideMs > 0 ? duration(outsideMs / MINUTE_MS) + ' of it falls' : 'It falls'} outside your working hours (${wh.start}–${wh.end} on ${weekdayList(wh.days)}); that week would have ${hours(week.afterHoursHours)} h of meetings after hours${week.afterHoursOverThreshold ? ` (more than ${hours(th.afterHoursHoursPerWeek)} h)` : ''}.`,
      moveSuggestion('It is outside my working hours.'),
    );
  }
  // Last focus block of a day.
  for (const dd of dayDeltas) {
    if (dd.focusBlocks.before > 0 && dd.focusBlocks.after === 0) {
      const cd = civilDayOfDate(dd.date);
      add(
        'last-focus-block',
        `It takes the last ${duration(th.focusBlockMinutes)} focus block of ${dayLabel(cd)}.`,
        moveSuggestion('I am protecting the only focus time I have left that day.', 'protect-focus'),
      );
    }
  }
  // Low weekly focus.
  weeksAfter.forEach((a, i) => {
    const b = weeksBefore[i]!;
    if (a.lowFocus && a.focusMinutes < b.focusMinutes) {
      add(
        'low-weekly-focus',
        `Focus time in ${a.week} would drop from ${hours(b.focusHours)} h to ${hours(a.focusHours)} h, below ${hours(th.lowFocusHoursPerWeek)} h${b.lowFocus ? ' (it was already below)' : ''}.`,
        asyncSuggestion(
          'My focus time this week is already short.',
          `Make it asynchronous or move it to a lighter week, and protect a ${duration(th.focusBlockMinutes)} focus block this week.`,
        ),
      );
    }
  });

  // ---- Team agreements ----------------------------------------------------------------------------------------
  for (const rule of rules) {
    switch (rule.kind) {
      case 'no-meetings-after':
      case 'no-meetings-before': {
        const afterRule = rule.kind === 'no-meetings-after';
        let broken = false;
        for (let cd = firstCd; cd <= lastCd && !broken; cd++) {
          const i = cd - fromCd;
          const a = Math.max(pStart, table.dayStart[i]!);
          const b = Math.min(pEnd, table.dayStart[i + 1]!);
          const d = new Date(cd * DAY_MS);
          const m = rule.minutesOfDay!;
          const t = clock.toUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), Math.floor(m / 60), m % 60);
          broken = afterRule ? b > t || a >= t : a < t;
        }
        if (broken) {
          add(
            rule.kind,
            afterRule
              ? `The team agreed on no meetings after ${rule.time}; this one ${pEnd > pStart ? `ends at ${clock.formatTime(pEnd)}` : `is at ${clock.formatTime(pStart)}`}.`
              : `The team agreed on no meetings before ${rule.time}; this one starts at ${clock.formatTime(pStart)}.`,
            moveSuggestion(`Our team agreed on no meetings ${afterRule ? 'after' : 'before'} ${rule.time}.`),
            rule,
          );
        }
        break;
      }
      case 'focus-day': {
        let hit: number | undefined;
        for (let cd = firstCd; cd <= lastCd; cd++) if (weekdayOfCivilDay(cd) === rule.weekday) hit = hit ?? cd;
        if (hit !== undefined) {
          add(
            'focus-day',
            `${WEEKDAY_NAMES[rule.weekday - 1]} is the team's focus day, and this meeting is on ${dayLabel(hit)}.`,
            moveSuggestion(`${WEEKDAY_NAMES[rule.weekday - 1]} is our team's focus day.`),
            rule,
          );
        }
        break;
      }
      case 'max-attendees':
        if (pAttendees > rule.max) {
          add(
            'max-attendees',
            `The team agreed on at most ${rule.max} attendees; this meeting has ${pAttendees}.`,
            asyncSuggestion(
              `Our team agreed to keep meetings to ${rule.max} people.`,
              `Invite at most ${rule.max} people and share the outcome with the others in writing, or make it asynchronous.`,
            ),
            rule,
          );
        }
        break;
      case 'default-duration': {
        const fits = rule.minutes.some((m) => Math.abs(m - durMin) < 0.5);
        // Shorter than every agreed length is fine: the agreement is there to leave breaks, and a shorter one does.
        if (!fits && durMin > rule.minutes[0]!) {
          const target = [...rule.minutes].reverse().find((m) => m < durMin)!;
          add(
            'default-duration',
            `The team agreed on meetings of ${rule.minutes.map((m) => duration(m)).join(' or ')}; this one lasts ${duration(durMin)}.`,
            shortenSuggestion(
              target,
              `Our team agreed on ${rule.minutes.map((m) => duration(m)).join(' / ')} meetings.`,
            ),
            rule,
          );
        }
        break;
      }
    }
  }

  return {
    ok: true,
    proposalErrors: [],
    agreementErrors,
    errors: norm.errors,
    before,
    after,
    days: dayDeltas,
    weeks: weekDeltas,
    summary,
    violations,
  };
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function weekdayList(days: readonly number[]): string {
  if (days.length === 0) return 'no days';
  const sorted = [...days].sort((a, b) => a - b);
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  if (contiguous && sorted.length > 2) return `${WEEKDAYS[sorted[0]! - 1]}–${WEEKDAYS[sorted[sorted.length - 1]! - 1]}`;
  return sorted.map((d) => WEEKDAYS[d - 1]).join(', ');
}

function civilDayOfDate(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function stripInternal(rule: AgreementRule): AgreementRule {
  const { minutesOfDay: _ignored, ...rest } = rule as ValidAgreement;
  return rest as AgreementRule;
}

function instantOrMinusInfinity(iso: string): number {
  const t = parseIsoDateTime(iso);
  if (!t || t.offsetMinutes === null) return -Infinity;
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - t.offsetMinutes * MINUTE_MS;
}

function withoutIndex(cal: SortedCalendar, index: number): SortedCalendar {
  const n = cal.count;
  const start = new Float64Array(n - 1);
  const end = new Float64Array(n - 1);
  const attendees = new Int32Array(n - 1);
  const flags = new Uint8Array(n - 1);
  const ids: string[] = [];
  for (let i = 0, k = 0; i < n; i++) {
    if (i === index) continue;
    start[k] = cal.start[i]!;
    end[k] = cal.end[i]!;
    attendees[k] = cal.attendees[i]!;
    flags[k] = cal.flags[i]!;
    ids.push(cal.ids[i]!);
    k++;
  }
  return { count: n - 1, start, end, attendees, flags, ids, oofDays: cal.oofDays };
}

/** The back-to-back chain (in start order) that contains meeting `index`: its size and span. */
function chainOf(cal: SortedCalendar, index: number, gapMs: number): { meetings: number; minutes: number } {
  let count = 0;
  let start = 0;
  let end = 0;
  let contains = false;
  for (let j = 0; j < cal.count; j++) {
    const s = cal.start[j]!;
    const e = cal.end[j]!;
    if (e === s || cal.flags[j]! & FLAG_OOF) continue;
    if (count > 0 && s - end < gapMs) {
      count++;
      if (e > end) end = e;
    } else {
      if (contains) break;
      count = 1;
      start = s;
      end = e;
    }
    if (j === index) contains = true;
  }
  return contains ? { meetings: count, minutes: (end - start) / MINUTE_MS } : { meetings: 1, minutes: 0 };
}
