import { ValidationError } from '../errors';
import { isoWeekOf } from '../time/iso-week';
import {
  FLAG_OOF,
  FLAG_ONLINE,
  FLAG_RECURRING,
  FLAG_TENTATIVE,
  normalizeEvents,
  type SortedCalendar,
  sortCalendar,
} from './normalize';
import { resolveMeetingLoadSettings } from './settings';
import {
  civilDayToDate,
  DAY_MS,
  dateToCivilDay,
  MINUTE_MS,
  parseClockTime,
  weekdayOfCivilDay,
  type ZoneClock,
  zoneClock,
} from './time-zone';
import type {
  AnalysisOptions,
  BackToBackFigures,
  DayFigures,
  FocusBlock,
  LoadFigures,
  MeetingLoadReport,
  MeetingLoadSettings,
  MeetingLoadSettingsInput,
  WeekFigures,
} from './types';

/**
 * The meeting-load engine: one sort by start, then single forward sweeps.
 *
 *  - Sweep A walks the sorted intervals once: per-meeting counts go to the local day the meeting starts on;
 *    conflicts, back-to-back chains, the union of meeting time and the union of timed out-of-office are all built in
 *    the same pass with running state (running max end, top-two ends, chain end, open union block).
 *  - Sweep B walks the local days and the union blocks together (both sorted): meeting time per day, inside and
 *    outside working hours, and the free gaps inside working time that are focus blocks.
 *
 * Days are local calendar days of the person's zone whose boundaries and working hours come from wall-clock times
 * through Intl, so a DST day is 23 or 25 hours long and 09:00–17:00 is 8 hours on it.
 */

/** Longest range the default (event-derived) range may have; longer ones keep only the latest days. */
export const MAX_ANALYSIS_DAYS = 1100;

export interface DayTable {
  firstCivilDay: number;
  count: number;
  /** count + 1 boundaries: dayStart[i] is local midnight of day i, dayStart[count] the end of the last day. */
  dayStart: Float64Array;
  /** Working window of each day; NaN when the weekday is not a working day. */
  workStart: Float64Array;
  workEnd: Float64Array;
  /** 1 when an all-day out-of-office event covers the day. */
  outOfOffice: Uint8Array;
}

export function buildDayTable(
  clock: ZoneClock,
  settings: MeetingLoadSettings,
  firstCivilDay: number,
  lastCivilDay: number,
  oofDays: ReadonlyArray<readonly [number, number]>,
): DayTable {
  const count = Math.max(0, lastCivilDay - firstCivilDay + 1);
  const dayStart = new Float64Array(count + 1);
  const workStart = new Float64Array(count);
  const workEnd = new Float64Array(count);
  const outOfOffice = new Uint8Array(count);
  const ws = parseClockTime(settings.workingHours.start)!;
  const we = parseClockTime(settings.workingHours.end, true)!;
  const workDays = new Set(settings.workingHours.days);
  for (let i = 0; i <= count; i++) {
    const cd = firstCivilDay + i;
    const d = new Date(cd * DAY_MS);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    dayStart[i] = clock.toUtc(y, m, day);
    if (i === count) break;
    if (workDays.has(weekdayOfCivilDay(cd))) {
      workStart[i] = clock.toUtc(y, m, day, Math.floor(ws / 60), ws % 60);
      workEnd[i] = clock.toUtc(y, m, day, Math.floor(we / 60), we % 60);
    } else {
      workStart[i] = NaN;
      workEnd[i] = NaN;
    }
  }
  for (const [from, to] of oofDays) {
    const a = Math.max(from, firstCivilDay) - firstCivilDay;
    const b = Math.min(to, firstCivilDay + count) - firstCivilDay;
    for (let i = a; i < b; i++) outOfOffice[i] = 1;
  }
  return { firstCivilDay, count, dayStart, workStart, workEnd, outOfOffice };
}

/** Monday (civil day) of the ISO week containing a civil day. */
export function mondayOf(cd: number): number {
  return cd - (weekdayOfCivilDay(cd) - 1);
}

