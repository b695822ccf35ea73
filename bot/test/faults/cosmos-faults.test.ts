import { Agent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  ConflictError,
  ITEM_BANK_VERSION,
  StoreUnavailableError,
  TENANT_SCOPE,
  castVote,
  createStore,
  foldAnswers,
  mulberry32 as prng,
  planFor,
  submitPulseResponse,
  weekStart,
  type ActionDoc,
  type Aggregate,
  type Outcome,
  type RetroDoc,
  type RollupDoc,
  type Store,
  type SubmissionOutcome,
} from '@humandebt/core';
import { Pseudonyms } from '../../src/pulse/pseudonyms';
import { CosmosBackend } from '../../src/store/cosmos.store';
import { startCosmosServer, type CosmosTestServer } from '../../../test/support/cosmos-server';
import {
  APPLIED_KINDS,
  startCosmosFaultProxy,
  type CosmosFaultProxy,
  type Fault,
  type FaultKind,
  type ProxiedRequest,
} from '../../../test/support/cosmos-fault-proxy';

/**
 * Fault injection against the Cosmos DB adapter. The real @azure/cosmos client and our adapter talk to the
 * in-process emulator through a fault-injecting proxy (test/support/cosmos-fault-proxy.ts): 429 storms, 503s,
 * requests that are never forwarded (hang or reset) and — the case that matters — requests the emulator APPLIED whose
 * answer is lost (hang, reset, 408, truncated body). A realistic concurrent workload runs through the real code paths
 * (pulse service, retro vote transition + retro repository, plain creates/updates/upserts/deletes, idempotency marks,
 * leases), with callers that retry like people and Teams do. Afterwards a fault-free client checks: every write a
 * caller saw acknowledged is there; nothing is there twice or counted twice; rollups and vote totals equal a
 * recomputation from what is stored; and every failure a caller saw was a store-catalogue error, never a raw SDK one.
 *
 * Seed: COSMOS_FAULT_SEED=<integer> (or "random"); it is printed with the fault counts. It fixes the workload and the
 * fault each distinct request meets; the interleaving of concurrent callers (and bodies carrying timestamps) still
 * varies, so a replay reproduces the mix of faults rather than the exact byte-for-byte run.
 */

const SEED = (() => {
  const env = process.env.COSMOS_FAULT_SEED;
  if (env === 'random') return Math.floor(Math.random() * 2 ** 31);
  return env && /^\d+$/.test(env) ? Number(env) : 20_260_808;
})();

const TENANT = 'tenant-faults';
const WEEK = '2026-W48';
/**
 * The faulty client's request timeout: what ends an injected hang. Short, because every hang costs one; long enough
 * that a request nobody faulted is never cut off on a busy machine (the emulator, the proxy and the client share this
 * process, and every forwarded request costs a TLS handshake), which the checks would misread as an injected fault.
 */
const REQUEST_TIMEOUT_MS = 3000;
const pseudonyms = new Pseudonyms('fault-injection-test-secret-0123456789abcdef');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Harness {
  server: CosmosTestServer;
  proxy: CosmosFaultProxy;
  /** Through the proxy: production client settings (endpoint discovery on, 9 throttle retries), REQUEST_TIMEOUT_MS. */
  faulty: Store;
  /** Straight to the emulator, never faulted: set-up and read-back. */
  clean: Store;
  close(): Promise<void>;
}

async function openHarness(databaseId: string): Promise<Harness> {
  const server = await startCosmosServer();
  const proxy = await startCosmosFaultProxy({ upstream: server.endpoint, seed: SEED });
  const agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
  const faulty = createStore(
    await CosmosBackend.open({
      endpoint: proxy.endpoint,
      key: 'local-test-key',
      databaseId,
      clientOptions: { agent },
      throttleRetries: { maxAttempts: 9, maxWaitSeconds: 30 },
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    }),
  );
  const clean = createStore(
    await CosmosBackend.open({
      endpoint: server.endpoint,
      key: 'local-test-key',
      databaseId,
      clientOptions: server.clientOptions,
    }),
  );
  return {
    server,
    proxy,
    faulty,
    clean,
    async close() {
      await faulty.close();
      await clean.close();
      agent.destroy();
      await proxy.close();
      await server.close();
    },
  };
}

