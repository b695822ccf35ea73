import { describe, expect, it } from 'vitest';
import { CalendarReadError } from '../src/calendar/calendar-source';
import {
  calendarViewUrl,
  GRAPH_BASE_URL,
  mapGraphEvent,
  readCalendarView,
  type GraphEvent,
} from '../src/office/graph-calendar';

const range = { start: new Date('2026-11-30T00:00:00Z'), end: new Date('2026-12-07T00:00:00Z') };

const base: GraphEvent = {
  id: 'AAMk-1',
  subject: 'Design review',
  start: { dateTime: '2026-12-01T09:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2026-12-01T10:30:00.0000000', timeZone: 'UTC' },
  isAllDay: false,
  showAs: 'busy',
  responseStatus: { response: 'organizer' },
  isOrganizer: true,
  attendees: [{ type: 'required' }, { type: 'optional' }, { type: 'resource' }],
  type: 'singleInstance',
  isOnlineMeeting: true,
  isCancelled: false,
  originalStartTimeZone: 'W. Europe Standard Time',
};

describe('mapGraphEvent', () => {
  it('maps a timed event asked for in UTC to instants, with the original zone as the event zone', () => {
    expect(mapGraphEvent(base, 'UTC')).toEqual({
      event: {
        id: 'AAMk-1',
        start: '2026-12-01T09:00:00.0000000Z',
        end: '2026-12-01T10:30:00.0000000Z',
        timeZone: 'Europe/Berlin',
        showAs: 'busy',
        responseStatus: 'organizer',
        isAllDay: false,
        isOrganizer: true,
        attendeeCount: 2, // the room (resource) is not a person
        isRecurring: false,
        isOnline: true,
      },
      title: 'Design review',
    });
  });

  it('keeps all-day events as calendar dates', () => {
    const mapped = mapGraphEvent(
      {
        ...base,
        isAllDay: true,
        showAs: 'oof',
        start: { dateTime: '2026-12-04T00:00:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2026-12-05T00:00:00.0000000', timeZone: 'UTC' },
      },
      'UTC',
    );
    expect(mapped?.event).toMatchObject({ start: '2026-12-04', end: '2026-12-05', isAllDay: true, showAs: 'oof' });
  });

  it('marks occurrences and exceptions of a series as recurring', () => {
    expect(mapGraphEvent({ ...base, type: 'occurrence', seriesMasterId: 'M' }, 'UTC')?.event.isRecurring).toBe(true);
    expect(mapGraphEvent({ ...base, type: 'exception', seriesMasterId: 'M' }, 'UTC')?.event.isRecurring).toBe(true);
  });

  it('passes the response status through and treats showAs "unknown" as busy', () => {
    const mapped = mapGraphEvent(
      { ...base, showAs: 'unknown', isOrganizer: false, responseStatus: { response: 'tentativelyAccepted' } },
      'UTC',
    );
    expect(mapped?.event).toMatchObject({ showAs: 'busy', responseStatus: 'tentativelyAccepted', isOrganizer: false });
    expect(mapGraphEvent({ ...base, responseStatus: { response: 'declined' } }, 'UTC')?.event.responseStatus).toBe(
      'declined',
    );
    expect(mapGraphEvent({ ...base, responseStatus: null }, 'UTC')?.event.responseStatus).toBe('none');
  });

  it('reads wall-clock times in Graph’s zone when the UTC preference was not honoured', () => {
    const mapped = mapGraphEvent(
      {
        ...base,
        start: { dateTime: '2026-12-01T09:00:00.0000000', timeZone: 'Pacific Standard Time' },
        end: { dateTime: '2026-12-01T10:00:00.0000000', timeZone: 'Pacific Standard Time' },
      },
      'UTC',
    );
    expect(mapped?.event).toMatchObject({ start: '2026-12-01T09:00:00.0000000', timeZone: 'America/Los_Angeles' });
  });

  it('falls back to the given zone for zones it cannot name, and skips cancelled or incomplete events', () => {
    expect(
      mapGraphEvent({ ...base, originalStartTimeZone: 'Customized Time Zone' }, 'Asia/Tokyo')?.event.timeZone,
    ).toBe('Asia/Tokyo');
    expect(mapGraphEvent({ ...base, isCancelled: true }, 'UTC')).toBeUndefined();
    expect(mapGraphEvent({ ...base, id: undefined }, 'UTC')).toBeUndefined();
    expect(mapGraphEvent({ ...base, end: null }, 'UTC')).toBeUndefined();
  });
});

/** A fake Graph: serves pages in order and records each request. */
function fakeGraph(pages: Array<{ status?: number; body: unknown }>) {
  const requests: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    requests.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) } });
    const page = pages[requests.length - 1];
    if (!page) throw new TypeError('no more pages');
    return new Response(JSON.stringify(page.body), {
      status: page.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch, requests };
}

