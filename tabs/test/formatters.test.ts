import { describe, expect, it } from 'vitest';
import { pickLocale } from '@humandebt/web';
import { createFormatters } from '../src/i18n/formatters';

describe('pickLocale', () => {
  it('canonicalises the Teams locale and skips invalid or missing candidates', () => {
    expect(pickLocale('en-us')).toBe('en-US');
    expect(pickLocale(undefined, 'not a locale!', 'fr-ca')).toBe('fr-CA');
    expect(pickLocale(undefined, '')).toBe('en-US');
  });
});

describe('createFormatters', () => {
  it('formats numbers and dates with Intl in the given locale', () => {
    const de = createFormatters('de-de');
    expect(de.locale).toBe('de-DE');
    expect(de.number(1234567)).toBe('1.234.567');
    expect(de.date(new Date(Date.UTC(2026, 10, 3, 12)))).toBe('03.11.2026');
    expect(createFormatters('en-GB').date(new Date(Date.UTC(2026, 10, 3, 12)))).toBe('3 Nov 2026');
  });
});
