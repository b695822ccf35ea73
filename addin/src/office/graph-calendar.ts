import type { CalendarEvent, ResponseStatus, ShowAs } from '@humandebt/core';
import {
  CalendarReadError,
  type CalendarData,
  type CalendarRange,
  type CalendarSource,
} from '../calendar/calendar-source';
import { toIanaZone } from '../calendar/windows-zones';

/**
 * The person's Outlook calendar through Microsoft Graph `/me/calendarView` (expanded occurrences in a range), with
 * the least permission that works: `Calendars.ReadBasic` (no bodies, no attachments). Times are asked for in UTC
 * (`Prefer: outlook.timezone="UTC"`) so every timed event becomes an instant; the event's own zone comes from
 * `originalStartTimeZone`. Pages are followed through `@odata.nextLink` until the range is complete.
 *
 * No DOM: the event-based handlers use this too, in Outlook's JavaScript-only runtime.
 */

export const GRAPH_CALENDAR_SCOPE = 'https://graph.microsoft.com/Calendars.ReadBasic';
export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

const SELECT = [
  'id',
  'subject',
  'start',
  'end',
  'isAllDay',
  'showAs',
  'responseStatus',
  'isOrganizer',
  'attendees',
  'type',
  'seriesMasterId',
  'isOnlineMeeting',
  'isCancelled',
  'originalStartTimeZone',
].join(',');

/** The fields of a Graph event this module reads (everything else is ignored). */
export interface GraphEvent {
  id?: string;
  subject?: string | null;
  start?: { dateTime?: string; timeZone?: string } | null;
  end?: { dateTime?: string; timeZone?: string } | null;
  isAllDay?: boolean;
  showAs?: string | null;
  responseStatus?: { response?: string | null } | null;
  isOrganizer?: boolean;
  attendees?: Array<{ type?: string | null } | null> | null;
  type?: string | null;
  seriesMasterId?: string | null;
  isOnlineMeeting?: boolean | null;
  isCancelled?: boolean;
  originalStartTimeZone?: string | null;
}

const SHOW_AS: Readonly<Record<string, ShowAs>> = {
  free: 'free',
  tentative: 'tentative',
  busy: 'busy',
  oof: 'oof',
  workingElsewhere: 'workingElsewhere',
};

const RESPONSES: ReadonlySet<string> = new Set<ResponseStatus>([
  'none',
  'organizer',
  'accepted',
  'tentativelyAccepted',
  'declined',
  'notResponded',
]);

/**
 * One Graph event → the engine's event, or undefined for an event that is not on the calendar any more (cancelled)
 * or has no usable id/times. `fallbackZone` is used when Graph reports a zone this runtime cannot name.
 */
export function mapGraphEvent(
  g: GraphEvent,
  fallbackZone: string,
): { event: CalendarEvent; title: string | undefined } | undefined {
  if (!g.id || g.isCancelled) return undefined;
  const start = g.start?.dateTime;
  const end = g.end?.dateTime;
  if (!start || !end) return undefined;
  const isAllDay = g.isAllDay === true;
  const originalZone = toIanaZone(g.originalStartTimeZone) ?? fallbackZone;

  let startIso: string;
  let endIso: string;
  let timeZone: string;
  if (isAllDay) {
    // All-day events are dates (Graph gives midnight to midnight in the requested zone); keep the calendar dates.
    startIso = start.slice(0, 10);
    endIso = end.slice(0, 10);
    timeZone = originalZone;
  } else if (isUtc(g.start?.timeZone) && isUtc(g.end?.timeZone)) {
    startIso = asUtcInstant(start);
    endIso = asUtcInstant(end);
    timeZone = originalZone;
  } else {
    // The Prefer header was not honoured: the times are wall-clock times in the zone Graph names.
    startIso = start;
    endIso = end;
    timeZone = toIanaZone(g.start?.timeZone) ?? fallbackZone;
  }

  const response = g.responseStatus?.response ?? 'none';
  const people = (g.attendees ?? []).filter((a) => a && a.type !== 'resource');
  return {
    event: {
      id: g.id,
      start: startIso,
      end: endIso,
      timeZone,
      // Graph's "unknown" (and anything new) is treated as busy: it blocks time, as Outlook shows it.
      showAs: SHOW_AS[g.showAs ?? ''] ?? 'busy',
      responseStatus: RESPONSES.has(response) ? (response as ResponseStatus) : 'none',
      isAllDay,
      isOrganizer: g.isOrganizer === true,
      attendeeCount: people.length,
      isRecurring: g.type === 'occurrence' || g.type === 'exception' || Boolean(g.seriesMasterId),
      isOnline: g.isOnlineMeeting === true,
    },
    title: g.subject ?? undefined,
  };
}