/** Default range: whole ISO weeks from the earliest to the latest event, capped at MAX_ANALYSIS_DAYS. */
function defaultRange(
  cal: SortedCalendar,
  clock: ZoneClock,
): { from: number; to: number; truncated: boolean } | undefined {
  let minCd = Infinity;
  let maxCd = -Infinity;
  if (cal.count > 0) {
    minCd = clock.civilDayOf(cal.start[0]!);
    let maxEnd = -Infinity;
    for (let i = 0; i < cal.count; i++) {
      const e = cal.end[i]!;
      if (e > maxEnd) maxEnd = e;
    }
    const last = clock.civilDayOf(maxEnd);
    // An event ending exactly at local midnight does not touch the next day.
    maxCd = clock.startOfCivilDay(last) === maxEnd && last > minCd ? last - 1 : last;
  }
  for (const [a, b] of cal.oofDays) {
    if (a < minCd) minCd = a;
    if (b - 1 > maxCd) maxCd = b - 1;
  }
  if (!Number.isFinite(minCd)) return undefined;
  let from = mondayOf(minCd);
  const to = mondayOf(maxCd) + 6;
  let truncated = false;
  if (to - from + 1 > MAX_ANALYSIS_DAYS) {
    from = mondayOf(to - MAX_ANALYSIS_DAYS + 1) + 7;
    truncated = true;
  }
  return { from, to, truncated };
}

export function resolveRange(
  options: AnalysisOptions,
  cal: SortedCalendar,
  clock: ZoneClock,
): { from: number; to: number; truncated: boolean } | undefined {
  if (options.from === undefined && options.to === undefined) return defaultRange(cal, clock);
  const details: string[] = [];
  const from = options.from === undefined ? undefined : dateToCivilDay(options.from);
  const to = options.to === undefined ? undefined : dateToCivilDay(options.to);
  if (options.from !== undefined && from === undefined) details.push('from: must be a date YYYY-MM-DD');
  if (options.to !== undefined && to === undefined) details.push('to: must be a date YYYY-MM-DD');
  if (details.length) throw new ValidationError('The analysis range is not valid.', details);
  // One bound given: the other comes from the events, or closes the bound's own week.
  const fallback = defaultRange(cal, clock);
  const f = from ?? Math.min(fallback?.from ?? Infinity, mondayOf(to!));
  const t = to ?? Math.max(fallback?.to ?? -Infinity, mondayOf(from!) + 6);
  if (t < f) throw new ValidationError('The analysis range is not valid.', ['to: must not be before from']);
  if (t - f + 1 > MAX_ANALYSIS_DAYS) {
    throw new ValidationError('The analysis range is not valid.', [
      `the range may span at most ${MAX_ANALYSIS_DAYS} days`,
    ]);
  }
  return { from: f, to: t, truncated: false };
}

/** Per-day accumulators of the sweeps. */
interface DayAccumulators {
  meetings: Float64Array;
  zeroLength: Float64Array;
  long: Float64Array;
  large: Float64Array;
  recurring: Float64Array;
  online: Float64Array;
  tentative: Float64Array;
  conflictMeetings: Float64Array;
  conflictMs: Float64Array;
  chains: Float64Array;
  chainMeetings: Float64Array;
  longestChain: Float64Array;
  longestChainMs: Float64Array;
  chainMs: Float64Array;
  meetingMs: Float64Array;
  meetingInWorkMs: Float64Array;
  afterHoursMs: Float64Array;
  workingMs: Float64Array;
  focusCount: Float64Array;
  focusMs: Float64Array;
  focus: FocusBlock[][];
}

