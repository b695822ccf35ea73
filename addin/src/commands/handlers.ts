import type { CalendarEvent, MeetingLoadSettingsInput } from '@humandebt/core';
import type { CalendarRange } from '../calendar/calendar-source';
import {
  evaluateMeeting,
  notificationText,
  rangeAround,
  smartAlertText,
  type AppointmentImpact,
  type TeamAgreement,
} from '../meeting-load/appointment-impact';
import type { AppointmentSnapshot } from '../office/appointment';
import type { EventHandlers, SendVerdict } from '../office/event-runtime';

/**
 * What the event-based handlers decide, with every input behind a function so tests can drive each path. No Office,
 * no DOM: the Office side (registration, event.completed, deadlines, fail-open) is office/event-runtime.ts.
 */
export interface HandlerDeps {
  timeZone: string;
  settings: MeetingLoadSettingsInput;
  now(): Date;
  readAppointment(): Promise<AppointmentSnapshot | undefined>;
  /** The person's events in the range, or 'unavailable' when this runtime cannot read the calendar at all. */
  readCalendar(range: CalendarRange): Promise<CalendarEvent[] | 'unavailable'>;
  /** The agreements of the person's teams; [] when there are none or the service cannot be asked. */
  readAgreements(): Promise<TeamAgreement[]>;
}

/** Undefined when there is nothing to judge (no appointment, an all-day event). Throws when a read fails. */
export async function assessOpenAppointment(deps: HandlerDeps): Promise<AppointmentImpact | undefined> {
  const appointment = await deps.readAppointment();
  if (!appointment || appointment.isAllDay) return undefined;
  if (!(appointment.end.getTime() >= appointment.start.getTime())) return undefined;
  const [calendar, agreements] = await Promise.all([
    deps.readCalendar(rangeAround(appointment, deps.timeZone)),
    // Agreements are a nice-to-have for the check: without the service the thresholds still apply.
    deps.readAgreements().catch(() => [] as TeamAgreement[]),
  ]);
  const draft = {
    start: appointment.start,
    end: appointment.end,
    attendeeCount: appointment.attendeeCount,
    isOrganizer: appointment.isOrganizer,
    isRecurring: appointment.isRecurring,
    ...(appointment.id ? { id: appointment.id } : {}),
  };
  return evaluateMeeting(
    draft,
    calendar === 'unavailable' ? undefined : calendar,
    agreements,
    deps.settings,
    deps.now(),
  );
}

export function createHandlers(deps: HandlerDeps): EventHandlers {
  return {
    async onSend(): Promise<SendVerdict> {
      const impact = await assessOpenAppointment(deps);
      if (!impact || !impact.result.ok || impact.violations.length === 0) return { allow: true };
      return { allow: false, message: smartAlertText(impact) };
    },
    async onChanged(): Promise<string | undefined> {
      const impact = await assessOpenAppointment(deps);
      if (!impact || !impact.result.ok) return undefined;
      return notificationText(impact);
    },
  };
}
