/**
 * Time-zone arithmetic with nothing but `Intl` (core/ has no date library and must run in the Outlook task pane).
 *
 * `Intl.DateTimeFormat#formatToParts` is the only source of truth, but it is slow (several µs a call), so a zone's
 * UTC offset is not asked per event: for each UTC year a zone is used in, the offset is sampled every 14 days and
 * each change is located to the second by bisection (≈ 30–70 Intl calls per zone and year, once per session). After
 * that an offset is a lookup in a table of two or three segments. Assumption: a zone does not change its offset
 * twice within 14 days and back again (true of every zone in current tzdata; Morocco's Ramadan switches are ~30 days).
 *
 * Local wall-clock times become instants with the same rule as Temporal's `disambiguation: 'compatible'`: a time
 * that occurs twice (autumn) maps to the earlier instant, a time that does not exist (spring gap) is moved forward by
 * the length of the gap (02:30 on the spring-forward day in Berlin is 03:30 CEST).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const SAMPLE_STEP_MS = 14 * DAY_MS;
const MAX_CACHED_ZONES = 512;

interface YearTable {
  /** Segment start instants (the first is Jan 1 00:00 UTC of the year). */
  starts: number[];
  /** Offset (local − UTC) in ms in each segment. */
  offsets: number[];
  /** Jan 1 00:00 UTC of the next year. */
  end: number;
}

export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Days since 1970-01-01 of the local calendar date. */
  civilDay: number;
}

export class ZoneClock {
  private readonly years = new Map<number, YearTable>();
  // Last segment found: most lookups fall in the same segment as the previous one.
  private hitStart = 0;
  private hitEnd = -1;
  private hitOffset = 0;

  constructor(
    readonly timeZone: string,
    private readonly format: Intl.DateTimeFormat,
  ) {}

  /** Offset of this zone at an instant, ms (local = utc + offset). */
  offsetAt(ms: number): number {
    if (ms >= this.hitStart && ms < this.hitEnd) return this.hitOffset;
    const year = new Date(ms).getUTCFullYear();
    let table = this.years.get(year);
    if (!table) {
      table = this.buildYear(year);
      this.years.set(year, table);
    }
    let i = table.starts.length - 1;
    while (i > 0 && table.starts[i]! > ms) i--;
    this.hitStart = table.starts[i]!;
    this.hitEnd = i + 1 < table.starts.length ? table.starts[i + 1]! : table.end;
    this.hitOffset = table.offsets[i]!;
    return this.hitOffset;
  }

