import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DRAFT_MESSAGES,
  PHASES,
  RETRO_MESSAGES,
  TEMPLATES,
  TEMPLATE_KEYS,
  isoWeekOf,
  addWeeks,
  planFor,
  targetOptions,
  type ActionDoc,
  type MemberDoc,
  type RetroDoc,
  type RetroPhase,
} from '@humandebt/core';
import { Pseudonyms } from '../../src/pulse/pseudonyms';
import { parseCardAction } from '../../src/teams/card-values';
import {
  assertClearAnswer,
  assertHealthy,
  assertRowsWellFormed,
  assertStoreIntegrity,
  assertUnchanged,
  changedRows,
  FUZZ_TEST_TIMEOUT_MS,
  fuzzParams,
  hostileJson,
  nastyNumber,
  nastyString,
  prototypeKeys,
  send,
  snapshot,
  startFuzzService,
  wrongValue,
  type FuzzService,
} from './fuzz-support';

/**
 * Property-based fuzzing of card submits (the second of three fuzz files): well-formed message activities whose `value` is an
 * Adaptive Card Action.Submit payload for every verb the bot knows, with fields that are right, wrong (unknown
 * retro, action, card or team ids; another team's ids), of the wrong type, negative or huge, missing, or text full
 * of Markdown, HTML and control characters, plus hostile extra fields. A real retro is driven through every phase
 * first, so most payloads reach real handlers with real state.
 *
 * Properties per turn: HTTP 200 or a clear 4xx, in time; no turn fails inside (the adapter's apology); a rejected
 * submit changes nothing in the store (except the delivery mark, see SnapshotOptions); a redelivered activity
 * changes nothing; whatever was accepted is stored as well-formed documents.
 */

const TENANT = 'demo-tenant';
const CHAT = 'fuzz-retro-chat';
const OWNER = 'demo-manager';
const PEOPLE = [OWNER, 'fz-ada', 'fz-grace', 'fz-alan', 'fz-kath', 'fz-edsger'];
const STRANGER = 'fz-stranger';
const TURN_FAILED = 'something went wrong on our side';
/** Placeholders resolved against the live store just before sending (arbitraries are generated up front). */
const P = '\u00a7';

/** Replies that say "nothing done": after any of these (and nothing else), the store must be as it was. */
const REFUSALS: Array<string | RegExp> = [
  ...Object.values(RETRO_MESSAGES),
  'That button is no longer valid. Here is what I can do:',
  'Only team owners can do that.',
  /^Not saved: /,
  'This pulse is for members of the team it was sent for.',
  /Nothing was stored\.$/,
  'You already answered this week’s pulse; your first answers stand.',
  'That action no longer exists.',
  'Only the owner of this action can update it here.',
  'Pick a new due date from today on.',
  /^I could not read that agreement\./,
];
function isRefusal(text: string): boolean {
  if (REFUSALS.some((r) => (typeof r === 'string' ? r === text : r.test(text)))) return true;
  // Action drafts: one or more of the draft problems, joined by spaces.
  let rest = text;
  for (const m of Object.values(DRAFT_MESSAGES)) rest = rest.split(m).join('');
  return rest !== text && rest.trim() === '';
}

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries: one per verb, each field right (often a placeholder for live state) or wrong in some way
// ---------------------------------------------------------------------------------------------------------------

const MISSING = Symbol('missing');
/** Mostly the right kind of value, sometimes a nasty string, a wrong type, or absent. */
const field = (right: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 10, arbitrary: right },
    { weight: 1, arbitrary: nastyString },
    { weight: 1, arbitrary: wrongValue },
    { weight: 1, arbitrary: nastyNumber },
    { weight: 1, arbitrary: fc.constant(MISSING) },
  );
