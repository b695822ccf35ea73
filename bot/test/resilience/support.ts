/**
 * Shared helpers for the resilience tests (two instances on one store, SIGKILL mid-retro, soak) and the soak bench.
 * Everything runs on loopback: the service is the built `bot/dist/main.js` as a child process, the Bot Connector is
 * a local fake that accepts the REST calls the bot makes (card updates, proactive 1:1 conversations) and records
 * them. The retro is driven only through POST /api/messages with the card verbs and values the cards carry
 * (deliveryMode expectReplies, so the bot's replies come back in the HTTP response).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { waitForOutput } from '../child-output';

/** The built service. HD_RESILIENCE_MAIN points the tests at another build (used to check that they bite). */
export const SERVICE_MAIN =
  process.env.HD_RESILIENCE_MAIN ?? fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export const BOT_ID = '28:bot-resilience';
export const ERROR_REPLY = /something went wrong/i;

// --- fake Bot Connector --------------------------------------------------------------------------------------------

export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown> | undefined;
  at: number;
}

export interface FakeConnector {
  /** With a trailing slash, as Teams sends serviceUrl. */
  url: string;
  calls: ConnectorCall[];
  /** Proactive 1:1 messages: recipient user id → the activities posted into their conversation. */
  directMessages(): Map<string, Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** A stand-in for the Bot Connector REST API on loopback: accepts every call (or stalls the ones `stall` picks), records it. */
export async function startFakeConnector(
  options: { stall?: (call: ConnectorCall) => boolean } = {},
): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  /** conversation id created for a 1:1 → the member it was created for */
  const dmOwner = new Map<string, string>();
  let n = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> | undefined;
      try {
        body = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
          : undefined;
      } catch {
        body = undefined;
      }
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
      const call = { method: req.method ?? 'GET', path, body, at: Date.now() };
      calls.push(call);
      // A call that never gets an answer (the Bot Connector hanging): for crash tests.
      if (options.stall?.(call)) return;
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.method === 'POST' && /\/v3\/conversations\/?$/.test(path)) {
        // createConversation: a 1:1 with the first member.
        const member = ((body?.members as Array<{ id?: string }> | undefined) ?? [])[0]?.id ?? 'unknown';
        const id = `dm-${++n}-${member}`;
        dmOwner.set(id, member);
        return send(201, { id, activityId: `act-${n}` });
      }
      if (req.method === 'GET' && /pagedmembers|\/members/.test(path))
        return send(404, { error: { code: 'NotFound', message: 'not in this fake' } });
      return send(200, { id: `act-${++n}` });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    calls,
    directMessages() {
      const out = new Map<string, Record<string, unknown>[]>();
      for (const c of calls) {
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?\/?$/.exec(c.path);
        if (c.method !== 'POST' || !m) continue;
        const owner = dmOwner.get(m[1]!);
        if (!owner || !c.body) continue;
        out.set(owner, [...(out.get(owner) ?? []), c.body]);
      }
      return out;
    },
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Which kind of button a verb came from (non-enumerable key: not sent back). */
export const BUTTON = Symbol('button');
export type ButtonKind = 'Action.Submit' | 'Action.Execute';

/**
 * The data of every button (Action.Submit, or Action.Execute — a Universal Action) in the activities' adaptive cards,
 * with its verb; `[BUTTON]` says which kind it was, so it can be pressed the way Teams would.
 */
export function submitsOf(activities: readonly Record<string, unknown>[]): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ((o.type === 'Action.Submit' || o.type === 'Action.Execute') && o.data && typeof o.data === 'object') {
      out.push({
        ...(o.data as Record<string, unknown>),
        ...(typeof o.verb === 'string' ? { verb: o.verb } : {}),
        [BUTTON]: o.type,
      });
    }
    for (const v of Object.values(o)) walk(v);
  };
  for (const a of activities) walk(a.attachments);
  return out;
}

/** Every TextBlock text in the activities' cards, plus plain message texts. */
export function textsOf(activities: readonly Record<string, unknown>[]): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    for (const v of Object.values(o)) walk(v);
  };
  for (const a of activities) {
    if (typeof a.text === 'string') out.push(a.text);
    walk(a.attachments);
  }
  return out;
}

/** The values offered by an Input.ChoiceSet with this id in the activities' cards. */
export function choicesOf(activities: readonly Record<string, unknown>[], inputId: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Input.ChoiceSet' && o.id === inputId)
      for (const c of (o.choices as Array<{ value: string }>) ?? []) out.push(c.value);
    for (const v of Object.values(o)) walk(v);
  };
  for (const a of activities) walk(a.attachments);
  return out;
}

export function isPulseCard(activity: Record<string, unknown>): boolean {
  return submitsOf([activity]).some((s) => s.verb === 'pulse-submit');
}

// --- the service as a child process ----------------------------------------------------------------------------------

export interface ServiceProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  output(): string;
  /** Log lines at error level or above (pino level ≥ 50). */
  errorLines(): string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait for a clean exit (SIGKILL after the timeout). */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

