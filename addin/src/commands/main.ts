import { browserTimeZone } from '../calendar/local-week';
import { defaultSettings } from '../meeting-load/person-settings';
import { readAppointment } from '../office/appointment';
import { authConfig } from '../office/auth-config';
import { officeSsoToken, registerEventHandlers } from '../office/event-runtime';
import { GRAPH_CALENDAR_SCOPE, readCalendarView } from '../office/graph-calendar';
import { tokenBroker } from '../office/token-broker';
import { createHandlers, type HandlerDeps } from './handlers';
import { fetchTeamAgreements } from './service-client';

/**
 * Entry of the event-handler bundle (commands.js): builds the handlers' dependencies from what this runtime offers
 * and registers them at load, as the JavaScript-only runtime of classic Outlook requires. No DOM anywhere on these
 * paths — `fetch`, `setTimeout`, `Intl` and `Office` only.
 */
const timeZone = browserTimeZone();
const auth = authConfig();
const origin =
  (globalThis as { location?: { origin?: string } }).location?.origin ?? import.meta.env.VITE_SERVICE_ORIGIN ?? '';

async function serviceToken(): Promise<string | undefined> {
  const broker = tokenBroker();
  if (broker && auth?.apiScope) {
    try {
      return await broker.getToken([auth.apiScope]);
    } catch {
      // Fall back to Office SSO below.
    }
  }
  return officeSsoToken();
}

const deps: HandlerDeps = {
  timeZone,
  settings: defaultSettings(timeZone),
  now: () => new Date(),
  readAppointment: () => readAppointment(),
  async readCalendar(range) {
    const broker = tokenBroker();
    if (!broker) return 'unavailable';
    try {
      const data = await readCalendarView(range, {
        fetch: (input, init) => fetch(input, init),
        getToken: () => broker.getToken([GRAPH_CALENDAR_SCOPE]),
        fallbackZone: timeZone,
      });
      return data.events;
    } catch {
      // No token or no Graph right now: judge the meeting on what needs no calendar rather than not at all.
      return 'unavailable';
    }
  },
  async readAgreements() {
    if (!origin) return [];
    return fetchTeamAgreements({ fetch: (input, init) => fetch(input, init), origin, getToken: serviceToken });
  },
};

registerEventHandlers(createHandlers(deps));
