import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PSEUDONYMOUS_NOTE, type Store, type UserExport } from '@humandebt/core';
import { startTestService } from '../support';

const NOW = new Date('2026-11-26T12:00:00Z');
const OTHER = 'tenant-b';
const AIKO = 'demo-aiko-tanaka';

/** Every document of a tenant, for before/after comparisons. */
async function snapshot(store: Store, tenantId: string) {
  const repos = [
    store.teams,
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
  ];
  const all = await Promise.all(
    repos.map((r) =>
      (r as { listTenantPage(t: string, l: number): Promise<unknown[]> }).listTenantPage(tenantId, 100_000),
    ),
  );
  return all.flat();
}

describe('data rights (tenant admins)', () => {
  let svc: Awaited<ReturnType<typeof startTestService>>;
  const api = (path: string, init?: RequestInit) => fetch(`${svc.url}/api/v1/admin${path}`, init);

  beforeAll(async () => {
    svc = await startTestService({}, { now: () => NOW });
    const s = svc.store;
    // Another tenant with the same team id and the same user id: it must never be touched.
    await s.teams.create({
      tenantId: OTHER,
      teamId: 'team-platform',
      id: 'team-platform',
      type: 'team',
      name: 'B platform',
      settings: {
        kThreshold: 5,
        timeZone: 'UTC',
        workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
        pulseCadence: 'weekly',
      },
      createdAt: NOW.toISOString(),
    });
    await s.members.create({
      tenantId: OTHER,
      teamId: 'team-platform',
      id: AIKO,
      type: 'member',
      displayName: 'Aiko (B)',
      role: 'member',
      joinedAt: NOW.toISOString(),
    });
    await s.actions.create({
      tenantId: OTHER,
      teamId: 'team-platform',
      id: 'b-action',
      type: 'action',
      title: 'B action',
      ownerId: AIKO,
      ownerName: 'Aiko (B)',
      due: '2026-12-01',
      status: 'open',
      createdAt: NOW.toISOString(),
    });
    // A retro in which Aiko facilitated and wrote one card openly.
    await s.retros.create({
      tenantId: 'demo-tenant',
      teamId: 'team-platform',
      id: 'retro-open',
      type: 'retro',
      template: '4ls',
      phase: 'closed',
      facilitatorId: AIKO,
      startedAt: NOW.toISOString(),
      cards: [
        { id: 'c1', column: 'liked', text: 'Pairing', authorId: AIKO },
        { id: 'c2', column: 'lacked', text: 'Time' },
      ],
      themes: [],
      voteTotals: {},
      votesUsed: {},
      voteBudget: 3,
      actionIds: [],
      agreementIds: [],
    });
  });
  afterAll(async () => svc?.stop());

  it('refuses people without the tenant-admin role', async () => {
    const member = await startTestService({ DEV_USER_ID: AIKO }, { now: () => NOW });
    try {
      for (const [path, method] of [
        [`/users/${AIKO}/export`, 'GET'],
        [`/users/${AIKO}`, 'DELETE'],
        ['/offboard', 'POST'],
      ] as const) {
        expect(
          (
            await fetch(`${member.url}/api/v1/admin${path}`, {
              method,
              headers: { 'content-type': 'application/json' },
              body: method === 'POST' ? '{}' : undefined,
            })
          ).status,
        ).toBe(403);
      }
    } finally {
      await member.stop();
    }
  });

  it('exports everything tied to a person in the admin’s own tenant, and says what cannot be tied back', async () => {
    const res = await api(`/users/${AIKO}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const data = (await res.json()) as UserExport;
    expect(data.memberships.map((m) => m.teamId)).toEqual(['team-platform']);
    expect(data.memberships[0]!.teamName).toBe('Platform Engineering');
    expect(data.actionsOwned.length).toBeGreaterThan(0);
    expect(data.actionsOwned.every((a) => a.teamId !== 'b-action')).toBe(true);
    expect(data.retrosFacilitated.map((r) => r.id)).toContain('retro-open');
    expect(data.cardsWritten).toEqual([{ teamId: 'team-platform', retroId: 'retro-open', text: 'Pairing' }]);
    expect(data.notes).toContain(PSEUDONYMOUS_NOTE);
    expect(JSON.stringify(data)).not.toContain('Aiko (B)');
  });

  it('deletes a person: roster and roles go, team records keep a tombstone; another tenant is untouched', async () => {
    const before = await snapshot(svc.store, OTHER);
    const res = await api(`/users/${AIKO}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const result = (await res.json()) as {
      membershipsDeleted: number;
      actionsReassigned: number;
      retrosScrubbed: number;
    };
    expect(result.membershipsDeleted).toBe(1);
    expect(result.retrosScrubbed).toBe(3); // two seeded retros she facilitated and the one above
    expect(await svc.store.members.listByUser('demo-tenant', AIKO)).toEqual([]);
    expect(await svc.store.actions.listByOwner('demo-tenant', AIKO)).toEqual([]);
    const retro = await svc.store.retros.get({ tenantId: 'demo-tenant', teamId: 'team-platform', id: 'retro-open' });
    expect(retro!.facilitatorId).toBe('deleted-user');
    expect(retro!.cards.every((c) => !('authorId' in c))).toBe(true);
    expect(JSON.stringify(await snapshot(svc.store, 'demo-tenant'))).not.toContain(AIKO);
    expect(await snapshot(svc.store, OTHER)).toEqual(before);
    // Deleting again is harmless.
    expect(await (await api(`/users/${AIKO}`, { method: 'DELETE' })).json()).toMatchObject({ membershipsDeleted: 0 });
  });

  it('validates ids and the offboarding confirmation', async () => {
    expect((await api('/users/bad%20id/export')).status).toBe(400);
    for (const body of [
      {},
      { confirm: 'yes' },
      { confirm: `delete all data of ${OTHER}` },
      { confirm: 'delete all data of demo-tenant', extra: 1 },
    ]) {
      const res = await api('/offboard', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await snapshot(svc.store, 'demo-tenant')).length).toBeGreaterThan(100);
  });

  it('offboards the tenant as a resumable job, leaving every other tenant as it was', async () => {
    const before = await snapshot(svc.store, OTHER);
    let complete = false;
    let calls = 0;
    while (!complete && calls < 50) {
      const res = await api('/offboard', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ confirm: 'delete all data of demo-tenant' }),
      });
      expect(res.status).toBe(200);
      complete = ((await res.json()) as { complete: boolean }).complete;
      calls++;
    }
    expect(complete).toBe(true);
    expect(await snapshot(svc.store, 'demo-tenant')).toEqual([]);
    expect(await snapshot(svc.store, OTHER)).toEqual(before);
  });
});

/** The built admin CLI (test/support/global-setup.ts builds it when it is missing). */
const cli = fileURLToPath(new URL('../../dist/admin.js', import.meta.url));
describe('data-rights CLI', () => {
  it('refuses to offboard without the exact confirmation, and prints usage for bad arguments', () => {
    const env = { PATH: process.env.PATH ?? '', SQLITE_FILE: ':memory:', LOG_LEVEL: 'silent' };
    const refused = spawnSync(process.execPath, [cli, 'offboard', '--tenant', 't1'], { env, encoding: 'utf8' });
    expect(refused.status).toBe(64);
    expect(refused.stderr).toContain('delete all data of t1');
    const usage = spawnSync(process.execPath, [cli, 'export-user'], { env, encoding: 'utf8' });
    expect(usage.status).toBe(64);
    const ok = spawnSync(process.execPath, [cli, 'export-user', '--tenant', 't1', '--user', 'u1'], {
      env,
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ tenantId: 't1', userId: 'u1', memberships: [] });
  });
});
