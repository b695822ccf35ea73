import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import type { RetroDoc } from '@humandebt/core';
import { cardBytes, MAX_CARD_BYTES } from '../../src/teams/cards/elements';
import {
  cardOf,
  cardText,
  executes,
  harness,
  invokeCard,
  MEMBERS,
  submits,
  TENANT,
  GROUP,
  type Harness,
} from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(async () => {
  await h.close();
});

async function theRetro(): Promise<RetroDoc> {
  const all = await h.store.retros.listByTeam(TENANT, GROUP);
  expect(all).toHaveLength(1);
  return all[0]!;
}

const lastCard = (sent: Partial<Activity>[]) => [...sent].reverse().find((a) => a.attachments?.length);
const texts = (sent: Partial<Activity>[]) => sent.map((a) => a.text ?? '').join('\n');

async function startAndCollect(template = 'start-stop-continue'): Promise<RetroDoc> {
  await h.install();
  const started = await h.say('u1', `retro ${template}`);
  expect(cardText(lastCard(started))).toContain('Opening');
  const r = await theRetro();
  await h.submit('u1', { verb: 'retro-next', retroId: r.id, phase: 'opening' });
  return theRetro();
}

async function next(userId: string, phase: RetroDoc['phase']) {
  const r = await theRetro();
  return h.submit(userId, { verb: 'retro-next', retroId: r.id, phase });
}

