import {
  mulberry32,
  CATEGORIES,
  TENANT_SCOPE,
  getItem,
  planFor,
  pulseIdOf,
  submitPulseResponse,
  type CategoryKey,
  addWeeks,
  isoWeekOf,
  lastPublishedPulseWeek,
  weekStart,
  type ActionDoc,
  type ActionStatus,
  type AgreementDoc,
  type MeetingLoadDoc,
  type MemberDoc,
  type MetricSums,
  type CalendarEvent,
  addToMeetingLoadMetrics,
  analyzeMeetingLoad,
  toShareableWeek,
  type RetroDoc,
  type Store,
  type TeamDoc,
} from '@humandebt/core';
import { Pseudonyms } from '../pulse/pseudonyms';

/**
 * Realistic, deterministic demo data for a local run: one tenant, three teams (one smaller than the privacy
 * threshold so suppression shows), twelve weeks of history ending this week. Deterministic for a given "now" so
 * screenshots and tests are stable; written through the same store port as everything else.
 */

export const DEMO_TENANT = 'demo-tenant';
export const DEMO_MANAGER = 'demo-manager';
export const DEMO_WEEKS = 12;

interface TeamPlan {
  id: string;
  name: string;
  orgUnit: string;
  timeZone: string;
  people: string[];
  managerRole: 'owner' | 'member';
  meetingLoad: { hours: number; focus: number; b2b: number; afterHours: number };
  sharers: number;
}

const TEAMS: TeamPlan[] = [
  {
    id: 'team-platform',
    name: 'Platform Engineering',
    orgUnit: 'Engineering',
    timeZone: 'Europe/Berlin',
    people: [
      'Aiko Tanaka',
      'Ben Okafor',
      'Carla Mendes',
      'Dev Patel',
      'Elif Yilmaz',
      'Finn Larsen',
      'Grace Kim',
      'Hugo Laurent',
    ],
    managerRole: 'owner',
    meetingLoad: { hours: 17, focus: 9, b2b: 6, afterHours: 1.5 },
    sharers: 7,
  },
  {
    id: 'team-success',
    name: 'Customer Success',
    orgUnit: 'Customer',
    timeZone: 'America/New_York',
    people: ['Ines Duarte', 'Jonas Weber', 'Kofi Mensah', 'Lena Novak', 'Maya Cohen', 'Noah Brooks'],
    managerRole: 'owner',
    meetingLoad: { hours: 22, focus: 6, b2b: 9, afterHours: 2.5 },
    sharers: 5,
  },
  {
    id: 'team-design',
    name: 'Design Studio',
    orgUnit: 'Product',
    timeZone: 'Europe/London',
    people: ['Olivia Park', 'Priya Raman'],
    managerRole: 'member',
    meetingLoad: { hours: 14, focus: 12, b2b: 3, afterHours: 0.5 },
    sharers: 3,
  },
];

const userId = (name: string) => `demo-${name.toLowerCase().replace(/[^a-z]+/g, '-')}`;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * One person's working week as calendar events (wall-clock times in the team's zone, no titles): a daily stand-up,
 * meetings placed on a half-hour grid until the week holds about `targetHours`, some of them back to back, the odd
 * after-hours call, a declined and a tentative invitation.
 */
