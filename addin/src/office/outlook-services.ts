import { browserTimeZone } from '../calendar/local-week';
import { readAppointment, watchAppointment } from './appointment';
import { authConfig, type AuthConfig } from './auth-config';
import { GRAPH_CALENDAR_SCOPE, graphCalendarSource } from './graph-calendar';
import type { TokenProvider } from './naa-auth';
import type { ConnectOfficeOptions, OfficeHost } from './office-host';
import type { AppointmentAccess, OfficeRuntime } from './office-runtime';

/** In Outlook: the open appointment, and — with sign-in configured — tokens and the calendar through NAA. */
export function outlookServices(runtime: OfficeRuntime, options: ConnectOfficeOptions): Partial<OfficeHost> {
  const services: { -readonly [K in keyof OfficeHost]?: OfficeHost[K] } = {};
  const appointment = runtime.appointment ? runtime.appointment() : globalAppointment();
  if (appointment) services.appointment = appointment;
  const config = 'auth' in options ? options.auth : authConfig();
  if (!config) {
    services.calendarNotice =
      'Sign-in is not configured for this add-in, so it cannot read your Outlook calendar; the figures below are demo data.';
    return services;
  }
  const create =
    options.createTokenProvider ?? (async (c: AuthConfig) => (await import('./naa-auth')).createNaaTokenProvider(c));
  let provider: Promise<TokenProvider> | undefined;
  const tokens = (): Promise<TokenProvider> => {
    // MSAL (~80 KB gzip) is loaded on the first token request, never for the first render.
    provider ??= create(config).catch((error: unknown) => {
      provider = undefined;
      throw error;
    });
    return provider;
  };
  const { apiScope } = config;
  services.getToken = apiScope
    ? async () => (await tokens()).getToken([apiScope], { interactive: true })
    : () => Promise.resolve(undefined);
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  services.calendar = graphCalendarSource({
    fetch: fetchImpl,
    getToken: async () => (await tokens()).getToken([GRAPH_CALENDAR_SCOPE], { interactive: true }),
    fallbackZone: browserTimeZone(),
  });
  return services;
}

/** The open appointment through the global `Office` (what office.js provides in Outlook). */
function globalAppointment(scope: object = globalThis): AppointmentAccess | undefined {
  const office = (scope as { Office?: typeof Office }).Office;
  if (!office?.context?.mailbox) return undefined;
  return { read: () => readAppointment(scope), watch: (listener) => watchAppointment(listener, scope) };
}
