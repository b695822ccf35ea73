/**
 * Locale-aware wording for meeting-load figures. Times are shown in the person's zone (the zone the engine used), not
 * the browser's, so the day list and the figures always agree.
 */
export interface LoadFormat {
  locale: string;
  timeZone: string;
  /** "7.5 h" */
  hours(value: number): string;
  /** "42 %" */
  percent(share: number): string;
  count(value: number): string;
  /** "Mon, Nov 30" for a local date YYYY-MM-DD. */
  day(date: string): string;
  /** "Monday" */
  weekday(date: string): string;
  /** "9:30 – 9:45 AM" */
  timeRange(start: number, end: number): string;
  /** "Nov 23 – 29" */
  dateRange(from: string, to: string): string;
}

const cache = new Map<string, LoadFormat>();

/** One Intl formatter, built on first use: creating a DateTimeFormat loads locale and zone data (milliseconds each). */
function lazily<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= create());
}

export function loadFormat(locale: string, timeZone: string): LoadFormat {
  const key = `${locale}|${timeZone}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const oneDecimal = lazily(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }));
  const whole = lazily(() => new Intl.NumberFormat(locale));
  const percent = lazily(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }));
  const day = lazily(
    () => new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }),
  );
  const weekday = lazily(() => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }));
  const time = lazily(() => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }));
  const dates = lazily(() => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }));
  const utcDate = (date: string): Date => new Date(`${date}T00:00:00Z`);
  const format: LoadFormat = {
    locale,
    timeZone,
    hours: (value) => `${oneDecimal().format(Math.round(value * 10) / 10)} h`,
    percent: (share) => percent().format(share),
    count: (value) => whole().format(value),
    day: (date) => day().format(utcDate(date)),
    weekday: (date) => weekday().format(utcDate(date)),
    timeRange: (start, end) => (end > start ? time().formatRange(start, end) : time().format(start)),
    dateRange: (from, to) => dates().formatRange(utcDate(from), utcDate(to)),
  };
  cache.set(key, format);
  return format;
}