function syntheticWeek(rand: () => number, week: string, plan: TeamPlan, targetHours: number): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  const monday = weekStart(week).getTime();
  const base = { timeZone: plan.timeZone, isAllDay: false, isOrganizer: false, isOnline: true };
  let id = 0;
  const add = (day: number, startMin: number, minutes: number, extra: Partial<CalendarEvent> = {}) => {
    const date = isoDate(new Date(monday + day * 86_400_000));
    const t = (m: number) =>
      `${date}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;
    events.push({
      ...base,
      id: `e${id++}`,
      start: t(startMin),
      end: t(startMin + minutes),
      showAs: 'busy',
      responseStatus: 'accepted',
      attendeeCount: 2 + Math.floor(rand() * 10),
      isRecurring: false,
      ...extra,
    });
  };
  const busy = Array.from({ length: 5 }, () => new Set<number>()); // half-hour slots 09:00–17:00 per weekday
  let minutes = 0;
  for (let d = 0; d < 5; d++) {
    add(d, 9 * 60 + 30, 15, { isRecurring: true, attendeeCount: plan.people.length });
    busy[d]!.add(1);
    minutes += 15;
  }
  const durations = [30, 30, 45, 60, 60, 90];
  for (let guard = 0; minutes < targetHours * 60 && guard < 200; guard++) {
    const d = Math.floor(rand() * 5);
    const slot = 2 + Math.floor(rand() * 14);
    const length = durations[Math.floor(rand() * durations.length)]!;
    const slots = Math.ceil(length / 30);
    if (slot + slots > 16 || [...Array(slots).keys()].some((i) => busy[d]!.has(slot + i))) continue;
    for (let i = 0; i < slots; i++) busy[d]!.add(slot + i);
    add(d, 9 * 60 + slot * 30, length, { isRecurring: rand() < 0.4 });
    minutes += length;
  }
  if (rand() < plan.meetingLoad.afterHours / 3) add(Math.floor(rand() * 5), 17 * 60 + 30, 60);
  add(Math.floor(rand() * 5), 12 * 60, 30, { responseStatus: 'declined' });
  add(Math.floor(rand() * 5), 16 * 60 + 30, 30, { showAs: 'tentative', responseStatus: 'tentativelyAccepted' });
  return events;
}

export interface SeedSummary {
  tenantId: string;
  teams: number;
  members: number;
  retros: number;
  actions: number;
  agreements: number;
  meetingLoadWeeks: number;
  pulseResponses: number;
}

/** True when the demo tenant already has data (so a restart keeps it instead of seeding again). */
export async function hasDemoData(store: Store): Promise<boolean> {
  return (await store.teams.listByTenant(DEMO_TENANT)).length > 0;
}

/** Removes every document of the demo tenant, team by team, through the port (works on both adapters). */
export async function clearDemoData(store: Store): Promise<void> {
  const teams = await store.teams.listByTenant(DEMO_TENANT);
  const scopes = [...new Set([...teams.map((t) => t.id), ...TEAMS.map((t) => t.id), TENANT_SCOPE])];
  const repos = [
    store.members,
    store.retros,
    store.actions,
    store.agreements,
    store.responses,
    store.rollups,
    store.meetingLoad,
    store.processed,
    store.leases,
    store.grants,
    store.teams,
  ] as const;
  for (const teamId of scopes) {
    for (const repo of repos) {
      for (const doc of await repo.listByTeam(DEMO_TENANT, teamId))
        await repo.delete({ tenantId: DEMO_TENANT, teamId, id: doc.id });
    }
  }
}

/** Used only when a caller (a test) does not pass the service's own pseudonym secret. */
const TEST_ONLY_SECRET = 'demo-seed-test-only-secret-0123456789abcdef';

export interface SeedOptions {
  now?: Date;
  /** The service's pseudonyms, so demo people who answer again from the bot are recognised as duplicates. */
  pseudonyms?: Pseudonyms;
}

export async function seedDemoData(store: Store, options: SeedOptions = {}): Promise<SeedSummary> {
  const now = options.now ?? new Date();
  const pseudonyms = options.pseudonyms ?? new Pseudonyms(TEST_ONLY_SECRET);
  const rand = mulberry32(20261126);
  const thisWeek = isoWeekOf(now);
  // DEMO_WEEKS published weeks (their collection closed, so the dashboard shows them), then the weeks still
  // collecting up to this one.
  const firstWeek = addWeeks(lastPublishedPulseWeek(now), -(DEMO_WEEKS - 1));
  let seededWeeks = 0;
  for (let w = firstWeek; w <= thisWeek; w = addWeeks(w, 1)) seededWeeks++;
  const summary: SeedSummary = {
    tenantId: DEMO_TENANT,
    teams: 0,
    members: 0,
    retros: 0,
    actions: 0,
    agreements: 0,
    meetingLoadWeeks: 0,
    pulseResponses: 0,
  };
  const createdAt = weekStart(firstWeek).toISOString();

  for (const plan of TEAMS) {
    const team: TeamDoc = {
      tenantId: DEMO_TENANT,
      teamId: plan.id,
      id: plan.id,
      type: 'team',
      name: plan.name,
      orgUnit: plan.orgUnit,
      settings: {
        kThreshold: 5,
        timeZone: plan.timeZone,
        workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
        pulseCadence: 'weekly',
      },
      createdAt,
    };
    await store.teams.upsert(team);
    summary.teams++;

    const roster: Array<Pick<MemberDoc, 'id' | 'displayName' | 'role'>> = [
      { id: DEMO_MANAGER, displayName: 'Morgan Demo (local)', role: plan.managerRole },
      ...plan.people.map((p) => ({ id: userId(p), displayName: p, role: 'member' as const })),
    ];
    for (const m of roster) {
      await store.members.upsert({
        tenantId: DEMO_TENANT,
        teamId: plan.id,
        id: m.id,
        type: 'member',
        displayName: m.displayName,
        role: m.role,
        joinedAt: createdAt,
      });
      summary.members++;
    }

    // Pulse answers, twelve weeks, through the same path a person's pulse card uses (pseudonyms, validation,
    // response document, rollup). About 85 % answer each week; each person has their own leaning per category.
    const leaning = new Map<string, number>();
    for (let w = 0; w < seededWeeks; w++) {
      const week = addWeeks(firstWeek, w);
      if (weekStart(week).getTime() > now.getTime()) break;
      for (const m of roster) {
        if (rand() > 0.85) continue;
        const personSeed = pseudonyms.rotationSeed(DEMO_TENANT, plan.id, m.id);
        const items = planFor({ teamId: plan.id, personSeed, week }).items;
        const answers: Record<string, number> = {};
        for (const item of items) {
          const key = `${m.id}|${item.category}`;
          if (!leaning.has(key)) leaning.set(key, (rand() - 0.5) * 1.4);
          const keyed = clamp7(
            Math.round(latent(plan.id, item.category, w) + leaning.get(key)! + gaussian(rand) * 0.8),
          );
          answers[item.id] = getItem(item.id)!.reverse ? 8 - keyed : keyed;
        }
        const outcome = await submitPulseResponse(store, {
          tenantId: DEMO_TENANT,
          teamId: plan.id,
          week,
          respondentKey: pseudonyms.teamRespondentKey(DEMO_TENANT, plan.id, pulseIdOf(week), m.id),
          personSeed,
          answers,
          rosterSize: roster.length,
          // History is answered when it happened: Wednesday of its week (or now, for the current week).
          now: new Date(Math.min(weekStart(week).getTime() + 2.5 * 86_400_000, now.getTime())),
        });
        if (outcome.status === 'rejected') throw new Error(`demo answer rejected: ${JSON.stringify(outcome.problems)}`);
        if (outcome.status === 'accepted') summary.pulseResponses++;
      }
    }

    // Opt-in meeting-load aggregates: each sharer's week is a generated calendar analysed by the same engine the
    // add-in runs, reduced to the same shareable numbers and added the same way as a real share.
    for (let w = 0; w < seededWeeks; w++) {
      const week = addWeeks(firstWeek, w);
      if (weekStart(week).getTime() + 7 * 86_400_000 > now.getTime()) break; // only finished weeks are shared
      // Load drifts down over the last weeks for Platform (their focus-day action), up for Success.
      const trend =
        plan.id === 'team-platform' ? -0.35 * Math.max(0, w - 5) : plan.id === 'team-success' ? 0.25 * w : 0;
      let metrics: Record<string, MetricSums> = {};
      const applied: string[] = [];
      for (let p = 0; p < plan.sharers; p++) {
        const person = roster[p + 1] ?? roster[0]!;
        const events = syntheticWeek(
          rand,
          week,
          plan,
          Math.max(3, plan.meetingLoad.hours + trend + (rand() - 0.5) * 6),
        );
        const report = analyzeMeetingLoad(
          events,
          { timeZone: plan.timeZone, workingHours: team.settings.workingHours },
          { from: isoDate(weekStart(week)), to: isoDate(new Date(weekStart(week).getTime() + 6 * 86_400_000)) },
        );
        const figures = report.weeks.find((x) => x.week === week);
        if (!figures) continue;
        metrics = addToMeetingLoadMetrics(metrics, toShareableWeek(figures));
        applied.push(pseudonyms.teamRespondentKey(DEMO_TENANT, plan.id, `meeting-load:${week}`, person.id));
      }
      const doc: MeetingLoadDoc = {
        tenantId: DEMO_TENANT,
        teamId: plan.id,
        id: week,
        type: 'meeting-load',
        week,
        sharers: applied.length,
        metrics,
        applied,
      };
      await store.meetingLoad.upsert(doc);
      summary.meetingLoadWeeks++;
    }

    // A retro every three weeks, each closing with actions; the later ones reference the earlier actions.
    for (let r = 0; r < 4; r++) {
      const week = addWeeks(firstWeek, r * 3 + 1);
      const start = new Date(weekStart(week).getTime() + 3 * 86_400_000 + 14 * 3_600_000); // Thursday 14:00 UTC
      const retroId = `retro-${week}`;
      const actions = demoActions(plan, r, start, now);
      const retro: RetroDoc = {
        tenantId: DEMO_TENANT,
        teamId: plan.id,
        id: retroId,
        type: 'retro',
        template: (['start-stop-continue', 'mad-sad-glad', '4ls', 'last-three-disasters'] as const)[r]!,
        phase: 'closed',
        facilitatorId: r % 2 === 0 ? DEMO_MANAGER : userId(plan.people[0]!),
        startedAt: start.toISOString(),
        closedAt: new Date(start.getTime() + 50 * 60_000).toISOString(),
        cards: RETRO_CARDS[r]!.map((text, i) => ({
          id: `card-${i + 1}`,
          column: ['start', 'stop', 'continue'][i % 3]!,
          text,
          themeId: `theme-${(i % 2) + 1}`,
        })),
        themes: [
          {
            id: 'theme-1',
            title: RETRO_THEMES[r]![0]!,
            cardIds: RETRO_CARDS[r]!.map((_, i) => `card-${i + 1}`).filter((_, i) => i % 2 === 0),
          },
          {
            id: 'theme-2',
            title: RETRO_THEMES[r]![1]!,
            cardIds: RETRO_CARDS[r]!.map((_, i) => `card-${i + 1}`).filter((_, i) => i % 2 === 1),
          },
        ],
        voteTotals: { 'theme-1': 2 + Math.floor(rand() * 8), 'theme-2': 1 + Math.floor(rand() * 6) },
        votesUsed: {},
        voteBudget: 3,
        actionIds: actions.map((a) => a.id),
        agreementIds: [],
      };
      if (start.getTime() > now.getTime()) continue;
      await store.retros.upsert(retro);
      summary.retros++;
      for (const a of actions) {
        await store.actions.upsert({ ...a, sourceRetroId: retroId });
        summary.actions++;
      }
    }

    for (const [i, agreement] of AGREEMENTS[plan.id]!.entries()) {
      const doc: AgreementDoc = {
        tenantId: DEMO_TENANT,
        teamId: plan.id,
        id: `agreement-${i + 1}`,
        type: 'agreement',
        ...agreement,
        createdAt: addDays(createdAt, 10 + i * 21),
      };
      await store.agreements.upsert(doc);
      summary.agreements++;
    }
  }
  // The demo manager also holds the org role, so the org roll-up (with its suppression) can be tried locally.
  await store.grants.upsert({
    tenantId: DEMO_TENANT,
    teamId: TENANT_SCOPE,
    id: DEMO_MANAGER,
    type: 'grant',
    roles: ['org-viewer', 'tenant-admin'],
    orgUnits: ['*'],
    grantedBy: 'demo-admin',
    grantedAt: createdAt,
  });
  return summary;
}

interface ActionPlan {
  retro: number;
  title: string;
  target: NonNullable<ActionDoc['target']>;
  /** Days after the retro it starts (undefined: not started) and is due. */
  startDays?: number;
  dueDays: number;
  status: ActionStatus;
}

/** Each team's actions, chosen so the dashboard shows every proof-of-action verdict with honest data. */
const ACTIONS: Record<string, ActionPlan[]> = {
  'team-platform': [
    {
      retro: 0,
      title: 'Write down who decides on release scope',
      target: { kind: 'dimension', key: 'structure-clarity' },
      startDays: 3,
      dueDays: 10,
      status: 'done',
    },
    {
      retro: 1,
      title: 'Make Wednesday a meeting-free focus day',
      target: { kind: 'hazard', key: 'workload-pace' },
      startDays: 4,
      dueDays: 14,
      status: 'done',
    },
    {
      retro: 2,
      title: 'Start each planning with “what worried you last sprint?”',
      target: { kind: 'dimension', key: 'psychological-safety' },
      startDays: 4,
      dueDays: 14,
      status: 'in-progress',
    },
    {
      retro: 2,
      title: 'Pair new joiners with a buddy for their first month',
      target: { kind: 'dimension', key: 'dependability' },
      dueDays: 9,
      status: 'open',
    },
    {
      retro: 3,
      title: 'Rotate on-call so nobody covers two weekends in a row',
      target: { kind: 'hazard', key: 'hours' },
      dueDays: 21,
      status: 'open',
    },
  ],
  'team-success': [
    {
      retro: 0,
      title: 'Shorten recurring syncs to 25 minutes',
      target: { kind: 'hazard', key: 'workload-pace' },
      startDays: 4,
      dueDays: 14,
      status: 'done',
    },
    {
      retro: 1,
      title: 'Agree a response-time promise for after-hours messages',
      target: { kind: 'hazard', key: 'home-work-balance' },
      startDays: 6,
      dueDays: 21,
      status: 'in-progress',
    },
    {
      retro: 2,
      title: 'Share one customer story in every team meeting',
      target: { kind: 'dimension', key: 'meaning' },
      dueDays: 7,
      status: 'open',
    },
    {
      retro: 3,
      title: 'Name one owner for each escalation',
      target: { kind: 'hazard', key: 'role-clarity' },
      dueDays: 14,
      status: 'open',
    },
  ],
  'team-design': [
    {
      retro: 0,
      title: 'Timebox critiques to 50 minutes',
      target: { kind: 'hazard', key: 'workload-pace' },
      startDays: 2,
      dueDays: 7,
      status: 'done',
    },
    {
      retro: 2,
      title: 'Credit the author when work is presented upstream',
      target: { kind: 'hazard', key: 'recognition' },
      dueDays: 10,
      status: 'open',
    },
  ],
};

function demoActions(plan: TeamPlan, retroIndex: number, retroStart: Date, now: Date): ActionDoc[] {
  return (ACTIONS[plan.id] ?? [])
    .map((a, index) => ({ a, index }))
    .filter(({ a }) => a.retro === retroIndex)
    .map(({ a, index }) => {
      const ownerName = plan.people[index % plan.people.length]!;
      const started = a.startDays === undefined ? undefined : new Date(retroStart.getTime() + a.startDays * 86_400_000);
      const due = new Date(retroStart.getTime() + a.dueDays * 86_400_000);
      return {
        tenantId: DEMO_TENANT,
        teamId: plan.id,
        id: `action-${index + 1}`,
        type: 'action' as const,
        title: a.title,
        ownerId: userId(ownerName),
        ownerName,
        due: isoDate(due),
        status: a.status,
        target: a.target,
        createdAt: retroStart.toISOString(),
        ...(started && started.getTime() <= now.getTime() ? { startedAt: started.toISOString() } : {}),
        ...(a.status === 'done' ? { doneAt: new Date(Math.min(due.getTime(), now.getTime())).toISOString() } : {}),
      };
    });
}

const RETRO_CARDS: string[][] = [
  [
    'Pairing on the flaky deploy paid off',
    'Too many status meetings on Mondays',
    'Keep the written design reviews',
    'Nobody knew who owned the incident',
    'Start demoing to support earlier',
    'Stop late-evening pings',
  ],
  [
    'I felt I could say the estimate was wrong',
    'Back-to-back calls all Thursday',
    'The new runbook helped',
    'Unclear what “done” means for docs',
  ],
  [
    'Loved the focus Wednesday',
    'Lacked time to fix tech debt',
    'Learned the billing domain',
    'Longed for fewer context switches',
    'Pager weekend was rough',
  ],
  [
    'Outage 1: config pushed without review',
    'Outage 2: alert went to an old channel',
    'Outage 3: rollback took 40 minutes',
    'We found each cause without blaming anyone',
  ],
];
const RETRO_THEMES: string[][] = [
  ['Meeting load', 'Ownership'],
  ['Speaking up', 'Clarity of done'],
  ['Focus time', 'On-call strain'],
  ['Change review', 'Alert routing'],
];

const AGREEMENTS: Record<string, Array<Pick<AgreementDoc, 'title' | 'rule'>>> = {
  'team-platform': [
    { title: 'Wednesday is our focus day', rule: { kind: 'focus-day', weekday: 3 } },
    { title: 'No meetings after 16:00', rule: { kind: 'no-meetings-after', time: '16:00' } },
    { title: 'Meetings default to 25 or 50 minutes', rule: { kind: 'default-duration', minutes: [25, 50] } },
  ],
  'team-success': [
    { title: 'No more than 8 people in a working session', rule: { kind: 'max-attendees', max: 8 } },
    { title: 'No internal meetings before 09:30', rule: { kind: 'no-meetings-before', time: '09:30' } },
  ],
  'team-design': [{ title: 'Critiques are 50 minutes at most', rule: { kind: 'default-duration', minutes: [25, 50] } }],
};

/**
 * The team's "true" keyed level of a category in week w (0-based), before each person's leaning and noise. Hazards:
 * higher = more exposure. Platform's focus day (started in week 4) brings workload down; Customer Success drifts
 * into overload; Design Studio is fine but too small to be shown.
 */
function latent(teamId: string, category: CategoryKey, w: number): number {
  const base: Record<string, Partial<Record<CategoryKey, number>>> = {
    'team-platform': {
      'psychological-safety': 5.0,
      dependability: 5.4,
      'structure-clarity': 4.6,
      meaning: 5.6,
      impact: 5.0,
      'workload-pace': 5.3,
      hours: 3.8,
      control: 2.9,
      'role-clarity': 3.3,
      'support-supervision': 2.7,
      'culture-civility': 2.4,
      recognition: 3.2,
      'home-work-balance': 3.6,
      'job-security': 2.8,
    },
    'team-success': {
      'psychological-safety': 4.6,
      dependability: 4.8,
      'structure-clarity': 4.2,
      meaning: 5.0,
      impact: 5.2,
      'workload-pace': 4.6,
      hours: 4.4,
      control: 3.8,
      'role-clarity': 4.6,
      'support-supervision': 3.4,
      'culture-civility': 3.0,
      recognition: 3.9,
      'home-work-balance': 4.4,
      'job-security': 3.5,
    },
    'team-design': {
      'psychological-safety': 5.8,
      dependability: 5.6,
      'structure-clarity': 5.0,
      meaning: 6.0,
      impact: 5.4,
      'workload-pace': 3.6,
      hours: 3.0,
      control: 2.6,
      'role-clarity': 3.0,
      'support-supervision': 2.5,
      'culture-civility': 2.0,
      recognition: 3.8,
      'home-work-balance': 3.0,
      'job-security': 3.0,
    },
  };
  let level = base[teamId]?.[category] ?? (CATEGORIES[category].kind === 'hazard' ? 3.5 : 5);
  if (teamId === 'team-platform') {
    if (category === 'workload-pace' && w >= 5) level -= 1.3;
    if (category === 'psychological-safety' && w >= 8) level += 0.5;
  }
  if (teamId === 'team-success') {
    if (category === 'workload-pace') level += 0.15 * w;
    if (category === 'hours' || category === 'home-work-balance') level += 0.08 * w;
    if (category === 'psychological-safety') level -= 0.05 * w;
  }
  return level;
}

function clamp7(x: number): number {
  return Math.min(7, Math.max(1, x));
}

/** Standard normal from the seeded PRNG (Box–Muller). */
function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function addDays(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
}
