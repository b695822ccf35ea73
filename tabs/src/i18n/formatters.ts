import { weekStart } from '@humandebt/core';
import { createContext, useContext } from 'react';
import { pickLocale } from '@humandebt/web';

/** Locale-aware formatting, created once per locale: Intl formatters are costly to build and cheap to reuse. */
export interface Formatters {
  readonly locale: string;
  number(value: number): string;
  /** A number with a fixed count of decimals ("3.4", "3,4" in de-DE): scores are shown to one decimal. */
  decimal(value: number, fractionDigits?: number): string;
  /** A signed difference ("+0.4", "−0.2"), for effects. */
  signed(value: number, fractionDigits?: number): string;
  /** A calendar date ("3 Nov 2026" in en-GB). */
  date(value: Date): string;
  /** An ISO date string (as the API sends it) as a calendar date; the raw string when it does not parse. */
  isoDate(value: string): string;
  /** An ISO week id ("2026-W48") as the short date of its Monday ("23 Nov"), the way people read a calendar. */
  week(weekId: string): string;
  /** The same as `week`, with the year, for captions and tables that may span a year end. */
  weekLong(weekId: string): string;
}

/** Builds an Intl formatter on first use: each costs milliseconds to create, and a page uses only some of them. */
function lazily<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export function createFormatters(locale: string): Formatters {
  const tag = pickLocale(locale);
  const numberFormat = lazily(() => new Intl.NumberFormat(tag));
  const decimals = new Map<number, Intl.NumberFormat>();
  const signedFormats = new Map<number, Intl.NumberFormat>();
  const fixed = (digits: number): Intl.NumberFormat => {
    let f = decimals.get(digits);
    if (!f)
      decimals.set(
        digits,
        (f = new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits })),
      );
    return f;
  };
  const signedFixed = (digits: number): Intl.NumberFormat => {
    let f = signedFormats.get(digits);
    if (!f)
      signedFormats.set(
        digits,
        (f = new Intl.NumberFormat(tag, {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
          signDisplay: 'exceptZero',
        })),
      );
    return f;
  };
  const dateFormat = lazily(() => new Intl.DateTimeFormat(tag, { dateStyle: 'medium' }));
  // Week dates are UTC Mondays: format them in UTC so a viewer west of Greenwich does not see the Sunday before.
  const weekFormat = lazily(() => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' }));
  const weekLongFormat = lazily(() => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }));
  const safeWeek = (format: () => Intl.DateTimeFormat, weekId: string): string => {
    try {
      return format().format(weekStart(weekId));
    } catch {
      return weekId;
    }
  };
  return {
    locale: tag,
    number: (value) => numberFormat().format(value),
    decimal: (value, fractionDigits = 1) => fixed(fractionDigits).format(value),
    signed: (value, fractionDigits = 1) => signedFixed(fractionDigits).format(value),
    date: (value) => dateFormat().format(value),
    isoDate(value) {
      const parsed = new Date(value);
      return Number.isNaN(parsed.getTime()) ? value : dateFormat().format(parsed);
    },
    week: (weekId) => safeWeek(weekFormat, weekId),
    weekLong: (weekId) => safeWeek(weekLongFormat, weekId),
  };
}

export const FormattersContext = createContext<Formatters>(createFormatters('en-US'));

export function useFormatters(): Formatters {
  return useContext(FormattersContext);
}
