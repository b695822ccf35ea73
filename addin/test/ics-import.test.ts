import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeMeetingLoad } from '../../core/src/meeting-load/index';
import { importIcsFile, IcsImportError, MAX_ICS_BYTES, parseIcs } from '../src/calendar/ics-import';
import { rangeOfDates } from '../src/calendar/local-week';

const fixture = readFileSync(new URL('./fixtures/weekly-series.ics', import.meta.url), 'utf8');
const berlin = { range: rangeOfDates('2026-03-09', '2026-04-05', 'Europe/Berlin'), timeZone: 'Europe/Berlin' };

describe('parseIcs on a hand-written calendar (weekly RRULE, EXDATE, overridden instance, VTIMEZONE)', () => {
  const result = parseIcs(fixture, 'weekly-series.ics', berlin);
  const byId = new Map(result.events.map((e) => [e.id, e]));
  const series = result.events.filter((e) => e.id.startsWith('series-1@example.com@'));

  it('expands the weekly series over the range, leaving out the EXDATE', () => {
    expect(series.map((e) => e.start)).toEqual([
      '2026-03-09T09:00:00.000Z',
      '2026-03-16T13:00:00.000Z', // the overridden instance, moved to 14:00–15:30 local
      '2026-03-18T09:00:00.000Z',
      '2026-03-23T09:00:00.000Z',
      '2026-03-25T09:00:00.000Z',
      '2026-03-30T08:00:00.000Z', // after the spring change: 10:00 CEST is 08:00 UTC
      '2026-04-01T08:00:00.000Z',
    ]);
    expect(series.some((e) => e.start.startsWith('2026-03-11'))).toBe(false);
    expect(new Set(series.map((e) => e.id)).size).toBe(series.length);
  });

  it('takes the override’s own times and title', () => {
    const moved = series[1]!;
    expect(moved.end).toBe('2026-03-16T14:30:00.000Z');
    expect(result.titles.get(moved.id)).toBe('Planning sync (moved)');
    expect(result.titles.get(series[0]!.id)).toBe('Planning sync');
  });

  it('maps the series’ metadata: organizer, attendees without rooms, recurring', () => {
    expect(series[0]).toMatchObject({
      showAs: 'busy',
      responseStatus: 'organizer',
      isOrganizer: true,
      attendeeCount: 3,
      isRecurring: true,
      isAllDay: false,
    });
  });

  it('reads the owner’s answer from the attendee list (X-WR-CALNAME is the owner)', () => {
    expect(byId.get('single-utc@example.com')).toMatchObject({
      showAs: 'tentative',
      responseStatus: 'tentativelyAccepted',
      isOrganizer: false,
      attendeeCount: 2,
    });
    expect(byId.get('declined@example.com')).toMatchObject({ responseStatus: 'declined' });
  });

  it('drops cancelled events, keeps transparent ones as free and all-day OOF as dates', () => {
    expect(byId.has('cancelled@example.com')).toBe(false);
    expect(byId.get('focus@example.com')).toMatchObject({ showAs: 'free', start: '2026-03-10T12:00:00.000Z' });
    expect(byId.get('oof@example.com')).toMatchObject({
      isAllDay: true,
      showAs: 'oof',
      start: '2026-03-20',
      end: '2026-03-21',
    });
  });

  it('reads a floating time in the person’s zone and honours DURATION', () => {
    expect(byId.get('floating@example.com')).toMatchObject({
      start: '2026-03-17T07:00:00.000Z',
      end: '2026-03-17T07:45:00.000Z',
    });
  });

  it('leaves out events outside the range', () => {
    expect(byId.has('outside@example.com')).toBe(false);
  });

  it('applies the file’s VTIMEZONE even when its TZID means nothing to Intl (person in UTC)', () => {
    const utc = parseIcs(fixture, 'weekly-series.ics', {
      range: rangeOfDates('2026-03-09', '2026-03-15', 'UTC'),
      timeZone: 'UTC',
    });
    const first = utc.events.find((e) => e.id.startsWith('series-1@example.com@'))!;
    expect(first.start).toBe('2026-03-09T09:00:00.000Z');
    expect(utc.events.find((e) => e.id === 'floating@example.com')).toBeUndefined(); // 17 March is outside this range
  });

  it('gives events the engine analyses without skipping any', () => {
    const report = analyzeMeetingLoad(
      result.events,
      { timeZone: 'Europe/Berlin', workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] } },
      {
        from: '2026-03-09',
        to: '2026-04-05',
      },
    );
    expect(report.errors).toEqual([]);
    const week = report.weeks.find((w) => w.week === '2026-W11')!;
    // Mon 9: 1 h planning; Thu 12: 1 h customer call (tentative counts by default). Declined, free and cancelled do not.
    expect(week.meetingHours).toBe(2);
    expect(report.days.find((d) => d.date === '2026-03-20')!.isOutOfOffice).toBe(true);
  });
});

describe('bad files give a clear message', () => {
  const expectError = (text: string, pattern: RegExp) => {
    try {
      parseIcs(text, 'bad.ics', berlin);
    } catch (error) {
      expect(error).toBeInstanceOf(IcsImportError);
      expect((error as IcsImportError).userMessage).toMatch(pattern);
      return;
    }
    throw new Error('expected an IcsImportError');
  };

  it('refuses something that is not iCalendar at all', () => {
    expectError('name,start,end\nStand-up,09:00,09:15\n', /“bad\.ics” is not an iCalendar \(\.ics\) file/);
  });

  it('refuses malformed iCalendar', () => {
    expectError(
      'BEGIN:VCALENDAR\nthis line has no colon\nEND:VCALENDAR\n',
      /“bad\.ics” could not be read: its iCalendar data is malformed/,
    );
  });

  it('refuses a calendar without events', () => {
    expectError('BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nEND:VCALENDAR\n', /“bad\.ics” contains no calendar events/);
  });

  it('refuses a file that is too large before reading it', async () => {
    const file = Object.defineProperties(new Blob(['']), {
      name: { value: 'huge.ics' },
      size: { value: MAX_ICS_BYTES + 1 },
    }) as File;
    await expect(importIcsFile(file, berlin)).rejects.toMatchObject({
      userMessage: expect.stringMatching(/“huge\.ics” is larger than 10 MB/),
    });
  });

  it('imports a good file into a source named after it', async () => {
    const file = new File([fixture], 'weekly-series.ics', { type: 'text/calendar' });
    const { source, result } = await importIcsFile(file, berlin);
    expect(source.kind).toBe('ics');
    expect(source.label).toBe('weekly-series.ics');
    expect((await source.load(berlin.range)).events).toBe(result.events);
  });
});
