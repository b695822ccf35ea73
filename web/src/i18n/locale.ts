const FALLBACK_LOCALE = 'en-US';

/**
 * The first candidate that is a well-formed BCP 47 tag, canonicalised ("en-us" → "en-US"). Teams reports its locale
 * in lower case and a browser may report nothing useful, so everything that formats text goes through here first.
 */
export function pickLocale(...candidates: ReadonlyArray<string | undefined>): string {
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(candidate);
      if (canonical) return canonical;
    } catch {
      // Not a valid tag: try the next one.
    }
  }
  return FALLBACK_LOCALE;
}
