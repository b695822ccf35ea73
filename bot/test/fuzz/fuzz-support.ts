import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { z } from 'zod';
import { AgreementRuleSchema, ShareableMetricsSchema, type Store } from '@humandebt/core';
import { startTestService } from '../support';

/**
 * Shared pieces of the property-based fuzz tests: the service under test with a local stand-in for the
 * Bot Connector, HTTP with a hard per-request timeout, byte-for-byte snapshots of the SQLite file, a structural check
 * of every stored document, and the arbitraries the three fuzz files draw from.
 *
 * Reproducing a failure: fast-check prints the seed and path; FUZZ_SEED=<seed> pins every property to that seed.
 * FUZZ_RUNS=<factor> scales every property's number of runs (default 1; e.g. 10 for a long local soak).
 */

// ---------------------------------------------------------------------------------------------------------------
// Run parameters
// ---------------------------------------------------------------------------------------------------------------

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const SCALE = process.env.FUZZ_RUNS ? Math.max(0.01, Number(process.env.FUZZ_RUNS)) : 1;

export function fuzzParams<T>(numRuns: number): fc.Parameters<T> {
  return {
    numRuns: Math.max(1, Math.round(numRuns * SCALE)),
    ...(SEED !== undefined && Number.isFinite(SEED) ? { seed: SEED } : {}),
  };
}

/** Per-test timeout for vitest: the suite's default (vitest.config.ts), scaled with FUZZ_RUNS for long soaks. */
export const FUZZ_TEST_TIMEOUT_MS = Math.round(120_000 * Math.max(1, SCALE));

/**
 * A request that takes longer than this counts as hung. Every handler here answers in milliseconds; the bound is
 * sized so that a request that is merely slow on CI's busy 2-core machine is never mistaken for a hang.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------------------------------------------------------
// The service under test
// ---------------------------------------------------------------------------------------------------------------

/**
 * Stands in for the Bot Connector (serviceUrl): answers every call at once, and records what the
 * bot sent. Without it botbuilder retries the unreachable default serviceUrl for seconds per outbound call.
 */
export interface ConnectorStub {
  url: string;
  received: Array<{ method: string; path: string; body: string }>;
  close(): Promise<void>;
}

