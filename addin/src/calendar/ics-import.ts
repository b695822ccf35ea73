import type { CalendarEvent, ResponseStatus, ShowAs } from '@humandebt/core';
import ICAL from 'ical.js';
import {
  CalendarReadError,
  staticCalendarSource,
  type CalendarData,
  type CalendarRange,
  type CalendarSource,
} from './calendar-source';
import { clockOf } from './local-week';
import { toIanaZone } from './windows-zones';

/**
 * .ics import for the local demo: a person exports their own calendar and sees their own load, on their own device.
 * Parsing and recurrence expansion are ical.js's (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides, VTIMEZONE rules);
 * this module only picks the occurrences in the analysed range and maps them to the engine's event shape. It is
 * loaded on demand (ical.js is ~25 KB gzip), so the pane does not pay for it until someone imports a file.
 */

/** Larger than any personal calendar export we have seen (a 10-year Outlook export is ~3 MB). */
export const MAX_ICS_BYTES = 10 * 1024 * 1024;
/** Upper bound on occurrences walked per series, so a minutely RRULE from 1990 cannot hang the pane. */
const MAX_OCCURRENCES_PER_SERIES = 50_000;

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type IcalEvent = InstanceType<typeof ICAL.Event>;

export class IcsImportError extends CalendarReadError {
  constructor(userMessage: string, options?: { cause?: unknown }) {
    super(userMessage, options);
    this.name = 'IcsImportError';
  }
}

export interface IcsImportOptions {
  range: CalendarRange;
  /** The person's zone: floating times (no TZID, no Z) are read in it. */
  timeZone: string;
}

export interface IcsImportResult extends CalendarData {
  /** Events and occurrences looked at (up to the end of the range), before the range was applied. */
  eventsInFile: number;
  /** Series whose expansion stopped at the safety limit. */
  truncatedSeries: number;
}

/** Blob.text() where the runtime has it (every current browser), FileReader elsewhere (older webviews, jsdom). */
function readText(file: Blob): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file);
  });
}

/** Reads a File (from the file input or a drop) and parses it; any failure is an IcsImportError with a clear message. */
export async function importIcsFile(
  file: Pick<File, 'name' | 'size'> & Blob,
  options: IcsImportOptions,
): Promise<{ source: CalendarSource; result: IcsImportResult }> {
  const name = file.name || 'The file';
  if (file.size > MAX_ICS_BYTES) {
    throw new IcsImportError(
      `“${name}” is larger than ${MAX_ICS_BYTES / 1024 / 1024} MB. Export a shorter period of your calendar and try again.`,
    );
  }
  let text: string;
  try {
    text = await readText(file);
  } catch (cause) {
    throw new IcsImportError(`“${name}” could not be read from your device.`, { cause });
  }
  const result = parseIcs(text, name, options);
  return { source: staticCalendarSource('ics', name, result), result };
}

/** Parses iCalendar text and expands it over `options.range`. Throws IcsImportError for anything that is not usable. */
export function parseIcs(text: string, fileName: string, options: IcsImportOptions): IcsImportResult {
  if (!/BEGIN:VCALENDAR/i.test(text)) {
    throw new IcsImportError(`“${fileName}” is not an iCalendar (.ics) file: it has no BEGIN:VCALENDAR line.`);
  }
  let roots: Component[];
  try {
    const jcal = ICAL.parse(text) as unknown[];
    // One VCALENDAR parses to a jCal component; several parse to a list of them.
    const list = typeof jcal[0] === 'string' ? [jcal] : jcal;
    roots = list.map((c) => new ICAL.Component(c as never));
  } catch (cause) {
    throw new IcsImportError(
      `“${fileName}” could not be read: its iCalendar data is malformed. Export the calendar again and retry.`,
      { cause },
    );
  }
  const vevents = roots.flatMap((root) => root.getAllSubcomponents('vevent'));
  if (vevents.length === 0) throw new IcsImportError(`“${fileName}” contains no calendar events.`);

  try {
    return expand(roots, vevents, options);
  } catch (cause) {
    if (cause instanceof IcsImportError) throw cause;
    throw new IcsImportError(`“${fileName}” could not be read: an event in it is not valid iCalendar.`, { cause });
  }
}

interface Owner {
  email: string | undefined;
}

