/**
 * Soak: a bounded run of mixed bot and API traffic against the built service as a child process, at a
 * fixed rate (open loop: requests go out on schedule whether or not earlier ones have been answered), on loopback
 * only, stopping by itself.
 *
 *   bot traffic (3 in 5 requests): several group chats each running retro after retro through POST /api/messages —
 *     start, cards, reveal, votes, whys, an action, close — plus the chat commands (actions, agreements, privacy, help);
 *     card updates and 1:1 messages go to a local fake Bot Connector;
 *   API traffic (2 in 5): the dashboard views, the team list and meeting-load share POSTs, as the local dev user (a
 *     member of every chat).
 *
 * Errors: a transport error, an unexpected HTTP status, a bot turn that failed ("something went wrong"), or an error
 * line in the service's log. Latency is measured from each request's scheduled time (queueing included). The
 * service's resident memory (VmRSS) is sampled every few seconds; growth is measured from minute 2 (the warm state) to
 * the end (for runs shorter than 10 minutes: from a fifth of the run), each as the median of the samples around it, as
 * a single sample swings with every garbage collection.
 *
 *   npm run bench -- soak                      (10 minutes; SOAK_MINUTES=… for another length)
 *   node --import tsx test/bench/soak.bench.ts
 *
 * Target: zero errors, RSS growth < 10 % from minute 2 to minute 10; p95 reported. CI runs one minute of it
 * (bot/test/resilience/soak.test.ts) and checks zero errors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isoWeekOf, addWeeks } from '../../core/src/index';
import {
  choicesOf,
  deliver,
  GroupChat,
  percentile,
  prng,
  retroCardOf,
  rssBytes,
  saidOf,
  spawnService,
  startFakeConnector,
  type ButtonKind,
  type Member,
  type Reply,
} from '../../bot/test/resilience/support';
import type { BenchResult } from './run';

export interface SoakOptions {
  minutes: number;
  /** Requests per second (default 50). */
  rate?: number;
  /** Group chats running retros (default 24: each gets a bot request about every 0.8 s). */
  chats?: number;
  rssSampleMs?: number;
  log?: (line: string) => void;
  /** Extra environment for the service (e.g. NODE_OPTIONS for a heap probe while investigating memory). */
  env?: Record<string, string>;
}

export interface SoakReport {
  seconds: number;
  requests: number;
  errors: number;
  /** The first few errors, for the report. */
  errorSamples: string[];
  /** Bot answers that refused a step ("That step is not open right now" …): the script keeps to the rules, so 0. */
  refusals: number;
  refusalSamples: string[];
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  botRequests: number;
  apiRequests: number;
  botP95Ms: number;
  apiP95Ms: number;
  /** p95 of the time the service itself reports per request (its request log): without client-side queueing. */
  serverP95Ms: number;
  retrosClosed: number;
  /** The reference point (ms into the run): minute 2, or a fifth of a shorter run. */
  rssReferenceAtMs: number;
  /** Median RSS of the samples within ± 5 % of the run (≥ ± 15 s) around the reference point. */
  rssReferenceMiB: number;
  /** Median RSS over the last tenth of the run (≥ 30 s). */
  rssEndMiB: number;
  rssMaxMiB: number;
  rssGrowthPct: number;
  rssSamples: Array<{ atMs: number; mib: number }>;
}

const TENANT = 'soak-tenant';
/** The local dev identity of the service: the API caller, and a member of every chat. */
const DEV_USER = 'soak-manager';
const REFUSALS =
  /not open right now|Only the facilitator|no longer there|used all your votes|already voted|reached its card limit|is closed|could not read|I did not understand/;
const DASHBOARD_VIEWS = [
  'summary',
  'psychological-safety',
  'dynamics',
  'hazards',
  'actions',
  'meeting-load',
  'comments',
  'agreements',
];

type Step = () => Promise<Reply>;

/** One group chat running retro after retro; `next()` is the next request of its script. */
class RetroChat {
  private queue: Array<(prev?: Reply) => Promise<Reply>> = [];
  private retroId = '';
  private targets: string[] = [];
  private voteButton: ButtonKind = 'Action.Submit';
  private columns: string[] = ['start', 'stop', 'continue'];
  private actionOwner = '';
  private actionTarget = '';
  private cycle = 0;
  closed = 0;

  constructor(
    readonly chat: GroupChat,
    readonly members: readonly Member[],
    private readonly url: () => string,
    private readonly rnd: () => number,
  ) {}