/** The figures of one calendar over one day table. Shared by the analysis and the what-if. */
export function computeDays(
  cal: SortedCalendar,
  table: DayTable,
  settings: MeetingLoadSettings,
  clock: ZoneClock,
): DayFigures[] {
  const nDays = table.count;
  const dayStart = table.dayStart;
  const th = settings.thresholds;
  const longMs = th.longMeetingMinutes * MINUTE_MS;
  const gapMs = th.backToBackGapMinutes * MINUTE_MS;
  const focusMinMs = th.focusBlockMinutes * MINUTE_MS;
  const large = th.largeMeetingAttendees;
  const z = (): Float64Array => new Float64Array(nDays);
  const acc: DayAccumulators = {
    meetings: z(),
    zeroLength: z(),
    long: z(),
    large: z(),
    recurring: z(),
    online: z(),
    tentative: z(),
    conflictMeetings: z(),
    conflictMs: z(),
    chains: z(),
    chainMeetings: z(),
    longestChain: z(),
    longestChainMs: z(),
    chainMs: z(),
    meetingMs: z(),
    meetingInWorkMs: z(),
    afterHoursMs: z(),
    workingMs: z(),
    focusCount: z(),
    focusMs: z(),
    focus: Array.from({ length: nDays }, () => []),
  };
  if (nDays === 0) return [];

  const n = cal.count;
  const S = cal.start;
  const E = cal.end;
  const F = cal.flags;
  const A = cal.attendees;
  const rangeStart = dayStart[0]!;

  // ---- Sweep A ----------------------------------------------------------------------------------------------
  const dayOf = new Int32Array(n);
  const conflict = new Uint8Array(n);
  const unionStart = new Float64Array(n);
  const unionEnd = new Float64Array(n);
  let nUnion = 0;
  const oofStart: number[] = [];
  const oofEnd: number[] = [];
  let p = 0; // day pointer for starts
  let cp = 0; // day pointer for conflict pieces
  let m1 = -Infinity; // largest end so far
  let m2 = -Infinity; // second largest end so far
  let holder = -1; // meeting holding m1
  let chainCount = 0;
  let chainStart = 0;
  let chainEnd = 0;
  let chainDay = -1;

  const closeChain = (): void => {
    if (chainCount >= 2 && chainDay >= 0 && chainDay < nDays) {
      const span = chainEnd - chainStart;
      acc.chains[chainDay]!++;
      acc.chainMeetings[chainDay]! += chainCount;
      acc.chainMs[chainDay]! += span;
      if (chainCount > acc.longestChain[chainDay]!) acc.longestChain[chainDay] = chainCount;
      if (span > acc.longestChainMs[chainDay]!) acc.longestChainMs[chainDay] = span;
    }
  };

  for (let j = 0; j < n; j++) {
    const s = S[j]!;
    const e = E[j]!;
    const f = F[j]!;
    if (f & FLAG_OOF) {
      const k = oofStart.length - 1;
      if (k >= 0 && s <= oofEnd[k]!) {
        if (e > oofEnd[k]!) oofEnd[k] = e;
      } else {
        oofStart.push(s);
        oofEnd.push(e);
      }
      dayOf[j] = -1;
      continue;
    }
    while (p < nDays && dayStart[p + 1]! <= s) p++;
    const day = s < rangeStart ? -1 : p; // p === nDays: after the range
    dayOf[j] = day;
    if (day >= 0 && day < nDays) {
      acc.meetings[day]!++;
      if (e - s > longMs) acc.long[day]!++;
      if (A[j]! > large) acc.large[day]!++;
      if (f & FLAG_RECURRING) acc.recurring[day]!++;
      if (f & FLAG_ONLINE) acc.online[day]!++;
      if (f & FLAG_TENTATIVE) acc.tentative[day]!++;
      if (e === s) acc.zeroLength[day]!++;
    }
    // A zero-length meeting is an occurrence but occupies no time: it cannot overlap, chain or block focus.
    if (e === s) continue;

    // Conflicts. Starts are sorted, so j overlaps an earlier meeting iff it starts before the largest end so far,
    // and the meeting holding that end overlaps it too. Every overlapping pair gets both members marked this way.
    if (s < m1) {
      conflict[j] = 1;
      conflict[holder] = 1;
    }
    // Time covered twice: before j, [s, m2) already had depth ≥ 2 and [s, m1) depth ≥ 1, so j adds [max(s,m2), min(e,m1)).
    const a = s > m2 ? s : m2;
    const b = e < m1 ? e : m1;
    if (b > a) {
      let x = a < rangeStart ? rangeStart : a;
      while (cp < nDays && dayStart[cp + 1]! <= x) cp++;
      let q = cp;
      while (x < b && q < nDays) {
        const segEnd = b < dayStart[q + 1]! ? b : dayStart[q + 1]!;
        if (segEnd > x) acc.conflictMs[q]! += segEnd - x;
        x = segEnd;
        q++;
      }
    }
    if (e > m1) {
      m2 = m1;
      m1 = e;
      holder = j;
    } else if (e > m2) {
      m2 = e;
    }

    // Back-to-back: the next meeting starts less than the gap after the chain's latest end (overlaps chain too).
    if (chainCount > 0 && s - chainEnd < gapMs) {
      chainCount++;
      if (e > chainEnd) chainEnd = e;
    } else {
      closeChain();
      chainCount = 1;
      chainStart = s;
      chainEnd = e;
      chainDay = day;
    }

    // Union of meeting time.
    if (nUnion > 0 && s <= unionEnd[nUnion - 1]!) {
      if (e > unionEnd[nUnion - 1]!) unionEnd[nUnion - 1] = e;
    } else {
      unionStart[nUnion] = s;
      unionEnd[nUnion] = e;
      nUnion++;
    }
  }
  closeChain();
  for (let j = 0; j < n; j++) {
    const d = dayOf[j]!;
    if (conflict[j] && d >= 0 && d < nDays) acc.conflictMeetings[d]!++;
  }

  // ---- Sweep B ----------------------------------------------------------------------------------------------
  let bp = 0; // first union block that may touch the current day
  let op = 0; // first out-of-office block that may touch the current day
  const nOof = oofStart.length;
  const avail: number[] = [];
  for (let i = 0; i < nDays; i++) {
    const ds = dayStart[i]!;
    const de = dayStart[i + 1]!;
    while (bp < nUnion && unionEnd[bp]! <= ds) bp++;
    while (op < nOof && oofEnd[op]! <= ds) op++;
    const ws = table.workStart[i]!;
    const we = table.workEnd[i]!;
    const scheduled = ws === ws; // not NaN
    const dayOff = table.outOfOffice[i] === 1;

    let meetingMs = 0;
    let inWindowMs = 0;
    for (let k = bp; k < nUnion && unionStart[k]! < de; k++) {
      const us = unionStart[k]!;
      const ue = unionEnd[k]!;
      meetingMs += (ue < de ? ue : de) - (us > ds ? us : ds);
      if (scheduled) {
        const x = us > ws ? us : ws;
        const y = ue < we ? ue : we;
        if (y > x) inWindowMs += y - x;
      }
    }
    acc.meetingMs[i] = meetingMs;
    acc.afterHoursMs[i] = dayOff ? 0 : meetingMs - inWindowMs;

    if (!scheduled || dayOff) continue;
    // Available working time: the working window minus timed out-of-office.
    avail.length = 0;
    let cursor = ws;
    for (let k = op; k < nOof && oofStart[k]! < we; k++) {
      if (oofEnd[k]! <= cursor) continue;
      if (oofStart[k]! > cursor) avail.push(cursor, oofStart[k]!);
      cursor = oofEnd[k]!;
    }
    if (cursor < we) avail.push(cursor, we);

    let workingMs = 0;
    let inWorkMs = 0;
    for (let w = 0; w < avail.length; w += 2) {
      const a = avail[w]!;
      const b = avail[w + 1]!;
      workingMs += b - a;
      let free = a;
      for (let k = bp; k < nUnion && unionStart[k]! < b; k++) {
        const us = unionStart[k]!;
        const ue = unionEnd[k]!;
        if (ue <= a) continue;
        const x = us > a ? us : a;
        const y = ue < b ? ue : b;
        inWorkMs += y - x;
        if (x - free >= focusMinMs) addFocus(acc, i, free, x, clock);
        if (y > free) free = y;
      }
      if (b - free >= focusMinMs) addFocus(acc, i, free, b, clock);
    }
    acc.workingMs[i] = workingMs;
    acc.meetingInWorkMs[i] = inWorkMs;
  }

  // ---- Figures ------------------------------------------------------------------------------------------------
  const days: DayFigures[] = new Array<DayFigures>(nDays);
  let week = '';
  for (let i = 0; i < nDays; i++) {
    const cd = table.firstCivilDay + i;
    const weekday = weekdayOfCivilDay(cd);
    if (i === 0 || weekday === 1) week = isoWeekOf(new Date(cd * DAY_MS));
    const dayOff = table.outOfOffice[i] === 1;
    const scheduled = table.workStart[i] === table.workStart[i];
    days[i] = dayFigures(acc, i, civilDayToDate(cd), week, weekday, dayStart, scheduled && !dayOff, dayOff);
  }
  return days;
}

