import type { CalendarEvent, MeetingLoadSettingsInput, Suggestion, ViolationCode } from '@humandebt/core';
import type { CalendarData } from '../calendar/calendar-source';
import { eventInstant, localDateOf } from '../calendar/local-week';
import { evaluateMeeting, type LabelledViolation, type TeamAgreement } from './appointment-impact';
import type { WeekView } from './load-model';

/**
 * Nudges for a week: for each meeting still ahead, the engine's what-if of that meeting against the rest of the
 * calendar, the thresholds and the team's agreements; its most pressing broken rule and the engine's concrete
 * suggestion (shorten to 25/50, make it asynchronous, a new time, protect a focus block, decline with a note). Plus one
 * week-level nudge to protect a focus block when the week is short of focus time.
 */

export interface Nudge {
  key: string;
  eventId?: string;
  /** Local date of the meeting (or of the focus block). */
  date: string;
  start: number;
  end: number;
  title?: string;
  code: ViolationCode | 'protect-focus';
  ruleName: string;
  problem: string;
  suggestion: Suggestion;
}

/**
 * Most pressing first: what cannot work (double booked, away), a week short of focus time (the one nudge that adds
 * something rather than removing it), then the team's word, then the strain thresholds.
 */
const PRIORITY: readonly (ViolationCode | 'protect-focus')[] = [
  'conflict',
  'out-of-office',
  'protect-focus',
  'after-hours',
  'no-meetings-after',
  'no-meetings-before',
  'focus-day',
  'max-attendees',
  'default-duration',
  'last-focus-block',
  'long-meeting',
  'large-meeting',
  'back-to-back',
  'low-weekly-focus',
];

const rank = (code: string): number => {
  const i = PRIORITY.indexOf(code as ViolationCode);
  return i < 0 ? PRIORITY.length : i;
};

function isCountedMeeting(event: CalendarEvent): boolean {
  return (
    !event.isAllDay && event.responseStatus !== 'declined' && (event.showAs === 'busy' || event.showAs === 'tentative')
  );
}

export interface NudgeInput {
  data: CalendarData;
  week: WeekView;
  settings: MeetingLoadSettingsInput;
  agreements: readonly TeamAgreement[];
  now: Date;
}

export function computeNudges({ data, week, settings, agreements, now }: NudgeInput): Nudge[] {
  const zone = settings.timeZone;
  const nowMs = now.getTime();
  const nudges: Nudge[] = [];
  // One back-to-back or conflict nudge per day: every meeting of a chain would otherwise say the same.
  const perDay = new Set<string>();
  for (const event of data.events) {
    if (!isCountedMeeting(event)) continue;
    const start = eventInstant(event.start, event.timeZone || zone);
    const end = eventInstant(event.end, event.timeZone || zone);
    if (!(start >= nowMs) || !(end > start)) continue;
    const date = localDateOf(new Date(start), zone);
    if (date < week.week.from || date > week.week.to) continue;
    const impact = evaluateMeeting(
      {
        id: event.id,
        start: new Date(start),
        end: new Date(end),
        attendeeCount: event.attendeeCount ?? 0,
        isOrganizer: event.isOrganizer === true || event.responseStatus === 'organizer',
        isRecurring: event.isRecurring === true,
        isOnline: event.isOnline === true,
      },
      data.events,
      agreements,
      settings,
      now,
    );
    const top = [...impact.violations].sort((a, b) => rank(a.code) - rank(b.code))[0] as LabelledViolation | undefined;
    if (!top) continue;
    if (top.code === 'back-to-back' || top.code === 'conflict') {
      const key = `${date}:${top.code}`;
      if (perDay.has(key)) continue;
      perDay.add(key);
    }
    const title = data.titles.get(event.id);
    nudges.push({
      key: `${event.id}:${top.code}`,
      eventId: event.id,
      date,
      start,
      end,
      ...(title ? { title } : {}),
      code: top.code,
      ruleName: top.name,
      problem: top.message,
      suggestion: top.suggestion,
    });
  }

  const focus = protectFocusNudge(week, settings, nowMs);
  if (focus) nudges.push(focus);
  return nudges.sort((a, b) => rank(a.code) - rank(b.code) || a.start - b.start);
}

/** When the week is short of focus time: the longest free block still ahead, to book before it fills up. */
function protectFocusNudge(week: WeekView, settings: MeetingLoadSettingsInput, nowMs: number): Nudge | undefined {
  const threshold = settings.thresholds?.lowFocusHoursPerWeek ?? 10;
  if (week.figures.focusHours >= threshold) return undefined;
  let best: { date: string; start: number; end: number } | undefined;
  for (const day of week.days) {
    for (const block of day.figures.focusBlocks) {
      const start = Math.max(Date.parse(block.start), nowMs);
      const end = Date.parse(block.end);
      if (end - start < (settings.thresholds?.focusBlockMinutes ?? 120) * 60_000) continue;
      if (!best || end - start > best.end - best.start) best = { date: day.date, start, end };
    }
  }
  const hours = (Math.round(week.figures.focusHours * 10) / 10).toFixed(1);
  const problem = `This week has ${hours} h of focus time, less than ${threshold} h.`;
  if (!best) {
    return {
      key: `${week.week.from}:protect-focus`,
      date: week.week.from,
      start: Date.parse(`${week.week.from}T00:00:00Z`),
      end: Date.parse(`${week.week.from}T00:00:00Z`),
      code: 'protect-focus',
      ruleName: 'Low focus week',
      problem,
      suggestion: {
        kind: 'make-async',
        text: 'No 2 h block is left this week: shorten a meeting or handle one asynchronously to make room for one.',
      },
    };
  }
  return {
    key: `${best.date}:protect-focus`,
    date: best.date,
    start: best.start,
    end: best.end,
    code: 'protect-focus',
    ruleName: 'Low focus week',
    problem,
    suggestion: {
      kind: 'protect-focus',
      text: 'Book this free block as focus time before it fills up.',
      start: new Date(best.start).toISOString(),
      end: new Date(best.end).toISOString(),
    },
  };
}
