import type {
  CalendarEvent,
  DayFigures,
  MeetingLoadReport,
  MeetingLoadSettingsInput,
} from '../../src/meeting-load/index';

/** Person in Berlin, 09:00–17:00 Monday to Friday, default thresholds. */
export const BERLIN: MeetingLoadSettingsInput = {
  timeZone: 'Europe/Berlin',
  workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
};

let seq = 0;

/** A busy, accepted meeting; times without offset are wall-clock in the event's zone (Berlin unless given). */
export function meeting(start: string, end: string, extra: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    id: `m${++seq}`,
    start,
    end,
    timeZone: 'Europe/Berlin',
    isAllDay: false,
    showAs: 'busy',
    isOrganizer: false,
    responseStatus: 'accepted',
    attendeeCount: 4,
    isRecurring: false,
    isOnline: true,
    ...extra,
  };
}

export function day(report: MeetingLoadReport, date: string): DayFigures {
  const d = report.days.find((x) => x.date === date);
  if (!d) throw new Error(`no figures for ${date} (range ${report.from}..${report.to})`);
  return d;
}

export function week(report: MeetingLoadReport, id: string) {
  const w = report.weeks.find((x) => x.week === id);
  if (!w) throw new Error(`no figures for ${id}`);
  return w;
}
