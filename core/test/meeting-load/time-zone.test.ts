import { describe, expect, it } from 'vitest';
import {
  civilDay,
  civilDayToDate,
  isValidTimeZone,
  weekdayOfCivilDay,
  zoneClock,
} from '../../src/meeting-load/time-zone';

describe('Intl-based zone clock', () => {
  const berlin = zoneClock('Europe/Berlin')!;
  const newYork = zoneClock('America/New_York')!;

  it('finds offsets on both sides of a change, to the second', () => {
    // Berlin: 29 March 2026 01:00Z (02:00 CET → 03:00 CEST); 25 October 2026 01:00Z (03:00 CEST → 02:00 CET).
    expect(berlin.offsetAt(Date.UTC(2026, 2, 29, 0, 59, 59))).toBe(3_600_000);
    expect(berlin.offsetAt(Date.UTC(2026, 2, 29, 1, 0, 0))).toBe(7_200_000);
    expect(berlin.offsetAt(Date.UTC(2026, 9, 25, 0, 59, 59))).toBe(7_200_000);
    expect(berlin.offsetAt(Date.UTC(2026, 9, 25, 1, 0, 0))).toBe(3_600_000);
    // New York: 8 March 07:00Z, 1 November 06:00Z.
    expect(newYork.offsetAt(Date.UTC(2026, 2, 8, 6, 59, 59))).toBe(-5 * 3_600_000);
    expect(newYork.offsetAt(Date.UTC(2026, 2, 8, 7))).toBe(-4 * 3_600_000);
    expect(newYork.offsetAt(Date.UTC(2026, 10, 1, 6))).toBe(-5 * 3_600_000);
    // A zone without DST and a half-hour offset.
    expect(zoneClock('Asia/Kolkata')!.offsetAt(Date.UTC(2026, 5, 1))).toBe(5.5 * 3_600_000);
  });

  it('turns wall-clock times into instants, resolving the spring gap and the autumn repeat like Temporal', () => {
    expect(new Date(berlin.toUtc(2026, 3, 29, 1, 30)).toISOString()).toBe('2026-03-29T00:30:00.000Z');
    // 02:30 does not exist on 29 March: moved forward by the gap, to 03:30 CEST.
    expect(new Date(berlin.toUtc(2026, 3, 29, 2, 30)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(berlin.toUtc(2026, 3, 29, 3, 0)).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // 02:30 happens twice on 25 October: the earlier one (CEST).
    expect(new Date(berlin.toUtc(2026, 10, 25, 2, 30)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // Local midnights 23 and 25 hours apart.
    expect(berlin.startOfCivilDay(civilDay(2026, 3, 30)) - berlin.startOfCivilDay(civilDay(2026, 3, 29))).toBe(
      23 * 3_600_000,
    );
    expect(berlin.startOfCivilDay(civilDay(2026, 10, 26)) - berlin.startOfCivilDay(civilDay(2026, 10, 25))).toBe(
      25 * 3_600_000,
    );
  });

  it('formats local ISO times with the offset in force', () => {
    expect(berlin.formatIso(Date.UTC(2026, 2, 29, 0, 59, 59))).toBe('2026-03-29T01:59:59+01:00');
    expect(berlin.formatIso(Date.UTC(2026, 2, 29, 1))).toBe('2026-03-29T03:00:00+02:00');
    expect(zoneClock('America/St_Johns')!.formatIso(Date.UTC(2026, 0, 15, 12))).toBe('2026-01-15T08:30:00-03:30');
    expect(berlin.formatTime(Date.UTC(2026, 5, 1, 14, 5))).toBe('16:05');
  });

  it('knows which zones exist', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(42)).toBe(false);
  });

  it('does calendar-date arithmetic without Date', () => {
    expect(civilDay(1970, 1, 1)).toBe(0);
    expect(civilDayToDate(civilDay(2024, 2, 29))).toBe('2024-02-29');
    expect(civilDayToDate(civilDay(2026, 12, 31) + 1)).toBe('2027-01-01');
    expect(weekdayOfCivilDay(civilDay(2026, 3, 30))).toBe(1); // Monday
    expect(weekdayOfCivilDay(civilDay(2026, 4, 5))).toBe(7); // Sunday
    expect(weekdayOfCivilDay(civilDay(1969, 12, 31))).toBe(3); // Wednesday, before the epoch
  });
});
