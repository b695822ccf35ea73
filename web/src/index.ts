/**
 * Browser code shared by the Teams tab (tabs/) and the Outlook add-in (addin/): the API client, the loading hook, the
 * two notices every screen shows, the host-theme mapping and locale picking. Host SDKs (teams-js, office-js, MSAL)
 * stay in the apps' seam folders; nothing here may import them or bot/ (test/architecture.test.ts).
 */
export { ApiError, CLIENT_MESSAGES, createApiClient, toApiError } from './api/api-client';
export type { ApiClient, ApiClientOptions, ClientErrorCode, Schema } from './api/api-client';
export { useResource, type Resource } from './api/use-resource';
export { preloadMeAndTeams, useMeAndTeams, type MeAndTeams, type MeAndTeamsPreload } from './api/use-me-and-teams';
export { Preload, settledWithin } from './api/preload';
export { ErrorNotice, type ErrorNoticeProps } from './components/ErrorNotice';
export { LocalDemoBanner, type LocalDemoBannerProps } from './components/LocalDemoBanner';
export { isHostTheme, systemTheme, themeFromQuery, toFluentTheme, watchSystemTheme } from './theme/host-theme';
export type { FluentThemes, HostTheme, MatchMedia } from './theme/host-theme';
export { TEAMS_FLUENT_THEMES, WEB_FLUENT_THEMES } from './theme/fluent-themes';
export { pickLocale } from './i18n/locale';