const idx = fc.nat({ max: 12 });
const ph = (name: string) => idx.map((i) => `${P}${name}:${i}`);
const retroRef = fc.oneof(
  { weight: 8, arbitrary: fc.constant(`${P}latest`) },
  { weight: 1, arbitrary: fc.constant(`${P}older`) },
  { weight: 1, arbitrary: fc.constantFrom('retro-does-not-exist', 'retro-20260101T000000000Z-abcdef', ' ') },
);
const words = fc.oneof(
  fc.constantFrom('Deploys are slow', 'More pairing', 'Too many meetings', 'On-call is heavy', 'Great demo'),
  nastyString,
);
const member = fc.oneof(ph('member'), fc.constantFrom(STRANGER, 'demo-aiko-tanaka'));
const numberish = (min: number, max: number) =>
  fc.oneof(
    fc.integer({ min, max }),
    fc.integer({ min, max }).map(String),
    fc.constantFrom(min - 1, max + 1, -1, 1e9, 0.5, '1e2', ' 3 ', '0x10', ''),
  );
const dueRef = fc.oneof(
  fc.integer({ min: -3, max: 60 }).map((d) => `${P}due:${d}`),
  fc.constantFrom('2026-02-30', '2026-13-01', '9999-12-31', 'tomorrow', '2026-1-1'),
);
const weekRef = fc.oneof(
  fc.constantFrom(`${P}week:0`, `${P}week:-1`, `${P}week:1`, `${P}week:-9`),
  fc.constantFrom('2026-W00', '2026-W54', '2026-W99', '0000-W01'),
);

const extras = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'tenantId',
      'teamId',
      '_etag',
      'id',
      'type',
      'authorId',
      'facilitatorId',
      'phase',
      'cards',
      'status',
    ),
    nastyString.filter((s) => s.length < 50),
  ),
  hostileJson,
  { maxKeys: 2 },
);

function verb(name: string, fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      fc.record(fields),
      extras,
      fc.oneof(
        { weight: 12, arbitrary: fc.constant<unknown>(name) },
        { weight: 1, arbitrary: fc.constantFrom(name.toUpperCase(), ` ${name}`, `${name}\u0000`) },
      ),
    )
    .map(([f, x, v]) => {
      const out: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(x))
        Object.defineProperty(out, k, { value: val, enumerable: true, writable: true, configurable: true });
      for (const [k, val] of Object.entries(f)) if (val !== MISSING) out[k] = val;
      out.verb = v;
      return out;
    });
}

const cardValue = fc.oneof(
  verb('retro-start', { template: field(fc.constantFrom(...TEMPLATE_KEYS)) }),
  verb('retro-next', { retroId: field(retroRef), phase: field(fc.constantFrom(...PHASES)) }),
  verb('retro-handover', { retroId: field(retroRef), to: field(member) }),
  verb('retro-review', {
    retroId: field(retroRef),
    actionId: field(fc.oneof(ph('review'), ph('action'))),
    decision: field(fc.constantFrom('done', 'blocked', 'still-going', 'dropped')),
  }),
  verb('retro-drop', { retroId: field(retroRef), actionId: field(fc.oneof(ph('review'), ph('action'))) }),
  verb('retro-card', { retroId: field(retroRef), column: field(ph('column')), text: field(words) }),
  verb('retro-page', { retroId: field(retroRef), page: field(numberish(0, 100)) }),
  verb('retro-merge', {
    retroId: field(retroRef),
    ids: field(fc.oneof(ph('cards'), fc.constantFrom(',,,', 'a,b,c', ''))),
    title: field(words),
  }),
  verb('retro-vote', { retroId: field(retroRef), targetId: field(ph('target')), page: field(numberish(0, 100)) }),
  verb('retro-my-votes', { retroId: field(retroRef), page: field(numberish(0, 100)) }),
  verb('retro-why', {
    retroId: field(retroRef),
    chainId: field(ph('chain')),
    level: field(numberish(1, 5)),
    why: field(words),
  }),
  verb('retro-why-done', { retroId: field(retroRef), chainId: field(ph('chain')) }),
  verb('retro-action', {
    retroId: field(retroRef),
    title: field(words),
    owner: field(member),
    due: field(dueRef),
    target: field(ph('targetopt')),
  }),
  verb('retro-agreement', {
    retroId: field(retroRef),
    kind: field(
      fc.constantFrom('no-meetings-after', 'no-meetings-before', 'focus-day', 'max-attendees', 'default-duration'),
    ),
    value: field(
      fc.constantFrom(
        '16:00',
        '9:30',
        '25:00',
        'Wednesday',
        'we',
        '3',
        '8',
        '1',
        '501',
        '25, 50',
        '25,50,75,100,120',
        '0',
        'abc',
      ),
    ),
  }),
  verb('pulse-submit', {
    teamId: field(fc.constantFrom(`${P}team`, 'team-platform', 'team-nope')),
    week: field(weekRef),
    comment: field(words),
    items: fc.constantFrom(`${P}items`, `${P}items-bad`, MISSING),
  }),
  verb('reminder', {
    teamId: field(fc.constantFrom(`${P}team`, 'team-platform')),
    actionId: field(ph('action')),
    choice: field(fc.constantFrom('done', 'blocked', 'help', 'move')),
    due: field(dueRef),
  }),
  verb('settings-save', {
    k: field(numberish(3, 100)),
    cadence: field(fc.constantFrom('weekly', 'biweekly', 'off', 'daily')),
    start: field(fc.constantFrom('09:00', '9:00', '24:00', '17:00')),
    end: field(fc.constantFrom('17:00', '08:00', '23:59')),
    timeZone: field(fc.constantFrom('Europe/Berlin', 'UTC', 'Mars/Olympus', 'America/New_York')),
  }),
  // Not a verb at all, or no verb.
  hostileJson.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object'),
);

