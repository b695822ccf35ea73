import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { isoWeekOf } from '@humandebt/core';
import { cardOf, cardText, harness, GROUP, MEMBERS, submits, TENANT, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await harness();
  await h.install();
});
afterEach(async () => {
  await h.close();
});

const texts = (sent: Partial<Activity>[]) => sent.map((a) => a.text ?? '').join('\n');

describe('commands', () => {
  it('help and unknown input get the help card, never silence', async () => {
    const help = await h.say('u2', 'help');
    expect(cardText(help[0])).toContain('what I can do');
    const unknown = await h.say('u2', 'make me a sandwich');
    expect(unknown[0]?.text).toContain('did not understand');
    expect(cardOf(unknown[0])).toBeDefined();
    const badButton = await h.submit('u2', { verb: 'nope' });
    expect(badButton[0]?.text).toContain('no longer valid');
  });

  it('retro without a format shows the picker; the picker starts it', async () => {
    const picker = await h.say('u2', 'retro');
    expect(submits(picker[0]).map((s) => s.verb)).toEqual(['retro-start']);
    const started = await h.submit('u2', { verb: 'retro-start', template: '4ls' });
    expect(cardText(started.at(-1))).toContain('4Ls');
    const again = await h.say('u3', 'retro 4ls');
    expect(texts(again)).toContain('already running');
    expect(await h.store.retros.listByTeam(TENANT, GROUP)).toHaveLength(1);
  });

  it('settings and pulse are for team owners only; k can never go below 3', async () => {
    expect(texts(await h.say('u2', 'settings'))).toContain('Only team owners');
    expect(texts(await h.say('u2', 'pulse'))).toContain('Only team owners');
    expect(
      texts(
        await h.submit('u2', {
          verb: 'settings-save',
          k: '7',
          cadence: 'weekly',
          start: '09:00',
          end: '17:00',
          timeZone: 'Europe/Berlin',
        }),
      ),
    ).toContain('Only team owners');
    const card = await h.say('u1', 'settings');
    expect(cardText(card[0])).toContain('Team settings');
    expect(
      texts(
        await h.submit('u1', {
          verb: 'settings-save',
          k: '2',
          cadence: 'weekly',
          start: '09:00',
          end: '17:00',
          timeZone: 'Europe/Berlin',
        }),
      ),
    ).toContain('cannot be below 3');
    expect(
      texts(
        await h.submit('u1', {
          verb: 'settings-save',
          k: '6',
          cadence: 'weekly',
          start: '09:00',
          end: '17:00',
          timeZone: 'Mars/Base',
        }),
      ),
    ).toContain('time zone');
    expect(
      texts(
        await h.submit('u1', {
          verb: 'settings-save',
          k: '6',
          cadence: 'biweekly',
          start: '08:30',
          end: '16:30',
          timeZone: 'Europe/Berlin',
        }),
      ),
    ).toContain('at least 6');
    const team = await h.store.teams.get({ tenantId: TENANT, teamId: GROUP, id: GROUP });
    expect(team?.settings).toMatchObject({
      kThreshold: 6,
      pulseCadence: 'biweekly',
      timeZone: 'Europe/Berlin',
      workingHours: { start: '08:30', end: '16:30' },
    });
  });

  it('actions, agreements and privacy list what is stored', async () => {
    await h.store.actions.create({
      tenantId: TENANT,
      teamId: GROUP,
      id: 'a1',
      type: 'action',
      title: 'Protect *focus*',
      ownerId: 'u2',
      ownerName: 'Grace Hopper',
      due: '2026-11-01',
      status: 'open',
      createdAt: '',
    });
    const actions = cardText((await h.say('u3', 'actions'))[0]);
    expect(actions).toContain('Protect \\*focus\\*');
    expect(actions).toContain('overdue');
    expect(cardText((await h.say('u3', 'agreements'))[0])).toContain('No agreements yet');
    expect(cardText((await h.say('u3', 'privacy'))[0])).toContain('at least 5 people');
  });

  it('pulse: an owner sends it 1:1 to every member once; answers go through the one pulse path, anonymously', async () => {
    const sent = await h.say('u1', 'pulse');
    expect(texts(sent)).toContain('went to 6 people');
    expect(h.messenger.toUsers.map((m) => m.userId).sort()).toEqual(MEMBERS.map((m) => m.id));
    expect(texts(await h.say('u1', 'pulse'))).toContain('already has');
    expect(h.messenger.toUsers).toHaveLength(6);
    const card = h.messenger.toUsers.find((m) => m.userId === 'u3')!.message;
    expect(cardText(card)).toContain('no name, no user id');
    const submit = submits(card)[0]!;
    const items = (cardOf(card)!.body as Array<{ type: string; id?: string }>).filter((e) => e.id?.startsWith('item:'));
    expect(items.length).toBeGreaterThanOrEqual(3);
    const value: Record<string, unknown> = { ...submit, comment: 'fine' };
    delete value.title;
    for (const i of items) value[i.id!] = '5';
    // The answer comes back in the person's 1:1 chat.
    const personal = {
      conversation: { id: 'dm-u3', conversationType: 'personal', tenantId: TENANT } as Activity['conversation'],
    };
    expect(texts(await h.submit('u3', value, personal))).toContain('stored anonymously');
    expect(texts(await h.submit('u3', value, personal))).toContain('already answered');
    const responses = await h.store.responses.listByPulse(TENANT, GROUP, isoWeekOf(h.clock.now));
    expect(responses).toHaveLength(1);
    expect(JSON.stringify(responses[0])).not.toMatch(/u3|Turing/);
    // Someone not on the roster cannot answer the team's pulse.
    expect(texts(await h.submit('stranger', value, personal))).toContain('members of the team');
  });

  it('reminder buttons: only the owner can update; done, move date and help', async () => {
    await h.store.actions.create({
      tenantId: TENANT,
      teamId: GROUP,
      id: 'a2',
      type: 'action',
      title: 'Rota',
      ownerId: 'u2',
      ownerName: 'Grace Hopper',
      due: '2026-11-26',
      status: 'open',
      createdAt: '',
    });
    const dm = {
      conversation: { id: 'dm-u2', conversationType: 'personal', tenantId: TENANT } as Activity['conversation'],
    };
    expect(
      texts(await h.submit('u3', { verb: 'reminder', teamId: GROUP, actionId: 'a2', choice: 'done' }, dm)),
    ).toContain('Only the owner');
    expect(
      texts(
        await h.submit(
          'u2',
          { verb: 'reminder', teamId: GROUP, actionId: 'a2', choice: 'move', due: '2026-12-03' },
          dm,
        ),
      ),
    ).toContain('Moved to 2026-12-03');
    expect(
      texts(await h.submit('u2', { verb: 'reminder', teamId: GROUP, actionId: 'a2', choice: 'help' }, dm)),
    ).toContain('asked the team');
    expect(h.messenger.toConversations[0]?.message.text).toContain('would like help');
    expect(
      texts(await h.submit('u2', { verb: 'reminder', teamId: GROUP, actionId: 'a2', choice: 'done' }, dm)),
    ).toContain('done');
    expect(await h.store.actions.get({ tenantId: TENANT, teamId: GROUP, id: 'a2' })).toMatchObject({
      status: 'done',
      due: '2026-12-03',
    });
  });
});