  /** The instant of a local wall-clock time (Temporal 'compatible' disambiguation). Hour 24 means next midnight. */
  toUtc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
    const wall = utcMs(year, month, day, hour, minute, second);
    // Fast path: no offset change within a day either side, so every candidate instant has the same offset.
    const offset = this.offsetAt(wall);
    if (wall - DAY_MS >= this.hitStart && wall + DAY_MS < this.hitEnd) return wall - offset;
    const before = this.offsetAt(wall - DAY_MS);
    const after = this.offsetAt(wall + DAY_MS);
    const a = wall - before;
    if (before === after) return a;
    const b = wall - after;
    const aValid = this.offsetAt(a) === before;
    const bValid = this.offsetAt(b) === after;
    if (aValid && bValid) return Math.min(a, b); // repeated hour: the earlier instant
    if (aValid) return a;
    if (bValid) return b;
    return a; // skipped hour: shifted forward by the gap
  }

  /** Local midnight (start of the local calendar day) as an instant. */
  startOfCivilDay(civilDay: number): number {
    const d = new Date(civilDay * DAY_MS);
    return this.toUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }

  localFields(ms: number): LocalFields {
    const local = ms + this.offsetAt(ms);
    const d = new Date(local);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      weekday: d.getUTCDay() || 7,
      civilDay: Math.floor(local / DAY_MS),
    };
  }

  /** Local calendar day (days since 1970-01-01) of an instant. */
  civilDayOf(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms)) / DAY_MS);
  }

  /** ISO local time with this zone's offset, e.g. 2026-03-29T03:00:00+02:00. */
  formatIso(ms: number): string {
    const offset = this.offsetAt(ms);
    const local = ms + offset;
    const cd = Math.floor(local / DAY_MS);
    const secondsOfDay = Math.floor((local - cd * DAY_MS) / 1000);
    const h = Math.floor(secondsOfDay / 3600);
    const m = Math.floor((secondsOfDay % 3600) / 60);
    const sec = secondsOfDay % 60;
    return `${civilDayToDate(cd)}T${TWO_DIGITS[h]!}:${TWO_DIGITS[m]!}:${TWO_DIGITS[sec]!}${formatOffset(offset)}`;
  }

  /** Local HH:mm. */
  formatTime(ms: number): string {
    return new Date(ms + this.offsetAt(ms)).toISOString().slice(11, 16);
  }

  private rawOffset(ms: number): number {
    let year = 1970;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.format.formatToParts(ms)) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          hour = Number(part.value) % 24; // some engines print 24 for midnight
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          second = Number(part.value);
          break;
        default:
          break;
      }
    }
    return Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(ms / 1000) * 1000;
  }

  private buildYear(year: number): YearTable {
    const start = Date.UTC(year, 0, 1);
    const end = Date.UTC(year + 1, 0, 1);
    const samples: number[] = [];
    for (let t = start; t < end; t += SAMPLE_STEP_MS) samples.push(t);
    samples.push(end - 1000);
    const starts = [start];
    let prevT = start;
    let prevOffset = this.rawOffset(start);
    const offsets = [prevOffset];
    for (let k = 1; k < samples.length; k++) {
      const t = samples[k]!;
      const offset = this.rawOffset(t);
      if (offset !== prevOffset) {
        // Bisect to the first whole second with the new offset.
        let lo = prevT;
        let hi = t;
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (this.rawOffset(mid) === prevOffset) lo = mid;
          else hi = mid;
        }
        starts.push(hi);
        offsets.push(offset);
      }
      prevT = t;
      prevOffset = offset;
    }
    return { starts, offsets, end };
  }
}

export function formatOffset(offsetMs: number): string {
  const total = Math.round(offsetMs / MINUTE_MS);
  const sign = total < 0 ? '-' : '+';
  const abs = Math.abs(total);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const clocks = new Map<string, ZoneClock | null>();

/** The clock of an IANA zone, or undefined when the runtime does not know the zone. Cached per zone name. */
export function zoneClock(timeZone: unknown): ZoneClock | undefined {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return undefined;
  const cached = clocks.get(timeZone);
  if (cached !== undefined) return cached ?? undefined;
  let clock: ZoneClock | null;
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    clock = new ZoneClock(timeZone, format);
  } catch {
    clock = null; // RangeError: unknown zone
  }
  // Event zones come from calendar data; bound the cache so odd input cannot grow it without limit.
  if (clocks.size < MAX_CACHED_ZONES) clocks.set(timeZone, clock);
  return clock ?? undefined;
}

export function isValidTimeZone(timeZone: unknown): boolean {
  return zoneClock(timeZone) !== undefined;
}

/** Days since 1970-01-01 of a calendar date (H. Hinnant's days-from-civil; years ≥ 1 here). */
export function civilDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Date.UTC without the Date machinery (hot path: twice per event). Hour 24 is the next midnight. */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return civilDay(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000;
}

/** ISO weekday of a civil day (1970-01-01 was a Thursday). */
export function weekdayOfCivilDay(cd: number): number {
  return ((((cd + 3) % 7) + 7) % 7) + 1;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** Calendar date of a civil day (H. Hinnant's days-to-civil; no Date allocation on the hot path). */
export function civilFromDays(cd: number): { year: number; month: number; day: number } {
  const z = cd + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** YYYY-MM-DD of a civil day. */
export function civilDayToDate(cd: number): string {
  const { year, month, day } = civilFromDays(cd);
  return `${year}-${TWO_DIGITS[month]!}-${TWO_DIGITS[day]!}`;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD into a civil day, or undefined when it is not a real date. */
export function dateToCivilDay(date: string): number | undefined {
  const m = DATE_ONLY.exec(date);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return civilDay(y, mo, d);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? 0;
}

/** Parses HH:mm (00:00–23:59, and 24:00 when allowed) into minutes after midnight. */
export function parseClockTime(value: unknown, allow24 = false): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (allow24 && h === 24 && min === 0) return 24 * 60;
  if (h > 23 || min > 59) return undefined;
  return h * 60 + min;
}