const actor = fc.oneof(
  { weight: 4, arbitrary: fc.constant('@facilitator') },
  { weight: 4, arbitrary: fc.constantFrom(...PEOPLE) },
  { weight: 1, arbitrary: fc.constant(STRANGER) },
);
const submit = fc.record({
  value: cardValue,
  actor,
  /** Most submits come from the retro's group chat; some from a 1:1 chat (another "team"), where ids do not resolve. */
  personal: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  /** Deliver the same activity twice, as Teams does after a slow turn: the second delivery must change nothing. */
  redeliver: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  replyToId: fc.option(fc.oneof(fc.constant('card-activity'), nastyString), { nil: undefined }),
});

// ---------------------------------------------------------------------------------------------------------------

describe('fuzz: card submits to the bot', () => {
  let svc: FuzzService;
  let pseudonyms: Pseudonyms;
  let protoBefore: string[];
  let seq = 0;

  const key = (teamId = CHAT) => ({ tenantId: TENANT, teamId });
  async function retros(teamId = CHAT): Promise<RetroDoc[]> {
    return (await svc.store.retros.listByTeam(TENANT, teamId)).sort((a, b) =>
      a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.id < b.id ? 1 : -1,
    );
  }

  /** Posts one activity; returns the HTTP answer and the replies the bot sent in it (deliveryMode expectReplies). */
  async function turn(
    userId: string,
    value: unknown,
    options: { personal?: boolean; id?: string; replyToId?: string } = {},
  ) {
    const conversation = options.personal
      ? { id: `fuzz-dm-${userId}`, conversationType: 'personal', tenantId: TENANT }
      : { id: CHAT, conversationType: 'groupChat', isGroup: true, tenantId: TENANT, name: 'Fuzz team' };
    const body = {
      type: 'message',
      id: options.id ?? `fz-${++seq}`,
      channelId: 'msteams',
      serviceUrl: svc.stub.url,
      conversation,
      channelData: { tenant: { id: TENANT } },
      from: { id: `29:${userId}`, name: userId, aadObjectId: userId },
      recipient: { id: 'bot-1', name: 'Human Debt' },
      deliveryMode: 'expectReplies',
      value,
      ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    };
    const answer = await send(`${svc.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    let replies: Array<{ text?: string; attachments?: unknown[] }> = [];
    try {
      replies = (JSON.parse(answer.text) as { activities?: typeof replies }).activities ?? [];
    } catch {
      // not a JSON reply: assertClearAnswer reports it
    }
    return { answer, replies, id: body.id };
  }

  /** Replaces placeholders with ids from the live store, as a real card would carry them. */
  async function resolve(
    value: Record<string, unknown>,
    actorId: string,
    personal: boolean,
  ): Promise<{ value: Record<string, unknown>; userId: string }> {
    const all = await retros();
    const latest = all[0];
    const older = all[1];
    const members: MemberDoc[] = await svc.store.members.listByTeam(TENANT, CHAT);
    const actions: ActionDoc[] = await svc.store.actions.listByTeam(TENANT, CHAT);
    const pick = <T>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);
    const today = new Date();
    const userId = actorId === '@facilitator' ? (latest?.facilitatorId ?? OWNER) : actorId;
    const teamId = personal ? `fuzz-dm-${userId}` : CHAT;
    const one = (s: string): unknown => {
      if (!s.startsWith(P)) return s;
      const [name, arg = '0'] = s.slice(1).split(':');
      const i = Number(arg);
      const targets = [...(latest?.cards.map((c) => c.id) ?? []), ...(latest?.themes.map((t) => t.id) ?? [])];
      switch (name) {
        case 'latest':
          return latest?.id ?? 'retro-none-yet';
        case 'older':
          return older?.id ?? 'retro-none-yet';
        case 'member':
          return pick(members, i)?.id ?? OWNER;
        case 'action':
          return pick(actions, i)?.id ?? 'act-none';
        case 'review':
          return pick(latest?.review ?? [], i)?.actionId ?? 'act-none';
        case 'column':
          return latest ? (pick(TEMPLATES[latest.template].columns, i)?.key ?? 'x') : 'x';
        case 'cards':
          return targets.slice(i % Math.max(1, targets.length), (i % Math.max(1, targets.length)) + 3).join(',');
        case 'target':
          return pick(targets, i) ?? 'c-none';
        case 'chain':
          return pick(latest?.whys ?? [], i)?.id ?? 'why-none';
        case 'targetopt':
          return pick(targetOptions(), i)?.value ?? '';
        case 'team':
          return teamId;
        case 'week':
          return addWeeks(isoWeekOf(today), i);
        case 'due':
          return new Date(today.getTime() + i * 86_400_000).toISOString().slice(0, 10);
        default:
          return s;
      }
    };
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (k === 'items' && typeof v === 'string' && v.startsWith(`${P}items`)) {
        // Pulse answers arrive as `item:<id>` inputs; the right ids are this person's rotation for the week.
        const week =
          typeof out.week === 'string'
            ? out.week
            : typeof value.week === 'string'
              ? String(one(value.week))
              : isoWeekOf(today);
        const team = typeof value.teamId === 'string' ? String(one(value.teamId)) : CHAT;
        let plan: ReturnType<typeof planFor>;
        try {
          plan = planFor({ teamId: team, personSeed: pseudonyms.rotationSeed(TENANT, team, userId), week });
        } catch {
          plan = planFor({
            teamId: team,
            personSeed: pseudonyms.rotationSeed(TENANT, team, userId),
            week: isoWeekOf(today),
          });
        }
        plan.items.forEach(
          (item, n) =>
            (out[`item:${typeof item === 'string' ? item : (item as { id: string }).id}`] =
              v === `${P}items` ? String(1 + ((n * 3) % 7)) : ['0', '8', 'x', -1, 7.5][n % 5]),
        );
        continue;
      }
      const val = typeof v === 'string' ? one(v) : v;
      Object.defineProperty(out, k, { value: val, enumerable: true, writable: true, configurable: true });
    }
    return { value: out, userId };
  }

  /** Drives the team's latest retro (starting one when none runs) to `phase` with real, valid submits. */
  async function driveTo(phase: RetroPhase): Promise<void> {
    for (let guard = 0; guard < 20; guard++) {
      let r = (await retros())[0];
      if (!r || (r.phase === 'closed' && phase !== 'closed')) {
        await turn(OWNER, { verb: 'retro-start', template: TEMPLATE_KEYS[seq % TEMPLATE_KEYS.length] });
        r = (await retros())[0];
        if (!r) throw new Error('driver: could not start a retro');
      }
      if (r.phase === phase) return;
      const columns = TEMPLATES[r.template].columns;
      if (r.phase === 'collect' && r.cards.length < 6)
        for (const [n, p] of PEOPLE.slice(1, 5).entries())
          await turn(p, {
            verb: 'retro-card',
            retroId: r.id,
            column: columns[n % columns.length]!.key,
            text: `Driver card ${seq} ${n}`,
          });
      if (r.phase === 'vote')
        for (const p of PEOPLE.slice(0, 4))
          if (r.cards[0]) await turn(p, { verb: 'retro-vote', retroId: r.id, targetId: r.cards[0].id });
      if (r.phase === 'actions' && r.actionIds.length === 0)
        await turn(r.facilitatorId, {
          verb: 'retro-action',
          retroId: r.id,
          title: `Driver action ${seq}`,
          owner: PEOPLE[1],
          due: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
          target: targetOptions()[0]!.value,
        });
      await turn(r.facilitatorId, { verb: 'retro-next', retroId: r.id, phase: r.phase });
    }
    throw new Error(`driver: could not reach ${phase}`);
  }

  beforeAll(async () => {
    svc = await startFuzzService();
    pseudonyms = new Pseudonyms(svc.config.pseudonymSecret);
    protoBefore = prototypeKeys();
    // Install the bot in the group chat: the installer becomes its owner, the others members.
    const install = await send(`${svc.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'conversationUpdate',
        id: 'fz-install',
        channelId: 'msteams',
        serviceUrl: svc.stub.url,
        conversation: { id: CHAT, conversationType: 'groupChat', isGroup: true, tenantId: TENANT, name: 'Fuzz team' },
        channelData: { tenant: { id: TENANT } },
        from: { id: `29:${OWNER}`, aadObjectId: OWNER, name: 'Owner' },
        recipient: { id: 'bot-1' },
        membersAdded: [{ id: 'bot-1' }, ...PEOPLE.map((p) => ({ id: `29:${p}`, aadObjectId: p, name: p }))],
        deliveryMode: 'expectReplies',
      }),
    });
    expect(install.status).toBe(200);
    expect((await svc.store.members.listByTeam(TENANT, CHAT)).length).toBe(PEOPLE.length);
  });
  afterEach(async () => {
    await assertHealthy(svc.url);
    expect(prototypeKeys()).toEqual(protoBefore);
  });
  afterAll(async () => {
    await svc?.stopAll();
  });

  // Each phase of a live retro in turn (twice: the second round's retro opens with the first round's actions).
  const schedule: RetroPhase[] = ['opening', 'collect', 'group', 'vote', 'whys', 'actions', 'closed'];
  for (const round of [1, 2]) {
    for (const phase of schedule) {
      it(
        `round ${round}, retro in ${phase}: every submit gets 200 or a clear 4xx; refused ones change nothing; accepted ones store well-formed documents`,
        async () => {
          await driveTo(phase);
          await fc.assert(
            fc.asyncProperty(submit, async (s) => {
              const { value, userId } = await resolve(s.value, s.actor, s.personal);
              const what = `submit by ${userId}${s.personal ? ' (1:1)' : ''}: ${JSON.stringify(value).slice(0, 400)}`;
              const teamId = s.personal ? `fuzz-dm-${userId}` : CHAT;
              const before = snapshot(svc.db, { ignoreActivityMarks: true });
              const first = await turn(userId, value, {
                personal: s.personal,
                ...(s.replyToId ? { replyToId: s.replyToId } : {}),
              });
              assertClearAnswer(first.answer, what, { botEndpoint: true });
              const after = snapshot(svc.db, { ignoreActivityMarks: true });
              if (first.answer.status >= 400) {
                // Refused before the bot (the activity's shape, e.g. an over-long replyToId): nothing at all may change.
                assertUnchanged(before, after, what);
                return;
              }
              const texts = first.replies.map((r) => r.text ?? '');
              for (const t of texts) expect(t.toLowerCase(), `${what}\n→ ${t}`).not.toContain(TURN_FAILED);

              const action = parseCardAction(value);
              const retroId = typeof value.retroId === 'string' ? value.retroId : undefined;
              const unknownRetro =
                action !== undefined &&
                action.verb.startsWith('retro-') &&
                action.verb !== 'retro-start' &&
                (!retroId || !(await svc.store.retros.get({ ...key(teamId), id: retroId })));
              const refused =
                first.replies.length > 0 &&
                first.replies.every((r) => !r.attachments?.length && r.text !== undefined && isRefusal(r.text));
              if (!action) {
                // Not a card action this bot knows: it says so, and nothing else happens.
                expect(texts.join(' | '), what).toContain('That button is no longer valid');
                assertUnchanged(before, after, `${what} (not a known action)`);
              } else if (unknownRetro) {
                assertUnchanged(before, after, `${what} (a retro that is not this team's)`);
              } else if (refused) {
                assertUnchanged(before, after, `${what} (refused: ${texts.join(' | ')})`);
              } else {
                assertRowsWellFormed(changedRows(before, after), what);
              }

              if (s.redeliver) {
                const again = await turn(userId, value, { personal: s.personal, id: first.id });
                assertClearAnswer(again.answer, `${what} (redelivered)`, { botEndpoint: true });
                assertUnchanged(after, snapshot(svc.db, { ignoreActivityMarks: true }), `${what} (redelivered)`);
              }
            }),
            fuzzParams(12),
          );
          await assertStoreIntegrity(svc.db, svc.store);
        },
        FUZZ_TEST_TIMEOUT_MS,
      );
    }
  }

  it(
    'a 1:1 chat and another team never see this retro: well-formed submits with its ids change nothing there',
    async () => {
      const r = (await retros())[0]!;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            'retro-card',
            'retro-vote',
            'retro-next',
            'retro-merge',
            'retro-why',
            'retro-action',
            'retro-agreement',
            'retro-handover',
          ),
          fc.constantFrom(...PEOPLE),
          async (verbName, userId) => {
            const value = {
              verb: verbName,
              retroId: r.id,
              column: TEMPLATES[r.template].columns[0]!.key,
              text: 'x',
              targetId: r.cards[0]?.id ?? 'c',
              phase: r.phase,
              ids: r.cards.map((c) => c.id).join(','),
              chainId: r.whys?.[0]?.id ?? 'w',
              level: 1,
              why: 'because',
              title: 'T',
              owner: PEOPLE[1],
              due: '2099-01-01',
              kind: 'max-attendees',
              value: '8',
              to: PEOPLE[2],
            };
            const before = snapshot(svc.db, { ignoreActivityMarks: true });
            const t = await turn(userId, value, { personal: true });
            assertClearAnswer(t.answer, verbName, { botEndpoint: true });
            assertUnchanged(
              before,
              snapshot(svc.db, { ignoreActivityMarks: true }),
              `${verbName} from a 1:1 chat with the group's retro id`,
            );
          },
        ),
        fuzzParams(16),
      );
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  // Found by this fuzzing and fixed: addAgreement stored the agreement before the phase check refused it.
  it(
    'a retro-agreement refused for the wrong phase leaves no agreement behind',
    async () => {
      await driveTo('collect');
      const r = (await retros())[0]!;
      const before = snapshot(svc.db, { ignoreActivityMarks: true });
      const t = await turn(r.facilitatorId, {
        verb: 'retro-agreement',
        retroId: r.id,
        kind: 'max-attendees',
        value: '7',
      });
      expect(t.replies.map((x) => x.text)).toEqual([RETRO_MESSAGES['wrong-phase']]);
      assertUnchanged(before, snapshot(svc.db, { ignoreActivityMarks: true }), 'retro-agreement in collect');
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
