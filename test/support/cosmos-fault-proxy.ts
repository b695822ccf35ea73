import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { Agent, createServer, request as httpsRequest, type Server } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/**
 * A fault-injecting HTTPS proxy for the Cosmos DB REST protocol, meant to sit between the real @azure/cosmos client
 * and the in-process emulator (test/support/cosmos-server.ts). Per request it either forwards untouched or injects one
 * fault, chosen by one-shot scripted rules first and then by a seeded random schedule:
 *
 *   throttle        429 + x-ms-retry-after-ms, NOT forwarded (storms: many in a row, across all callers)
 *   unavailable     503, NOT forwarded
 *   hang-before     NOT forwarded; no answer at all until the client gives up (its request timeout)
 *   reset-before    NOT forwarded; the connection is destroyed
 *   hang-after      forwarded and APPLIED by the emulator; the answer is withheld until the client gives up
 *   reset-after     forwarded and APPLIED; the connection is destroyed instead of the answer
 *   timeout-after   forwarded and APPLIED; the client gets 408 (the gateway timed out waiting for the write)
 *   truncate-after  forwarded and APPLIED; status and headers arrive, then the body is cut off
 *
 * The "-after" kinds are the ones that matter for correctness: the caller sees a failure for a write that happened.
 * Only document requests (/docs) are faulted; account, database, container and partition-range metadata pass.
 *
 * The random schedule is seeded and keyed by the request itself (method, path, partition key, body, and how many
 * times that exact request was seen), so a given request meets the same fault whatever order concurrent callers
 * arrive in; storms, which are about time, follow arrival order.
 */

export type FaultKind =
  | 'throttle'
  | 'unavailable'
  | 'hang-before'
  | 'reset-before'
  | 'hang-after'
  | 'reset-after'
  | 'timeout-after'
  | 'truncate-after';

export const FAULT_KINDS: readonly FaultKind[] = [
  'throttle',
  'unavailable',
  'hang-before',
  'reset-before',
  'hang-after',
  'reset-after',
  'timeout-after',
  'truncate-after',
];

/** Faults after which the emulator has applied the request. */
export const APPLIED_KINDS: ReadonlySet<FaultKind> = new Set([
  'hang-after',
  'reset-after',
  'timeout-after',
  'truncate-after',
]);

export type CosmosOperation =
  'read' | 'query' | 'create' | 'upsert' | 'replace' | 'delete' | 'batch' | 'patch' | 'other';

