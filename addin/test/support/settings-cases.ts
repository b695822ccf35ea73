/** Settings cases for core's validation: each invalid one with the message (or the path) it must produce. */
export const VALID_SETTINGS = {
  timeZone: 'Europe/Berlin',
  workingHours: { start: '09:00', end: '17:00', days: [5, 1, 2, 3, 4, 1] },
};
const valid = VALID_SETTINGS;

export const INVALID_SETTINGS: Array<[name: string, input: unknown, expected: string]> = [
  ['an unknown zone', { ...valid, timeZone: 'Mars/Olympus' }, 'timeZone: is not an IANA time zone this runtime knows'],
  [
    'end before start',
    { ...valid, workingHours: { ...valid.workingHours, start: '18:00' } },
    'workingHours.end: must be after start',
  ],
  [
    'a bad clock time',
    { ...valid, workingHours: { ...valid.workingHours, start: '9:00' } },
    'workingHours.start: must be a time HH:mm',
  ],
  ['24:00 as a start', { ...valid, workingHours: { ...valid.workingHours, start: '24:00' } }, 'workingHours.start'],
  ['a weekday 8', { ...valid, workingHours: { ...valid.workingHours, days: [1, 8] } }, 'workingHours.days.1'],
  ['a fractional weekday', { ...valid, workingHours: { ...valid.workingHours, days: [1.5] } }, 'workingHours.days.0'],
  [
    'eight weekdays',
    { ...valid, workingHours: { ...valid.workingHours, days: [1, 2, 3, 4, 5, 6, 7, 1] } },
    'workingHours.days',
  ],
  ['an unknown key', { ...valid, colour: 'blue' }, 'Unrecognized key'],
  ['an unknown threshold', { ...valid, thresholds: { longMeetingMinute: 50 } }, 'thresholds'],
  [
    'a zero long-meeting threshold',
    { ...valid, thresholds: { longMeetingMinutes: 0 } },
    'thresholds.longMeetingMinutes',
  ],
  ['an infinite threshold', { ...valid, thresholds: { focusBlockMinutes: Infinity } }, 'thresholds.focusBlockMinutes'],
  ['a negative gap', { ...valid, thresholds: { backToBackGapMinutes: -1 } }, 'thresholds.backToBackGapMinutes'],
  [
    'a fractional attendee limit',
    { ...valid, thresholds: { largeMeetingAttendees: 8.5 } },
    'thresholds.largeMeetingAttendees',
  ],
  ['a string for a boolean', { ...valid, countTentative: 'yes' }, 'countTentative'],
  ['no working hours', { timeZone: 'UTC' }, 'workingHours'],
  ['not an object', 'Europe/Berlin', ''],
];
