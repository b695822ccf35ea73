import type { CalendarEvent } from '@humandebt/core';

/**
 * Where the pane's calendar comes from. Every source yields the engine's event shape; titles are kept beside the
 * events (the engine never sees them) so the pane can name a meeting on this device without the name ever being part
 * of anything that is analysed or shared.
 */
export type CalendarSourceKind = 'outlook' | 'demo' | 'ics';

export interface CalendarRange {
  /** Inclusive start instant. */
  start: Date;
  /** Exclusive end instant. */
  end: Date;
}

export interface CalendarData {
  events: CalendarEvent[];
  /** Event id → title, for display on this device only. */
  titles: ReadonlyMap<string, string>;
}

export interface CalendarSource {
  readonly kind: CalendarSourceKind;
  /** What the pane says about where the figures come from ("Demo calendar", "my-calendar.ics"). */
  readonly label: string;
  load(range: CalendarRange, signal?: AbortSignal): Promise<CalendarData>;
  /** The data at once, for sources that already hold it in memory (the pane then renders its figures on the first pass). */
  peek?(): CalendarData | undefined;
}

/** A failure to read a calendar; `userMessage` is always safe and specific enough to act on. */
export class CalendarReadError extends Error {
  readonly userMessage: string;
  constructor(userMessage: string, options?: { cause?: unknown }) {
    super(userMessage, options);
    this.name = 'CalendarReadError';
    this.userMessage = userMessage;
  }
}

/** A source over data that is already in memory (the demo calendar, an imported file). */
export function staticCalendarSource(kind: CalendarSourceKind, label: string, data: CalendarData): CalendarSource {
  return { kind, label, load: () => Promise.resolve(data), peek: () => data };
}
