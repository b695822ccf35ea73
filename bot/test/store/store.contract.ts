import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
  TENANT_SCOPE,
  type RollupDoc,
  type Store,
  type Stored,
} from '@humandebt/core';
import { ALL_TYPES, repo, sampleDoc } from './fixtures';

/**
 * The one contract every store adapter must honour. Run by store.sqlite.test.ts and store.cosmos.test.ts (and against
 * a real Cosmos DB account when COSMOS_ENDPOINT and COSMOS_KEY are set). Each run uses fresh tenant ids so it can
 * share a database with earlier runs.
 */
const withRespondents = (doc: Stored<RollupDoc>, respondents: number): Stored<RollupDoc> => ({ ...doc, respondents });

export function storeContract(
  name: string,
  open: () => Promise<Store>,
  close?: () => Promise<void>,
  options: { skip?: string } = {},
): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    const run = Math.random().toString(36).slice(2, 8);
    const A = `tenant-a-${run}`;
    const B = `tenant-b-${run}`;

    // `skip`: why this store cannot be reached here; every test is then skipped with that reason as its note.
    const { skip } = options;
    if (skip !== undefined) beforeEach((context) => context.skip(skip));
    beforeAll(async () => {
      if (skip === undefined) store = await open();
    });
    afterAll(async () => {
      await store?.close();
      await close?.();
    });

    describe.each(ALL_TYPES)('%s repository', (type) => {
      it('creates, reads, replaces and deletes', async () => {
        const r = repo(store, type);
        const doc = sampleDoc(type, A, 'team-1', `crud-${type}`);
        const created = await r.create(doc);
        expect(created._etag).toBeTruthy();
        const read = await r.get({ tenantId: A, teamId: 'team-1', id: doc.id });
        expect(read).toMatchObject({ ...doc, _etag: created._etag });
        expect(Object.keys(read!).sort()).toEqual([...Object.keys(doc), '_etag'].sort());

        const replaced = await r.replace({ ...read!, marker: 'changed' } as never);
        expect(replaced._etag).not.toBe(created._etag);
        expect(await r.get({ tenantId: A, teamId: 'team-1', id: doc.id })).toMatchObject({
          marker: 'changed',
          _etag: replaced._etag,
        });

        await expect(r.create(doc)).rejects.toBeInstanceOf(AlreadyExistsError);
        expect(await r.delete({ tenantId: A, teamId: 'team-1', id: doc.id })).toBe(true);
        expect(await r.get({ tenantId: A, teamId: 'team-1', id: doc.id })).toBeUndefined();
        expect(await r.delete({ tenantId: A, teamId: 'team-1', id: doc.id })).toBe(false);
        await expect(r.replace({ ...doc, _etag: replaced._etag } as never)).rejects.toBeInstanceOf(NotFoundError);
      });

      it('refuses a stale ETag on replace and on delete, and keeps the newer document', async () => {
        const r = repo(store, type);
        const doc = sampleDoc(type, A, 'team-1', `stale-${type}`);
        const first = await r.create(doc);
        const second = await r.replace({ ...first, marker: 'second' } as never);
        await expect(r.replace({ ...first, marker: 'stale' } as never)).rejects.toBeInstanceOf(ConflictError);
        await expect(r.delete({ tenantId: A, teamId: 'team-1', id: doc.id }, first._etag)).rejects.toBeInstanceOf(
          ConflictError,
        );
        expect(await r.get({ tenantId: A, teamId: 'team-1', id: doc.id })).toMatchObject({
          marker: 'second',
          _etag: second._etag,
        });
        expect(await r.delete({ tenantId: A, teamId: 'team-1', id: doc.id }, second._etag)).toBe(true);
      });

      it('never shows one tenant the documents of another through get, list, replace or delete', async () => {
        const r = repo(store, type);
        const id = `iso-${type}`;
        const a = await r.create(sampleDoc(type, A, 'shared-team', id));
        await r.create({ ...sampleDoc(type, B, 'shared-team', id), marker: 'tenant-b' } as never);

        const readA = await r.get({ tenantId: A, teamId: 'shared-team', id });
        expect(readA?.tenantId).toBe(A);
        expect(readA).not.toHaveProperty('marker');
        const listA = await r.listByTeam(A, 'shared-team');
        expect(listA.map((d) => d.tenantId)).toEqual([A]);
        expect(await r.get({ tenantId: `tenant-c-${run}`, teamId: 'shared-team', id })).toBeUndefined();
        expect(await r.listByTeam(`tenant-c-${run}`, 'shared-team')).toEqual([]);

        // A's ETag is useless against B's document, and deleting in A leaves B untouched.
        await expect(r.replace({ ...a, tenantId: B } as never)).rejects.toBeInstanceOf(ConflictError);
        expect(await r.delete({ tenantId: A, teamId: 'shared-team', id })).toBe(true);
        expect(await r.get({ tenantId: B, teamId: 'shared-team', id })).toMatchObject({
          tenantId: B,
          marker: 'tenant-b',
        });
      });
    });

    it('keeps every one of 50 concurrent read-modify-write increments (no lost update)', async () => {
      const key = { tenantId: A, teamId: 'team-hot', id: '2026-W48' };
      await store.rollups.create({ ...sampleDoc('rollup', A, 'team-hot', key.id), aggregates: {}, respondents: 0 });
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          store.rollups.update(
            key,
            (doc) => {
              const v = (i % 7) + 1;
              const a = doc.aggregates.workload ?? { n: 0, sum: 0, sumSq: 0, histogram: [0, 0, 0, 0, 0, 0, 0] };
              a.histogram[v - 1] = (a.histogram[v - 1] ?? 0) + 1;
              doc.aggregates.workload = { n: a.n + 1, sum: a.sum + v, sumSq: a.sumSq + v * v, histogram: a.histogram };
              doc.respondents += 1;
              return doc;
            },
            { attempts: 200, baseDelayMs: 1, maxDelayMs: 20 },
          ),
        ),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const final = await store.rollups.get(key);
      const expectedSum = Array.from({ length: 50 }, (_, i) => (i % 7) + 1).reduce((s, v) => s + v, 0);
      expect(final!.aggregates.workload).toMatchObject({ n: 50, sum: expectedSum });
      expect(final!.aggregates.workload!.histogram.reduce((s, v) => s + v, 0)).toBe(50);
      expect(final!.respondents).toBe(50);
    });

    it('creates on first upsertWith and increments afterwards, also when creators race', async () => {
      const key = { tenantId: A, teamId: 'team-race', id: '2026-W47' };
      const initial = () => ({
        ...sampleDoc('meeting-load', A, 'team-race', key.id),
        week: '2026-W47',
        sharers: 0,
        metrics: {},
      });
      await Promise.all(
        Array.from({ length: 10 }, () =>
          store.meetingLoad.upsertWith(key, initial, (d) => ({ ...d, sharers: d.sharers + 1 }), {
            attempts: 100,
            baseDelayMs: 1,
          }),
        ),
      );
      expect((await store.meetingLoad.get(key))?.sharers).toBe(10);
    });

    it('answers the typed queries within one tenant only', async () => {
      // Fresh tenants: the per-repository tests above leave documents in A and B.
      const A = `tenant-qa-${run}`;
      const B = `tenant-qb-${run}`;
      for (const [tenant, teams] of [
        [A, ['t-1', 't-2', 't-3']],
        [B, ['t-1', 't-9']],
      ] as const) {
        for (const teamId of teams) {
          await store.teams.create({
            ...sampleDoc('team', tenant, teamId, teamId),
            name: `${tenant === A ? 'A' : 'B'} ${teamId}`,
          });
          await store.members.create(sampleDoc('member', tenant, teamId, 'user-shared'));
        }
      }
      await store.members.create(sampleDoc('member', A, 't-2', 'user-other'));
      expect((await store.teams.listByTenant(A)).map((t) => t.id)).toEqual(['t-1', 't-2', 't-3']);
      expect((await store.teams.listByTenant(B)).map((t) => t.id)).toEqual(['t-1', 't-9']);
      expect((await store.members.listByUser(A, 'user-shared')).map((m) => [m.tenantId, m.teamId])).toEqual([
        [A, 't-1'],
        [A, 't-2'],
        [A, 't-3'],
      ]);
      expect(await store.members.listByUser(B, 'user-other')).toEqual([]);
    });

    it('lists rollups by week range from the key alone, in order', async () => {
      const weeks = ['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48'];
      for (const w of weeks) {
        await store.rollups.create({ ...sampleDoc('rollup', A, 'team-range', w), week: w });
        await store.rollups.create({ ...sampleDoc('rollup', B, 'team-range', w), week: w });
      }
      const got = await store.rollups.listWeeks(A, 'team-range', '2026-W45', '2026-W47');
      expect(got.map((r) => r.id)).toEqual(['2026-W45', '2026-W46', '2026-W47']);
      expect(got.every((r) => r.tenantId === A)).toBe(true);
      expect((await store.meetingLoad.listWeeks(A, 'team-range', '2026-W45', '2026-W47')).length).toBe(0);
    });

    it('lists a pulse’s responses and actions by status and due date', async () => {
      for (const [pulse, key] of [
        ['p1', 'x'],
        ['p1', 'y'],
        ['p10', 'z'],
        ['p2', 'w'],
      ]) {
        await store.responses.create({
          ...sampleDoc('response', A, 'team-q', `${pulse}:${key}`),
          pulseId: pulse!,
          respondentKey: key!,
        });
      }
      expect((await store.responses.listByPulse(A, 'team-q', 'p1')).map((r) => r.id)).toEqual(['p1:x', 'p1:y']);

      await store.actions.create({ ...sampleDoc('action', A, 'team-q', 'a1'), due: '2026-12-10', status: 'open' });
      await store.actions.create({ ...sampleDoc('action', A, 'team-q', 'a2'), due: '2026-12-01', status: 'open' });
      await store.actions.create({ ...sampleDoc('action', A, 'team-q', 'a3'), due: '2026-11-01', status: 'done' });
      await store.actions.create({ ...sampleDoc('action', B, 'team-q', 'a4'), due: '2026-11-01', status: 'open' });
      expect((await store.actions.listByStatus(A, 'team-q', 'open')).map((a) => a.id)).toEqual(['a2', 'a1']);
      expect((await store.actions.listDueOnOrBefore(A, '2026-12-01')).map((a) => a.id)).toEqual(['a3', 'a2']);
    });

    it('marks an activity once: a redelivery is recognised', async () => {
      expect(await store.processed.markOnce(A, 'team-1', 'activity-1', 3600)).toBe(true);
      expect(await store.processed.markOnce(A, 'team-1', 'activity-1', 3600)).toBe(false);
      expect(await store.processed.markOnce(B, 'team-1', 'activity-1', 3600)).toBe(true);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.processed.markOnce(A, 'team-1', 'activity-2', 3600)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('gives a lease to one holder at a time and hands it over after expiry', async () => {
      const now = 1_000_000;
      const racers = await Promise.all(
        ['i1', 'i2', 'i3', 'i4'].map((h) => store.leases.tryAcquire(A, 'weekly-pulse', h, 60_000, now)),
      );
      const winners = racers.filter((l) => l !== undefined);
      expect(winners).toHaveLength(1);
      const holder = winners[0]!.holder;
      const other = holder === 'i1' ? 'i2' : 'i1';
      expect(await store.leases.tryAcquire(A, 'weekly-pulse', other, 60_000, now + 1_000)).toBeUndefined();
      expect(await store.leases.tryAcquire(A, 'weekly-pulse', other, 60_000, now + 61_000)).toMatchObject({
        holder: other,
      });
      await store.leases.release(A, 'weekly-pulse', holder); // old holder cannot release the new holder's lease
      expect(await store.leases.get({ tenantId: A, teamId: TENANT_SCOPE, id: 'weekly-pulse' })).toMatchObject({
        holder: other,
      });
      await store.leases.release(A, 'weekly-pulse', other);
      expect(await store.leases.get({ tenantId: A, teamId: TENANT_SCOPE, id: 'weekly-pulse' })).toBeUndefined();
    });

    it('writes a transaction in one partition all or nothing', async () => {
      const T = 'team-tx';
      const rollup = await store.rollups.create({ ...sampleDoc('rollup', A, T, '2026-W40'), week: '2026-W40' });
      const ok = await store.transact(A, T, [
        { op: 'create', doc: sampleDoc('response', A, T, '2026-W40:r1') },
        { op: 'replace', doc: withRespondents(rollup, 2) },
      ]);
      expect(ok).toHaveLength(2);
      const afterOk = await store.rollups.get({ tenantId: A, teamId: T, id: '2026-W40' });
      expect(afterOk!.respondents).toBe(2);

      // The second operation fails (stale ETag): the first must not be written either.
      await expect(
        store.transact(A, T, [
          { op: 'create', doc: sampleDoc('response', A, T, '2026-W40:r2') },
          { op: 'replace', doc: withRespondents(rollup, 99) },
        ]),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(await store.responses.get({ tenantId: A, teamId: T, id: '2026-W40:r2' })).toBeUndefined();
      // The first operation fails (duplicate): the fold after it must not be written.
      await expect(
        store.transact(A, T, [
          { op: 'create', doc: sampleDoc('response', A, T, '2026-W40:r1') },
          { op: 'replace', doc: withRespondents(afterOk!, 3) },
        ]),
      ).rejects.toBeInstanceOf(AlreadyExistsError);
      expect(await store.rollups.get({ tenantId: A, teamId: T, id: '2026-W40' })).toEqual(afterOk);
      // Never across partitions or tenants.
      await expect(store.transact(A, T, [{ op: 'create', doc: sampleDoc('response', B, T, 'x') }])).rejects.toThrow(
        TypeError,
      );
      await expect(
        store.transact(A, T, [{ op: 'create', doc: sampleDoc('response', A, 'other-team', 'x') }]),
      ).rejects.toThrow(TypeError);
    });

    it('reports healthy', async () => {
      expect(await store.health()).toMatchObject({ ok: true });
    });
  });
}