describe('retro conversation (TestAdapter, real SQLite store)', () => {
  it('install records the roster (installer is owner) and shows the welcome card with a start button', async () => {
    const sent = await h.install();
    expect(cardText(sent[0])).toContain('Welcome to Human Debt');
    expect(submits(sent[0]).map((s) => s.verb)).toContain('retro-start');
    const roster = await h.store.members.listByTeam(TENANT, GROUP);
    expect(roster.map((m) => m.id).sort()).toEqual(MEMBERS.map((m) => m.id));
    expect(roster.find((m) => m.id === 'u1')?.role).toBe('owner');
    expect(roster.filter((m) => m.role === 'owner')).toHaveLength(1);
    const team = await h.store.teams.get({ tenantId: TENANT, teamId: GROUP, id: GROUP });
    expect(team?.conversation?.conversationId).toBe(GROUP);
  });

  it('runs a full retro with six members from start to summary', async () => {
    let r = await startAndCollect();
    expect(r.phase).toBe('collect');
    // Collect: every member writes two cards; the shared card shows only counts and is updated in place.
    for (const m of MEMBERS) {
      await h.submit(
        m.id,
        { verb: 'retro-card', retroId: r.id, column: 'start', text: `start idea from ${m.id.replace('u', 'n')}` },
        { replyToId: r.cardActivityId },
      );
      await h.submit(
        m.id,
        { verb: 'retro-card', retroId: r.id, column: 'stop', text: `stop idea ${m.id.replace('u', 'n')}` },
        { replyToId: r.cardActivityId },
      );
    }
    const lastUpdate = h.adapter.updates.at(-1);
    expect(cardText(lastUpdate)).toContain('12 cards from 6 people');
    expect(cardText(lastUpdate)).not.toMatch(/idea/);
    r = await theRetro();
    expect(r.cards).toHaveLength(12);
    for (const c of r.cards) expect(c).not.toHaveProperty('authorId');
    // Only the facilitator (a role, not an author) is stored by id; nothing about who wrote which card.
    expect(JSON.stringify({ ...r, facilitatorId: undefined, facilitatorHistory: undefined })).not.toMatch(/"u[1-6]"/);
    expect(r.contributors).toHaveLength(6);

    // Non-facilitator cannot advance.
    expect(texts(await next('u2', 'collect'))).toContain('Only the facilitator');
    // Reveal: shuffled, no names.
    const revealed = await next('u1', 'collect');
    const revealText = cardText(lastCard(revealed));
    expect(revealText).toContain('12 cards, shuffled, no names');
    // Only the facilitator's name appears (as facilitator); no author anywhere.
    for (const m of MEMBERS.slice(1)) expect(revealText).not.toContain(m.name.split(' ')[1]!);
    r = await theRetro();
    const [a, b, c] = r.cards;
    await h.submit('u1', {
      verb: 'retro-merge',
      retroId: r.id,
      ids: `${a!.id},${b!.id},${c!.id}`,
      title: 'Release pain',
    });
    r = await theRetro();
    expect(r.themes).toHaveLength(1);

    // Vote: each person up to three votes, one per item; totals hidden until close. Vote buttons are Universal
    // Actions: the answer (remaining votes, own ticks) goes to the voter alone, nothing is posted to the chat.
    const voting = await next('u1', 'group');
    const votingCard = cardOf(lastCard(voting));
    expect(votingCard?.refresh).toMatchObject({ action: { type: 'Action.Execute', verb: 'retro-my-votes' } });
    const voteButtons = executes(lastCard(voting)).filter((s) => s.verb === 'retro-vote');
    expect(voteButtons.length).toBe(10); // 1 theme + 9 loose cards
    expect(submits(lastCard(voting)).filter((s) => s.verb === 'retro-vote')).toEqual([]);
    const themeVote = voteButtons.find((v) => String(v.targetId).startsWith('theme-'))!;
    for (const m of MEMBERS) {
      // People vote some seconds apart; the shared card's voter count refreshes at most every 10 s.
      h.clock.now = new Date(h.clock.now.getTime() + 11_000);
      const updatesBefore = h.adapter.updates.length;
      const first = await h.execute(m.id, { verb: 'retro-vote', retroId: r.id, targetId: themeVote.targetId });
      expect(h.adapter.updates.length).toBe(updatesBefore + 1);
      expect(first.status).toBe(200);
      expect(first.sent.filter((a) => a.type === 'message')).toEqual([]);
      expect(cardText(invokeCard(first.body))).toContain('2 votes left');
      await h.execute(m.id, { verb: 'retro-vote', retroId: r.id, targetId: voteButtons[1]!.targetId });
      const third = await h.execute(m.id, { verb: 'retro-vote', retroId: r.id, targetId: voteButtons[2]!.targetId });
      const thirdCard = invokeCard(third.body);
      expect(cardText(thirdCard)).toContain('used all your votes');
      // The voter's own ticks replace the three Vote buttons they used; the others' votes are not in their card.
      expect(cardText(thirdCard).match(/✓ Your vote/g)).toHaveLength(3);
      expect(executes(thirdCard).filter((x) => x.verb === 'retro-vote')).toHaveLength(7);
      // In one's own view, only the facilitator has the facilitator's controls.
      expect(submits(thirdCard).some((x) => x.verb === 'retro-next')).toBe(m.id === 'u1');
      const fourth = await h.execute(m.id, { verb: 'retro-vote', retroId: r.id, targetId: voteButtons[3]!.targetId });
      expect(cardText(invokeCard(fourth.body))).toContain('You have used all your votes.');
      // A person's later votes do not change the voter count: no outbound card update for them.
      expect(h.adapter.updates.length).toBe(updatesBefore + 1);
    }
    // Someone who has not voted sees their own fresh view (the card's refresh), with every Vote button.
    const outsider = await h.execute('u9', { verb: 'retro-my-votes', retroId: r.id });
    expect(cardText(invokeCard(outsider.body))).toContain('3 votes left');
    expect(cardText(invokeCard(outsider.body))).not.toContain('✓ Your vote');
    const duringVote = h.adapter.updates.at(-1);
    expect(cardText(duringVote)).toContain('6 people have voted');
    expect(cardText(duringVote)).not.toMatch(/\b6 votes\b/);
    expect(cardText(duringVote)).not.toContain('✓ Your vote');
    r = await theRetro();
    expect(Object.keys(r.votesUsed).every((k) => !/^u\d$/.test(k))).toBe(true);

    // Whys on the top item; blame is refused.
    const whys = await next('u1', 'vote');
    expect(cardText(lastCard(whys))).toContain('Release pain');
    r = await theRetro();
    const chain = r.whys![0]!;
    const blamed = await h.submit('u3', {
      verb: 'retro-why',
      retroId: r.id,
      chainId: chain.id,
      level: 1,
      why: 'because Grace forgot the checklist',
    });
    expect(texts(blamed)).toContain('system or process cause');
    await h.submit('u3', {
      verb: 'retro-why',
      retroId: r.id,
      chainId: chain.id,
      level: 1,
      why: 'the release checklist is optional',
    });
    await h.submit('u4', {
      verb: 'retro-why',
      retroId: r.id,
      chainId: chain.id,
      level: 2,
      why: 'nobody owns the release process',
    });
    await h.submit('u1', { verb: 'retro-why-done', retroId: r.id, chainId: chain.id });
    r = await theRetro();
    expect(r.whys![0]).toMatchObject({
      answers: ['the release checklist is optional', 'nobody owns the release process'],
      done: true,
    });

    // Actions and agreements.
    await next('u1', 'whys');
    const bad = await h.submit('u2', {
      verb: 'retro-action',
      retroId: r.id,
      title: '',
      owner: 'nobody',
      due: '2020-01-01',
      target: 'x',
    });
    expect(texts(bad)).toContain('Pick an owner');
    await h.submit('u2', {
      verb: 'retro-action',
      retroId: r.id,
      title: 'Make a release owner rota',
      owner: 'u2',
      due: '2026-12-10',
      target: 'dimension:structure-clarity',
    });
    await h.submit('u2', {
      verb: 'retro-action',
      retroId: r.id,
      title: 'Make a release owner rota',
      owner: 'u2',
      due: '2026-12-10',
      target: 'dimension:structure-clarity',
    });
    await h.submit('u5', { verb: 'retro-agreement', retroId: r.id, kind: 'no-meetings-after', value: '16:00' });
    const actions = await h.store.actions.listByTeam(TENANT, GROUP);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      ownerId: 'u2',
      ownerName: 'Grace Hopper',
      due: '2026-12-10',
      target: { kind: 'dimension', key: 'structure-clarity' },
      sourceRetroId: r.id,
    });
    expect(await h.store.agreements.listByTeam(TENANT, GROUP)).toHaveLength(1);

    // Close: summary with revealed votes.
    const closed = await next('u1', 'actions');
    const summary = cardText(lastCard(closed));
    expect(summary).toContain('Retro summary');
    expect(summary).toContain('6 votes — Release pain');
    expect(summary).toContain('Make a release owner rota');
    expect(summary).toContain('No meetings after 16\\:00');
    expect((await theRetro()).phase).toBe('closed');
  });

  it('counts concurrent votes exactly once each', async () => {
    let r = await startAndCollect();
    for (let i = 0; i < 6; i++)
      await h.submit(MEMBERS[i]!.id, { verb: 'retro-card', retroId: r.id, column: 'start', text: `card ${i}` });
    await next('u1', 'collect');
    await next('u1', 'group');
    r = await theRetro();
    const targets = r.cards.slice(0, 3).map((c) => c.id);
    // Six people, three votes each, all at once, plus every vote delivered twice with a new activity id (double click).
    await Promise.all(
      MEMBERS.flatMap((m) =>
        targets.flatMap((t) => [
          h.submit(m.id, { verb: 'retro-vote', retroId: r.id, targetId: t }),
          h.submit(m.id, { verb: 'retro-vote', retroId: r.id, targetId: t }),
        ]),
      ),
    );
    r = await theRetro();
    expect(Object.values(r.votesUsed)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(targets.map((t) => r.voteTotals[t])).toEqual([6, 6, 6]);
  });

  it('counts concurrent Universal Action votes exactly once each, redeliveries included', async () => {
    let r = await startAndCollect();
    for (let i = 0; i < 6; i++)
      await h.submit(MEMBERS[i]!.id, { verb: 'retro-card', retroId: r.id, column: 'start', text: `card ${i}` });
    await next('u1', 'collect');
    await next('u1', 'group');
    r = await theRetro();
    const targets = r.cards.slice(0, 4).map((c) => c.id);
    // Everyone presses four Vote buttons at once (budget 3), and Teams redelivers every invoke with the same id.
    const answers = await Promise.all(
      MEMBERS.flatMap((m, i) =>
        targets.flatMap((t) => {
          const same = { id: `inv-${i}-${t}` };
          return [
            h.execute(m.id, { verb: 'retro-vote', retroId: r.id, targetId: t }, same),
            h.execute(m.id, { verb: 'retro-vote', retroId: r.id, targetId: t }, same),
          ];
        }),
      ),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    r = await theRetro();
    expect(Object.values(r.votesUsed)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(targets.reduce((n, t) => n + (r.voteTotals[t] ?? 0), 0)).toBe(18);
    expect(r.ballots).toHaveLength(18);
  });

  it('answers a Universal Action it does not know, or with bad data, with a clear 400 and changes nothing', async () => {
    const r = await startAndCollect();
    const before = await theRetro();
    const unknown = await h.execute('u2', { verb: 'retro-next', retroId: r.id, phase: 'collect' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ type: 'application/vnd.microsoft.error', value: { code: 'BadRequest' } });
    const bad = await h.execute('u2', { verb: 'retro-vote', retroId: '', targetId: 42 });
    expect(bad.status).toBe(400);
    const wrongPhase = await h.execute('u2', { verb: 'retro-vote', retroId: r.id, targetId: 'card-x' });
    expect(wrongPhase.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(String(wrongPhase.body?.value)).toMatch(/not the time|phase|step/i);
    expect(await theRetro()).toEqual(before);
  });

  it('ignores a duplicate delivery of the same activity', async () => {
    const r = await startAndCollect();
    const activity = { id: 'same-activity-id' };
    await h.submit('u2', { verb: 'retro-card', retroId: r.id, column: 'start', text: 'once' }, activity);
    const again = await h.submit('u2', { verb: 'retro-card', retroId: r.id, column: 'start', text: 'once' }, activity);
    expect(again).toEqual([]);
    expect((await theRetro()).cards).toHaveLength(1);
    // A repeated "next" for a phase already left changes nothing.
    await next('u1', 'collect');
    await h.submit('u1', { verb: 'retro-next', retroId: r.id, phase: 'collect' });
    expect((await theRetro()).phase).toBe('group');
  });

  it('hands the facilitator role over, and passes it on when the facilitator leaves', async () => {
    const r = await startAndCollect();
    await h.submit('u1', { verb: 'retro-handover', retroId: r.id, to: 'u2' });
    expect((await theRetro()).facilitatorId).toBe('u2');
    expect(texts(await next('u1', 'collect'))).toContain('Only the facilitator');
    await h.adapter.processActivity(
      {
        type: 'conversationUpdate',
        id: 'leave-1',
        channelId: 'msteams',
        serviceUrl: 'https://smba.example/',
        conversation: { id: GROUP, conversationType: 'groupChat', isGroup: true, tenantId: TENANT, name: 'x' },
        channelData: { tenant: { id: TENANT } },
        from: { id: '29:u1', name: 'Ada' },
        recipient: { id: 'bot-1', name: 'Human Debt' },
        membersRemoved: [{ id: '29:u2', name: 'Grace Hopper', aadObjectId: 'u2' }],
      } as Partial<Activity>,
      (ctx) => h.bot.run(ctx),
    );
    // The previous facilitator (u1) is still here and takes the role back.
    expect((await theRetro()).facilitatorId).toBe('u1');
    expect(await h.store.members.get({ tenantId: TENANT, teamId: GROUP, id: 'u2' })).toBeUndefined();
    await next('u1', 'collect');
    expect((await theRetro()).phase).toBe('group');
  });

  it('escapes malicious card text (Markdown, HTML, mention injection) everywhere it is shown', async () => {
    let r = await startAndCollect();
    const evil =
      '**BOLD** [click](https://evil.example) <at>Grace Hopper</at> <img src=x onerror=alert(1)> # heading\n- list ![i](https://x/y.png)';
    await h.submit('u3', { verb: 'retro-card', retroId: r.id, column: 'start', text: evil });
    await h.submit('u4', { verb: 'retro-card', retroId: r.id, column: 'start', text: 'plain' });
    const revealed = cardText(lastCard(await next('u1', 'collect')));
    const line = revealed.split('\n').find((l) => l.includes('BOLD'))!;
    expect(line).toBeDefined();
    // Every Markdown/HTML metacharacter is backslash-escaped; no raw tag, link or emphasis survives.
    expect(line).not.toMatch(/(^|[^\\])(\*\*|\[|\]\(|<at>|<img|!\[)/);
    expect(line).not.toContain('\n');
    r = await theRetro();
    expect(r.cards.find((c) => c.text.includes('BOLD'))!.text).not.toContain('\n');
  });

  it('keeps every card of a 60-card retro under 28 KB, paging where needed', async () => {
    let r = await startAndCollect();
    const long = (i: number) => `${'Ünïcødé & <b>markup</b> **x** '.repeat(9)}#${i}`.slice(0, 280);
    for (let i = 0; i < 60; i++)
      await h.submit(MEMBERS[i % 6]!.id, {
        verb: 'retro-card',
        retroId: r.id,
        column: ['start', 'stop', 'continue'][i % 3],
        text: long(i),
      });
    r = await theRetro();
    expect(r.cards).toHaveLength(60);
    const sizes: number[] = [];
    const check = (a: Partial<Activity> | undefined) => {
      const c = cardOf(a);
      expect(c).toBeDefined();
      sizes.push(cardBytes(c as never));
    };
    const grouping = await next('u1', 'collect');
    check(lastCard(grouping));
    expect(cardText(lastCard(grouping))).toContain('Page 1 of 4');
    for (let p = 1; p < 4; p++) {
      await h.submit('u1', { verb: 'retro-page', retroId: r.id, page: p }, { replyToId: 'card' });
      check(h.adapter.updates.at(-1));
    }
    const voting = await next('u1', 'group');
    check(lastCard(voting));
    for (let p = 1; p < 4; p++) {
      await h.submit('u1', { verb: 'retro-page', retroId: r.id, page: p }, { replyToId: 'card' });
      check(h.adapter.updates.at(-1));
    }
    r = await theRetro();
    for (const c of r.cards.slice(0, 3))
      for (const m of MEMBERS) await h.submit(m.id, { verb: 'retro-vote', retroId: r.id, targetId: c.id });
    check(lastCard(await next('u1', 'vote')));
    check(lastCard(await next('u1', 'whys')));
    check(lastCard(await next('u1', 'actions')));
    expect(Math.max(...sizes)).toBeLessThan(MAX_CARD_BYTES);
  });

  it('"last three disasters" digs into the three incidents the team voted highest', async () => {
    let r = await startAndCollect('last-three-disasters');
    for (let i = 0; i < 5; i++)
      await h.submit(MEMBERS[i]!.id, {
        verb: 'retro-card',
        retroId: r.id,
        column: 'disaster',
        text: `outage number ${i}`,
      });
    await next('u1', 'collect');
    await next('u1', 'group');
    r = await theRetro();
    for (const m of MEMBERS)
      for (const c of r.cards.slice(0, 3)) await h.submit(m.id, { verb: 'retro-vote', retroId: r.id, targetId: c.id });
    await next('u1', 'vote');
    r = await theRetro();
    expect(r.whys).toHaveLength(3);
    expect(r.whys!.map((w) => w.targetId).sort()).toEqual(
      r.cards
        .slice(0, 3)
        .map((c) => c.id)
        .sort(),
    );
  });

  it('opening reviews open actions; dropping one takes a team majority', async () => {
    await h.install();
    await h.store.actions.create({
      tenantId: TENANT,
      teamId: GROUP,
      id: 'old-1',
      type: 'action',
      title: 'Stale thing',
      ownerId: 'u2',
      ownerName: 'Grace Hopper',
      due: '2026-10-01',
      status: 'open',
      createdAt: '2026-09-01T00:00:00Z',
    });
    const opening = await h.say('u1', 'retro mad-sad-glad');
    expect(cardText(lastCard(opening))).toContain('Stale thing');
    const r = await theRetro();
    for (const m of MEMBERS.slice(0, 3)) await h.submit(m.id, { verb: 'retro-drop', retroId: r.id, actionId: 'old-1' });
    expect((await h.store.actions.get({ tenantId: TENANT, teamId: GROUP, id: 'old-1' }))?.status).toBe('open');
    const fourth = await h.submit('u4', { verb: 'retro-drop', retroId: r.id, actionId: 'old-1' });
    expect(texts(fourth)).toContain('voted to drop');
    expect((await h.store.actions.get({ tenantId: TENANT, teamId: GROUP, id: 'old-1' }))?.status).toBe('dropped');
  });
});