// ------------------------------------------------------------------------------------------------------------------
// Callers that retry like people do, and remember what they were told.

/** Every error any caller saw: each must be a store-catalogue error (the adapter maps SDK errors, nothing leaks). */
const seenErrors: unknown[] = [];

type Attempted<T> = { ok: true; value: T; threwBefore: number } | { ok: false; threwBefore: number; error: unknown };

/**
 * At most this many operations in flight. The emulator closes every connection after one answer, so each forwarded
 * request costs a TLS handshake; unbounded, two cores spend the request timeout queueing and nearly every caller
 * fails for load rather than for an injected fault.
 */
const MAX_IN_FLIGHT = 16;
let inFlight = 0;
const waiting: Array<() => void> = [];
async function gated<T>(fn: () => Promise<T>): Promise<T> {
  if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => waiting.push(resolve));
  inFlight++;
  try {
    return await fn();
  } finally {
    inFlight--;
    waiting.shift()?.();
  }
}

/** Runs `fn` up to `tries` times while it throws (a person clicking again, Teams redelivering). */
async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  tries = 4,
  rand: () => number = Math.random,
): Promise<Attempted<T>> {
  let threw = 0;
  let last: unknown;
  for (let attempt = 1; attempt <= tries; attempt++) {
    try {
      return { ok: true, value: await gated(() => fn(attempt)), threwBefore: threw };
    } catch (e) {
      seenErrors.push(e);
      threw++;
      last = e;
      // The pause before trying again is part of the workload (a person clicks again a moment later), not a wait
      // for something to happen: nothing checked depends on its length.
      await sleep(20 + Math.floor(rand() * 60));
    }
  }
  return { ok: false, threwBefore: threw, error: last };
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
}

/** The retro handler's `mutate` for a vote: the pure transition under the repository's ETag read-modify-write. */
async function castVoteAsHandler(
  store: Store,
  retroKey: { tenantId: string; teamId: string; id: string },
  userId: string,
  targetId: string,
): Promise<Outcome> {
  const voterKey = pseudonyms.respondentKey(retroKey.tenantId, `retro:${retroKey.id}`, userId);
  const ballotKey = pseudonyms.respondentKey(retroKey.tenantId, `retro-ballot:${retroKey.id}:${targetId}`, userId);
  let outcome: Outcome | undefined;
  await store.retros.update(retroKey, (r) => {
    outcome = castVote(r, { targetId, voterKey, ballotKey });
    return outcome.ok && outcome.changed ? outcome.retro : undefined;
  });
  return outcome!;
}

function pulseSubmission(teamId: string, userId: string, answers: Record<string, number>, rosterSize = 12) {
  return {
    tenantId: TENANT,
    teamId,
    week: WEEK,
    respondentKey: pseudonyms.respondentKey(TENANT, WEEK, userId),
    personSeed: pseudonyms.rotationSeed(TENANT, teamId, userId),
    answers,
    rosterSize,
    // Answered while the week's pulse is open.
    now: new Date(weekStart(WEEK).getTime() + 2 * 86_400_000),
  };
}

function answersFor(teamId: string, userId: string, rand: () => number): Record<string, number> {
  const plan = planFor({ teamId, personSeed: pseudonyms.rotationSeed(TENANT, teamId, userId), week: WEEK });
  return Object.fromEntries(plan.items.map((i) => [i.id, 1 + Math.floor(rand() * 7)]));
}

function retroInVote(teamId: string, id: string, cards: number): RetroDoc {
  return {
    tenantId: TENANT,
    teamId,
    id,
    type: 'retro',
    template: 'start-stop-continue',
    phase: 'vote',
    facilitatorId: 'facilitator',
    startedAt: '2026-11-26T09:00:00.000Z',
    cards: Array.from({ length: cards }, (_, i) => ({ id: `card-${i}`, column: 'start', text: `Card ${i}` })),
    themes: [],
    voteTotals: {},
    votesUsed: {},
    voteBudget: 3,
    actionIds: [],
    agreementIds: [],
    ballots: [],
  };
}

