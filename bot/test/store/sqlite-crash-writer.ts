// Child process for the crash test: writes documents as fast as it can and reports each id on stdout only after the
// store has acknowledged the write (the promise resolved). The parent kills it with SIGKILL mid-loop.
import { createStore } from '@humandebt/core';
import { SqliteBackend } from '../../src/store/sqlite.store';

const file = process.argv[2];
if (!file) throw new Error('usage: sqlite-crash-writer <file>');
const store = createStore(new SqliteBackend({ file }));
const key = { tenantId: 'crash-tenant', teamId: 'crash-team', id: '2026-W48' };
await store.rollups.upsert({ ...key, type: 'rollup', week: '2026-W48', itemBankVersion: 'test', aggregates: {}, applied: [] });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  await store.responses.create({
    tenantId: 'crash-tenant',
    teamId: 'crash-team',
    id: `pulse-1:${i}`,
    type: 'response',
    pulseId: 'pulse-1',
    respondentKey: String(i),
    week: '2026-W48',
    itemBankVersion: 'test',
    answers: { 'edm-ps-1': (i % 7) + 1 },
  });
  const rollup = await store.rollups.update(key, (d) => ({ ...d, applied: [...d.applied, `pulse-1:${i}`] }));
  process.stdout.write(`ack ${i} ${rollup.applied.length}\n`);
}