function isUtc(zone: string | undefined): boolean {
  return zone === undefined || /^(utc|etc\/utc|tzone:\/\/microsoft\/utc)$/i.test(zone);
}

/** Graph writes "2026-11-02T08:00:00.0000000" for UTC; the engine wants an explicit instant. */
function asUtcInstant(dateTime: string): string {
  return /(z|[+-]\d{2}:?\d{2})$/i.test(dateTime) ? dateTime : `${dateTime}Z`;
}

export interface GraphCalendarOptions {
  fetch: typeof fetch;
  /** A Graph access token with Calendars.ReadBasic. */
  getToken: () => Promise<string>;
  /** The zone for events whose zone cannot be named here. */
  fallbackZone: string;
  baseUrl?: string;
  /** Events per page (Graph allows up to 1000 for calendarView; 250 keeps each answer small and quick). */
  pageSize?: number;
  /** A calendar with more pages than this is cut off with an error rather than read forever. */
  maxPages?: number;
}

export function calendarViewUrl(
  range: CalendarRange,
  options: Pick<GraphCalendarOptions, 'baseUrl' | 'pageSize'> = {},
): string {
  const params = new URLSearchParams({
    startDateTime: range.start.toISOString(),
    endDateTime: range.end.toISOString(),
    $select: SELECT,
    $top: String(options.pageSize ?? 250),
    $orderby: 'start/dateTime',
  });
  return `${options.baseUrl ?? GRAPH_BASE_URL}/me/calendarView?${params.toString()}`;
}

/** Reads every page of calendarView for the range. Throws CalendarReadError with a message a person can act on. */
export async function readCalendarView(
  range: CalendarRange,
  options: GraphCalendarOptions,
  signal?: AbortSignal,
): Promise<CalendarData> {
  const baseUrl = options.baseUrl ?? GRAPH_BASE_URL;
  const maxPages = options.maxPages ?? 40;
  let token: string;
  try {
    token = await options.getToken();
  } catch (cause) {
    throw new CalendarReadError(
      'Sign-in to read your Outlook calendar did not work. Open the add-in again, or ask your admin to consent to it.',
      { cause },
    );
  }
  const events: CalendarEvent[] = [];
  const titles = new Map<string, string>();
  let url: string | undefined = calendarViewUrl(range, options);
  for (let page = 0; url; page++) {
    if (page >= maxPages)
      throw new CalendarReadError('Your calendar has too many events in these weeks to read them all.');
    // Only follow links back to Graph: a next link elsewhere would receive the token.
    if (!url.startsWith(`${baseUrl}/`))
      throw new CalendarReadError('Microsoft Graph answered with an unexpected next-page address.');
    let response: Response;
    try {
      response = await options.fetch(url, {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', Prefer: 'outlook.timezone="UTC"' },
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new CalendarReadError('Microsoft Graph could not be reached to read your calendar.', { cause });
    }
    if (!response.ok) throw new CalendarReadError(graphFailure(response.status));
    let body: { value?: unknown; '@odata.nextLink'?: unknown };
    try {
      body = (await response.json()) as typeof body;
    } catch (cause) {
      throw new CalendarReadError('Microsoft Graph answered in a way this add-in does not understand.', { cause });
    }
    if (!Array.isArray(body.value))
      throw new CalendarReadError('Microsoft Graph answered in a way this add-in does not understand.');
    for (const raw of body.value as GraphEvent[]) {
      const mapped = raw && typeof raw === 'object' ? mapGraphEvent(raw, options.fallbackZone) : undefined;
      if (!mapped) continue;
      events.push(mapped.event);
      if (mapped.title) titles.set(mapped.event.id, mapped.title);
    }
    const next = body['@odata.nextLink'];
    url = typeof next === 'string' && next.length > 0 ? next : undefined;
  }
  return { events, titles };
}

function graphFailure(status: number): string {
  if (status === 401 || status === 403)
    return 'The add-in may not read your calendar yet: sign in again, or ask your admin to consent to Calendars.ReadBasic.';
  if (status === 429) return 'Microsoft Graph asked us to slow down. Try again in a minute.';
  if (status >= 500) return 'Microsoft Graph is not available right now. Try again later.';
  return `Microsoft Graph refused to read your calendar (HTTP ${status}).`;
}

export function graphCalendarSource(options: GraphCalendarOptions): CalendarSource {
  return {
    kind: 'outlook',
    label: 'Your Outlook calendar',
    load: (range, signal) => readCalendarView(range, options, signal),
  };
}
