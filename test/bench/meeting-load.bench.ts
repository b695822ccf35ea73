/**
 * Meeting-load engine bench. Generates a deterministic heavy year for one person (seeded PRNG: recurring series,
 * ad-hoc meetings in several time zones and all three date formats, overlaps, declined / tentative / free / OOF /
 * all-day / zero-length / multi-day events), then measures in the same process, after warm-up, the median of
 * several repetitions of
 *   (a) the floor: a plain sort of the same events' start times (number[], (a, b) => a - b), and
 *   (b) the full analysis (validation, parsing, time zones, sort, sweeps, per-day and per-week figures).
 * Target: (b) ≤ 3 × (a).
 *
 *   node --import tsx test/bench/meeting-load.bench.ts
 */
import { pathToFileURL } from 'node:url';
import { analyzeMeetingLoad } from '../../core/src/meeting-load/index';
import type { CalendarEvent, MeetingLoadSettingsInput } from '../../core/src/meeting-load/index';
import { mulberry32 } from '../../core/src/util/random';

const YEAR = 2026;
const PERSON_ZONE = 'Europe/Berlin';
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Europe/London',
  'UTC',
  'Australia/Sydney',
  'America/Los_Angeles',
  'Asia/Tokyo',
];
const WARMUP = 8;
const REPETITIONS = 25;

