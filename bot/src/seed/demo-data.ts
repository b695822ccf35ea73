import {
  TENANT_SCOPE,
  addWeeks,
  isoWeekOf,
  weekStart,
  type ActionDoc,
  type ActionStatus,
  type AgreementDoc,
  type MeetingLoadDoc,
  type MemberDoc,
  type MetricSums,
  type RetroDoc,
  type Store,
  type TeamDoc,
} from '@humandebt/core';

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
    people: ['Aiko Tanaka', 'Ben Okafor', 'Carla Mendes', 'Dev Patel', 'Elif Yilmaz', 'Finn Larsen', 'Grace Kim', 'Hugo Laurent'],
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

/** Small seeded PRNG (mulberry32): the same demo data on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const userId = (name: string) => `demo-${name.toLowerCase().replace(/[^a-z]+/g, '-')}`;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

function addMetric(metrics: Record<string, MetricSums>, key: string, value: number): void {
  const m = metrics[key] ?? { n: 0, sum: 0, sumSq: 0 };
  metrics[key] = { n: m.n + 1, sum: m.sum + value, sumSq: m.sumSq + value * value };
}

export interface SeedSummary {
  tenantId: string;
  teams: number;
  members: number;
  retros: number;
  actions: number;
  agreements: number;
  meetingLoadWeeks: number;
}

/** True when the demo tenant already has data (so a restart keeps it instead of seeding again). */
export async function hasDemoData(store: Store): Promise<boolean> {
  return (await store.teams.listByTenant(DEMO_TENANT)).length > 0;
}

/** Removes every document of the demo tenant, team by team, through the port (works on both adapters). */
export async function clearDemoData(store: Store): Promise<void> {
  const teams = await store.teams.listByTenant(DEMO_TENANT);
  const scopes = [...new Set([...teams.map((t) => t.id), ...TEAMS.map((t) => t.id), TENANT_SCOPE])];
  const repos = [store.members, store.retros, store.actions, store.agreements, store.responses, store.rollups, store.meetingLoad, store.processed, store.leases, store.teams] as const;
  for (const teamId of scopes) {
    for (const repo of repos) {
      for (const doc of await repo.listByTeam(DEMO_TENANT, teamId)) await repo.delete({ tenantId: DEMO_TENANT, teamId, id: doc.id });
    }
  }
}

export async function seedDemoData(store: Store, now = new Date()): Promise<SeedSummary> {
  const rand = prng(20261126);
  const thisWeek = isoWeekOf(now);
  const firstWeek = addWeeks(thisWeek, -(DEMO_WEEKS - 1));
  const summary: SeedSummary = { tenantId: DEMO_TENANT, teams: 0, members: 0, retros: 0, actions: 0, agreements: 0, meetingLoadWeeks: 0 };
  const createdAt = weekStart(firstWeek).toISOString();

  for (const plan of TEAMS) {
    const team: TeamDoc = {
      tenantId: DEMO_TENANT,
      teamId: plan.id,
      id: plan.id,
      type: 'team',
      name: plan.name,
      orgUnit: plan.orgUnit,
      settings: { kThreshold: 5, timeZone: plan.timeZone, workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] }, pulseCadence: 'weekly' },
      createdAt,
    };
    await store.teams.upsert(team);
    summary.teams++;

    const roster: Array<Pick<MemberDoc, 'id' | 'displayName' | 'role'>> = [
      { id: DEMO_MANAGER, displayName: 'Morgan Demo (local)', role: plan.managerRole },
      ...plan.people.map((p) => ({ id: userId(p), displayName: p, role: 'member' as const })),
    ];
    for (const m of roster) {
      await store.members.upsert({ tenantId: DEMO_TENANT, teamId: plan.id, id: m.id, type: 'member', displayName: m.displayName, role: m.role, joinedAt: createdAt });
      summary.members++;
    }

    // Opt-in meeting-load aggregates: per person weekly figures, summed the way the add-in shares them.
    for (let w = 0; w < DEMO_WEEKS; w++) {
      const week = addWeeks(firstWeek, w);
      const metrics: Record<string, MetricSums> = {};
      // Load drifts down over the last weeks for Platform (their "protect focus time" action), up for Success.
      const trend = plan.id === 'team-platform' ? -0.35 * Math.max(0, w - 6) : plan.id === 'team-success' ? 0.25 * w : 0;
      for (let p = 0; p < plan.sharers; p++) {
        const jitter = () => (rand() - 0.5) * 2;
        const hours = Math.max(2, plan.meetingLoad.hours + trend + jitter() * 4);
        addMetric(metrics, 'meetingHours', round1(hours));
        addMetric(metrics, 'focusHours', round1(Math.max(0, plan.meetingLoad.focus - trend + jitter() * 3)));
        addMetric(metrics, 'backToBackChains', Math.max(0, Math.round(plan.meetingLoad.b2b + trend / 2 + jitter() * 2)));
        addMetric(metrics, 'afterHoursHours', round1(Math.max(0, plan.meetingLoad.afterHours + jitter())));
      }
      const doc: MeetingLoadDoc = { tenantId: DEMO_TENANT, teamId: plan.id, id: week, type: 'meeting-load', week, sharers: plan.sharers, metrics };
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
        cards: RETRO_CARDS[r]!.map((text, i) => ({ id: `card-${i + 1}`, column: ['start', 'stop', 'continue'][i % 3]!, text, themeId: `theme-${(i % 2) + 1}` })),
        themes: [
          { id: 'theme-1', title: RETRO_THEMES[r]![0]!, cardIds: RETRO_CARDS[r]!.map((_, i) => `card-${i + 1}`).filter((_, i) => i % 2 === 0) },
          { id: 'theme-2', title: RETRO_THEMES[r]![1]!, cardIds: RETRO_CARDS[r]!.map((_, i) => `card-${i + 1}`).filter((_, i) => i % 2 === 1) },
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
      const doc: AgreementDoc = { tenantId: DEMO_TENANT, teamId: plan.id, id: `agreement-${i + 1}`, type: 'agreement', ...agreement, createdAt: addDays(createdAt, 10 + i * 21) };
      await store.agreements.upsert(doc);
      summary.agreements++;
    }
  }
  return summary;
}