function expand(roots: Component[], vevents: Component[], options: IcsImportOptions): IcsImportResult {
  const rangeStart = options.range.start.getTime();
  const rangeEnd = options.range.end.getTime();
  // Google and Apple name the calendar after its owner's address; that is how "my" answer is found among attendees.
  const owner: Owner = { email: ownerEmail(roots) };

  const masters = new Map<string, Component>();
  const overrides = new Map<string, Component[]>();
  const singles: Component[] = [];
  for (const vevent of vevents) {
    const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
    if (vevent.hasProperty('recurrence-id')) {
      const list = overrides.get(uid) ?? [];
      list.push(vevent);
      overrides.set(uid, list);
    } else if (uid && (vevent.hasProperty('rrule') || vevent.hasProperty('rdate'))) {
      masters.set(uid, vevent);
    } else {
      singles.push(vevent);
    }
  }

  const events: CalendarEvent[] = [];
  const titles = new Map<string, string>();
  let eventsInFile = 0;
  let truncatedSeries = 0;
  const add = (item: Component, start: Time, end: Time, id: string, recurring: boolean): void => {
    eventsInFile++;
    const mapped = toCalendarEvent(item, start, end, id, recurring, owner, options.timeZone);
    if (!mapped) return;
    if (!overlaps(mapped, rangeStart, rangeEnd, options.timeZone)) return;
    events.push(mapped);
    const summary = item.getFirstPropertyValue('summary');
    if (typeof summary === 'string' && summary.trim()) titles.set(id, summary.trim());
  };

  for (const vevent of singles) {
    const event = new ICAL.Event(vevent);
    add(vevent, event.startDate, endOf(event), idOf(event.uid, vevent), false);
  }

  for (const [uid, master] of masters) {
    const exceptions = overrides.get(uid) ?? [];
    overrides.delete(uid);
    const series = new ICAL.Event(master, { exceptions, strictExceptions: true });
    const iterator = series.iterator();
    const seen = new Set<string>();
    let walked = 0;
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (++walked > MAX_OCCURRENCES_PER_SERIES) {
        truncatedSeries++;
        break;
      }
      const details = series.getOccurrenceDetails(next);
      const id = `${uid}@${next.toString()}`;
      seen.add(next.toString());
      // The schedule is in start order; an override may move an occurrence, so look one day past the range.
      if (instantOfTime(next, master, options.timeZone) >= rangeEnd + 86_400_000) break;
      add(details.item.component, details.startDate, details.endDate, id, true);
    }
    // Overrides the walk did not reach (their original slot is after the range, but they were moved into it).
    for (const exception of exceptions) {
      const recurrenceId = exception.getFirstPropertyValue('recurrence-id') as Time | null;
      if (!recurrenceId || seen.has(recurrenceId.toString())) continue;
      const event = new ICAL.Event(exception);
      add(exception, event.startDate, endOf(event), `${uid}@${recurrenceId.toString()}`, true);
    }
  }

  // Overrides whose series is not in the file: single events of a recurring meeting.
  for (const [uid, list] of overrides) {
    for (const exception of list) {
      const event = new ICAL.Event(exception);
      const recurrenceId = exception.getFirstPropertyValue('recurrence-id') as Time | null;
      add(
        exception,
        event.startDate,
        endOf(event),
        `${uid}@${recurrenceId?.toString() ?? event.startDate.toString()}`,
        true,
      );
    }
  }

  events.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return { events, titles, eventsInFile, truncatedSeries };
}

function idOf(uid: string | undefined, vevent: Component): string {
  if (uid) return uid;
  // RFC 5545 requires a UID; some hand-made files have none. Start + summary is stable enough for one import.
  return `no-uid-${String(vevent.getFirstPropertyValue('dtstart'))}-${String(vevent.getFirstPropertyValue('summary') ?? '')}`;
}

function endOf(event: IcalEvent): Time {
  // ical.js derives the end from DTEND or DURATION; with neither, a date is one day long and a date-time is a point.
  if (event.component.hasProperty('dtend') || event.component.hasProperty('duration')) return event.endDate;
  const end = event.startDate.clone();
  if (end.isDate) end.day += 1;
  return end;
}

function ownerEmail(roots: Component[]): string | undefined {
  for (const root of roots) {
    const name = root.getFirstPropertyValue('x-wr-calname');
    if (typeof name === 'string' && /^[^@\s]+@[^@\s]+$/.test(name.trim())) return name.trim().toLowerCase();
  }
  return undefined;
}

const BUSY_STATUS: Readonly<Record<string, ShowAs>> = {
  FREE: 'free',
  TENTATIVE: 'tentative',
  BUSY: 'busy',
  OOF: 'oof',
  WORKINGELSEWHERE: 'workingElsewhere',
};

const PARTSTAT: Readonly<Record<string, ResponseStatus>> = {
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  TENTATIVE: 'tentativelyAccepted',
  'NEEDS-ACTION': 'notResponded',
  DELEGATED: 'declined',
};

function mailto(value: unknown): string | undefined {
  return typeof value === 'string'
    ? value
        .replace(/^mailto:/i, '')
        .trim()
        .toLowerCase()
    : undefined;
}

