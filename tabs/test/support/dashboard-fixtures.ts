import type {
  ActionsResponse,
  DynamicsResponse,
  HazardLedgerResponse,
  PsychologicalSafetyResponse,
  TeamMeetingLoadResponse,
  TeamSummaryResponse,
} from '@humandebt/core';

/** Dashboard answers as the service sends them, typed by core's contracts so a contract change breaks them loudly. */

export const TEAM = { teamId: 'team-platform', name: 'Platform', kThreshold: 5, memberCount: 12 };
export const SMALL_TEAM = { teamId: 'team-design', name: 'Design Studio', kThreshold: 7, memberCount: 4 };
const RANGE = { fromWeek: '2026-W37', toWeek: '2026-W48' };

export const suppressed = (k: number) =>
  ({
    suppressed: true,
    k,
    reason: 'below-k',
    message: `Hidden to protect privacy: fewer than ${k} people answered.`,
  }) as const;

export const summary: TeamSummaryResponse = {
  team: TEAM,
  range: RANGE,
  index: {
    available: true,
    version: 'hdi-2026-11.1',
    k: 5,
    index: 42.3,
    groups: [],
    components: [
      {
        key: 'hazard:workload',
        group: 'hazards',
        label: 'Workload and pace',
        status: 'included',
        transform: 'scale',
        weight: 0.3,
        contribution: 21.7,
        debt: 72.3,
      },
      {
        key: 'dim:psychological-safety',
        group: 'psychological-safety',
        label: 'Psychological safety',
        status: 'included',
        transform: 'scale',
        weight: 0.25,
        contribution: 12.4,
        debt: 49.6,
      },
      {
        key: 'meeting:focus',
        group: 'meeting-load',
        label: 'Focus time',
        status: 'suppressed',
        transform: 'anchor',
        weight: 0,
        contribution: 0,
      },
      {
        key: 'dim:meaning',
        group: 'team-dynamics',
        label: 'Meaning',
        status: 'missing',
        transform: 'scale',
        weight: 0,
        contribution: 0,
      },
      {
        key: 'actions:overdue',
        group: 'overdue-actions',
        label: 'Overdue actions',
        status: 'included',
        transform: 'share',
        weight: 0.1,
        contribution: 8.2,
        debt: 82,
      },
    ],
  },
  trend: [
    { week: '2026-W45', index: 47.5 },
    { week: '2026-W46', index: null },
    { week: '2026-W47', index: 44.1 },
    { week: '2026-W48', index: 42.3 },
  ],
  topHazard: {
    key: 'workload',
    label: 'Workload and pace',
    debt: 72.3,
    sentence: 'Workload is the big one this month.',
  },
  actions: { total: 6, open: 2, inProgress: 1, blocked: 1, done: 2, overdue: 1 },
  lastRetro: {
    id: 'retro-9',
    template: 'Start, stop, continue',
    startedAt: '2026-11-16T09:00:00Z',
    closedAt: '2026-11-16T10:00:00Z',
    themes: [
      { title: 'Too many interrupts', votes: 9 },
      { title: 'On-call handover', votes: 5 },
    ],
    actionCount: 3,
    cardCount: 21,
  },
  empty: false,
};

/** A team below k: the index exists but every component is suppressed and the trend has no values. */
export const smallSummary: TeamSummaryResponse = {
  team: SMALL_TEAM,
  range: RANGE,
  index: {
    available: false,
    version: 'hdi-2026-11.1',
    k: 7,
    reason: 'suppressed',
    message: 'Hidden to protect privacy: fewer than 7 people answered.',
    components: [
      {
        key: 'dim:psychological-safety',
        group: 'psychological-safety',
        label: 'Psychological safety',
        status: 'suppressed',
        transform: 'scale',
        weight: 0,
        contribution: 0,
      },
      // Not about people, so not gated by the service; the tab still shows no share of an index that is hidden.
      {
        key: 'actions:overdue',
        group: 'overdue-actions',
        label: 'Overdue actions',
        status: 'included',
        transform: 'share',
        weight: 1,
        contribution: 50,
        debt: 50,
      },
    ],
  },
  trend: [
    { week: '2026-W47', index: null },
    { week: '2026-W48', index: null },
  ],
  topHazard: null,
  actions: { total: 0, open: 0, inProgress: 0, blocked: 0, done: 0, overdue: 0 },
  lastRetro: null,
  empty: false,
};

export const emptySummary: TeamSummaryResponse = {
  ...smallSummary,
  team: { ...TEAM, name: 'New Team' },
  index: {
    available: false,
    version: 'hdi-2026-11.1',
    k: 5,
    reason: 'no-data',
    message: 'No data yet.',
    components: [],
  },
  empty: true,
};

const EDMONDSON = [
  'If you make a mistake on this team, it is often held against you.',
  'Members of this team are able to bring up problems and tough issues.',
  'People on this team sometimes reject others for being different.',
  'It is safe to take a risk on this team.',
  'It is difficult to ask other members of this team for help.',
  'No one on this team would deliberately act in a way that undermines my efforts.',
  'Working with members of this team, my unique skills and talents are valued and utilized.',
];