function demoActions(plan: TeamPlan, retroIndex: number, retroStart: Date, now: Date): ActionDoc[] {
  const templates: Array<{ title: string; target: ActionDoc['target']; dueDays: number }> = [
    { title: 'Make Wednesday a meeting-free focus day', target: { kind: 'hazard', key: 'workload' }, dueDays: 14 },
    { title: 'Rotate the on-call handover so nobody covers two weekends in a row', target: { kind: 'hazard', key: 'hours' }, dueDays: 21 },
    { title: 'Write down who decides on release scope', target: { kind: 'dimension', key: 'structure-clarity' }, dueDays: 10 },
    { title: 'Start each planning with “what worried you last sprint?”', target: { kind: 'dimension', key: 'psychological-safety' }, dueDays: 7 },
    { title: 'Shorten recurring syncs to 25 minutes', target: { kind: 'hazard', key: 'workload' }, dueDays: 14 },
    { title: 'Pair new joiners with a buddy for their first month', target: { kind: 'dimension', key: 'dependability' }, dueDays: 28 },
    { title: 'Share one customer story in every sprint review', target: { kind: 'dimension', key: 'meaning' }, dueDays: 21 },
    { title: 'Agree a response-time promise for after-hours messages', target: { kind: 'hazard', key: 'home-work-balance' }, dueDays: 14 },
  ];
  const owners = plan.people;
  return [0, 1].map((j) => {
    const t = templates[(retroIndex * 2 + j + plan.name.length) % templates.length]!;
    const due = new Date(retroStart.getTime() + t.dueDays * 86_400_000);
    const overdue = due.getTime() < now.getTime();
    // Older actions are mostly done; one per team stays overdue so the dashboard and the next retro show it.
    const status: ActionStatus = retroIndex < 2 ? (j === 1 && retroIndex === 1 ? 'in-progress' : 'done') : overdue ? 'open' : j === 0 ? 'in-progress' : 'open';
    const ownerName = owners[(retroIndex + j) % owners.length]!;
    return {
      tenantId: DEMO_TENANT,
      teamId: plan.id,
      id: `action-${retroIndex + 1}-${j + 1}`,
      type: 'action',
      title: t.title,
      ownerId: userId(ownerName),
      ownerName,
      due: isoDate(due),
      status,
      ...(t.target ? { target: t.target } : {}),
      createdAt: retroStart.toISOString(),
      ...(status !== 'open' ? { startedAt: new Date(retroStart.getTime() + 2 * 86_400_000).toISOString() } : {}),
      ...(status === 'done' ? { doneAt: new Date(Math.min(due.getTime(), now.getTime())).toISOString() } : {}),
    };
  });
}

const RETRO_CARDS: string[][] = [
  ['Pairing on the flaky deploy paid off', 'Too many status meetings on Mondays', 'Keep the written design reviews', 'Nobody knew who owned the incident', 'Start demoing to support earlier', 'Stop late-evening pings'],
  ['I felt I could say the estimate was wrong', 'Back-to-back calls all Thursday', 'The new runbook helped', 'Unclear what “done” means for docs'],
  ['Loved the focus Wednesday', 'Lacked time to fix tech debt', 'Learned the billing domain', 'Longed for fewer context switches', 'Pager weekend was rough'],
  ['Outage 1: config pushed without review', 'Outage 2: alert went to an old channel', 'Outage 3: rollback took 40 minutes', 'We found each cause without blaming anyone'],
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

function addDays(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
