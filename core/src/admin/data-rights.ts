import { TENANT_SCOPE, type DocType } from '../store/documents';
import type { Repository, Store } from '../store/repositories';
import { PULSE_SENT_TTL_SECONDS, pulseSentId } from '../pulse/pulse-responses';
import { addWeeks, isoWeekOf } from '../time/iso-week';

/**
 * Data rights for a tenant's admin: export everything tied to a person, delete it, and offboard a whole tenant.
 *
 * What "tied to a person" means here: their roster entries, their tenant roles, the actions they own, the retros they
 * facilitated and any retro card they wrote openly (anonymous cards carry no author by construction). Pulse answers
 * and meeting-load shares are stored under keyed pseudonyms (HMAC with the tenant key), not under the person: they
 * cannot be found from a user id, so they can be neither exported nor deleted per person — and that is the point.
 * They disappear with the tenant (offboarding) or with the retention of the team's data.
 */

export const DELETED_USER = 'deleted-user';
export const DELETED_USER_NAME = 'Former member';

export const PSEUDONYMOUS_NOTE =
  'Pulse answers and shared meeting figures are stored under one-way pseudonyms that are not linked to your account; ' +
  'they cannot be found, exported or deleted per person. They contribute only to team aggregates of at least k people.';

export interface UserExport {
  tenantId: string;
  userId: string;
  exportedAt: string;
  memberships: Array<{ teamId: string; teamName?: string; displayName: string; role: string; joinedAt: string }>;
  roles: string[];
  actionsOwned: Array<{ teamId: string; id: string; title: string; due: string; status: string }>;
  retrosFacilitated: Array<{ teamId: string; id: string; startedAt: string }>;
  cardsWritten: Array<{ teamId: string; retroId: string; text: string }>;
  notes: string[];
}

export async function exportUserData(
  store: Store,
  tenantId: string,
  userId: string,
  now = new Date(),
): Promise<UserExport> {
  const memberships = await store.members.listByUser(tenantId, userId);
  const teams = new Map((await store.teams.listByTenant(tenantId)).map((t) => [t.id, t.name]));
  const grant = await store.grants.get({ tenantId, teamId: TENANT_SCOPE, id: userId });
  const actions = await store.actions.listByOwner(tenantId, userId);
  const retros = await allOf(store.retros, tenantId);
  return {
    tenantId,
    userId,
    exportedAt: now.toISOString(),
    memberships: memberships.map((m) => ({
      teamId: m.teamId,
      ...(teams.has(m.teamId) ? { teamName: teams.get(m.teamId)! } : {}),
      displayName: m.displayName,
      role: m.role,
      joinedAt: m.joinedAt,
    })),
    roles: grant?.roles ?? [],
    actionsOwned: actions.map((a) => ({ teamId: a.teamId, id: a.id, title: a.title, due: a.due, status: a.status })),
    retrosFacilitated: retros
      .filter((r) => facilitated(r, userId))
      .map((r) => ({ teamId: r.teamId, id: r.id, startedAt: r.startedAt })),
    cardsWritten: retros.flatMap((r) =>
      r.cards.filter((c) => c.authorId === userId).map((c) => ({ teamId: r.teamId, retroId: r.id, text: c.text })),
    ),
    notes: [PSEUDONYMOUS_NOTE],
  };
}

export interface UserDeletion {
  membershipsDeleted: number;
  /** Records that the person was sent a pulse (they name the person until their TTL ends). */
  pulseRecordsDeleted: number;
  rolesDeleted: number;
  actionsReassigned: number;
  retrosScrubbed: number;
}

/**
 * Deletes what identifies a person: roster entries and roles go; in team records that the team keeps (actions,
 * retros) their id and name are replaced by a tombstone, and openly written cards lose their author. Idempotent.
 */
