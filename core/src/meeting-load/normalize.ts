import { civilDay, daysInMonth, utcMs, type ZoneClock, zoneClock } from './time-zone';
import type { EventError, ExcludedCounts, MeetingLoadSettings } from './types';

/**
 * Calendar input → validated numeric intervals. Every check reports into an error list; nothing here throws on bad
 * data. Hand-written (not zod) because it runs once per event on the hot path of the analysis.
 */

export const FLAG_RECURRING = 1;
export const FLAG_ONLINE = 2;
export const FLAG_TENTATIVE = 4;
/** A timed out-of-office block: not a meeting, removes working time. */
export const FLAG_OOF = 8;
export const FLAG_ORGANIZER = 16;

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const SHOW_AS = new Set(['free', 'tentative', 'busy', 'oof', 'workingElsewhere']);
const RESPONSES = new Set(['none', 'organizer', 'accepted', 'tentativelyAccepted', 'declined', 'notResponded']);

/** Intervals in input order (meetings and timed out-of-office), plus all-day out-of-office day ranges. */
export interface NormalizedCalendar {
  count: number;
  start: Float64Array;
  end: Float64Array;
  attendees: Int32Array;
  flags: Uint8Array;
  ids: string[];
  /** Position of each interval's event in the input array. */
  source: Int32Array;
  /** [startCivilDay, endCivilDay) ranges covered by all-day out-of-office events. */
  oofDays: Array<[number, number]>;
  errors: EventError[];
  excluded: ExcludedCounts;
  countedMeetings: number;
}

/** The same intervals sorted by start (ties in input order). */
export interface SortedCalendar {
  count: number;
  start: Float64Array;
  end: Float64Array;
  attendees: Int32Array;
  flags: Uint8Array;
  ids: string[];
  oofDays: Array<[number, number]>;
}

interface ParsedTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  hasTime: boolean;
  /** Minutes east of UTC, or null when the string had no offset (wall-clock time in the event's zone). */
  offsetMinutes: number | null;
}

/** Two digits at `at`, or -1. Unrolled: this runs four to six times per date string. */
function two(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Strict ISO-8601 subset, parsed by hand so it behaves the same in every browser (Date.parse does not):
 * YYYY-MM-DD, YYYY-MM-DDTHH:mm[:ss[.fff…]] optionally followed by Z, ±HH:mm, ±HHmm or ±HH.
 * Writes into `out` (no allocation on the hot path) and returns whether the string was valid.
 */
function parseInto(s: unknown, out: ParsedTime): boolean {
  if (typeof s !== 'string' || s.length < 10 || s.length > 40) return false;
  const y1 = two(s, 0);
  const y2 = two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  if (y1 < 0 || y2 < 0 || month < 0 || day < 0 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const year = y1 * 100 + y2;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return false;
  }
  out.year = year;
  out.month = month;
  out.day = day;
  const len = s.length;
  if (len === 10) {
    out.hour = 0;
    out.minute = 0;
    out.second = 0;
    out.hasTime = false;
    out.offsetMinutes = null;
    return true;
  }
  const sep = s.charCodeAt(10);
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32 /* space */) return false;
  const hour = two(s, 11);
  const minute = two(s, 14);
  if (hour < 0 || minute < 0 || s.charCodeAt(13) !== 58) return false;
  let i = 16;
  let second = 0;
  if (s.charCodeAt(i) === 58) {
    second = two(s, i + 1);
    if (second < 0) return false;
    i += 3;
    const dot = s.charCodeAt(i);
    if (dot === 46 || dot === 44) {
      i++;
      const from = i;
      while (i < len && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === from) return false;
    }
  }
  if (minute > 59 || second > 59) return false;
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0))) return false;
  let offsetMinutes: number | null = null;
  if (i < len) {
    const c = s.charCodeAt(i);
    if (c === 90 || c === 122) {
      offsetMinutes = 0;
      i++;
    } else if (c === 43 || c === 45) {
      const oh = two(s, i + 1);
      if (oh < 0) return false;
      i += 3;
      let om = 0;
      if (i < len) {
        if (s.charCodeAt(i) === 58) i++;
        om = two(s, i);
        if (om < 0) return false;
        i += 2;
      }
      if (oh > 18 || om > 59) return false;
      offsetMinutes = (c === 45 ? -1 : 1) * (oh * 60 + om);
    } else {
      return false;
    }
  }
  if (i !== len) return false;
  out.hour = hour;
  out.minute = minute;
  out.second = second;
  out.hasTime = true;
  out.offsetMinutes = offsetMinutes;
  return true;
}

