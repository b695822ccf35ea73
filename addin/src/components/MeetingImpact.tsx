import { Body1, Button, Caption1, Field, Input, Select, Text } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { addDays, instantAt } from '../calendar/local-week';
import type { AppointmentImpact, MeetingDraft } from '../meeting-load/appointment-impact';
import type { LoadFormat } from '../meeting-load/load-format';
import { useMeetingImpactStyles } from './MeetingImpact.styles';

export type ImpactState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'none'; reason: string }
  | { status: 'ready'; impact: AppointmentImpact }
  | { status: 'error'; message: string };

export interface AgreementsStatus {
  /** Number of agreements checked, or undefined while they load / when they could not be loaded. */
  count: number | undefined;
  failed: boolean;
}

/** The answer for one meeting: what it does to its day, every rule it breaks and the engine's suggestion for each. */
export function ImpactResult({ state, agreements }: { state: ImpactState; agreements: AgreementsStatus }) {
  const styles = useMeetingImpactStyles();
  return (
    <div className={styles.result} aria-live="polite" data-testid="impact-result">
      {state.status === 'loading' && <Body1>Checking…</Body1>}
      {state.status === 'none' && <Body1>{state.reason}</Body1>}
      {state.status === 'error' && <Body1>{state.message}</Body1>}
      {state.status === 'ready' && (
        <>
          <Text className={styles.sentence}>{state.impact.sentence}</Text>
          {state.impact.violations.length === 0 ? (
            <Body1>It keeps to your meeting-load limits and your team's agreements.</Body1>
          ) : (
            <ul className={styles.violations} aria-label="Rules this meeting breaks">
              {state.impact.violations.map((v, i) => (
                <li key={`${v.code}-${i}`}>
                  <strong>{v.name}:</strong> {v.message} <em>{v.suggestion.text}</em>
                  {v.suggestion.note && <blockquote className={styles.note}>{v.suggestion.note}</blockquote>}
                </li>
              ))}
            </ul>
          )}
          <Caption1 className={styles.meta}>
            {agreements.failed
              ? "Your team's agreements could not be loaded; only the general limits were checked."
              : agreements.count === undefined
                ? "Loading your team's agreements…"
                : agreements.count === 0
                  ? 'Your teams have no agreements yet; the general limits were checked.'
                  : `Checked against ${agreements.count} ${agreements.count === 1 ? 'agreement' : 'agreements'} of your teams and the general limits.`}
          </Caption1>
        </>
      )}
    </div>
  );
}

export interface TryMeetingProps {
  /** Local dates the person may pick (this week and next). */
  from: string;
  to: string;
  /** The day the form starts on. */
  initialDate: string;
  timeZone: string;
  format: LoadFormat;
  state: ImpactState;
  agreements: AgreementsStatus;
  onCheck(draft: MeetingDraft): void;
}

const LENGTHS = [15, 25, 30, 45, 50, 60, 90, 120];

/** Outside Outlook there is no open appointment: the person describes one and sees what it would do. */
export function TryMeeting({
  from,
  to,
  initialDate,
  timeZone,
  format: f,
  state,
  agreements,
  onCheck,
}: TryMeetingProps) {
  const styles = useMeetingImpactStyles();
  const headingId = useId();
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  const [date, setDate] = useState(dates.includes(initialDate) ? initialDate : from);
  const [start, setStart] = useState('16:00');
  const [minutes, setMinutes] = useState(60);
  const [people, setPeople] = useState('4');
  const submit = (): void => {
    if (!/^\d{2}:\d{2}$/.test(start)) return;
    const begin = instantAt(date, start, timeZone);
    onCheck({
      start: begin,
      end: new Date(begin.getTime() + minutes * 60_000),
      attendeeCount: Math.max(0, Math.min(1000, Math.floor(Number(people) || 0))),
      isOrganizer: true,
      isRecurring: false,
    });
  };
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={400} weight="semibold" className={styles.heading}>
        Try a meeting
      </Text>
      <Body1>Outside Outlook there is no open meeting to check. Describe one to see what it would do to its day.</Body1>
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Field label="Day">
          <Select value={date} onChange={(_, data) => setDate(data.value)}>
            {dates.map((d) => (
              <option key={d} value={d}>
                {f.day(d)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Start">
          <Input type="time" value={start} onChange={(_, data) => setStart(data.value)} required />
        </Field>
        <Field label="Length">
          <Select value={String(minutes)} onChange={(_, data) => setMinutes(Number(data.value))}>
            {LENGTHS.map((m) => (
              <option key={m} value={m}>
                {m} min
              </option>
            ))}
          </Select>
        </Field>
        <Field label="People invited">
          <Input type="number" min={0} max={1000} value={people} onChange={(_, data) => setPeople(data.value)} />
        </Field>
        <Button type="submit" appearance="primary">
          Check this meeting
        </Button>
      </form>
      {state.status !== 'idle' && <ImpactResult state={state} agreements={agreements} />}
    </section>
  );
}

export interface OpenAppointmentProps {
  state: ImpactState;
  agreements: AgreementsStatus;
}

/** In Outlook: the appointment that is open (being composed or read), checked as it changes. */
export function OpenAppointment({ state, agreements }: OpenAppointmentProps) {
  const styles = useMeetingImpactStyles();
  const headingId = useId();
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={400} weight="semibold" className={styles.heading}>
        This meeting
      </Text>
      <ImpactResult state={state} agreements={agreements} />
    </section>
  );
}