function action(teamId: string, id: string, title: string): ActionDoc {
  return {
    tenantId: TENANT,
    teamId,
    id,
    type: 'action',
    title,
    ownerId: 'owner',
    ownerName: 'Owner',
    due: '2026-12-01',
    status: 'open',
    createdAt: '2026-11-26T09:00:00.000Z',
  };
}

interface PulseDelivery {
  teamId: string;
  userId: string;
  answers: Record<string, number>;
  run: () => Promise<Attempted<SubmissionOutcome>>;
  result?: Attempted<SubmissionOutcome>;
}

// ------------------------------------------------------------------------------------------------------------------
// Read-back checks shared by both tests.

async function checkPulse(
  clean: Store,
  teamId: string,
  deliveries: ReadonlyArray<{ userId: string; answers: Record<string, number>; result: Attempted<SubmissionOutcome> }>,
): Promise<number> {
  const stored = await clean.responses.listByPulse(TENANT, teamId, WEEK);
  expect(new Set(stored.map((r) => r.id)).size, `${teamId}: duplicate response ids`).toBe(stored.length);
  const byKey = new Map(stored.map((r) => [r.respondentKey, r]));
  const people = new Map<string, Array<(typeof deliveries)[number]>>();
  for (const d of deliveries) people.set(d.userId, [...(people.get(d.userId) ?? []), d]);
  const knownKeys = new Map([...people.keys()].map((u) => [pseudonyms.respondentKey(TENANT, WEEK, u), u]));
  for (const r of stored) {
    const user = knownKeys.get(r.respondentKey);
    expect(user, `${teamId}: a stored response nobody submitted`).toBeDefined();
    expect(
      people.get(user!)!.some((d) => JSON.stringify(d.answers) === JSON.stringify(r.answers)),
      `${teamId}/${user}: stored answers match none submitted`,
    ).toBe(true);
  }
  for (const [user, ds] of people) {
    const stored1 = byKey.get(pseudonyms.respondentKey(TENANT, WEEK, user));
    const accepted = ds.filter((d) => d.result.ok && d.result.value.status === 'accepted');
    expect(accepted.length, `${teamId}/${user}: two submissions were both accepted`).toBeLessThanOrEqual(1);
    if (accepted[0])
      expect(stored1?.answers, `${teamId}/${user}: accepted answers not stored as given`).toEqual(accepted[0].answers);
    if (ds.some((d) => d.result.ok)) expect(stored1, `${teamId}/${user}: acknowledged answer missing`).toBeDefined();
  }
  const rollup = await clean.rollups.get({ tenantId: TENANT, teamId, id: WEEK });
  expect(rollup?.respondents ?? 0, `${teamId}: rollup respondents vs stored responses`).toBe(stored.length);
  let expected: RollupDoc = {
    tenantId: TENANT,
    teamId,
    id: WEEK,
    type: 'rollup',
    week: WEEK,
    itemBankVersion: ITEM_BANK_VERSION,
    aggregates: {},
    respondents: 0,
  };
  for (const r of stored) expected = foldAnswers(expected, r.answers);
  expectAggregatesClose(rollup?.aggregates ?? {}, expected.aggregates, teamId);
  return stored.length;
}

function expectAggregatesClose(
  actual: Record<string, Aggregate>,
  expected: Record<string, Aggregate>,
  label: string,
): void {
  expect(Object.keys(actual).sort(), `${label}: aggregate keys`).toEqual(Object.keys(expected).sort());
  for (const [k, e] of Object.entries(expected)) {
    const a = actual[k]!;
    expect({ n: a.n, histogram: a.histogram }, `${label}: ${k}`).toEqual({ n: e.n, histogram: e.histogram });
    expect(a.sum, `${label}: ${k} sum`).toBeCloseTo(e.sum, 9);
    expect(a.sumSq, `${label}: ${k} sumSq`).toBeCloseTo(e.sumSq, 9);
  }
}

