/**
 * Bot bench: a vote card action through the whole service (HTTP → express → CloudAdapter → HumanDebtBot → ETag
 * read-modify-write of the retro in SQLite → the voter's own card in the invoke response, and on a person's first
 * vote an in-place update of the shared card) against a bare botbuilder
 * echo bot (express + CloudAdapter + ActivityHandler) on the same machine, same run. Loopback only: replies come
 * back in the HTTP response (deliveryMode expectReplies) and the card update goes to a local fake connector, so
 * nothing leaves the machine. Bounded in time and count.
 *
 *   npm run bench -- bot        (or: node --import tsx test/bench/bot.bench.ts)
 *
 * Targets (docs/measurement.md): vote throughput ≥ 0.5 × echo throughput; p95 < 25 ms at a fixed 50 requests/s.
 */
import { once } from 'node:events';
import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import express from 'express';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { startRetro, type RetroDoc } from '../../core/src/index';
import { startTestService } from '../../bot/test/support';
import type { BenchResult } from './run';

const CONCURRENCY = 10;
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 2_000);
/** Echo and vote phases alternate this many times; medians are reported, so a burst of load elsewhere on a shared
 * machine hits both sides instead of skewing the ratio. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MAX_REQUESTS = 20_000;
const RATE = 50;
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 6);
const RETROS = 300;
const TENANT = 'bench-tenant';

interface Load {
  throughput: number;
  /** Process CPU time (user + system) per request: client, server and fake connector all run in this process. Less
   * sensitive than throughput to other work on a shared machine. */
  cpuMs: number;
  p50: number;
  p95: number;
  n: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Closed loop: CONCURRENCY workers, until PHASE_MS or MAX_REQUESTS. */
async function closedLoop(url: URL, makeBody: (i: number) => string): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const deadline = performance.now() + PHASE_MS;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline && next < MAX_REQUESTS) {
        const i = next++;
        const t0 = performance.now();
        const status = await post(agent, url, makeBody(i));
        latencies.push(performance.now() - t0);
        if (status !== 200) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    throughput: latencies.length / seconds,
    cpuMs: (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    n: latencies.length,
    errors,
  };
}

/** Open loop at a fixed rate: one request every 1000/RATE ms regardless of responses. */
async function fixedRate(url: URL, makeBody: (i: number) => string): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: 50 });
  const latencies: number[] = [];
  let errors = 0;
  const total = RATE * RATE_SECONDS;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      (async () => {
        const t0 = performance.now();
        const status = await post(agent, url, makeBody(i));
        latencies.push(performance.now() - t0);
        if (status !== 200) errors++;
      })(),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    throughput: RATE,
    cpuMs: NaN,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    n: latencies.length,
    errors,
  };
}

function median(values: number[]): number {
  const v = values.slice().sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)]!;
}

function medianLoad(rounds: Load[]): Load {
  return {
    throughput: median(rounds.map((r) => r.throughput)),
    cpuMs: median(rounds.map((r) => r.cpuMs)),
    p50: median(rounds.map((r) => r.p50)),
    p95: median(rounds.map((r) => r.p95)),
    n: rounds.reduce((a, r) => a + r.n, 0),
    errors: rounds.reduce((a, r) => a + r.errors, 0),
  };
}

/** A stand-in for the Bot Connector: accepts every call (card updates) on loopback. */
async function fakeConnector(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'updated' }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

async function echoBot(): Promise<{ url: URL; server: Server }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text}`);
    await next();
  });
  const app = express();
  app.use(express.json({ limit: '256kb' }));
  app.post('/api/messages', (req, res) => adapter.process(req, res, (ctx) => bot.run(ctx)));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`), server };
}

function activity(conversationId: string, extra: Record<string, unknown>, serviceUrl: string, i: number): string {
  return JSON.stringify({
    type: 'message',
    id: `bench-${process.pid}-${i}-${Math.random().toString(36).slice(2, 8)}`,
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: conversationId, conversationType: 'groupChat', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    recipient: { id: 'bot-1', name: 'Human Debt' },
    deliveryMode: 'expectReplies',
    ...extra,
  });
}

