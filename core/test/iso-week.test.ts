import { describe, expect, it } from 'vitest';
import { addWeeks, isoWeekOf, isWeekId, weekStart } from '../src/time/iso-week';

describe('ISO weeks', () => {
  it('puts year boundaries in the right ISO year', () => {
    expect(isoWeekOf(new Date('2026-01-01T12:00:00Z'))).toBe('2026-W01'); // Thursday
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53'); // Friday of 2026's week 53
    expect(isoWeekOf(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(isoWeekOf(new Date('2026-11-26T19:00:00Z'))).toBe('2026-W48');
  });
  it('round-trips week starts and adds weeks across years', () => {
    expect(weekStart('2026-W48').toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(addWeeks('2026-W52', 2)).toBe('2027-W01');
    expect(addWeeks('2026-W02', -3)).toBe('2025-W51');
  });
  it('validates week ids', () => {
    expect(isWeekId('2026-W53')).toBe(true);
    expect(isWeekId('2025-W53')).toBe(false);
    expect(isWeekId('2026-W00')).toBe(false);
    expect(isWeekId('2026-48')).toBe(false);
  });
});
