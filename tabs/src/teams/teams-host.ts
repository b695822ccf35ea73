import {
  type HostTheme,
  isHostTheme,
  type MatchMedia,
  pickLocale,
  systemTheme,
  themeFromQuery,
  watchSystemTheme,
} from '@humandebt/web';

/**
 * Everything the tab needs from its host, and nothing more. The rest of the tab sees only this interface, so it
 * never learns whether it runs inside Teams or in a plain browser (the local demo), and it never imports teams-js.
 */
export interface TeamsHost {
  readonly mode: 'teams' | 'standalone';
  /** BCP 47 tag used for all number and date formatting. */
  readonly locale: string;
  getTheme(): HostTheme;
  /** Calls `listener` on every theme change (Teams theme switch, or the OS setting when standalone). */
  subscribe(listener: (theme: HostTheme) => void): () => void;
  /** A Teams SSO token for the service, or undefined outside Teams (the local service needs none). */
  getToken(): Promise<string | undefined>;
  /** Tells Teams the tab has rendered (hides the Teams loading indicator when the manifest asks for one). */
  notifyReady(): void;
  /**
   * In a configurable (channel or group-chat) tab: the Human Debt team id the tab was saved with (its entityId).
   * Undefined in the personal tab and outside Teams.
   */
  readonly tabEntityId?: string | undefined;
  /** Present only while Teams shows the tab's configuration page: lets the page pick the team and enable Save. */
  readonly tabConfig?: TabConfigHost | undefined;
}

/** The configuration page's side of Teams' tab set-up: choosing a team enables Save; Save stores the choice. */
export interface TabConfigHost {
  choose(choice: { teamId: string; teamName: string } | undefined): void;
}

/** The tab's saved configuration, in Teams' own terms. */
export interface TabConfig {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
}

/** What the tab reads from the Teams context. */
export interface TeamsContextInfo {
  theme?: string | undefined;
  locale?: string | undefined;
  /** The configurable tab's entityId (teams-js `page.id`). */
  entityId?: string | undefined;
  /** teams-js `page.frameContext`: 'content', 'settings' (the configuration page), 'remove', … */
  frameContext?: string | undefined;
}

/** The slice of teams-js the tab uses. `teams-sdk.ts` implements it over @microsoft/teams-js; tests pass a fake. */
export interface TeamsSdk {
  initialize(): Promise<void>;
  getContext(): Promise<TeamsContextInfo>;
  onThemeChange(handler: (theme: string) => void): void;
  getAuthToken(): Promise<string>;
  notifySuccess(): void;
  /** Enables or disables Teams' Save button on the configuration page. */
  setConfigValid?(valid: boolean): void;
  /** Runs `handler` when the owner presses Save; Teams is told success or failure from its promise. */
  onConfigSave?(handler: () => Promise<void>): void;
  /** Stores the tab's configuration (teams-js `pages.config.setConfig`). */
  setConfig?(config: TabConfig): Promise<void>;
}

/** What the host reads from the page when it is not inside Teams. */
export interface BrowserEnvironment {
  search: string;
  /** The page's origin, for the content URL a configured tab stores (defaults to the current page's origin). */
  origin?: string;
  language: string | undefined;
  matchMedia: MatchMedia | undefined;
  /**
   * Whether a Teams host could be there at all: the page is framed, was opened by another window, or has the
   * mobile clients' native bridge — the same test teams-js makes before it rejects. When false (a plain browser
   * tab: the local demo) the SDK is not even loaded. Unspecified means "maybe": the SDK decides.
   */
  hostable?: boolean;
}

export interface ConnectOptions {
  /** Loads the SDK lazily so teams-js lands in its own chunk and tests never load it. */
  loadSdk?: () => Promise<TeamsSdk>;
  /**
   * How long to wait for `app.initialize()`. In a top-level browser window teams-js rejects at once, but inside a
   * non-Teams iframe it waits for a parent that never answers, so the wait must be short and bounded.
   */
  timeoutMs?: number;
  environment?: BrowserEnvironment;
}

export const DEFAULT_INITIALIZE_TIMEOUT_MS = 1500;

/** Teams reports "default" | "dark" | "contrast"; anything else (a future theme) falls back to the default. */
export function parseTeamsTheme(value: string | undefined): HostTheme {
  return isHostTheme(value) ? value : 'default';
}

/**
 * Connects to Teams if the tab runs inside it, otherwise returns a standalone host. Never throws and never waits
 * longer than `timeoutMs` for Teams: a failure to reach Teams is the normal case for the local demo.
 */