  private send(from: Member, activity: Record<string, unknown>): Promise<Reply> {
    void from;
    return deliver(this.url(), activity);
  }

  private plan(): void {
    const owner = this.members[this.cycle % this.members.length]!;
    const c = this.cycle++;
    const q: Array<(prev?: Reply) => Promise<Reply>> = [];
    const nextPhase = (phase: string) => () =>
      this.send(owner, this.chat.submit(owner, { verb: 'retro-next', retroId: this.retroId, phase }));
    q.push(async () => {
      const r = await this.send(owner, this.chat.text(owner, 'retro ssc'));
      const card = retroCardOf(r.activities);
      if (card) this.retroId = card.retroId;
      return r;
    });
    q.push(async () => {
      const r = await nextPhase('opening')();
      const cols = choicesOf(r.activities, 'column');
      if (cols.length) this.columns = cols;
      return r;
    });
    for (let i = 0; i < 12; i++) {
      const m = this.members[i % this.members.length]!;
      q.push(() =>
        this.send(
          m,
          this.chat.submit(m, {
            verb: 'retro-card',
            retroId: this.retroId,
            column: this.columns[i % this.columns.length],
            text: `Retro ${c} card ${i}: ${['handoffs are slow', 'the build is flaky', 'too many meetings', 'unclear priorities'][i % 4]} (${Math.floor(this.rnd() * 1e6)})`,
          }),
        ),
      );
    }
    q.push(nextPhase('collect'));
    q.push(async () => {
      const r = await nextPhase('group')();
      const card = retroCardOf(r.activities);
      this.targets = [...new Set(card?.voteTargets ?? [])];
      this.voteButton = card?.voteButton ?? 'Action.Submit';
      return r;
    });
    for (const [i, m] of this.members.entries()) {
      for (let k = 0; k < 3; k++)
        q.push(() =>
          this.send(
            m,
            this.chat.press(
              m,
              {
                verb: 'retro-vote',
                retroId: this.retroId,
                targetId: this.targets[(i + k * 4) % Math.max(1, this.targets.length)] ?? 'none',
              },
              this.voteButton,
            ),
          ),
        );
    }
    q.push(nextPhase('vote'));
    q.push(async () => {
      const r = await nextPhase('whys')();
      this.actionTarget = choicesOf(r.activities, 'target')[0] ?? '';
      this.actionOwner = choicesOf(r.activities, 'owner')[0] ?? owner.id;
      return r;
    });
    q.push(() => {
      const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
      return this.send(
        owner,
        this.chat.submit(owner, {
          verb: 'retro-action',
          retroId: this.retroId,
          title: `Retro ${c}: fix one thing`,
          owner: this.actionOwner,
          due,
          target: this.actionTarget,
        }),
      );
    });
    q.push(async () => {
      const r = await nextPhase('actions')();
      if (r.ok) this.closed++;
      return r;
    });
    for (const word of ['actions', 'agreements', 'privacy', 'help']) {
      const m = this.members[Math.floor(this.rnd() * this.members.length)]!;
      q.splice(2 + Math.floor(this.rnd() * (q.length - 2)), 0, () => this.send(m, this.chat.text(m, word)));
    }
    this.queue = q;
  }