function addFocus(acc: DayAccumulators, day: number, from: number, to: number, clock: ZoneClock): void {
  acc.focusCount[day]!++;
  acc.focusMs[day]! += to - from;
  acc.focus[day]!.push({ start: clock.formatIso(from), end: clock.formatIso(to), minutes: (to - from) / MINUTE_MS });
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

// One object literal with every field (no spread): this runs once per day of the range.
function dayFigures(
  acc: DayAccumulators,
  i: number,
  date: string,
  week: string,
  weekday: number,
  dayStart: Float64Array,
  isWorkingDay: boolean,
  isOutOfOffice: boolean,
): DayFigures {
  const meetings = acc.meetings[i]!;
  const meetingMinutes = acc.meetingMs[i]! / MINUTE_MS;
  const workingMinutes = acc.workingMs[i]! / MINUTE_MS;
  const inWork = acc.meetingInWorkMs[i]! / MINUTE_MS;
  const afterHours = acc.afterHoursMs[i]! / MINUTE_MS;
  const focusMinutes = acc.focusMs[i]! / MINUTE_MS;
  const conflicts = acc.conflictMeetings[i]!;
  return {
    date,
    week,
    weekday,
    dayMinutes: (dayStart[i + 1]! - dayStart[i]!) / MINUTE_MS,
    isWorkingDay,
    isOutOfOffice,
    workingMinutes,
    meetings,
    meetingMinutes,
    meetingHours: meetingMinutes / 60,
    meetingMinutesInWorkingHours: inWork,
    workingTimeShare: ratio(inWork, workingMinutes),
    afterHoursMinutes: afterHours,
    afterHoursHours: afterHours / 60,
    focusBlockCount: acc.focusCount[i]!,
    focusMinutes,
    focusHours: focusMinutes / 60,
    focusBlocks: acc.focus[i]!,
    backToBack: {
      chains: acc.chains[i]!,
      meetingsInChains: acc.chainMeetings[i]!,
      longestChainMeetings: acc.longestChain[i]!,
      longestChainMinutes: acc.longestChainMs[i]! / MINUTE_MS,
      minutes: acc.chainMs[i]! / MINUTE_MS,
    },
    conflicts: { meetings: conflicts, share: ratio(conflicts, meetings), minutes: acc.conflictMs[i]! / MINUTE_MS },
    longMeetings: acc.long[i]!,
    largeMeetings: acc.large[i]!,
    recurringMeetings: acc.recurring[i]!,
    recurringShare: ratio(acc.recurring[i]!, meetings),
    onlineMeetings: acc.online[i]!,
    tentativeMeetings: acc.tentative[i]!,
    zeroLengthMeetings: acc.zeroLength[i]!,
  };
}

/** Sums days into ISO weeks (days are disjoint, so sums of per-day unions are unions). */
export function aggregateWeeks(days: readonly DayFigures[], settings: MeetingLoadSettings): WeekFigures[] {
  const weeks: WeekFigures[] = [];
  const th = settings.thresholds;
  let i = 0;
  while (i < days.length) {
    const first = days[i]!;
    const sum = emptyFigures();
    const b2b: BackToBackFigures = sum.backToBack;
    let count = 0;
    let last = first;
    for (; i < days.length && days[i]!.week === first.week; i++) {
      const d = days[i]!;
      last = d;
      count++;
      sum.workingMinutes += d.workingMinutes;
      sum.meetings += d.meetings;
      sum.meetingMinutes += d.meetingMinutes;
      sum.meetingMinutesInWorkingHours += d.meetingMinutesInWorkingHours;
      sum.afterHoursMinutes += d.afterHoursMinutes;
      sum.focusBlockCount += d.focusBlockCount;
      sum.focusMinutes += d.focusMinutes;
      b2b.chains += d.backToBack.chains;
      b2b.meetingsInChains += d.backToBack.meetingsInChains;
      b2b.minutes += d.backToBack.minutes;
      b2b.longestChainMeetings = Math.max(b2b.longestChainMeetings, d.backToBack.longestChainMeetings);
      b2b.longestChainMinutes = Math.max(b2b.longestChainMinutes, d.backToBack.longestChainMinutes);
      sum.conflicts.meetings += d.conflicts.meetings;
      sum.conflicts.minutes += d.conflicts.minutes;
      sum.longMeetings += d.longMeetings;
      sum.largeMeetings += d.largeMeetings;
      sum.recurringMeetings += d.recurringMeetings;
      sum.onlineMeetings += d.onlineMeetings;
      sum.tentativeMeetings += d.tentativeMeetings;
      sum.zeroLengthMeetings += d.zeroLengthMeetings;
    }
    sum.meetingHours = sum.meetingMinutes / 60;
    sum.afterHoursHours = sum.afterHoursMinutes / 60;
    sum.focusHours = sum.focusMinutes / 60;
    sum.workingTimeShare = ratio(sum.meetingMinutesInWorkingHours, sum.workingMinutes);
    sum.conflicts.share = ratio(sum.conflicts.meetings, sum.meetings);
    sum.recurringShare = ratio(sum.recurringMeetings, sum.meetings);
    const complete = count === 7;
    weeks.push({
      week: first.week,
      from: first.date,
      to: last.date,
      days: count,
      complete,
      ...sum,
      lowFocus: complete && sum.focusHours < th.lowFocusHoursPerWeek,
      afterHoursOverThreshold: sum.afterHoursHours > th.afterHoursHoursPerWeek,
    });
  }
  return weeks;
}

function emptyFigures(): LoadFigures {
  return {
    workingMinutes: 0,
    meetings: 0,
    meetingMinutes: 0,
    meetingHours: 0,
    meetingMinutesInWorkingHours: 0,
    workingTimeShare: 0,
    afterHoursMinutes: 0,
    afterHoursHours: 0,
    focusBlockCount: 0,
    focusMinutes: 0,
    focusHours: 0,
    backToBack: { chains: 0, meetingsInChains: 0, longestChainMeetings: 0, longestChainMinutes: 0, minutes: 0 },
    conflicts: { meetings: 0, share: 0, minutes: 0 },
    longMeetings: 0,
    largeMeetings: 0,
    recurringMeetings: 0,
    recurringShare: 0,
    onlineMeetings: 0,
    tentativeMeetings: 0,
    zeroLengthMeetings: 0,
  };
}

/**
 * Analyses a person's calendar: figures per local day and per ISO week in `settings.timeZone`.
 *
 * Invalid events are skipped and listed in `errors` (never thrown). Invalid settings or an invalid `from`/`to`
 * throw a ValidationError: they are configuration, checked when saved (see validateMeetingLoadSettings).
 */
export function analyzeMeetingLoad(
  events: readonly unknown[],
  settings: MeetingLoadSettingsInput | MeetingLoadSettings,
  options: AnalysisOptions = {},
): MeetingLoadReport {
  const cfg = resolveMeetingLoadSettings(settings);
  const clock = zoneClock(cfg.timeZone)!;
  const norm = normalizeEvents(events, cfg);
  const sorted = sortCalendar(norm);
  const range = resolveRange(options, sorted, clock);
  const base = {
    timeZone: cfg.timeZone,
    errors: norm.errors,
    countedMeetings: norm.countedMeetings,
    excluded: norm.excluded,
  };
  if (!range) return { ...base, from: '', to: '', truncated: false, days: [], weeks: [] };
  const table = buildDayTable(clock, cfg, range.from, range.to, sorted.oofDays);
  const days = computeDays(sorted, table, cfg, clock);
  return {
    ...base,
    from: civilDayToDate(range.from),
    to: civilDayToDate(range.to),
    truncated: range.truncated,
    days,
    weeks: aggregateWeeks(days, cfg),
  };
}
