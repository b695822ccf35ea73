import { describe, expect, it } from 'vitest';
import { analyzeMeetingLoad } from '../../src/meeting-load/index';
import { BERLIN, day, meeting, week } from './fixtures';

// Week 2026-W14 runs Monday 30 March … Sunday 5 April 2026; Berlin is on CEST (+02:00) all week.

describe('meeting-load analysis: one day', () => {
  it('counts meeting time, working-time share, focus blocks and back-to-back on a plain Monday', () => {
    const r = analyzeMeetingLoad(
      [
        meeting('2026-03-30T09:00:00', '2026-03-30T10:00:00'),
        meeting('2026-03-30T10:00:00', '2026-03-30T10:30:00'), // touches the first: back-to-back, no conflict
        meeting('2026-03-30T13:00:00', '2026-03-30T14:00:00'),
      ],
      BERLIN,
    );
    expect(r.errors).toEqual([]);
    expect(r.from).toBe('2026-03-30');
    expect(r.to).toBe('2026-04-05');
    const mon = day(r, '2026-03-30');
    expect(mon.week).toBe('2026-W14');
    expect(mon.weekday).toBe(1);
    expect(mon.dayMinutes).toBe(1440);
    expect(mon.meetings).toBe(3);
    expect(mon.meetingMinutes).toBe(150);
    expect(mon.meetingHours).toBe(2.5);
    expect(mon.workingMinutes).toBe(480);
    expect(mon.meetingMinutesInWorkingHours).toBe(150);
    expect(mon.workingTimeShare).toBeCloseTo(150 / 480, 10);
    expect(mon.afterHoursMinutes).toBe(0);
    // Free inside 09–17: 10:30–13:00 (150 min) and 14:00–17:00 (180 min), both ≥ 120.
    expect(mon.focusBlocks).toEqual([
      { start: '2026-03-30T10:30:00+02:00', end: '2026-03-30T13:00:00+02:00', minutes: 150 },
      { start: '2026-03-30T14:00:00+02:00', end: '2026-03-30T17:00:00+02:00', minutes: 180 },
    ]);
    expect(mon.focusBlockCount).toBe(2);
    expect(mon.focusMinutes).toBe(330);
    expect(mon.backToBack).toEqual({
      chains: 1,
      meetingsInChains: 2,
      longestChainMeetings: 2,
      longestChainMinutes: 90,
      minutes: 90,
    });
    expect(mon.conflicts).toEqual({ meetings: 0, share: 0, minutes: 0 });
    // An empty working day is one 8-hour focus block.
    const tue = day(r, '2026-03-31');
    expect(tue.meetings).toBe(0);
    expect(tue.focusBlocks).toEqual([
      { start: '2026-03-31T09:00:00+02:00', end: '2026-03-31T17:00:00+02:00', minutes: 480 },
    ]);
  });

  it('counts overlapping and nested meetings once (union) and reports the conflicts', () => {
    const r = analyzeMeetingLoad(
      [
        meeting('2026-03-30T09:00:00', '2026-03-30T12:00:00'), // A
        meeting('2026-03-30T09:30:00', '2026-03-30T10:00:00'), // B nested in A
        meeting('2026-03-30T11:30:00', '2026-03-30T12:30:00'), // C overlaps A's end
        meeting('2026-03-30T14:00:00', '2026-03-30T15:00:00'), // D alone
      ],
      BERLIN,
    );
    const mon = day(r, '2026-03-30');
    // Union: 09:00–12:30 (210) + 14:00–15:00 (60) = 270, not the 330 of the plain sum.
    expect(mon.meetingMinutes).toBe(270);
    expect(mon.conflicts.meetings).toBe(3);
    expect(mon.conflicts.share).toBe(0.75);
    // Double-booked time: 09:30–10:00 and 11:30–12:00.
    expect(mon.conflicts.minutes).toBe(60);
    // A, B, C form one chain (overlaps chain too); D starts 90 min later.
    expect(mon.backToBack.chains).toBe(1);
    expect(mon.backToBack.longestChainMeetings).toBe(3);
    expect(mon.backToBack.longestChainMinutes).toBe(210);
    // 12:30–14:00 is 90 min (no focus); 15:00–17:00 is exactly 120 min (a focus block: ≥ 2 h).
    expect(mon.focusBlocks.map((b) => [b.start.slice(11, 16), b.minutes])).toEqual([['15:00', 120]]);
  });

  it('counts time covered three times only once as conflict time', () => {
    const r = analyzeMeetingLoad(
      [
        meeting('2026-03-30T09:00:00', '2026-03-30T12:00:00'),
        meeting('2026-03-30T09:30:00', '2026-03-30T11:00:00'),
        meeting('2026-03-30T10:00:00', '2026-03-30T10:30:00'),
      ],
      BERLIN,
    );
    const mon = day(r, '2026-03-30');
    expect(mon.conflicts.meetings).toBe(3);
    expect(mon.conflicts.minutes).toBe(90); // 09:30–11:00 has two or three meetings
    expect(mon.meetingMinutes).toBe(180);
  });

  it('treats a zero-length event as a meeting occurrence of 0 minutes that blocks nothing', () => {
    const r = analyzeMeetingLoad(
      [
        meeting('2026-03-30T09:00:00', '2026-03-30T10:00:00'),
        meeting('2026-03-30T09:30:00', '2026-03-30T09:30:00'), // inside the first: still no conflict
        meeting('2026-03-30T15:00:00', '2026-03-30T15:00:00'), // inside the afternoon focus block
      ],
      BERLIN,
    );
    const mon = day(r, '2026-03-30');
    expect(mon.meetings).toBe(3);
    expect(mon.zeroLengthMeetings).toBe(2);
    expect(mon.meetingMinutes).toBe(60);
    expect(mon.conflicts.meetings).toBe(0);
    expect(mon.backToBack.chains).toBe(0);
    expect(mon.focusBlocks).toEqual([
      { start: '2026-03-30T10:00:00+02:00', end: '2026-03-30T17:00:00+02:00', minutes: 420 },
    ]);
  });

  it('needs a gap of less than 10 minutes for back-to-back: exactly 10 is a break, 9 is not', () => {
    const r = analyzeMeetingLoad(
      [
        meeting('2026-03-30T09:00:00', '2026-03-30T10:00:00'),
        meeting('2026-03-30T10:10:00', '2026-03-30T11:00:00'), // Monday: 10-minute gap
        meeting('2026-03-31T09:00:00', '2026-03-31T10:00:00'),
        meeting('2026-03-31T10:09:00', '2026-03-31T11:00:00'), // Tuesday: 9-minute gap
      ],
      BERLIN,
    );
    expect(day(r, '2026-03-30').backToBack.chains).toBe(0);
    expect(day(r, '2026-03-30').backToBack.meetingsInChains).toBe(0);
    const tue = day(r, '2026-03-31').backToBack;
    expect(tue.chains).toBe(1);
    expect(tue.longestChainMeetings).toBe(2);
    expect(tue.longestChainMinutes).toBe(120);
    expect(tue.minutes).toBe(120);
  });

  it('counts long (> 60 min), large (> 8 attendees), recurring, online and tentative meetings', () => {
    const r = analyzeMeetingLoad(
      [
        meeting('2026-03-30T09:00:00', '2026-03-30T10:00:00', { attendeeCount: 8 }), // 60 min, 8: neither
        meeting('2026-03-30T10:30:00', '2026-03-30T11:31:00', { attendeeCount: 9, isRecurring: true }),
        meeting('2026-03-30T13:00:00', '2026-03-30T13:30:00', { isRecurring: true, isOnline: false }),
        meeting('2026-03-30T14:00:00', '2026-03-30T14:30:00', {
          showAs: 'tentative',
          responseStatus: 'tentativelyAccepted',
        }),
      ],
      BERLIN,
    );
    const mon = day(r, '2026-03-30');
    expect(mon.meetings).toBe(4);
    expect(mon.longMeetings).toBe(1);
    expect(mon.largeMeetings).toBe(1);
    expect(mon.recurringMeetings).toBe(2);
    expect(mon.recurringShare).toBe(0.5);
    expect(mon.onlineMeetings).toBe(3);
    expect(mon.tentativeMeetings).toBe(1);
  });
});

