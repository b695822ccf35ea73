import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import type { FluentThemes } from './host-theme';

/** The tab: the Teams themes, so it looks native in every Teams theme. */
export const TEAMS_FLUENT_THEMES: FluentThemes = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

/**
 * The task pane: Outlook's own UI is Fluent "web", so the pane uses the web themes; Fluent v9 ships one high-contrast
 * theme (the Teams one), which is built on system colours and fits any host.
 */
export const WEB_FLUENT_THEMES: FluentThemes = {
  default: webLightTheme,
  dark: webDarkTheme,
  contrast: teamsHighContrastTheme,
};