function toCalendarEvent(
  item: Component,
  start: Time,
  end: Time,
  id: string,
  recurring: boolean,
  owner: Owner,
  personZone: string,
): CalendarEvent | undefined {
  const status = String(item.getFirstPropertyValue('status') ?? '').toUpperCase();
  if (status === 'CANCELLED') return undefined;

  const busy = String(item.getFirstPropertyValue('x-microsoft-cdo-busystatus') ?? '').toUpperCase();
  const transparent = String(item.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT';
  let showAs: ShowAs = BUSY_STATUS[busy] ?? (transparent ? 'free' : status === 'TENTATIVE' ? 'tentative' : 'busy');

  const attendees = item.getAllProperties('attendee').filter((p) => {
    const cutype = String(p.getParameter('cutype') ?? '').toUpperCase();
    return cutype !== 'ROOM' && cutype !== 'RESOURCE';
  });
  const organizer = mailto(item.getFirstPropertyValue('organizer'));
  const isOrganizer = owner.email !== undefined && organizer === owner.email;
  let responseStatus: ResponseStatus = isOrganizer ? 'organizer' : 'none';
  if (!isOrganizer && owner.email) {
    const me = attendees.find((p) => mailto(p.getFirstValue()) === owner.email);
    const partstat = String(me?.getParameter('partstat') ?? '').toUpperCase();
    responseStatus = PARTSTAT[partstat] ?? responseStatus;
  }
  if (responseStatus === 'tentativelyAccepted' && showAs === 'busy') showAs = 'tentative';

  const isAllDay = start.isDate;
  const zoneName = tzidOf(item, 'dtstart');
  const eventZone = toIanaZone(zoneName) ?? personZone;
  const online =
    item.hasProperty('x-microsoft-skypeteamsmeetingurl') ||
    item.hasProperty('x-google-conference') ||
    item.hasProperty('conference') ||
    /https?:\/\/\S*(teams\.microsoft|zoom\.us|meet\.google|webex)/i.test(
      String(item.getFirstPropertyValue('location') ?? ''),
    );

  let startIso: string;
  let endIso: string;
  if (isAllDay) {
    startIso = dateOf(start);
    endIso = end.isDate ? dateOf(end) : dateOf(start);
    if (endIso <= startIso) endIso = addOneDay(startIso);
  } else {
    const s = instantOfTime(start, item, personZone);
    let e = instantOfTime(end, item, personZone, 'dtend');
    if (!(e >= s)) e = s;
    startIso = new Date(s).toISOString();
    endIso = new Date(e).toISOString();
  }
  return {
    id,
    start: startIso,
    end: endIso,
    timeZone: eventZone,
    showAs,
    responseStatus,
    isAllDay,
    isOrganizer,
    attendeeCount: attendees.length,
    isRecurring: recurring,
    isOnline: online,
  };
}

function tzidOf(item: Component, property: 'dtstart' | 'dtend'): string | undefined {
  const prop = item.getFirstProperty(property) ?? item.getFirstProperty('dtstart');
  const tzid = prop?.getParameter('tzid');
  return typeof tzid === 'string' ? tzid : undefined;
}

/**
 * The instant of an ical.js time. UTC times and times in a VTIMEZONE of the file are converted by ical.js (which
 * applies the VTIMEZONE's own DST rules). A floating time, or one whose TZID has no VTIMEZONE, is a wall-clock time:
 * it is read in the TZID when that is an IANA or Windows zone name, else in the person's zone.
 */
function instantOfTime(
  time: Time,
  item: Component,
  personZone: string,
  property: 'dtstart' | 'dtend' = 'dtstart',
): number {
  if (time.zone !== ICAL.Timezone.localTimezone) return time.toUnixTime() * 1000;
  const zone = toIanaZone(tzidOf(item, property)) ?? personZone;
  return clockOf(zone).toUtc(time.year, time.month, time.day, time.hour, time.minute, time.second);
}

function dateOf(time: Time): string {
  return `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

function addOneDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function overlaps(event: CalendarEvent, rangeStart: number, rangeEnd: number, personZone: string): boolean {
  if (event.isAllDay) {
    // All-day dates are calendar dates: compare them with the range's local dates.
    const clock = clockOf(personZone);
    const from = new Date(clock.civilDayOf(rangeStart) * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(clock.civilDayOf(rangeEnd - 1) * 86_400_000).toISOString().slice(0, 10);
    return event.start <= to && event.end > from;
  }
  const s = Date.parse(event.start);
  const e = Date.parse(event.end);
  return s < rangeEnd && (e > rangeStart || (e === s && s >= rangeStart));
}