async function checkVotes(
  clean: Store,
  teamId: string,
  retroId: string,
  votes: ReadonlyArray<{ userId: string; targetId: string; result: Attempted<Outcome> }>,
): Promise<number> {
  const retro = (await clean.retros.get({ tenantId: TENANT, teamId, id: retroId }))!;
  const ballots = retro.ballots ?? [];
  expect(new Set(ballots).size, `${teamId}: a ballot stored twice`).toBe(ballots.length);
  const ballotOf = (u: string, t: string) => pseudonyms.respondentKey(TENANT, `retro-ballot:${retroId}:${t}`, u);
  const attempted = new Map(votes.map((v) => [ballotOf(v.userId, v.targetId), v]));
  for (const b of ballots) expect(attempted.has(b), `${teamId}: a ballot nobody cast`).toBe(true);
  const present = ballots.map((b) => attempted.get(b)!);
  for (const v of votes) {
    if (!v.result.ok) continue;
    const o = v.result.value;
    // "Vote counted" and "you already voted for this" both tell the person their vote is in; each voter tries exactly
    // their budget of distinct cards, so "no votes left" would mean a vote was counted twice.
    const acknowledged = o.ok || o.error === 'already-voted';
    expect(acknowledged, `${teamId}: unexpected refusal ${o.ok ? '' : o.error} (votes counted twice?)`).toBe(true);
    expect(
      ballots.includes(ballotOf(v.userId, v.targetId)),
      `${teamId}: acknowledged vote ${v.userId}→${v.targetId} missing`,
    ).toBe(true);
  }
  const targets = new Set([...Object.keys(retro.voteTotals), ...present.map((p) => p.targetId)]);
  for (const t of targets)
    expect(retro.voteTotals[t] ?? 0, `${teamId}: total for ${t}`).toBe(present.filter((p) => p.targetId === t).length);
  const voters = new Set([...votes.map((v) => v.userId)]);
  for (const u of voters) {
    const key = pseudonyms.respondentKey(TENANT, `retro:${retroId}`, u);
    expect(retro.votesUsed[key] ?? 0, `${teamId}: votes used by ${u}`).toBe(
      present.filter((p) => p.userId === u).length,
    );
  }
  expect(Object.keys(retro.votesUsed).length, `${teamId}: votesUsed has voters nobody knows`).toBeLessThanOrEqual(
    voters.size,
  );
  return ballots.length;
}

function expectCatalogueErrorsOnly(): void {
  const raw = seenErrors.filter((e) => !(e instanceof StoreUnavailableError || e instanceof ConflictError));
  expect(raw.map(describeError), 'failures that were not store-catalogue errors').toEqual([]);
}

// ------------------------------------------------------------------------------------------------------------------

