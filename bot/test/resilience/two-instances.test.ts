/**
 * Two service instances on one store run a retro together. Two real processes of the built service
 * share one SQLite file (WAL), each on its own port, each with the scheduler ticking every 200 ms. A six-person retro
 * runs from start to close with every card and vote sent to one instance, the other, or both at once with the same
 * activity id (a redelivery), plus double clicks (same intent, new activity id). The totals must equal the distinct
 * acknowledged votes, every acknowledged card must be there once, the summary must agree; the weekly pulse (made due
 * for this team) and the reminder of an action due today must reach each person exactly once although both instances
 * run the scheduler.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore, isoWeekOf, TENANT_SCOPE, type RetroDoc, type Store, type TeamDoc } from '@humandebt/core';
import { SqliteBackend } from '../../src/store/sqlite.store';
import {
  choicesOf,
  deliver,
  GroupChat,
  isPulseCard,
  parseSummary,
  prng,
  retroCardOf,
  saidOf,
  sixMembers,
  spawnService,
  startFakeConnector,
  submitsOf,
  voteCounted,
  waitFor,
  type Reply,
  type ServiceProcess,
} from './support';

const TENANT = 'tenant-two';
const CHAT = 'chat-two-instances';
/** Cards per person: enough concurrent writes of the one retro document from both processes to make their
 * read-modify-writes overlap (a lost update shows up as a missing card or vote). */
const CARDS_EACH = Number(process.env.HD_TWO_CARDS_EACH ?? 8);
const dir = mkdtempSync(join(tmpdir(), 'hd-two-'));
const file = join(dir, 'shared.sqlite');
const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

function openTestStore(): Store {
  return createStore(new SqliteBackend({ file, synchronous: 'NORMAL' }));
}

/** A time zone in which it is not the last minute of the day now (the working day is 00:00–23:59, all seven days). */
function zoneWithRoom(): string {
  for (const tz of ['UTC', 'Etc/GMT-3', 'Etc/GMT+3']) {
    const hhmm = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date());
    if (hhmm < '23:58' && hhmm > '00:00') return tz;
  }
  return 'UTC';
}

/** The holder of the probe lease planted by schedulerTicks. */
const PROBE = 'test-probe';

/**
 * Resolves once the instances' schedulers have run `ticks` more ticks, counted on the store, so a test can wait for
 * work to be repeated (or not) without guessing how long ticks take on this machine. Every tick of either instance
 * tries to take the tenant's reminders lease and, having it, gives it back as its last step. A lease planted here as
 * one left expired by a crashed holder is taken over and deleted by the next tick of either instance; each round
 * plants one (once the lease is free) and waits for it to go.
 */
async function schedulerTicks(store: Store, ticks: number): Promise<void> {
  const lease = { tenantId: TENANT, teamId: TENANT_SCOPE, id: 'reminders' };
  for (let tick = 1; tick <= ticks; tick++) {
    await waitFor(
      async () => (await store.leases.tryAcquire(TENANT, 'reminders', PROBE, 1, 0)) !== undefined,
      60_000,
      'a free reminders lease to plant the probe in',
    );
    await waitFor(
      async () => (await store.leases.get(lease))?.holder !== PROBE,
      60_000,
      `scheduler tick ${tick} of ${ticks} (the probe lease to be taken over)`,
    );
  }
}

