import type { CalendarEvent } from '@humandebt/core';
import { describe, expect, it } from 'vitest';
import {
  evaluateMeeting,
  impactSentence,
  notificationText,
  rangeAround,
  smartAlertText,
  type TeamAgreement,
} from '../src/meeting-load/appointment-impact';
import { defaultSettings } from '../src/meeting-load/person-settings';

const ZONE = 'Europe/Berlin';
const settings = defaultSettings(ZONE);
const NOW = new Date('2026-11-25T08:00:00Z');
const meeting = (id: string, start: string, end: string): CalendarEvent => ({
  id,
  start,
  end,
  timeZone: ZONE,
  showAs: 'busy',
  responseStatus: 'accepted',
  attendeeCount: 3,
});
const thursday = [
  meeting('a', '2026-11-26T08:00:00Z', '2026-11-26T11:00:00Z'),
  meeting('b', '2026-11-26T15:00:00Z', '2026-11-26T17:00:00Z'),
];
const draft = (start: string, end: string, attendeeCount = 3) => ({
  start: new Date(start),
  end: new Date(end),
  attendeeCount,
  isOrganizer: true,
  isRecurring: false,
});

const agreements: TeamAgreement[] = [
  { teamName: 'Platform', title: 'No meetings after 16:00', rule: { kind: 'no-meetings-after', time: '16:00' } },
  { teamName: 'Design', title: 'Evenings are off', rule: { kind: 'no-meetings-after', time: '16:00' } },
  { teamName: 'Platform', title: 'At most 6 people', rule: { kind: 'max-attendees', max: 6 } },
];

describe('impactSentence', () => {
  it('says what the meeting does to its day', () => {
    const takesLast = evaluateMeeting(
      draft('2026-11-26T12:00:00Z', '2026-11-26T14:00:00Z'),
      thursday,
      [],
      settings,
      NOW,
    );
    expect(impactSentence(takesLast.result)).toBe(
      'This makes Thursday 7 h of meetings and removes your last focus block.',
    );
    const light = evaluateMeeting(draft('2026-11-27T09:00:00Z', '2026-11-27T09:25:00Z'), [], [], settings, NOW);
    expect(light.sentence).toBe('This makes Friday 0.4 h of meetings and keeps your focus block.');
  });
});

describe('evaluateMeeting', () => {
  it('names an agreement by its title and every team that has it', () => {
    const late = evaluateMeeting(
      draft('2026-11-27T15:00:00Z', '2026-11-27T15:50:00Z', 9),
      [],
      agreements,
      settings,
      NOW,
    );
    const names = late.violations.map((v) => v.name);
    expect(names).toContain('Team agreement “No meetings after 16:00” (Platform, Design)');
    expect(names).toContain('Team agreement “At most 6 people” (Platform)');
    expect(names).toContain('Large meeting');
  });

  it('without a calendar keeps only the rules that need none', () => {
    const blind = evaluateMeeting(draft('2026-11-26T11:00:00Z', '2026-11-26T13:00:00Z'), undefined, [], settings, NOW);
    expect(blind.calendarChecked).toBe(false);
    expect(blind.violations.map((v) => v.code)).toEqual(['long-meeting']);
  });

  it('reads the whole week (and a day either side) around a meeting', () => {
    const range = rangeAround(draft('2026-11-26T11:00:00Z', '2026-11-26T12:00:00Z'), ZONE);
    expect(range.start.toISOString()).toBe('2026-11-21T23:00:00.000Z'); // Sunday 22 Nov, 00:00 Berlin
    expect(range.end.toISOString()).toBe('2026-11-30T23:00:00.000Z'); // Tuesday 1 Dec, 00:00 Berlin (exclusive)
  });
});

describe('texts for Outlook', () => {
  it('keeps the Smart Alert within 500 characters and the notification within 150, whatever breaks', () => {
    const many: TeamAgreement[] = Array.from({ length: 12 }, (_, i) => ({
      teamName: `Team ${i} with a rather long name`,
      title: `Agreement number ${i} with a long title`,
      rule: { kind: 'no-meetings-after', time: `${String(10 + (i % 6)).padStart(2, '0')}:00` },
    }));
    const impact = evaluateMeeting(
      draft('2026-11-26T16:30:00Z', '2026-11-26T19:00:00Z', 40),
      thursday,
      many,
      settings,
      NOW,
    );
    expect(impact.violations.length).toBeGreaterThan(5);
    const alert = smartAlertText(impact);
    expect(alert.length).toBeLessThanOrEqual(500);
    expect(alert.startsWith(`This meeting breaks ${impact.violations.length} rules`)).toBe(true);
    expect(alert.endsWith('Choose Send Anyway to send it as it is.')).toBe(true);
    expect(notificationText(impact).length).toBeLessThanOrEqual(150);
  });
});
