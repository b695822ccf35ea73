import type { Theme } from '@fluentui/react-components';

/**
 * The three looks a host can ask for ("default" is the light one). Teams reports one of them; Outlook only reports
 * its colours (see addin/src/theme); standalone, each app maps the system settings onto them.
 */
export type HostTheme = 'default' | 'dark' | 'contrast';

const HOST_THEMES: ReadonlySet<string> = new Set<HostTheme>(['default', 'dark', 'contrast']);

export function isHostTheme(value: unknown): value is HostTheme {
  return typeof value === 'string' && HOST_THEMES.has(value);
}

/** One Fluent v9 theme per host theme: the one part of the mapping that differs between the tab and the task pane. */
export type FluentThemes = Readonly<Record<HostTheme, Theme>>;

/** The Fluent v9 theme that matches a host theme, from the app's own set (fluent-themes.ts), so it looks native. */
export function toFluentTheme(theme: HostTheme, themes: FluentThemes): Theme {
  return themes[theme];
}

/**
 * `?theme=default|dark|contrast` pins the theme. It exists so browser tests and screenshots can exercise every theme
 * without a Teams or Outlook client; an unknown value is ignored rather than guessed at.
 */
export function themeFromQuery(search: string): HostTheme | undefined {
  const value = new URLSearchParams(search).get('theme');
  return isHostTheme(value) ? value : undefined;
}

export type MatchMedia = (query: string) => MediaQueryList;

// Forced colours (Windows high contrast) come first: a user who forces colours needs the contrast theme even when
// the scheme (or the host) is also dark. `prefers-contrast: more` is the non-Windows way of asking for the same thing.
const CONTRAST_QUERIES = ['(forced-colors: active)', '(prefers-contrast: more)'] as const;
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme the browser/OS asks for. Without `matchMedia` (old webviews, jsdom) it is the default light theme. */
export function systemTheme(matchMedia: MatchMedia | undefined): HostTheme {
  if (!matchMedia) return 'default';
  if (CONTRAST_QUERIES.some((query) => matchMedia(query).matches)) return 'contrast';
  return matchMedia(DARK_QUERY).matches ? 'dark' : 'default';
}

/** Calls `listener` with the new system theme whenever one of the media queries flips; returns the unsubscribe. */
export function watchSystemTheme(matchMedia: MatchMedia | undefined, listener: (theme: HostTheme) => void): () => void {
  if (!matchMedia) return () => undefined;
  const lists = [...CONTRAST_QUERIES, DARK_QUERY].map((query) => matchMedia(query));
  const onChange = (): void => listener(systemTheme(matchMedia));
  for (const list of lists) list.addEventListener('change', onChange);
  return () => {
    for (const list of lists) list.removeEventListener('change', onChange);
  };
}
