import type { CalendarEvent, ResponseStatus, ShowAs } from '@humandebt/core';
import { staticCalendarSource, type CalendarData, type CalendarSource } from './calendar-source';
import { addDays, analysisWeeks, instantAt } from './local-week';

/**
 * A realistic, deterministic demo calendar for the local demo: last week (so there is a complete week to share), this
 * week and next week, relative to today and in the browser's time zone. The same day always gives the same calendar.
 *
 * What it shows on purpose: daily recurring stand-ups, weekly 1:1s, a long and large review, a back-to-back Thursday,
 * an after-hours call with another continent, a double booking, a declined and a tentative meeting, a booked focus
 * block (shown as free, so it stays focus time), and an all-day out-of-office day next Friday. Next week is heavier
 * than this one: its focus time falls below the 10 h threshold.
 */

interface Template {
  key: string;
  title: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  start: string;
  end: string;
  showAs?: ShowAs;
  response?: ResponseStatus;
  organizer?: boolean;
  attendees?: number;
  recurring?: boolean;
  online?: boolean;
  allDay?: boolean;
  /** Only in these weeks (-1 last, 0 this, 1 next); every week when missing. */
  weeks?: readonly number[];
}

const STANDUP_DAYS = [1, 2, 3, 4, 5];

const TEMPLATES: readonly Template[] = [
  ...STANDUP_DAYS.map<Template>((weekday) => ({
    key: `standup-${weekday}`,
    title: 'Team stand-up',
    weekday,
    start: '09:30',
    end: '09:45',
    attendees: 7,
    recurring: true,
    online: true,
    response: 'accepted',
  })),
  {
    key: 'one-to-one-lead',
    title: '1:1 with Sam (lead)',
    weekday: 3,
    start: '11:00',
    end: '11:30',
    attendees: 1,
    recurring: true,
    online: true,
    response: 'accepted',
  },
  {
    key: 'one-to-one-report',
    title: '1:1 with Priya',
    weekday: 1,
    start: '15:00',
    end: '15:30',
    attendees: 1,
    recurring: true,
    organizer: true,
    response: 'organizer',
  },
  {
    key: 'vendor-demo',
    title: 'Vendor demo',
    weekday: 1,
    start: '15:15',
    end: '16:00',
    attendees: 4,
    online: true,
    response: 'accepted',
    weeks: [0, 1],
  },
  {
    key: 'planning',
    title: 'Sprint planning',
    weekday: 2,
    start: '10:00',
    end: '11:30',
    attendees: 8,
    recurring: true,
    organizer: true,
    response: 'organizer',
  },
  {
    key: 'partner-sync',
    title: 'Partner sync (US west coast)',
    weekday: 2,
    start: '18:00',
    end: '19:00',
    attendees: 5,
    online: true,
    response: 'accepted',
    weeks: [0, 1],
  },
  {
    key: 'focus',
    title: 'Focus time',
    weekday: 3,
    start: '13:00',
    end: '15:00',
    showAs: 'free',
    organizer: true,
    response: 'organizer',
  },
  {
    key: 'rehearsal',
    title: 'All-hands rehearsal',
    weekday: 3,
    start: '16:00',
    end: '17:00',
    attendees: 14,
    response: 'declined',
  },
  // Thursday: four meetings in a row, then a long and large review.
  {
    key: 'design-review',
    title: 'Design review',
    weekday: 4,
    start: '10:00',
    end: '11:00',
    attendees: 6,
    organizer: true,
    response: 'organizer',
    online: true,
  },
  {
    key: 'customer-call',
    title: 'Customer call',
    weekday: 4,
    start: '11:00',
    end: '12:00',
    attendees: 4,
    online: true,
    response: 'accepted',
  },
  {
    key: 'roadmap',
    title: 'Roadmap check-in',
    weekday: 4,
    start: '12:05',
    end: '13:00',
    attendees: 5,
    response: 'accepted',
  },
  {
    key: 'lunch-sync',
    title: 'Lunch & learn',
    weekday: 4,
    start: '13:00',
    end: '13:30',
    attendees: 20,
    recurring: true,
    response: 'accepted',
  },
  {
    key: 'sprint-review',
    title: 'Sprint review',
    weekday: 4,
    start: '14:00',
    end: '16:00',
    attendees: 12,
    organizer: true,
    response: 'organizer',
    online: true,
    weeks: [-1, 1],
  },
  {
    key: 'guild',
    title: 'Architecture guild',
    weekday: 5,
    start: '10:00',
    end: '11:00',
    attendees: 9,
    showAs: 'tentative',
    response: 'tentativelyAccepted',
    recurring: true,
  },
  {
    key: 'retro',
    title: 'Team retro',
    weekday: 5,
    start: '14:00',
    end: '15:00',
    attendees: 8,
    recurring: true,
    organizer: true,
    response: 'organizer',
    weeks: [-1, 0],
  },
  // Next week is the heavy one: its focus time drops below 10 h.
  {
    key: 'quarterly',
    title: 'Quarterly planning',
    weekday: 1,
    start: '10:30',
    end: '12:00',
    attendees: 10,
    organizer: true,
    response: 'organizer',
    online: true,
    weeks: [1],
  },
  {
    key: 'interview',
    title: 'Hiring interview',
    weekday: 1,
    start: '13:00',
    end: '14:00',
    attendees: 3,
    online: true,
    response: 'accepted',
    weeks: [1],
  },
  {
    key: 'budget',
    title: 'Budget review',
    weekday: 2,
    start: '14:00',
    end: '15:00',
    attendees: 5,
    response: 'accepted',
    weeks: [1],
  },
  {
    key: 'vendor-follow-up',
    title: 'Vendor follow-up',
    weekday: 3,
    start: '15:30',
    end: '16:30',
    attendees: 4,
    organizer: true,
    response: 'organizer',
    online: true,
    weeks: [1],
  },
  {
    key: 'oof',
    title: 'Out of office',
    weekday: 5,
    start: '00:00',
    end: '24:00',
    allDay: true,
    showAs: 'oof',
    organizer: true,
    response: 'organizer',
    weeks: [1],
  },
];

export function demoCalendar(now: Date, timeZone: string): CalendarData {
  const weeks = analysisWeeks(now, timeZone);
  const mondays = [
    [-1, weeks.last.from],
    [0, weeks.current.from],
    [1, weeks.next.from],
  ] as const;
  const events: CalendarEvent[] = [];
  const titles = new Map<string, string>();
  for (const [offset, monday] of mondays) {
    for (const t of TEMPLATES) {
      if (t.weeks && !t.weeks.includes(offset)) continue;
      const date = addDays(monday, t.weekday - 1);
      const id = `demo-${date}-${t.key}`;
      const organizer = t.organizer ?? false;
      const event: CalendarEvent = {
        id,
        start: t.allDay ? date : instantAt(date, t.start, timeZone).toISOString(),
        end: t.allDay ? addDays(date, 1) : instantAt(date, t.end, timeZone).toISOString(),
        timeZone,
        showAs: t.showAs ?? 'busy',
        responseStatus: t.response ?? (organizer ? 'organizer' : 'accepted'),
        isAllDay: t.allDay ?? false,
        isOrganizer: organizer,
        attendeeCount: t.attendees ?? 0,
        isRecurring: t.recurring ?? false,
        isOnline: t.online ?? false,
      };
      events.push(event);
      titles.set(id, t.title);
    }
  }
  return { events, titles };
}

export function demoCalendarSource(now: Date, timeZone: string): CalendarSource {
  return staticCalendarSource('demo', 'Demo calendar', demoCalendar(now, timeZone));
}
