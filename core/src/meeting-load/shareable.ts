import { ValidationError } from '../errors';
import type { MetricSums } from '../store/documents';
import type { WeekFigures } from './types';

/**
 * The only meeting-load data that leaves a person's device (opt-in): one complete week reduced to a handful of
 * numbers. No titles, times, attendees or ids — not even the dates of focus blocks. Values are rounded (hours to
 * 0.1, shares to 0.01) so a shared figure cannot be matched back to a particular calendar entry.
 */

export const SHAREABLE_METRICS = [
  'meetings',
  'meetingHours',
  'workingTimeShare',
  'focusHours',
  'focusBlocks',
  'lowFocusWeek',
  'backToBackChains',
  'backToBackHours',
  'longestChainMeetings',
  'afterHoursHours',
  'conflicts',
  'conflictShare',
  'longMeetings',
  'largeMeetings',
  'recurringShare',
] as const;

export type ShareableMetric = (typeof SHAREABLE_METRICS)[number];

export interface ShareableWeek {
  /** ISO week id (the MeetingLoadDoc key), e.g. 2026-W14. */
  week: string;
  metrics: Record<ShareableMetric, number>;
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/**
 * Reduces a week's personal figures to shareable numbers. Only complete weeks (7 analysed days) may be shared,
 * otherwise a partial week would pull the team's averages down; a partial week throws a ValidationError.
 */
export function toShareableWeek(week: WeekFigures): ShareableWeek {
  if (!week.complete) {
    throw new ValidationError('Only complete weeks can be shared.', [`${week.week} has ${week.days} of 7 days`]);
  }
  return {
    week: week.week,
    metrics: {
      meetings: week.meetings,
      meetingHours: round(week.meetingHours, 1),
      workingTimeShare: round(week.workingTimeShare, 2),
      focusHours: round(week.focusHours, 1),
      focusBlocks: week.focusBlockCount,
      lowFocusWeek: week.lowFocus ? 1 : 0,
      backToBackChains: week.backToBack.chains,
      backToBackHours: round(week.backToBack.minutes / 60, 1),
      longestChainMeetings: week.backToBack.longestChainMeetings,
      afterHoursHours: round(week.afterHoursHours, 1),
      conflicts: week.conflicts.meetings,
      conflictShare: round(week.conflicts.share, 2),
      longMeetings: week.longMeetings,
      largeMeetings: week.largeMeetings,
      recurringShare: round(week.recurringShare, 2),
    },
  };
}

/**
 * Adds one person's shareable week into MeetingLoadDoc.metrics (n, sum, sum of squares per metric), returning a new
 * record; the input is not changed. Metrics already in the record but not in `shareable` are kept as they are.
 * The caller increments `sharers` on the document in the same write.
 */
export function addToMeetingLoadMetrics(
  metrics: Readonly<Record<string, MetricSums>>,
  shareable: ShareableWeek,
): Record<string, MetricSums> {
  const out: Record<string, MetricSums> = {};
  for (const [key, sums] of Object.entries(metrics)) out[key] = { n: sums.n, sum: sums.sum, sumSq: sums.sumSq };
  for (const key of SHAREABLE_METRICS) {
    const v = shareable.metrics[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ValidationError('A shared meeting-load figure is not a number.', [`${key}: must be a finite number`]);
    }
    const prev = out[key] ?? { n: 0, sum: 0, sumSq: 0 };
    out[key] = { n: prev.n + 1, sum: prev.sum + v, sumSq: prev.sumSq + v * v };
  }
  return out;
}
