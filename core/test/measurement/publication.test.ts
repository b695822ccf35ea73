import { describe, expect, it } from 'vitest';
import {
  WINDOW_CLOSES_LATE_MS,
  WINDOW_OPENS_EARLY_MS,
  isPulseWeekOpen,
  isPulseWeekPublished,
  isShareWeekOpen,
  isShareWeekPublished,
  lastPublishedPulseWeek,
  lastPublishedShareWeek,
  pulseWindow,
  shareWindow,
} from '../../src/measurement/publication';
import { addWeeks, isoWeekOf, isWeekId } from '../../src/time/iso-week';

const at = (iso: string) => new Date(iso);
const before = (d: Date) => new Date(d.getTime() - 1);
const iso = (w: { opens: Date; closes: Date }) => ({ opens: w.opens.toISOString(), closes: w.closes.toISOString() });

describe('publication windows', () => {
  it('opens 14 h before Monday 00:00 UTC and closes at Monday 12:00 UTC of the following week', () => {
    expect(WINDOW_OPENS_EARLY_MS).toBe(14 * 3_600_000);
    expect(WINDOW_CLOSES_LATE_MS).toBe(12 * 3_600_000);
    // 2026-W48 runs Monday 23 Nov .. Sunday 29 Nov.
    expect(iso(pulseWindow('2026-W48'))).toEqual({
      opens: '2026-11-22T10:00:00.000Z',
      closes: '2026-11-30T12:00:00.000Z',
    });
  });

  it('takes pulse answers from the opening instant (inclusive) to the closing instant (exclusive)', () => {
    const { opens, closes } = pulseWindow('2026-W48');
    expect(isPulseWeekOpen('2026-W48', before(opens))).toBe(false);
    expect(isPulseWeekOpen('2026-W48', opens)).toBe(true);
    expect(isPulseWeekOpen('2026-W48', at('2026-11-26T12:00:00Z'))).toBe(true);
    expect(isPulseWeekOpen('2026-W48', before(closes))).toBe(true);
    expect(isPulseWeekOpen('2026-W48', closes)).toBe(false);
    expect(isPulseWeekOpen('2026-W48', at('2027-03-01T00:00:00Z'))).toBe(false);
    // Never a week that has not begun anywhere on Earth, nor one long past.
    expect(isPulseWeekOpen('2026-W49', at('2026-11-26T12:00:00Z'))).toBe(false);
    expect(isPulseWeekOpen('2026-W46', at('2026-11-26T12:00:00Z'))).toBe(false);
  });

  it('overlaps consecutive weeks only from Sunday 10:00 to Monday 12:00 UTC (the date line)', () => {
    expect(isPulseWeekOpen('2026-W48', at('2026-11-29T09:59:59.999Z'))).toBe(true);
    expect(isPulseWeekOpen('2026-W49', at('2026-11-29T09:59:59.999Z'))).toBe(false);
    for (const t of ['2026-11-29T10:00:00Z', '2026-11-30T00:00:00Z', '2026-11-30T11:59:59.999Z']) {
      expect(isPulseWeekOpen('2026-W48', at(t)), t).toBe(true);
      expect(isPulseWeekOpen('2026-W49', at(t)), t).toBe(true);
    }
    expect(isPulseWeekOpen('2026-W48', at('2026-11-30T12:00:00Z'))).toBe(false);
    expect(isPulseWeekOpen('2026-W49', at('2026-11-30T12:00:00Z'))).toBe(true);
  });

  it('publishes a pulse week at the instant its window closes (Monday noon UTC), not a millisecond before', () => {
    expect(lastPublishedPulseWeek(at('2026-11-26T12:00:00Z'))).toBe('2026-W47'); // Thursday of W48
    expect(lastPublishedPulseWeek(at('2026-11-29T23:59:59.999Z'))).toBe('2026-W47'); // Sunday night
    expect(lastPublishedPulseWeek(at('2026-11-30T00:00:00Z'))).toBe('2026-W47'); // Monday morning: W48 still open
    expect(lastPublishedPulseWeek(at('2026-11-30T11:59:59.999Z'))).toBe('2026-W47');
    expect(lastPublishedPulseWeek(at('2026-11-30T12:00:00Z'))).toBe('2026-W48'); // Monday noon
    expect(lastPublishedPulseWeek(at('2026-12-06T23:59:59.999Z'))).toBe('2026-W48');
    expect(lastPublishedPulseWeek(at('2026-12-07T11:59:59.999Z'))).toBe('2026-W48');
    expect(lastPublishedPulseWeek(at('2026-12-07T12:00:00Z'))).toBe('2026-W49');
    expect(isPulseWeekPublished('2026-W48', at('2026-11-30T11:59:59.999Z'))).toBe(false);
    expect(isPulseWeekPublished('2026-W48', at('2026-11-30T12:00:00Z'))).toBe(true);
    expect(isPulseWeekPublished('2026-W40', at('2026-11-30T12:00:00Z'))).toBe(true);
  });

  it('handles the turn of the year: 2026 has a week 53 (28 Dec 2026 .. 3 Jan 2027)', () => {
    expect(isWeekId('2026-W53')).toBe(true);
    expect(isoWeekOf(at('2026-12-27T23:59:59Z'))).toBe('2026-W52');
    expect(isoWeekOf(at('2026-12-28T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(at('2026-12-31T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(at('2027-01-03T23:59:59Z'))).toBe('2026-W53');
    expect(isoWeekOf(at('2027-01-04T00:00:00Z'))).toBe('2027-W01');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(isWeekId('2027-W53')).toBe(false);

    expect(iso(pulseWindow('2026-W53'))).toEqual({
      opens: '2026-12-27T10:00:00.000Z',
      closes: '2027-01-04T12:00:00.000Z',
    });
    expect(iso(pulseWindow('2027-W01'))).toEqual({
      opens: '2027-01-03T10:00:00.000Z',
      closes: '2027-01-11T12:00:00.000Z',
    });
    expect(lastPublishedPulseWeek(at('2027-01-01T12:00:00Z'))).toBe('2026-W52');
    expect(lastPublishedPulseWeek(at('2027-01-04T11:59:59.999Z'))).toBe('2026-W52');
    expect(lastPublishedPulseWeek(at('2027-01-04T12:00:00Z'))).toBe('2026-W53');
    expect(lastPublishedPulseWeek(at('2027-01-11T12:00:00Z'))).toBe('2027-W01');
    // Week ids compare as strings across the year boundary.
    expect(isPulseWeekPublished('2026-W53', at('2027-01-11T12:00:00Z'))).toBe(true);
    expect(isPulseWeekPublished('2027-W01', at('2027-01-04T12:00:00Z'))).toBe(false);
    expect(isPulseWeekOpen('2027-W01', at('2027-01-04T11:00:00Z'))).toBe(true);
    expect(isPulseWeekOpen('2026-W53', at('2027-01-04T11:00:00Z'))).toBe(true);
  });

  it('takes shares of a finished week during the week after it, and publishes them when that closes', () => {
    expect(iso(shareWindow('2026-W47'))).toEqual(iso(pulseWindow('2026-W48')));
    expect(iso(shareWindow('2026-W47'))).toEqual({
      opens: '2026-11-22T10:00:00.000Z',
      closes: '2026-11-30T12:00:00.000Z',
    });
    const thursdayW48 = at('2026-11-26T12:00:00Z');
    expect(isShareWeekOpen('2026-W47', thursdayW48)).toBe(true); // last week
    expect(isShareWeekOpen('2026-W48', thursdayW48)).toBe(false); // this week is not finished
    expect(isShareWeekOpen('2026-W46', thursdayW48)).toBe(false); // two weeks ago: closed and published
    expect(isShareWeekOpen('2026-W47', at('2026-11-22T09:59:59.999Z'))).toBe(false);
    expect(isShareWeekOpen('2026-W47', at('2026-11-22T10:00:00Z'))).toBe(true);
    expect(isShareWeekOpen('2026-W47', at('2026-11-30T11:59:59.999Z'))).toBe(true);
    expect(isShareWeekOpen('2026-W47', at('2026-11-30T12:00:00Z'))).toBe(false);

    expect(lastPublishedShareWeek(thursdayW48)).toBe('2026-W46');
    expect(lastPublishedShareWeek(at('2026-11-30T11:59:59.999Z'))).toBe('2026-W46');
    expect(lastPublishedShareWeek(at('2026-11-30T12:00:00Z'))).toBe('2026-W47');
    expect(isShareWeekPublished('2026-W47', at('2026-11-30T11:59:59.999Z'))).toBe(false);
    expect(isShareWeekPublished('2026-W47', at('2026-11-30T12:00:00Z'))).toBe(true);
    // Year boundary: week 53 is shared during 2027-W01.
    expect(iso(shareWindow('2026-W53'))).toEqual({
      opens: '2027-01-03T10:00:00.000Z',
      closes: '2027-01-11T12:00:00.000Z',
    });
    expect(lastPublishedShareWeek(at('2027-01-11T11:59:59.999Z'))).toBe('2026-W52');
    expect(lastPublishedShareWeek(at('2027-01-11T12:00:00Z'))).toBe('2026-W53');
  });

  it('never has a week both open and published, and publishes exactly the weeks whose window has closed (hourly sweep over the year end)', () => {
    const start = Date.parse('2026-11-01T00:00:00Z');
    const end = Date.parse('2027-02-01T00:00:00Z');
    // Every hour, plus the millisecond either side of each Monday noon (the closing instants).
    const instants: number[] = [];
    for (let t = start; t < end; t += 3_600_000) instants.push(t);
    for (let t = Date.parse('2026-11-02T12:00:00Z'); t < end; t += 7 * 86_400_000) instants.push(t - 1, t + 1);
    for (const t of instants) {
      const now = new Date(t);
      const label = now.toISOString();
      const pulse = lastPublishedPulseWeek(now);
      expect(pulseWindow(pulse).closes.getTime(), label).toBeLessThanOrEqual(t);
      expect(pulseWindow(addWeeks(pulse, 1)).closes.getTime(), label).toBeGreaterThan(t);
      const share = lastPublishedShareWeek(now);
      expect(shareWindow(share).closes.getTime(), label).toBeLessThanOrEqual(t);
      expect(shareWindow(addWeeks(share, 1)).closes.getTime(), label).toBeGreaterThan(t);
      for (let d = -3; d <= 2; d++) {
        const week = addWeeks(isoWeekOf(now), d);
        expect(isPulseWeekOpen(week, now) && isPulseWeekPublished(week, now), `${label} pulse ${week}`).toBe(false);
        expect(isShareWeekOpen(week, now) && isShareWeekPublished(week, now), `${label} share ${week}`).toBe(false);
      }
      // The current week (in UTC) always takes answers; the week being shared is always last week.
      expect(isPulseWeekOpen(isoWeekOf(now), now), label).toBe(true);
      expect(isShareWeekOpen(addWeeks(isoWeekOf(now), -1), now), label).toBe(true);
    }
  });
});
