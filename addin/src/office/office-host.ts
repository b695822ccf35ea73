import {
  type HostTheme,
  type MatchMedia,
  pickLocale,
  systemTheme,
  themeFromQuery,
  watchSystemTheme,
} from '@humandebt/web';
import { themeFromBackgroundColor } from '../theme/outlook-theme';
import type { CalendarSource } from '../calendar/calendar-source';
import type { AuthConfig } from './auth-config';
import type { TokenProvider } from './naa-auth';
import { loadOfficeRuntime, type AppointmentAccess, type OfficeRuntime } from './office-runtime';

/**
 * Everything the task pane needs from its host. The rest of the add-in sees only this interface, so it never learns
 * whether it runs in Outlook or in a plain browser (the local demo), and never touches `Office`.
 */
export interface OfficeHost {
  readonly mode: 'outlook' | 'standalone';
  /** BCP 47 tag for number and date formatting (Office display language, else the browser's). */
  readonly locale: string;
  getTheme(): HostTheme;
  subscribe(listener: (theme: HostTheme) => void): () => void;
  /** A bearer token for the service (NAA in Outlook when configured); undefined in the local demo. */
  getToken(): Promise<string | undefined>;
  /** The person's Outlook calendar (Graph through NAA); undefined outside Outlook or without sign-in configured. */
  readonly calendar?: CalendarSource;
  /** Why the Outlook calendar is not in use although the pane runs in Outlook. */
  readonly calendarNotice?: string;
  /** The appointment open in Outlook; undefined outside Outlook. */
  readonly appointment?: AppointmentAccess;
}

export interface BrowserEnvironment {
  search: string;
  language: string | undefined;
  matchMedia: MatchMedia | undefined;
}

export interface ConnectOfficeOptions {
  loadRuntime?: () => Promise<OfficeRuntime | undefined>;
  /** Upper bound for `Office.onReady()`; outside an Office host office.js answers at once with host null. */
  readyTimeoutMs?: number;
  environment?: BrowserEnvironment;
  /** Sign-in settings; defaults to the build's VITE_* values. */
  auth?: AuthConfig | undefined;
  /** Creates the NAA token provider; defaults to loading MSAL on first use. */
  createTokenProvider?: (config: AuthConfig) => Promise<TokenProvider>;
  fetch?: typeof fetch;
}

/** office.js is ~30 KB plus host scripts from a CDN; a generous bound that still never leaves the pane blank for long. */
export const OFFICE_SCRIPT_TIMEOUT_MS = 5000;
export const OFFICE_READY_TIMEOUT_MS = 3000;

/** Detects Outlook and returns the matching host. Never throws: any failure means standalone. */
export async function connectOfficeHost(options: ConnectOfficeOptions = {}): Promise<OfficeHost> {
  const environment = options.environment ?? browserEnvironment();
  const loadRuntime = options.loadRuntime ?? (() => loadOfficeRuntime(OFFICE_SCRIPT_TIMEOUT_MS));
  const runtime = await readyOutlook(loadRuntime, options.readyTimeoutMs ?? OFFICE_READY_TIMEOUT_MS);

  const pinned = themeFromQuery(environment.search);
  let officeBackground = runtime?.bodyBackgroundColor();
  const compute = (): HostTheme => {
    if (pinned) return pinned;
    const system = systemTheme(environment.matchMedia);
    // High contrast is an OS setting Outlook does not report: honour it first, then Outlook's theme, then the OS.
    if (system === 'contrast') return 'contrast';
    return themeFromBackgroundColor(officeBackground) ?? system;
  };
  let theme = compute();
  const listeners = new Set<(theme: HostTheme) => void>();
  const update = (): void => {
    const next = compute();
    if (next === theme) return;
    theme = next;
    for (const listener of listeners) listener(theme);
  };
  if (!pinned) {
    watchSystemTheme(environment.matchMedia, update);
    runtime?.onThemeChange((color) => {
      officeBackground = color;
      update();
    });
  }

  const host: OfficeHost = {
    mode: runtime ? 'outlook' : 'standalone',
    locale: pickLocale(runtime?.displayLanguage(), environment.language),
    getTheme: () => theme,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getToken: () => Promise.resolve(undefined),
  };
  if (!runtime) return host;
  // The Outlook-only parts (Graph, appointment, sign-in) are a separate chunk: the local demo never loads them.
  const { outlookServices } = await import('./outlook-services');
  return { ...host, ...outlookServices(runtime, options) };
}

/** The runtime if office.js loaded and `onReady` says the host is Outlook in time; otherwise undefined. */
async function readyOutlook(
  loadRuntime: () => Promise<OfficeRuntime | undefined>,
  timeoutMs: number,
): Promise<OfficeRuntime | undefined> {
  let runtime: OfficeRuntime | undefined;
  try {
    runtime = await loadRuntime();
  } catch {
    return undefined;
  }
  if (!runtime) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const info = await Promise.race([runtime.onReady().catch(() => null), timedOut]);
    return info?.host === 'Outlook' ? runtime : undefined;
  } finally {
    clearTimeout(timer);
  }
}

function browserEnvironment(): BrowserEnvironment {
  return {
    search: window.location.search,
    language: navigator.language,
    matchMedia: typeof window.matchMedia === 'function' ? (query) => window.matchMedia(query) : undefined,
  };
}
