import type { WorkingHours } from '../store/documents';

/**
 * Public shapes of the meeting-load engine. Everything here is personal data of one person and stays on that
 * person's device (docs/data-model.md); only `ShareableWeek` (numbers, no times) ever leaves it.
 */

export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';
export type ResponseStatus = 'none' | 'organizer' | 'accepted' | 'tentativelyAccepted' | 'declined' | 'notResponded';

/**
 * One calendar event as the add-in reads it (Graph calendarView / Office.js), without title, body or attendees.
 *
 * `start` / `end` are ISO-8601: either an instant (`…Z` or `…+02:00`) or a wall-clock time without offset
 * (`2026-03-29T09:00:00`, `2026-03-29`), which is read in the event's own `timeZone`. Seconds are the finest unit;
 * fractions of a second are dropped.
 */
export interface CalendarEvent {
  id: string;
  start: string;
  end: string;
  /** IANA zone of the event itself; may differ from the person's. */
  timeZone: string;
  showAs: ShowAs;
  responseStatus: ResponseStatus;
  /** Defaults to false when missing. */
  isAllDay?: boolean;
  /** Defaults to false when missing. */
  isOrganizer?: boolean;
  /** Number of attendees as the calendar reports it. Defaults to 0 when missing. */
  attendeeCount?: number;
  /** Defaults to false when missing. */
  isRecurring?: boolean;
  /** Defaults to false when missing. */
  isOnline?: boolean;
}

export interface MeetingLoadThresholds {
  /** A meeting longer than this (strictly) is "long". */
  longMeetingMinutes: number;
  /** A meeting with more attendees than this (strictly) is "large". */
  largeMeetingAttendees: number;
  /** A free stretch inside working hours at least this long is a focus block. */
  focusBlockMinutes: number;
  /** A week with less focus time than this (strictly) has "low focus". */
  lowFocusHoursPerWeek: number;
  /** Two meetings with a gap strictly shorter than this are back-to-back. */
  backToBackGapMinutes: number;
  /** A week with more meeting time outside working hours than this (strictly) is flagged. */
  afterHoursHoursPerWeek: number;
}

/** What a tenant (or a person) may configure; thresholds not given fall back to DEFAULT_THRESHOLDS. */
export interface MeetingLoadSettingsInput {
  /** The person's IANA zone: days, weeks and working hours are computed in it. */
  timeZone: string;
  workingHours: WorkingHours;
  /** Count tentative meetings as meeting time. Defaults to true. */
  countTentative?: boolean;
  thresholds?: Partial<MeetingLoadThresholds>;
}

/** Settings after validation: every field present. */
export interface MeetingLoadSettings {
  timeZone: string;
  workingHours: WorkingHours;
  countTentative: boolean;
  thresholds: MeetingLoadThresholds;
}

export interface AnalysisOptions {
  /** First local date (YYYY-MM-DD, inclusive). Default: the Monday of the week of the earliest event. */
  from?: string;
  /** Last local date (YYYY-MM-DD, inclusive). Default: the Sunday of the week of the latest event. */
  to?: string;
}

export type EventErrorCode =
  | 'not_an_object'
  | 'missing_field'
  | 'invalid_field'
  | 'invalid_date'
  | 'unknown_time_zone'
  | 'end_before_start'
  | 'duplicate_id';

/** Why one event was skipped. The analysis carries on without it. */
export interface EventError {
  /** Position in the input array. */
  index: number;
  /** The event's id when it had a usable one. */
  id?: string;
  field?: string;
  code: EventErrorCode;
  message: string;
}

/** Valid events that are not counted as meeting time, by reason. */
export interface ExcludedCounts {
  declined: number;
  free: number;
  workingElsewhere: number;
  /** Tentative events while `countTentative` is false. */
  tentative: number;
  /** All-day events that are not out-of-office (holidays, birthdays, reminders). */
  allDay: number;
  /** All-day out-of-office events (they mark whole days as not working). */
  allDayOutOfOffice: number;
  /** Timed out-of-office events (they remove that time from working time). */
  outOfOffice: number;
}

