import { Body1, Caption1, Spinner, Text } from '@fluentui/react-components';
import type { MeResponse, TeamsListResponse, WeekFigures as Figures } from '@humandebt/core';
import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ApiClient, Resource } from '@humandebt/web';
import { CalendarReadError, type CalendarData, type CalendarSource } from '../calendar/calendar-source';
import { demoCalendarSource } from '../calendar/demo-calendar';
import type { IcsImportOptions, IcsImportResult } from '../calendar/ics-import';
import { addDays, analysisWeeks, browserTimeZone, rangeOfDates } from '../calendar/local-week';
import { AgreementsResponse, DEFAULT_THRESHOLDS } from '../domain/core';
import { useFormatters } from '../i18n/formatters';
import type { MeetingDraft, TeamAgreement } from '../meeting-load/appointment-impact';
import { defaultSettings } from '../meeting-load/person-settings';
import { loadFormat } from '../meeting-load/load-format';
import { buildLoadModel, type WeekView } from '../meeting-load/load-model';
import type { Nudge } from '../meeting-load/nudges';
import type { OfficeHost } from '../office/office-host';
import { CalendarSourceBar } from './CalendarSourceBar';
import { DayTimeline } from './DayTimeline';
import type { AgreementsStatus, ImpactState } from './MeetingImpact';
import { useMeetingLoadPanelStyles } from './MeetingLoadPanel.styles';
import { NudgeList } from './NudgeList';
import { WeekFigures } from './WeekFigures';
import { WeekTabs } from './WeekTabs';

export type ImportIcs = (
  file: File,
  options: IcsImportOptions,
) => Promise<{ source: CalendarSource; result: IcsImportResult }>;

export interface MeetingLoadPanelProps {
  host: OfficeHost;
  api: ApiClient;
  teams: Resource<TeamsListResponse>;
  me: MeResponse | undefined;
  /** Clock and zone are injectable so tests see a fixed week. */
  now?: () => Date;
  timeZone?: string;
  /** How an .ics file is read; by default ical.js is loaded on first use (it is not in the pane's first bundle). */
  importIcs?: ImportIcs;
}

type DataState = { status: 'loading' } | { status: 'ready'; data: CalendarData } | { status: 'error'; message: string };

const lazyImportIcs: ImportIcs = async (file, options) =>
  (await import('../calendar/ics-import')).importIcsFile(file, options);

let firstRenderMarked = false;

// Below the figures and only used on demand: loaded after the first render, so they do not weigh on it (their Fluent
// form controls are a third of the pane's code).
const OpenAppointment = lazy(() => import('./MeetingImpact').then((m) => ({ default: m.OpenAppointment })));
const TryMeeting = lazy(() => import('./MeetingImpact').then((m) => ({ default: m.TryMeeting })));
const ShareWeek = lazy(() => import('./ShareWeek').then((m) => ({ default: m.ShareWeek })));