// The generator has its own Intl helpers so the engine's zone cache stays cold until the first measured run.
const formatters = new Map<string, Intl.DateTimeFormat>();
function wallOf(ms: number, zone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(ms)) p[part.type] = Number(part.value);
  return { y: p['year']!, mo: p['month']!, d: p['day']!, h: p['hour']! % 24, mi: p['minute']!, s: p['second']! };
}
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
function localString(ms: number, zone: string): string {
  const w = wallOf(ms, zone);
  return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
}
function offsetString(ms: number, zone: string): string {
  const w = wallOf(ms, zone);
  const off = Math.round((Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - ms) / 60_000);
  const sign = off < 0 ? '-' : '+';
  return `${localString(ms, zone)}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}
/** Instant of a wall-clock time in a zone (two-pass offset correction; good enough for generating data). */
function instantOf(y: number, mo: number, d: number, h: number, mi: number, zone: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  let t = guess;
  for (let k = 0; k < 2; k++) {
    const w = wallOf(t, zone);
    t = guess - (Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - t);
  }
  return t;
}

export interface HeavyYear {
  /** Shuffled (seeded): the main measurement. */
  events: CalendarEvent[];
  starts: number[];
  /** The same events in generation (≈ chronological) order, where the floor sort is nearly linear. */
  chronological: CalendarEvent[];
  chronologicalStarts: number[];
  settings: MeetingLoadSettingsInput;
}

export function generateHeavyYear(seed = 20261126): HeavyYear {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const events: CalendarEvent[] = [];
  const starts: number[] = [];
  let id = 0;
  const push = (startMs: number, endMs: number, zone: string, extra: Partial<CalendarEvent> = {}): void => {
    const format = rnd();
    const fmt = (ms: number): string =>
      format < 0.34 ? new Date(ms).toISOString() : format < 0.67 ? offsetString(ms, zone) : localString(ms, zone);
    const r = rnd();
    events.push({
      id: `e${id++}`,
      start: fmt(startMs),
      end: fmt(endMs),
      timeZone: zone,
      isAllDay: false,
      showAs: r < 0.03 ? 'free' : r < 0.1 ? 'tentative' : r < 0.12 ? 'workingElsewhere' : 'busy',
      isOrganizer: rnd() < 0.3,
      responseStatus: r < 0.1 ? 'tentativelyAccepted' : rnd() < 0.05 ? 'declined' : 'accepted',
      attendeeCount: 1 + Math.floor(rnd() * rnd() * 20),
      isRecurring: false,
      isOnline: rnd() < 0.7,
      ...extra,
    });
    starts.push(startMs);
  };

  const first = Date.UTC(YEAR, 0, 1);
  for (let day = 0; day < 365; day++) {
    const date = new Date(first + day * 86_400_000);
    const y = date.getUTCFullYear();
    const mo = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    const weekday = date.getUTCDay() || 7;
    const workday = weekday <= 5;

    // Recurring series, each in its organiser's zone (so DST weeks shift them against Berlin).
    if (workday) {
      const s = instantOf(y, mo, d, 9, 30, PERSON_ZONE);
      push(s, s + 15 * 60_000, PERSON_ZONE, {
        isRecurring: true,
        attendeeCount: 7,
        showAs: 'busy',
        responseStatus: 'accepted',
      });
    }
    if (weekday === 2 || weekday === 4) {
      const s = instantOf(y, mo, d, 10, 0, 'America/New_York');
      push(s, s + 60 * 60_000, 'America/New_York', { isRecurring: true, attendeeCount: 12 });
    }
    if (weekday === 3) {
      const s = instantOf(y, mo, d, 14, 0, PERSON_ZONE);
      push(s, s + 90 * 60_000, PERSON_ZONE, { isRecurring: true, attendeeCount: 9 });
      const t = instantOf(y, mo, d, 17, 0, 'Asia/Kolkata');
      push(t, t + 30 * 60_000, 'Asia/Kolkata', { isRecurring: true, attendeeCount: 2 });
    }
    if (weekday === 1) {
      const s = instantOf(y, mo, d, 11, 0, PERSON_ZONE);
      push(s, s + 50 * 60_000, PERSON_ZONE, { isRecurring: true, attendeeCount: 2 });
    }

    // Ad-hoc meetings: many on working days, a few at weekends; random zones; overlaps happen naturally.
    const adHoc = workday ? 14 + Math.floor(rnd() * 8) : Math.floor(rnd() * 3);
    for (let k = 0; k < adHoc; k++) {
      const zone = pick(ZONES);
      const hour = 6 + Math.floor(rnd() * 15);
      const minute = pick([0, 0, 0, 15, 30, 30, 45, 5, 50]);
      const s = instantOf(y, mo, d, hour, minute, PERSON_ZONE);
      const u = rnd();
      const len = u < 0.02 ? 0 : u < 0.03 ? 26 * 60 : pick([15, 25, 30, 30, 45, 50, 60, 60, 90, 120]);
      push(s, s + len * 60_000, zone);
    }

    // Now and then: timed out-of-office, all-day holidays, a week of vacation.
    if (workday && rnd() < 0.05) {
      const s = instantOf(y, mo, d, 13, 0, PERSON_ZONE);
      push(s, s + 3 * 3_600_000, PERSON_ZONE, { showAs: 'oof', responseStatus: 'organizer', attendeeCount: 0 });
    }
    if (rnd() < 0.02) {
      const dd = `${y}-${pad(mo)}-${pad(d)}`;
      const next = new Date(first + (day + 1) * 86_400_000).toISOString().slice(0, 10);
      events.push({
        id: `e${id++}`,
        start: dd,
        end: next,
        timeZone: PERSON_ZONE,
        isAllDay: true,
        showAs: rnd() < 0.5 ? 'oof' : 'free',
        isOrganizer: true,
        responseStatus: 'organizer',
        attendeeCount: 0,
        isRecurring: false,
        isOnline: false,
      });
      starts.push(instantOf(y, mo, d, 0, 0, PERSON_ZONE));
    }
  }
  // Events reach the engine as JSON from Graph, in no particular order (several series and single events, paged):
  // a seeded Fisher–Yates shuffle, then a JSON round trip so strings and objects look like wire data.
  const order = events.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return {
    events: JSON.parse(JSON.stringify(order.map((i) => events[i]!))) as CalendarEvent[],
    starts: order.map((i) => starts[i]!),
    chronological: JSON.parse(JSON.stringify(events)) as CalendarEvent[],
    chronologicalStarts: starts,
    settings: { timeZone: PERSON_ZONE, workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] } },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

let sink = 0;

interface Timing {
  floorMs: number;
  typedSortMs: number;
  analysisMs: number;
}

function measure(
  events: readonly CalendarEvent[],
  starts: readonly number[],
  settings: MeetingLoadSettingsInput,
): Timing {
  const floor = (): void => {
    const sorted = starts.slice().sort((a, b) => a - b);
    sink += sorted[0]!;
  };
  const typedFloor = (): void => {
    const sorted = Float64Array.from(starts).sort();
    sink += sorted[0]!;
  };
  const analysis = (): void => {
    sink += analyzeMeetingLoad(events, settings).days.length;
  };
  for (let i = 0; i < WARMUP; i++) {
    floor();
    typedFloor();
    analysis();
  }
  const tf: number[] = [];
  const tt: number[] = [];
  const ta: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    let t0 = performance.now();
    floor();
    tf.push(performance.now() - t0);
    t0 = performance.now();
    typedFloor();
    tt.push(performance.now() - t0);
    t0 = performance.now();
    analysis();
    ta.push(performance.now() - t0);
  }
  return { floorMs: median(tf), typedSortMs: median(tt), analysisMs: median(ta) };
}

export async function run(): Promise<{
  name: string;
  figures: Record<string, number>;
  baseline: string;
  ratio: number;
  target: string;
  pass?: boolean;
}> {
  const { events, starts, chronological, chronologicalStarts, settings } = generateHeavyYear();

  // Cold: the first analysis in this process (ICU start-up, zone tables, JIT — all once per session).
  const t0 = performance.now();
  const report = analyzeMeetingLoad(events, settings);
  const coldMs = performance.now() - t0;

  const main = measure(events, starts, settings);
  const chrono = measure(chronological, chronologicalStarts, settings);
  const ratio = main.analysisMs / main.floorMs;
  const total = report.weeks.reduce(
    (acc, w) => ({
      meetingHours: acc.meetingHours + w.meetingHours,
      focusHours: acc.focusHours + w.focusHours,
      chains: acc.chains + w.backToBack.chains,
      conflicts: acc.conflicts + w.conflicts.meetings,
      afterHours: acc.afterHours + w.afterHoursHours,
    }),
    { meetingHours: 0, focusHours: 0, chains: 0, conflicts: 0, afterHours: 0 },
  );
  const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;
  return {
    name: 'meeting-load',
    figures: {
      events: events.length,
      countedMeetings: report.countedMeetings,
      invalidEvents: report.errors.length,
      days: report.days.length,
      weeks: report.weeks.length,
      floorMs: round(main.floorMs),
      analysisMs: round(main.analysisMs),
      ratio: round(ratio, 2),
      typedArraySortMs: round(main.typedSortMs),
      ratioVsTypedArraySort: round(main.analysisMs / main.typedSortMs, 2),
      chronologicalFloorMs: round(chrono.floorMs),
      chronologicalAnalysisMs: round(chrono.analysisMs),
      chronologicalRatio: round(chrono.analysisMs / chrono.floorMs, 2),
      coldAnalysisMs: round(coldMs),
      perEventMicroseconds: round((main.analysisMs * 1000) / events.length, 2),
      yearMeetingHours: round(total.meetingHours, 1),
      yearFocusHours: round(total.focusHours, 1),
      yearBackToBackChains: total.chains,
      yearConflictingMeetings: total.conflicts,
      yearAfterHoursHours: round(total.afterHours, 1),
      repetitions: REPETITIONS,
    },
    baseline: `plain Array sort of the same ${starts.length} events' start times (number[], (a, b) => a - b), events in seeded random order; median of ${REPETITIONS} after ${WARMUP} warm-ups`,
    ratio: round(ratio, 2),
    target: '≤ 3× the floor',
    pass: ratio <= 3,
  };
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  run().then(
    (result) => {
      const f = result.figures;
      process.stdout.write(
        `${result.name}: ${f['events']} events (${f['countedMeetings']} counted meetings, ${f['days']} days, ${f['weeks']} weeks)\n` +
          `  floor, plain sort of start times:  ${f['floorMs']} ms   [typed-array sort ${f['typedArraySortMs']} ms]\n` +
          `  full analysis:                     ${f['analysisMs']} ms   (${f['perEventMicroseconds']} µs/event; cold first run ${f['coldAnalysisMs']} ms)\n` +
          `  ratio:                             ${result.ratio}×  (target ${result.target}; vs typed-array sort ${f['ratioVsTypedArraySort']}×)\n` +
          `  same events already in chronological order: floor ${f['chronologicalFloorMs']} ms, analysis ${f['chronologicalAnalysisMs']} ms, ratio ${f['chronologicalRatio']}×\n` +
          `${JSON.stringify(result, null, 2)}\n`,
      );
      if (sink === -1) process.stdout.write('\n');
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