export interface FocusBlock {
  /** Local ISO time with the person's offset, e.g. 2026-03-30T09:00:00+02:00. */
  start: string;
  end: string;
  minutes: number;
}

export interface BackToBackFigures {
  /** Chains of two or more meetings where each next meeting starts less than the gap after the chain so far. */
  chains: number;
  /** Meetings that are part of some chain. */
  meetingsInChains: number;
  /** Meetings in the longest chain. */
  longestChainMeetings: number;
  /** Span of the longest chain (first start to last end), minutes. */
  longestChainMinutes: number;
  /** Sum of all chain spans, minutes: time spent without a break of at least the gap. */
  minutes: number;
}

export interface ConflictFigures {
  /** Meetings that overlap at least one other meeting (touching end-to-start is not an overlap). */
  meetings: number;
  /** conflicts.meetings / meetings (0 when there are no meetings). */
  share: number;
  /** Time covered by two or more meetings at once, minutes. */
  minutes: number;
}

/** Shared by days and weeks. Counts of meetings are attributed to the local day the meeting starts on. */
export interface LoadFigures {
  /** Working time left after timed out-of-office, minutes (0 on non-working and out-of-office days). */
  workingMinutes: number;
  /** Meeting occurrences (zero-length ones included). */
  meetings: number;
  /** Union of meeting time (overlaps counted once), minutes. */
  meetingMinutes: number;
  meetingHours: number;
  /** Union of meeting time inside working time, minutes. */
  meetingMinutesInWorkingHours: number;
  /** meetingMinutesInWorkingHours / workingMinutes (0 when there is no working time). */
  workingTimeShare: number;
  /** Union of meeting time outside working hours or on non-working days, minutes (0 on out-of-office days). */
  afterHoursMinutes: number;
  afterHoursHours: number;
  focusBlockCount: number;
  focusMinutes: number;
  focusHours: number;
  backToBack: BackToBackFigures;
  conflicts: ConflictFigures;
  longMeetings: number;
  largeMeetings: number;
  recurringMeetings: number;
  /** recurringMeetings / meetings (0 when there are no meetings). */
  recurringShare: number;
  onlineMeetings: number;
  tentativeMeetings: number;
  zeroLengthMeetings: number;
}

export interface DayFigures extends LoadFigures {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** ISO week of the local date, e.g. 2026-W14. */
  week: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Length of the local day: 1440, or 1380 / 1500 on DST change days. */
  dayMinutes: number;
  /** A scheduled working weekday that is not an all-day out-of-office day. */
  isWorkingDay: boolean;
  /** Covered by an all-day out-of-office event. */
  isOutOfOffice: boolean;
  focusBlocks: FocusBlock[];
}

export interface WeekFigures extends LoadFigures {
  /** ISO week id, e.g. 2026-W14. */
  week: string;
  /** First and last local date of this week that lie in the analysed range. */
  from: string;
  to: string;
  /** Days of this week inside the analysed range (7 when complete). */
  days: number;
  complete: boolean;
  /** Focus hours below the threshold; only judged on complete weeks. */
  lowFocus: boolean;
  /** After-hours meeting time above the weekly threshold. */
  afterHoursOverThreshold: boolean;
}

export interface MeetingLoadReport {
  timeZone: string;
  /** Analysed local date range, inclusive. Empty strings when there was nothing to analyse. */
  from: string;
  to: string;
  /** True when the default range was longer than MAX_ANALYSIS_DAYS and only the latest days were kept. */
  truncated: boolean;
  days: DayFigures[];
  weeks: WeekFigures[];
  /** Events skipped as invalid, with reasons. */
  errors: EventError[];
  /** Valid events counted as meetings (zero-length included). */
  countedMeetings: number;
  excluded: ExcludedCounts;
}
