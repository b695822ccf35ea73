import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/** The task pane's three looks. Outlook itself only reports light or dark; contrast comes from the OS. */
export type HostTheme = 'default' | 'dark' | 'contrast';

const HOST_THEMES: ReadonlySet<string> = new Set<HostTheme>(['default', 'dark', 'contrast']);

export function isHostTheme(value: unknown): value is HostTheme {
  return typeof value === 'string' && HOST_THEMES.has(value);
}

/**
 * Outlook's own UI is Fluent "web", so the pane uses the web themes; Fluent v9 ships one high-contrast theme (the
 * Teams one), which is built on system colours and fits any host.
 */
export function toFluentTheme(theme: HostTheme): Theme {
  switch (theme) {
    case 'dark':
      return webDarkTheme;
    case 'contrast':
      return teamsHighContrastTheme;
    case 'default':
      return webLightTheme;
  }
}

/** `?theme=default|dark|contrast` pins the theme, so browser tests can exercise every theme outside Outlook. */
export function themeFromQuery(search: string): HostTheme | undefined {
  const value = new URLSearchParams(search).get('theme');
  return isHostTheme(value) ? value : undefined;
}

/**
 * Outlook has no "is dark" flag (`officeTheme.isDarkTheme` is not supported there); Microsoft's advice is to read
 * the body colours. A background darker than mid-grey (perceived brightness, ITU-R BT.601 weights) is a dark theme.
 * Returns undefined for anything that is not a #rgb / #rrggbb colour.
 */
export function themeFromBackgroundColor(color: string | undefined): HostTheme | undefined {
  const match = color?.trim().match(/^#?([0-9a-f]{3}|[0-9a-f]{6})$/i);
  if (!match?.[1]) return undefined;
  const hex = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  const brightness = (r * 299 + g * 587 + b * 114) / 1000;
  return brightness < 128 ? 'dark' : 'default';
}

export type MatchMedia = (query: string) => MediaQueryList;

// Forced colours (Windows high contrast) win over everything: the person needs them even if Outlook is dark.
const CONTRAST_QUERIES = ['(forced-colors: active)', '(prefers-contrast: more)'] as const;
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme the browser/OS asks for. Without `matchMedia` (jsdom, old webviews) it is the default light theme. */
export function systemTheme(matchMedia: MatchMedia | undefined): HostTheme {
  if (!matchMedia) return 'default';
  if (CONTRAST_QUERIES.some((query) => matchMedia(query).matches)) return 'contrast';
  return matchMedia(DARK_QUERY).matches ? 'dark' : 'default';
}

/** Calls `listener` whenever one of the media queries flips; returns the unsubscribe. */
export function watchSystemTheme(matchMedia: MatchMedia | undefined, listener: () => void): () => void {
  if (!matchMedia) return () => undefined;
  const lists = [...CONTRAST_QUERIES, DARK_QUERY].map((query) => matchMedia(query));
  for (const list of lists) list.addEventListener('change', listener);
  return () => {
    for (const list of lists) list.removeEventListener('change', listener);
  };
}
