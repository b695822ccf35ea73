import { describe, expect, it } from 'vitest';
import type { AgreementRule } from '../../src/store/documents';
import { whatIf, type ProposedMeeting } from '../../src/meeting-load/index';
import { BERLIN, meeting } from './fixtures';

// Monday 30 March 2026 (Berlin, CEST): busy 09:00–10:00 and 13:00–14:00 → focus 10:00–13:00 and 14:00–17:00.
const monday = () => [
  meeting('2026-03-30T09:00:00', '2026-03-30T10:00:00', { id: 'a' }),
  meeting('2026-03-30T13:00:00', '2026-03-30T14:00:00', { id: 'b' }),
];
const proposal = (start: string, end: string, extra: Partial<ProposedMeeting> = {}): ProposedMeeting => ({
  start,
  end,
  timeZone: 'Europe/Berlin',
  ...extra,
});

describe('what-if: figures and delta', () => {
  it('adds the meeting, shows the day and week delta, and flags long, large and back-to-back', () => {
    const r = whatIf(
      monday(),
      BERLIN,
      proposal('2026-03-30T10:00:00', '2026-03-30T11:30:00', { attendeeCount: 10 }),
      [],
    );
    expect(r.ok).toBe(true);
    expect(r.summary).toEqual(['Mon 30 Mar: meeting hours 2.0 → 3.5, focus blocks 2 → 1, back-to-back chains 0 → 1']);
    expect(r.days).toHaveLength(1);
    expect(r.days[0]).toMatchObject({
      date: '2026-03-30',
      meetingHours: { before: 2, after: 3.5, change: 1.5 },
      focusBlocks: { before: 2, after: 1, change: -1 },
      focusHours: { before: 6, after: 3, change: -3 },
      backToBackChains: { before: 0, after: 1, change: 1 },
      conflicts: { before: 0, after: 0, change: 0 },
    });
    expect(r.weeks).toEqual([
      expect.objectContaining({ week: '2026-W14', meetingHours: { before: 2, after: 3.5, change: 1.5 } }),
    ]);
    // "before" and "after" are complete reports over the proposal's ISO week.
    expect(r.before.days).toHaveLength(7);
    expect(r.after.countedMeetings).toBe(3);
    expect(r.after.weeks[0]!.focusHours).toBe(4 * 8 + 3);

    expect(r.violations.map((v) => v.code)).toEqual(['long-meeting', 'large-meeting', 'back-to-back']);
    const [long, large, b2b] = r.violations;
    expect(long).toEqual({
      code: 'long-meeting',
      source: 'threshold',
      message: 'It lasts 1 h 30 min, longer than 1 h.',
      suggestion: {
        kind: 'shorten',
        text: 'Shorten it to 50 min (ending 10:50).',
        minutes: 50,
        start: '2026-03-30T10:00:00+02:00',
        end: '2026-03-30T10:50:00+02:00',
      },
    });
    expect(large!.message).toBe('It has 10 attendees, more than 8.');
    expect(large!.suggestion.kind).toBe('make-async');
    expect(b2b!.message).toBe(
      'It leaves no 10 min break: the meeting before ends at 10:00. That makes 2 meetings in a row (2 h 30 min) without a break.',
    );
    // Nearest time on the same day with 10-minute breaks on both sides that keeps a focus block.
    expect(b2b!.suggestion).toEqual({
      kind: 'new-time',
      text: 'Move it to Mon 30 Mar 10:10–11:40.',
      start: '2026-03-30T10:10:00+02:00',
      end: '2026-03-30T11:40:00+02:00',
    });
  });

  it('reports a conflict; for an invitation the suggestion is to decline with a note (proposal in its own zone)', () => {
    // 03:30 in New York on 30 March = 07:30Z = 09:30 Berlin: inside meeting "a".
    const r = whatIf(
      monday(),
      BERLIN,
      { start: '2026-03-30T03:30:00', end: '2026-03-30T04:00:00', timeZone: 'America/New_York', isOrganizer: false },
      [],
    );
    expect(r.violations.map((v) => v.code)).toEqual(['conflict']);
    const v = r.violations[0]!;
    expect(v.message).toBe('It overlaps a meeting you already have (09:00–10:00).');
    expect(v.suggestion).toEqual({
      kind: 'decline-with-note',
      text: 'Decline with a note that proposes another time.',
      note: 'Thanks for the invitation. I am already booked at that time. Could we move it to Mon 30 Mar 10:10–10:40?',
      start: '2026-03-30T10:10:00+02:00',
      end: '2026-03-30T10:40:00+02:00',
    });
    expect(r.days[0]!.conflicts).toEqual({ before: 0, after: 2, change: 2 });
    expect(r.days[0]!.meetingHours.change).toBe(0); // inside an existing meeting: union unchanged
  });

  it('flags after-hours time and proposes a slot inside working hours', () => {
    const r = whatIf(monday(), BERLIN, proposal('2026-03-30T17:30:00', '2026-03-30T18:30:00'), []);
    expect(r.violations.map((v) => v.code)).toEqual(['after-hours']);
    expect(r.violations[0]!.message).toBe(
      '1 h of it falls outside your working hours (09:00–17:00 on Mon–Fri); that week would have 1.0 h of meetings after hours.',
    );
    expect(r.violations[0]!.suggestion).toMatchObject({ kind: 'new-time', start: '2026-03-30T16:00:00+02:00' });
    expect(r.days[0]!.afterHoursHours).toEqual({ before: 0, after: 1, change: 1 });
  });

  it('flags taking the last focus block of the day and suggests protecting it', () => {
    const events = [
      meeting('2026-03-30T09:00:00', '2026-03-30T12:00:00'),
      meeting('2026-03-30T14:00:00', '2026-03-30T17:00:00'),
    ];
    const r = whatIf(events, BERLIN, proposal('2026-03-30T12:30:00', '2026-03-30T13:00:00'), []);
    expect(r.violations.map((v) => v.code)).toEqual(['last-focus-block']);
    expect(r.violations[0]!.message).toBe('It takes the last 2 h focus block of Mon 30 Mar.');
    // No 30-minute slot on Monday keeps a 2-hour block, so Tuesday at the same time.
    expect(r.violations[0]!.suggestion).toEqual({
      kind: 'protect-focus',
      text: 'Move it to Tue 31 Mar 12:30–13:00 so a 2 h focus block stays free.',
      start: '2026-03-31T12:30:00+02:00',
      end: '2026-03-31T13:00:00+02:00',
    });
    expect(r.days[0]!.focusBlocks).toEqual({ before: 1, after: 0, change: -1 });
  });

  it('flags pushing the week below the low-focus threshold', () => {
    // Each weekday 09:00–12:00 and 14:10–17:00 → 130 min of focus a day, 10.8 h a week.
    const events = ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03'].flatMap((d) => [
      meeting(`${d}T09:00:00`, `${d}T12:00:00`),
      meeting(`${d}T14:10:00`, `${d}T17:00:00`),
    ]);
    const r = whatIf(events, BERLIN, proposal('2026-04-01T12:00:00', '2026-04-01T12:30:00'), []);
    expect(r.violations.map((v) => v.code)).toEqual(['back-to-back', 'last-focus-block', 'low-weekly-focus']);
    expect(r.violations[2]!.message).toBe('Focus time in 2026-W14 would drop from 10.8 h to 8.7 h, below 10.0 h.');
    expect(r.violations[2]!.suggestion.kind).toBe('make-async');
    expect(r.weeks[0]!.focusHours.before).toBeCloseTo(650 / 60, 10);
    expect(r.weeks[0]!.focusHours.after).toBeCloseTo(520 / 60, 10);
  });

  it('reports no violations for a harmless meeting', () => {
    const r = whatIf(monday(), BERLIN, proposal('2026-03-31T10:00:00', '2026-03-31T10:50:00', { attendeeCount: 4 }), [
      { kind: 'no-meetings-after', time: '16:00' },
      { kind: 'default-duration', minutes: [25, 50] },
    ]);
    expect(r.violations).toEqual([]);
    expect(r.summary).toEqual(['Tue 31 Mar: meeting hours 0.0 → 0.8, focus blocks 1 → 1']);
  });

  it('replaces the original when an existing meeting is moved', () => {
    const r = whatIf(monday(), BERLIN, proposal('2026-03-30T15:00:00', '2026-03-30T16:00:00', { id: 'b' }), []);
    expect(r.violations).toEqual([]);
    expect(r.days[0]!.meetingHours).toEqual({ before: 2, after: 2, change: 0 });
    expect(r.days[0]!.focusBlocks).toEqual({ before: 2, after: 1, change: -1 }); // 10:00–15:00 remains
    expect(r.after.countedMeetings).toBe(2);
  });
});