/** The person's meeting load: source, this week / next week, suggestions, the open (or tried) meeting, and sharing. */
export function MeetingLoadPanel({
  host,
  api,
  teams,
  me,
  now = () => new Date(),
  timeZone,
  importIcs = lazyImportIcs,
}: MeetingLoadPanelProps) {
  const styles = useMeetingLoadPanelStyles();
  const { locale } = useFormatters();
  const headingId = useId();
  const tabIds = { current: useId(), next: useId() };
  const panelId = useId();

  const zone = useMemo(() => timeZone ?? browserTimeZone(), [timeZone]);
  // The clock is read once per mount: the weeks must not shift under the person while they read them.
  const [startedAt] = useState(now);
  const weeks = useMemo(() => analysisWeeks(startedAt, zone), [startedAt, zone]);
  const settings = useMemo(() => defaultSettings(zone), [zone]);
  const format = loadFormat(locale, zone);
  const range = useMemo(() => rangeOfDates(weeks.last.from, weeks.next.to, zone), [weeks, zone]);

  const defaultSource = useMemo(
    () => host.calendar ?? demoCalendarSource(startedAt, zone),
    [host.calendar, startedAt, zone],
  );
  const [source, setSource] = useState<CalendarSource>(defaultSource);
  const [importing, setImporting] = useState<{ busy: boolean; error?: string; notice?: string }>(() =>
    host.calendarNotice ? { busy: false, notice: host.calendarNotice } : { busy: false },
  );
  const [tab, setTab] = useState<'current' | 'next'>('current');

  // What an asynchronous source (Outlook) answered, tagged with that source so a stale answer is never shown for
  // another. In-memory sources (demo, imported file) are read synchronously, so their figures are there on the same
  // render as the source label.
  const [loaded, setLoaded] = useState<{ source: CalendarSource; state: DataState } | undefined>();
  useEffect(() => {
    if (source.peek) return;
    const controller = new AbortController();
    setLoaded({ source, state: { status: 'loading' } });
    source.load(range, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setLoaded({ source, state: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = error instanceof CalendarReadError ? error.userMessage : 'Your calendar could not be read.';
        setLoaded({ source, state: { status: 'error', message } });
      },
    );
    return () => controller.abort();
  }, [source, range]);
  const peeked = source.peek?.();
  const state: DataState = useMemo(
    () =>
      peeked ? { status: 'ready', data: peeked } : loaded?.source === source ? loaded.state : { status: 'loading' },
    [peeked, loaded, source],
  );

  const model = useMemo(
    () => (state.status === 'ready' ? buildLoadModel(state.data, settings, weeks) : undefined),
    [state, settings, weeks],
  );

  // The meeting check and the share form are below the figures: they (and their chunks) come after the first render.
  const [secondary, setSecondary] = useState(false);
  useEffect(() => {
    if (!model) return;
    if (!firstRenderMarked) {
      firstRenderMarked = true;
      // The bench and the e2e test read this: navigation start → the week's figures on screen.
      performance.mark?.('hd-first-render');
    }
    setSecondary(true);
  }, [model]);

  // ---- Team agreements (for nudges and the meeting check) ----------------------------------------------------------
  const [agreements, setAgreements] = useState<{ list: TeamAgreement[]; status: AgreementsStatus }>({
    list: [],
    status: { count: undefined, failed: false },
  });
  useEffect(() => {
    if (teams.status === 'error') {
      setAgreements({ list: [], status: { count: undefined, failed: true } });
      return;
    }
    if (teams.status !== 'ready') return;
    const controller = new AbortController();
    const list = teams.data.teams;
    void Promise.allSettled(
      list.map((team) =>
        api
          .getJson(`/api/v1/teams/${encodeURIComponent(team.teamId)}/agreements`, AgreementsResponse, {
            signal: controller.signal,
          })
          .then((answer) =>
            answer.agreements.map((a): TeamAgreement => ({ teamName: team.name, title: a.title, rule: a.rule })),
          ),
      ),
    ).then((results) => {
      if (controller.signal.aborted) return;
      const ok = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
      const failed = list.length > 0 && results.every((r) => r.status === 'rejected');
      setAgreements({ list: ok, status: { count: failed ? undefined : ok.length, failed } });
    });
    return () => controller.abort();
  }, [teams, api]);

  // ---- Nudges: after the figures are on screen (a what-if per meeting ahead) --------------------------------------
  const [nudges, setNudges] = useState<{ current: Nudge[]; next: Nudge[] } | undefined>();
  useEffect(() => {
    setNudges(undefined);
    if (!model || state.status !== 'ready') return;
    const data = state.data;
    let active = true;
    // A what-if per meeting ahead is the pane's heaviest work: its own chunk, after the figures are painted.
    void import('../meeting-load/nudges').then(({ computeNudges }) => {
      if (!active) return;
      const forWeek = (week: WeekView | undefined): Nudge[] =>
        week ? computeNudges({ data, week, settings, agreements: agreements.list, now: startedAt }) : [];
      setNudges({ current: forWeek(model.current), next: forWeek(model.next) });
    });
    return () => {
      active = false;
    };
  }, [model, state, settings, agreements.list, startedAt]);

  // ---- .ics import ------------------------------------------------------------------------------------------------
  const onImport = useCallback(
    (file: File) => {
      setImporting({ busy: true });
      importIcs(file, { range, timeZone: zone }).then(
        ({ source: imported, result }) => {
          setSource(imported);
          const notes: string[] = [];
          if (result.events.length === 0)
            notes.push(`“${file.name}” has no events between ${format.dateRange(weeks.last.from, weeks.next.to)}.`);
          if (result.truncatedSeries > 0)
            notes.push(`${result.truncatedSeries} very long recurring series were cut short.`);
          setImporting({ busy: false, ...(notes.length ? { notice: notes.join(' ') } : {}) });
        },
        (error: unknown) => {
          // A bad file changes nothing: the calendar in use stays as it was.
          setImporting({
            busy: false,
            error: error instanceof CalendarReadError ? error.userMessage : `“${file.name}” could not be read.`,
          });
        },
      );
    },
    [importIcs, range, zone, format, weeks],
  );

  // ---- The open appointment (Outlook) or a tried meeting (standalone) ----------------------------------------------
  const [impact, setImpact] = useState<ImpactState>({ status: 'idle' });
  const checkSeq = useRef(0);
  const triedDraft = useRef<MeetingDraft | undefined>(undefined);
  const check = useCallback(
    async (draft: MeetingDraft) => {
      const seq = ++checkSeq.current;
      setImpact({ status: 'loading' });
      try {
        const { evaluateMeeting, rangeAround } = await import('../meeting-load/appointment-impact');
        const span = rangeAround(draft, zone);
        const inLoaded = state.status === 'ready' && span.start >= range.start && span.end <= range.end;
        const data = inLoaded && state.status === 'ready' ? state.data : await source.load(span);
        const result = evaluateMeeting(draft, data.events, agreements.list, settings, startedAt);
        if (seq === checkSeq.current) setImpact({ status: 'ready', impact: result });
      } catch (error) {
        if (seq !== checkSeq.current) return;
        setImpact({
          status: 'error',
          message: error instanceof CalendarReadError ? error.userMessage : 'This meeting could not be checked.',
        });
      }
    },
    [zone, state, range, source, agreements.list, settings, startedAt],
  );

  const appointment = host.appointment;
  // A tried meeting is checked again when what it is checked against changes (the agreements arrive, a file is imported).
  useEffect(() => {
    if (!appointment && triedDraft.current) void check(triedDraft.current);
  }, [appointment, check]);

  useEffect(() => {
    if (!appointment || state.status !== 'ready') return;
    let active = true;
    const read = (): void => {
      appointment.read().then(
        (snapshot) => {
          if (!active) return;
          if (!snapshot) setImpact({ status: 'none', reason: 'Open a meeting to see what it does to its day.' });
          else if (snapshot.isAllDay)
            setImpact({ status: 'none', reason: 'All-day events are not meetings; nothing to check.' });
          else {
            void check({
              start: snapshot.start,
              end: snapshot.end,
              attendeeCount: snapshot.attendeeCount,
              isOrganizer: snapshot.isOrganizer,
              isRecurring: snapshot.isRecurring,
              ...(snapshot.id ? { id: snapshot.id } : {}),
            });
          }
        },
        () => active && setImpact({ status: 'error', message: 'The open meeting could not be read from Outlook.' }),
      );
    };
    read();
    const stop = appointment.watch(read);
    return () => {
      active = false;
      stop();
    };
  }, [appointment, state.status, check]);

  const week = tab === 'current' ? model?.current : model?.next;
  const weekNudges = nudges?.[tab];
  const weekName = tab === 'current' ? 'this week' : 'next week';
  const lastWeek: Figures | undefined = model?.last?.figures;

  return (
    <div className={styles.root}>
      <CalendarSourceBar
        kind={source.kind}
        label={source.label}
        defaultLabel={defaultSource.label}
        busy={importing.busy}
        error={importing.error}
        notice={importing.notice}
        onImport={onImport}
        onReset={() => {
          setSource(defaultSource);
          setImporting({ busy: false });
        }}
      />

      <section className={styles.section} aria-labelledby={headingId} aria-busy={state.status === 'loading'}>
        <Text as="h2" id={headingId} size={400} weight="semibold" className={styles.heading}>
          Your meeting load
        </Text>
        {state.status === 'loading' && <Spinner size="tiny" label="Reading your calendar…" labelPosition="after" />}
        {state.status === 'error' && <Body1 role="alert">{state.message}</Body1>}
        {model && (
          <>
            <WeekTabs<'current' | 'next'>
              label="Week"
              panelId={panelId}
              selected={tab}
              onSelect={setTab}
              tabs={[
                { key: 'current', label: 'This week', id: tabIds.current },
                { key: 'next', label: 'Next week', id: tabIds.next },
              ]}
            />
            <div
              role="tabpanel"
              id={panelId}
              aria-labelledby={tabIds[tab]}
              className={styles.panel}
              data-testid="week-panel"
              data-week={tab}
            >
              {week ? (
                <>
                  <Caption1 className={styles.muted}>
                    {format.dateRange(week.week.from, week.week.to)} · working hours {settings.workingHours.start}–
                    {settings.workingHours.end}, Monday to Friday · times in {zone}
                  </Caption1>
                  <WeekFigures figures={week.figures} thresholds={DEFAULT_THRESHOLDS} format={format} />
                  <Text as="h3" className={styles.subheading}>
                    Suggestions
                  </Text>
                  <NudgeList nudges={weekNudges} format={format} label={`Suggestions for ${weekName}`} />
                  <Text as="h3" className={styles.subheading}>
                    Day by day
                  </Text>
                  <DayTimeline days={week.days} format={format} label={`Day by day, ${weekName}`} />
                  {model.skipped > 0 && (
                    <Caption1 className={styles.muted}>
                      {model.skipped} {model.skipped === 1 ? 'event was' : 'events were'} skipped because their dates
                      could not be read.
                    </Caption1>
                  )}
                </>
              ) : (
                <Body1>No figures for {weekName}.</Body1>
              )}
            </div>
          </>
        )}
      </section>

      {secondary && (
        <Suspense fallback={<Spinner size="tiny" label="Loading…" labelPosition="after" />}>
          {appointment ? (
            <OpenAppointment state={impact} agreements={agreements.status} />
          ) : (
            <TryMeeting
              from={weeks.current.from}
              to={weeks.next.to}
              initialDate={addDays(weeks.next.from, 3)}
              timeZone={zone}
              format={format}
              state={impact}
              agreements={agreements.status}
              onCheck={(draft) => {
                triedDraft.current = draft;
                void check(draft);
              }}
            />
          )}
          <ShareWeek api={api} teams={teams} week={lastWeek} sourceKind={source.kind} mode={me?.mode} />
        </Suspense>
      )}
    </div>
  );
}
