import { describe, expect, it } from 'vitest';
import { analyzeMeetingLoad } from '../../core/src/meeting-load/index';
import { demoCalendar } from '../src/calendar/demo-calendar';
import { analysisWeeks } from '../src/calendar/local-week';
import { defaultSettings } from '../src/meeting-load/person-settings';

const NOW = new Date('2026-11-25T10:00:00Z');

describe('demo calendar', () => {
  it('is deterministic for a given day and zone', () => {
    expect(demoCalendar(NOW, 'Europe/Berlin')).toEqual(demoCalendar(new Date('2026-11-25T20:00:00Z'), 'Europe/Berlin'));
  });

  it('covers last, this and next week relative to today, in the given zone', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) {
      const { events } = demoCalendar(NOW, zone);
      const weeks = analysisWeeks(NOW, zone);
      const report = analyzeMeetingLoad(events, defaultSettings(zone), { from: weeks.last.from, to: weeks.next.to });
      expect(report.errors).toEqual([]);
      expect(report.weeks.map((w) => w.from)).toEqual([weeks.last.from, weeks.current.from, weeks.next.from]);
      // Stand-ups are at 09:30 wall time wherever the person is.
      const standup = events.find((e) => e.id.endsWith('standup-1'))!;
      expect(
        new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(
          new Date(standup.start),
        ),
      ).toBe('09:30');
    }
  });

  it('holds every case the engine distinguishes', () => {
    const { events, titles } = demoCalendar(NOW, 'Europe/Berlin');
    const report = analyzeMeetingLoad(events, defaultSettings('Europe/Berlin'), {
      from: '2026-11-16',
      to: '2026-12-06',
    });
    const [, current, next] = report.weeks;
    expect(events.some((e) => e.isRecurring && e.id.includes('standup'))).toBe(true);
    expect(events.some((e) => e.responseStatus === 'declined')).toBe(true);
    expect(events.some((e) => e.showAs === 'tentative')).toBe(true);
    expect(events.some((e) => e.showAs === 'free' && titles.get(e.id) === 'Focus time')).toBe(true);
    expect(report.days.find((d) => d.date === '2026-12-04')!.isOutOfOffice).toBe(true);
    expect(current!.backToBack.longestChainMeetings).toBeGreaterThanOrEqual(4); // the Thursday
    expect(current!.afterHoursHours).toBe(1);
    expect(current!.conflicts.meetings).toBe(2);
    expect(current!.largeMeetings).toBeGreaterThan(0);
    expect(next!.lowFocus).toBe(true);
    expect(current!.lowFocus).toBe(false);
  });
});