describe('two service instances on one store', () => {
  it('run a retro together: no lost or doubled cards or votes, summary consistent, scheduled pulse and reminder sent once', async () => {
    const connector = await startFakeConnector();
    cleanup.push(() => connector.close());
    const members = sixMembers('u');
    const [owner] = members as [(typeof members)[0]];
    const chat = new GroupChat(TENANT, CHAT, connector.url);

    // The team exists with pulses off, so no pulse can go out while the roster is still being recorded; the working
    // week is every day so the pulse is due whenever the test runs. Everything after this goes through the bot.
    const setup = openTestStore();
    const team: TeamDoc = {
      tenantId: TENANT,
      teamId: CHAT,
      id: CHAT,
      type: 'team',
      name: 'Resilience chat',
      settings: {
        kThreshold: 5,
        timeZone: 'UTC',
        workingHours: { start: '00:00', end: '23:59', days: [1, 2, 3, 4, 5, 6, 7] },
        pulseCadence: 'off',
      },
      createdAt: new Date().toISOString(),
    };
    await setup.teams.create(team);
    await setup.close();

    const env = {
      SQLITE_FILE: file,
      SQLITE_SYNCHRONOUS: 'NORMAL',
      DEV_TENANT_ID: TENANT,
      SCHEDULER_INTERVAL_MS: '200',
      RATE_LIMIT_USER_PER_MINUTE: '100000',
    };
    const [a, b] = await Promise.all([spawnService(env), spawnService(env)]);
    cleanup.push(
      () => a.kill(),
      () => b.kill(),
    );
    const instances: ServiceProcess[] = [a, b];
    const both = async (activity: Record<string, unknown>): Promise<Reply[]> =>
      Promise.all(instances.map((s) => deliver(s.url, activity)));

    // Install (roster from membersAdded), delivered to both.
    for (const r of await both(chat.install(owner, members))) expect(r.status).toBe(200);
    // Pulses on, through the owner's settings card submit.
    const saved = await deliver(
      a.url,
      chat.submit(owner, {
        verb: 'settings-save',
        k: '5',
        cadence: 'weekly',
        start: '00:00',
        end: '23:59',
        timeZone: zoneWithRoom(),
      }),
    );
    expect(saved.ok).toBe(true);
    expect(saidOf(saved).join(' ')).toMatch(/Settings saved/);

    // Start: the same "retro ssc" delivered to both instances at once makes one retro.
    const started = await both(chat.text(owner, 'retro ssc'));
    expect(started.every((r) => r.ok)).toBe(true);
    const cards = started.map((r) => retroCardOf(r.activities)).filter((c) => c !== undefined);
    expect(cards).toHaveLength(1);
    const retroId = cards[0]!.retroId;

    const next = async (phase: string, to: ServiceProcess[] = instances): Promise<Record<string, unknown>[]> => {
      const act = chat.submit(owner, { verb: 'retro-next', retroId, phase });
      const replies = await Promise.all(to.map((s) => deliver(s.url, act)));
      expect(
        replies.every((r) => r.ok),
        JSON.stringify(replies.map((r) => r.error)),
      ).toBe(true);
      return replies.flatMap((r) => r.activities);
    };

    const collectCard = await next('opening');
    const columns = choicesOf(collectCard, 'column');
    expect(columns.length).toBeGreaterThanOrEqual(3);

    // Collect: 6 × CARDS_EACH cards, all at once; each one to A, to B, to both at once, or to A and again (redelivered) to B.
    const rnd = prng(8);
    const cardPlans = members.flatMap((m, i) =>
      Array.from({ length: CARDS_EACH }, (_, k) => ({
        m,
        text: `Card ${k + 1} of ${m.name}: build queue slow ${i}-${k}`,
        column: columns[(i + k) % columns.length]!,
        route: (i * 4 + k + i) % 4,
      })),
    );
    const cardResults = await Promise.all(
      cardPlans.map(async (p) => {
        const act = chat.submit(p.m, { verb: 'retro-card', retroId, column: p.column, text: p.text });
        const replies =
          p.route === 0
            ? [await deliver(a.url, act)]
            : p.route === 1
              ? [await deliver(b.url, act)]
              : p.route === 2
                ? await both(act)
                : [await deliver(a.url, act), await deliver(b.url, act)];
        return { ...p, acked: replies.some((r) => r.ok), replies };
      }),
    );
    const ackedCards = cardResults.filter((c) => c.acked).map((c) => c.text);
    expect(ackedCards).toHaveLength(6 * CARDS_EACH);

    await next('collect');
    const voteCard = await next('group');
    const voteCardInfo = retroCardOf(voteCard)!;
    const targets = [...new Set(voteCardInfo.voteTargets)];
    console.log(`[two-instances] vote buttons are ${voteCardInfo.voteButton}`);
    // The card shows the first page of items (15); people vote on those.
    expect(targets).toHaveLength(15);

    // Vote: each person double-clicks a first item, then tries three more (budget three); every click is
    // delivered to A, B, or both with the same activity id. All at once, across both instances.
    const voteIntents = members.flatMap((m) => {
      const picks = targets
        .slice()
        .sort(() => rnd() - 0.5)
        .slice(0, 4);
      return [picks[0]!, ...picks].map((targetId, n) => ({
        m,
        targetId,
        route: (n + m.id.length + Math.floor(rnd() * 3)) % 3,
      }));
    });
    const voteResults = await Promise.all(
      voteIntents.map(async (v) => {
        // Pressed as the card offers it (a Universal Action today: an invoke answered with the voter's own card).
        const act = chat.press(v.m, { verb: 'retro-vote', retroId, targetId: v.targetId }, voteCardInfo.voteButton);
        const replies =
          v.route === 0 ? [await deliver(a.url, act)] : v.route === 1 ? [await deliver(b.url, act)] : await both(act);
        expect(replies.every((r) => r.status === 200)).toBe(true);
        return { ...v, counted: replies.filter(voteCounted).length, replies };
      }),
    );
    // Exactly one "Vote counted" per acknowledged ballot, never two for one delivery pair, three per person.
    expect(voteResults.every((v) => v.counted <= 1)).toBe(true);
    const tally = new Map<string, number>();
    for (const m of members) {
      const mine = voteResults.filter((v) => v.m === m && v.counted === 1);
      expect(mine).toHaveLength(3);
      expect(new Set(mine.map((v) => v.targetId)).size).toBe(3);
      for (const v of mine) tally.set(v.targetId, (tally.get(v.targetId) ?? 0) + 1);
    }

    await next('vote');
    const actionsCard = await next('whys');
    // An action due today (its reminder is scheduled work too), submitted to both instances and once more later.
    const today = new Date().toISOString().slice(0, 10);
    const target = choicesOf(actionsCard, 'target')[0]!;
    const actionValue = {
      verb: 'retro-action',
      retroId,
      title: 'Split the build queue',
      owner: members[1]!.id,
      due: today,
      target,
    };
    const actionReplies = [
      ...(await both(chat.submit(owner, actionValue))),
      await deliver(b.url, chat.submit(owner, actionValue)),
    ];
    expect(actionReplies.every((r) => r.ok)).toBe(true);
    const closing = await next('actions');
    const summary = parseSummary(closing);
    expect(summary, 'summary card').toBeDefined();

    // The store: closed, every acknowledged card once, totals = the acknowledged ballots.
    const store = openTestStore();
    cleanup.push(() => store.close());
    const retro = (await store.retros.get({ tenantId: TENANT, teamId: CHAT, id: retroId })) as RetroDoc;
    expect(retro.phase).toBe('closed');
    expect(retro.cards.map((c) => c.text).sort()).toEqual(ackedCards.slice().sort());
    expect(retro.voteTotals).toEqual(Object.fromEntries(tally));
    expect(Object.values(retro.voteTotals).reduce((x, y) => x + y, 0)).toBe(18);
    expect(retro.ballots ?? []).toHaveLength(18);
    expect(retro.actionIds).toHaveLength(1);
    expect((await store.retros.listByTeam(TENANT, CHAT)).length).toBe(1);

    // The summary says the same.
    const textOf = new Map(retro.cards.map((c) => [c.id, c.text]));
    expect(summary!.cards).toBe(6 * CARDS_EACH);
    expect(summary!.people).toBe(6);
    expect(summary!.voters).toBe(6);
    const expectedItems = new Map([...textOf].map(([id, text]) => [text, tally.get(id) ?? 0]));
    // The card lists the top ten items.
    for (const [title, votes] of summary!.items) expect(votes).toBe(expectedItems.get(title));
    expect(summary!.items.size).toBe(10);

    // Scheduled work: the pulse reaches each of the six exactly once, the reminder its owner exactly once, even
    // though both instances tick every 200 ms. Wait for them, then for five more ticks (any double would come from
    // one of them), then stop both instances: a stop waits for a running tick to end, so after it nothing more can
    // be sent, and the counts below are final however fast or slow this machine is.
    await waitFor(
      () => {
        const dms = connector.directMessages();
        return (
          members.every((m) => (dms.get(m.id) ?? []).some(isPulseCard)) &&
          (dms.get(members[1]!.id) ?? []).some((x) => submitsOf([x]).some((s) => s.verb === 'reminder'))
        );
      },
      60_000,
      'the pulse for all six and the reminder',
    ).catch((e: Error) => {
      throw new Error(
        `${e.message}; connector saw ${JSON.stringify(connector.calls.map((c) => `${c.method} ${c.path}`).slice(-20))}; logs: ${[
          a,
          b,
        ]
          .map((s) =>
            s
              .output()
              .split('\n')
              .filter((l) => /"level":[4-6]0|sched|pulse/.test(l))
              .slice(-5)
              .join('\n'),
          )
          .join('\n')}`,
      );
    });
    await schedulerTicks(store, 5);
    // Both shut down cleanly.
    for (const s of instances) expect((await s.stop()).code).toBe(0);
    const dms = connector.directMessages();
    expect([...dms.keys()].sort()).toEqual(members.map((m) => m.id).sort());
    for (const m of members) {
      const got = dms.get(m.id) ?? [];
      expect(got.filter(isPulseCard), `pulses to ${m.id}`).toHaveLength(1);
      expect(
        got.filter((x) => submitsOf([x]).some((s) => s.verb === 'reminder')),
        `reminders to ${m.id}`,
      ).toHaveLength(m === members[1] ? 1 : 0);
    }
    expect(
      await store.processed.get({ tenantId: TENANT, teamId: CHAT, id: `job-done:pulse:${isoWeekOf(new Date())}` }),
    ).toBeDefined();

    // Neither logged an error.
    expect([...a.errorLines(), ...b.errorLines()]).toEqual([]);
  });
});