function newParsed(): ParsedTime {
  return { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, hasTime: false, offsetMinutes: null };
}

/** Parses an ISO date or date-time (see parseInto); undefined when it is not valid. */
export function parseIsoDateTime(s: unknown): ParsedTime | undefined {
  const out = newParsed();
  return parseInto(s, out) ? out : undefined;
}

function instantOf(t: ParsedTime, clock: ZoneClock): number {
  if (t.offsetMinutes !== null) {
    return utcMs(t.year, t.month, t.day, t.hour, t.minute, t.second) - t.offsetMinutes * 60_000;
  }
  return clock.toUtc(t.year, t.month, t.day, t.hour, t.minute, t.second);
}

/** Calendar date of an all-day boundary: the literal date, or the event-zone date of an instant. */
function allDayCivilDay(t: ParsedTime, clock: ZoneClock, roundUp: boolean): number {
  if (t.offsetMinutes === null) {
    const cd = civilDay(t.year, t.month, t.day);
    return roundUp && (t.hour > 0 || t.minute > 0 || t.second > 0) ? cd + 1 : cd;
  }
  const f = clock.localFields(instantOf(t, clock));
  return roundUp && (f.hour > 0 || f.minute > 0 || f.second > 0) ? f.civilDay + 1 : f.civilDay;
}

function describe(index: number, id: string | undefined): string {
  return id === undefined ? `Event #${index}` : `Event "${id}" (#${index})`;
}

const BOOL_FIELDS = ['isAllDay', 'isOrganizer', 'isRecurring', 'isOnline'] as const;

function isShowAs(v: unknown): boolean {
  return v === 'busy' || v === 'tentative' || v === 'free' || v === 'oof' || v === 'workingElsewhere';
}

function isResponse(v: unknown): boolean {
  return (
    v === 'accepted' ||
    v === 'organizer' ||
    v === 'tentativelyAccepted' ||
    v === 'notResponded' ||
    v === 'none' ||
    v === 'declined'
  );
}

function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1_000_000;
}

/** Slow path for an event that failed the fast checks: every reason, with a message a person can act on. */
function reportInvalid(index: number, raw: unknown, errors: EventError[]): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push({ index, code: 'not_an_object', message: `Event #${index} is not an object.` });
    return;
  }
  const e = raw as Record<string, unknown>;
  const idValue = e['id'];
  const id = typeof idValue === 'string' && idValue.length > 0 ? idValue : undefined;
  const who = describe(index, id);
  const before = errors.length;
  const fail = (code: EventError['code'], field: string, message: string): void => {
    const err: EventError = { index, code, message: `${who}: ${message}` };
    if (id !== undefined) err.id = id;
    err.field = field;
    errors.push(err);
  };
  if (id === undefined) {
    fail(idValue === undefined ? 'missing_field' : 'invalid_field', 'id', 'id must be a non-empty string.');
  }
  const zone = e['timeZone'];
  const clock = zoneClock(zone);
  if (zone === undefined) fail('missing_field', 'timeZone', 'timeZone is missing.');
  else if (!clock) fail('unknown_time_zone', 'timeZone', `unknown time zone ${JSON.stringify(zone)}.`);
  const startRaw = e['start'];
  const endRaw = e['end'];
  const s = parseIsoDateTime(startRaw);
  const t = parseIsoDateTime(endRaw);
  if (startRaw === undefined) fail('missing_field', 'start', 'start is missing.');
  else if (!s) fail('invalid_date', 'start', `start ${JSON.stringify(startRaw)} is not a valid ISO date-time.`);
  if (endRaw === undefined) fail('missing_field', 'end', 'end is missing.');
  else if (!t) fail('invalid_date', 'end', `end ${JSON.stringify(endRaw)} is not a valid ISO date-time.`);
  if (clock && s && t && instantOf(t, clock) < instantOf(s, clock)) {
    fail('end_before_start', 'end', `end ${String(endRaw)} is before start ${String(startRaw)}.`);
  }
  const showAs = e['showAs'];
  if (typeof showAs !== 'string' || !SHOW_AS.has(showAs)) {
    fail(
      showAs === undefined ? 'missing_field' : 'invalid_field',
      'showAs',
      'showAs must be one of free, tentative, busy, oof, workingElsewhere.',
    );
  }
  const response = e['responseStatus'];
  if (typeof response !== 'string' || !RESPONSES.has(response)) {
    fail(
      response === undefined ? 'missing_field' : 'invalid_field',
      'responseStatus',
      'responseStatus must be one of none, organizer, accepted, tentativelyAccepted, declined, notResponded.',
    );
  }
  const attendeeCount = e['attendeeCount'];
  if (attendeeCount !== undefined && !isCount(attendeeCount)) {
    fail('invalid_field', 'attendeeCount', 'attendeeCount must be a whole number ≥ 0.');
  }
  for (const field of BOOL_FIELDS) {
    const v = e[field];
    if (v !== undefined && typeof v !== 'boolean') fail('invalid_field', field, `${field} must be true or false.`);
  }
  if (errors.length === before) {
    errors.push({ index, code: 'invalid_field', message: `${who}: not a valid calendar event.` });
  }
}

