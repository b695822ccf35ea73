import { z } from 'zod';
import { ValidationError } from '../errors';
import { isValidTimeZone, parseClockTime } from './time-zone';
import type { MeetingLoadSettings, MeetingLoadSettingsInput, MeetingLoadThresholds } from './types';

/** DESIGN §4 defaults; every one can be overridden per tenant. */
export const DEFAULT_THRESHOLDS: Readonly<MeetingLoadThresholds> = Object.freeze({
  longMeetingMinutes: 60,
  largeMeetingAttendees: 8,
  focusBlockMinutes: 120,
  lowFocusHoursPerWeek: 10,
  backToBackGapMinutes: 10,
  afterHoursHoursPerWeek: 1,
});

const clockTime = (allow24: boolean) =>
  z.string().refine((v) => parseClockTime(v, allow24) !== undefined, {
    message: allow24 ? 'must be a time HH:mm between 00:00 and 24:00' : 'must be a time HH:mm between 00:00 and 23:59',
  });

export const MeetingLoadThresholdsSchema = z
  .object({
    longMeetingMinutes: z.number().finite().positive(),
    largeMeetingAttendees: z.number().int().min(1),
    focusBlockMinutes: z.number().finite().positive(),
    lowFocusHoursPerWeek: z.number().finite().min(0),
    backToBackGapMinutes: z.number().finite().min(0),
    afterHoursHoursPerWeek: z.number().finite().min(0),
  })
  .strict();

export const WorkingHoursSchema = z
  .object({
    start: clockTime(false),
    end: clockTime(true),
    days: z.array(z.number().int().min(1).max(7)).max(7),
  })
  .superRefine((wh, ctx) => {
    const start = parseClockTime(wh.start);
    const end = parseClockTime(wh.end, true);
    if (start !== undefined && end !== undefined && end <= start) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message: 'must be after start (working hours that cross midnight are not supported)',
      });
    }
  });

export const MeetingLoadSettingsSchema = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, { message: 'is not an IANA time zone this runtime knows' }),
    workingHours: WorkingHoursSchema,
    countTentative: z.boolean().optional(),
    thresholds: MeetingLoadThresholdsSchema.partial().optional(),
  })
  .strict();

export type SettingsValidation = { ok: true; settings: MeetingLoadSettings } | { ok: false; errors: string[] };

/** Validates settings and fills defaults. Errors read like "workingHours.end: must be after start …". */
export function validateMeetingLoadSettings(input: unknown): SettingsValidation {
  const parsed = MeetingLoadSettingsSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const path = issue.path.map(String).join('.');
        return path ? `${path}: ${issue.message}` : issue.message;
      }),
    };
  }
  const s = parsed.data;
  const days = [...new Set(s.workingHours.days)].sort((a, b) => a - b);
  return {
    ok: true,
    settings: {
      timeZone: s.timeZone,
      workingHours: { start: s.workingHours.start, end: s.workingHours.end, days },
      countTentative: s.countTentative ?? true,
      thresholds: { ...DEFAULT_THRESHOLDS, ...stripUndefined(s.thresholds ?? {}) },
    },
  };
}

/**
 * Settings for an analysis. Invalid settings are a configuration error (tenant settings are validated when they are
 * saved), so this throws a ValidationError with the details — unlike invalid calendar events, which are skipped.
 */
export function resolveMeetingLoadSettings(input: MeetingLoadSettingsInput | MeetingLoadSettings): MeetingLoadSettings {
  const result = validateMeetingLoadSettings(input);
  if (!result.ok) throw new ValidationError('Meeting-load settings are not valid.', result.errors);
  return result.settings;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