describe('what-if: team agreements', () => {
  const check = (p: ProposedMeeting, rule: AgreementRule) => whatIf(monday(), BERLIN, p, [rule]);

  it('no-meetings-after', () => {
    const rule: AgreementRule = { kind: 'no-meetings-after', time: '16:00' };
    const r = check(proposal('2026-03-31T15:30:00', '2026-03-31T16:30:00'), rule);
    expect(r.violations).toEqual([
      {
        code: 'no-meetings-after',
        source: 'agreement',
        rule,
        message: 'The team agreed on no meetings after 16:00; this one ends at 16:30.',
        suggestion: {
          kind: 'new-time',
          text: 'Move it to Tue 31 Mar 15:00–16:00.',
          start: '2026-03-31T15:00:00+02:00',
          end: '2026-03-31T16:00:00+02:00',
        },
      },
    ]);
    expect(check(proposal('2026-03-31T15:00:00', '2026-03-31T16:00:00'), rule).violations).toEqual([]);
    // For an invitation: decline with a note that names the agreement and proposes the time.
    const invited = check(proposal('2026-03-31T15:30:00', '2026-03-31T16:30:00', { isOrganizer: false }), rule);
    expect(invited.violations[0]!.suggestion.kind).toBe('decline-with-note');
    expect(invited.violations[0]!.suggestion.note).toBe(
      'Thanks for the invitation. Our team agreed on no meetings after 16:00. Could we move it to Tue 31 Mar 15:00–16:00?',
    );
  });

  it('no-meetings-before', () => {
    const rule: AgreementRule = { kind: 'no-meetings-before', time: '10:00' };
    const r = check(proposal('2026-03-31T09:30:00', '2026-03-31T10:00:00'), rule);
    expect(r.violations.map((v) => [v.code, v.message, v.suggestion.start])).toEqual([
      [
        'no-meetings-before',
        'The team agreed on no meetings before 10:00; this one starts at 09:30.',
        '2026-03-31T10:00:00+02:00',
      ],
    ]);
    expect(check(proposal('2026-03-31T10:00:00', '2026-03-31T10:30:00'), rule).violations).toEqual([]);
  });

  it('focus-day', () => {
    const rule: AgreementRule = { kind: 'focus-day', weekday: 3 };
    const r = check(proposal('2026-04-01T10:00:00', '2026-04-01T10:30:00'), rule);
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({
      code: 'focus-day',
      source: 'agreement',
      message: "Wednesday is the team's focus day, and this meeting is on Wed 1 Apr.",
      // The next day that is not the focus day, at the same time.
      suggestion: { kind: 'new-time', start: '2026-04-02T10:00:00+02:00', end: '2026-04-02T10:30:00+02:00' },
    });
    expect(check(proposal('2026-04-02T10:00:00', '2026-04-02T10:30:00'), rule).violations).toEqual([]);
  });

  it('max-attendees', () => {
    const rule: AgreementRule = { kind: 'max-attendees', max: 6 };
    const r = check(proposal('2026-03-31T10:00:00', '2026-03-31T10:30:00', { attendeeCount: 7 }), rule);
    expect(r.violations).toHaveLength(1);
    expect(r.violations[0]).toMatchObject({
      code: 'max-attendees',
      message: 'The team agreed on at most 6 attendees; this meeting has 7.',
      suggestion: {
        kind: 'make-async',
        text: 'Invite at most 6 people and share the outcome with the others in writing, or make it asynchronous.',
      },
    });
    expect(
      check(proposal('2026-03-31T10:00:00', '2026-03-31T10:30:00', { attendeeCount: 6 }), rule).violations,
    ).toEqual([]);
  });

  it('default-duration', () => {
    const rule: AgreementRule = { kind: 'default-duration', minutes: [25, 50] };
    const sixty = check(proposal('2026-03-31T10:00:00', '2026-03-31T11:00:00'), rule);
    expect(sixty.violations).toHaveLength(1);
    expect(sixty.violations[0]).toMatchObject({
      code: 'default-duration',
      message: 'The team agreed on meetings of 25 min or 50 min; this one lasts 1 h.',
      suggestion: { kind: 'shorten', minutes: 50, text: 'Shorten it to 50 min (ending 10:50).' },
    });
    const thirty = check(proposal('2026-03-31T10:00:00', '2026-03-31T10:30:00'), rule);
    expect(thirty.violations[0]!.suggestion).toMatchObject({
      kind: 'shorten',
      minutes: 25,
      end: '2026-03-31T10:25:00+02:00',
    });
    expect(check(proposal('2026-03-31T10:00:00', '2026-03-31T10:50:00'), rule).violations).toEqual([]);
    expect(check(proposal('2026-03-31T10:00:00', '2026-03-31T10:20:00'), rule).violations).toEqual([]); // shorter is fine
  });

  it('uses the agreed lengths when suggesting how to shorten a long meeting', () => {
    const r = whatIf(monday(), BERLIN, proposal('2026-03-31T10:00:00', '2026-03-31T11:30:00'), [
      { kind: 'default-duration', minutes: [15, 45] },
    ]);
    expect(r.violations.map((v) => [v.code, v.suggestion.minutes])).toEqual([
      ['long-meeting', 45],
      ['default-duration', 45],
    ]);
  });
});

