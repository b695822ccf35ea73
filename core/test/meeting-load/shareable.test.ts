import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors';
import type { MetricSums } from '../../src/store/documents';
import {
  addToMeetingLoadMetrics,
  analyzeMeetingLoad,
  SHAREABLE_METRICS,
  toShareableWeek,
} from '../../src/meeting-load/index';
import { BERLIN, meeting, week } from './fixtures';

const calendar = [
  meeting('2026-03-30T09:00:00', '2026-03-30T10:00:00', { attendeeCount: 12, isRecurring: true }),
  meeting('2026-03-30T10:05:00', '2026-03-30T11:35:00'),
  meeting('2026-03-30T11:00:00', '2026-03-30T11:30:00'),
  meeting('2026-03-31T18:00:00', '2026-03-31T19:20:00'),
];

describe('shareable weekly aggregate', () => {
  it('keeps only numbers: no titles, times, attendees or ids', () => {
    const w = week(analyzeMeetingLoad(calendar, BERLIN), '2026-W14');
    const shared = toShareableWeek(w);
    expect(Object.keys(shared)).toEqual(['week', 'metrics']);
    expect(shared.week).toBe('2026-W14');
    expect(Object.keys(shared.metrics)).toEqual([...SHAREABLE_METRICS]);
    for (const v of Object.values(shared.metrics)) expect(typeof v).toBe('number');
    const json = JSON.stringify(shared);
    expect(json).not.toMatch(/T\d\d:\d\d/); // no times
    expect(json).not.toMatch(/2026-\d\d-\d\d/); // no dates
    expect(json).not.toContain('m1'); // no ids
    // Hand-checked: union 09:00–10:00, 10:05–11:35, 18:00–19:20 = 60 + 90 + 80 = 230 min.
    expect(shared.metrics).toEqual({
      meetings: 4,
      meetingHours: 3.8,
      workingTimeShare: 0.06, // 150 of 2400 working minutes
      focusHours: 37.4, // Mon 11:35–17:00 (325 min) + 4 empty days × 480 = 2245 min
      focusBlocks: 5,
      lowFocusWeek: 0,
      backToBackChains: 1,
      backToBackHours: 2.6, // 09:00–11:35
      longestChainMeetings: 3,
      afterHoursHours: 1.3,
      conflicts: 2,
      conflictShare: 0.5,
      longMeetings: 2,
      largeMeetings: 1,
      recurringShare: 0.25,
    });
  });

  it('adds a week into MeetingLoadDoc.metrics as n / sum / sum of squares, without changing the input', () => {
    const shared = toShareableWeek(week(analyzeMeetingLoad(calendar, BERLIN), '2026-W14'));
    const existing: Record<string, MetricSums> = {
      meetingHours: { n: 2, sum: 10, sumSq: 58 },
      legacyMetric: { n: 1, sum: 3, sumSq: 9 },
    };
    const frozen = structuredClone(existing);
    const next = addToMeetingLoadMetrics(existing, shared);
    expect(existing).toEqual(frozen);
    expect(next['meetingHours']).toEqual({ n: 3, sum: 13.8, sumSq: 58 + 3.8 * 3.8 });
    expect(next['conflicts']).toEqual({ n: 1, sum: 2, sumSq: 4 });
    expect(next['legacyMetric']).toEqual({ n: 1, sum: 3, sumSq: 9 });
    expect(Object.keys(next).sort()).toEqual([...SHAREABLE_METRICS, 'legacyMetric'].sort());
    const twice = addToMeetingLoadMetrics(next, shared);
    expect(twice['focusBlocks']).toEqual({ n: 2, sum: 10, sumSq: 50 });
  });

  it('refuses partial weeks and non-numbers', () => {
    const partial = analyzeMeetingLoad(calendar, BERLIN, { from: '2026-03-30', to: '2026-04-01' });
    expect(() => toShareableWeek(partial.weeks[0]!)).toThrow(ValidationError);
    const shared = toShareableWeek(week(analyzeMeetingLoad(calendar, BERLIN), '2026-W14'));
    const broken = { ...shared, metrics: { ...shared.metrics, meetingHours: Number.NaN } };
    expect(() => addToMeetingLoadMetrics({}, broken)).toThrow(ValidationError);
  });
});