// Upper bounds for CI's busy 2-core machine: a start or a stop that works ends as soon as it can.
/** How long a start may take before it counts as failed. */
const START_TIMEOUT_MS = 60_000;
/** How long a graceful stop (drain, last scheduler tick, store closed) may take before SIGKILL. */
const STOP_TIMEOUT_MS = 60_000;
/** How long one delivery may wait for its answer (a turn that works answers in milliseconds). */
const DELIVER_TIMEOUT_MS = 60_000;

/** Starts `node bot/dist/main.js` on a free loopback port with the given env; resolves once it listens. */
export async function spawnService(
  env: Record<string, string>,
  options: { main?: string; onLine?: (line: string) => void } = {},
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [options.main ?? SERVICE_MAIN], {
    // info: the "service listening" line carries the URL; every request is logged at info as well.
    env: {
      PATH: process.env.PATH ?? '',
      HD_MODE: 'local',
      PORT: '0',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'never',
      SERVE_STATIC: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Only the tail of the log is kept (a soak logs every request); error lines are kept apart.
  let out = '';
  let partial = '';
  const errors: string[] = [];
  const onData = (d: Buffer) => {
    const s = d.toString();
    out = (out + s).slice(-256_000);
    partial += s;
    let nl: number;
    while ((nl = partial.indexOf('\n')) >= 0) {
      const line = partial.slice(0, nl);
      partial = partial.slice(nl + 1);
      if (isErrorLine(line)) errors.push(line.slice(0, 4000));
      options.onLine?.(line);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let url: string;
  try {
    url = (await waitForOutput(child, () => out, /"url":"(http:\/\/[^"]+)"/, START_TIMEOUT_MS))[1]!;
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`service did not start: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const errorLines = () => errors.slice();
  return {
    url,
    pid: child.pid!,
    child,
    output: () => out,
    errorLines,
    exited,
    async stop(timeoutMs = STOP_TIMEOUT_MS) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const r = await exited;
      clearTimeout(timer);
      return r;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

function isErrorLine(line: string): boolean {
  if (!line.trim()) return false;
  if (!line.startsWith('{')) return /error/i.test(line);
  try {
    return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
  } catch {
    return false;
  }
}

/** Resident set size of a process in bytes (Linux /proc). */
export function rssBytes(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

// --- talking to the bot ------------------------------------------------------------------------------------------

export interface Member {
  id: string;
  name: string;
}

export function sixMembers(prefix = 'm'): Member[] {
  return ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger', 'Barbara'].map((name, i) => ({
    id: `${prefix}${i + 1}`,
    name,
  }));
}

export interface Reply {
  status: number;
  activities: Record<string, unknown>[];
  /** The turn ran and did not fail: HTTP 200 and no "something went wrong" message. */
  ok: boolean;
  error?: string;
}

let seq = 0;
export function newActivityId(tag = 'a'): string {
  return `${tag}-${process.pid}-${Date.now().toString(36)}-${(++seq).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A group chat (its own "team") on one tenant, talked to through the fake connector. */
export class GroupChat {
  constructor(
    readonly tenantId: string,
    readonly conversationId: string,
    readonly serviceUrl: string,
  ) {}

  activity(from: Member, extra: Record<string, unknown>): Record<string, unknown> {
    return {
      type: 'message',
      id: newActivityId(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      timestamp: new Date().toISOString(),
      conversation: { id: this.conversationId, conversationType: 'groupChat', isGroup: true, tenantId: this.tenantId },
      channelData: { tenant: { id: this.tenantId } },
      from: { id: `29:${from.id}`, name: from.name, aadObjectId: from.id },
      recipient: { id: BOT_ID, name: 'Human Debt' },
      deliveryMode: 'expectReplies',
      ...extra,
    };
  }

  text(from: Member, text: string, id?: string): Record<string, unknown> {
    return this.activity(from, { text, ...(id ? { id } : {}) });
  }

  submit(from: Member, value: Record<string, unknown>, id?: string): Record<string, unknown> {
    return this.activity(from, { value, replyToId: 'retro-card-1', ...(id ? { id } : {}) });
  }

  /** A Universal Action (Action.Execute) as Teams sends it: an `adaptiveCard/action` invoke, answered in the HTTP response. */
  execute(from: Member, data: Record<string, unknown>, id?: string): Record<string, unknown> {
    const { verb, ...rest } = data;
    return {
      ...this.activity(from, { ...(id ? { id } : {}) }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { ...rest, verb } }, trigger: 'manual' },
      replyToId: 'retro-card-1',
      deliveryMode: undefined,
    };
  }

  /** Presses a card button the way Teams sends it: a message with `value` (Action.Submit) or an invoke (Action.Execute). */
  press(
    from: Member,
    data: Record<string, unknown>,
    kind: ButtonKind = (data as { [BUTTON]?: ButtonKind })[BUTTON] ?? 'Action.Submit',
    id?: string,
  ): Record<string, unknown> {
    const clean = { ...data };
    return kind === 'Action.Execute' ? this.execute(from, clean, id) : this.submit(from, clean, id);
  }

  /** The bot being added to the chat together with its members (the roster comes from membersAdded here). */
  install(by: Member, members: readonly Member[]): Record<string, unknown> {
    return {
      ...this.activity(by, {}),
      type: 'conversationUpdate',
      membersAdded: [
        { id: BOT_ID, name: 'Human Debt' },
        ...members.map((m) => ({ id: `29:${m.id}`, name: m.name, aadObjectId: m.id })),
      ],
      deliveryMode: undefined,
    };
  }
}

/** POSTs an activity to a service; never throws for HTTP errors (status 0 for a transport error). */
export async function deliver(
  baseUrl: string,
  activity: Record<string, unknown>,
  timeoutMs = DELIVER_TIMEOUT_MS,
): Promise<Reply> {
  try {
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let activities: Record<string, unknown>[] = [];
    let invokeStatus: number | undefined;
    if (text) {
      try {
        const body = JSON.parse(text) as {
          activities?: Record<string, unknown>[];
          statusCode?: number;
          type?: string;
          value?: unknown;
        };
        if (Array.isArray(body.activities)) activities = body.activities;
        else if (typeof body.type === 'string' && 'value' in body) {
          // An invoke's answer (Universal Action): a card or a message for the person who pressed, or an error.
          invokeStatus = body.statusCode;
          const v = body.value as Record<string, unknown> | string;
          if (body.type.includes('card.adaptive'))
            activities = [{ type: 'message', attachments: [{ contentType: body.type, content: v }] }];
          else if (typeof v === 'string') activities = [{ type: 'message', text: v }];
          else if (v && typeof v === 'object')
            activities = [
              typeof v.text === 'string' || v.attachments ? v : { type: 'message', text: JSON.stringify(v) },
            ];
        }
      } catch {
        activities = [];
      }
    }
    const failed =
      activities.some((a) => typeof a.text === 'string' && ERROR_REPLY.test(a.text)) ||
      (invokeStatus !== undefined && invokeStatus !== 200);
    return {
      status: res.status,
      activities,
      ok: res.status === 200 && !failed,
      ...(res.status !== 200
        ? { error: `HTTP ${res.status}: ${text.slice(0, 200)}` }
        : failed
          ? { error: 'turn failed' }
          : {}),
    };
  } catch (e) {
    return { status: 0, activities: [], ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

export const saidOf = (r: Reply): string[] =>
  r.activities.map((a) => (typeof a.text === 'string' ? a.text : '')).filter(Boolean);
export const VOTE_COUNTED = /^Vote counted\./;
/** The bot counted this vote: "Vote counted." as a message (Action.Submit) or on the voter's own card (Action.Execute). */
export const voteCounted = (r: Reply): boolean => r.ok && textsOf(r.activities).some((t) => VOTE_COUNTED.test(t));

/** The retro id and the facilitator's "next" verb on the retro card(s) among the replies. */
export function retroCardOf(
  activities: readonly Record<string, unknown>[],
): { retroId: string; phase?: string; voteTargets: string[]; voteButton: ButtonKind } | undefined {
  const subs = submitsOf(activities);
  const next = subs.find((s) => s.verb === 'retro-next');
  const any = subs.find((s) => typeof s.retroId === 'string');
  if (!any) return undefined;
  const votes = subs.filter((s) => s.verb === 'retro-vote');
  return {
    retroId: any.retroId as string,
    ...(next ? { phase: next.phase as string } : {}),
    voteTargets: votes.map((s) => s.targetId as string),
    voteButton: (votes[0] as { [BUTTON]?: ButtonKind } | undefined)?.[BUTTON] ?? 'Action.Submit',
  };
}

/** "N vote(s) — title" lines of a summary card → title → votes; and its header figures. */
export function parseSummary(
  activities: readonly Record<string, unknown>[],
): { items: Map<string, number>; cards: number; people: number; voters: number } | undefined {
  const texts = textsOf(activities);
  if (!texts.includes('Retro summary')) return undefined;
  const items = new Map<string, number>();
  let cards = NaN;
  let people = NaN;
  let voters = NaN;
  for (const t of texts) {
    const item = /^(\d+) votes? — (.*)$/s.exec(t);
    if (item) items.set(item[2]!.replace(/\\(.)/g, '$1'), Number(item[1])); // user text is Markdown-escaped on cards
    const head = /(\d+) cards? from (\d+) (?:person|people) · (\d+) voted/.exec(t);
    if (head) [cards, people, voters] = [Number(head[1]), Number(head[2]), Number(head[3])];
  }
  return { items, cards, people, voters };
}

/** A deterministic PRNG for reproducible traffic: core's mulberry32. */
export { mulberry32 as prng } from '@humandebt/core';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Polls `check` (every 50 ms) until it returns something truthy, and returns that; fails after `timeoutMs`, an upper
 * bound that only a broken run reaches.
 */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