/**
 * Validates and classifies events. Declined events are dropped; free / workingElsewhere are not meetings; tentative
 * ones count only when `countTentative`; all-day events are not meetings (all-day out-of-office marks days off);
 * timed out-of-office is kept as an OOF interval. Invalid events are reported in `errors` and skipped.
 */
export function normalizeEvents(events: readonly unknown[], settings: MeetingLoadSettings): NormalizedCalendar {
  // JavaScript callers can pass anything; a non-array is reported like a bad event, not thrown.
  const isList = Array.isArray(events);
  const n = isList ? events.length : 0;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const attendees = new Int32Array(n);
  const flags = new Uint8Array(n);
  const ids: string[] = [];
  const source = new Int32Array(n);
  const oofDays: Array<[number, number]> = [];
  const errors: EventError[] = [];
  const excluded: ExcludedCounts = {
    declined: 0,
    free: 0,
    workingElsewhere: 0,
    tentative: 0,
    allDay: 0,
    allDayOutOfOffice: 0,
    outOfOffice: 0,
  };
  let count = 0;
  let countedMeetings = 0;
  if (!isList) errors.push({ index: -1, code: 'not_an_object', message: 'The calendar is not a list of events.' });

  const ps = newParsed();
  const pe = newParsed();
  let lastZone: unknown;
  let lastClock: ZoneClock | undefined;

  for (let index = 0; index < n; index++) {
    const raw = events[index];
    if (typeof raw !== 'object' || raw === null) {
      reportInvalid(index, raw, errors);
      continue;
    }
    // Fast path: every check as a boolean; messages are only built (in reportInvalid) when something is wrong.
    const e = raw as Record<string, unknown>;
    const id = e['id'];
    const zone = e['timeZone'];
    const showAs = e['showAs'];
    const response = e['responseStatus'];
    const attendeeCount = e['attendeeCount'];
    const isAllDay = e['isAllDay'];
    const isOrganizer = e['isOrganizer'];
    const isRecurring = e['isRecurring'];
    const isOnline = e['isOnline'];
    let clock: ZoneClock | undefined;
    if (zone === lastZone) clock = lastClock;
    else {
      clock = zoneClock(zone);
      lastZone = zone;
      lastClock = clock;
    }
    let ok =
      typeof id === 'string' &&
      id.length > 0 &&
      clock !== undefined &&
      parseInto(e['start'], ps) &&
      parseInto(e['end'], pe) &&
      isShowAs(showAs) &&
      isResponse(response) &&
      (attendeeCount === undefined || isCount(attendeeCount)) &&
      (isAllDay === undefined || typeof isAllDay === 'boolean') &&
      (isOrganizer === undefined || typeof isOrganizer === 'boolean') &&
      (isRecurring === undefined || typeof isRecurring === 'boolean') &&
      (isOnline === undefined || typeof isOnline === 'boolean');
    let startMs = 0;
    let endMs = 0;
    if (ok) {
      startMs = instantOf(ps, clock!);
      endMs = instantOf(pe, clock!);
      ok = endMs >= startMs;
    }
    if (!ok) {
      reportInvalid(index, raw, errors);
      continue;
    }

    // Classification. Declined first: a declined all-day OOF is not an absence either.
    if (response === 'declined') {
      excluded.declined++;
      continue;
    }
    if (isAllDay === true) {
      if (showAs === 'oof') {
        const from = allDayCivilDay(ps, clock!, false);
        let to = allDayCivilDay(pe, clock!, true);
        if (to <= from) to = from + 1;
        oofDays.push([from, to]);
        excluded.allDayOutOfOffice++;
      } else {
        excluded.allDay++;
      }
      continue;
    }
    if (showAs === 'free') {
      excluded.free++;
      continue;
    }
    if (showAs === 'workingElsewhere') {
      excluded.workingElsewhere++;
      continue;
    }
    let f = 0;
    if (showAs === 'oof') {
      excluded.outOfOffice++;
      if (endMs === startMs) continue;
      f = FLAG_OOF;
    } else {
      if (showAs === 'tentative' || response === 'tentativelyAccepted') {
        if (!settings.countTentative) {
          excluded.tentative++;
          continue;
        }
        f |= FLAG_TENTATIVE;
      }
      if (isRecurring === true) f |= FLAG_RECURRING;
      if (isOnline === true) f |= FLAG_ONLINE;
      if (isOrganizer === true || response === 'organizer') f |= FLAG_ORGANIZER;
      countedMeetings++;
    }
    start[count] = startMs;
    end[count] = endMs;
    attendees[count] = attendeeCount === undefined ? 0 : (attendeeCount as number);
    flags[count] = f;
    ids.push(id as string);
    source[count] = index;
    count++;
  }
  return { count, start, end, attendees, flags, ids, source, oofDays, errors, excluded, countedMeetings };
}

