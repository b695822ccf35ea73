import type { CalendarEvent } from '@humandebt/core';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers, type HandlerDeps } from '../src/commands/handlers';
import type { TeamAgreement } from '../src/meeting-load/appointment-impact';
import { defaultSettings } from '../src/meeting-load/person-settings';
import { readAppointment } from '../src/office/appointment';
import { HANDLER_NAMES, NOTIFICATION_KEY, registerEventHandlers, SMART_ALERT_MAX } from '../src/office/event-runtime';
import { mockEvent, mockOutlook, type MockAppointmentState, type MockOutlook } from './support/outlook-mock';

const ZONE = 'Europe/Berlin';
const NOW = new Date('2026-11-25T08:00:00Z'); // Wednesday

/** Thursday 26 Nov (Berlin, UTC+1): 6 h of meetings and one focus block, 13:00–16:00. */
const thursday: CalendarEvent[] = [
  ['a', '08:00', '10:00'],
  ['b', '10:00', '11:00'],
  ['c', '11:00', '12:00'],
  ['d', '15:00', '17:00'],
].map(([id, s, e]) => ({
  id: id!,
  start: `2026-11-26T${s}:00Z`,
  end: `2026-11-26T${e}:00Z`,
  timeZone: ZONE,
  showAs: 'busy' as const,
  responseStatus: 'accepted' as const,
  attendeeCount: 4,
}));

const platform: TeamAgreement[] = [
  { teamName: 'Platform', title: 'No meetings after 16:00', rule: { kind: 'no-meetings-after', time: '16:00' } },
];

/** 13:30–15:00 Thursday, 5 people: long (1.5 h), and it takes the day's last focus block. */
const heavyMeeting: MockAppointmentState = {
  start: new Date('2026-11-26T12:30:00Z'),
  end: new Date('2026-11-26T14:00:00Z'),
  required: ['grace@example.com', 'linus@example.com', 'ken@example.com'],
  optional: ['barbara@example.com', 'room@example.com'],
  recurring: false,
};

/** 25 minutes on an empty Friday morning, 3 people. */
const lightMeeting: MockAppointmentState = {
  start: new Date('2026-11-27T09:00:00Z'),
  end: new Date('2026-11-27T09:25:00Z'),
  required: ['grace@example.com', 'linus@example.com'],
  optional: [],
  recurring: false,
};

interface Setup {
  outlook: MockOutlook;
  deps: HandlerDeps;
}

function setup(appointment: MockAppointmentState, overrides: Partial<HandlerDeps> = {}, deadlineMs = 2000): Setup {
  const outlook = mockOutlook(appointment);
  const deps: HandlerDeps = {
    timeZone: ZONE,
    settings: defaultSettings(ZONE),
    now: () => NOW,
    readAppointment: () => readAppointment(outlook.scope),
    readCalendar: async () => thursday,
    readAgreements: async () => [],
    ...overrides,
  };
  expect(registerEventHandlers(createHandlers(deps), { scope: outlook.scope, deadlineMs })).toBe(true);
  return { outlook, deps };
}

/**
 * Resolves once every callback already queued has run. After a completion, what is left of an activation (the rest of
 * the check, the notification update) runs on promises alone — the mock answers Office's getAsync calls at once, and
 * the deadline's timer is cleared or has fired by then — so any second completed() call has happened by the time
 * this resolves, however slow the machine: the queue is drained in order, not against a clock.
 */
const queuedWorkDone = () => new Promise<void>((resolve) => setImmediate(resolve));

async function fire(outlook: MockOutlook, name: string, event = mockEvent()) {
  const handler = outlook.handlers.get(name);
  if (!handler) throw new Error(`${name} was not registered`);
  handler(event);
  const completion = await event.done;
  // Let any late work run: it must not call completed() a second time (the tests check event.calls).
  await queuedWorkDone();
  return { completion, event };
}