export async function run(): Promise<BenchResult[]> {
  const connector = await fakeConnector();
  const echo = await echoBot();
  // NORMAL (WAL; a power loss may lose the last commits, never corrupt): the measurement is of the bot, not of the
  // disk's fsync. With the local default FULL every vote pays two fsyncs (dedupe record + retro); set
  // BENCH_SQLITE_SYNCHRONOUS=FULL to measure that.
  const sync = process.env.BENCH_SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL';
  const svc = await startTestService({ SEED_DEMO: 'never', SQLITE_SYNCHRONOUS: sync });
  try {
    // RETROS retros in the vote phase, 60 cards each; request i is vote k = ⌊i / RETROS⌋ in retro i % RETROS, cast by
    // voter ⌊k / 3⌋ on card k: every person uses their budget of three, every request is a real, counted vote (not
    // a refused duplicate), and each retro stays realistically small.
    const targets: string[][] = [];
    for (let r = 0; r < RETROS; r++) {
      const teamId = `bench-team-${r}`;
      const retro: RetroDoc = {
        ...startRetro({
          tenantId: TENANT,
          teamId,
          id: `retro-${r}`,
          template: 'start-stop-continue',
          facilitatorId: 'f',
          now: new Date(),
          voteBudget: 3,
        }),
        phase: 'vote',
        cards: Array.from({ length: 60 }, (_, c) => ({
          id: `c${c}`,
          column: 'start',
          text: `card ${c} ${'x'.repeat(120)}`,
        })),
        cardActivityId: 'card-1',
      };
      await svc.store.retros.create(retro);
      targets.push(retro.cards.map((c) => c.id));
    }
    const vote = (i: number) => {
      const r = i % RETROS;
      const k = Math.floor(i / RETROS);
      const voter = Math.floor(k / 3);
      // The card's Vote button is a Universal Action: an `adaptiveCard/action` invoke, answered in the HTTP response
      // with the voter's own card (remaining votes, their ticks).
      const data = { verb: 'retro-vote', retroId: `retro-${r}`, targetId: targets[r]![k % 60]! };
      return activity(
        `bench-team-${r}`,
        {
          type: 'invoke',
          name: 'adaptiveCard/action',
          deliveryMode: undefined,
          from: { id: `29:v${voter}`, name: `Voter ${voter}`, aadObjectId: `v${voter}` },
          replyToId: 'card-1',
          value: { action: { type: 'Action.Execute', verb: data.verb, data }, trigger: 'manual' },
        },
        connector.url,
        i,
      );
    };
    let offset = 0;
    const echoBody = (i: number) =>
      activity('echo-conv', { from: { id: '29:e', name: 'E' }, text: `hello ${i}` }, connector.url, i);
    const serviceUrl = new URL(`${svc.url}/api/messages`);

    if (process.env.BENCH_VOTES_ONLY) {
      // Profiling aid (node --cpu-prof): votes only, nothing else in the profile.
      const v = await closedLoop(serviceUrl, (i) => vote(i));
      return [
        {
          name: 'votes only (profiling)',
          figures: { votesPerSecond: v.throughput, cpuMsPerVote: v.cpuMs },
          baseline: 'none',
          ratio: NaN,
          target: 'none',
          pass: true,
        },
      ];
    }
    // Warm-up both (JIT, SQLite page cache), then measure side by side.
    await closedLoop(echo.url, echoBody);
    const warm = await closedLoop(serviceUrl, (i) => vote(i));
    offset = warm.n;
    const echoRounds: Load[] = [];
    const voteRounds: Load[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      echoRounds.push(await closedLoop(echo.url, echoBody));
      const v = await closedLoop(serviceUrl, (i) => vote(offset + i));
      offset += v.n;
      voteRounds.push(v);
    }
    const echoLoad = medianLoad(echoRounds);
    const voteLoad = medianLoad(voteRounds);
    const echoRate = await fixedRate(echo.url, echoBody);
    const voteRate = await fixedRate(serviceUrl, (i) => vote(offset + i));
    offset += voteRate.n;
    if (voteLoad.errors || voteRate.errors)
      throw new Error(`vote requests failed: ${voteLoad.errors + voteRate.errors}`);
    // Sanity: the votes were really counted.
    let counted = 0;
    for (let r = 0; r < RETROS; r++)
      counted += Object.values(
        (await svc.store.retros.get({ tenantId: TENANT, teamId: `bench-team-${r}`, id: `retro-${r}` }))!.voteTotals,
      ).reduce((a, b) => a + b, 0);
    if (counted !== offset) throw new Error(`expected ${offset} votes counted, found ${counted}`);

    const ratio = voteLoad.throughput / echoLoad.throughput;
    return [
      {
        name: `vote card action, whole service (SQLite ${sync}), closed loop (${CONCURRENCY} connections, median of ${ROUNDS} × ${PHASE_MS / 1000} s)`,
        figures: {
          votesPerSecond: voteLoad.throughput,
          p50Ms: voteLoad.p50,
          p95Ms: voteLoad.p95,
          requests: voteLoad.n,
          echoPerSecond: echoLoad.throughput,
          echoP50Ms: echoLoad.p50,
          echoP95Ms: echoLoad.p95,
          cpuMsPerVote: voteLoad.cpuMs,
          cpuMsPerEcho: echoLoad.cpuMs,
          cpuRatioEchoOverVote: echoLoad.cpuMs / voteLoad.cpuMs,
        },
        baseline: 'bare botbuilder echo bot, same machine, same run',
        ratio,
        target: '≥ 0.5 × echo throughput',
        pass: ratio >= 0.5,
      },
      {
        name: `vote card action (SQLite ${sync}) at a fixed ${RATE} requests/s (${RATE_SECONDS} s)`,
        figures: { p50Ms: voteRate.p50, p95Ms: voteRate.p95, requests: voteRate.n, echoP95Ms: echoRate.p95 },
        baseline: 'echo bot p95 at the same rate',
        ratio: voteRate.p95 / echoRate.p95,
        target: 'p95 < 25 ms',
        pass: voteRate.p95 < 25,
      },
    ];
  } finally {
    await svc.stop();
    echo.server.close();
    connector.server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(JSON.stringify(r));
}