const INDEX_BITS = 2 ** 21;

/**
 * The one sort of the analysis (also drops duplicate events, reporting them into `cal.errors`). Starts are whole seconds, so (start − first start) in seconds × 2^21 + input index is
 * an exact integer below 2^53 for spans up to ~136 years: a native numeric sort of a Float64Array then orders by start
 * and keeps input order for ties, with no comparator calls. Larger inputs fall back to a comparator sort.
 */
export function sortCalendar(cal: NormalizedCalendar | SortedCalendar): SortedCalendar {
  const n = cal.count;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = cal.start[i]!;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  let order: ArrayLike<number>;
  const spanSeconds = n === 0 ? 0 : (max - min) / 1000;
  if (n < INDEX_BITS && (spanSeconds + 1) * INDEX_BITS < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = ((cal.start[i]! - min) / 1000) * INDEX_BITS + i;
    keys.sort();
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      idx[i] = key - Math.floor(key / INDEX_BITS) * INDEX_BITS; // exact: INDEX_BITS is a power of two
    }
    order = idx;
  } else {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => cal.start[a]! - cal.start[b]! || a - b);
    order = idx;
  }
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const attendees = new Int32Array(n);
  const flags = new Uint8Array(n);
  const ids: string[] = [];
  // Duplicate ids (the same event delivered twice, e.g. across result pages) have the same start, so they are
  // found by comparing ids within each run of equal starts — no id hashing for the whole calendar.
  let k = 0;
  let runFrom = 0;
  let runIds: Set<string> | undefined;
  for (let i = 0; i < n; i++) {
    const j = order[i]!;
    const s = cal.start[j]!;
    const id = cal.ids[j]!;
    if (k > 0 && s === start[k - 1]) {
      let dup = false;
      if (k - runFrom < 16) {
        for (let r = runFrom; r < k && !dup; r++) dup = ids[r] === id;
      } else {
        runIds ??= new Set(ids.slice(runFrom, k));
        dup = runIds.has(id);
        runIds.add(id);
      }
      if (dup) {
        if ('errors' in cal) {
          const index = cal.source[j]!;
          cal.errors.push({
            index,
            id,
            field: 'id',
            code: 'duplicate_id',
            message: `Event "${id}" (#${index}): the same event appears more than once; it is counted once.`,
          });
          if (!(cal.flags[j]! & FLAG_OOF)) cal.countedMeetings--;
        }
        continue;
      }
    } else {
      runFrom = k;
      runIds = undefined;
    }
    start[k] = s;
    end[k] = cal.end[j]!;
    attendees[k] = cal.attendees[j]!;
    flags[k] = cal.flags[j]!;
    ids.push(id);
    k++;
  }
  if ('errors' in cal && k < n) cal.errors.sort((a, b) => a.index - b.index);
  return {
    count: k,
    start: k < n ? start.subarray(0, k) : start,
    end: k < n ? end.subarray(0, k) : end,
    attendees: k < n ? attendees.subarray(0, k) : attendees,
    flags: k < n ? flags.subarray(0, k) : flags,
    ids,
    oofDays: cal.oofDays,
  };
}