describe('meeting-load analysis: what counts as a meeting', () => {
  const base = [meeting('2026-03-30T09:00:00', '2026-03-30T10:00:00')];

  it('excludes declined meetings and does not treat free or working-elsewhere time as meetings', () => {
    const r = analyzeMeetingLoad(
      [
        ...base,
        meeting('2026-03-30T11:00:00', '2026-03-30T12:00:00', { responseStatus: 'declined' }),
        meeting('2026-03-30T11:00:00', '2026-03-30T12:00:00', { showAs: 'free' }),
        meeting('2026-03-30T13:00:00', '2026-03-30T17:00:00', { showAs: 'workingElsewhere' }),
      ],
      BERLIN,
    );
    const mon = day(r, '2026-03-30');
    expect(mon.meetings).toBe(1);
    expect(mon.meetingMinutes).toBe(60);
    expect(mon.focusMinutes).toBe(420);
    expect(r.countedMeetings).toBe(1);
    expect(r.excluded).toMatchObject({ declined: 1, free: 1, workingElsewhere: 1 });
  });

  it('counts tentative meetings only when countTentative is on', () => {
    const events = [
      ...base,
      meeting('2026-03-30T11:00:00', '2026-03-30T15:30:00', { showAs: 'tentative', responseStatus: 'notResponded' }),
    ];
    const on = day(analyzeMeetingLoad(events, { ...BERLIN, countTentative: true }), '2026-03-30');
    expect(on.meetingMinutes).toBe(330);
    expect(on.tentativeMeetings).toBe(1);
    expect(on.focusBlockCount).toBe(0); // 10:00–11:00 and 15:30–17:00 are shorter than 2 h
    const off = analyzeMeetingLoad(events, { ...BERLIN, countTentative: false });
    const offMon = day(off, '2026-03-30');
    expect(offMon.meetingMinutes).toBe(60);
    expect(offMon.tentativeMeetings).toBe(0);
    expect(offMon.focusMinutes).toBe(420); // not a meeting, so it does not block focus either
    expect(off.excluded.tentative).toBe(1);
    // A busy meeting the person accepted tentatively is tentative too.
    const tentativelyAccepted = analyzeMeetingLoad(
      [meeting('2026-03-30T11:00:00', '2026-03-30T12:00:00', { responseStatus: 'tentativelyAccepted' })],
      { ...BERLIN, countTentative: false },
      { from: '2026-03-30', to: '2026-03-30' },
    );
    expect(day(tentativelyAccepted, '2026-03-30').meetingMinutes).toBe(0);
    expect(tentativelyAccepted.excluded.tentative).toBe(1);
  });

  it('defaults countTentative to true', () => {
    const r = analyzeMeetingLoad(
      [meeting('2026-03-30T11:00:00', '2026-03-30T12:00:00', { showAs: 'tentative' })],
      BERLIN,
    );
    expect(day(r, '2026-03-30').meetingMinutes).toBe(60);
  });

  it('makes an all-day out-of-office day a non-working day; other all-day events are not meetings', () => {
    const r = analyzeMeetingLoad(
      [
        // Friday off, yet a meeting was attended: meeting time, but no after-hours and no focus.
        meeting('2026-04-03', '2026-04-04', { isAllDay: true, showAs: 'oof' }),
        meeting('2026-04-03T19:00:00', '2026-04-03T20:00:00'),
        // Thursday: an all-day busy "conference" marker is not a meeting.
        meeting('2026-04-02', '2026-04-03', { isAllDay: true, showAs: 'busy' }),
      ],
      BERLIN,
    );
    const fri = day(r, '2026-04-03');
    expect(fri.isOutOfOffice).toBe(true);
    expect(fri.isWorkingDay).toBe(false);
    expect(fri.workingMinutes).toBe(0);
    expect(fri.focusBlockCount).toBe(0);
    expect(fri.meetingMinutes).toBe(60);
    expect(fri.afterHoursMinutes).toBe(0);
    const thu = day(r, '2026-04-02');
    expect(thu.isOutOfOffice).toBe(false);
    expect(thu.meetings).toBe(0);
    expect(thu.meetingMinutes).toBe(0);
    expect(thu.focusMinutes).toBe(480);
    expect(r.excluded).toMatchObject({ allDay: 1, allDayOutOfOffice: 1 });
    expect(r.countedMeetings).toBe(1);
  });

  it('spreads a multi-day all-day out-of-office over every covered date', () => {
    const r = analyzeMeetingLoad([meeting('2026-03-31', '2026-04-02', { isAllDay: true, showAs: 'oof' })], BERLIN);
    expect(r.days.filter((d) => d.isOutOfOffice).map((d) => d.date)).toEqual(['2026-03-31', '2026-04-01']);
    expect(week(r, '2026-W14').workingMinutes).toBe(3 * 480);
  });

  it('removes timed out-of-office from working time without counting it as a meeting', () => {
    const r = analyzeMeetingLoad(
      [
        meeting('2026-03-30T13:00:00', '2026-03-30T17:00:00', { showAs: 'oof' }),
        meeting('2026-03-30T09:00:00', '2026-03-30T10:00:00'),
      ],
      BERLIN,
    );
    const mon = day(r, '2026-03-30');
    expect(mon.workingMinutes).toBe(240);
    expect(mon.meetingMinutes).toBe(60);
    expect(mon.workingTimeShare).toBe(0.25);
    expect(mon.focusBlocks.map((b) => [b.start.slice(11, 16), b.end.slice(11, 16)])).toEqual([['10:00', '13:00']]);
    expect(r.excluded.outOfOffice).toBe(1);
    expect(r.countedMeetings).toBe(1);
  });
});

