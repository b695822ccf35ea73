import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import {
  systemTheme,
  TEAMS_FLUENT_THEMES,
  themeFromQuery,
  toFluentTheme,
  watchSystemTheme,
  type MatchMedia,
} from '../src/index';

/** A matchMedia whose answers the test sets, with change events like the real one. */
function fakeMatchMedia(matching: ReadonlySet<string>) {
  const lists = new Map<string, MediaQueryList>();
  const targets = new Map<string, EventTarget>();
  const matchMedia: MatchMedia = (query) => {
    let list = lists.get(query);
    if (!list) {
      const target = new EventTarget();
      targets.set(query, target);
      list = {
        get matches() {
          return matching.has(query);
        },
        media: query,
        addEventListener: (type: string, fn: EventListener) => target.addEventListener(type, fn),
        removeEventListener: (type: string, fn: EventListener) => target.removeEventListener(type, fn),
      } as unknown as MediaQueryList;
      lists.set(query, list);
    }
    return list;
  };
  return { matchMedia, change: (query: string) => targets.get(query)?.dispatchEvent(new Event('change')) };
}

describe('toFluentTheme', () => {
  it('maps each Teams theme to its Fluent v9 Teams theme', () => {
    expect(toFluentTheme('default', TEAMS_FLUENT_THEMES)).toBe(teamsLightTheme);
    expect(toFluentTheme('dark', TEAMS_FLUENT_THEMES)).toBe(teamsDarkTheme);
    expect(toFluentTheme('contrast', TEAMS_FLUENT_THEMES)).toBe(teamsHighContrastTheme);
  });
});

describe('themeFromQuery', () => {
  it('reads ?theme= and ignores unknown values', () => {
    expect(themeFromQuery('?theme=dark')).toBe('dark');
    expect(themeFromQuery('?x=1&theme=contrast')).toBe('contrast');
    expect(themeFromQuery('?theme=default')).toBe('default');
    expect(themeFromQuery('?theme=glass')).toBeUndefined();
    expect(themeFromQuery('')).toBeUndefined();
  });
});

describe('systemTheme', () => {
  it('is the light default without matchMedia', () => {
    expect(systemTheme(undefined)).toBe('default');
  });

  it('follows prefers-color-scheme', () => {
    expect(systemTheme(fakeMatchMedia(new Set()).matchMedia)).toBe('default');
    expect(systemTheme(fakeMatchMedia(new Set(['(prefers-color-scheme: dark)'])).matchMedia)).toBe('dark');
  });

  it('puts forced colours and prefers-contrast ahead of a dark scheme', () => {
    const forced = fakeMatchMedia(new Set(['(forced-colors: active)', '(prefers-color-scheme: dark)']));
    expect(systemTheme(forced.matchMedia)).toBe('contrast');
    expect(systemTheme(fakeMatchMedia(new Set(['(prefers-contrast: more)'])).matchMedia)).toBe('contrast');
  });

  it('reports a live change and stops after unsubscribe', () => {
    const matching = new Set<string>();
    const media = fakeMatchMedia(matching);
    const seen: string[] = [];
    const stop = watchSystemTheme(media.matchMedia, (theme) => seen.push(theme));
    matching.add('(prefers-color-scheme: dark)');
    media.change('(prefers-color-scheme: dark)');
    matching.add('(forced-colors: active)');
    media.change('(forced-colors: active)');
    stop();
    media.change('(forced-colors: active)');
    expect(seen).toEqual(['dark', 'contrast']);
  });
});
