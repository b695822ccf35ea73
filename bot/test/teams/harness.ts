import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { pino } from 'pino';
import type { ConversationRef, Store } from '@humandebt/core';
import { loadConfig } from '../../src/config';
import { Pseudonyms } from '../../src/pulse/pseudonyms';
import { openStore } from '../../src/store/factory';
import { HumanDebtBot } from '../../src/teams/human-debt.bot';
import type { Messenger } from '../../src/teams/messenger';

export const TENANT = 't-conv';
export const GROUP = 'group-1';
export const MEMBERS = [
  { id: 'u1', name: 'Ada Lovelace' },
  { id: 'u2', name: 'Grace Hopper' },
  { id: 'u3', name: 'Alan Turing' },
  { id: 'u4', name: 'Katherine Johnson' },
  { id: 'u5', name: 'Edsger Dijkstra' },
  { id: 'u6', name: 'Barbara Liskov' },
] as const;

/** Records what the bot sends and what it updates in place; updateActivity in TestAdapter alone loses dequeued ones. */
export class RecordingAdapter extends TestAdapter {
  readonly sent: Partial<Activity>[] = [];
  readonly updates: Partial<Activity>[] = [];
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]) {
    const out = await super.sendActivities(context, activities);
    this.sent.push(...activities);
    return out;
  }
  override async updateActivity(context: TurnContext, activity: Partial<Activity>) {
    this.updates.push(activity);
    await super.updateActivity(context, activity);
  }
}

export class FakeMessenger implements Messenger {
  readonly toUsers: Array<{ userId: string; message: Partial<Activity> }> = [];
  readonly toConversations: Array<{ ref: ConversationRef; message: Partial<Activity> }> = [];
  async toUser(_team: unknown, userId: string, message: Partial<Activity>) {
    this.toUsers.push({ userId, message });
  }
  async toConversation(ref: ConversationRef, message: Partial<Activity>) {
    this.toConversations.push({ ref, message });
  }
}

