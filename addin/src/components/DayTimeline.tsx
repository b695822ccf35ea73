import { Caption1, mergeClasses, Text } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { DayItem, DayView } from '../meeting-load/load-model';
import type { LoadFormat } from '../meeting-load/load-format';
import { useDayTimelineStyles } from './DayTimeline.styles';

export interface DayTimelineProps {
  days: readonly DayView[];
  format: LoadFormat;
  /** Accessible name of the list, e.g. "Day by day, this week". */
  label: string;
}

const HOUR = 3_600_000;

/** The hours the bars span: working hours and every item of the week, in whole hours of the local day. */
function window(days: readonly DayView[]): { from: number; to: number } {
  let from = 24;
  let to = 0;
  for (const day of days) {
    if (day.workStart !== undefined && day.workEnd !== undefined) {
      from = Math.min(from, Math.floor((day.workStart - day.dayStart) / HOUR));
      to = Math.max(to, Math.ceil((day.workEnd - day.dayStart) / HOUR));
    }
    for (const item of day.items) {
      if (item.kind === 'all-day' || item.kind === 'not-counted') continue;
      from = Math.min(from, Math.floor((item.start - day.dayStart) / HOUR));
      to = Math.max(to, Math.ceil((Math.min(item.end, day.dayEnd) - day.dayStart) / HOUR));
    }
  }
  if (from >= to) return { from: 8, to: 18 };
  return { from: Math.max(0, from), to: Math.min(24, to) };
}

function daySummary(day: DayView, f: LoadFormat): string {
  const d = day.figures;
  if (d.isOutOfOffice) return 'Out of office';
  const parts = [`${f.hours(d.meetingHours)} in meetings`];
  if (d.isWorkingDay) parts.push(`${f.count(d.focusBlockCount)} focus ${d.focusBlockCount === 1 ? 'block' : 'blocks'}`);
  else if (d.meetings === 0) return 'Not a working day';
  if (d.backToBack.chains > 0) parts.push(`${f.count(d.backToBack.chains)} back-to-back`);
  if (d.afterHoursMinutes > 0) parts.push(`${f.hours(d.afterHoursHours)} after hours`);
  if (d.conflicts.meetings > 0) parts.push(`${f.count(d.conflicts.meetings)} double-booked`);
  return parts.join(' · ');
}

function itemText(item: DayItem, f: LoadFormat): { time: string; text: string } {
  if (item.kind === 'all-day') return { time: 'All day', text: `${item.title ?? 'Event'} — ${item.note}` };
  if (item.kind === 'focus') return { time: f.timeRange(item.start, item.end), text: 'Focus block — free for focus' };
  return {
    time: f.timeRange(item.start, item.end),
    text: `${item.title ?? 'Meeting'}${item.note ? ` — ${item.note}` : ''}`,
  };
}

function DayRow({ day, format: f, span }: { day: DayView; format: LoadFormat; span: { from: number; to: number } }) {
  const styles = useDayTimelineStyles();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const width = (span.to - span.from) * HOUR;
  const pos = (start: number, end: number): { left: string; width: string } => {
    const a = Math.max(0, Math.min(width, start - day.dayStart - span.from * HOUR));
    const b = Math.max(0, Math.min(width, end - day.dayStart - span.from * HOUR));
    return { left: `${(a / width) * 100}%`, width: `${((b - a) / width) * 100}%` };
  };
  const name = `${f.day(day.date)}${day.isToday ? ' (today)' : ''}`;
  return (
    <li className={styles.day} data-date={day.date}>
      <div className={styles.heading}>
        <Text className={mergeClasses(styles.dayName, day.isToday && styles.today)}>{name}</Text>
        <Caption1 className={styles.summary}>{daySummary(day, f)}</Caption1>
      </div>
      {/* A plain button styled like Fluent's subtle one: seven of them render on the first paint. */}
      <button
        type="button"
        className={styles.toggle}
        aria-expanded={open}
        aria-controls={listId}
        aria-label={`${open ? 'Hide' : 'Show'} times for ${name}`}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? 'Hide times' : 'Show times'}
      </button>
      {/* The bar is a picture of the list below (which screen readers use); it carries no information of its own. */}
      <div className={styles.bar} aria-hidden="true">
        {day.workStart !== undefined && day.workEnd !== undefined && (
          <span className={styles.work} style={pos(day.workStart, day.workEnd)} />
        )}
        {day.figures.isOutOfOffice && <span className={styles.away} />}
        {day.items.map((item, i) =>
          item.kind === 'focus' ? (
            <span key={`f${i}`} className={styles.focus} style={pos(item.start, item.end)} />
          ) : item.kind === 'meeting' ? (
            <span
              key={item.id ?? i}
              className={mergeClasses(styles.meeting, item.note.startsWith('tentative') && styles.tentative)}
              style={pos(item.start, item.end)}
            />
          ) : null,
        )}
      </div>
      {open && (
        <ul id={listId} className={styles.items} aria-label={`Times for ${name}`}>
          {day.items.length === 0 && <li>Nothing on the calendar.</li>}
          {day.items.map((item, i) => {
            const { time, text } = itemText(item, f);
            return (
              <li key={`${item.id ?? 'focus'}-${i}`}>
                <span className={styles.itemTime}>{time}</span>{' '}
                <span className={item.kind === 'not-counted' ? styles.itemNote : undefined}>{text}</span>
              </li>
            );
          })}
        </ul>
      )}
    </li>
  );
}

/** Day by day: a bar per day (meetings, focus blocks, working hours) with each day's times as a list beside it. */
export function DayTimeline({ days, format, label }: DayTimelineProps) {
  const styles = useDayTimelineStyles();
  const span = window(days);
  return (
    <>
      <ul className={styles.list} aria-label={label}>
        {days.map((day) => (
          <DayRow key={day.date} day={day} format={format} span={span} />
        ))}
      </ul>
      <div className={styles.legend} aria-hidden="true">
        <span>
          <span className={mergeClasses(styles.swatch, styles.swatchMeeting)} />
          meeting
        </span>
        <span>
          <span className={mergeClasses(styles.swatch, styles.swatchFocus)} />
          focus block
        </span>
        <span>
          <span className={mergeClasses(styles.swatch, styles.swatchWork)} />
          working hours
        </span>
      </div>
    </>
  );
}
