import { describe, expect, it, vi } from 'vitest';
import { INVALID_SETTINGS, VALID_SETTINGS } from './support/settings-cases';

// Core's settings validation, run through the stand-in the handler bundle uses instead of zod (see zod-lite.ts).
vi.mock('zod', async () => await import('../src/commands/zod-lite'));

const { validateMeetingLoadSettings, DEFAULT_THRESHOLDS } = await import('../../core/src/meeting-load/settings');
const { whatIf } = await import('../../core/src/meeting-load/what-if');

const valid = VALID_SETTINGS;

describe('core settings validation through zod-lite', () => {
  it('runs on the stand-in, not on zod', async () => {
    const zod = await import('zod');
    expect(Object.keys(zod.z).sort()).toEqual(['array', 'boolean', 'number', 'object', 'string']);
  });

  it('accepts valid settings and fills the defaults, exactly as with zod', () => {
    expect(validateMeetingLoadSettings(valid)).toEqual({
      ok: true,
      settings: {
        timeZone: 'Europe/Berlin',
        workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
        countTentative: true,
        thresholds: { ...DEFAULT_THRESHOLDS },
      },
    });
    expect(validateMeetingLoadSettings({ ...valid, countTentative: false, thresholds: { longMeetingMinutes: 45, afterHoursHoursPerWeek: 0 } })).toMatchObject({
      ok: true,
      settings: { countTentative: false, thresholds: { ...DEFAULT_THRESHOLDS, longMeetingMinutes: 45, afterHoursHoursPerWeek: 0 } },
    });
    expect(validateMeetingLoadSettings({ ...valid, workingHours: { start: '00:00', end: '24:00', days: [] } }).ok).toBe(true);
  });

  it.each(INVALID_SETTINGS)('rejects %s', (_name, input, expected) => {    const result = validateMeetingLoadSettings(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(expected);
  });

  it('lets the what-if engine run on it', () => {
    const result = whatIf([], valid, { start: '2026-11-26T13:00:00Z', end: '2026-11-26T15:00:00Z', timeZone: 'Europe/Berlin', attendeeCount: 3 }, []);
    expect(result.ok).toBe(true);
    expect(result.violations.map((v) => v.code)).toEqual(['long-meeting']);
  });
});