export async function startConnectorStub(): Promise<ConnectorStub> {
  const received: ConnectorStub['received'] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      if (received.length > 2000) received.splice(0, 1000);
      // Sends and updates succeed; reads (the paged roster) are "not found", so the bot uses the members the
      // activity names, as it does in the Agents Playground.
      res.writeHead(req.method === 'GET' ? 404 : 200, { 'content-type': 'application/json' });
      res.end(req.method === 'GET' ? '{}' : JSON.stringify({ id: `stub-${++n}` }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FuzzService = Awaited<ReturnType<typeof startTestService>> & {
  stub: ConnectorStub;
  db: Database.Database;
  stopAll(): Promise<void>;
};

/** The real service on loopback in local mode, demo data seeded, rate limits far above what a fuzz run sends. */
export async function startFuzzService(env: Record<string, string> = {}): Promise<FuzzService> {
  const stub = await startConnectorStub();
  const svc = await startTestService({
    RATE_LIMIT_USER_PER_MINUTE: '100000',
    RATE_LIMIT_TENANT_PER_MINUTE: '1000000',
    SQLITE_SYNCHRONOUS: 'NORMAL',
    ...env,
  });
  if (svc.config.store.kind !== 'sqlite') throw new Error('fuzz tests need the SQLite store');
  // A second, read-only connection: sees every committed write of the service (WAL), can change nothing.
  const db = new Database(svc.config.store.file, { readonly: true, fileMustExist: true });
  return Object.assign(svc, {
    stub,
    db,
    async stopAll() {
      db.close();
      await svc.stop();
      await stub.close();
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------------------------

export interface Answer {
  status: number;
  text: string;
  contentType: string;
}

/** fetch with a hard timeout: a request that does not answer in time fails the property as "hung". */
export async function send(url: string, init: RequestInit = {}): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new Error(`hung request: ${init.method ?? 'GET'} ${url} did not answer within ${REQUEST_TIMEOUT_MS} ms`, {
        cause: e,
      });
    throw new Error(`request failed (service down?): ${init.method ?? 'GET'} ${url}: ${String(e)}`, { cause: e });
  }
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
}

/** What a stack trace, an exception's text or a server path look like in a body. */
export const LEAK =
  /\bat [^()\n"]{0,200}\([^()\n"]*:\d+:\d+\)|\\n\s+at \S|\n\s+at \S|node_modules|\/work\/|\b(?:Type|Reference|Syntax|Range)Error\b|Cannot read prop|is not a function|SQLITE_|ZodError/;

/** The public-facing part of the contract: 2xx or 4xx, a clear JSON error for 4xx, and no internals in the body. */
export function assertClearAnswer(
  a: Answer,
  what: string,
  options: { botEndpoint?: boolean; head?: boolean } = {},
): void {
  if (a.status >= 500 || a.status < 200 || (a.status >= 300 && a.status < 400))
    throw new Error(`${what}: status ${a.status} (want 2xx or 4xx): ${a.text.slice(0, 300)}`);
  const leak = LEAK.exec(a.text);
  if (leak)
    throw new Error(
      `${what}: body leaks internals (${JSON.stringify(leak[0])}): ${a.text.slice(Math.max(0, leak.index - 100), leak.index + 200)}`,
    );
  // An invoke's answer is its status; botbuilder may send no body with it.
  // A HEAD answer has no body by definition; 431 comes from Node's HTTP parser (request line and headers over its
  // 16 KiB limit), before the application, and has none either.
  const bodiless = a.text === '' && (options.head || options.botEndpoint || a.status === 431);
  if (a.status >= 400 && !bodiless) {
    let body: unknown;
    try {
      body = JSON.parse(a.text);
    } catch {
      throw new Error(`${what}: ${a.status} without a JSON error body: ${a.text.slice(0, 200)}`);
    }
    // The bot endpoint also answers invokes, whose refusals botbuilder writes in the Bot Framework's own error shape.
    const parsed = options.botEndpoint ? ErrorBody.or(InvokeErrorBody).safeParse(body) : ErrorBody.safeParse(body);
    if (!parsed.success)
      throw new Error(`${what}: ${a.status} body is not the error contract: ${a.text.slice(0, 300)}`);
  }
}

const InvokeErrorBody = z.object({
  statusCode: z.number().int().min(400).max(499),
  type: z.literal('application/vnd.microsoft.error'),
  value: z.object({ code: z.string(), message: z.string() }),
});
const ErrorBody = z
  .object({
    error: z
      .object({
        code: z.string().min(1),
        message: z.string().min(1),
        details: z.array(z.string()).optional(),
        correlationId: z.string().min(1),
      })
      .strict(),
  })
  .strict();

export async function assertHealthy(url: string): Promise<void> {
  const a = await send(`${url}/api/v1/health`);
  if (a.status !== 200 || !a.text.includes('"status":"ok"'))
    throw new Error(`health check failed after the batch: ${a.status} ${a.text.slice(0, 200)}`);
}

/** Keys on Object.prototype now; fuzz bodies carry __proto__ and constructor keys, which must never pollute it. */
export function prototypeKeys(): string[] {
  return [...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Array.prototype)].sort();
}

// ---------------------------------------------------------------------------------------------------------------
// Snapshots of the SQLite file
// ---------------------------------------------------------------------------------------------------------------

export interface SnapshotOptions {
  /**
   * Bot turns only: ignore the `processed` rows whose id is `activity:<activity id>`. The bot marks each delivered
   * activity before its work so a redelivery by Teams is not applied twice (human-debt.bot.ts `once`); that mark is
   * delivery bookkeeping written for every activity, accepted or not, holds no content of the activity beyond its id,
   * expires after a day, and is exactly what makes a rejected retry harmless. Every other row, including other
   * `processed` keys (pulse fan-out marks) and leases, is compared.
   */
  ignoreActivityMarks?: boolean;
}

/** Every row of every table, as canonical strings, sorted: equal snapshots mean a byte-for-byte equal store. */
export function snapshot(db: Database.Database, options: SnapshotOptions = {}): string[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>;
  const out: string[] = [];
  for (const { name } of tables) {
    const rows = db
      .prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`)
      .raw(true)
      .all() as unknown[][];
    const cols = (db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).columns() as Array<{ name: string }>).map(
      (c) => c.name,
    );
    for (const row of rows) {
      if (options.ignoreActivityMarks && name === 'docs') {
        const r = Object.fromEntries(cols.map((c, i) => [c, row[i]]));
        if (r.kind === 'processed' && typeof r.id === 'string' && r.id.startsWith('activity:')) continue;
      }
      out.push(`${name}\u0000${JSON.stringify(row)}`);
    }
  }
  return out.sort();
}

export function snapshotDiff(before: readonly string[], after: readonly string[]): string {
  const a = new Set(before);
  const b = new Set(after);
  const removed = before.filter((r) => !b.has(r));
  const added = after.filter((r) => !a.has(r));
  const show = (rows: string[]) =>
    rows
      .slice(0, 4)
      .map((r) => `    ${r.replace('\u0000', ': ').slice(0, 400)}`)
      .join('\n');
  return `${removed.length} row(s) removed or changed, ${added.length} row(s) added or changed\n  before:\n${show(removed)}\n  after:\n${show(added)}`;
}

export function assertUnchanged(before: readonly string[], after: readonly string[], what: string): void {
  if (before.length === after.length && before.every((r, i) => r === after[i])) return;
  throw new Error(`${what}: a rejected input changed the store: ${snapshotDiff(before, after)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Stored documents: every row must still be a well-formed document
// ---------------------------------------------------------------------------------------------------------------

/*
 * core keeps document shapes as TypeScript interfaces (core/src/store/documents.ts), not zod schemas; these mirror
 * them, strictly (an unknown field in a stored document means something copied input it should not have), and
 * reuse core's zod schemas where core has them (agreement rules, shareable meeting-load metrics). When a document
 * type in documents.ts gains a field, add it here too: the failure then reads "Unrecognized key: <field>".
 */
const key = z.string().min(1).max(255);
const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const week = z.string().regex(/^\d{4}-W\d{2}$/);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const text = (max: number) => z.string().max(max);
const count = z.number().int().min(0);
const finite = z.number().finite();
const base = { tenantId: key, teamId: key, id: key };
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone');
const PHASE = z.enum(['opening', 'collect', 'group', 'vote', 'whys', 'actions', 'closed']);
const SHAREABLE_KEYS = Object.keys(ShareableMetricsSchema.shape) as [string, ...string[]];

export const DocSchemas = {
  team: z.strictObject({
    ...base,
    type: z.literal('team'),
    name: text(1024),
    orgUnit: text(200).optional(),
    conversation: z
      .strictObject({
        channelId: text(64),
        serviceUrl: z.url(),
        conversationId: text(1024),
        conversationType: z.enum(['personal', 'groupChat', 'channel']).optional(),
        botId: text(1024).optional(),
      })
      .optional(),
    settings: z.strictObject({
      kThreshold: z.number().int().min(3).max(100),
      timeZone,
      workingHours: z.strictObject({ start: hhmm, end: hhmm, days: z.array(z.number().int().min(1).max(7)).max(7) }),
      pulseCadence: z.enum(['weekly', 'biweekly', 'off']),
    }),
    createdAt: isoTime,
  }),
  member: z.strictObject({
    ...base,
    type: z.literal('member'),
    displayName: text(1024),
    role: z.enum(['owner', 'member']),
    joinedAt: isoTime,
  }),
  retro: z.strictObject({
    ...base,
    type: z.literal('retro'),
    template: z.enum(['start-stop-continue', 'mad-sad-glad', '4ls', 'last-three-disasters']),
    phase: PHASE,
    facilitatorId: key,
    startedAt: isoTime,
    closedAt: isoTime.optional(),
    cards: z
      .array(
        z.strictObject({
          id: key,
          column: text(64),
          text: text(2000),
          authorId: key.optional(),
          themeId: key.optional(),
        }),
      )
      .max(1000),
    themes: z.array(z.strictObject({ id: key, title: text(2000), cardIds: z.array(key) })),
    voteTotals: z.record(z.string(), count),
    votesUsed: z.record(z.string(), count),
    voteBudget: z.number().int().min(0).max(100),
    actionIds: z.array(key),
    agreementIds: z.array(key),
    contributors: z.array(z.string()).optional(),
    ballots: z.array(z.string()).optional(),
    whys: z
      .array(
        z.strictObject({
          id: key,
          targetId: key,
          title: text(2000),
          answers: z.array(text(2000)).max(5),
          done: z.boolean(),
        }),
      )
      .optional(),
    review: z
      .array(
        z.strictObject({
          actionId: key,
          decision: z.enum(['done', 'blocked', 'still-going', 'dropped']).optional(),
          dropVotes: z.array(z.string()),
        }),
      )
      .optional(),
    cardActivityId: text(1024).optional(),
    sharedCardAt: isoTime.optional(),
    facilitatorHistory: z.array(key).optional(),
  }),
  action: z.strictObject({
    ...base,
    type: z.literal('action'),
    title: text(2000).min(1),
    ownerId: key,
    ownerName: text(1024),
    due: date,
    status: z.enum(['open', 'in-progress', 'blocked', 'done', 'dropped']),
    target: z.strictObject({ kind: z.enum(['dimension', 'hazard']), key: text(64) }).optional(),
    sourceRetroId: key.optional(),
    createdAt: isoTime,
    startedAt: isoTime.optional(),
    doneAt: isoTime.optional(),
  }),
  agreement: z.strictObject({
    ...base,
    type: z.literal('agreement'),
    title: text(2000),
    rule: AgreementRuleSchema,
    sourceRetroId: key.optional(),
    createdAt: isoTime,
  }),
  response: z.strictObject({
    ...base,
    type: z.literal('response'),
    pulseId: key,
    respondentKey: key,
    week,
    itemBankVersion: text(64),
    answers: z.record(z.string(), z.number().int().min(1).max(7)),
    comment: text(1000).optional(),
  }),
  rollup: z.strictObject({
    ...base,
    type: z.literal('rollup'),
    week,
    itemBankVersion: text(64),
    aggregates: z.record(
      z.string(),
      z.strictObject({ n: count, sum: finite, sumSq: finite, histogram: z.array(count) }),
    ),
    respondents: count,
  }),
  'meeting-load': z.strictObject({
    ...base,
    type: z.literal('meeting-load'),
    week,
    sharers: count,
    metrics: z.partialRecord(
      z.enum(SHAREABLE_KEYS),
      z.strictObject({ n: count, sum: finite.min(0), sumSq: finite.min(0) }),
    ),
    applied: z.array(z.string()).optional(),
  }),
  processed: z.strictObject({
    ...base,
    type: z.literal('processed'),
    processedAt: isoTime,
    ttlSeconds: z.number().int().positive(),
  }),
  lease: z.strictObject({ ...base, type: z.literal('lease'), holder: text(1024), expiresAt: z.number().int() }),
  grant: z.strictObject({
    ...base,
    type: z.literal('grant'),
    roles: z.array(z.enum(['org-viewer', 'tenant-admin'])),
    orgUnits: z.array(z.string()),
    grantedBy: key,
    grantedAt: isoTime,
  }),
} as const;

/** Rows present after but not before (new or changed), as snapshot() strings. */
export function changedRows(before: readonly string[], after: readonly string[]): string[] {
  const a = new Set(before);
  return after.filter((r) => !a.has(r));
}

/** The documents among snapshot rows (new or changed ones, typically) each parse with their schema. */
export function assertRowsWellFormed(rows: readonly string[], what: string): void {
  for (const r of rows) {
    const [table, json] = r.split('\u0000') as [string, string];
    if (table !== 'docs') continue;
    const [kind, tenantId, teamId, id, etag, body] = JSON.parse(json) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const schema = (DocSchemas as Record<string, z.ZodType>)[kind];
    const where = `${what}: ${kind} ${tenantId}/${teamId}/${id}`;
    if (!schema) throw new Error(`${where}: unknown document kind`);
    const doc = JSON.parse(body) as { tenantId?: unknown; teamId?: unknown; id?: unknown; type?: unknown };
    const parsed = schema.safeParse(doc);
    if (!parsed.success)
      throw new Error(
        `${where}: stored a corrupt document (or documents.ts gained a field DocSchemas does not know yet): ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}\n  ${body.slice(0, 500)}`,
      );
    if (doc.tenantId !== tenantId || doc.teamId !== teamId || doc.id !== id || doc.type !== kind || !etag)
      throw new Error(`${where}: key columns disagree with the body`);
  }
}

/**
 * Every stored document parses with its schema, and its key columns agree with its body. Then every document also
 * reads back through core's repositories (the adapters' own parse path).
 */
export async function assertStoreIntegrity(db: Database.Database, store: Store): Promise<void> {
  const rows = db.prepare('SELECT kind, tenant_id, team_id, id, etag, body FROM docs').all() as Array<{
    kind: string;
    tenant_id: string;
    team_id: string;
    id: string;
    etag: string;
    body: string;
  }>;
  const tenants = new Set<string>();
  for (const r of rows) {
    const where = `${r.kind} ${r.tenant_id}/${r.team_id}/${r.id}`;
    const schema = (DocSchemas as Record<string, z.ZodType>)[r.kind];
    if (!schema) throw new Error(`unknown document kind in the store: ${where}`);
    let doc: unknown;
    try {
      doc = JSON.parse(r.body);
    } catch {
      throw new Error(`corrupt JSON body: ${where}`);
    }
    const parsed = schema.safeParse(doc);
    if (!parsed.success)
      throw new Error(
        `corrupt document ${where}: ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}\n  ${r.body.slice(0, 500)}`,
      );
    const d = doc as { tenantId: string; teamId: string; id: string; type: string };
    if (d.tenantId !== r.tenant_id || d.teamId !== r.team_id || d.id !== r.id || d.type !== r.kind || !r.etag)
      throw new Error(`key columns disagree with the body: ${where}`);
    tenants.add(r.tenant_id);
  }
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
  for (const t of tenants)
    for (const repo of repos)
      await (repo as { listTenantPage(t: string, l: number): Promise<unknown[]> }).listTenantPage(t, 100_000);
}

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------------------

/** Strings that have broken parsers, renderers and stores before. */
export const NASTY = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u001f\u007f',
  '\r\n\r\n',
  '\t',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u2066evil',
  '\ufeff',
  'é'.normalize('NFD'),
  '👩🏽‍💻🏳️‍🌈',
  '𝕳𝖚𝖒𝖆𝖓',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x1F',
  'null',
  'undefined',
  'true',
  '[object Object]',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '**bold** _it_ [link](javascript:alert(1)) ![x](http://x/y.png) `code` # H1 > quote | a | b |',
  '<at>Human Debt</at>',
  '${{7*7}} {{constructor.constructor("x")()}} %s %n %x',
  "'; DROP TABLE docs; --",
  '" OR 1=1 --',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  'C:\\con\\aux',
  '%00%2e%2e%2f',
  'http://169.254.169.254/latest/meta-data/',
  '$where',
  '{"$ne":null}',
  'ＡＢＣ１２３',
  'İıſK',
  '\u0300\u0301\u0302\u0303',
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.constantFrom(2_001, 10_000, 70_000).map((n) => 'x'.repeat(n)), weight: 1 },
  {
    arbitrary: fc.tuple(fc.constantFrom(...NASTY), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}${b}${a}`),
    weight: 1,
  },
);

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1,
    0.5,
    -0.5,
    2,
    3,
    7,
    8,
    99,
    100,
    101,
    1e6,
    -1e6,
    2 ** 31,
    2 ** 53 + 2,
    -(2 ** 53) - 2,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    1e308,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const protoKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  'toString',
  'valueOf',
  'hasOwnProperty',
);

/** JSON values with hostile keys (prototype pollution), nasty leaves, wrong types, some nesting. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{
  value: unknown;
  array: unknown[];
  object: Record<string, unknown>;
}>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    nastyString,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(
    fc.oneof(
      protoKey,
      nastyString.filter((s) => s.length < 100),
    ),
    tie('value'),
    { maxKeys: 5 },
  ),
})).value;

/**
 * Deeply nested JSON, as text: built here rather than as a value because fast-check (and any recursive printer)
 * would overflow the stack printing a counterexample thousands of levels deep.
 */
export function deepJsonText(depth: number, arrays: boolean): string {
  return arrays
    ? `${'['.repeat(depth)}"deep"${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}"deep"${'}'.repeat(depth)}`;
}
export const deepJson: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(50, 1_000, 5_000, 20_000), fc.boolean())
  .map(([d, a]) => deepJsonText(d, a));

/** Raw bodies that are not (valid) JSON, or JSON of the wrong kind, or too large, or with hostile structure. */
export const rawBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '}',
    '[',
    'null',
    'true',
    '0',
    '"text"',
    '[]',
    '{}',
    '{"a":1,}',
    "{'a':1}",
    '{"a":NaN}',
    '{"a":undefined}',
    '\ufeff{}',
    '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"a":"\\ud800"}',
    '{"a":1}{"b":2}',
    '\u0000',
    '<xml/>',
    'a=1&b=2',
    `{"big":"${'x'.repeat(300_000)}"}`,
    `{"dup":1,"dup":2,"dup":{"__proto__":null}}`,
  ),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  hostileJson.map((v) => JSON.stringify(v) ?? 'null'),
  deepJson,
);

/** Content types a client might (wrongly) send. */
export const contentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=nope',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/vnd.api+json',
  'application/*',
  '*/*',
  'garbage',
  undefined,
);

/**
 * encodeURIComponent for any string: a lone surrogate (which encodeURIComponent refuses) becomes its raw CESU-8
 * bytes, i.e. malformed UTF-8 in the URL, which is exactly what a hostile client would send.
 */
export function encodeSegment(s: string): string {
  let out = '';
  for (const ch of s) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      const c = ch.charCodeAt(0);
      out +=
        `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    }
  }
  return out;
}

/** Fields of an activity with a wrong value of every kind. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileJson,
  fc.constantFrom(
    null,
    '',
    0,
    -1,
    true,
    [],
    {},
    [null],
    { id: null },
    { id: '' },
    { id: ['x'] },
    { id: 'x'.repeat(2_000) },
  ),
);
