import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '@humandebt/core';
import { SqliteBackend } from '../../src/store/sqlite.store';
import { storeContract } from './store.contract';

const dir = mkdtempSync(join(tmpdir(), 'hd-sqlite-'));
storeContract(
  'SQLite file (WAL)',
  async () => createStore(new SqliteBackend({ file: join(dir, 'contract.sqlite') })),
  async () => rmSync(dir, { recursive: true, force: true }),
);

describe('SQLite specifics', () => {
  it('uses WAL and keeps data across reopen', async () => {
    const d = mkdtempSync(join(tmpdir(), 'hd-sqlite-'));
    const file = join(d, 'x.sqlite');
    const s1 = createStore(new SqliteBackend({ file }));
    await s1.agreements.create({
      tenantId: 't',
      teamId: 'x',
      id: 'a',
      type: 'agreement',
      title: 'Focus Wednesday',
      rule: { kind: 'focus-day', weekday: 3 },
      createdAt: '2026-11-26',
    });
    await s1.close();
    const s2 = createStore(new SqliteBackend({ file }));
    expect(await s2.agreements.get({ tenantId: 't', teamId: 'x', id: 'a' })).toMatchObject({
      title: 'Focus Wednesday',
    });
    await s2.close();
    rmSync(d, { recursive: true, force: true });
  });

  it('treats expired idempotency records as absent and lets the key be marked again', async () => {
    let now = 1_000_000;
    const backend = new SqliteBackend({ file: ':memory:', now: () => now });
    const store = createStore(backend);
    expect(await store.processed.markOnce('t', 'x', 'act-1', 60)).toBe(true);
    expect(await store.processed.markOnce('t', 'x', 'act-1', 60)).toBe(false);
    now += 61_000;
    expect(await store.processed.get({ tenantId: 't', teamId: 'x', id: 'act-1' })).toBeUndefined();
    expect(await store.processed.markOnce('t', 'x', 'act-1', 60)).toBe(true);
    now += 61_000;
    expect(backend.purgeExpired()).toBe(1);
    await store.close();
  });

  it('refuses query field names that are not plain identifiers', async () => {
    const backend = new SqliteBackend({ file: ':memory:' });
    await expect(
      backend.collection('team').query({ tenantId: 't', where: [{ field: "x') OR 1=1 --", op: '=', value: 1 }] }),
    ).rejects.toThrow(TypeError);
    await backend.close();
  });
});
