// Child process for the crash test: writes documents as fast as it can and reports each id on stdout only after the
// store has acknowledged the write (the promise resolved). The parent kills it with SIGKILL mid-loop.
import { createStore } from '@humandebt/core';
import { SqliteBackend } from '../../src/store/sqlite.store';

const file = process.argv[2];
if (!file) throw new Error('usage: sqlite-crash-writer <file>');
const store = createStore(new SqliteBackend({ file }));
const key = { tenantId: 'crash-tenant', teamId: 'crash-team', id: '2026-W48' };
await store.rollups.upsert({
  ...key,
  type: 'rollup',
  week: '2026-W48',
  itemBankVersion: 'test',
  aggregates: {},
  respondents: 0,
});
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  // The answer and its count commit together, as the pulse path does.
  const current = (await store.rollups.get(key))!;
  const response = {
    tenantId: 'crash-tenant',
    teamId: 'crash-team',
    id: `pulse-1:${i}`,
    type: 'response' as const,
    pulseId: 'pulse-1',
    respondentKey: String(i),
    week: '2026-W48',
    itemBankVersion: 'test',
    answers: { 'edm-ps-1': (i % 7) + 1 },
  };
  const next: typeof current = { ...current, respondents: current.respondents + 1 };
  await store.transact('crash-tenant', 'crash-team', [
    { op: 'create', doc: response },
    { op: 'replace', doc: next },
  ]);
  process.stdout.write(`ack ${i} ${current.respondents + 1}\n`);
}