export const safety: PsychologicalSafetyResponse = {
  team: TEAM,
  range: RANGE,
  items: EDMONDSON.map((text, i) => ({ itemId: `ps-${i + 1}`, number: i + 1, text, reverse: [0, 2, 4].includes(i) })),
  checks: [
    { week: '2026-W40', result: suppressed(5) },
    {
      week: '2026-W48',
      result: {
        suppressed: false,
        k: 5,
        n: 8,
        value: {
          mean: 5.4,
          respondentSd: 0.6,
          rwgJ: 0.82,
          agreement: 'strong',
          agreementSentence: 'The team largely agrees on this.',
          items: EDMONDSON.map((_, i) => ({
            itemId: `ps-${i + 1}`,
            mean: 5 + i / 10,
            rwg: 0.8,
            histogram: [0, 0, 1, 1, 2, 3, 1],
          })),
        },
      },
    },
  ],
  pulse: [
    { week: '2026-W47', result: { suppressed: false, k: 5, n: 7, value: { mean: 5.1 } } },
    { week: '2026-W48', result: suppressed(5) },
  ],
};

export const dynamics: DynamicsResponse = {
  team: TEAM,
  range: RANGE,
  dimensions: [
    {
      key: 'dependability',
      label: 'Dependability',
      kind: 'dimension',
      direction: 'higher-is-better',
      weeks: [
        { week: '2026-W44', result: { suppressed: false, k: 5, n: 6, value: { mean: 4.6 } } },
        { week: '2026-W48', result: { suppressed: false, k: 5, n: 7, value: { mean: 5.2 } } },
      ],
    },
    {
      key: 'meaning',
      label: 'Meaning',
      kind: 'dimension',
      direction: 'higher-is-better',
      weeks: [{ week: '2026-W47', result: suppressed(5) }],
    },
  ],
};

export const hazards: HazardLedgerResponse = {
  team: TEAM,
  range: RANGE,
  hazards: [
    { key: 'workload', label: 'Workload and pace', iso45003: 'How work is organised', who2022: [], csaZ1003: [] },
    { key: 'support', label: 'Support from the manager', iso45003: 'Social factors', who2022: [], csaZ1003: [] },
    { key: 'role-clarity', label: 'Role clarity', iso45003: 'How work is organised', who2022: [], csaZ1003: [] },
  ],
  weeks: [
    {
      week: '2026-W47',
      cells: {
        workload: {
          status: 'measured',
          measuredWeek: '2026-W47',
          result: { suppressed: false, k: 5, n: 8, value: { mean: 2.9, debt: 68.4 } },
        },
        support: { status: 'measured', measuredWeek: '2026-W47', result: suppressed(5) },
        'role-clarity': { status: 'not-measured' },
      },
      meanDebt: 68.4,
    },
    {
      week: '2026-W48',
      cells: {
        workload: {
          status: 'measured',
          measuredWeek: '2026-W48',
          result: { suppressed: false, k: 5, n: 9, value: { mean: 2.7, debt: 72.3 } },
        },
        support: { status: 'not-measured' },
        'role-clarity': {
          status: 'measured',
          measuredWeek: '2026-W48',
          result: { suppressed: false, k: 5, n: 6, value: { mean: 5.8, debt: 19.5 } },
        },
      },
      meanDebt: 45.9,
    },
  ],
};

export const meetingLoad: TeamMeetingLoadResponse = {
  team: TEAM,
  range: RANGE,
  weeks: [
    {
      week: '2026-W47',
      result: {
        suppressed: false,
        k: 5,
        n: 7,
        value: { meetingHours: 17.2, focusHours: 8.5, backToBackChains: 6, backToBackHours: 4.3, afterHoursHours: 1.5 },
      },
    },
    { week: '2026-W48', result: suppressed(5) },
  ],
};

export const actions: ActionsResponse = {
  team: TEAM,
  actions: [
    {
      id: 'a-1',
      title: 'No-meeting Wednesday mornings',
      ownerName: 'Ben Okafor',
      due: '2026-12-04',
      status: 'in-progress',
      overdue: false,
      target: { kind: 'hazard', key: 'workload', label: 'Workload and pace' },
      startedAt: '2026-10-01',
      sourceRetroId: 'retro-7',
      proof: {
        state: 'improved',
        explanation: 'Workload debt fell after the action started, and the 95 % interval does not include zero.',
        direction: 'higher-is-better',
        before: { fromWeek: '2026-W36', toWeek: '2026-W39', weeksUsable: 4, weeksNeeded: 4, n: 28, mean: 3.1, sd: 0.9 },
        after: { fromWeek: '2026-W41', toWeek: '2026-W44', weeksUsable: 4, weeksNeeded: 4, n: 30, mean: 3.9, sd: 0.8 },
        effect: { difference: 0.8, lower: 0.36, upper: 1.24, confidence: 0.95 },
      },
    },
    {
      id: 'a-2',
      title: 'Rotate the on-call handover',
      ownerName: 'Carla Mendes',
      due: '2026-11-20',
      status: 'open',
      overdue: true,
      target: { kind: 'dimension', key: 'dependability', label: 'Dependability' },
      startedAt: '2026-11-10',
      sourceRetroId: null,
      proof: {
        state: 'not-enough-evidence',
        explanation: 'Not enough evidence yet: the after window needs four weeks with enough responses.',
        before: { fromWeek: '2026-W41', toWeek: '2026-W44', weeksUsable: 4, weeksNeeded: 4 },
        after: { fromWeek: '2026-W46', toWeek: '2026-W49', weeksUsable: 1, weeksNeeded: 4 },
      },
    },
  ],
};