export interface ProxiedRequest {
  method: string;
  path: string;
  operation: CosmosOperation;
  /** Container id, from /dbs/{db}/colls/{coll}/... */
  container?: string;
  /** The x-ms-documentdb-partitionkey header as sent (JSON array text), if any. */
  partitionKey?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Fault {
  kind: FaultKind;
  /** For throttle: the x-ms-retry-after-ms sent back. */
  retryAfterMs?: number;
}

export interface FaultRates {
  /** Probability per document request of each fault kind (the rest pass). */
  throttle: number;
  unavailable: number;
  'hang-before': number;
  'reset-before': number;
  'hang-after': number;
  'reset-after': number;
  'timeout-after': number;
  'truncate-after': number;
  /** Probability per document request that a 429 storm starts. */
  storm: number;
  /** A storm throttles this many consecutive document requests (inclusive range). */
  stormLength: [number, number];
  /** Retry-after sent with every 429 (inclusive range, milliseconds). */
  retryAfterMs: [number, number];
}

export interface FaultRecord {
  kind: FaultKind;
  operation: CosmosOperation;
  container?: string;
  path: string;
  /** For the "-after" kinds: the status the emulator answered (the write was applied when it is < 400). */
  upstreamStatus?: number;
  storm?: boolean;
}

export interface FaultStats {
  /** Document requests seen. */
  requests: number;
  forwarded: number;
  faults: Record<FaultKind, number>;
  storms: number;
  /** "-after" faults whose request the emulator applied successfully (status < 400). */
  appliedButLost: number;
  byOperation: Record<string, Partial<Record<FaultKind, number>>>;
}

interface Rule {
  match: (r: ProxiedRequest) => boolean;
  faults: Fault[];
}

export interface CosmosFaultProxy {
  endpoint: string;
  /** Turns the random schedule on or off (scripted rules always apply). Starts off. */
  setRandom(enabled: boolean): void;
  /** Queues faults for the next requests that match, one fault per matching request, before the random schedule. */
  inject(match: (r: ProxiedRequest) => boolean, ...faults: Fault[]): void;
  /** Starts a storm of `length` consecutive 429s for whatever document requests arrive next. */
  storm(length: number): void;
  readonly records: readonly FaultRecord[];
  stats(): FaultStats;
  /** Pending scripted faults (not yet consumed). */
  pending(): number;
  close(): Promise<void>;
}

export const DEFAULT_RATES: FaultRates = {
  throttle: 0.06,
  unavailable: 0.03,
  'hang-before': 0.015,
  'reset-before': 0.025,
  'hang-after': 0.02,
  'reset-after': 0.05,
  'timeout-after': 0.02,
  'truncate-after': 0.02,
  storm: 0.012,
  stormLength: [6, 20],
  retryAfterMs: [1, 15],
};

const require = createRequire(import.meta.url);

function emulatorCertificate(): { cert: Buffer; key: Buffer } {
  const root = dirname(require.resolve('@vercel/cosmosdb-server/package.json'));
  return { cert: readFileSync(join(root, 'cert.pem')), key: readFileSync(join(root, 'key.pem')) };
}

/** Uniform [0,1) from a hash: the same input always gives the same number. */
function unit(...parts: Array<string | number>): number {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

function between([lo, hi]: [number, number], u: number): number {
  return lo + Math.floor(u * (hi - lo + 1));
}

function classify(
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
): { operation: CosmosOperation; container?: string } {
  const m = /^\/dbs\/[^/]+\/colls\/([^/]+)\/docs(\/[^/?]+)?/.exec(path);
  if (!m) return { operation: 'other' };
  const container = decodeURIComponent(m[1]!);
  const item = Boolean(m[2]);
  const h = (name: string) => String(headers[name] ?? '').toLowerCase() === 'true';
  let operation: CosmosOperation = 'other';
  if (method === 'GET') operation = item ? 'read' : 'query';
  else if (method === 'PUT') operation = 'replace';
  else if (method === 'DELETE') operation = 'delete';
  else if (method === 'PATCH') operation = 'patch';
  else if (method === 'POST') {
    if (h('x-ms-documentdb-isquery') || String(headers['content-type'] ?? '').includes('query')) operation = 'query';
    else if (h('x-ms-cosmos-is-batch-request')) operation = 'batch';
    else if (h('x-ms-documentdb-is-upsert')) operation = 'upsert';
    else operation = 'create';
  }
  return { operation, container };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'host',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);

export async function startCosmosFaultProxy(options: {
  upstream: string;
  seed: number;
  rates?: Partial<FaultRates>;
}): Promise<CosmosFaultProxy> {
  const upstream = new URL(options.upstream);
  const rates: FaultRates = { ...DEFAULT_RATES, ...options.rates };
  const upstreamAgent = new Agent({ rejectUnauthorized: false, keepAlive: true, maxSockets: 64 });
  const rules: Rule[] = [];
  const records: FaultRecord[] = [];
  const seen = new Map<string, number>();
  const sockets = new Set<Socket>();
  let random = false;
  let stormLeft = 0;
  let storms = 0;
  let requests = 0;
  let forwarded = 0;
  let endpoint = '';

  function decide(r: ProxiedRequest): { fault?: Fault; storm?: boolean } {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (rule.match(r)) {
        const fault = rule.faults.shift()!;
        if (rule.faults.length === 0) rules.splice(i, 1);
        return { fault };
      }
    }
    if (stormLeft > 0) {
      stormLeft--;
      return {
        fault: {
          kind: 'throttle',
          retryAfterMs: between(rates.retryAfterMs, unit(options.seed, 'storm-after', requests)),
        },
        storm: true,
      };
    }
    if (!random || r.operation === 'other') return {};
    const fingerprint = [options.seed, r.method, r.path, r.partitionKey ?? '', r.body];
    const n = (seen.get(fingerprint.join('|')) ?? 0) + 1;
    seen.set(fingerprint.join('|'), n);
    if (unit(...fingerprint, n, 'storm') < rates.storm) {
      storms++;
      stormLeft = between(rates.stormLength, unit(...fingerprint, n, 'storm-length')) - 1;
      return {
        fault: { kind: 'throttle', retryAfterMs: between(rates.retryAfterMs, unit(...fingerprint, n, 'after')) },
        storm: true,
      };
    }
    let u = unit(...fingerprint, n, 'kind');
    for (const kind of FAULT_KINDS) {
      const p = rates[kind];
      if (u < p)
        return { fault: { kind, retryAfterMs: between(rates.retryAfterMs, unit(...fingerprint, n, 'after')) } };
      u -= p;
    }
    return {};
  }

  function forward(
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
      headers['content-length'] = String(body.length);
      headers.host = upstream.host;
      const out = httpsRequest(
        {
          protocol: 'https:',
          hostname: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
          agent: upstreamAgent,
        },
        (res) => {
          readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  function reply(res: ServerResponse, status: number, headers: IncomingHttpHeaders, body: Buffer): void {
    const h: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) h[k] = v;
    h['content-length'] = String(body.length);
    res.writeHead(status, h);
    res.end(body);
  }

  function errorBody(code: string, message: string): Buffer {
    return Buffer.from(JSON.stringify({ code, message }));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = req.url ?? '/';
    const { operation, container } = classify(req.method ?? 'GET', path, req.headers);
    const pk = req.headers['x-ms-documentdb-partitionkey'];
    const r: ProxiedRequest = {
      method: req.method ?? 'GET',
      path,
      operation,
      ...(container !== undefined ? { container } : {}),
      ...(typeof pk === 'string' ? { partitionKey: pk } : {}),
      headers: req.headers,
      body: body.toString('utf8'),
    };
    const isDoc = operation !== 'other';
    if (isDoc) requests++;
    const { fault, storm } = isDoc ? decide(r) : {};
    const record = (extra: Partial<FaultRecord> = {}) => {
      if (fault)
        records.push({
          kind: fault.kind,
          operation,
          ...(container !== undefined ? { container } : {}),
          path,
          ...(storm ? { storm: true } : {}),
          ...extra,
        });
    };

    switch (fault?.kind) {
      case 'throttle':
        record();
        return reply(
          res,
          429,
          {
            'content-type': 'application/json',
            'x-ms-retry-after-ms': String(fault.retryAfterMs ?? 5),
            'x-ms-substatus': '3200',
            'x-ms-request-charge': '0',
          },
          errorBody('TooManyRequests', 'Request rate is large. (injected)'),
        );
      case 'unavailable':
        record();
        return reply(
          res,
          503,
          { 'content-type': 'application/json', 'x-ms-request-charge': '0' },
          errorBody('ServiceUnavailable', 'Service is currently unavailable. (injected)'),
        );
      case 'hang-before':
        record();
        return; // the client times out and destroys the connection; close() cleans up the rest
      case 'reset-before':
        record();
        req.socket.destroy();
        return;
      default:
        break;
    }

    const answer = await forward(req, body);
    forwarded++;
    let responseBody = answer.body;
    if (operation === 'other' && r.method === 'GET' && (path === '/' || path === '')) {
      // The database account names its read and write locations; point them at the proxy so endpoint discovery
      // (on in production) keeps every request on this path.
      responseBody = Buffer.from(
        answer.body
          .toString('utf8')
          .split(`https://${upstream.host}/`)
          .join(`${endpoint}/`)
          .split(`https://localhost:${upstream.port}/`)
          .join(`${endpoint}/`),
      );
    }
    switch (fault?.kind) {
      case 'hang-after':
        record({ upstreamStatus: answer.status });
        return;
      case 'reset-after':
        record({ upstreamStatus: answer.status });
        req.socket.destroy();
        return;
      case 'timeout-after':
        record({ upstreamStatus: answer.status });
        return reply(
          res,
          408,
          { 'content-type': 'application/json', 'x-ms-request-charge': '0' },
          errorBody('RequestTimeout', 'Request timed out. (injected)'),
        );
      case 'truncate-after': {
        record({ upstreamStatus: answer.status });
        const h: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) h[k] = v;
        h['content-length'] = String(responseBody.length + 16);
        res.writeHead(answer.status, h);
        // Half the body, then the connection dies. The short pause lets the half go out first; if a slow machine
        // destroys the socket before the client read it, the client still sees a cut-off answer (a reset instead of
        // a short body), and every check treats both as the same applied-but-lost write.
        res.write(responseBody.subarray(0, Math.floor(responseBody.length / 2)), () =>
          setTimeout(() => req.socket.destroy(), 5),
        );
        return;
      }
      default:
        return reply(res, answer.status, answer.headers, responseBody);
    }
  }

  const { cert, key } = emulatorCertificate();
  const server: Server = createServer({ cert, key }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        reply(
          res,
          502,
          { 'content-type': 'application/json' },
          errorBody('BadGateway', 'proxy could not reach the emulator'),
        );
      else req.socket.destroy();
    });
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint,
    setRandom(enabled) {
      random = enabled;
    },
    inject(match, ...faults) {
      if (faults.length > 0) rules.push({ match, faults });
    },
    storm(length) {
      storms++;
      stormLeft = Math.max(stormLeft, length);
    },
    records,
    pending: () => rules.reduce((n, r) => n + r.faults.length, 0),
    stats() {
      const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
      const byOperation: FaultStats['byOperation'] = {};
      let appliedButLost = 0;
      for (const rec of records) {
        faults[rec.kind]++;
        const row = (byOperation[rec.operation] ??= {});
        row[rec.kind] = (row[rec.kind] ?? 0) + 1;
        if (APPLIED_KINDS.has(rec.kind) && rec.upstreamStatus !== undefined && rec.upstreamStatus < 400)
          appliedButLost++;
      }
      return { requests, forwarded, faults, storms, appliedButLost, byOperation };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        upstreamAgent.destroy();
        server.close(() => resolve());
      }),
  };
}
