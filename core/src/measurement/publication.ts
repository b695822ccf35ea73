import { addWeeks, isoWeekOf, weekStart } from '../time/iso-week';

/**
 * When a week's figures may be shown. A figure that can still change after people have seen it can be differenced:
 * the team mean at 5 answers and again at 6 gives the sixth person's answer exactly (6·m₆ − 5·m₅), and the list of
 * comments before and after a late answer gives that person's comment word for word. So every week is collected in
 * a window, and its figures are published only once the window has closed, when they can no longer change:
 *
 * - **Pulse answers** for week W are taken from Monday of W until Monday 12:00 UTC of the week after (so a team on
 *   the far side of the date line gets all of its Sunday). W's scores appear once that window has closed.
 * - **Meeting-load shares** are of a finished week: W can be shared during the week after it (the add-in offers the
 *   last complete week) until Monday 12:00 UTC of the week after that; the team's figures for W appear then.
 *
 * Windows open 14 hours before Monday 00:00 UTC (UTC+14 is the earliest Monday on Earth). Seeded history and tests
 * pass the time the answer is given, so nothing here reads the clock.
 */

const HOUR_MS = 3_600_000;
/** Monday 00:00 at UTC+14 is this long before Monday 00:00 UTC. */
export const WINDOW_OPENS_EARLY_MS = 14 * HOUR_MS;
/** Sunday 24:00 at UTC−12 is this long after Monday 00:00 UTC. */
export const WINDOW_CLOSES_LATE_MS = 12 * HOUR_MS;

export interface Window {
  opens: Date;
  closes: Date;
}

function window(firstWeek: string): Window {
  return {
    opens: new Date(weekStart(firstWeek).getTime() - WINDOW_OPENS_EARLY_MS),
    closes: new Date(weekStart(addWeeks(firstWeek, 1)).getTime() + WINDOW_CLOSES_LATE_MS),
  };
}

const within = (w: Window, now: Date): boolean =>
  now.getTime() >= w.opens.getTime() && now.getTime() < w.closes.getTime();

/** When answers to week `week`'s pulse are taken. */
export function pulseWindow(week: string): Window {
  return window(week);
}

export function isPulseWeekOpen(week: string, now: Date): boolean {
  return within(pulseWindow(week), now);
}

/** The latest week whose pulse window has closed: the last week whose scores may be shown at `now`. */
export function lastPublishedPulseWeek(now: Date): string {
  const previous = addWeeks(isoWeekOf(now), -1);
  return pulseWindow(previous).closes.getTime() <= now.getTime() ? previous : addWeeks(previous, -1);
}

/** When shares of the finished week `week` are taken (during the week after it). */
export function shareWindow(week: string): Window {
  return window(addWeeks(week, 1));
}

export function isShareWeekOpen(week: string, now: Date): boolean {
  return within(shareWindow(week), now);
}

/** The latest week whose meeting-load sharing has closed: the last week whose team figures may be shown. */
export function lastPublishedShareWeek(now: Date): string {
  return addWeeks(lastPublishedPulseWeek(now), -1);
}

/** Whether a week's pulse figures may be shown at `now`. */
export function isPulseWeekPublished(week: string, now: Date): boolean {
  return week <= lastPublishedPulseWeek(now);
}

/** Whether a week's meeting-load figures may be shown at `now`. */
export function isShareWeekPublished(week: string, now: Date): boolean {
  return week <= lastPublishedShareWeek(now);
}
