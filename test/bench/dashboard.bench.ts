// Dashboard read cost at 10 k and 1 M stored responses (SQLite), through HTTP, side by side with a naive
// recomputation from raw responses measured in the same run.
//   node --import tsx test/bench/dashboard.bench.ts            (both sizes)
//   node --import tsx test/bench/dashboard.bench.ts 10000      (one size)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import {
  mulberry32,
  ITEM_BANK_VERSION,
  addWeeks,
  createStore,
  dashboardSummary,
  foldAnswers,
  isoWeekOf,
  lookbackFrom,
  planFor,
  type BaseDoc,
  type DocType,
  type ResponseDoc,
  type RollupDoc,
  type Store,
  type StoreBackend,
} from '@humandebt/core';
import { loadConfig } from '../../bot/src/config';
import { startService } from '../../bot/src/server';
import { SqliteBackend } from '../../bot/src/store/sqlite.store';
import type { BenchResult } from './run';

const TENANT = 'bench-tenant';
const TEAM = 'bench-team';
const NOW = new Date('2026-11-26T12:00:00Z');
const WEEKS = 52;
const REQUESTS = 300;

/** Counts store calls, to report store operations per request. */
function counting(backend: StoreBackend): { backend: StoreBackend; calls: () => number; reset: () => void } {
  let calls = 0;
  const wrapped: StoreBackend = {
    kind: backend.kind,
    collection<K extends DocType>(type: K) {
      const c = backend.collection(type);
      return new Proxy(c, {
        get(target, prop, receiver) {
          const v = Reflect.get(target, prop, receiver) as unknown;
          if (typeof v !== 'function' || prop === 'type') return v;
          return (...args: unknown[]) => {
            calls++;
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      }) as typeof c;
    },
    transact: (...a) => backend.transact(...a),
    health: () => backend.health(),
    close: () => backend.close(),
  };
  return { backend: wrapped, calls: () => calls, reset: () => (calls = 0) };
}

/**
 * Loads `total` responses of one large team over 52 weeks, with the week rollups the pulse path would have built
 * (same fold function), in bulk transactions. A stress shape: one big org unit, so that a naive dashboard really
 * has `total` answers behind it.
 */
function load(backend: SqliteBackend, total: number): void {
  const rand = mulberry32(total);
  const perWeek = Math.ceil(total / WEEKS);
  const toWeek = isoWeekOf(NOW);
  const team = {
    tenantId: TENANT,
    teamId: TEAM,
    id: TEAM,
    type: 'team' as const,
    name: 'Bench org unit',
    settings: {
      kThreshold: 5,
      timeZone: 'UTC',
      workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
      pulseCadence: 'weekly' as const,
    },
    createdAt: NOW.toISOString(),
  };
  backend.bulkUpsert([
    team,
    {
      tenantId: TENANT,
      teamId: TEAM,
      id: 'bench-user',
      type: 'member',
      displayName: 'Bench',
      role: 'owner',
      joinedAt: NOW.toISOString(),
    } as BaseDoc,
  ]);
  let written = 0;
  for (let w = WEEKS - 1; w >= 0 && written < total; w--) {
    const week = addWeeks(toWeek, -w);
    let rollup: RollupDoc = {
      tenantId: TENANT,
      teamId: TEAM,
      id: week,
      type: 'rollup',
      week,
      itemBankVersion: ITEM_BANK_VERSION,
      aggregates: {},
      respondents: 0,
    };
    let batch: BaseDoc[] = [];
    for (let p = 0; p < perWeek && written < total; p++, written++) {
      const seed = `person-seed-${String(p).padStart(8, '0')}`;
      const answers: Record<string, number> = {};
      for (const item of planFor({ teamId: TEAM, personSeed: seed, week }).items)
        answers[item.id] = 1 + Math.floor(rand() * 7);
      const response: ResponseDoc = {
        tenantId: TENANT,
        teamId: TEAM,
        id: `${week}:${seed}`,
        type: 'response',
        pulseId: week,
        respondentKey: seed,
        week,
        itemBankVersion: ITEM_BANK_VERSION,
        answers,
      };
      rollup = foldAnswers(rollup, answers);
      batch.push(response);
      if (batch.length === 20_000) {
        backend.bulkUpsert(batch);
        batch = [];
      }
    }
    backend.bulkUpsert([...batch, rollup]);
  }
}

/** What a dashboard without rollups would do: read the raw answers of every week it shows and fold them. */
async function naiveSummary(store: Store, weeks: number): Promise<number> {
  const team = (await store.teams.get({ tenantId: TENANT, teamId: TEAM, id: TEAM }))!;
  const toWeek = isoWeekOf(NOW);
  const rollups: RollupDoc[] = [];
  for (let w = lookbackFrom(toWeek, weeks); w <= toWeek; w = addWeeks(w, 1)) {
    let r: RollupDoc = {
      tenantId: TENANT,
      teamId: TEAM,
      id: w,
      type: 'rollup',
      week: w,
      itemBankVersion: ITEM_BANK_VERSION,
      aggregates: {},
      respondents: 0,
    };
    for (const resp of await store.responses.listByPulse(TENANT, TEAM, w)) r = foldAnswers(r, resp.answers);
    rollups.push(r);
  }
  const s = dashboardSummary({
    team,
    memberCount: 1,
    toWeek,
    weeks,
    rollups,
    meetingLoad: [],
    actions: [],
    today: NOW.toISOString().slice(0, 10),
  });
  return s.index.available ? s.index.index : -1;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function measure(total: number) {
  const dir = mkdtempSync(join(tmpdir(), 'hd-bench-'));
  const file = join(dir, 'bench.sqlite');
  const sqlite = new SqliteBackend({ file, synchronous: 'NORMAL' });
  const t0 = performance.now();
  load(sqlite, total);
  const loadSeconds = (performance.now() - t0) / 1000;
  const counter = counting(sqlite);
  const store = createStore(counter.backend);
  const config = loadConfig({
    PORT: '0',
    SQLITE_FILE: file,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'never',
    RATE_LIMIT_USER_PER_MINUTE: '100000',
    RATE_LIMIT_TENANT_PER_MINUTE: '1000000',
    DEV_TENANT_ID: TENANT,
    DEV_USER_ID: 'bench-user',
  });
  const svc = await startService(config, {
    store,
    logger: pino({ level: 'silent' }),
    now: () => NOW,
    staticRoots: { tab: dir, addin: dir },
  });
  const url = `${svc.url}/api/v1/teams/${TEAM}/summary?weeks=12`;
  try {
    for (let i = 0; i < 30; i++) await (await fetch(url)).arrayBuffer(); // warm-up
    counter.reset();
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const s = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
      times.push(performance.now() - s);
    }
    const opsPerRequest = counter.calls() / REQUESTS;
    const naive: number[] = [];
    const reps = total >= 500_000 ? 3 : 10;
    for (let i = 0; i < reps; i++) {
      const s = performance.now();
      await naiveSummary(store, 12);
      naive.push(performance.now() - s);
    }
    return {
      p50: pct(times, 50),
      p95: pct(times, 95),
      opsPerRequest,
      naiveP50: pct(naive, 50),
      loadSeconds,
      fileMiB: statSync(file).size / 2 ** 20,
    };
  } finally {
    await svc.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(sizes: number[] = [10_000, 1_000_000]): Promise<BenchResult[]> {
  const out: Record<number, Awaited<ReturnType<typeof measure>>> = {};
  for (const n of sizes) {
    process.stdout.write(`  loading ${n.toLocaleString('en')} responses…\n`);
    out[n] = await measure(n);
    const m = out[n]!;
    process.stdout.write(
      `  ${n.toLocaleString('en')}: dashboard p50 ${m.p50.toFixed(2)} ms, p95 ${m.p95.toFixed(2)} ms, ${m.opsPerRequest} store ops/request; naive p50 ${m.naiveP50.toFixed(1)} ms (load ${m.loadSeconds.toFixed(1)} s, ${m.fileMiB.toFixed(0)} MiB)\n`,
    );
  }
  const results: BenchResult[] = [];
  for (const n of sizes) {
    const m = out[n]!;
    results.push({
      name: `dashboard summary over HTTP at ${n.toLocaleString('en')} responses (SQLite)`,
      figures: { p50Ms: m.p50, p95Ms: m.p95, storeOpsPerRequest: m.opsPerRequest, naiveP50Ms: m.naiveP50 },
      baseline: 'naive recomputation from raw responses (p50, in-process, same data)',
      ratio: m.naiveP50 / m.p50,
      target:
        n >= 1_000_000 ? '≥ 50× faster than naive; p95 ≤ 20 ms' : 'reported (the naive cost grows with responses)',
      ...(n >= 1_000_000 ? { pass: m.naiveP50 / m.p50 >= 50 && m.p95 <= 20 } : {}),
    });
  }
  const small = out[sizes[0]!];
  const big = out[sizes[sizes.length - 1]!];
  if (small && big && sizes.length > 1) {
    results.push({
      name: 'dashboard p95 at 1 M vs 10 k responses',
      figures: { p95At10kMs: small.p95, p95At1MMs: big.p95 },
      baseline: `p95 at ${sizes[0]!.toLocaleString('en')} responses`,
      ratio: big.p95 / small.p95,
      target: '≤ 1.5×',
      pass: big.p95 / small.p95 <= 1.5,
    });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const results = await run(sizes.length ? sizes : undefined);
  for (const r of results)
    process.stdout.write(
      `${r.name}: ratio ${r.ratio.toFixed(2)} vs ${r.baseline} (target ${r.target}) ${r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL'}\n`,
    );
}
