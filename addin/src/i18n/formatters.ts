import { createContext, useContext } from 'react';
import { pickLocale } from '@humandebt/web';

/** Locale-aware formatting, created once per locale: Intl formatters are costly to build and cheap to reuse. */
export interface Formatters {
  readonly locale: string;
  number(value: number): string;
  /** A calendar date ("3 Nov 2026" in en-GB). */
  date(value: Date): string;
}

export function createFormatters(locale: string): Formatters {
  const tag = pickLocale(locale);
  const numberFormat = new Intl.NumberFormat(tag);
  const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  return {
    locale: tag,
    number: (value) => numberFormat.format(value),
    date: (value) => dateFormat.format(value),
  };
}

export const FormattersContext = createContext<Formatters>(createFormatters('en-US'));

export function useFormatters(): Formatters {
  return useContext(FormattersContext);
}