export async function deleteUserData(
  store: Store,
  tenantId: string,
  userId: string,
  now = new Date(),
): Promise<UserDeletion> {
  const out: UserDeletion = {
    membershipsDeleted: 0,
    pulseRecordsDeleted: 0,
    rolesDeleted: 0,
    actionsReassigned: 0,
    retrosScrubbed: 0,
  };
  // Every week whose pulse-sent record may still exist: this week and as many before as the TTL spans.
  const weeksKept = Math.ceil(PULSE_SENT_TTL_SECONDS / (7 * 86_400)) + 1;
  const recentWeeks = Array.from({ length: weeksKept }, (_, i) => addWeeks(isoWeekOf(now), -i));
  for (const m of await store.members.listByUser(tenantId, userId)) {
    for (const week of recentWeeks) {
      if (await store.processed.delete({ tenantId, teamId: m.teamId, id: pulseSentId(week, userId) }))
        out.pulseRecordsDeleted++;
    }
    if (await store.members.delete({ tenantId, teamId: m.teamId, id: m.id })) out.membershipsDeleted++;
  }
  if (await store.grants.delete({ tenantId, teamId: TENANT_SCOPE, id: userId })) out.rolesDeleted++;
  for (const a of await store.actions.listByOwner(tenantId, userId)) {
    await store.actions.update(a, (d) =>
      d.ownerId === userId ? { ...d, ownerId: DELETED_USER, ownerName: DELETED_USER_NAME } : undefined,
    );
    out.actionsReassigned++;
  }
  for (const r of await allOf(store.retros, tenantId)) {
    if (!facilitated(r, userId) && !r.cards.some((c) => c.authorId === userId)) continue;
    await store.retros.update(r, (d) => ({
      ...d,
      facilitatorId: d.facilitatorId === userId ? DELETED_USER : d.facilitatorId,
      ...(d.facilitatorHistory
        ? { facilitatorHistory: d.facilitatorHistory.map((id) => (id === userId ? DELETED_USER : id)) }
        : {}),
      cards: d.cards.map((c) => {
        if (c.authorId !== userId) return c;
        const { authorId: _removed, ...anonymous } = c;
        return anonymous;
      }),
    }));
    out.retrosScrubbed++;
  }
  return out;
}

/** Whether the person facilitated the retro at any time: now, or before a hand-over. */
function facilitated(retro: { facilitatorId: string; facilitatorHistory?: string[] }, userId: string): boolean {
  return retro.facilitatorId === userId || (retro.facilitatorHistory ?? []).includes(userId);
}

/** Deletion order for offboarding: teams last, so an interrupted run still finds what is left by its team. */
const OFFBOARD_ORDER: ReadonlyArray<[DocType, keyof Store]> = [
  ['response', 'responses'],
  ['rollup', 'rollups'],
  ['meeting-load', 'meetingLoad'],
  ['retro', 'retros'],
  ['action', 'actions'],
  ['agreement', 'agreements'],
  ['member', 'members'],
  ['processed', 'processed'],
  ['lease', 'leases'],
  ['grant', 'grants'],
  ['team', 'teams'],
];

export interface OffboardProgress {
  kind: DocType;
  deleted: number;
}

/**
 * Deletes every document of one tenant, kind by kind, in pages. Cosmos DB has no prefix delete in the JS SDK, so
 * this is a loop of point deletes; it is idempotent, so an interrupted job is resumed by running it again. Only
 * documents whose tenantId is this tenant are ever listed or deleted.
 */
export async function offboardTenant(
  store: Store,
  tenantId: string,
  options: { pageSize?: number; onProgress?: (p: OffboardProgress) => void; maxPages?: number } = {},
): Promise<{ deleted: Partial<Record<DocType, number>>; complete: boolean }> {
  const pageSize = options.pageSize ?? 200;
  const deleted: Partial<Record<DocType, number>> = {};
  let pages = 0;
  for (const [kind, name] of OFFBOARD_ORDER) {
    const repo = store[name] as unknown as Repository<{ tenantId: string; teamId: string; id: string; type: DocType }>;
    for (;;) {
      if (options.maxPages !== undefined && pages >= options.maxPages) return { deleted, complete: false };
      const page = await repo.listTenantPage(tenantId, pageSize);
      if (page.length === 0) break;
      pages++;
      for (const doc of page) {
        if (doc.tenantId !== tenantId) throw new Error('offboarding listed a document of another tenant');
        if (await repo.delete({ tenantId, teamId: doc.teamId, id: doc.id })) deleted[kind] = (deleted[kind] ?? 0) + 1;
      }
      options.onProgress?.({ kind, deleted: deleted[kind] ?? 0 });
    }
  }
  return { deleted, complete: true };
}

async function allOf<T extends { tenantId: string; teamId: string; id: string; type: DocType }>(
  repo: Repository<T>,
  tenantId: string,
): Promise<T[]> {
  // Admin-only: every document of a kind in the tenant. Paged by id would need a cursor; tenants keep retros in the
  // thousands at most, so one large page is enough here.
  return repo.listTenantPage(tenantId, 100_000);
}
