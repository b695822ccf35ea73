// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '@humandebt/web';
import { designTeam, errorBody, FakeFetch, type FakeReply, localMe, platformTeam } from '@humandebt/web/test-support';
import { CalendarReadError, staticCalendarSource, type CalendarSource } from '../src/calendar/calendar-source';
import { demoCalendar } from '../src/calendar/demo-calendar';
import { MeetingLoadPanel } from '../src/components/MeetingLoadPanel';
import { SHAREABLE_METRICS } from '../src/domain/core';
import type { AppointmentSnapshot } from '../src/office/appointment';
import type { OfficeHost } from '../src/office/office-host';
import { TaskPane } from '../src/TaskPane';
import weeklyIcs from './fixtures/weekly-series.ics?raw';

afterEach(cleanup);

const ZONE = 'Europe/Berlin';
/** Wednesday 25 Nov 2026, 11:00 in Berlin: this week is 23–29 Nov, next week 30 Nov – 6 Dec, last week 16–22 Nov. */
const NOW = new Date('2026-11-25T10:00:00Z');

function standaloneHost(extra: Partial<OfficeHost> = {}): OfficeHost {
  return {
    mode: 'standalone',
    locale: 'en-US',
    getTheme: () => 'default',
    subscribe: () => () => undefined,
    getToken: () => Promise.resolve(undefined),
    ...extra,
  };
}

function api(net: FakeFetch) {
  return createApiClient({ fetch: net.fetch, getToken: async () => undefined });
}

function localService(extra: (net: FakeFetch) => FakeFetch = (n) => n): FakeFetch {
  return extra(
    new FakeFetch()
      .on('/api/v1/me', { body: localMe })
      .on('/api/v1/teams', { body: { teams: [platformTeam, designTeam] } })
      .on('/api/v1/teams/team-platform/agreements', {
        body: {
          teamId: 'team-platform',
          agreements: [
            {
              id: 'a1',
              title: 'No meetings after 16:00',
              rule: { kind: 'no-meetings-after', time: '16:00' },
              createdAt: '2026-10-01T00:00:00Z',
            },
          ],
        },
      })
      .on('/api/v1/teams/team-design/agreements', { status: 404, body: errorBody('not_found', 'Not found.') }),
  );
}

function renderPanel(net: FakeFetch, host: OfficeHost = standaloneHost()) {
  const client = api(net);
  return render(
    <TaskPane
      host={host}
      api={client}
      meetingLoad={({ me, teams }) => (
        <MeetingLoadPanel host={host} api={client} teams={teams} me={me} now={() => NOW} timeZone={ZONE} />
      )}
    />,
  );
}

const figure = (key: string) => document.querySelector<HTMLElement>(`[data-figure="${key}"]`)?.textContent ?? '';
/** Intl puts thin and narrow no-break spaces in time ranges ("10:00 – 11:00 AM"); compare with plain spaces. */
const plain = (text: string | null | undefined) => (text ?? '').replace(/[\u2009\u202f\u00a0]/g, ' ');
const weekPanel = () => screen.getByRole('tabpanel');