describe('registration', () => {
  it('associates the three handler names the manifest uses', () => {
    const { outlook } = setup(lightMeeting);
    expect([...outlook.handlers.keys()].sort()).toEqual(
      [HANDLER_NAMES.send, HANDLER_NAMES.timeChanged, HANDLER_NAMES.attendeesChanged].sort(),
    );
    expect(HANDLER_NAMES).toEqual({
      send: 'onAppointmentSendHandler',
      timeChanged: 'onAppointmentTimeChangedHandler',
      attendeesChanged: 'onAppointmentAttendeesChangedHandler',
    });
  });

  it('does nothing (and says so) where Office.actions is missing', () => {
    expect(registerEventHandlers(createHandlers({} as HandlerDeps), { scope: {} })).toBe(false);
  });
});

describe('appointmentSending (Smart Alert)', () => {
  it('lets a meeting that breaks nothing go through', async () => {
    const { outlook } = setup(lightMeeting);
    const { completion, event } = await fire(outlook, HANDLER_NAMES.send);
    expect(completion).toEqual({ allowEvent: true });
    expect(event.calls).toHaveLength(1);
  });

  it('soft-blocks a meeting that breaks thresholds, naming each rule and why, with Send Anyway', async () => {
    const { outlook } = setup(heavyMeeting);
    const { completion, event } = await fire(outlook, HANDLER_NAMES.send);
    expect(event.calls).toHaveLength(1);
    expect(completion).toMatchObject({ allowEvent: false, sendModeOverride: 'promptUser' });
    const text = String(completion!['errorMessage']);
    expect(text).toContain('• Long meeting: It lasts 1 h 30 min, longer than 1 h.');
    expect(text).toContain('• Last focus block: It takes the last 2 h focus block of Thu 26 Nov.');
    expect(text).toContain('Choose Send Anyway');
    expect(text.length).toBeLessThanOrEqual(SMART_ALERT_MAX);
  });

  it('names the team agreement a meeting breaks', async () => {
    const late: MockAppointmentState = {
      ...lightMeeting,
      start: new Date('2026-11-27T15:30:00Z'),
      end: new Date('2026-11-27T15:55:00Z'),
    };
    const { outlook } = setup(late, { readAgreements: async () => platform });
    const { completion } = await fire(outlook, HANDLER_NAMES.send);
    expect(completion).toMatchObject({ allowEvent: false });
    expect(String(completion!['errorMessage'])).toContain(
      '• Team agreement “No meetings after 16:00” (Platform): The team agreed on no meetings after 16:00; this one ends at 16:55.',
    );
  });

  it('still checks the meeting itself when this runtime cannot read the calendar', async () => {
    const { outlook } = setup(heavyMeeting, { readCalendar: async () => 'unavailable' });
    const { completion } = await fire(outlook, HANDLER_NAMES.send);
    const text = String(completion!['errorMessage']);
    expect(text).toContain('Long meeting');
    expect(text).not.toContain('Last focus block'); // that needs the calendar
  });

  it('fails open when the calendar read throws', async () => {
    const { outlook } = setup(heavyMeeting, { readCalendar: () => Promise.reject(new Error('Graph 503')) });
    const { completion, event } = await fire(outlook, HANDLER_NAMES.send);
    expect(completion).toEqual({ allowEvent: true });
    expect(event.calls).toHaveLength(1);
  });

  it('fails open when Outlook cannot give the appointment’s time', async () => {
    const { outlook } = setup({ ...heavyMeeting, failStart: true });
    const { completion } = await fire(outlook, HANDLER_NAMES.send);
    expect(completion).toEqual({ allowEvent: true });
  });

  it('fails open when anything throws synchronously', async () => {
    const { outlook } = setup(heavyMeeting, {
      now: () => {
        throw new Error('clock broke');
      },
    });
    const { completion } = await fire(outlook, HANDLER_NAMES.send);
    expect(completion).toEqual({ allowEvent: true });
  });

  it('fails open at the deadline when the calendar does not answer, and completes only once', async () => {
    // A fake clock: the deadline is checked to the millisecond, whatever the machine's speed.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let answer: ((events: CalendarEvent[]) => void) | undefined;
      const { outlook } = setup(heavyMeeting, { readCalendar: () => new Promise((r) => (answer = r)) }, 40);
      const event = mockEvent();
      outlook.handlers.get(HANDLER_NAMES.send)!(event);
      await vi.advanceTimersByTimeAsync(39);
      expect(answer, 'the check is waiting for the calendar').toBeDefined();
      expect(event.calls, 'nothing before the deadline').toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(event.calls).toEqual([{ allowEvent: true }]);
      expect(await event.done).toEqual({ allowEvent: true });

      // The late answer lets the check run to its end; that must not complete the event a second time.
      answer!(thursday);
      await queuedWorkDone();
      expect(event.calls).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets all-day events and a missing appointment through', async () => {
    const { outlook } = setup(lightMeeting, { readAppointment: async () => undefined });
    expect((await fire(outlook, HANDLER_NAMES.send)).completion).toEqual({ allowEvent: true });
    const allDay = setup(lightMeeting, {
      readAppointment: async () => ({
        mode: 'compose',
        start: NOW,
        end: NOW,
        attendeeCount: 0,
        isOrganizer: true,
        isRecurring: false,
        isAllDay: true,
      }),
    });
    expect((await fire(allDay.outlook, HANDLER_NAMES.send)).completion).toEqual({ allowEvent: true });
  });

  it('survives a completed() that throws', async () => {
    const { outlook } = setup(lightMeeting);
    const event = mockEvent({ throwOnComplete: true });
    outlook.handlers.get(HANDLER_NAMES.send)!(event);
    await expect(event.done).resolves.toEqual({ allowEvent: true });
  });
});

