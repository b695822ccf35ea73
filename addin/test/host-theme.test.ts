import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { themeFromQuery, toFluentTheme, WEB_FLUENT_THEMES } from '@humandebt/web';
import { themeFromBackgroundColor } from '../src/theme/outlook-theme';

describe('toFluentTheme', () => {
  it('maps default/dark/contrast to the Fluent web themes and the high-contrast theme', () => {
    expect(toFluentTheme('default', WEB_FLUENT_THEMES)).toBe(webLightTheme);
    expect(toFluentTheme('dark', WEB_FLUENT_THEMES)).toBe(webDarkTheme);
    expect(toFluentTheme('contrast', WEB_FLUENT_THEMES)).toBe(teamsHighContrastTheme);
  });
});

describe('themeFromBackgroundColor (Outlook reports colours, not a dark flag)', () => {
  it('reads light and dark Outlook body colours', () => {
    expect(themeFromBackgroundColor('#FFFFFF')).toBe('default');
    expect(themeFromBackgroundColor('#f3f2f1')).toBe('default');
    expect(themeFromBackgroundColor('#1F1F1F')).toBe('dark');
    expect(themeFromBackgroundColor('#292827')).toBe('dark');
    expect(themeFromBackgroundColor('#000')).toBe('dark');
    expect(themeFromBackgroundColor('fff')).toBe('default');
  });

  it('gives no answer for anything that is not a hex colour', () => {
    expect(themeFromBackgroundColor(undefined)).toBeUndefined();
    expect(themeFromBackgroundColor('')).toBeUndefined();
    expect(themeFromBackgroundColor('rgb(0,0,0)')).toBeUndefined();
  });
});

describe('themeFromQuery', () => {
  it('reads ?theme= and ignores unknown values', () => {
    expect(themeFromQuery('?theme=dark')).toBe('dark');
    expect(themeFromQuery('?theme=contrast')).toBe('contrast');
    expect(themeFromQuery('?theme=blue')).toBeUndefined();
  });
});