describe('meeting load in the task pane (demo calendar)', () => {
  it('says which calendar is in use and shows this week’s figures on the first render', () => {
    renderPanel(localService());
    expect(screen.getByTestId('calendar-source').textContent).toBe('Calendar in use: Demo calendar (Demo data)');
    expect(screen.getByRole('tab', { name: 'This week' }).getAttribute('aria-selected')).toBe('true');
    // Hand-checked from the demo template for 23–29 Nov (see demo-calendar.ts).
    expect(figure('meetings')).toMatch(/^10\.7 h24% of working time · 16 meetings$/);
    expect(figure('b2b')).toContain('2 chains');
    // The partner sync: 1 h after hours, which is not over the 1 h threshold (it must be exceeded).
    expect(figure('after-hours')).toBe('1 h');
    expect(figure('conflicts')).toContain('2 meetings');
    expect(figure('focus')).not.toContain('Below');
  });

  it('switches to next week with the keyboard and flags its low focus time', () => {
    renderPanel(localService());
    const thisWeek = screen.getByRole('tab', { name: 'This week' });
    thisWeek.focus();
    fireEvent.keyDown(thisWeek, { key: 'ArrowRight' });
    const nextWeek = screen.getByRole('tab', { name: 'Next week' });
    expect(nextWeek.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(nextWeek);
    expect(weekPanel().getAttribute('aria-labelledby')).toBe(nextWeek.id);
    expect(figure('focus')).toMatch(/^8\.5 h3 blocks of 2 h or moreBelow 10 h$/);
    fireEvent.keyDown(nextWeek, { key: 'Home' });
    expect(thisWeek.getAttribute('aria-selected')).toBe('true');
  });

  it('lists each day, and each day’s meetings and focus blocks as text behind a toggle', () => {
    renderPanel(localService());
    const days = within(screen.getByRole('list', { name: 'Day by day, this week' })).getAllByRole('listitem');
    expect(days).toHaveLength(7);
    const thursday = days[3]!;
    expect(thursday.textContent).toContain('Thu, Nov 26');
    expect(thursday.textContent).not.toContain('(today)');
    const toggle = within(thursday).getByRole('button', { name: 'Show times for Thu, Nov 26' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const times = within(thursday).getByRole('list', { name: 'Times for Thu, Nov 26' });
    const lines = within(times)
      .getAllByRole('listitem')
      .map((li) => plain(li.textContent));
    expect(lines).toContain('10:00 – 11:00 AM Design review — you organise · 6 people');
    expect(lines).toContain('12:05 – 1:00 PM Roadmap check-in — 5 people');
    // Wednesday today: the booked focus time is shown as not counted, the engine's focus block as free.
    const wednesday = days[2]!;
    expect(wednesday.textContent).toContain('(today)');
    fireEvent.click(within(wednesday).getByRole('button', { name: /Show times/ }));
    const wed = within(wednesday)
      .getAllByRole('listitem')
      .map((li) => plain(li.textContent));
    expect(wed).toContain('1:00 – 3:00 PM Focus time — shown as free');
    expect(wed).toContain('4:00 – 5:00 PM All-hands rehearsal — declined');
    expect(wed.some((t) => t?.includes('Focus block — free for focus'))).toBe(true);
  });

  it('shows nudges with the engine’s concrete suggestions, including the team’s agreement', async () => {
    renderPanel(localService());
    fireEvent.click(screen.getByRole('tab', { name: 'Next week' }));
    const list = await screen.findByRole('list', { name: 'Suggestions for next week' });
    const text = list.textContent ?? '';
    expect(text).toContain('Protect a focus block:');
    expect(text).toContain('Low focus week');
    expect(text).toContain('Propose a new time: Move it to');
    fireEvent.click(screen.getByRole('button', { name: /Show all \d+ suggestions/ }));
    const all = screen.getByRole('list', { name: 'Suggestions for next week' }).textContent ?? '';
    expect(all).toContain('Shorten: Shorten it to 50 min');
    expect(all).toContain('Decline with a note:');
    expect(all).toContain('Thanks for the invitation.');
    // The agreement from the service is checked too: the vendor follow-up you organise next Wednesday ends at 16:30.
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Suggestions for next week' }).textContent).toContain(
        'Team agreement “No meetings after 16:00” (Platform)',
      ),
    );
  });

  it('marks the first render for the bench', () => {
    renderPanel(localService());
    // jsdom implements the User Timing API: the mark is set once per page load.
    expect(performance.getEntriesByName('hd-first-render').length).toBeGreaterThanOrEqual(1);
  });
});

describe('.ics import', () => {
  const chooseFile = async (content: string, name: string) => {
    const input = screen.getByTestId('ics-input') as HTMLInputElement;
    const file = new File([content], name, { type: 'text/calendar' });
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
  };

  it('imports a file from the file input, says so, and shows its figures', async () => {
    renderPanel(localService());
    const before = figure('meetings');
    // The fixture is March 2026: relative to this pane's weeks it has nothing, which the pane says.
    await chooseFile(weeklyIcs, 'march.ics');
    await waitFor(() =>
      expect(screen.getByTestId('calendar-source').textContent).toBe('Calendar in use: march.ics (Imported file)'),
    );
    expect(screen.getByText(/“march\.ics” has no events between/)).toBeTruthy();
    expect(figure('meetings')).not.toBe(before);
    expect(figure('meetings')).toMatch(/^0 h/);
    fireEvent.click(screen.getByRole('button', { name: 'Use demo calendar again' }));
    expect(screen.getByTestId('calendar-source').textContent).toBe('Calendar in use: Demo calendar (Demo data)');
    expect(figure('meetings')).toBe(before);
  });

  it('imports a dropped file', async () => {
    renderPanel(localService());
    const zone = screen.getByRole('region', { name: 'Calendar source' });
    const ics = weeklyIcs
      .replace(/20260302T/g, '20261123T')
      .replace('UNTIL=20260415T000000Z', 'UNTIL=20261231T000000Z');
    const file = new File([ics], 'dropped.ics', { type: 'text/calendar' });
    await act(async () => {
      fireEvent.dragOver(zone, { dataTransfer: { files: [file] } });
      fireEvent.drop(zone, { dataTransfer: { files: [file] } });
    });
    await waitFor(() => expect(screen.getByTestId('calendar-source').textContent).toContain('dropped.ics'));
    // Mon and Wed 10:00–11:00 (the series now starts on 23 Nov): 2 meetings this week.
    expect(figure('meetings')).toContain('2 meetings');
  });

  it('rejects a bad file with a clear message and keeps the calendar as it was', async () => {
    renderPanel(localService());
    const before = figure('meetings');
    await chooseFile('this is not a calendar', 'notes.txt');
    expect(
      await screen.findByText('“notes.txt” is not an iCalendar (.ics) file: it has no BEGIN:VCALENDAR line.'),
    ).toBeTruthy();
    expect(screen.getByTestId('calendar-source').textContent).toBe('Calendar in use: Demo calendar (Demo data)');
    expect(figure('meetings')).toBe(before);
  });
});

describe('try a meeting (standalone)', () => {
  it('says what the meeting does to its day and which rules it breaks, with the team’s agreement', async () => {
    renderPanel(localService());
    const section = await screen.findByRole('region', { name: 'Try a meeting' });
    // Defaults: next Thursday (3 Dec), 16:00, 60 min, 4 people.
    expect((within(section).getByLabelText('Day') as HTMLSelectElement).value).toBe('2026-12-03');
    fireEvent.click(within(section).getByRole('button', { name: 'Check this meeting' }));
    const result = await within(section).findByTestId('impact-result');
    await waitFor(() => expect(result.textContent).toContain('This makes Thursday 6.7 h of meetings'));
    // Checked again once the team's agreements have arrived.
    await waitFor(() => expect(result.textContent).toContain('Team agreement'));
    const rules = within(result).getByRole('list', { name: 'Rules this meeting breaks' }).textContent ?? '';
    expect(rules).toContain('Back-to-back meetings:');
    expect(rules).toContain(
      'Team agreement “No meetings after 16:00” (Platform): The team agreed on no meetings after 16:00; this one ends at 17:00.',
    );
    expect(result.textContent).toContain('Checked against 1 agreement of your teams');
  });
});

describe('share my weekly figures (opt-in)', () => {
  const lastWeekPayload = () => {
    const text = screen.getByTestId('share-payload').textContent ?? '';
    return JSON.parse(text) as { week: string; metrics: Record<string, number> };
  };

  it('sends nothing until switched on, then shows exactly what will be sent and sends it', async () => {
    const reply: FakeReply = {
      body: { status: 'accepted', week: '2026-W47', stored: 'Your figures for 2026-W47 were added to Platform.' },
    };
    const net = localService((n) => n.on('/api/v1/teams/team-platform/meeting-load', reply));
    renderPanel(net);
    const section = await screen.findByRole('region', { name: 'Share with your team' });
    expect(within(section).getByText('Off: nothing about your calendar leaves this device.')).toBeTruthy();
    fireEvent.click(within(section).getByRole('switch', { name: 'Share my weekly figures with my team' }));
    await within(section).findByRole('table', { name: 'Figures that will be sent' });

    const payload = lastWeekPayload();
    expect(payload.week).toBe('2026-W47'); // 16–22 Nov, the last complete week
    expect(Object.keys(payload)).toEqual(['week', 'metrics']);
    expect(Object.keys(payload.metrics)).toEqual([...SHAREABLE_METRICS]);
    expect(section.textContent).toContain('numbers only — no titles, attendees or times');
    // No title, no time of day, no attendee from the calendar is in what is sent.
    const raw = screen.getByTestId('share-payload').textContent ?? '';
    for (const title of new Set(demoCalendar(NOW, ZONE).titles.values())) expect(raw).not.toContain(title);
    expect(raw).not.toMatch(/\d{2}:\d{2}|T\d{2}/);

    fireEvent.click(within(section).getByRole('button', { name: 'Send these figures to Platform' }));
    expect(await within(section).findByText('Shared with Platform')).toBeTruthy();
    expect(section.textContent).toContain('Week 2026-W47: Your figures for 2026-W47 were added to Platform.');
    const [post] = net.callsTo('/api/v1/teams/team-platform/meeting-load');
    expect(post).toMatchObject({ method: 'POST', headers: { 'Content-Type': 'application/json' } });
    expect(JSON.parse(String(post!.body))).toEqual(payload);
  });

  it('sends to the chosen team, and says when the week was already shared', async () => {
    const net = localService((n) =>
      n.on('/api/v1/teams/team-design/meeting-load', {
        body: { status: 'duplicate', week: '2026-W47', stored: 'Nothing new was stored.' },
      }),
    );
    renderPanel(net);
    const section = await screen.findByRole('region', { name: 'Share with your team' });
    fireEvent.click(within(section).getByRole('switch'));
    fireEvent.change(await within(section).findByRole('combobox', { name: 'Team' }), {
      target: { value: 'team-design' },
    });
    expect(section.textContent).toContain('fewer than 7 members, so its figure stays hidden for now');
    fireEvent.click(within(section).getByRole('button', { name: 'Send these figures to Design Studio' }));
    expect(await within(section).findByText('Already shared')).toBeTruthy();
    expect(section.textContent).toContain('You already shared week 2026-W47 with Design Studio; nothing was changed.');
  });

  it('shows the service’s message when it refuses', async () => {
    const net = localService((n) =>
      n.on('/api/v1/teams/team-platform/meeting-load', {
        status: 400,
        body: errorBody('validation', 'The request is not valid.', 'corr-9'),
      }),
    );
    renderPanel(net);
    const section = await screen.findByRole('region', { name: 'Share with your team' });
    fireEvent.click(within(section).getByRole('switch'));
    fireEvent.click(await within(section).findByRole('button', { name: /Send these figures/ }));
    expect(await within(section).findByText('Not shared')).toBeTruthy();
    expect(section.textContent).toContain('The request is not valid. Reference: corr-9');
  });
});

describe('in Outlook', () => {
  const appointment = (snapshot: AppointmentSnapshot | undefined) => {
    const listeners = new Set<() => void>();
    let current = snapshot;
    return {
      access: {
        read: async () => current,
        watch: (listener: () => void) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      change(next: AppointmentSnapshot | undefined) {
        current = next;
        for (const l of listeners) l();
      },
    };
  };

  it('reads the Outlook calendar and checks the open appointment as it changes', async () => {
    const calendar: CalendarSource = {
      ...staticCalendarSource('outlook', 'Your Outlook calendar', demoCalendar(NOW, ZONE)),
    };
    const open = appointment({
      mode: 'compose',
      start: new Date('2026-12-03T15:00:00Z'),
      end: new Date('2026-12-03T16:00:00Z'),
      attendeeCount: 3,
      isOrganizer: true,
      isRecurring: false,
      isAllDay: false,
    });
    renderPanel(localService(), standaloneHost({ mode: 'outlook', calendar, appointment: open.access }));
    expect(screen.getByTestId('calendar-source').textContent).toBe('Calendar in use: Your Outlook calendar (Outlook)');
    const section = await screen.findByRole('region', { name: 'This meeting' });
    await waitFor(() => expect(section.textContent).toContain('This makes Thursday 6.7 h of meetings'));
    act(() => open.change(undefined));
    await waitFor(() => expect(section.textContent).toContain('Open a meeting to see what it does to its day.'));
  });

  it('says when the Outlook calendar cannot be read', async () => {
    const failing: CalendarSource = {
      kind: 'outlook',
      label: 'Your Outlook calendar',
      load: () => Promise.reject(new CalendarReadError('Microsoft Graph is not available right now. Try again later.')),
    };
    renderPanel(localService(), standaloneHost({ mode: 'outlook', calendar: failing }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Microsoft Graph is not available right now. Try again later.',
    );
  });
});