describe('meeting-load analysis: working hours, days and time zones', () => {
  it('counts meeting time outside working hours and on non-working days as after-hours', () => {
    const r = analyzeMeetingLoad(
      [
        meeting('2026-03-30T08:00:00', '2026-03-30T09:30:00'), // 60 before + 30 inside
        meeting('2026-03-30T17:30:00', '2026-03-30T18:00:00'), // 30 after
        meeting('2026-04-04T10:00:00', '2026-04-04T11:00:00'), // Saturday
      ],
      BERLIN,
    );
    const mon = day(r, '2026-03-30');
    expect(mon.meetingMinutes).toBe(120);
    expect(mon.meetingMinutesInWorkingHours).toBe(30);
    expect(mon.afterHoursMinutes).toBe(90);
    const sat = day(r, '2026-04-04');
    expect(sat.isWorkingDay).toBe(false);
    expect(sat.workingMinutes).toBe(0);
    expect(sat.afterHoursMinutes).toBe(60);
    expect(sat.focusBlockCount).toBe(0);
    expect(sat.workingTimeShare).toBe(0);
    const w = week(r, '2026-W14');
    expect(w.afterHoursMinutes).toBe(150);
    expect(w.afterHoursHours).toBe(2.5);
    expect(w.afterHoursOverThreshold).toBe(true); // > 1 h/week
  });

  it('splits a multi-day meeting across local days', () => {
    const r = analyzeMeetingLoad([meeting('2026-03-31T16:00:00', '2026-04-02T10:00:00', { attendeeCount: 3 })], BERLIN);
    const tue = day(r, '2026-03-31');
    const wed = day(r, '2026-04-01');
    const thu = day(r, '2026-04-02');
    expect([tue.meetingMinutes, wed.meetingMinutes, thu.meetingMinutes]).toEqual([480, 1440, 600]);
    expect([tue.afterHoursMinutes, wed.afterHoursMinutes, thu.afterHoursMinutes]).toEqual([420, 960, 540]);
    expect(wed.workingTimeShare).toBe(1);
    // The occurrence (and its "long" flag) belongs to the day it starts.
    expect([tue.meetings, wed.meetings, thu.meetings]).toEqual([1, 0, 0]);
    expect(tue.longMeetings).toBe(1);
    expect(tue.focusBlocks.map((b) => b.minutes)).toEqual([420]); // 09:00–16:00
    expect(wed.focusBlockCount).toBe(0);
    expect(thu.focusBlocks.map((b) => b.start)).toEqual(['2026-04-02T10:00:00+02:00']);
    expect(week(r, '2026-W14').meetingMinutes).toBe(2520);
  });

  it("reads an event in its own time zone and reports it in the person's", () => {
    const r = analyzeMeetingLoad(
      [
        // 04:00 in New York. 23 March: US already on EDT (−4), Berlin still CET (+1) → 09:00 Berlin.
        meeting('2026-03-23T04:00:00', '2026-03-23T05:00:00', { timeZone: 'America/New_York' }),
        // 30 March: Berlin on CEST (+2) too → 10:00 Berlin.
        meeting('2026-03-30T04:00:00', '2026-03-30T05:00:00', { timeZone: 'America/New_York' }),
        // An explicit offset wins: 10:00−04:00 = 14:00Z = 16:00 Berlin.
        meeting('2026-03-31T10:00:00-04:00', '2026-03-31T11:00:00-04:00', { timeZone: 'America/New_York' }),
        // A UTC instant.
        meeting('2026-04-01T15:00:00Z', '2026-04-01T16:00:00Z', { timeZone: 'Asia/Kolkata' }),
      ],
      BERLIN,
    );
    expect(r.errors).toEqual([]);
    expect(day(r, '2026-03-23').focusBlocks.map((b) => b.start)).toEqual(['2026-03-23T10:00:00+01:00']);
    expect(day(r, '2026-03-30').focusBlocks.map((b) => b.start)).toEqual(['2026-03-30T11:00:00+02:00']);
    const tue = day(r, '2026-03-31');
    expect(tue.afterHoursMinutes).toBe(0);
    expect(tue.focusBlocks.map((b) => [b.start.slice(11, 16), b.end.slice(11, 16)])).toEqual([['09:00', '16:00']]);
    const wed = day(r, '2026-04-01');
    expect(wed.afterHoursMinutes).toBe(60); // 17:00–18:00 Berlin
    expect(r.from).toBe('2026-03-23');
  });

  it('uses the person’s local dates: a late meeting in UTC can be the next day in Tokyo', () => {
    const r = analyzeMeetingLoad([meeting('2026-03-30T20:00:00Z', '2026-03-30T21:00:00Z', { timeZone: 'UTC' })], {
      ...BERLIN,
      timeZone: 'Asia/Tokyo',
    });
    expect(day(r, '2026-03-31').meetingMinutes).toBe(60); // 05:00–06:00 Tuesday in Tokyo
    expect(day(r, '2026-03-30').meetingMinutes).toBe(0);
  });
});

