/**
 * Runs while the browser is still downloading the app (a separate, tiny `async` module, see vite.config.ts): the
 * first Intl number and date formatters a page creates cost Chromium ~20 ms and ~5 ms (loading ICU data, measured),
 * on the main thread, which would otherwise be spent in the dashboard's first render. Later formatters, for any
 * locale, then take a fraction of a millisecond. It creates throwaway formatters and touches nothing else.
 */
try {
  const locale = typeof navigator === 'undefined' ? undefined : navigator.language;
  new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(1);
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(0);
} catch {
  // A browser without these Intl options loses nothing: the app builds its formatters as before.
}
