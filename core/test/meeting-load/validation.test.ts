import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';
import { analyzeMeetingLoad, DEFAULT_THRESHOLDS, validateMeetingLoadSettings } from '../../src/meeting-load/index';
import { BERLIN, day, meeting } from './fixtures';

describe('meeting-load input validation', () => {
  it('skips and reports bad events without throwing, and analyses the rest', () => {
    const good = meeting('2026-03-30T09:00:00', '2026-03-30T10:00:00', { id: 'good' });
    const events: unknown[] = [
      good,
      meeting('not a date', '2026-03-30T10:00:00', { id: 'bad-date' }),
      meeting('2026-02-30T09:00:00Z', '2026-03-01T10:00:00Z', { id: 'feb-30' }),
      meeting('2026-03-30T11:00:00', '2026-03-30T10:00:00', { id: 'backwards' }),
      meeting('2026-03-30T11:00:00', '2026-03-30T12:00:00', { id: 'mars', timeZone: 'Mars/Olympus_Mons' }),
      meeting('2026-03-30T11:00:00', '2026-03-30T12:00:00', { id: 'status', showAs: 'maybe' as never }),
      meeting('2026-03-30T11:00:00', '2026-03-30T12:00:00', { id: 'people', attendeeCount: -1 }),
      { ...meeting('2026-03-30T11:00:00', '2026-03-30T12:00:00'), id: '' },
      { ...meeting('2026-03-30T11:00:00', '2026-03-30T12:00:00', { id: 'no-end' }), end: undefined },
      meeting('2026-03-30T25:00:00', '2026-03-30T26:00:00', { id: 'hour-25' }),
      meeting('2026-03-30T09:00:00+25:00', '2026-03-30T10:00:00Z', { id: 'offset' }),
      null,
      42,
      { ...good }, // the same event twice (same id, same start): counted once
    ];
    const r = analyzeMeetingLoad(events, BERLIN);
    expect(r.countedMeetings).toBe(1);
    expect(day(r, '2026-03-30').meetingMinutes).toBe(60);
    const byIndex = r.errors.map((e) => [e.index, e.code, e.field]);
    expect(byIndex).toEqual([
      [1, 'invalid_date', 'start'],
      [2, 'invalid_date', 'start'],
      [3, 'end_before_start', 'end'],
      [4, 'unknown_time_zone', 'timeZone'],
      [5, 'invalid_field', 'showAs'],
      [6, 'invalid_field', 'attendeeCount'],
      [7, 'invalid_field', 'id'],
      [8, 'missing_field', 'end'],
      [9, 'invalid_date', 'start'],
      [9, 'invalid_date', 'end'],
      [10, 'invalid_date', 'start'],
      [11, 'not_an_object', undefined],
      [12, 'not_an_object', undefined],
      [13, 'duplicate_id', 'id'],
    ]);
    const backwards = r.errors.find((e) => e.code === 'end_before_start')!;
    expect(backwards.id).toBe('backwards');
    expect(backwards.message).toBe(
      'Event "backwards" (#3): end 2026-03-30T10:00:00 is before start 2026-03-30T11:00:00.',
    );
    expect(r.errors.find((e) => e.code === 'unknown_time_zone')!.message).toContain('"Mars/Olympus_Mons"');
  });

  it('accepts the date-time shapes Graph and Office.js produce', () => {
    const r = analyzeMeetingLoad(
      [
        meeting('2026-03-30T09:00:00.0000000', '2026-03-30T09:30:00.0000000'), // Graph dateTime + zone
        meeting('2026-03-30T08:00:00.000Z', '2026-03-30T08:30:00.000Z'), // toISOString()
        meeting('2026-03-30T12:00+0200', '2026-03-30T12:30+02'), // compact offsets
        meeting('2026-03-30 13:00:00', '2026-03-30 13:30:00'), // space separator
      ],
      BERLIN,
    );
    expect(r.errors).toEqual([]);
    expect(day(r, '2026-03-30').meetingMinutes).toBe(120);
  });

  it('tolerates missing optional flags (defaults: not all-day, not recurring, no attendees)', () => {
    const r = analyzeMeetingLoad(
      [
        {
          id: 'x',
          start: '2026-03-30T09:00:00',
          end: '2026-03-30T10:00:00',
          timeZone: 'Europe/Berlin',
          showAs: 'busy',
          responseStatus: 'none',
        },
      ],
      BERLIN,
    );
    expect(r.errors).toEqual([]);
    expect(day(r, '2026-03-30').meetings).toBe(1);
    expect(day(r, '2026-03-30').largeMeetings).toBe(0);
  });

  it('validates settings with readable errors and fills defaults', () => {
    const ok = validateMeetingLoadSettings({
      timeZone: 'Europe/Berlin',
      workingHours: { start: '08:30', end: '24:00', days: [5, 1, 1, 2] },
      thresholds: { focusBlockMinutes: 90 },
    });
    expect(ok).toEqual({
      ok: true,
      settings: {
        timeZone: 'Europe/Berlin',
        workingHours: { start: '08:30', end: '24:00', days: [1, 2, 5] },
        countTentative: true,
        thresholds: { ...DEFAULT_THRESHOLDS, focusBlockMinutes: 90 },
      },
    });
    expect(DEFAULT_THRESHOLDS).toEqual({
      longMeetingMinutes: 60,
      largeMeetingAttendees: 8,
      focusBlockMinutes: 120,
      lowFocusHoursPerWeek: 10,
      backToBackGapMinutes: 10,
      afterHoursHoursPerWeek: 1,
    });

    const bad = validateMeetingLoadSettings({
      timeZone: 'Europe/Atlantis',
      workingHours: { start: '9:00', end: '08:00', days: [0, 8] },
      countTentative: 'yes',
      thresholds: { longMeetingMinutes: -5, largeMeetingAttendees: 2.5, colour: 'red' },
    });
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors;
    expect(errors).toContain('timeZone: is not an IANA time zone this runtime knows');
    expect(errors).toContain('workingHours.start: must be a time HH:mm between 00:00 and 23:59');
    expect(errors.some((e) => e.startsWith('workingHours.days.0:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('workingHours.days.1:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('countTentative:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('thresholds.longMeetingMinutes:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('thresholds.largeMeetingAttendees:'))).toBe(true);
    expect(errors.some((e) => e.includes('colour'))).toBe(true);

    const backwards = validateMeetingLoadSettings({
      ...BERLIN,
      workingHours: { start: '17:00', end: '09:00', days: [1] },
    });
    expect(backwards).toEqual({
      ok: false,
      errors: ['workingHours.end: must be after start (working hours that cross midnight are not supported)'],
    });
  });

  it('throws a ValidationError (with details) for invalid settings or range, never for bad events', () => {
    expect(() => analyzeMeetingLoad([], { ...BERLIN, timeZone: 'Nowhere/Land' })).toThrow(ValidationError);
    try {
      analyzeMeetingLoad([], { ...BERLIN, timeZone: 'Nowhere/Land' });
    } catch (e) {
      expect((e as ValidationError).details).toEqual(['timeZone: is not an IANA time zone this runtime knows']);
    }
    expect(() => analyzeMeetingLoad([], BERLIN, { from: '2026-04-10', to: '2026-04-01' })).toThrow(ValidationError);
    expect(() => analyzeMeetingLoad([], BERLIN, { from: '2026-13-01' })).toThrow(ValidationError);
    expect(() => analyzeMeetingLoad([undefined, 'x', [], {}], BERLIN)).not.toThrow();
  });
});

describe('meeting-load input validation: not even a list', () => {
  it('reports a calendar that is not an array instead of throwing', () => {
    const r = analyzeMeetingLoad({ events: [] } as unknown as unknown[], BERLIN);
    expect(r.days).toEqual([]);
    expect(r.errors).toEqual([{ index: -1, code: 'not_an_object', message: 'The calendar is not a list of events.' }]);
  });
});