export async function connectTeamsHost(options: ConnectOptions = {}): Promise<TeamsHost> {
  const environment = options.environment ?? browserEnvironment();
  const pinnedTheme = themeFromQuery(environment.search);
  // Outside any possible host, skip loading and initialising teams-js: it would only reject.
  const sdk =
    environment.hostable === false
      ? undefined
      : await initializeWithin(options.loadSdk ?? loadTeamsSdk, options.timeoutMs ?? DEFAULT_INITIALIZE_TIMEOUT_MS);
  if (!sdk) return standaloneHost(environment, pinnedTheme);

  let context: TeamsContextInfo = {};
  try {
    context = await sdk.getContext();
  } catch {
    // Initialised but without context: keep Teams mode (tokens still work) with default theme and browser locale.
  }
  let theme = pinnedTheme ?? parseTeamsTheme(context.theme);
  const listeners = new Set<(theme: HostTheme) => void>();
  if (!pinnedTheme) {
    sdk.onThemeChange((next) => {
      theme = parseTeamsTheme(next);
      for (const listener of listeners) listener(theme);
    });
  }
  return {
    mode: 'teams',
    tabEntityId: context.frameContext === 'content' && context.entityId ? context.entityId : undefined,
    tabConfig: context.frameContext === 'settings' ? tabConfigHost(sdk, environment.origin ?? '') : undefined,
    locale: pickLocale(context.locale, environment.language),
    getTheme: () => theme,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getToken: () => sdk.getAuthToken(),
    notifyReady() {
      try {
        sdk.notifySuccess();
      } catch {
        // Older hosts without the loading-indicator protocol: nothing to hide.
      }
    },
  };
}

/**
 * The configuration page's bridge to Teams. Save stores a content URL that deep-links to the team's dashboard
 * (/tab/#/team/<id>), so the channel tab opens straight on it, with the team id also kept as the tab's entityId.
 */
export function tabConfigHost(sdk: TeamsSdk, origin: string): TabConfigHost {
  let current: { teamId: string; teamName: string } | undefined;
  sdk.setConfigValid?.(false);
  sdk.onConfigSave?.(async () => {
    if (!current || !sdk.setConfig) throw new Error('no team chosen');
    const url = `${origin}/tab/#/team/${encodeURIComponent(current.teamId)}`;
    await sdk.setConfig({
      entityId: current.teamId,
      contentUrl: url,
      websiteUrl: url,
      suggestedDisplayName: `Human Debt: ${current.teamName}`,
    });
  });
  return {
    choose(choice) {
      current = choice;
      sdk.setConfigValid?.(choice !== undefined);
    },
  };
}

function standaloneHost(environment: BrowserEnvironment, pinnedTheme: HostTheme | undefined): TeamsHost {
  let theme = pinnedTheme ?? systemTheme(environment.matchMedia);
  return {
    mode: 'standalone',
    locale: pickLocale(environment.language),
    getTheme: () => theme,
    subscribe(listener) {
      if (pinnedTheme) return () => undefined;
      return watchSystemTheme(environment.matchMedia, (next) => {
        theme = next;
        listener(next);
      });
    },
    getToken: () => Promise.resolve(undefined),
    notifyReady: () => undefined,
  };
}

/** Resolves to the initialised SDK, or undefined when loading or initialising fails or takes too long. */
async function initializeWithin(loadSdk: () => Promise<TeamsSdk>, timeoutMs: number): Promise<TeamsSdk | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  const initialized = (async () => {
    const sdk = await loadSdk();
    await sdk.initialize();
    return sdk;
  })().catch(() => undefined);
  try {
    return await Promise.race([initialized, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

async function loadTeamsSdk(): Promise<TeamsSdk> {
  return (await import('./teams-sdk')).teamsSdk;
}

function browserEnvironment(): BrowserEnvironment {
  return {
    search: window.location.search,
    origin: window.location.origin,
    language: navigator.language,
    matchMedia: typeof window.matchMedia === 'function' ? (query) => window.matchMedia(query) : undefined,
    hostable: couldBeHosted(window),
  };
}

/** teams-js's own test for a host: a parent frame, an opener, or the mobile clients' native interface. */
export function couldBeHosted(w: {
  self: unknown;
  parent: unknown;
  opener: unknown;
  nativeInterface?: unknown;
}): boolean {
  return w.parent !== w.self || Boolean(w.opener) || w.nativeInterface !== undefined;
}