describe('meeting-load analysis: daylight saving time', () => {
  const everyDay = (tz: string, start = '08:00', end = '18:00') => ({
    timeZone: tz,
    workingHours: { start, end, days: [1, 2, 3, 4, 5, 6, 7] },
  });

  it('Berlin, last Sunday of March: a 23-hour day, working hours by the wall clock', () => {
    const r = analyzeMeetingLoad(
      [
        meeting('2026-03-29T08:00:00', '2026-03-29T09:00:00'), // 06:00Z: inside 08:00–18:00 CEST
        meeting('2026-03-28T23:00:00', '2026-03-29T04:00:00'), // across the night of the change
      ],
      everyDay('Europe/Berlin'),
    );
    const sun = day(r, '2026-03-29');
    expect(sun.dayMinutes).toBe(1380);
    expect(sun.workingMinutes).toBe(600);
    expect(sun.afterHoursMinutes).toBe(180); // 00:00–04:00 local is 3 real hours
    expect(sun.meetingMinutes).toBe(240);
    expect(sun.meetingMinutesInWorkingHours).toBe(60);
    expect(sun.focusBlocks).toEqual([
      { start: '2026-03-29T09:00:00+02:00', end: '2026-03-29T18:00:00+02:00', minutes: 540 },
    ]);
    expect(day(r, '2026-03-28').meetingMinutes).toBe(60); // 23:00–24:00 Saturday
  });

  it('Berlin, last Sunday of October: a 25-hour day', () => {
    const r = analyzeMeetingLoad(
      [
        meeting('2026-10-25T17:00:00', '2026-10-25T18:00:00'), // last working hour in CET: not after-hours
        meeting('2026-10-25T00:00:00', '2026-10-26T00:00:00'), // the whole local day
      ],
      everyDay('Europe/Berlin'),
    );
    const sun = day(r, '2026-10-25');
    expect(sun.dayMinutes).toBe(1500);
    expect(sun.workingMinutes).toBe(600);
    expect(sun.meetingMinutes).toBe(1500);
    expect(sun.afterHoursMinutes).toBe(900);
    // Ending exactly at local midnight, it does not touch Monday: the default range stops on this Sunday.
    expect(r.to).toBe('2026-10-25');
  });

  it('counts the real length of working hours that span the change (01:00–05:00 on 29 March is 3 h)', () => {
    const r = analyzeMeetingLoad([meeting('2026-03-29T03:00:00', '2026-03-29T04:00:00')], {
      ...everyDay('Europe/Berlin', '01:00', '05:00'),
      thresholds: { focusBlockMinutes: 60 },
    });
    const sun = day(r, '2026-03-29');
    expect(sun.workingMinutes).toBe(180);
    // "01:00–03:00" on the wall clock is one real hour.
    expect(sun.focusBlocks).toEqual([
      { start: '2026-03-29T01:00:00+01:00', end: '2026-03-29T03:00:00+02:00', minutes: 60 },
      { start: '2026-03-29T04:00:00+02:00', end: '2026-03-29T05:00:00+02:00', minutes: 60 },
    ]);
  });

  it('New York, 8 March and 1 November 2026', () => {
    const ny = everyDay('America/New_York', '09:00', '17:00');
    const r = analyzeMeetingLoad(
      [
        meeting('2026-03-08T16:00:00', '2026-03-08T17:00:00', { timeZone: 'America/New_York' }),
        meeting('2026-11-01T16:00:00', '2026-11-01T17:00:00', { timeZone: 'America/New_York' }),
        // Written in Berlin time: 22:00 CET = 21:00Z = 16:00 EST.
        meeting('2026-11-01T22:00:00', '2026-11-01T22:30:00', { timeZone: 'Europe/Berlin' }),
      ],
      ny,
    );
    const spring = day(r, '2026-03-08');
    expect(spring.dayMinutes).toBe(1380);
    expect(spring.workingMinutes).toBe(480);
    expect(spring.afterHoursMinutes).toBe(0);
    const autumn = day(r, '2026-11-01');
    expect(autumn.dayMinutes).toBe(1500);
    expect(autumn.workingMinutes).toBe(480);
    expect(autumn.afterHoursMinutes).toBe(0);
    expect(autumn.meetingMinutes).toBe(60);
    expect(autumn.conflicts.meetings).toBe(2);
    expect(autumn.focusBlocks).toEqual([
      { start: '2026-11-01T09:00:00-05:00', end: '2026-11-01T16:00:00-05:00', minutes: 420 },
    ]);
  });
});