describe('appointmentTimeChanged / appointmentAttendeesChanged (notification)', () => {
  it('shows the day’s load with the meeting, and updates it as the organizer edits', async () => {
    const { outlook } = setup(heavyMeeting);
    const first = await fire(outlook, HANDLER_NAMES.timeChanged);
    expect(first.completion).toBeUndefined();
    expect(first.event.calls).toEqual([undefined]);
    const shown = outlook.notifications.at(-1)!;
    expect(shown).toMatchObject({ action: 'replace', key: NOTIFICATION_KEY, type: 'informationalMessage' });
    expect(shown.message).toBe(
      'This makes Thursday 7.5 h of meetings and removes your last focus block. Breaks: long meeting, last focus block.',
    );
    expect(shown.message!.length).toBeLessThanOrEqual(150);

    // The organizer moves it to Friday morning and shortens it.
    outlook.state.start = lightMeeting.start;
    outlook.state.end = lightMeeting.end;
    await fire(outlook, HANDLER_NAMES.timeChanged);
    expect(outlook.notifications.at(-1)!.message).toBe(
      'This makes Friday 0.4 h of meetings and keeps your focus block. Within your meeting-load limits.',
    );
  });

  it('counts attendees as they are added', async () => {
    const { outlook } = setup(lightMeeting);
    outlook.state.required = Array.from({ length: 12 }, (_, i) => `p${i}@example.com`);
    await fire(outlook, HANDLER_NAMES.attendeesChanged);
    expect(outlook.notifications.at(-1)!.message).toContain('Breaks: large meeting.');
  });

  it('removes a stale message and completes when the check fails', async () => {
    const { outlook } = setup(heavyMeeting, { readCalendar: () => Promise.reject(new Error('down')) });
    const { event } = await fire(outlook, HANDLER_NAMES.attendeesChanged);
    expect(event.calls).toEqual([undefined]);
    expect(outlook.notifications.at(-1)).toEqual({ action: 'remove', key: NOTIFICATION_KEY });
  });

  it('completes at the deadline when the calendar does not answer', async () => {
    const { outlook } = setup(heavyMeeting, { readCalendar: () => new Promise(() => undefined) }, 40);
    const { event } = await fire(outlook, HANDLER_NAMES.timeChanged);
    expect(event.calls).toEqual([undefined]);
  });
});

describe('readAppointment (compose mode through the mock)', () => {
  it('reads times, attendees and recurrence; an unsaved item has no id', async () => {
    const outlook = mockOutlook({ ...heavyMeeting, recurring: true });
    await expect(readAppointment(outlook.scope)).resolves.toEqual({
      mode: 'compose',
      start: heavyMeeting.start,
      end: heavyMeeting.end,
      attendeeCount: 5,
      isOrganizer: true,
      isRecurring: true,
      isAllDay: false,
    });
  });

  it('is undefined without an open item', async () => {
    await expect(readAppointment({})).resolves.toBeUndefined();
  });
});
