import { zoneClock, type ZoneClock } from '../domain/engine';
import type { CalendarRange } from './calendar-source';

/**
 * Local dates and weeks in the person's time zone. Weeks are ISO weeks (Monday first), the same weeks the engine
 * reports. Everything goes through core's zone clock (Intl only, DST-safe), so the pane and the engine agree on where
 * a day starts.
 */

const DAY_MS = 86_400_000;

/** The person's IANA zone as the browser reports it; UTC when it reports nothing usable. */
export function browserTimeZone(): string {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && zoneClock(zone)) return zone;
  } catch {
    // Fall through: an engine without time-zone data.
  }
  return 'UTC';
}

export function clockOf(timeZone: string): ZoneClock {
  return zoneClock(timeZone) ?? zoneClock('UTC')!;
}

/** YYYY-MM-DD → days since 1970-01-01. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** Days since 1970-01-01 → YYYY-MM-DD. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** ISO weekday of a date, 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

export function mondayOfDate(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return dateOfDay(clockOf(timeZone).civilDayOf(instant.getTime()));
}

/** The instant of a local wall-clock time (`HH:mm`, 24:00 allowed) on a local date. */
export function instantAt(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return new Date(clockOf(timeZone).toUtc(y, mo, d, h, mi));
}

export interface LocalWeek {
  /** Monday, YYYY-MM-DD. */
  from: string;
  /** Sunday, YYYY-MM-DD. */
  to: string;
}

export interface AnalysisWeeks {
  /** The last complete week (the one before this one): the only week that can be shared. */
  last: LocalWeek;
  current: LocalWeek;
  next: LocalWeek;
  today: string;
}

export function analysisWeeks(now: Date, timeZone: string): AnalysisWeeks {
  const today = localDateOf(now, timeZone);
  const monday = mondayOfDate(today);
  const week = (offset: number): LocalWeek => ({
    from: addDays(monday, offset * 7),
    to: addDays(monday, offset * 7 + 6),
  });
  return { last: week(-1), current: week(0), next: week(1), today };
}

/** The instants covering local dates `from`..`to` (inclusive) in a zone. */
export function rangeOfDates(from: string, to: string, timeZone: string): CalendarRange {
  return { start: instantAt(from, '00:00', timeZone), end: instantAt(addDays(to, 1), '00:00', timeZone) };
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?$/;

/**
 * The instant of an event time as the engine accepts it: an ISO instant (`Z` or an offset), or a wall-clock time
 * without offset that is read in `timeZone` (Graph's dateTime + timeZone). NaN when it is neither.
 */
export function eventInstant(value: string, timeZone: string): number {
  const wall = WALL_TIME.exec(value);
  if (!wall) return Date.parse(value);
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = wall;
  return clockOf(timeZone).toUtc(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s));
}