describe('meeting-load analysis: weeks and ranges', () => {
  it('sums days into ISO weeks and judges low focus only on complete weeks', () => {
    // Every weekday: 09:00–12:00 and 14:10–17:00 busy → one 130-minute focus block a day, 10.8 h a week.
    const events = [30, 31, 1, 2, 3].flatMap((d) => {
      const date = d > 3 ? `2026-03-${d}` : `2026-04-0${d}`;
      return [meeting(`${date}T09:00:00`, `${date}T12:00:00`), meeting(`${date}T14:10:00`, `${date}T17:00:00`)];
    });
    const r = analyzeMeetingLoad(events, BERLIN);
    const w = week(r, '2026-W14');
    expect(w.days).toBe(7);
    expect(w.complete).toBe(true);
    expect(w.from).toBe('2026-03-30');
    expect(w.to).toBe('2026-04-05');
    expect(w.meetings).toBe(10);
    expect(w.meetingMinutes).toBe(5 * 350);
    expect(w.focusBlockCount).toBe(5);
    expect(w.focusMinutes).toBe(650);
    expect(w.lowFocus).toBe(false);
    expect(w.workingMinutes).toBe(2400);
    expect(w.workingTimeShare).toBeCloseTo(1750 / 2400, 10);
    const stricter = analyzeMeetingLoad(events, { ...BERLIN, thresholds: { lowFocusHoursPerWeek: 11 } });
    expect(week(stricter, '2026-W14').lowFocus).toBe(true);
    // A partial week (Mon–Wed only) is never judged "low focus".
    const partial = analyzeMeetingLoad(
      events,
      { ...BERLIN, thresholds: { lowFocusHoursPerWeek: 11 } },
      {
        from: '2026-03-30',
        to: '2026-04-01',
      },
    );
    expect(partial.weeks).toHaveLength(1);
    expect(partial.weeks[0]!.complete).toBe(false);
    expect(partial.weeks[0]!.days).toBe(3);
    expect(partial.weeks[0]!.lowFocus).toBe(false);
  });

  it('analyses an explicit range with empty days, clipping meetings that cross its edges', () => {
    const r = analyzeMeetingLoad(
      [meeting('2026-03-29T22:00:00', '2026-03-30T10:00:00'), meeting('2026-04-20T09:00:00', '2026-04-20T10:00:00')],
      BERLIN,
      { from: '2026-03-30', to: '2026-04-12' },
    );
    expect(r.days).toHaveLength(14);
    expect(r.weeks.map((w) => w.week)).toEqual(['2026-W14', '2026-W15']);
    const mon = day(r, '2026-03-30');
    expect(mon.meetingMinutes).toBe(600); // 00:00–10:00 of the meeting that began on Sunday
    expect(mon.meetings).toBe(0); // the occurrence belongs to Sunday, outside the range
    expect(week(r, '2026-W15').focusMinutes).toBe(5 * 480);
  });

  it('returns an empty report for an empty calendar', () => {
    const r = analyzeMeetingLoad([], BERLIN);
    expect(r.days).toEqual([]);
    expect(r.weeks).toEqual([]);
    expect(r.from).toBe('');
  });

  it('applies per-tenant thresholds', () => {
    const events = [
      meeting('2026-03-30T09:00:00', '2026-03-30T10:00:00'),
      meeting('2026-03-30T10:15:00', '2026-03-30T11:00:00'),
    ];
    const strict = analyzeMeetingLoad(events, {
      ...BERLIN,
      thresholds: {
        backToBackGapMinutes: 20,
        focusBlockMinutes: 360,
        longMeetingMinutes: 45,
        largeMeetingAttendees: 3,
      },
    });
    const mon = day(strict, '2026-03-30');
    expect(mon.backToBack.chains).toBe(1);
    expect(mon.focusBlocks.map((b) => b.minutes)).toEqual([360]); // 11:00–17:00
    expect(mon.longMeetings).toBe(1);
    expect(mon.largeMeetings).toBe(2);
  });
});

