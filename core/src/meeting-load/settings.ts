import * as z from 'zod/mini';
import { ValidationError } from '../errors';
import { isValidTimeZone, parseClockTime } from './time-zone';
import type { MeetingLoadSettings, MeetingLoadSettingsInput, MeetingLoadThresholds } from './types';

/** Defaults (docs/measurement.md); every one can be overridden in the settings. */
export const DEFAULT_THRESHOLDS: Readonly<MeetingLoadThresholds> = Object.freeze({
  longMeetingMinutes: 60,
  largeMeetingAttendees: 8,
  focusBlockMinutes: 120,
  lowFocusHoursPerWeek: 10,
  backToBackGapMinutes: 10,
  afterHoursHoursPerWeek: 1,
});

/*
 * zod/mini (as the API contracts): the add-in validates settings in the task pane and in its event handlers, where
 * classic zod cost ~25 ms of page load and most of the handler bundle's budget. mini carries no message locale, so
 * every rule here says its own message: they reach people ("workingHours.end: must be after start …").
 */

/** Messages for what a schema refuses on its own: a wrong type, or (objects) a key it does not know. */
function says(message: string) {
  return {
    error: (issue: { code?: string; keys?: readonly string[] }) =>
      issue.code === 'unrecognized_keys' && issue.keys
        ? `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : message,
  };
}

const clockTime = (allow24: boolean) => {
  const message = allow24
    ? 'must be a time HH:mm between 00:00 and 24:00'
    : 'must be a time HH:mm between 00:00 and 23:59';
  return z.string(says(message)).check(z.refine((v) => parseClockTime(v, allow24) !== undefined, { message }));
};

const positive = z.number(says('must be a finite number')).check(z.positive({ message: 'must be greater than 0' }));
const atLeastZero = z.number(says('must be a finite number')).check(z.gte(0, { message: 'must be 0 or more' }));

export const MeetingLoadThresholdsSchema = z.strictObject(
  {
    longMeetingMinutes: positive,
    largeMeetingAttendees: z.int(says('must be a whole number')).check(z.gte(1, { message: 'must be 1 or more' })),
    focusBlockMinutes: positive,
    lowFocusHoursPerWeek: atLeastZero,
    backToBackGapMinutes: atLeastZero,
    afterHoursHoursPerWeek: atLeastZero,
  },
  says('must be an object of thresholds'),
);

export const WorkingHoursSchema = z
  .strictObject(
    {
      start: clockTime(false),
      end: clockTime(true),
      days: z
        .array(
          z
            .int(says('must be a weekday number, 1 (Monday) to 7 (Sunday)'))
            .check(
              z.gte(1, { message: 'must be a weekday number, 1 (Monday) to 7 (Sunday)' }),
              z.lte(7, { message: 'must be a weekday number, 1 (Monday) to 7 (Sunday)' }),
            ),
          says('must be a list of weekday numbers'),
        )
        .check(z.maxLength(7, { message: 'must list at most 7 days' })),
    },
    says('must be an object with start, end and days'),
  )
  .check(
    z.superRefine((wh, ctx) => {
      const start = parseClockTime(wh.start);
      const end = parseClockTime(wh.end, true);
      if (start !== undefined && end !== undefined && end <= start) {
        ctx.addIssue({
          code: 'custom',
          path: ['end'],
          message: 'must be after start (working hours that cross midnight are not supported)',
        });
      }
    }),
  );

export const MeetingLoadSettingsSchema = z.strictObject(
  {
    timeZone: z
      .string(says('must be an IANA time zone name'))
      .check(z.refine(isValidTimeZone, { message: 'is not an IANA time zone this runtime knows' })),
    workingHours: WorkingHoursSchema,
    countTentative: z.optional(z.boolean(says('must be true or false'))),
    thresholds: z.optional(z.partial(MeetingLoadThresholdsSchema)),
  },
  says('must be an object'),
);

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
