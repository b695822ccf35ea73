import {
  Body1,
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  Select,
  Spinner,
  Switch,
  Text,
} from '@fluentui/react-components';
import type {
  MeetingLoadShareResponse as ShareAnswer,
  ShareableMetric,
  TeamsListResponse,
  WeekFigures,
} from '@humandebt/core';
import { useId, useMemo, useState } from 'react';
import { type ApiClient, type ApiError, type Resource, toApiError } from '@humandebt/web';
import type { CalendarSourceKind } from '../calendar/calendar-source';
import { MeetingLoadShareResponse, SHAREABLE_METRICS, toShareableWeek } from '../domain/core';
import { useShareWeekStyles } from './ShareWeek.styles';

export interface ShareWeekProps {
  api: ApiClient;
  teams: Resource<TeamsListResponse>;
  /** The last complete week of the calendar in use (the only week that may be shared). */
  week: WeekFigures | undefined;
  sourceKind: CalendarSourceKind;
  mode: 'local' | 'production' | undefined;
}

export const METRIC_LABELS: Readonly<Record<ShareableMetric, string>> = {
  meetings: 'Meetings',
  meetingHours: 'Meeting hours',
  workingTimeShare: 'Share of working time in meetings',
  focusHours: 'Focus hours',
  focusBlocks: 'Focus blocks',
  lowFocusWeek: 'Low-focus week (1 = yes)',
  backToBackChains: 'Back-to-back chains',
  backToBackHours: 'Hours in back-to-back chains',
  longestChainMeetings: 'Longest chain (meetings)',
  afterHoursHours: 'After-hours meeting hours',
  conflicts: 'Double-booked meetings',
  conflictShare: 'Share of meetings double-booked',
  longMeetings: 'Long meetings',
  largeMeetings: 'Large meetings',
  recurringShare: 'Share of meetings recurring',
};

type SendState =
  | { status: 'idle' }
  | { status: 'sending' }
  | { status: 'done'; answer: ShareAnswer; teamName: string }
  | { status: 'error'; error: ApiError };

/**
 * Opt-in sharing of one week's numbers with a team. Nothing is sent until the person switches it on, picks a team and
 * presses Send; what is shown under "Exactly what will be sent" is the request body itself, byte for byte.
 */
export function ShareWeek({ api, teams, week, sourceKind, mode }: ShareWeekProps) {
  const styles = useShareWeekStyles();
  const headingId = useId();
  const [optedIn, setOptedIn] = useState(false);
  const [teamId, setTeamId] = useState<string>('');
  const [send, setSend] = useState<SendState>({ status: 'idle' });

  const body = useMemo(() => (week?.complete ? toShareableWeek(week) : undefined), [week]);
  const teamList = teams.status === 'ready' ? teams.data.teams : [];
  const selected = teamList.find((t) => t.teamId === teamId) ?? teamList[0];
  const demoInProduction = sourceKind === 'demo' && mode === 'production';

  const submit = async (): Promise<void> => {
    if (!body || !selected) return;
    setSend({ status: 'sending' });
    try {
      const answer = await api.postJson(
        `/api/v1/teams/${encodeURIComponent(selected.teamId)}/meeting-load`,
        body,
        MeetingLoadShareResponse,
      );
      setSend({ status: 'done', answer, teamName: selected.name });
    } catch (error) {
      setSend({ status: 'error', error: toApiError(error) });
    }
  };

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Text as="h2" id={headingId} size={400} weight="semibold" className={styles.heading}>
        Share with your team
      </Text>
      <Switch
        checked={optedIn}
        onChange={(_, data) => {
          setOptedIn(data.checked);
          setSend({ status: 'idle' });
        }}
        label="Share my weekly figures with my team"
      />
      {!optedIn && <Caption1 className={styles.muted}>Off: nothing about your calendar leaves this device.</Caption1>}
      {optedIn && (
        <>
          {demoInProduction && (
            <Body1>
              These are demo figures, not your calendar, so they cannot be shared. Import your own calendar first.
            </Body1>
          )}
          {!body && <Body1>There is no complete week to share yet.</Body1>}
          {teams.status === 'loading' && <Spinner size="tiny" label="Loading your teams…" labelPosition="after" />}
          {teams.status === 'ready' && teamList.length === 0 && (
            <Body1>You are not in a team that uses Human Debt yet.</Body1>
          )}
          {body && !demoInProduction && selected && (
            <>
              <Field label="Team">
                <Select value={selected.teamId} onChange={(_, data) => setTeamId(data.value)}>
                  {teamList.map((t) => (
                    <option key={t.teamId} value={t.teamId}>
                      {t.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Body1>
                Exactly what will be sent to <strong>{selected.name}</strong> for week {body.week} (your last complete
                week): numbers only — no titles, attendees or times.{' '}
                {selected.belowThreshold
                  ? `The team has fewer than ${selected.kThreshold} members, so its figure stays hidden for now.`
                  : `A team figure is shown only when at least ${selected.kThreshold} people share.`}
              </Body1>
              <table className={styles.table} aria-label="Figures that will be sent">
                <thead>
                  <tr>
                    <th className={styles.cell} scope="col">
                      Figure
                    </th>
                    <th className={mergeClasses(styles.cell, styles.number)} scope="col">
                      Value
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {SHAREABLE_METRICS.map((key) => (
                    <tr key={key}>
                      <th className={styles.cell} scope="row">
                        {METRIC_LABELS[key]}
                      </th>
                      <td className={mergeClasses(styles.cell, styles.number)}>{body.metrics[key]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <pre className={styles.payload} aria-label="Request body" data-testid="share-payload">
                {JSON.stringify(body, null, 2)}
              </pre>
              <div className={styles.actions}>
                <Button appearance="primary" onClick={() => void submit()} disabled={send.status === 'sending'}>
                  Send these figures to {selected.name}
                </Button>
                {send.status === 'sending' && <Spinner size="tiny" label="Sending…" labelPosition="after" />}
              </div>
            </>
          )}
          <div aria-live="polite">
            {send.status === 'done' && (
              <MessageBar intent="success" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>
                    {send.answer.status === 'accepted' ? `Shared with ${send.teamName}` : 'Already shared'}
                  </MessageBarTitle>
                  {send.answer.status === 'accepted'
                    ? `Week ${send.answer.week}: ${send.answer.stored}`
                    : `You already shared week ${send.answer.week} with ${send.teamName}; nothing was changed. ${send.answer.stored}`}
                </MessageBarBody>
              </MessageBar>
            )}
            {send.status === 'error' && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>Not shared</MessageBarTitle>
                  {send.error.userMessage}
                  {send.error.correlationId && ` Reference: ${send.error.correlationId}`}
                </MessageBarBody>
              </MessageBar>
            )}
          </div>
        </>
      )}
    </section>
  );
}
