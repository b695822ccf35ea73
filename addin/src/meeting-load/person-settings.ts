import type { MeetingLoadSettingsInput } from '@humandebt/core';

/**
 * The person's meeting-load settings: their zone and the default working hours (09:00–17:00, Monday to Friday) with
 * the default thresholds (docs/measurement.md). Their own working hours would need Graph's mailboxSettings (more
 * than Calendars.ReadBasic); the pane says which hours it used.
 */
export function defaultSettings(timeZone: string): MeetingLoadSettingsInput {
  return { timeZone, workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] } };
}
