import type {
  CalendarEvent,
  DayFigures,
  MeetingLoadReport,
  MeetingLoadSettingsInput,
  WeekFigures,
} from '@humandebt/core';
import type { CalendarData } from '../calendar/calendar-source';
import {
  addDays,
  dayNumber,
  eventInstant,
  instantAt,
  localDateOf,
  type AnalysisWeeks,
  type LocalWeek,
} from '../calendar/local-week';
import { analyzeMeetingLoad } from '../domain/engine';

/**
 * What the pane shows for the analysed weeks: the engine's figures per week and day, plus — for the day-by-day view
 * only — the person's own items of each day (meetings, focus blocks, what was not counted and why). Pure; the
 * components only lay it out.
 */

export type DayItemKind = 'meeting' | 'focus' | 'not-counted' | 'all-day';

export interface DayItem {
  kind: DayItemKind;
  /** Instants (ms). For all-day items: the local day's start and end. */
  start: number;
  end: number;
  /** Event id (not for focus blocks). */
  id?: string;
  title?: string;
  /** Why an item is not counted, or what kind of meeting it is: "declined", "tentative", "recurring · 7 people". */
  note: string;
}

export interface DayView {
  date: string;
  figures: DayFigures;
  /** Local midnight and the next one, as instants (a DST day is 23 or 25 hours). */
  dayStart: number;
  dayEnd: number;
  workStart: number | undefined;
  workEnd: number | undefined;
  items: DayItem[];
  isToday: boolean;
}

export interface WeekView {
  week: LocalWeek;
  figures: WeekFigures;
  days: DayView[];
}

export interface LoadModel {
  timeZone: string;
  report: MeetingLoadReport;
  last: WeekView | undefined;
  current: WeekView | undefined;
  next: WeekView | undefined;
  /** Events the engine skipped as invalid (their count; the details are in report.errors). */
  skipped: number;
}

function describe(event: CalendarEvent): { kind: DayItemKind; note: string } {
  if (event.responseStatus === 'declined') return { kind: 'not-counted', note: 'declined' };
  if (event.isAllDay) return { kind: 'all-day', note: event.showAs === 'oof' ? 'out of office' : 'all day' };
  if (event.showAs === 'free') return { kind: 'not-counted', note: 'shown as free' };
  if (event.showAs === 'workingElsewhere') return { kind: 'not-counted', note: 'working elsewhere' };
  if (event.showAs === 'oof') return { kind: 'not-counted', note: 'out of office' };
  const notes: string[] = [];
  if (event.showAs === 'tentative' || event.responseStatus === 'tentativelyAccepted') notes.push('tentative');
  if (event.isOrganizer || event.responseStatus === 'organizer') notes.push('you organise');
  if (event.isRecurring) notes.push('recurring');
  const people = event.attendeeCount ?? 0;
  if (people > 0) notes.push(`${people} ${people === 1 ? 'person' : 'people'}`);
  return { kind: 'meeting', note: notes.join(' · ') };
}

function weekView(report: MeetingLoadReport, week: LocalWeek, days: Map<string, DayView>): WeekView | undefined {
  const figures = report.weeks.find((w) => w.from === week.from);
  if (!figures) return undefined;
  const list: DayView[] = [];
  for (let d = week.from; d <= week.to; d = addDays(d, 1)) {
    const day = days.get(d);
    if (day) list.push(day);
  }
  return { week, figures, days: list };
}

export function buildLoadModel(
  data: CalendarData,
  settings: MeetingLoadSettingsInput,
  weeks: AnalysisWeeks,
): LoadModel {
  const zone = settings.timeZone;
  const report = analyzeMeetingLoad(data.events, settings, { from: weeks.last.from, to: weeks.next.to });
  const workDays = new Set(settings.workingHours.days);
  const days = new Map<string, DayView>();
  for (const figures of report.days) {
    const dayStart = instantAt(figures.date, '00:00', zone).getTime();
    const dayEnd = instantAt(addDays(figures.date, 1), '00:00', zone).getTime();
    const working = workDays.has(figures.weekday) && !figures.isOutOfOffice;
    const items: DayItem[] = figures.focusBlocks.map((block) => ({
      kind: 'focus' as const,
      start: Date.parse(block.start),
      end: Date.parse(block.end),
      note: 'free for focus',
    }));
    days.set(figures.date, {
      date: figures.date,
      figures,
      dayStart,
      dayEnd,
      workStart: working ? instantAt(figures.date, settings.workingHours.start, zone).getTime() : undefined,
      workEnd: working ? instantAt(figures.date, settings.workingHours.end, zone).getTime() : undefined,
      items,
      isToday: figures.date === weeks.today,
    });
  }
  for (const event of data.events) {
    const zoneOfEvent = event.timeZone || zone;
    const { kind, note } = describe(event);
    const title = data.titles.get(event.id);
    if (event.isAllDay) {
      // All-day dates are calendar dates: one item on each date they cover.
      const first = event.start.slice(0, 10);
      const last = addDays(event.end.slice(0, 10), -1);
      for (let d = first; d <= last && dayNumber(d) - dayNumber(first) < 60; d = addDays(d, 1)) {
        const day = days.get(d);
        if (day)
          day.items.push({
            kind,
            start: day.dayStart,
            end: day.dayEnd,
            id: event.id,
            note,
            ...(title ? { title } : {}),
          });
      }
      continue;
    }
    const start = eventInstant(event.start, zoneOfEvent);
    const end = eventInstant(event.end, zoneOfEvent);
    if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
    const day = days.get(localDateOf(new Date(start), zone));
    if (day) day.items.push({ kind, start, end, id: event.id, note, ...(title ? { title } : {}) });
  }
  const order: Record<DayItemKind, number> = { 'all-day': 0, meeting: 1, focus: 1, 'not-counted': 1 };
  for (const day of days.values())
    day.items.sort((a, b) => order[a.kind] - order[b.kind] || a.start - b.start || a.end - b.end);
  return {
    timeZone: zone,
    report,
    last: weekView(report, weeks.last, days),
    current: weekView(report, weeks.current, days),
    next: weekView(report, weeks.next, days),
    skipped: report.errors.length,
  };
}