describe('Cosmos adapter under injected faults', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness('humandebt-faults');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('scripted: each fault on each kind of write; acknowledged once, counted once', async () => {
    seenErrors.length = 0;
    const { proxy, faulty, clean } = h;
    const kinds: FaultKind[] = [
      'reset-after',
      'hang-after',
      'timeout-after',
      'truncate-after',
      'reset-before',
      'hang-before',
      'unavailable',
    ];
    const forTeam = (teamId: string, op: ProxiedRequest['operation']) => (r: ProxiedRequest) =>
      r.operation === op && (r.partitionKey ?? '').includes(`"${teamId}"`);
    const cells = kinds.map(async (kind) => {
      const applied = APPLIED_KINDS.has(kind);
      const team = `scripted-${kind}`;

      // Pulse: the one transaction (response + rollup fold) fails in flight; the person submits again.
      proxy.inject(forTeam(team, 'batch'), { kind });
      const answers = answersFor(team, 'ada', prng(SEED));
      await expect(
        submitPulseResponse(faulty, pulseSubmission(team, 'ada', answers)),
        `${kind}: pulse`,
      ).rejects.toBeInstanceOf(StoreUnavailableError);
      const again = await submitPulseResponse(faulty, pulseSubmission(team, 'ada', answers));
      expect(again.status, `${kind}: resubmitted pulse`).toBe(applied ? 'duplicate' : 'accepted');
      await checkPulse(clean, team, [{ userId: 'ada', answers, result: { ok: true, value: again, threwBefore: 1 } }]);
      expect(
        (await clean.rollups.get({ tenantId: TENANT, teamId: team, id: WEEK }))?.respondents,
        `${kind}: respondents`,
      ).toBe(1);

      // Retro vote: the conditional replace fails in flight; the person clicks again.
      const retroKey = { tenantId: TENANT, teamId: team, id: 'retro-1' };
      await clean.retros.create(retroInVote(team, 'retro-1', 3));
      proxy.inject(forTeam(team, 'replace'), { kind });
      await expect(castVoteAsHandler(faulty, retroKey, 'ada', 'card-1'), `${kind}: vote`).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      const vote = await castVoteAsHandler(faulty, retroKey, 'ada', 'card-1');
      expect(vote.ok ? 'counted' : vote.error, `${kind}: vote again`).toBe(applied ? 'already-voted' : 'counted');
      const retro = (await clean.retros.get(retroKey))!;
      expect(retro.voteTotals, `${kind}: vote totals`).toEqual({ 'card-1': 1 });
      expect(Object.values(retro.votesUsed), `${kind}: votes used`).toEqual([1]);

      // Idempotency mark: the create fails in flight; the redelivery sees the mark when the first one was applied.
      proxy.inject(forTeam(team, 'create'), { kind });
      await expect(
        faulty.processed.markOnce(TENANT, team, 'activity:1', 3600),
        `${kind}: markOnce`,
      ).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(await faulty.processed.markOnce(TENANT, team, 'activity:1', 3600), `${kind}: markOnce again`).toBe(
        !applied,
      );
      expect(await clean.processed.get({ tenantId: TENANT, teamId: team, id: 'activity:1' })).toBeDefined();

      // Upsert and delete: idempotent, so a retry simply succeeds.
      proxy.inject(forTeam(team, 'upsert'), { kind });
      await expect(faulty.actions.upsert(action(team, 'a-1', 'v1'))).rejects.toBeInstanceOf(StoreUnavailableError);
      await faulty.actions.upsert(action(team, 'a-1', 'v2'));
      expect((await clean.actions.get({ tenantId: TENANT, teamId: team, id: 'a-1' }))?.title).toBe('v2');
      proxy.inject(forTeam(team, 'delete'), { kind });
      await expect(faulty.actions.delete({ tenantId: TENANT, teamId: team, id: 'a-1' })).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      expect(await faulty.actions.delete({ tenantId: TENANT, teamId: team, id: 'a-1' })).toBe(!applied);
      expect(await clean.actions.get({ tenantId: TENANT, teamId: team, id: 'a-1' })).toBeUndefined();
    });
    await Promise.all(cells);

    // 429 storms. Shorter than the SDK's retry budget (9): absorbed, written once. Longer: a clean failure, nothing
    // written (a throttled request is never applied), and the retry afterwards writes exactly once.
    const throttles = (n: number): Fault[] => Array.from({ length: n }, () => ({ kind: 'throttle', retryAfterMs: 2 }));
    const team = 'scripted-storm';
    proxy.inject((r) => r.operation === 'batch' && (r.partitionKey ?? '').includes(team), ...throttles(6));
    expect(
      (await submitPulseResponse(faulty, pulseSubmission(team, 'ada', answersFor(team, 'ada', prng(1))))).status,
    ).toBe('accepted');
    proxy.inject((r) => r.operation === 'batch' && (r.partitionKey ?? '').includes(team), ...throttles(12));
    const grace = answersFor(team, 'grace', prng(2));
    await expect(submitPulseResponse(faulty, pulseSubmission(team, 'grace', grace))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(
      await clean.responses.get({
        tenantId: TENANT,
        teamId: team,
        id: `${WEEK}:${pseudonyms.respondentKey(TENANT, WEEK, 'grace')}`,
      }),
    ).toBeUndefined();
    expect((await submitPulseResponse(faulty, pulseSubmission(team, 'grace', grace))).status).toBe('accepted');
    expect((await clean.rollups.get({ tenantId: TENANT, teamId: team, id: WEEK }))?.respondents).toBe(2);
    proxy.inject((r) => r.operation === 'create' && (r.partitionKey ?? '').includes(team), ...throttles(12));
    await expect(faulty.processed.markOnce(TENANT, team, 'activity:storm', 3600)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(await faulty.processed.markOnce(TENANT, team, 'activity:storm', 3600)).toBe(true);

    expect(proxy.pending(), 'every scripted fault was consumed').toBe(0);
    expectCatalogueErrorsOnly();
  });

  it(`random (seed ${SEED}): concurrent pulse, votes, actions, marks and leases; nothing lost, nothing twice`, async () => {
    seenErrors.length = 0;
    const { proxy, faulty, clean } = h;
    const rand = prng(SEED);
    const teams = ['team-a', 'team-b', 'team-c'];

    // Set-up, fault-free.
    for (const t of teams) await clean.retros.create(retroInVote(t, 'retro-1', 6));
    for (const t of teams) for (let i = 0; i < 4; i++) await clean.actions.create(action(t, `upd-${i}`, 'step-0'));
    for (const t of teams) for (let i = 0; i < 3; i++) await clean.actions.create(action(t, `del-${i}`, 'doomed'));
    const before = proxy.stats();
    proxy.setRandom(true);
    const t0 = Date.now();

    // Pulse: 10 people per team; a third of them double-submit (double click / redelivery) with other answers.
    const pulse = teams.flatMap((teamId) =>
      Array.from({ length: 10 }, (_, p) => {
        const userId = `person-${p}`;
        const copies = rand() < 0.35 ? 2 : 1;
        return Array.from({ length: copies }, () => {
          const answers = answersFor(teamId, userId, rand);
          const r = prng(Math.floor(rand() * 2 ** 31));
          const d: PulseDelivery = {
            teamId,
            userId,
            answers,
            run: () => withRetries(() => submitPulseResponse(faulty, pulseSubmission(teamId, userId, answers)), 4, r),
          };
          return d;
        });
      }).flat(),
    );

    // Votes: 8 voters per team, three votes each, one after the other; 30% of clicks arrive twice at once.
    const voteRuns = teams.flatMap((teamId) =>
      Array.from({ length: 8 }, (_, v) => {
        const userId = `voter-${v}`;
        const cards = [0, 1, 2, 3, 4, 5]
          .sort(() => rand() - 0.5)
          .slice(0, 3)
          .map((c) => `card-${c}`);
        const r = prng(Math.floor(rand() * 2 ** 31));
        const plan = cards.map((targetId) => ({ targetId, copies: rand() < 0.3 ? 2 : 1 }));
        return { teamId, userId, plan, r };
      }),
    );
    const votes: Array<{ teamId: string; userId: string; targetId: string; result: Attempted<Outcome> }> = [];
    const runVoter = async (x: (typeof voteRuns)[number]) => {
      for (const { targetId, copies } of x.plan) {
        const results = await Promise.all(
          Array.from({ length: copies }, () =>
            withRetries(
              () =>
                castVoteAsHandler(faulty, { tenantId: TENANT, teamId: x.teamId, id: 'retro-1' }, x.userId, targetId),
              4,
              x.r,
            ),
          ),
        );
        for (const result of results) votes.push({ teamId: x.teamId, userId: x.userId, targetId, result });
      }
    };

    // Actions: creates, step-by-step updates, upserts, deletes.
    const created: Array<{ teamId: string; id: string; result: Attempted<unknown> }> = [];
    const createRun = async (teamId: string, i: number) => {
      const doc = action(teamId, `new-${i}`, `created-${i}`);
      // A create whose answer was lost says "already exists" when retried: for this caller that means it is there.
      const result = await withRetries(
        async () =>
          faulty.actions.create(doc).catch((e) => (e instanceof AlreadyExistsError ? 'exists' : Promise.reject(e))),
        4,
        rand,
      );
      created.push({ teamId, id: doc.id, result });
    };
    const updates: Array<{ teamId: string; id: string; lastAcked: number; lastTried: number }> = [];
    const updateRun = async (teamId: string, id: string) => {
      const rec = { teamId, id, lastAcked: 0, lastTried: 0 };
      updates.push(rec);
      for (let step = 1; step <= 4; step++) {
        rec.lastTried = step;
        const res = await withRetries(
          () =>
            faulty.actions.update({ tenantId: TENANT, teamId, id }, (a) => ({
              ...a,
              title: `step-${step}`,
              status: step === 4 ? 'done' : 'in-progress',
            })),
          3,
          rand,
        );
        if (res.ok) rec.lastAcked = step;
      }
    };
    const upserts: Array<{ teamId: string; id: string; lastAcked: number; lastTried: number }> = [];
    const upsertRun = async (teamId: string, id: string) => {
      const rec = { teamId, id, lastAcked: 0, lastTried: 0 };
      upserts.push(rec);
      for (let v = 1; v <= 4; v++) {
        rec.lastTried = v;
        if ((await withRetries(() => faulty.actions.upsert(action(teamId, id, `v${v}`)), 3, rand)).ok)
          rec.lastAcked = v;
      }
    };
    const deletes: Array<{ teamId: string; id: string; result: Attempted<boolean> }> = [];
    const deleteRun = async (teamId: string, id: string) => {
      deletes.push({
        teamId,
        id,
        result: await withRetries(() => faulty.actions.delete({ tenantId: TENANT, teamId, id }), 4, rand),
      });
    };

    // Idempotency marks: every key delivered twice at once, each delivery retried on failure.
    const marks: Array<{ key: string; teamId: string; results: Array<Attempted<boolean>> }> = [];
    const markRun = async (teamId: string, key: string) => {
      const results = await Promise.all(
        [0, 1].map(() => withRetries(() => faulty.processed.markOnce(TENANT, teamId, key, 3600), 3, rand)),
      );
      marks.push({ key, teamId, results });
    };

    // Leases: three instances race for each job; the winner of an even job gives it back.
    const NOW = Date.now();
    const leases: Array<{ job: string; winners: string[]; released?: Attempted<void> }> = [];
    const leaseRun = async (j: number) => {
      const job = `job-${j}`;
      const got = await Promise.all(
        ['inst-1', 'inst-2', 'inst-3'].map(async (holder) => ({
          holder,
          res: await withRetries(() => faulty.leases.tryAcquire(TENANT, job, holder, 600_000, NOW), 3, rand),
        })),
      );
      const winners = got.filter((g) => g.res.ok && g.res.value !== undefined).map((g) => g.holder);
      const rec: (typeof leases)[number] = { job, winners };
      if (j % 2 === 0 && winners.length === 1)
        rec.released = await withRetries(() => faulty.leases.release(TENANT, job, winners[0]!), 3, rand);
      leases.push(rec);
    };

    await Promise.all([
      ...pulse.map(async (d) => {
        d.result = await d.run();
      }),
      ...voteRuns.map(runVoter),
      ...teams.flatMap((t) => Array.from({ length: 6 }, (_, i) => createRun(t, i))),
      ...teams.flatMap((t) => Array.from({ length: 4 }, (_, i) => updateRun(t, `upd-${i}`))),
      ...teams.flatMap((t) => Array.from({ length: 3 }, (_, i) => upsertRun(t, `ups-${i}`))),
      ...teams.flatMap((t) => Array.from({ length: 3 }, (_, i) => deleteRun(t, `del-${i}`))),
      ...teams.flatMap((t) => Array.from({ length: 10 }, (_, i) => markRun(t, `activity:${t}:${i}`))),
      ...Array.from({ length: 8 }, (_, j) => leaseRun(j)),
    ]);
    proxy.setRandom(false);
    const elapsed = Date.now() - t0;

    // ---- read back through the fault-free client -------------------------------------------------------------
    let responses = 0;
    let ballots = 0;
    for (const teamId of teams) {
      const ds = pulse.filter((d) => d.teamId === teamId).map((d) => ({ ...d, result: d.result! }));
      responses += await checkPulse(clean, teamId, ds);
      ballots += await checkVotes(
        clean,
        teamId,
        'retro-1',
        votes.filter((v) => v.teamId === teamId),
      );
    }

    for (const c of created) {
      const doc = await clean.actions.get({ tenantId: TENANT, teamId: c.teamId, id: c.id });
      if (c.result.ok) expect(doc?.title, `created ${c.teamId}/${c.id}`).toBe(`created-${c.id.slice(4)}`);
    }
    for (const u of [...updates, ...upserts]) {
      const doc = await clean.actions.get({ tenantId: TENANT, teamId: u.teamId, id: u.id });
      const step = doc ? Number(doc.title.replace(/^\D+/, '')) : 0;
      expect(step, `${u.teamId}/${u.id}: at least the last acknowledged write`).toBeGreaterThanOrEqual(u.lastAcked);
      expect(step, `${u.teamId}/${u.id}: never a write nobody tried`).toBeLessThanOrEqual(u.lastTried);
    }
    for (const d of deletes)
      if (d.result.ok)
        expect(
          await clean.actions.get({ tenantId: TENANT, teamId: d.teamId, id: d.id }),
          `deleted ${d.id}`,
        ).toBeUndefined();

    for (const m of marks) {
      const firsts = m.results.filter((r) => r.ok && r.value === true).length;
      expect(firsts, `${m.key}: claimed as first by two deliveries`).toBeLessThanOrEqual(1);
      const doc = await clean.processed.get({ tenantId: TENANT, teamId: m.teamId, id: m.key });
      if (m.results.some((r) => r.ok)) expect(doc, `${m.key}: acknowledged mark missing`).toBeDefined();
      // A mark nobody was told they made must come from a write whose answer was lost (an attempt that threw).
      if (doc && firsts === 0)
        expect(
          m.results.some((r) => r.threwBefore > 0 || !r.ok),
          `${m.key}: present but unexplained`,
        ).toBe(true);
    }

    for (const l of leases) {
      expect(l.winners.length, `${l.job}: two holders`).toBeLessThanOrEqual(1);
      const doc = await clean.leases.get({ tenantId: TENANT, teamId: TENANT_SCOPE, id: l.job });
      if (l.released?.ok) expect(doc, `${l.job}: released lease still there`).toBeUndefined();
      else if (l.winners[0]) expect(doc?.holder, `${l.job}: stored holder`).toBe(l.winners[0]);
    }

    // No duplicate ids anywhere in the partitions we wrote.
    for (const teamId of teams) {
      const all = await clean.actions.listByTeam(TENANT, teamId);
      expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    }

    expectCatalogueErrorsOnly();

    const stats = proxy.stats();
    const acknowledged = {
      pulse: pulse.filter((d) => d.result?.ok).length,
      votes: votes.filter((v) => v.result.ok).length,
      creates: created.filter((c) => c.result.ok).length,
      marks: marks.flatMap((m) => m.results).filter((r) => r.ok).length,
      leases: leases.filter((l) => l.winners.length > 0).length,
    };
    console.info(
      `[cosmos-faults] seed=${SEED} (COSMOS_FAULT_SEED to replay) elapsed=${elapsed}ms doc-requests=${stats.requests - before.requests} storms=${stats.storms} ` +
        `faults=${JSON.stringify(stats.faults)} applied-but-answer-lost=${stats.appliedButLost} caller-errors=${seenErrors.length} ` +
        `acknowledged=${JSON.stringify(acknowledged)} stored: responses=${responses} ballots=${ballots}`,
    );
    // The run must actually have hurt: otherwise it proves nothing.
    expect(stats.appliedButLost, 'writes applied whose answer was lost').toBeGreaterThan(5);
    expect(stats.faults.throttle).toBeGreaterThan(10);
    expect(seenErrors.length).toBeGreaterThan(5);
    // ...and most work must still have got through: a run where everything failed would prove nothing either.
    expect(acknowledged.pulse, 'acknowledged pulse submissions').toBeGreaterThanOrEqual(pulse.length / 3);
    expect(acknowledged.votes, 'acknowledged votes').toBeGreaterThanOrEqual(votes.length / 3);
    expect(acknowledged.creates, 'acknowledged creates').toBeGreaterThanOrEqual(created.length / 3);
    expect(acknowledged.marks, 'acknowledged marks').toBeGreaterThanOrEqual(marks.length);
    expect(acknowledged.leases, 'jobs with a lease holder').toBeGreaterThanOrEqual(leases.length / 4);
  });
});