export interface Harness {
  store: Store;
  adapter: RecordingAdapter;
  bot: HumanDebtBot;
  messenger: FakeMessenger;
  pseudonyms: Pseudonyms;
  clock: { now: Date };
  /** Sends text or a card submit as a member; returns what the bot sent during that turn. */
  say(userId: string, text: string, extra?: Partial<Activity>): Promise<Partial<Activity>[]>;
  submit(userId: string, value: Record<string, unknown>, extra?: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** Presses a Universal Action (Action.Execute) as a member; returns the invoke response and what else was sent. */
  execute(
    userId: string,
    data: Record<string, unknown>,
    extra?: Partial<Activity>,
  ): Promise<{ status: number | undefined; body: InvokeBody | undefined; sent: Partial<Activity>[] }>;
  install(): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

let seq = 0;

/** What a bot answers to an `adaptiveCard/action` invoke. */
export interface InvokeBody {
  statusCode: number;
  type: string;
  value: unknown;
}

export async function harness(options: { conversationType?: 'groupChat' | 'personal' } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'hd-conv-'));
  const config = loadConfig({
    SQLITE_FILE: join(dir, 'conv.sqlite'),
    LOG_LEVEL: 'silent',
    SQLITE_SYNCHRONOUS: process.env.HARNESS_SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL',
  });
  const store = await openStore(config.store);
  const pseudonyms = new Pseudonyms(config.pseudonymSecret);
  const messenger = new FakeMessenger();
  const clock = { now: new Date('2026-11-26T10:00:00Z') };
  const bot = new HumanDebtBot({
    store,
    pseudonyms,
    config,
    logger: pino({ level: 'silent' }),
    messenger,
    now: () => clock.now,
  });
  const adapter = new RecordingAdapter();
  const conversation = {
    id: GROUP,
    conversationType: options.conversationType ?? 'groupChat',
    isGroup: (options.conversationType ?? 'groupChat') !== 'personal',
    tenantId: TENANT,
    name: 'Platform team',
  };
  const base = (userId: string): Partial<Activity> => {
    const m = MEMBERS.find((x) => x.id === userId) ?? { id: userId, name: userId };
    return {
      channelId: 'msteams',
      serviceUrl: 'https://smba.example/',
      conversation: conversation as Activity['conversation'],
      channelData: { tenant: { id: TENANT } },
      from: { id: `29:${m.id}`, name: m.name, aadObjectId: m.id },
      recipient: { id: 'bot-1', name: 'Human Debt' },
    };
  };
  async function run(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    const before = adapter.sent.length;
    await adapter.processActivity(activity, (ctx) => bot.run(ctx));
    adapter.activeQueue.splice(0);
    return adapter.sent.slice(before);
  }
  return {
    store,
    adapter,
    bot,
    messenger,
    pseudonyms,
    clock,
    say: (userId, text, extra = {}) =>
      run({
        ...base(userId),
        type: 'message',
        id: `a-${++seq}`,
        text: `<at>Human Debt</at> ${text}`,
        entities: [{ type: 'mention', mentioned: { id: 'bot-1', name: 'Human Debt' }, text: '<at>Human Debt</at>' }],
        ...extra,
      }),
    submit: (userId, value, extra = {}) => run({ ...base(userId), type: 'message', id: `a-${++seq}`, value, ...extra }),
    async execute(userId, data, extra = {}) {
      const sent = await run({
        ...base(userId),
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: `a-${++seq}`,
        replyToId: 'retro-card-activity',
        value: { action: { type: 'Action.Execute', verb: data.verb, data }, trigger: 'manual' },
        ...extra,
      });
      const response = sent.find((a) => a.type === 'invokeResponse')?.value as
        { status?: number; body?: InvokeBody } | undefined;
      return { status: response?.status, body: response?.body, sent: sent.filter((a) => a.type !== 'invokeResponse') };
    },
    install: () =>
      run({
        ...base('u1'),
        type: 'conversationUpdate',
        id: `a-${++seq}`,
        membersAdded: [
          { id: 'bot-1', name: 'Human Debt' },
          ...MEMBERS.map((m) => ({ id: `29:${m.id}`, name: m.name, aadObjectId: m.id })),
        ],
      }),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Adaptive Card JSON of an activity (first attachment), or undefined. */
export function cardOf(a: Partial<Activity> | undefined): Record<string, unknown> | undefined {
  return a?.attachments?.[0]?.content as Record<string, unknown> | undefined;
}

/** An invoke response's card as an activity, so the card helpers below read it like any sent card. */
export function invokeCard(body: InvokeBody | undefined): Partial<Activity> | undefined {
  if (body?.type !== 'application/vnd.microsoft.card.adaptive') return undefined;
  return { type: 'message', attachments: [{ contentType: body.type, content: body.value }] };
}

/** Data of every Action.Execute (Universal Action) in a card, with its verb. */
export function executes(a: Partial<Activity> | undefined): Array<Record<string, unknown> & { title: string }> {
  const out: Array<Record<string, unknown> & { title: string }> = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.type === 'Action.Execute')
        out.push({ ...(o.data as Record<string, unknown>), verb: o.verb, title: String(o.title) });
      Object.values(o).forEach(walk);
    }
  };
  walk(cardOf(a)?.body);
  walk(cardOf(a)?.actions);
  return out;
}

/** All TextBlock texts of a card, joined, for assertions. */
export function cardText(a: Partial<Activity> | undefined): string {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (o.type === 'FactSet' && Array.isArray(o.facts))
        for (const f of o.facts as Array<{ title: string; value: string }>) out.push(`${f.title}: ${f.value}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(cardOf(a));
  return out.join('\n');
}

/** Submit data of every Action.Submit in a card. */
export function submits(a: Partial<Activity> | undefined): Array<Record<string, unknown> & { title: string }> {
  const out: Array<Record<string, unknown> & { title: string }> = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.type === 'Action.Submit') out.push({ ...(o.data as Record<string, unknown>), title: String(o.title) });
      Object.values(o).forEach(walk);
    }
  };
  walk(cardOf(a));
  return out;
}
