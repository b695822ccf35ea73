import type { MeetingLoadThresholds, WeekFigures as Figures } from '@humandebt/core';
import type { LoadFormat } from '../meeting-load/load-format';
import { useWeekFiguresStyles } from './WeekFigures.styles';

export interface WeekFiguresProps {
  figures: Figures;
  thresholds: MeetingLoadThresholds;
  format: LoadFormat;
}

interface Figure {
  key: string;
  label: string;
  value: string;
  detail?: string;
  /** A threshold this week is past, in words (never colour alone). */
  flag?: string;
}

/** The week's figures as a description list: one term per figure, its value, and a flag when a threshold is passed. */
export function WeekFigures({ figures: w, thresholds: t, format: f }: WeekFiguresProps) {
  const styles = useWeekFiguresStyles();
  const items: Figure[] = [
    {
      key: 'meetings',
      label: 'In meetings',
      value: f.hours(w.meetingHours),
      detail: `${f.percent(w.workingTimeShare)} of working time · ${f.count(w.meetings)} meetings`,
    },
    {
      key: 'focus',
      label: 'Focus time',
      value: f.hours(w.focusHours),
      detail: `${f.count(w.focusBlockCount)} ${w.focusBlockCount === 1 ? 'block' : 'blocks'} of ${f.hours(t.focusBlockMinutes / 60)} or more`,
      ...(w.focusHours < t.lowFocusHoursPerWeek ? { flag: `Below ${f.hours(t.lowFocusHoursPerWeek)}` } : {}),
    },
    {
      key: 'b2b',
      label: 'Back-to-back',
      value: `${f.count(w.backToBack.chains)} ${w.backToBack.chains === 1 ? 'chain' : 'chains'}`,
      detail:
        w.backToBack.chains > 0
          ? `longest ${f.count(w.backToBack.longestChainMeetings)} meetings in a row`
          : `breaks of ${t.backToBackGapMinutes} min or more`,
    },
    {
      key: 'after-hours',
      label: 'After hours',
      value: f.hours(w.afterHoursHours),
      ...(w.afterHoursOverThreshold ? { flag: `Over ${f.hours(t.afterHoursHoursPerWeek)}` } : {}),
    },
    {
      key: 'conflicts',
      label: 'Double-booked',
      value: `${f.count(w.conflicts.meetings)} meetings`,
      detail: w.conflicts.meetings > 0 ? `${f.percent(w.conflicts.share)} of meetings overlap` : 'no overlaps',
    },
    {
      key: 'long',
      label: `Long (over ${f.hours(t.longMeetingMinutes / 60)})`,
      value: f.count(w.longMeetings),
    },
    {
      key: 'large',
      label: `Large (over ${t.largeMeetingAttendees} people)`,
      value: f.count(w.largeMeetings),
    },
    {
      key: 'recurring',
      label: 'Recurring',
      value: f.percent(w.recurringShare),
      detail: 'of meetings',
    },
  ];
  return (
    <dl className={styles.list} data-testid="week-figures">
      {items.map((item) => (
        <div key={item.key} className={styles.item}>
          <dt className={styles.label}>{item.label}</dt>
          <dd className={styles.value} data-figure={item.key}>
            {item.value}
            {item.detail && <span className={styles.detail}>{item.detail}</span>}
            {item.flag && <span className={styles.flag}>{item.flag}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