describe('readCalendarView', () => {
  const next = (n: number) => `${GRAPH_BASE_URL}/me/calendarView?startDateTime=x&$skip=${n}`;

  it('asks for the range with the least fields, in UTC, with the token', async () => {
    const graph = fakeGraph([{ body: { value: [] } }]);
    await readCalendarView(range, { fetch: graph.fetch, getToken: async () => 'tok', fallbackZone: 'UTC' });
    const url = new URL(graph.requests[0]!.url);
    expect(url.origin + url.pathname).toBe(`${GRAPH_BASE_URL}/me/calendarView`);
    expect(url.searchParams.get('startDateTime')).toBe('2026-11-30T00:00:00.000Z');
    expect(url.searchParams.get('endDateTime')).toBe('2026-12-07T00:00:00.000Z');
    expect(url.searchParams.get('$select')).toContain('originalStartTimeZone');
    expect(url.searchParams.get('$select')).not.toContain('body');
    expect(graph.requests[0]!.headers).toMatchObject({ Authorization: 'Bearer tok', Prefer: 'outlook.timezone="UTC"' });
  });

  it('follows @odata.nextLink until the last page and keeps titles on the side', async () => {
    const graph = fakeGraph([
      { body: { value: [base], '@odata.nextLink': next(1) } },
      {
        body: {
          value: [
            { ...base, id: 'AAMk-2', subject: 'Retro' },
            { ...base, id: 'AAMk-3', isCancelled: true },
          ],
          '@odata.nextLink': next(3),
        },
      },
      { body: { value: [{ ...base, id: 'AAMk-4', subject: null }] } },
    ]);
    const data = await readCalendarView(range, {
      fetch: graph.fetch,
      getToken: async () => 'tok',
      fallbackZone: 'UTC',
    });
    expect(graph.requests.map((r) => r.url)).toEqual([calendarViewUrl(range), next(1), next(3)]);
    expect(data.events.map((e) => e.id)).toEqual(['AAMk-1', 'AAMk-2', 'AAMk-4']);
    expect(data.titles.get('AAMk-2')).toBe('Retro');
    expect(data.titles.has('AAMk-4')).toBe(false);
    expect(graph.requests.every((r) => r.headers['Authorization'] === 'Bearer tok')).toBe(true);
  });

  it('stops at the page limit instead of reading forever', async () => {
    const graph = fakeGraph(
      Array.from({ length: 5 }, (_, i) => ({ body: { value: [], '@odata.nextLink': next(i + 1) } })),
    );
    await expect(
      readCalendarView(range, { fetch: graph.fetch, getToken: async () => 't', fallbackZone: 'UTC', maxPages: 3 }),
    ).rejects.toBeInstanceOf(CalendarReadError);
    expect(graph.requests).toHaveLength(3);
  });

  it('never sends the token to a next link outside Graph', async () => {
    const graph = fakeGraph([
      { body: { value: [], '@odata.nextLink': 'https://evil.example/steal' } },
      { body: { value: [] } },
    ]);
    await expect(
      readCalendarView(range, { fetch: graph.fetch, getToken: async () => 't', fallbackZone: 'UTC' }),
    ).rejects.toBeInstanceOf(CalendarReadError);
    expect(graph.requests).toHaveLength(1);
  });

  it('turns HTTP failures, network failures and sign-in failures into messages a person can act on', async () => {
    const denied = fakeGraph([{ status: 403, body: { error: { code: 'ErrorAccessDenied' } } }]);
    await expect(
      readCalendarView(range, { fetch: denied.fetch, getToken: async () => 't', fallbackZone: 'UTC' }),
    ).rejects.toMatchObject({
      userMessage: expect.stringMatching(/consent to Calendars\.ReadBasic/),
    });
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    await expect(
      readCalendarView(range, { fetch: offline, getToken: async () => 't', fallbackZone: 'UTC' }),
    ).rejects.toMatchObject({
      userMessage: expect.stringMatching(/could not be reached/),
    });
    await expect(
      readCalendarView(range, {
        fetch: offline,
        getToken: () => Promise.reject(new Error('no bridge')),
        fallbackZone: 'UTC',
      }),
    ).rejects.toMatchObject({
      userMessage: expect.stringMatching(/Sign-in to read your Outlook calendar did not work/),
    });
    const garbage = fakeGraph([{ body: { nope: true } }]);
    await expect(
      readCalendarView(range, { fetch: garbage.fetch, getToken: async () => 't', fallbackZone: 'UTC' }),
    ).rejects.toBeInstanceOf(CalendarReadError);
  });
});
