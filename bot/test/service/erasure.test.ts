import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStore,
  deleteUserData,
  exportUserData,
  addWeeks,
  handOver,
  isoWeekOf,
  pulseSentId,
  PULSE_SENT_TTL_SECONDS,
  startRetro,
  DELETED_USER,
  type Store,
} from '@humandebt/core';
import { SqliteBackend } from '../../src/store/sqlite.store';

const TENANT = 'tenant-erasure';
const TEAM = 'team-erasure';
const NOW = new Date('2026-11-26T12:00:00Z');
const LEAVER = 'user-leaver-7f3a';
const STAYER = 'user-stayer-2b9c';

/** Every stored document of the tenant, as the JSON the adapter keeps. */
async function rawTenant(store: Store): Promise<string> {
  const docs = await Promise.all(
    [store.retros, store.members, store.actions, store.teams, store.processed].map((r) =>
      (r as { listTenantPage(t: string, l: number): Promise<unknown[]> }).listTenantPage(TENANT, 100_000),
    ),
  );
  return JSON.stringify(docs.flat());
}

describe('erasure of a former facilitator', () => {
  let store: Store;
  beforeAll(async () => {
    store = createStore(new SqliteBackend({ file: ':memory:' }));
    for (const id of [LEAVER, STAYER])
      await store.members.create({
        tenantId: TENANT,
        teamId: TEAM,
        id,
        type: 'member',
        displayName: id === LEAVER ? 'Lee Leaver' : 'Sam Stayer',
        role: 'member',
        joinedAt: NOW.toISOString(),
      });
    // The leaver started the retro and handed it over: they are in its history, no longer its facilitator.
    const started = startRetro({
      tenantId: TENANT,
      teamId: TEAM,
      id: 'retro-1',
      template: 'start-stop-continue',
      facilitatorId: LEAVER,
      now: NOW,
    });
    const handed = handOver(started, LEAVER, STAYER, [LEAVER, STAYER]);
    if (!handed.ok) throw new Error('hand-over failed');
    await store.retros.create(handed.retro);
    // Both were sent this week's and the two weeks before's pulses: the records name them until their TTL ends.
    for (const id of [LEAVER, STAYER])
      for (const back of [0, 1, 2])
        await store.processed.markOnce(
          TENANT,
          TEAM,
          pulseSentId(addWeeks(isoWeekOf(NOW), -back), id),
          PULSE_SENT_TTL_SECONDS,
          NOW,
        );
  });
  afterAll(async () => store?.close());

  it('lists a retro the person facilitated before a hand-over in their export', async () => {
    const exported = await exportUserData(store, TENANT, LEAVER, NOW);
    expect(exported.retrosFacilitated.map((r) => r.id)).toEqual(['retro-1']);
  });

  it('leaves no trace of their id in the stored documents after deletion; the others keep theirs', async () => {
    expect(await rawTenant(store)).toContain(LEAVER);
    const deletion = await deleteUserData(store, TENANT, LEAVER, NOW);
    expect(deletion.pulseRecordsDeleted).toBe(3);
    const raw = await rawTenant(store);
    expect(raw).not.toContain(LEAVER);
    expect(raw).toContain(STAYER);
    const retro = await store.retros.get({ tenantId: TENANT, teamId: TEAM, id: 'retro-1' });
    expect(retro?.facilitatorHistory).toEqual([DELETED_USER, STAYER]);
    expect(retro?.facilitatorId).toBe(STAYER);
  });
});