describe('meeting-load analysis: agrees with a brute-force minute count', () => {
  it('on random calendars (union, conflicts, focus blocks)', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const settings = {
      timeZone: 'UTC',
      workingHours: { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5, 6, 7] },
      thresholds: { focusBlockMinutes: 45 },
    };
    for (let round = 0; round < 40; round++) {
      const n = 1 + Math.floor(rnd() * 14);
      const intervals: Array<[number, number]> = [];
      const events = [];
      for (let i = 0; i < n; i++) {
        const s = Math.floor(rnd() * 96) * 15; // minutes of 2026-03-30
        const len = Math.floor(rnd() * 10) * 15;
        const e = Math.min(1440, s + len);
        intervals.push([s, e]);
        const iso = (m: number) =>
          m === 1440
            ? '2026-03-31T00:00:00Z'
            : `2026-03-30T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00Z`;
        events.push(meeting(iso(s), iso(e), { timeZone: 'UTC' }));
      }
      const depth = new Array<number>(1440).fill(0);
      for (const [s, e] of intervals) for (let m = s; m < e; m++) depth[m]!++;
      const union = depth.filter((d) => d >= 1).length;
      const twice = depth.filter((d) => d >= 2).length;
      const conflicting = intervals.filter(
        ([s, e], i) => e > s && intervals.some(([s2, e2], j) => j !== i && e2 > s2 && s < e2 && s2 < e),
      ).length;
      const focus: number[] = [];
      let run = 0;
      for (let m = 8 * 60; m <= 18 * 60; m++) {
        if (m < 18 * 60 && depth[m] === 0) run++;
        else {
          if (run >= 45) focus.push(run);
          run = 0;
        }
      }
      const d = day(analyzeMeetingLoad(events, settings, { from: '2026-03-30', to: '2026-03-30' }), '2026-03-30');
      expect(d.meetingMinutes).toBe(union);
      expect(d.conflicts.minutes).toBe(twice);
      expect(d.conflicts.meetings).toBe(conflicting);
      expect(d.focusBlocks.map((b) => b.minutes)).toEqual(focus);
    }
  });

  it('handles thousands of meetings on one slot in one pass', () => {
    const events = Array.from({ length: 3000 }, () => meeting('2026-03-30T09:00:00', '2026-03-30T10:00:00'));
    const mon = day(analyzeMeetingLoad(events, BERLIN), '2026-03-30');
    expect(mon.meetings).toBe(3000);
    expect(mon.meetingMinutes).toBe(60);
    expect(mon.conflicts.meetings).toBe(3000);
    expect(mon.conflicts.minutes).toBe(60);
    expect(mon.backToBack.longestChainMeetings).toBe(3000);
  });
});