describe('what-if: bad input is reported, not thrown', () => {
  it('returns ok: false with reasons for an invalid proposal', () => {
    const r = whatIf(monday(), BERLIN, proposal('2026-03-31T11:00:00', '2026-03-31T10:00:00'), []);
    expect(r.ok).toBe(false);
    expect(r.proposalErrors.map((e) => [e.code, e.message])).toEqual([
      ['end_before_start', 'Proposed meeting: end 2026-03-31T10:00:00 is before start 2026-03-31T11:00:00.'],
    ]);
    expect(r.violations).toEqual([]);
    const unknownZone = whatIf(
      monday(),
      BERLIN,
      { start: '2026-03-31T10:00:00', end: '2026-03-31T11:00:00', timeZone: 'Moon/Base' },
      [],
    );
    expect(unknownZone.ok).toBe(false);
    expect(unknownZone.proposalErrors[0]!.code).toBe('unknown_time_zone');
  });

  it('skips malformed agreements and bad calendar events, and still checks the rest', () => {
    const r = whatIf(
      [...monday(), meeting('yesterday', 'today', { id: 'junk' })],
      BERLIN,
      proposal('2026-03-31T16:30:00', '2026-03-31T17:00:00', { attendeeCount: 12 }),
      [
        { kind: 'no-meetings-after', time: '4pm' },
        { kind: 'bogus' } as unknown as AgreementRule,
        { kind: 'max-attendees', max: 10 },
      ],
    );
    expect(r.ok).toBe(true);
    expect(r.agreementErrors).toEqual([
      'agreement #0 (no-meetings-after): time must be HH:mm',
      'agreement #1: unknown kind "bogus"',
    ]);
    expect(r.errors.map((e) => e.id)).toEqual(['junk', 'junk']);
    expect(r.violations.map((v) => v.code)).toEqual(['large-meeting', 'max-attendees']);
  });
});
