import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekOf, type Store } from '@humandebt/core';
import { GROUP, MEMBERS, TENANT, cardOf, harness, submits, type Harness } from '../teams/harness';

/**
 * After a retro with anonymous cards and votes and a full pulse round, every stored document is scanned: anonymous
 * cards carry no author, answers carry no user id or name, and the only places a member id may appear are the ones
 * that are about that member by design (roster, actions they own, the facilitator role, idempotency keys of 1:1
 * messages sent to them).
 */
async function everything(store: Store) {
  const repos = {
    team: store.teams,
    member: store.members,
    retro: store.retros,
    action: store.actions,
    agreement: store.agreements,
    response: store.responses,
    rollup: store.rollups,
    meetingLoad: store.meetingLoad,
    processed: store.processed,
    lease: store.leases,
    grant: store.grants,
  };
  const out: Record<string, unknown[]> = {};
  for (const [k, r] of Object.entries(repos))
    out[k] = await (r as { listTenantPage(t: string, l: number): Promise<unknown[]> }).listTenantPage(TENANT, 100_000);
  return out;
}

describe('privacy scan of the store after a retro and a pulse round', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    await h.install();
    await h.say('u1', 'retro start-stop-continue');
    const [retro] = await h.store.retros.listByTeam(TENANT, GROUP);
    await h.submit('u1', { verb: 'retro-next', retroId: retro!.id, phase: 'opening' });
    for (const m of MEMBERS)
      await h.submit(m.id, {
        verb: 'retro-card',
        retroId: retro!.id,
        column: 'start',
        text: `My own idea, signed ${m.name}?`,
      });
    await h.submit('u1', { verb: 'retro-next', retroId: retro!.id, phase: 'collect' });
    await h.submit('u1', { verb: 'retro-next', retroId: retro!.id, phase: 'group' });
    const cards = (await h.store.retros.get({ tenantId: TENANT, teamId: GROUP, id: retro!.id }))!.cards;
    for (const m of MEMBERS) await h.submit(m.id, { verb: 'retro-vote', retroId: retro!.id, targetId: cards[0]!.id });

    await h.say('u1', 'pulse');
    for (const m of MEMBERS) {
      const card = h.messenger.toUsers.find((x) => x.userId === m.id)!.message as Partial<Activity>;
      const value: Record<string, unknown> = { ...submits(card)[0]!, comment: `I am ${m.name}` };
      delete value.title;
      for (const e of (cardOf(card)!.body as Array<{ id?: string }>).filter((e) => e.id?.startsWith('item:')))
        value[e.id!] = '4';
      await h.submit(m.id, value, {
        conversation: { id: `dm-${m.id}`, conversationType: 'personal', tenantId: TENANT } as Activity['conversation'],
      });
    }
  });
  afterAll(async () => h?.close());

  it('stores the answers and the votes it was given', async () => {
    expect(await h.store.responses.listByPulse(TENANT, GROUP, isoWeekOf(h.clock.now))).toHaveLength(MEMBERS.length);
    const [retro] = await h.store.retros.listByTeam(TENANT, GROUP);
    expect(Object.values(retro!.voteTotals).reduce((a, b) => a + b, 0)).toBe(MEMBERS.length);
  });

  it('finds no author on anonymous cards and no member id or name on answers, rollups or ballots', async () => {
    const all = await everything(h.store);
    const ids = MEMBERS.map((m) => m.id);
    const names = MEMBERS.flatMap((m) => m.name.split(' '));
    const mentions = (doc: unknown, words: readonly string[]) => {
      const text = JSON.stringify(doc);
      return words.filter((w) => new RegExp(`(^|[^A-Za-z0-9])${w}([^A-Za-z0-9]|$)`).test(text));
    };
    for (const doc of [...all.response!, ...all.rollup!]) {
      expect(mentions(doc, ids)).toEqual([]);
      expect(mentions(doc, names)).toEqual([]);
      expect(Object.keys(doc as object)).not.toContain('userId');
    }
    for (const retro of all.retro as Array<{
      cards: object[];
      facilitatorId: string;
      facilitatorHistory?: unknown;
      votesUsed: object;
      ballots?: object;
      contributors?: string[];
    }>) {
      for (const c of retro.cards) expect(Object.keys(c)).not.toContain('authorId');
      // Votes and writers are kept under pseudonyms; the facilitator is a role, recorded by id on purpose.
      expect(
        mentions(
          {
            votesUsed: retro.votesUsed,
            ballots: retro.ballots,
            contributors: retro.contributors,
            cards: retro.cards.map((c) => ({ ...c, text: '' })),
          },
          ids,
        ),
      ).toEqual([]);
    }
    // Comments: the team (6 people) is below the comment threshold, so none was stored at all.
    expect(JSON.stringify(all.response)).not.toContain('I am ');
  });
});
