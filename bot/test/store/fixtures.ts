import type { BaseDoc, DocByType, DocType, Store } from '@humandebt/core';

/** One valid document of each kind for a given tenant/team, so the contract suite covers every repository. */
export function sampleDoc<K extends DocType>(type: K, tenantId: string, teamId: string, id: string): DocByType[K] {
  const base = { tenantId, teamId, id };
  const now = '2026-11-26T10:00:00.000Z';
  const docs: { [P in DocType]: DocByType[P] } = {
    team: {
      ...base,
      type: 'team',
      name: `Team ${id}`,
      settings: {
        kThreshold: 5,
        timeZone: 'Europe/Berlin',
        workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
        pulseCadence: 'weekly',
      },
      createdAt: now,
    },
    member: { ...base, type: 'member', displayName: 'Ada Lovelace', role: 'member', joinedAt: now },
    retro: {
      ...base,
      type: 'retro',
      template: 'start-stop-continue',
      phase: 'collect',
      facilitatorId: 'user-1',
      startedAt: now,
      cards: [{ id: 'c1', column: 'start', text: 'Pair on *hard* bugs' }],
      themes: [],
      voteTotals: {},
      votesUsed: {},
      voteBudget: 3,
      actionIds: [],
      agreementIds: [],
    },
    action: {
      ...base,
      type: 'action',
      title: 'Protect Wednesday focus',
      ownerId: 'user-2',
      ownerName: 'Grace',
      due: '2026-12-03',
      status: 'open',
      target: { kind: 'hazard', key: 'workload' },
      createdAt: now,
    },
    agreement: {
      ...base,
      type: 'agreement',
      title: 'No meetings after 16:00',
      rule: { kind: 'no-meetings-after', time: '16:00' },
      createdAt: now,
    },
    response: {
      ...base,
      type: 'response',
      pulseId: 'p1',
      respondentKey: 'k1',
      week: '2026-W48',
      itemBankVersion: '2026-11.1',
      answers: { 'edm-ps-1': 3 },
    },
    rollup: {
      ...base,
      type: 'rollup',
      week: '2026-W48',
      itemBankVersion: '2026-11.1',
      aggregates: { 'psychological-safety': { n: 1, sum: 5, sumSq: 25, histogram: [0, 0, 0, 0, 1, 0, 0] } },
      respondents: 1,
    },
    'meeting-load': {
      ...base,
      type: 'meeting-load',
      week: '2026-W48',
      sharers: 1,
      metrics: { meetingHours: { n: 1, sum: 12, sumSq: 144 } },
    },
    processed: { ...base, type: 'processed', processedAt: now, ttlSeconds: 3600 },
    lease: { ...base, type: 'lease', holder: 'instance-a', expiresAt: 1 },
    grant: {
      ...base,
      type: 'grant',
      roles: ['org-viewer'],
      orgUnits: ['Engineering'],
      grantedBy: 'admin-1',
      grantedAt: now,
    },
  };
  return docs[type] as DocByType[K];
}

export const ALL_TYPES: DocType[] = [
  'team',
  'member',
  'retro',
  'action',
  'agreement',
  'response',
  'rollup',
  'meeting-load',
  'processed',
  'lease',
  'grant',
];

export const REPO_OF: Record<DocType, keyof Store> = {
  team: 'teams',
  member: 'members',
  retro: 'retros',
  action: 'actions',
  agreement: 'agreements',
  response: 'responses',
  rollup: 'rollups',
  'meeting-load': 'meetingLoad',
  processed: 'processed',
  lease: 'leases',
  grant: 'grants',
};

/** Untyped access to the generic part of a repository, for loops over every kind. */
export interface AnyRepo {
  get(k: {
    tenantId: string;
    teamId: string;
    id: string;
  }): Promise<(BaseDoc & { _etag: string; [k: string]: unknown }) | undefined>;
  create(d: BaseDoc): Promise<BaseDoc & { _etag: string }>;
  replace(d: BaseDoc & { _etag: string }): Promise<BaseDoc & { _etag: string }>;
  upsert(d: BaseDoc): Promise<BaseDoc & { _etag: string }>;
  delete(k: { tenantId: string; teamId: string; id: string }, etag?: string): Promise<boolean>;
  listByTeam(tenantId: string, teamId: string, limit?: number): Promise<Array<BaseDoc & { _etag: string }>>;
}

export function repo(store: Store, type: DocType): AnyRepo {
  return store[REPO_OF[type]] as unknown as AnyRepo;
}