  next(): Step {
    if (this.queue.length === 0) this.plan();
    return this.queue.shift()!;
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const rate = options.rate ?? 50;
  const durationMs = Math.round(options.minutes * 60_000);
  const referenceAtMs = Math.min(120_000, Math.round(durationMs / 5));
  const sampleMs = options.rssSampleMs ?? 5_000;
  const log = options.log ?? (() => undefined);
  const rnd = prng(20261126);

  const dir = mkdtempSync(join(tmpdir(), 'hd-soak-'));
  const connector = await startFakeConnector();
  // The service's own time per request, from its request log (the client-side figures include queueing).
  const serverMs: number[] = [];
  const onLine = (line: string) => {
    if (!line.includes('"msg":"request"')) return;
    const m = /"ms":([\d.]+)/.exec(line);
    if (m) serverMs.push(Number(m[1]));
  };
  const svc = await spawnService(
    {
      SQLITE_FILE: join(dir, 'soak.sqlite'),
      DEV_TENANT_ID: TENANT,
      DEV_USER_ID: DEV_USER,
      // The soak's API caller is one person at 20 requests/s: above the per-person default, on purpose.
      RATE_LIMIT_USER_PER_MINUTE: '100000',
      RATE_LIMIT_TENANT_PER_MINUTE: '1000000',
      ...options.env,
    },
    { onLine },
  );
  const latencies: number[] = [];
  const botLatencies: number[] = [];
  const apiLatencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let refusals = 0;
  const refusalSamples: string[] = [];
  let botRequests = 0;
  let apiRequests = 0;
  const rss: Array<{ atMs: number; mib: number }> = [];
  const fail = (what: string) => {
    errors++;
    if (errorSamples.length < 10) errorSamples.push(what);
  };

  try {
    // The chats: six members each, the dev user among them (so the API may read their dashboards).
    const chats: RetroChat[] = [];
    for (let i = 0; i < (options.chats ?? 24); i++) {
      const members: Member[] = [
        { id: DEV_USER, name: 'Morgan' },
        ...['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger'].map((name, k) => ({ id: `soak-${i}-${k}`, name })),
      ];
      const chat = new GroupChat(TENANT, `soak-chat-${i}`, connector.url);
      const installed = await deliver(svc.url, chat.install(members[0]!, members));
      if (installed.status !== 200) throw new Error(`install failed: ${installed.error}`);
      chats.push(new RetroChat(chat, members, () => svc.url, rnd));
    }
    const teamIds = chats.map((c) => c.chat.conversationId);
    const share = {
      meetings: 18,
      meetingHours: 12.5,
      workingTimeShare: 0.31,
      focusHours: 11,
      focusBlocks: 4,
      lowFocusWeek: 0,
      backToBackChains: 3,
      backToBackHours: 4.5,
      longestChainMeetings: 3,
      afterHoursHours: 0.5,
      conflicts: 1,
      conflictShare: 0.06,
      longMeetings: 2,
      largeMeetings: 3,
      recurringShare: 0.4,
    };

    const api = async (i: number): Promise<string | undefined> => {
      const team = teamIds[i % teamIds.length]!;
      const kind = i % 10;
      let res: Response;
      if (kind === 0) {
        // Last week: the one the add-in offers, open for sharing all this week (the first share per chat is accepted,
        // the rest are answered "duplicate", also a 200).
        const week = addWeeks(isoWeekOf(new Date()), -1);
        res = await fetch(`${svc.url}/api/v1/teams/${team}/meeting-load`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ week, metrics: share }),
          signal: AbortSignal.timeout(20_000),
        });
        await res.arrayBuffer();
        return res.status === 201 || res.status === 200 ? undefined : `POST meeting-load → ${res.status}`;
      }
      const path =
        kind === 1
          ? '/api/v1/teams'
          : kind === 2
            ? '/api/v1/me'
            : `/api/v1/teams/${team}/${DASHBOARD_VIEWS[i % DASHBOARD_VIEWS.length]}?weeks=8`;
      res = await fetch(`${svc.url}${path}`, { signal: AbortSignal.timeout(20_000) });
      const body = await res.text();
      return res.status === 200 ? undefined : `GET ${path} → ${res.status} ${body.slice(0, 200)}`;
    };

    // Per chat, requests go one after another (a retro is a conversation); across chats and the API, all at once.
    const chains = chats.map(() => Promise.resolve());
    const pending = new Set<Promise<void>>();
    const start = performance.now();
    const total = Math.floor((durationMs / 1000) * rate);
    let nextSample = 0;
    let nextLog = 60_000;
    let botTurn = 0;
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const elapsed = performance.now() - start;
      if (elapsed >= nextSample) {
        const b = rssBytes(svc.pid);
        if (b !== undefined) rss.push({ atMs: Math.round(elapsed), mib: b / 2 ** 20 });
        nextSample += sampleMs;
      }
      if (elapsed >= nextLog) {
        const sorted = latencies.slice().sort((a, b) => a - b);
        log(
          `[soak] ${Math.round(elapsed / 1000)} s: ${latencies.length} requests, ${errors} errors, p95 ${percentile(sorted, 95).toFixed(1)} ms, RSS ${rss.at(-1)?.mib.toFixed(1)} MiB`,
        );
        nextLog += 60_000;
      }
      let p: Promise<void>;
      if (i % 5 < 3) {
        botRequests++;
        const c = botTurn++ % chats.length;
        const step = chats[c]!.next();
        p = chains[c] = chains[c]!.then(async () => {
          const r = await step();
          latencies.push(performance.now() - due);
          botLatencies.push(latencies.at(-1)!);
          if (!r.ok) fail(`bot: ${r.error}`);
          else {
            const refused = saidOf(r).find((t) => REFUSALS.test(t));
            if (refused) {
              refusals++;
              if (refusalSamples.length < 10) refusalSamples.push(refused);
            }
          }
        });
      } else {
        apiRequests++;
        p = (async () => {
          try {
            const problem = await api(i);
            if (problem) fail(problem);
          } catch (e) {
            fail(`api: ${e instanceof Error ? e.message : String(e)}`);
          }
          latencies.push(performance.now() - due);
          apiLatencies.push(latencies.at(-1)!);
        })();
      }
      pending.add(p);
      void p.finally(() => pending.delete(p));
    }
    await Promise.all([...pending, ...chains]);
    const seconds = (performance.now() - start) / 1000;
    const end = rssBytes(svc.pid);
    if (end !== undefined) rss.push({ atMs: Math.round(seconds * 1000), mib: end / 2 ** 20 });

    const stopped = await svc.stop();
    if (stopped.code !== 0) fail(`service exited with ${stopped.code ?? stopped.signal}`);
    for (const line of svc.errorLines()) fail(`service log: ${line.slice(0, 300)}`);

    latencies.sort((a, b) => a - b);
    // RSS moves with every garbage collection: compare medians of the samples around the reference point and over
    // the last tenth of the run (at least 30 s), not two single samples.
    const window = Math.max(30_000, durationMs / 10);
    const median = (xs: number[]) => xs.slice().sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;
    const around = rss.filter((s) => Math.abs(s.atMs - referenceAtMs) <= window / 2);
    const tail = rss.filter((s) => s.atMs >= seconds * 1000 - window);
    const reference = {
      atMs: referenceAtMs,
      mib: median((around.length ? around : rss.slice(0, 1)).map((s) => s.mib)),
    };
    const last = { mib: median((tail.length ? tail : rss.slice(-1)).map((s) => s.mib)) };
    return {
      seconds,
      requests: latencies.length,
      errors,
      errorSamples,
      refusals,
      refusalSamples,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? NaN,
      botRequests,
      apiRequests,
      botP95Ms: percentile(
        botLatencies.sort((a, b) => a - b),
        95,
      ),
      apiP95Ms: percentile(
        apiLatencies.sort((a, b) => a - b),
        95,
      ),
      serverP95Ms: percentile(
        serverMs.sort((a, b) => a - b),
        95,
      ),
      retrosClosed: chats.reduce((a, c) => a + c.closed, 0),
      rssReferenceAtMs: reference.atMs,
      rssReferenceMiB: reference.mib,
      rssEndMiB: last.mib,
      rssMaxMiB: Math.max(...rss.map((s) => s.mib)),
      rssGrowthPct: ((last.mib - reference.mib) / reference.mib) * 100,
      rssSamples: rss,
    };
  } finally {
    await svc.kill();
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  const minutes = Number(process.env.SOAK_MINUTES ?? 10);
  // SOAK_NODE_OPTIONS: Node flags for the service only (e.g. --heapsnapshot-signal=SIGUSR2 to look into its memory).
  const nodeOptions = process.env.SOAK_NODE_OPTIONS;
  const r = await runSoak({
    minutes,
    log: (l) => process.stdout.write(`  ${l}\n`),
    ...(nodeOptions ? { env: { NODE_OPTIONS: nodeOptions } } : {}),
  });
  if (r.errorSamples.length)
    process.stdout.write(`  soak errors:\n${r.errorSamples.map((e) => `    ${e}`).join('\n')}\n`);
  const from = `${(r.rssReferenceAtMs / 60_000).toFixed(1)} min`;
  return [
    {
      name: `soak: ${minutes} min of mixed bot and API traffic at 50 requests/s (child process, SQLite FULL, loopback)`,
      figures: {
        requests: r.requests,
        errors: r.errors,
        refusals: r.refusals,
        p50Ms: r.p50Ms,
        p95Ms: r.p95Ms,
        botP95Ms: r.botP95Ms,
        apiP95Ms: r.apiP95Ms,
        serverP95Ms: r.serverP95Ms,
        p99Ms: r.p99Ms,
        retrosClosed: r.retrosClosed,
        rssReferenceMiB: r.rssReferenceMiB,
        rssEndMiB: r.rssEndMiB,
        rssMaxMiB: r.rssMaxMiB,
        rssGrowthPct: r.rssGrowthPct,
      },
      baseline: `the service's own RSS at ${from} of the same run`,
      ratio: r.rssEndMiB / r.rssReferenceMiB,
      target: 'zero errors; RSS growth < 10 % from minute 2 to the end',
      pass: r.errors === 0 && r.rssGrowthPct < 10,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(JSON.stringify(r));
}
